# the read sequence number is not incremented after a record (RFC 8446 §5.3)
# file: decrypt.c
# fails: decrypt
# names: sequence number
# live: decrypt_record\(\) failed: COURSE_ALERT\(bad_record_mac
0,/d->seq++;/s/d->seq++;/(void)0;/
