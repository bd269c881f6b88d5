/*
 * decode_internal.h — state shared by the decoder's files (decode.h says what each does):
 *   decode_stream.c   stream events -> records (start of TLS, deframing, gaps), connection life
 *   decode_record.c   one record: keys, decryption, handshake reassembly, alerts, data
 *   decode_tls13.c    TLS 1.3 messages: key installation, transcript, Finished verification
 *   decode_print.c    what the hellos and the TLS 1.3 messages decide (offers, negotiation)
 *   render_text.c     the text of the record details: message fields (the describer, model.h),
 *                     record lines, verdicts; the files above only find the facts
 *   decode_tls12.c    TLS 1.2 messages and the resumption diagnosis (RFC 5246, 5077, 7627)
 *   decode_tls12_keys.c  TLS 1.2 PRF, key block, AEAD records, Finished (RFC 5246, 5288, 7905)
 *   decode_tls12_cbc.c   TLS 1.2 CBC records, MAC-then-encrypt or encrypt_then_mac (RFC 5246, 7366)
 *   decode_signature.c   certificates, CertificateVerify and ServerKeyExchange signatures
 *   decode_infer.c    keyless inferences for protected records
 *   decode_output.c   ladder, details and JSON
 *   decode_model.c    the model (model.h) of records, secrets and checks, for the renderers
 *   render_html.c     the HTML renderer (docs/decoder-html.md)
 */
#ifndef TLS13_DECODER_DECODE_INTERNAL_H
#define TLS13_DECODER_DECODE_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/cbc.h"
#include "crypto/key_schedule.h"
#include "crypto/x509.h"
#include "decoder/decode.h"
#include "decoder/model.h"
#include "handshake/key_changes.h"
#include "handshake/extensions.h"
#include "handshake/transcript.h"
#include "record/protect.h"
#include "record/reassembly.h"

/* ---- growable text ----------------------------------------------------------------- */

struct dec_text {
    char *data;       /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    size_t limit;     /* 0: TLS_DECODE_MAX_OUTPUT */
    size_t *budget;   /* bytes all kept output may still take (shared), or NULL */
    bool truncated;   /* the limit was hit: later text was dropped */
    bool discard;     /* nobody reads this text (a record's detail in a JSON run): write nothing */
};

