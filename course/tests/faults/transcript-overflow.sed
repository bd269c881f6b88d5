# not a realistic mistake: update_transcript() writes past the end of a heap buffer
# file: transcript.c
# fails: transcript
# names: AddressSanitizer
s/^    memcpy(t->bytes + t->len, m->bytes, m->len);$/    memcpy(t->bytes + sizeof(t->bytes) - 1, m->bytes, m->len);/
