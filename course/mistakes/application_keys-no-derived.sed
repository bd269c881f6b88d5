# the Master Secret extracted with the Handshake Secret as salt, skipping "derived"
# file: application_keys.c
# fails: application_keys
# names: master_secret
s/course_hkdf_extract(hl, derived, hl, zeros, hl, out->master_secret)/course_hkdf_extract(hl, handshake_secret, hl, zeros, hl, out->master_secret)/
