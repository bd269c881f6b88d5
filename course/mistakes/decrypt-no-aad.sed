# the record header is not passed as additional data
# file: decrypt.c
# fails: decrypt
# names: additional_data
s/course_aead_open(d->suite, d->key, nonce, rec->header,/course_aead_open(d->suite, d->key, nonce, NULL,/
s/^\( *\)COURSE_RECORD_HEADER_LEN, rec->fragment, rec->length, out);/\10, rec->fragment, rec->length, out);/
