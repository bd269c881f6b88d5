# not a realistic mistake: decrypt_record() writes through a NULL pointer (a crash must fail
# this exercise only, with the sanitizer's diagnosis)
# file: decrypt.c
# fails: decrypt
# names: crashed
s/^    make_nonce(d, nonce);$/    make_nonce(d, nonce);\n    ((struct course_plaintext *volatile)0)->length = 1;/
