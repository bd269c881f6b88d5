# the sequence number XORed into the first bytes of the iv instead of the last
# file: decrypt.c
# fails: decrypt
# names: nonce
s/nonce\[COURSE_IV_LEN - 1 - i\] ^=/nonce[i] ^=/
