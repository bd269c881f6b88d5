/*
 * profile.h — a "connection profile": what one decoded connection offered, negotiated and
 * sent, in a form two connections can be compared by (`tls13 compare`), and the comparison.
 *
 * Implementation notes
 * --------------------
 * A profile is filled from the decoder's public observers only (decode.h: on_message,
 * on_record, on_stream_end, on_connection_end), so it never depends on how the decoder prints.
 * Handshake messages are read again with the src/handshake parsers (ClientHello §4.1.2,
 * ServerHello §4.1.3, EncryptedExtensions §4.3.1, CertificateVerify §4.4.3, NewSessionTicket
 * §4.6.1); records come as the decoder reports them (outer type and length, inner type and
 * padding when decrypted, the messages each one completes, or the keyless guess).
 *
 * What a profile holds:
 *   ClientHello     every list in wire order (cipher suites, groups, key shares, signature
 *                   algorithms, versions) and every extension with its length and value; the
 *                   second ClientHello too after a HelloRetryRequest (§4.1.4);
 *   negotiated      version, suite, group, signature scheme, HRR, PSK mode / resumption,
 *                   ALPN, 0-RTT, extended_master_secret (TLS 1.2);
 *   records         the first TLS_PROFILE_MAX_RECORDS records in the order they were sent,
 *                   each with what it carries; the handshake ends with the client's Finished
 *                   (`handshake_records` of them), flights are runs of one direction;
 *   after           NewSessionTickets (count, sizes, lifetimes when decrypted), KeyUpdates,
 *                   application data, and who closed first and how (close_notify, FIN, RST);
 *   DTLS            (RFC 6347) the ClientHello's cookie (§4.2.1; the ClientHello after a
 *                   HelloVerifyRequest is hello[1], as after a HelloRetryRequest), each record's
 *                   epoch, sequence number and datagram, the fragments it carries (§4.2.2) and
 *                   whether it is a retransmission (§4.2.4), how each handshake message was cut,
 *                   and each side's largest datagram (set against Schannel's default MTU).
 *                   A record's bytes on the wire are then its header (13 bytes, or a
 *                   DTLS 1.3 unified header) + length.
 *
 * The comparison (tls_profile_diff) is symmetric by construction: lists are walked in the
 * order of the union of their values sorted by code point, records by index, so that
 * exchanging A and B exchanges "only in A" with "only in B" and the two values of each
 * difference, and nothing else (tests/cli/test_compare_cli.sh checks it on the JSON).
 *
 * Memory: a profile is one flat struct (about 28 KB), a comparison about 2.4 MB (the caller
 * allocates both); nothing is allocated here, nothing per record.
 */
#ifndef TLS13_DECODER_PROFILE_H
#define TLS13_DECODER_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder/decode.h"

#define TLS_PROFILE_MAX_LIST 64u       /* values kept per ClientHello list */
#define TLS_PROFILE_MAX_SHARES 8u      /* key shares kept per ClientHello */
#define TLS_PROFILE_MAX_EXTS 32u       /* extensions kept per ClientHello (TLS_MAX_EXTENSIONS) */
#define TLS_PROFILE_MAX_RECORDS 64u    /* records kept per connection */
#define TLS_PROFILE_MAX_RECORD_MSGS 8u /* handshake messages named per record */
#define TLS_PROFILE_MAX_TICKETS 8u     /* NewSessionTickets described */
#define TLS_PROFILE_VALUE_LEN 240u     /* an extension's value as text */
#define TLS_PROFILE_RECORD_BYTES 512u  /* bytes of each record kept (the HTML page shows them) */
#define TLS_PROFILE_MAX_MESSAGES 24u   /* DTLS: handshake messages whose cutting is kept */

struct tls_profile_extension {
    uint16_t type;
    uint16_t length;                   /* extension_data length */
    uint32_t offset;                   /* where the Extension (type first) starts in its
                                          handshake message, 4-byte header included */
    char value[TLS_PROFILE_VALUE_LEN]; /* what it says ("h2,http/1.1", "x25519:32"), or hex */
};

struct tls_profile_list {
    uint16_t v[TLS_PROFILE_MAX_LIST];
    size_t count;                      /* kept (at most TLS_PROFILE_MAX_LIST) */
};

/* One ClientHello (RFC 8446 §4.1.2) as offered. */
struct tls_profile_hello {
    bool present;
    size_t record;                     /* 1-based index of the record that completed it */
    uint32_t length;                   /* Handshake.length */
    uint16_t legacy_version;
    uint8_t session_id_len;
    uint8_t compression_count;
    int cookie_len;                    /* DTLS (RFC 6347 §4.2.1): the cookie's length; -1 in TLS */
    struct tls_profile_list cipher_suites;
    struct tls_profile_list supported_groups;
    struct tls_profile_list signature_algorithms;
    struct tls_profile_list supported_versions;
    struct {
        uint16_t group;
        uint16_t length;
    } key_shares[TLS_PROFILE_MAX_SHARES];
    size_t key_share_count;
    struct tls_profile_extension ext[TLS_PROFILE_MAX_EXTS];
    size_t ext_count;
};

