/*
 * model.h — one structured description of a decoded connection, which the renderers (text, JSON,
 * HTML) read instead of each describing the bytes again.
 *
 * Implementation notes
 * --------------------
 * The model is what a reader with RFC 8446 open needs to check every byte and every value:
 *
 *   connection   its summary (decode.h: version, suite, verdicts, notes), its secrets, its checks
 *     record     its bytes as sent (header + fragment, §5.1), protection, and when decrypted the
 *                TLSInnerPlaintext (content || type || zeros, §5.2/§5.4)
 *       field    a byte range of the record (or of its TLSInnerPlaintext) with its RFC 8446 name,
 *                section, a sentence of explanation and what the bytes say
 *     secret     a traffic secret (§7.1 name), how it is derived, the transcript it hashes and the
 *                values derived from it: key and iv (§7.3), finished_key (§4.4.4)
 *     check      a Finished or CertificateVerify verification, shown as its computation (inputs,
 *                expected, received), not only its verdict
 *     inference  a protected record read without keys: the guess and its reason (decode.h)
 *
 * Fields tile their record: every byte of a record lies in exactly one field, in order. Message
 * bodies are cut to the RFC's presentation-language fields (model_fields.c); a part the describer
 * does not cut finer, or that does not parse, is one field that says so.
 *
 * Memory stays flat: a record's model lives only while its record is rendered (the decoder owns
 * one, reused), and a connection's secrets and checks are bounded arrays.
 *
 * What each record says in words starts as its facts (model_facts.h): typed entries the
 * decoding code stores in a bounded per-record list (decrypted with which keys, CBC checked,
 * an alert, an inference, a message header and its body for the describer, a Finished check,
 * a DTLS fragment, ...). No decoding file formats text.
 *
 * Layers inside src/decoder (an arrow: "calls / includes the declarations of"; none points up
 * except the one hand-over of a decoded record to the output stage):
 *
 *   output stage    decode_output.c: the writer (when a connection, a part or streamed JSON is
 *                   written; the budgets; struct dec_text)
 *                        |  dec_output_record(): renders each record as it is decoded
 *                        v
 *   renderers       render_text.c (record facts -> detail text; ladders, connection text)
 *                   render_json.c (record / connection JSON from the public view)
 *                   render_html.c, render_html_page.c (the page; each record's reading is
 *                   render_text.c's text)
 *                        |  read
 *                        v
 *   model           model.h (fields, secrets, checks), model_facts.h (facts), the describer
 *                   (model_messages.c, model_fields.c, model_dtls.c), decode_model.c and
 *                   model_facts.c (filled by the decoding code)
 *                        ^  record facts / fill
 *                        |
 *   decoding        decode_stream.c (stream events, connection life), decode_record.c,
 *                   decode_tls13.c, decode_tls12*.c, decode_print.c, decode_signature.c,
 *                   decode_infer.c, decode_sslv2.c, dtls_decode.c, dtls_flights.c,
 *                   decode_tokens.c
 *                        |  at a record's end: dec_output_record(); at a connection's end:
 *                        v  dec_output_connection() (the only upward edges)
 *
 * A JSON run records no facts and calls no text renderer; text and HTML runs render each
 * record's facts once, when the writer takes the record.
 */
#ifndef TLS13_DECODER_MODEL_H
#define TLS13_DECODER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/direction.h"
#include "crypto/hash.h"

#define TLS_MODEL_MAX_FIELDS 1024u   /* per record (or TLSInnerPlaintext); the rest is one field */
#define TLS_MODEL_MAX_SECRETS 16u    /* per connection (KeyUpdates add generations) */
#define TLS_MODEL_MAX_CHECKS 8u      /* per connection */
#define TLS_MODEL_MAX_ROWS 8u        /* lines of one check's computation */
#define TLS_MODEL_VALUE_LEN 400u     /* a field's value in words (a certificate's names) */

