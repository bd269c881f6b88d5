/*
 * handshake_rfc8448_msgs.h — RFC 8448's handshake messages and transcript hashes as C rows
 * (test_hs_messages, test_transcript). Hex is lowercase without separators.
 */
#ifndef TLS13_TEST_HANDSHAKE_RFC8448_MSGS_H
#define TLS13_TEST_HANDSHAKE_RFC8448_MSGS_H

#include <stddef.h>

/* One handshake message (header included), in the order of its section's transcript. */
struct hs_msg_row {
    const char *section; /* "3" .. "7" */
    int line;            /* line of the value in rfc8448.txt */
    const char *side;    /* "client" / "server" */
    const char *name;    /* RFC 8448's label: "ClientHello", "ServerHello", ... */
    const char *hex;
};

/* A transcript hash RFC 8448 feeds to Derive-Secret: the hash of the first `messages` messages
 * of the section (ClientHello1 replaced by message_hash in §5, RFC 8446 §4.4.1). */
struct transcript_row {
    const char *section;
    int line;            /* line of the "hash" value */
    const char *step;    /* e.g. derive secret "tls13 c hs traffic" */
    int messages;
    const char *hex;
};

extern const struct hs_msg_row hs_msg_rows[];
extern const size_t hs_msg_rows_count;
extern const struct transcript_row transcript_rows[];
extern const size_t transcript_rows_count;

#endif
