/*
 * negative_server.h — a scripted TLS 1.3 server built from RFC 8448's recorded one, for the
 * malicious-server table (test_client_negative.c, reference: client-negative-tests.md).
 *
 * The server's handshake messages are RFC 8448's own plaintext messages (§3 "Simple 1-RTT
 * Handshake", §5 "HelloRetryRequest", or §4 "Resumed 0-RTT Handshake" without 0-RTT), loaded
 * into an editable list; the transcript starts with the ClientHello the client actually sent. A test row mutates that
 * list (or writes its own records), and the harness frames what is left like a real server would:
 *
 *     [§5 only: HelloRetryRequest]   plaintext record
 *     ServerHello                    plaintext record
 *     EncryptedExtensions .. Finished one record protected with server_handshake_traffic_secret
 *
 * The harness runs its own key schedule from RFC 8448's (EC)DHE shared secret over the messages
 * *as mutated*, so a changed ServerHello still yields keys the client agrees with; and it can
 * recompute the server Finished (RFC 8446 §4.4.4) over a changed flight, and re-sign
 * CertificateVerify with RFC 8448 §2's RSA key (negative_sign.h). Rows that change a signed
 * message and do not re-sign fail at CertificateVerify at the latest, which those rows expect.
 *
 * After the handshake, post-handshake records are sealed with server_application_traffic_secret_0
 * (or later generations) with sequence numbers in order.
 *
 * Memory: one struct neg_server of fixed buffers (about 200 KiB): allocate it on the heap.
 */
#ifndef TLS13_TEST_NEGATIVE_SERVER_H
#define TLS13_TEST_NEGATIVE_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/key_schedule.h"
#include "support/rfc8448.h"

#define NEG_MSG_CAP 20480 /* a 16 KiB HelloRetryRequest cookie, ClientHello2 echoing it */
#define NEG_MAX_MSGS 10
#define NEG_STREAM_CAP 65536

/* Which RFC 8448 trace the server replays. */
enum neg_base {
    NEG_BASE_S3, /* §3: 1-RTT, x25519, TLS_AES_128_GCM_SHA256 */
    NEG_BASE_S5, /* §5: HelloRetryRequest for secp256r1, then as §3 */
    NEG_BASE_S4, /* §4: resumption with §3's ticket (psk_dhe_ke): ServerHello, EE, Finished */
};

/* Indexes of the §3 flight before any row inserts or removes a message (§4: SH, EE, Finished). */
enum { NEG_SH = 0, NEG_EE, NEG_CERT, NEG_CV, NEG_FIN };
enum { NEG_S4_FIN = 2 };

struct neg_msg {
    uint8_t b[NEG_MSG_CAP]; /* the whole handshake message, 4-byte header included */
    size_t len;
};

struct neg_server {
    struct rfc8448 *v;
    enum neg_base base;
    struct neg_msg ch[2];           /* the client's ClientHello(s), for the transcript */
    struct neg_msg hrr;             /* §5: the HelloRetryRequest */
    struct neg_msg msg[NEG_MAX_MSGS]; /* SH, EE, Certificate, CertificateVerify, Finished */
    size_t count;
    bool fix_finished;              /* recompute the last message (a Finished) before framing */
    bool framed;                    /* the row wrote stream itself: do not frame the list */
    const char *server_name;        /* set by a row: the name the client checks instead */

    /* What the client is fed during the handshake, and after it (tls_client_open). */
    uint8_t stream[NEG_STREAM_CAP];
    size_t stream_len;
    uint8_t post[NEG_STREAM_CAP];
    size_t post_len;

    /* Keys, from the harness's own key schedule over the messages as they are now. */
    struct tls_traffic_keys server_hs, client_hs, server_app, client_app;
    uint8_t server_hs_secret[TLS_MAX_HASH_LEN];
    uint8_t client_hs_secret[TLS_MAX_HASH_LEN];
    uint8_t server_app_secret[TLS_MAX_HASH_LEN]; /* generation of the next post record */
    uint64_t hs_seq, app_seq;
    bool keys_ready;
};

/* Loads the base trace's messages into s (keys not derived yet). */
void neg_server_init(struct neg_server *s, enum neg_base base);
void neg_server_free(struct neg_server *s);

/* Derives the handshake keys from the transcript through the (current) ServerHello. Done by the
 * framing helpers on first use; rows that seal records themselves may call it first. */
void neg_derive_handshake_keys(struct neg_server *s);
/* Derives the application keys from the transcript through the (current) server Finished. */
void neg_derive_application_keys(struct neg_server *s);