/* A byte range and what it is. */
struct tls_model_field {
    uint32_t offset;                /* within its record (or TLSInnerPlaintext) */
    uint32_t length;
    uint16_t message;               /* 0: record layer; n: the n-th handshake message (1-based) */
    char name[48];                  /* RFC 8446 spelling: "legacy_record_version", "cipher_suites" */
    const char *rfc;                /* section: "§5.1" */
    const char *explain;            /* one or two sentences (constant) */
    char value[TLS_MODEL_VALUE_LEN]; /* what it says ("TLS_AES_128_GCM_SHA256"), or "" (then
                                       the bytes themselves are what it says) */
    uint8_t depth;                  /* nesting inside its message: 0 the body's own fields, 1 an
                                       extension's or a list entry's, ... (text renderers indent) */
    bool is_length;                 /* a vector's length prefix (§3.4): summaries may skip it */
};

struct tls_model_fields {
    struct tls_model_field *items;  /* TLS_MODEL_MAX_FIELDS (owned by the decoder) */
    size_t count;
    bool malformed;                 /* some bytes do not parse as the RFC's structure: they
                                       are in "unparsed" fields */
};

/* Where a direction's handshake byte stream is, across record boundaries (§5.1: a message may
   span records, and a record may hold several messages). */
struct tls_model_hs_cursor {
    uint32_t remaining;             /* body bytes of a message begun in an earlier record */
    uint8_t header[4];              /* a handshake header cut by a record boundary */
    uint8_t header_have;
    uint16_t messages;              /* messages started in the current record */
};

/* One record as the renderers see it. */
struct tls_model_record {
    const struct tls_decoded_record *pub; /* header, protection, inner type, messages, guess */
    const uint8_t *bytes;           /* the record as sent: 5-byte header + fragment */
    size_t len;
    const uint8_t *inner;           /* decrypted: TLSInnerPlaintext (1.3) or plaintext (1.2) */
    size_t inner_len;
    const char *keys_name;          /* decrypted: "handshake", "application", ... */
    uint64_t seq;                   /* decrypted: the record's sequence number (§5.3) */
    struct tls_model_fields fields; /* tile bytes[0..len) */
    struct tls_model_fields inner_fields; /* tile inner[0..inner_len) */
};

/* A secret with its derivation (RFC 8446 §7.1) and what is derived from it (§7.3, §4.4.4). */
struct tls_model_secret {
    const char *name;               /* "client_handshake_traffic_secret" (§7.1) */
    unsigned generation;            /* application_traffic_secret_N: N */
    enum tls_direction dir;
    const char *derivation;         /* the §7.1 formula */
    const char *source;             /* where the value came from ("key log", "computed") */
    uint8_t value[TLS_MAX_HASH_LEN];
    size_t len;
    const char *transcript;         /* the messages hashed, or NULL */
    uint8_t transcript_hash[TLS_MAX_HASH_LEN];
    size_t transcript_hash_len;
    uint8_t key[32];                /* §7.3 write_key, or length 0 */
    size_t key_len;
    uint8_t iv[12];                 /* §7.3 write_iv */
    size_t iv_len;
    uint8_t finished_key[TLS_MAX_HASH_LEN]; /* §4.4.4, handshake secrets */
    size_t finished_key_len;
    /* The stage secrets of §7.1 (Early, Handshake, Master Secret), when an endpoint gave them: */
    const char *input_name;         /* the IKM of their HKDF-Extract ("(EC)DHE shared secret") */
    uint8_t input[66];
    size_t input_len;
    uint8_t derived[TLS_MAX_HASH_LEN]; /* Derive-Secret(secret, "derived", ""): the next salt */
    size_t derived_len;
    const char *check;              /* the Extract recomputed: agrees or not (or NULL) */
    const char *key_label;          /* how key / iv are derived, when not §7.3's (TLS 1.2 key */
    const char *iv_label;           /*   block, RFC 5246 §6.3); NULL: §7.3 */
};

/* A verification, shown as its computation. */
struct tls_model_check {
    const char *name;               /* "server Finished", "server CertificateVerify" */
    const char *rfc;                /* "§4.4.4" */
    const char *formula;            /* what is computed, in the RFC's notation */
    int result;                     /* enum tls_finished_status */
    size_t row_count;
    struct {
        const char *label;          /* "finished_key", "transcript hash", "expected", ... */
        char value[200];            /* hex or words */
    } rows[TLS_MODEL_MAX_ROWS];
};

