# a handshake record's whole length reported as consumed, though it may hold several messages
# file: post_handshake.c
# fails: post_handshake
# names: consumed
s/\*consumed = COURSE_HANDSHAKE_HEADER_LEN + body_len;/*consumed = pt->length;/
