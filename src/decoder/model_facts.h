/*
 * model_facts.h — what the decoder found about one record, stored as typed facts for the
 * renderers: the one header the decoding code uses to say anything about a record.
 *
 * Implementation notes
 * --------------------
 * The decoding code (decode_record.c, decode_tls13.c, decode_tls12*.c, decode_print.c,
 * decode_signature.c, decode_infer.c, decode_sslv2.c, dtls_decode.c) never formats text: each
 * thing it finds is one call here, dec_fact_<kind>(r, values...), which appends a struct
 * tls_model_fact to the record's bounded list. Which words a fact becomes is the renderers'
 * business: render_text.c turns a record's facts into its detail text (which the HTML page
 * also shows as the record's reading); the JSON renderer (render_json.c) needs none of them,
 * since the JSON record is the record's public view (struct tls_decoded_record).
 *
 * Adding a fact: a kind below, its values in the union, a dec_fact_ function (model_facts.c)
 * and its case in render_text.c's fact switch.
 *
 * Lifetime and memory: the list is the decoder's one array (TLS_MODEL_MAX_FACTS entries),
 * reused by every record; a record with more facts keeps the first ones and a last "N more"
 * fact. Pointers inside a fact (names, reasons, message bodies, content) must stay valid until
 * the record is written (dec_output_record): constant strings, the record's own bytes, the
 * decrypted buffer, the TCP reassembly buffer (a popped message is valid until the next record
 * of its direction). Bytes that live less long (DTLS reassembly: one message buffer for every
 * message of a record) go through dec_fact_keep(), which copies them to the decoder's fact
 * arena when a renderer will read them.
 */
#ifndef TLS13_DECODER_MODEL_FACTS_H
#define TLS13_DECODER_MODEL_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/direction.h"
#include "crypto/hash.h"
#include "decoder/decode.h"

#define TLS_MODEL_MAX_FACTS 96u          /* per record; the last slot says how many more */
#define TLS_MODEL_FACT_ARENA (4u * 33000u) /* bytes kept for facts of one record (DTLS messages) */

/* The record lines of a TLS record (render_text.c has their words). */
enum dec_record_line {
    DEC_LINE_PLAINTEXT,           /* TLSPlaintext (§5.1) */
    DEC_LINE_PROTECTED13,         /* TLSCiphertext (§5.2) */
    DEC_LINE_PROTECTED12,         /* after a TLS 1.2 ChangeCipherSpec (RFC 5246 §6.2.3) */
    DEC_LINE_BAD_RECORD_MAC,      /* a TLS 1.3 record the logged keys do not open */
    DEC_LINE_CONTINUES,           /* a handshake message continues in the next record */
    DEC_LINE_CCS12,               /* RFC 5246 §7.1 */
    DEC_LINE_CCS13_NOT_ALLOWED,   /* RFC 8446 §5: a CCS value or place TLS 1.3 does not allow */
    DEC_LINE_SSLV2_ENCRYPTED,     /* SSL 2.0: encrypted, not decrypted here */
    DEC_LINE_SSLV2_SERVER_HELLO,  /* SSL 2.0 SERVER-HELLO */
    DEC_LINE_SSLV2_CLIENT_MASTER_KEY,
    DEC_LINE_DTLS_PLAINTEXT,      /* epoch 0 (RFC 6347 §4.1) */
    DEC_LINE_DTLS_CH_SHORT,       /* a DTLS ClientHello too short for its cookie */
    DEC_LINE_DTLS_RETRANSMISSION, /* => retransmission (RFC 6347 §4.2.4) */
    DEC_LINE_DTLS_ACK_MALFORMED,  /* an ACK that does not parse (RFC 9147 §7) */
    DEC_LINE_DTLS_ACK_MALFORMED_DRAFT43, /* the same with NSS's 8-byte record numbers */
};

