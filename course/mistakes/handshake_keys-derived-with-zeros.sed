# "derived" computed with zeros instead of Hash("") as the transcript hash
# file: handshake_keys.c
# fails: handshake_keys
# names: handshake_secret
s/derive_secret(hl, early_secret, "derived", empty_hash, derived)/derive_secret(hl, early_secret, "derived", zeros, derived)/
