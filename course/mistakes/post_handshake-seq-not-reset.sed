# the sequence number kept after a KeyUpdate
# file: post_handshake.c
# fails: post_handshake
# names: sequence number
s/    d->seq = 0; \/\* §5.3/    (void)0; \/* §5.3/