/* Recomputes msg[count-1] as the server Finished over msg[0..count-2] (RFC 8446 §4.4.4). */
void neg_recompute_finished(struct neg_server *s);
/* The messages the client must send after this flight (to check must-accept rows): an empty
 * Certificate if the flight has a CertificateRequest, then its Finished. Returns how many. */
size_t neg_expected_client_flight(struct neg_server *s, struct neg_msg *out);
/* Re-signs the CertificateVerify (rsa_pss_rsae_sha256, RFC 8448 §2's key) over the transcript as
 * it is now; server_context false signs with the client's context string instead (CV-02). */
void neg_resign_certificate_verify(struct neg_server *s, bool server_context);
/* The same with the strict-leaf-* certificates' RSA-2048 key (tests/vectors/certs/strict-leaf.key). */
void neg_resign_certificate_verify_strict(struct neg_server *s);
/* The content the CertificateVerify signs now (§4.4.3: 64 spaces, context, 0, Transcript-Hash). */
#define NEG_CV_CONTENT_CAP 200
size_t neg_certificate_verify_content(struct neg_server *s, bool server_context,
                                      uint8_t content[NEG_CV_CONTENT_CAP]);
/* Replaces the CertificateVerify with {scheme, signature}. */
void neg_set_certificate_verify(struct neg_server *s, uint16_t scheme, const uint8_t *sig, size_t len);

/* ---- building the stream ---------------------------------------------------------------------- */

/* The default framing described above, appended to stream. */
void neg_frame_default(struct neg_server *s);
/* Appends bytes as they are. */
void neg_raw(struct neg_server *s, const uint8_t *bytes, size_t len);
/* Appends a plaintext record (type, 0x0303, content). */
void neg_plain(struct neg_server *s, uint8_t type, const uint8_t *content, size_t len);
/* Appends a record protected under the server handshake key: TLSInnerPlaintext =
 * content || inner_type || padding zeros (§5.4), legacy_record_version as given. */
void neg_protected(struct neg_server *s, uint8_t inner_type, const uint8_t *content, size_t len,
                   size_t padding);
void neg_protected_version(struct neg_server *s, uint8_t inner_type, const uint8_t *content,
                           size_t len, size_t padding, uint16_t version);
/* Appends a raw TLSInnerPlaintext sealed under the server handshake key (any bytes, no type). */
void neg_protected_inner(struct neg_server *s, const uint8_t *inner, size_t inner_len);
/* Concatenates msg[from..to-1] into out; returns the length. */
size_t neg_concat(const struct neg_server *s, size_t from, size_t to, uint8_t *out);

/* Post-handshake: appends to post a record protected under the current server application key. */
void neg_post(struct neg_server *s, uint8_t inner_type, const uint8_t *content, size_t len);
/* Moves the server's application key one generation on (§7.2), as after its own KeyUpdate. */
void neg_post_next_generation(struct neg_server *s);
/* Appends a plaintext record to post. */
void neg_post_plain(struct neg_server *s, uint8_t type, const uint8_t *content, size_t len);

/* ---- editing messages ------------------------------------------------------------------------- */

/* Replaces del bytes at `at` by ins (ins_len bytes) and rewrites the handshake length. */
void neg_splice(struct neg_msg *m, size_t at, size_t del, const uint8_t *ins, size_t ins_len);
/* Sets the 3-byte handshake length from m->len. */
void neg_fix_length(struct neg_msg *m);
/* Offset of the extensions block's 2-byte length in a ServerHello / HRR. */
size_t neg_hello_extensions_at(const struct neg_msg *m);
/* Offset of extension `type` (its type field) in the block at block_at, or 0 if absent. */
size_t neg_ext_find(const struct neg_msg *m, size_t block_at, uint16_t type);
/* Appends an extension to the block at block_at (block and message lengths rewritten). */
void neg_ext_add(struct neg_msg *m, size_t block_at, uint16_t type, const uint8_t *data, size_t len);
/* Removes extension `type` from the block at block_at (must be present). */
void neg_ext_remove(struct neg_msg *m, size_t block_at, uint16_t type);
/* Replaces the data of extension `type` (must be present). */
void neg_ext_set(struct neg_msg *m, size_t block_at, uint16_t type, const uint8_t *data, size_t len);
/* Inserts a message at index at (later ones move up) / removes message at. */
void neg_insert(struct neg_server *s, size_t at, const uint8_t *bytes, size_t len);
void neg_remove(struct neg_server *s, size_t at);
/* Overwrites msg with a new message of the given type and body. */
void neg_set(struct neg_msg *m, uint8_t type, const uint8_t *body, size_t len);

#endif
