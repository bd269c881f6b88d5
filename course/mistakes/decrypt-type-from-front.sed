# the inner content type read from the wrong end (the first byte)
# file: decrypt.c
# fails: decrypt
# names: content type
s/pt->type = out\[n - 1\];/pt->type = out[0];/