enum tls_model_fact_kind {
    /* every record */
    TLS_FACT_RECORD_HEADER,       /* number, where, outer header (§5.1) */
    TLS_FACT_LINE,                /* one of enum dec_record_line */
    TLS_FACT_MORE,                /* facts dropped at the bound */
    /* protection */
    TLS_FACT_DECRYPTED,           /* which keys, seq, inner type, content and padding */
    TLS_FACT_NO_MASTER_SECRET,    /* TLS 1.2: does not open; why */
    TLS_FACT_CBC,                 /* TLS 1.2 CBC: MAC and padding checked */
    TLS_FACT_INFERENCE,           /* keyless guess (decode_infer.c) */
    /* content */
    TLS_FACT_CCS13,               /* a TLS 1.3 compatibility ChangeCipherSpec */
    TLS_FACT_ALERT,
    TLS_FACT_HEARTBEAT,
    TLS_FACT_CONTENT,             /* application data or another content type */
    TLS_FACT_REASSEMBLY_STOPPED,
    /* handshake messages */
    TLS_FACT_MESSAGE_HEADER,      /* Handshake type and length (§4) */
    TLS_FACT_MESSAGE_FIELDS,      /* its body, cut by the describer (model.h) */
    TLS_FACT_NOTE,                /* a constant sentence about the message */
    TLS_FACT_NOT_PARSED,          /* a parser's objection */
    TLS_FACT_NEGOTIATED,          /* ServerHello: the version */
    TLS_FACT_COMPRESSION,         /* ServerHello: a compression method other than null */
    TLS_FACT_KEY_UPDATE,          /* §4.6.3: the next generation */
    TLS_FACT_SIGNATURE,           /* CertificateVerify / ServerKeyExchange check */
    TLS_FACT_FINISHED13,          /* §4.4.4 check */
    TLS_FACT_FINISHED12,          /* RFC 5246 §7.4.9 check */
    /* SSL 2.0 (RFC 5246 Appendix E.2) */
    TLS_FACT_SSLV2_HEADER,
    TLS_FACT_SSLV2_CLIENT_HELLO,
    TLS_FACT_SSLV2_MESSAGE,       /* another SSL 2.0 message type */
    /* DTLS (RFC 6347, RFC 9147) */
    TLS_FACT_DTLS_HEADER,
    TLS_FACT_DTLS_HVR_HEADER,     /* HelloVerifyRequest's Handshake header */
    TLS_FACT_DTLS_HVR,            /* its server_version and cookie */
    TLS_FACT_DTLS_REASSEMBLED,    /* a message put together from fragments */
    TLS_FACT_DTLS_COOKIE,         /* a ClientHello's cookie, compared with the HVR's */
    TLS_FACT_DTLS_FRAGMENT,       /* one handshake fragment and what reassembly made of it */
    TLS_FACT_DTLS_NOT_FRAGMENT,   /* bytes that are not a handshake fragment */
    TLS_FACT_DTLS_ACK,
    TLS_FACT_DTLS_CCS,            /* the next epoch */
    TLS_FACT_DTLS_CCS_AGAIN,      /* a CCS of an epoch already left */
    TLS_FACT_DTLS_UNIFIED,        /* a DTLS 1.3 unified header */
    TLS_FACT_DTLS_PROTECTED,      /* epoch > 0 */
    TLS_FACT_DTLS_CID,            /* a tls12_cid record's connection ID */
    TLS_FACT_DTLS_DECRYPTED,
    TLS_FACT_DTLS_COPY,           /* the same epoch and sequence number again */
    TLS_FACT_DTLS13_OPENED,       /* a DTLS 1.3 record opened: its epoch and sequence number */
    TLS_FACT_DTLS13_NOT_OPENED,   /* why a DTLS 1.3 record was not opened */
};

