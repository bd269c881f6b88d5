# the server's verify_data is computed but never compared
# file: finished.c
# fails: finished
# names: decrypt_error
s/if (course_memcmp_ct(expected, finished + COURSE_HANDSHAKE_HEADER_LEN, hl) != 0) {/if (course_memcmp_ct(expected, expected, hl) != 0) {/
