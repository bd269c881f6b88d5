# the 5-byte record header hashed with each message
# file: transcript.c
# fails: transcript
# names: transcript hash
s/    memcpy(t->bytes + t->len, m->bytes, m->len);/    memcpy(t->bytes + t->len, m->record_header, COURSE_RECORD_HEADER_LEN);\n    t->len += COURSE_RECORD_HEADER_LEN;\n    memcpy(t->bytes + t->len, m->bytes, m->len);/
