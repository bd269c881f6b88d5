# the server's Finished checked with the client's handshake traffic secret
# file: finished.c
# fails: finished
# names: verify_data
s/compute_verify_data(hl, keys->server.secret, transcript_hash, expected)/compute_verify_data(hl, keys->client.secret, transcript_hash, expected)/
