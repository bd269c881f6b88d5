# a misspelt label: "c hs traffc"
# file: handshake_keys.c
# fails: handshake_keys
# names: client_handshake_traffic_secret
s/"c hs traffic", hello_hash/"c hs traffc", hello_hash/