struct tls_model_fact {
    enum tls_model_fact_kind kind;
    enum tls_direction dir;
    union {
        struct { uint64_t number, offset, frame; unsigned token; uint8_t type;
                 uint16_t version, length; } header;             /* RECORD_HEADER */
        enum dec_record_line line;                               /* LINE */
        size_t more;                                             /* MORE */
        struct { const char *keys_name; uint64_t seq; uint8_t inner_type, outer_type;
                 bool has_inner_type; size_t content_len, padding_len; } decrypted;
        const char *text;        /* NO_MASTER_SECRET (why, or ""), NOTE, REASSEMBLY_STOPPED,
                                    DTLS13_NOT_OPENED */
        struct { bool etm; const char *mac_name; size_t padding; } cbc;
        struct { const char *inferred, *alternatives, *reason; } inference;
        unsigned value;          /* CCS13 value, NEGOTIATED version, KEY_UPDATE generation */
        struct { uint8_t level, description; size_t len; const char *parse_error; } alert;
        struct { unsigned type; size_t payload_length, len; } heartbeat;
        struct { uint8_t type; const uint8_t *data; size_t len; bool show_data; } content;
        struct { const char *name; uint8_t type; uint32_t length; } message;
        struct { uint8_t type; const uint8_t *body; size_t len; bool tls12; } fields;
        struct { const char *message, *reason; } not_parsed;
        struct { uint8_t method; bool tls13; } compression;
        struct { int status; const char *reason; } signature;
        struct { int status; bool have_secret; uint8_t th[TLS_MAX_HASH_LEN];
                 uint8_t expected[TLS_MAX_HASH_LEN]; uint8_t thl, hl; } finished13;
        struct { enum tls_hash_alg prf_hash; int status; } finished12;
        struct { uint64_t number, offset, frame; unsigned token; size_t hdr, len; } sslv2;
        struct { uint16_t version; const uint8_t *specs; size_t cs, sid, chal; } sslv2_hello;
        struct { uint64_t number, sequence_number, frame; unsigned datagram, token;
                 size_t offset; bool unified; uint8_t type; uint16_t version, epoch,
                 length; } dtls;
        struct { uint32_t length; unsigned message_seq; } hvr_header;
        struct { bool ok; uint16_t version; const uint8_t *cookie; size_t cookie_len; } hvr;
        struct { const char *name; unsigned message_seq, fragments; } reassembled;
        struct { const uint8_t *cookie; size_t len; bool hvr_seen, same; } cookie;
        struct { const char *name; uint8_t type; unsigned message_seq; uint32_t offset,
                 fragment_length, length; int status; } fragment;
        struct { size_t len; const char *reason; } not_fragment;
        struct { const uint8_t *data; size_t len; bool nss_draft; } ack;
        struct { unsigned epoch; uint64_t sequence_number; } epoch; /* CCS, CCS_AGAIN,
                                                        PROTECTED, COPY */
        struct { uint8_t flags; unsigned epoch; size_t cid_len; unsigned seq_bits;
                 uint16_t length; } unified;
        struct { const uint8_t *cid; size_t len; } cid;
        struct { unsigned epoch; uint64_t sequence_number; size_t len; uint8_t type; } dtls_decrypted;
        struct { uint8_t flags; unsigned seq_bits, epoch; uint64_t seq_sent, sequence_number;
                 bool nss_nonce; } dtls13;                  /* DTLS13_OPENED */
    } u;
};

/* A record's facts: a view of the decoder's array (one record at a time). */
struct tls_model_facts {
    struct tls_model_fact *items;     /* TLS_MODEL_MAX_FACTS */
    size_t count;
    size_t dropped;                   /* facts past the bound (the last item says so) */
    bool keep;                        /* dec_fact_keep() copies bytes */
    uint8_t *arena;                   /* TLS_MODEL_FACT_ARENA bytes for them (or NULL) */
    size_t arena_used;
};

/* ---- recording (model_facts.c): the decoding code's only way to describe a record --------- */

struct dec_record;
struct tls_decoded_record;
struct tls_record;
struct dec_chunk_start;
struct dtls_record;
struct tls_stream_datagram;

/* Bytes that must outlive their buffer until the record is written: copied to the arena
   when the record keeps bytes (a renderer will read them), else returned as they are. NULL
   when the arena is full (the fact then says its bytes are not shown). */
const uint8_t *dec_fact_keep(struct dec_record *r, const uint8_t *p, size_t n);

void dec_fact_record_header(struct dec_record *r, uint64_t number, enum tls_direction dir,
                            const struct dec_chunk_start *where, uint64_t offset,
                            const struct tls_record *rec);
void dec_fact_line(struct dec_record *r, enum dec_record_line line, enum tls_direction dir);
void dec_fact_ccs13(struct dec_record *r, unsigned value);
/* From r's own view (inner type, content and padding lengths, keys, seq). */
void dec_fact_decrypted(struct dec_record *r, enum tls_direction dir, uint8_t outer_type);
void dec_fact_no_master_secret(struct dec_record *r, const char *why);
void dec_fact_cbc(struct dec_record *r, bool etm, const char *mac_name, size_t padding);
void dec_fact_heartbeat(struct dec_record *r, unsigned type, size_t payload_length, size_t len);
/* parse_error NULL: the alert in r's view */
void dec_fact_alert(struct dec_record *r, size_t len, const char *parse_error);
void dec_fact_content(struct dec_record *r, uint8_t type, const uint8_t *content, size_t len,
                      bool show_data);
