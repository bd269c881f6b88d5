# the zero padding is not stripped: the type is taken from the very last byte
# file: decrypt.c
# fails: decrypt
# names: content type
s/while (n > 0 \&\& out\[n - 1\] == 0) {/while (0) {/
