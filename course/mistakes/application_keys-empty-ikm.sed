# the Master Secret extracted from an empty IKM instead of Hash.length zeros
# file: application_keys.c
# fails: application_keys
# names: master_secret
s/course_hkdf_extract(hl, derived, hl, zeros, hl, out->master_secret)/course_hkdf_extract(hl, derived, hl, zeros, 0, out->master_secret)/