/* What the two sides agreed on; 0 / false / "" when unknown. */
struct tls_profile_negotiated {
    uint16_t version;
    uint16_t cipher_suite;
    uint16_t group;
    uint16_t signature_scheme;         /* CertificateVerify (1.3) or ServerKeyExchange (1.2) */
    bool hello_retry_request;
    bool resumed;
    const char *psk_mode;              /* "psk_dhe_ke", "psk_ke", "session_id", "ticket" or NULL */
    bool alpn_known;                   /* ServerHello (1.2) or decrypted EncryptedExtensions */
    char alpn[64];
    bool early_data_offered;
    int early_data_accepted;           /* 1 yes, 0 no, -1 unknown (EncryptedExtensions not read) */
    bool extended_master_secret;       /* TLS 1.2 ServerHello (RFC 7627) */
    bool keys;                         /* the key log had this connection's secrets */
    bool hello_verify_request;         /* DTLS: RFC 6347 §4.2.1 cookie exchange */
    bool cookie_echoed;                /* and the second ClientHello echoed the cookie */
};

/* One record as sent. */
struct tls_profile_record {
    enum tls_direction dir;
    uint8_t outer_type;
    uint16_t length;                   /* the header's length field */
    unsigned token;                    /* token traces: token index; else 0 */
    bool is_protected;
    bool decrypted;
    uint8_t inner_type;                /* decrypted TLS 1.3: TLSInnerPlaintext.type, else 0 */
    uint32_t content_len;              /* decrypted */
    uint32_t padding_len;              /* decrypted TLS 1.3 */
    uint8_t message_count;
    uint8_t msg_type[TLS_PROFILE_MAX_RECORD_MSGS];
    uint32_t msg_len[TLS_PROFILE_MAX_RECORD_MSGS];
    /* DTLS: messages[] are the record's fragments (RFC 6347 §4.2.2), msg_len their message's */
    bool dtls;
    uint8_t header_len;                /* 13, or a DTLS 1.3 unified header's (RFC 9147 §4) */
    uint16_t epoch;
    uint64_t sequence_number;
    unsigned datagram;                 /* the datagram's index in its direction, from 1 */
    bool retransmission;               /* RFC 6347 §4.2.4: nothing new in it */
    uint16_t msg_seq[TLS_PROFILE_MAX_RECORD_MSGS];
    uint32_t frag_offset[TLS_PROFILE_MAX_RECORD_MSGS];
    uint32_t frag_len[TLS_PROFILE_MAX_RECORD_MSGS];
    bool guess;                        /* `what` is the decoder's keyless inference */
    uint16_t bytes_len;                /* bytes kept: the first TLS_PROFILE_RECORD_BYTES */
    uint8_t bytes[TLS_PROFILE_RECORD_BYTES]; /* the record as sent, header first */
    char what[96];                     /* "ServerHello", "ChangeCipherSpec", "Finished?", ... */
};

struct tls_profile_after {
    unsigned tickets;                  /* NewSessionTickets (decrypted, or inferred) */
    uint32_t ticket_record_len[TLS_PROFILE_MAX_TICKETS]; /* the record's length field */
    uint32_t ticket_msg_len[TLS_PROFILE_MAX_TICKETS];    /* Handshake.length, 0 unknown */
    uint32_t ticket_lifetime[TLS_PROFILE_MAX_TICKETS];   /* seconds, when decrypted */
    bool ticket_decrypted[TLS_PROFILE_MAX_TICKETS];
    unsigned key_updates[2];
    uint64_t data_records[2];          /* application data after the handshake */
    uint64_t data_bytes[2];            /* their length fields */
    int close_notify_rank[2];          /* 1: first alert that closes the connection, 2: second */
    const char *close_how[2];          /* per direction: "close_notify", "alert", "encrypted
                                          alert (close_notify?)", or NULL */
    int other_alert[2];                /* the first other alert description sent, -1 none */
    uint8_t fin_rank[2];               /* stream.h */
    bool rst[2];
    enum tls_stream_end_reason end;
    int closes_first;                  /* enum tls_direction, or -1 when nobody closed */
    const char *closes_how;            /* "close_notify", "alert", "FIN", "RST" or NULL */
};

/* DTLS: one handshake message as first sent, and how it was cut into fragments. */
struct tls_profile_message {
    enum tls_direction dir;
    uint8_t type;
    uint16_t message_seq;
    uint32_t length;                   /* the message's length (body) */
    unsigned fragments;                /* fragments of its first transmission */
    char cuts[120];                    /* "0+487,487+487,974+242" (offset+length) */
};

struct tls_profile_dtls {
    size_t largest_datagram[2];        /* per direction: the largest UDP payload, bytes */
    unsigned datagrams[2];             /* per direction, in the handshake */
    unsigned retransmitted[2];         /* records that repeat earlier ones, per direction */
    struct tls_profile_message msg[TLS_PROFILE_MAX_MESSAGES];
    size_t msg_count;
};

