# ChangeCipherSpec hashed into the transcript
# file: transcript.c
# fails: transcript
# names: transcript hash
s/if (m->content_type != CT_HANDSHAKE) {/if (m->content_type != CT_HANDSHAKE \&\& m->content_type != CT_CHANGE_CIPHER_SPEC) {/