void dec_fact_reassembly_stopped(struct dec_record *r, const char *reason);
/* From r's view (inferred, alternatives, reason). */
void dec_fact_inference(struct dec_record *r);
void dec_fact_signature(struct dec_record *r, enum tls_direction dir,
                        enum tls_finished_status status, const char *reason);
/* th NULL: no secret to check with */
void dec_fact_finished13(struct dec_record *r, enum tls_direction dir, enum tls_finished_status st,
                         const uint8_t *th, size_t thl, const uint8_t *expected, size_t hl);
void dec_fact_finished12(struct dec_record *r, enum tls_hash_alg prf_hash,
                         enum tls_finished_status st);
/* A constant sentence (or a parser's constant reason). */
void dec_fact_note(struct dec_record *r, const char *line);
/* message NULL: "not parsed: reason"; else "not a valid <message>: reason" */
void dec_fact_not_parsed(struct dec_record *r, const char *message, const char *reason);
void dec_fact_negotiated(struct dec_record *r, uint16_t version);
void dec_fact_compression(struct dec_record *r, uint8_t method, bool tls13);
void dec_fact_key_update(struct dec_record *r, enum tls_direction dir, unsigned next_generation);
void dec_fact_message_header(struct dec_record *r, const char *name, uint8_t type, uint32_t length);
void dec_fact_message_fields(struct dec_record *r, uint8_t msg_type, const uint8_t *body,
                             size_t len, bool tls12);

void dec_fact_sslv2_header(struct dec_record *r, uint64_t number, enum tls_direction dir,
                           const struct dec_chunk_start *where, uint64_t offset, size_t hdr,
                           size_t len);
void dec_fact_sslv2_client_hello(struct dec_record *r, uint16_t version, const uint8_t *specs,
                                 size_t cs, size_t sid, size_t chal);
void dec_fact_sslv2_message(struct dec_record *r, unsigned type);

void dec_fact_dtls_header(struct dec_record *r, uint64_t number, enum tls_direction dir,
                          const struct tls_stream_datagram *dg, size_t offset,
                          const struct dtls_record *rec);
void dec_fact_dtls_hvr_header(struct dec_record *r, uint32_t length, unsigned message_seq);
/* ok false: it does not parse */
void dec_fact_dtls_hvr(struct dec_record *r, bool ok, uint16_t version, const uint8_t *cookie,
                       size_t cookie_len);
void dec_fact_dtls_reassembled(struct dec_record *r, const char *name, unsigned message_seq,
                               unsigned fragments);
void dec_fact_dtls_cookie(struct dec_record *r, const uint8_t *cookie, size_t len, bool hvr_seen,
                          bool same);
void dec_fact_dtls_fragment(struct dec_record *r, const char *name, uint8_t type,
                            unsigned message_seq, uint32_t offset, uint32_t fragment_length,
                            uint32_t length, int status);
void dec_fact_dtls_not_fragment(struct dec_record *r, size_t len, const char *reason);
/* nss_draft: NSS's draft-43 ACK, each record number one uint64 (epoch 16 bits || sequence 48) */
void dec_fact_dtls_ack(struct dec_record *r, const uint8_t *data, size_t len, bool nss_draft);
/* A DTLS 1.3 record opened (dtls13_keys.c): the header's flags and sequence bits as sent, the
   full epoch and sequence number (RFC 9147 §4.2.2), and which nonce opened it. */
void dec_fact_dtls13_opened(struct dec_record *r, uint8_t flags, unsigned seq_bits, uint64_t seq_sent,
                            unsigned epoch, uint64_t sequence_number, bool nss_nonce);
/* why: a constant reason */
void dec_fact_dtls13_not_opened(struct dec_record *r, const char *why);
void dec_fact_dtls_epoch(struct dec_record *r, enum tls_model_fact_kind kind, enum tls_direction dir,
                         unsigned epoch, uint64_t sequence_number);
void dec_fact_dtls_unified(struct dec_record *r, uint8_t flags, unsigned epoch, size_t cid_len,
                           unsigned seq_bits, uint16_t length);
void dec_fact_dtls_cid(struct dec_record *r, const uint8_t *cid, size_t len);
void dec_fact_dtls_decrypted(struct dec_record *r, enum tls_direction dir, unsigned epoch,
                             uint64_t sequence_number, size_t len, uint8_t type);

#endif
