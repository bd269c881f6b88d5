# close_notify recognised only at level warning
# file: post_handshake.c
# fails: post_handshake
# names: close_notify
s/if (p\[1\] == ALERT_CLOSE_NOTIFY) {/if (p[0] == 1 \&\& p[1] == ALERT_CLOSE_NOTIFY) {/