void dec_text_printf(struct dec_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dec_text_append(struct dec_text *t, const char *s, size_t n);
void dec_text_hex(struct dec_text *t, const uint8_t *p, size_t n);
/* JSON string literal with quotes and escapes. */
void dec_text_json_string(struct dec_text *t, const char *s);
void dec_text_free(struct dec_text *t);

/* ---- per direction -------------------------------------------------------------------- */

/* TLS 1.2 allows 2048 bytes of expansion (RFC 5246 §6.2.3); TLS 1.3 256 (§5.2). */
#define DEC_MAX_RECORD_BODY (TLS_MAX_PLAINTEXT_LEN + 2048u)
#define DEC_RECORD_BUF (TLS_RECORD_HEADER_LEN + DEC_MAX_RECORD_BODY)
/* Bytes kept per direction: a prefix (RDP, HTTP) being skipped, or records being collected. */
#define DEC_BUF_CAP 65536u

struct dec_chunk_start {
    uint64_t offset;               /* stream offset of a chunk's first byte */
    unsigned token;
    uint64_t frame;
};

#define DEC_CHUNK_RING 32u

struct dec_direction {
    bool started;                  /* record boundaries known */
    bool desynced;                 /* after a gap or garbage: looking for a record header again */
    bool ended;
    uint8_t *buf;                  /* DEC_BUF_CAP bytes (heap): prefix, or records being collected */
    size_t buf_len;
    uint64_t buf_offset;           /* stream offset of buf[0] */
    struct dec_chunk_start chunks[DEC_CHUNK_RING]; /* where recent chunks began (tokens, frames) */
    size_t chunk_next;
    uint64_t prefix_bytes;         /* bytes skipped before the first record */
    enum tls_start_prefix prefix;  /* what tls_find_tls_start() last took them for */
    uint64_t skip_start;           /* while desynced: offset of the first byte skipped */
    uint64_t skip_len;             /* how many bytes were skipped since */
    uint8_t skip_head[4];          /* the first of them, for the report */

    /* record protection (RFC 8446 §5.2) */
    struct tls_record_direction keys;
    const char *keys_name;         /* "handshake", "application", "early" */
    struct tls_record_direction pending;
    const char *pending_name;
    bool has_pending;
    uint8_t app_secret[TLS_MAX_HASH_LEN]; /* application_traffic_secret_N, for "traffic upd" */
    bool has_app_secret;
    unsigned generation;           /* N of the application traffic secret */
    /* the key change this direction's last message makes for its next record (App. A.1, read
       from the client's state table: tls13_key_changes()): application keys after a Finished,
       the handshake keys after EndOfEarlyData, generation N+1 after a KeyUpdate */
    enum tls_key_change change_after;

    bool ccs_seen;                 /* a ChangeCipherSpec record was sent */
    bool sslv2_encrypted;          /* SSL 2.0: this side's records are encrypted from now on */
    struct tls_traffic_keys tls12_keys; /* TLS 1.2 write key and IV (decode_tls12_keys.c) */
    uint64_t tls12_seq;            /* TLS 1.2 records since the CCS (RFC 5246 §6.1 seq_num) */
    uint8_t tls12_mac_key[TLS_MAX_MAC_LEN]; /* CBC suites: MAC_write_key (decode_tls12_cbc.c) */
    unsigned protected_records;    /* protected records so far (inference) */
    unsigned handshake_records;    /* protected records inferred as handshake */
    bool sent_finished;            /* Finished seen or inferred */
    bool sent_app_data;            /* application data seen or inferred */
    uint16_t ticket_length;        /* length of the last record inferred as a NewSessionTicket */
    uint64_t dtls_record_seq;      /* DTLS: the record being opened's epoch << 48 | sequence_number */
    struct tls_reassembly ra;
    bool ra_broken;                /* reassembly failed: handshake bytes no longer followed */
    uint64_t records;
};

/* ---- token traces (decode_tokens.c) --------------------------------------------------- */

struct dec_token {
    enum tls_direction dir;
    unsigned index;                /* from 1 per direction, as in the trace */
    uint64_t offset;               /* stream offset of its first byte */
    uint64_t len;
};

struct dec_token_record {
    enum tls_direction dir;
    uint64_t number;               /* as in the ladder */
    uint64_t offset;
    uint32_t total;                /* header + length */
    char label[64];                /* the ladder's label */
};

/* ---- the model's part of a connection (decode_model.c; only when a renderer needs it) ---- */

struct dec_model_conn {
    struct tls_model_secret secrets[TLS_MODEL_MAX_SECRETS];
    size_t secret_count;
    struct tls_model_check checks[TLS_MODEL_MAX_CHECKS];
    size_t check_count;
    /* Transcript-Hash(ClientHello..server Finished): the application secrets' context (§7.1) */
    uint8_t th_server_finished[TLS_MAX_HASH_LEN];
    size_t th_server_finished_len;
    struct tls_model_hs_cursor cursor[2]; /* per direction: where the handshake stream is */
    unsigned stages_shown;                /* stage secrets (options.stage_secrets) added: 0-3 */
    struct dec_text html_ladder;          /* render_html.c: kept until the connection ends */
    struct dec_text html_records;
};

/* ---- per connection ------------------------------------------------------------------- */

struct dec_conn {
    struct tls_stream_connection info;
    struct dec_direction dir[2];
    struct tls_decoder *dec;

    /* ClientHello */
    bool have_client_hello;
    uint8_t client_random[32];
    uint8_t session_id[32];
    size_t session_id_len;
    bool offered_ems;             /* extended_master_secret (RFC 7627) */
    bool offered_ticket;          /* session_ticket with a ticket (RFC 5077) */
    bool offered_ticket_ext;      /* session_ticket extension present */
    bool offered_psk;             /* pre_shared_key (TLS 1.3) */
    bool offered_early_data;
    bool offered_tls13;

    /* ServerHello */
    bool have_server_hello;
    bool hrr;
    bool tls13;
    uint16_t version;
    uint16_t cipher_suite;
    const struct tls_cipher_suite *suite;
    enum tls_hash_alg hash;       /* from the suite, or guessed (inference) */
    uint16_t group;
    bool psk_accepted;
    bool early_data_accepted;
    bool sh_echoes_session_id;
    size_t sh_session_id_len;
    bool sh_ems;
    bool sh_ticket_ext;
    bool sh_new_session_ticket;   /* TLS 1.2 NewSessionTicket seen */
    bool server_certificate;
    bool abbreviated;             /* TLS 1.2: CCS right after ServerHello */
    uint8_t server_random[32];

    /* certificates and signatures (decode_signature.c), per sender */
    struct tls_peer_key leaf_key[2];
    bool have_leaf_key[2];
    enum tls_finished_status signature[2]; /* CertificateVerify (1.3) / ServerKeyExchange (1.2) */

    /* TLS 1.2 with a CLIENT_RANDOM key log line (decode_tls12_keys.c) */
    uint8_t master_secret[48];
    enum tls_hash_alg prf_hash;
    bool have_master_secret;
    bool tls12_gcm;               /* AES-GCM (explicit nonce) rather than ChaCha20-Poly1305 */
    bool sh_etm;                  /* the ServerHello echoed encrypt_then_mac (RFC 7366) */
    bool sslv2;                   /* an SSL 2.0 connection: every record in that format */
    uint8_t compression;          /* ServerHello compression_method (TLS 1.2 and before) */
    bool tls12_cbc;               /* a CBC suite, keys derived (decode_tls12_cbc.c) */
    enum tls_mac_alg tls12_mac;
    size_t tls12_key_len;
    size_t tls12_padding;         /* padding + length byte of the last CBC record opened */
    const char *tls12_failure;    /* why the last CBC record did not open, or NULL */

    /* TLS 1.3 transcript and secrets */
    struct tls_transcript transcript;
    bool transcript_ok;
    uint8_t client_hs_secret[TLS_MAX_HASH_LEN];
    uint8_t server_hs_secret[TLS_MAX_HASH_LEN];
    bool have_hs_secrets;
    enum tls_finished_status server_finished;
    enum tls_finished_status client_finished;
    unsigned key_updates[2];

    struct dec_text notes;
    const char *resumption;       /* constant diagnosis */
    char resumption_buf[600];

    /* token traces: the tokens, and where each record lies, for "what each token holds" */
    struct dec_token *tokens;
    size_t token_count, token_cap;
    struct dec_token_record *token_records;
    size_t token_record_count, token_record_cap;

    /* output of this connection, kept until its end */
    struct dec_text ladder;
    struct dec_text details;
    struct dec_text json_records;
    uint64_t records;
    unsigned parts;               /* text parts already written (long connections) */
    uint64_t part_first_record;   /* first record of the part being kept */
    struct dec_model_conn *model; /* NULL unless the output format renders the model (HTML) */
    struct dec_dtls *dtls;        /* DTLS state (dtls_decode.c), NULL for TLS over TCP */
};

/* What an input held that the decoder skipped, said once at the end of each input
   (dec_output_skipped). Each kind of input feeds its own counter: decode_stream.c the TCP one,
   the DTLS decoder the UDP one. */
struct dec_skipped {
    unsigned tcp_without_tls;     /* TCP connections where no TLS record began in either direction */
    unsigned udp_not_dtls;        /* UDP flows that hold no DTLS record */
};

struct tls_decoder {
    struct tls_decode_options opt;
    struct dec_skipped skipped;   /* of the current input; reset when it is reported */
    const char *input;            /* current input name */
    struct dec_conn **conns;      /* live connections (by slot) */
    size_t conn_count;
    size_t conn_cap;
    unsigned connections_seen;    /* every connection of every input so far (for progress) */
    bool json_started;
    unsigned json_objects;
    uint8_t open_buf[DEC_RECORD_BUF]; /* decrypted TLSInnerPlaintext (one record at a time) */
    struct dec_text out;          /* JSON/text being written for one connection */
    size_t budget;                /* TLS_DECODE_MAX_OUTPUT_TOTAL minus what connections keep */
    struct dec_conn *streaming;   /* JSON: the connection whose object is open, or NULL */
    struct dec_text deferred;     /* JSON objects of connections that ended while it is open */
    struct tls_model_field *model_fields;       /* TLS_MODEL_MAX_FIELDS each, when HTML */
    struct tls_model_field *model_inner_fields;
    struct tls_model_field *text_fields;        /* TLS_MODEL_MAX_FIELDS, when text details */
    bool html_started;            /* the page's head is written */
};

/* The record being decoded: its public view plus the detail text being written. */
struct dec_record {
    struct tls_decoded_record pub;
    struct dec_text detail;
    const uint8_t *inner;         /* decrypted: TLSInnerPlaintext / TLS 1.2 plaintext (open_buf) */
    size_t inner_len;
    const char *keys_name;        /* decrypted: which keys opened it */
    uint64_t seq;
};

/* decode_record.c */
void dec_record_process(struct dec_conn *c, enum tls_direction dir, const uint8_t *bytes,
                        size_t len, uint64_t offset, const struct dec_chunk_start *where);
void dec_conn_note(struct dec_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dec_direction_wipe(struct dec_direction *d);

void dec_record_content(struct dec_conn *c, enum tls_direction dir, struct dec_record *r, uint8_t type,
                        const uint8_t *content, size_t len);

/* dtls_decode.c: DTLS connections (info.datagram), one datagram at a time */
tls_result dec_dtls_new(struct dec_conn *c);
void dec_dtls_datagram(struct dec_conn *c, const struct tls_stream_datagram *dg);
void dec_dtls_end(struct dec_conn *c);
void dec_dtls_summary(const struct dec_conn *c, struct tls_decoded_connection *s);
void dec_dtls_free(struct dec_conn *c);

/* decode_tls13.c */
void dec_handshake_message(struct dec_conn *c, enum tls_direction dir,
                           const struct tls_handshake_message *msg, struct dec_record *r);
void dec_install_handshake_keys(struct dec_conn *c);
void dec_key_update_apply(struct dec_conn *c, enum tls_direction dir);
void dec_install_app_keys(struct dec_conn *c, enum tls_direction dir);
void dec_promote_pending(struct dec_direction *d);

/* decode_print.c */
void dec_print_client_hello(struct dec_conn *c, const uint8_t *body, size_t len, struct dec_text *t);
void dec_print_server_hello(struct dec_conn *c, const uint8_t *body, size_t len, struct dec_text *t);
void dec_print_tls13_message(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_text *t);

/* decode_tls12.c */
void dec_print_tls12_message(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_text *t);
void dec_resumption_diagnose(struct dec_conn *c);
void dec_server_hello_compression(struct dec_conn *c, uint8_t method, struct dec_text *t);

/* decode_signature.c */
void dec_certificate_leaf_key(struct dec_conn *c, enum tls_direction dir, const uint8_t *der,
                              size_t len);
void dec_verify_certificate_verify(struct dec_conn *c, enum tls_direction dir,
                                   uint16_t scheme, const uint8_t *sig, size_t sig_len,
                                   struct dec_text *t);
void dec_verify_server_key_exchange(struct dec_conn *c, const uint8_t *params, size_t params_len,
                                    uint16_t scheme, const uint8_t *sig, size_t sig_len,
                                    struct dec_text *t);

/* decode_tls12_keys.c */
void dec_tls12_derive_keys(struct dec_conn *c);
bool dec_tls12_open(struct dec_conn *c, enum tls_direction dir, const struct tls_record *rec,
                    uint8_t *out, size_t *out_len);
void dec_tls12_verify_finished(struct dec_conn *c, enum tls_direction dir,
                               const struct tls_handshake_message *msg, struct dec_text *t);
#define DEC_TLS12_HEADER13_LEN 13
void dec_tls12_header13(uint64_t seq, const struct tls_record *rec, size_t len,
                        uint8_t out[DEC_TLS12_HEADER13_LEN]);
tls_result dec_tls12_prf(enum tls_hash_alg alg, const uint8_t *secret, size_t secret_len,
                         const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                         size_t out_len);

/* decode_sslv2.c: an SSL 2.0-format record at the front of a direction's bytes (1: *total
   bytes, 0: none, -1: more bytes needed), and its processing. */
int dec_sslv2_record_len(const struct dec_conn *c, enum tls_direction dir, const uint8_t *data,
                         size_t len, size_t *total);
void dec_sslv2_record(struct dec_conn *c, enum tls_direction dir, const uint8_t *bytes, size_t len,
                      uint64_t offset, const struct dec_chunk_start *where);

/* decode_tls12_cbc.c: false when the suite is no CBC suite of ours */
bool dec_tls12_cbc_derive_keys(struct dec_conn *c, const uint8_t *master, size_t master_len);
bool dec_tls12_cbc_open(struct dec_conn *c, enum tls_direction dir, uint64_t seq,
                        const struct tls_record *rec, uint8_t *out, size_t *out_len);

/* decode_infer.c */
void dec_infer(struct dec_conn *c, enum tls_direction dir, struct dec_record *r);

/* decode_model.c: the model, filled only when c->model exists */
bool dec_model_wanted(const struct tls_decoder *dec);
tls_result dec_model_conn_new(struct dec_conn *c);
void dec_model_conn_free(struct dec_conn *c);
void dec_model_record(struct dec_conn *c, const struct dec_record *r, const uint8_t *bytes,
                      size_t len, struct tls_model_record *m);
/* DTLS (dtls_decode.c): the record's header is header_len bytes; cid_len its connection ID. */
void dec_model_dtls_record(struct dec_conn *c, const struct dec_record *r, const uint8_t *bytes,
                           size_t len, size_t cid_len, struct tls_model_record *m);
void dec_model_secret(struct dec_conn *c, enum tls_direction dir, enum tls_secret_id id,
                      unsigned generation, const uint8_t *secret);
void dec_model_server_finished_hash(struct dec_conn *c);
/* TLS 1.2 (RFC 5246 §8.1, §6.3, §7.4.9): the master secret and the key block; a Finished. */
void dec_model_tls12_keys(struct dec_conn *c);
void dec_model_tls12_finished(struct dec_conn *c, enum tls_direction dir, const uint8_t *hash,
                              size_t hash_len, const uint8_t *expected, size_t expected_len,
                              const uint8_t *received, size_t received_len,
                              enum tls_finished_status st);
/* The endpoint's stage secrets not shown yet (options.stage_secrets), at the connection's end. */
void dec_model_stage_secrets(struct dec_conn *c);
struct tls_model_check *dec_model_check(struct dec_conn *c, const char *name, const char *rfc,
                                        const char *formula);
void dec_model_row(struct tls_model_check *k, const char *label, const uint8_t *hex, size_t len,
                   const char *text);

/* render_html.c */
void dec_html_record(struct dec_conn *c, const struct tls_model_record *m);
void dec_html_connection(struct dec_conn *c, const struct tls_decoded_connection *s);
void dec_html_finish(struct tls_decoder *dec);

/* render_text.c: a handshake message's fields (the describer, model.h) as detail lines */
void dec_text_message_fields(struct tls_decoder *dec, struct dec_text *t, uint8_t msg_type,
                             const uint8_t *body, size_t len, bool tls12);
/* render_text.c: the record lines of the details, from what decode_record.c found */
enum dec_record_line {
    DEC_LINE_PLAINTEXT,           /* TLSPlaintext (§5.1) */
    DEC_LINE_PROTECTED13,         /* TLSCiphertext (§5.2) */
    DEC_LINE_PROTECTED12,         /* after a TLS 1.2 ChangeCipherSpec (RFC 5246 §6.2.3) */
    DEC_LINE_BAD_RECORD_MAC,      /* a TLS 1.3 record the logged keys do not open */
    DEC_LINE_CONTINUES,           /* a handshake message continues in the next record */
    DEC_LINE_CCS12,               /* RFC 5246 §7.1 */
    DEC_LINE_CCS13_NOT_ALLOWED,   /* RFC 8446 §5: a CCS value or place TLS 1.3 does not allow */
};
void dec_text_record_header(struct dec_text *t, uint64_t number, enum tls_direction dir,
                            const struct dec_chunk_start *where, uint64_t offset,
                            const struct tls_record *rec);
void dec_text_record_line(struct dec_text *t, enum dec_record_line line, enum tls_direction dir);
void dec_text_ccs13(struct dec_text *t, unsigned value);
void dec_text_dtls13_opened(struct dec_text *t, uint8_t flags, unsigned seq_bits, uint64_t seq_sent,
                            unsigned epoch, uint64_t seq, bool nss_nonce);
void dec_text_dtls13_not_opened(struct dec_text *t, const char *why);
void dec_text_decrypted(struct dec_text *t, enum tls_direction dir, const struct dec_record *r,
                        uint8_t outer_type);
/* why: the CBC failure ("bad MAC", "bad padding"), or "" */
void dec_text_no_master_secret(struct dec_text *t, const char *why);
void dec_text_cbc(struct dec_text *t, bool etm, const char *mac_name, size_t padding);
/* RFC 6520 §4; len is the record's content length (type/payload_length read only when len >= 3) */
void dec_text_heartbeat(struct dec_text *t, unsigned type, size_t payload_length, size_t len);
void dec_text_alert(struct dec_text *t, const struct tls_decoded_record *p, size_t len,
                    const char *parse_error);
void dec_text_content(struct dec_text *t, uint8_t type, const uint8_t *content, size_t len,
                      bool show_data);
void dec_text_reassembly_stopped(struct dec_text *t, const char *reason);
/* render_text.c: verdicts (status: verified / failed / unknown with a reason, or none) */
void dec_text_inference(struct dec_text *t, const struct tls_decoded_record *p);
void dec_text_signature(struct dec_text *t, enum tls_direction dir,
                        enum tls_finished_status status, const char *reason);
/* th NULL: no secret to check with */
void dec_text_finished13(struct dec_text *t, enum tls_direction dir, enum tls_finished_status st,
                         const uint8_t *th, size_t thl, const uint8_t *expected, size_t hl);
void dec_text_note_line(struct dec_text *t, const char *line);
void dec_text_finished12(struct dec_text *t, enum tls_hash_alg prf_hash,
                         enum tls_finished_status st);
/* message NULL: "not parsed: reason"; else "not a valid <message>: reason" */
void dec_text_not_parsed(struct dec_text *t, const char *message, const char *reason);
void dec_text_negotiated(struct dec_text *t, uint16_t version);
void dec_text_key_update(struct dec_text *t, enum tls_direction dir, unsigned next_generation);
void dec_text_message_header(struct dec_text *t, const char *name, uint8_t type, uint32_t length);

/* decode_output.c */
void dec_record_label(const struct tls_decoded_record *r, struct dec_text *t);
void dec_output_record(struct dec_conn *c, const struct dec_record *r);
void dec_output_connection(struct dec_conn *c);
void dec_output_finish(struct tls_decoder *dec);
/* Once per input: what it held that was skipped (dec->skipped), if anything; then resets it. */
void dec_output_skipped(struct tls_decoder *dec);

/* decode_tokens.c: what each token of a trace holds. */
void dec_tokens_chunk(struct dec_conn *c, enum tls_direction dir, unsigned token, uint64_t offset,
                      size_t len);
void dec_tokens_record(struct dec_conn *c, const struct tls_decoded_record *r, const char *label);
void dec_tokens_print(const struct dec_conn *c, struct dec_text *t);
void dec_tokens_free(struct dec_conn *c);

#endif
