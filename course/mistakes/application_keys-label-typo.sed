# a misspelt label: "s ap trafic"
# file: application_keys.c
# fails: application_keys
# names: server_application_traffic_secret_0
s/"s ap traffic"/"s ap trafic"/