struct tls_profile {
    char input[256];                   /* the input's name */
    unsigned conn_id;
    char client[64];                   /* "192.0.2.1:50000" or "client" */
    char server[64];
    bool ended;                        /* the connection's summary arrived */
    struct tls_profile_hello hello[2]; /* [1]: the ClientHello after a HelloRetryRequest */
    struct tls_profile_negotiated neg;
    struct tls_profile_record records[TLS_PROFILE_MAX_RECORDS];
    size_t record_count;               /* kept */
    uint64_t records_total;            /* all the connection's records */
    size_t handshake_records;          /* records[0..handshake_records) are the handshake */
    bool handshake_complete;           /* the client's Finished was found */
    struct tls_profile_after after;
    bool dtls;                         /* a DTLS connection (dtls_info applies) */
    struct tls_profile_dtls dtls_info;
};

/*
 * The observer: hand its callbacks to the decoder (tls_profile_observe), decode one input, and
 * the profile of connection `want` (decode.h's conn_id, 1-based, in order of appearance) is in
 * *out when out->ended; `connections` counts those the input held.
 */
struct tls_profile_collector {
    unsigned want;
    struct tls_profile *out;
    unsigned connections;
    /* private */
    bool saw_ch_in_record;
    bool finished_seen;
    uint8_t pending_msgs;              /* messages of the record being decoded */
    uint8_t pending_type[TLS_PROFILE_MAX_RECORD_MSGS];
    uint32_t pending_len[TLS_PROFILE_MAX_RECORD_MSGS];
    unsigned record_tickets;           /* NewSessionTickets read in the record being decoded */
    int close_rank;
};

void tls_profile_collector_init(struct tls_profile_collector *pc, struct tls_profile *out,
                                unsigned want, const char *input);
/* Sets on_message, on_record, on_stream_end, on_connection_end and observer_ctx. */
void tls_profile_observe(struct tls_profile_collector *pc, struct tls_decode_options *opt);

/* profile.c: the on_message observer that tls_profile_observe sets (ctx: the collector). */
void on_profile_message(void *ctx, unsigned conn_id, enum tls_direction dir,
                        const struct tls_handshake_message *msg);

/* ---- the comparison ---------------------------------------------------------------------- */

enum tls_profile_diff_kind {
    TLS_DIFF_SAME,        /* in both, equal (a row of the side-by-side view, not a difference) */
    TLS_DIFF_ONLY_A,      /* offered/sent by A only */
    TLS_DIFF_ONLY_B,
    TLS_DIFF_VALUE,       /* in both, different value */
    TLS_DIFF_POSITION,    /* in both, same value, different position in the list */
};

#define TLS_PROFILE_MAX_ROWS 768u

/* One compared item: a row of the side-by-side view; a difference unless kind is SAME. */
struct tls_profile_difference {
    const char *section;  /* "client_hello", "client_hello_2", "negotiated", "flights", "after" */
    char item[96];        /* "cipher_suites TLS_AES_256_GCM_SHA384", "version", "flight 3" */
    enum tls_profile_diff_kind kind;
    int32_t extension;    /* an extension's row: its type (renderers link its bytes), else -1 */
    char a[480];          /* A's value ("#2" = position in the list), "" when absent */
    char b[480];
    char why_a[1024];     /* what A's value is made of (sizes), or "" */
    char why_b[1024];
};

struct tls_profile_diff {
    struct tls_profile_difference d[TLS_PROFILE_MAX_ROWS];
    size_t count;         /* rows */
    size_t differences;   /* rows whose kind is not SAME */
    bool truncated;       /* more than TLS_PROFILE_MAX_ROWS rows: the rest were dropped */
};

void tls_profile_diff(const struct tls_profile *a, const struct tls_profile *b,
                      struct tls_profile_diff *out);

const char *tls_profile_diff_kind_name(enum tls_profile_diff_kind k); /* "only_a", ... */

/* ---- helpers shared by the renderers ----------------------------------------------------- */

/* Flights: runs of records of one direction within the handshake. Fills first[]/count[] (at
   most cap) and returns the number of flights. */
size_t tls_profile_flights(const struct tls_profile *p, size_t *first, size_t *count, size_t cap);

/* A record's header: 5 bytes (TLS, RFC 8446 §5.1), 13 (DTLS, RFC 6347 §4.1) or a DTLS 1.3
   unified header's length (RFC 9147 §4). */
static inline uint32_t tls_profile_record_header_len(const struct tls_profile_record *r)
{
    return r->dtls ? r->header_len : 5u;
}

/* Bytes of a record on the wire: header + length. */
static inline uint32_t tls_profile_record_bytes(const struct tls_profile_record *r)
{
    return tls_profile_record_header_len(r) + r->length;
}

/* What a record's length is made of, when it is known ("74 = 5 header + 4+48 Finished + 1
   type + 0 padding + 16 tag"); "" otherwise. hash_len: the suite's hash length, or 0. */
void tls_profile_record_breakdown(const struct tls_profile *p, const struct tls_profile_record *r,
                                  char *out, size_t cap);

const char *tls_profile_dir_name(int dir); /* "client", "server", "nobody" */

#endif
