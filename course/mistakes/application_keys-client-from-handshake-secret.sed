# the client secret derived with the handshake secret instead of the Master Secret
# file: application_keys.c
# fails: application_keys
# names: client_application_traffic_secret_0
s/course_derive_secret(hl, out->master_secret, "c ap traffic"/course_derive_secret(hl, handshake_secret, "c ap traffic"/
