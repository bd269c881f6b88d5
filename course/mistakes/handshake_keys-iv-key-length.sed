# the iv expanded to key_length bytes instead of iv_length
# file: handshake_keys.c
# fails: handshake_keys
# names: write_iv
s/"iv", NULL, 0, d->iv, suite->iv_len)/"iv", NULL, 0, d->iv, suite->key_len)/
