# the label prefix written "tls13" without its space
# file: handshake_keys.c
# fails: handshake_keys
# names: HKDF-Expand-Label
s/prefix\[\] = "tls13 ";/prefix[] = "tls13";/
