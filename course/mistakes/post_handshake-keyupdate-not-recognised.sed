# KeyUpdate not recognised: its handshake type taken as 23 (application_data's content type)
# file: post_handshake.c
# fails: post_handshake
# names: KeyUpdate
s/    case HS_KEY_UPDATE:/    case 23:/
