# every record's content hashed, application data and alerts included
# file: transcript.c
# fails: transcript
# names: transcript hash
s/if (m->content_type != CT_HANDSHAKE) {/if (m->len == 0) {/
