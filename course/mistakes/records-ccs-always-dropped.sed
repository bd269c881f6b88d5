# a CCS dropped even when it may not arrive (ccs_allowed ignored)
# file: records.c
# fails: records
# names: unexpected_message
s/if (!ccs_allowed || length != 1/if (length != 1/