/* What a connection adds to its records at its end. */
struct tls_model_connection {
    const struct tls_decoded_connection *summary;
    const struct tls_model_secret *secrets;
    size_t secret_count;
    const struct tls_model_check *checks;
    size_t check_count;
};

/* ---- model_fields.c: the describer ------------------------------------------------------ */

/* What the describer needs to know about the connection to cut a record. */
struct tls_model_context {
    bool is_protected;              /* TLSCiphertext (1.3) or TLS 1.2 after ChangeCipherSpec */
    bool tls12;                     /* the connection is TLS 1.2 */
    size_t tag_len;                 /* AEAD tag length when the suite is known, else 0 */
    bool explicit_nonce;            /* TLS 1.2 AES-GCM: 8-byte explicit nonce (RFC 5288 §3) */
};

/* Cuts a record (header included) into fields; handshake content moves the cursor. */
void tls_model_describe_record(struct tls_model_fields *out, const uint8_t *bytes, size_t len,
                               const struct tls_model_context *ctx,
                               struct tls_model_hs_cursor *cursor);

/* Cuts decrypted content: TLSInnerPlaintext (has_inner_type, 1.3) or a 1.2 plaintext. */
void tls_model_describe_inner(struct tls_model_fields *out, const uint8_t *inner, size_t len,
                              uint8_t type, size_t content_len, bool has_inner_type,
                              struct tls_model_hs_cursor *cursor);

/*
 * The one message describer: a handshake message body (after its 4-byte header, §4) cut into
 * its RFC 8446 §4 fields, offsets within the body. `decode`'s text details, `connect
 * --explain`'s field lines and the HTML page all render these fields. tls12: the connection is
 * TLS 1.2, whose Certificate, NewSessionTicket, Finished, ServerKeyExchange, ClientKeyExchange
 * and ServerHelloDone have RFC 5246's / RFC 5077's forms.
 */
void tls_model_describe_message(struct tls_model_fields *out, uint8_t msg_type,
                                const uint8_t *body, size_t len, bool tls12);

/* ---- model_dtls.c: DTLS records (RFC 6347 §4.1, §4.2.2; RFC 9147 §4) ------------------- */

struct tls_model_dtls_context {
    bool unified;                   /* a DTLS 1.3 unified header (RFC 9147 §4) */
    size_t cid_len;                 /* connection ID bytes in the header (unified with C set,
                                       or a tls12_cid record, RFC 9146 §4) */
    bool is_protected;              /* epoch > 0 or unified: the fragment is encrypted */
    bool tls12;                     /* the connection is (D)TLS 1.2: its message forms */
    size_t tag_len;                 /* DTLS 1.2 AEAD tag length when keyed, else 0 */
    bool explicit_nonce;            /* DTLS 1.2 AES-GCM: 8-byte explicit nonce (RFC 5288 §3) */
    uint64_t repeated;              /* bit i: the i-th handshake fragment was seen before */
};

/* Cuts a DTLS record (header included) into fields: header, then each handshake fragment's
   12-byte header and its body (a whole message cut by the message describer, a partial one
   one field saying which bytes of which message it holds), or other content. */
void tls_model_describe_dtls_record(struct tls_model_fields *out, const uint8_t *bytes,
                                    size_t len, const struct tls_model_dtls_context *ctx);

/* Cuts a decrypted DTLS 1.2 record's plaintext the same way. */
void tls_model_describe_dtls_plaintext(struct tls_model_fields *out, const uint8_t *plain,
                                       size_t len, uint8_t type,
                                       const struct tls_model_dtls_context *ctx);

/* For text renderers: how many fields from i on one line shows (1, or a run of list entries
   with the same name and depth, such as a ClientHello's cipher_suite entries). */
size_t tls_model_field_run(const struct tls_model_fields *f, size_t i);

#endif
