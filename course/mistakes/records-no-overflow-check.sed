# the header's length is not checked against 2^14 + 256: the client waits for a body it must refuse
# file: records.c
# fails: records
# names: record_overflow
s/if (length > COURSE_MAX_CIPHERTEXT_LEN) {/if (length > 65535) {/
