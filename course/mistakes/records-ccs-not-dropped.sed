# ChangeCipherSpec handed on as a record instead of being dropped (RFC 8446 §5)
# file: records.c
# fails: records
# names: COURSE_DROP
s/if (type == CT_CHANGE_CIPHER_SPEC) {/if (type == 0xff) {/
