# the next secret with the label "traffic update"
# file: post_handshake.c
# fails: post_handshake
# names: server_application_traffic_secret_1
s/"traffic upd"/"traffic update"/
