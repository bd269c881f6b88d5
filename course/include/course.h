/*
 * course.h — the exercise API of the tls13 course kit: what you write, and what the course gives you.
 *
 * The course follows "Completing the TLS 1.3 handshake": after ClientHello and ServerHello, the
 * client derives handshake keys, reads the server's records (skipping ChangeCipherSpec, reading
 * the inner content type), keeps the transcript, checks the server's Finished, sends its own and
 * derives the application keys; then it must understand what arrives after the handshake.
 *
 * Seven exercises, one file each, in this order (RFC 8446 sections in brackets):
 *
 *   1. records.c           read_record()                        [§5, §5.1]
 *   2. handshake_keys.c    hkdf_expand_label(), derive_secret(),
 *                          get_handshake_cipher()               [§7.1, §7.3]
 *   3. decrypt.c           decrypt_record(), encrypt_record()   [§5.2, §5.3, §5.4]
 *   4. transcript.c        update_transcript(), transcript_hash(),
 *                          transcript_hello_retry()             [§4.4.1]
 *   5. finished.c          compute_verify_data(), check_server_finished(),
 *                          build_client_finished()              [§4.4.4]
 *   6. application_keys.c  get_application_cipher()             [§7.1, §7.3]
 *   7. post_handshake.c    handle_post_handshake(), update_traffic_keys()  [§4.6, §6.1, §7.2]
 *
 * Everything else comes from the tls13 project (the "course runtime"): sockets, the ClientHello,
 * X25519, certificate and CertificateVerify checks, and the primitives declared at the end of
 * this file (hash, HMAC, HKDF-Extract/Expand, AEAD). When all seven exercises work, YOUR code
 * completes a real TLS 1.3 handshake with a real server: `./tls-course connect localhost:4433`.
 *
 * Every exercise function returns a course_result. A function you have not written yet returns
 * COURSE_TODO (the skeleton does): the grader then says so instead of crashing.
 */
#ifndef TLS13_COURSE_H
#define TLS13_COURSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------------------------------
 * Results
 * ------------------------------------------------------------------------------------------- */

typedef int course_result;

#define COURSE_OK 0
#define COURSE_TODO (-1)      /* "not written yet": what every untouched skeleton function returns */
#define COURSE_NEED_MORE (-2) /* read_record(): the bytes so far do not hold a whole record */
#define COURSE_DROP (-3)      /* read_record(): a record RFC 8446 §5 says to drop (*consumed set) */
/* A failure that makes us send a fatal alert (RFC 8446 §6.2), e.g. COURSE_ALERT(ALERT_DECODE_ERROR). */
#define COURSE_ALERT(description) (0x100 + (description))
/* The peer sent an error alert (RFC 8446 §6.2): the connection is over, we send nothing back. */
#define COURSE_PEER_ALERT(description) (0x200 + (description))

/* RFC 8446 §5.1: enum { ... } ContentType; */
enum {
    CT_CHANGE_CIPHER_SPEC = 20,
    CT_ALERT = 21,
    CT_HANDSHAKE = 22,
    CT_APPLICATION_DATA = 23,
};

/* RFC 8446 §4: enum { ... } HandshakeType; (the ones this course meets) */
enum {
    HS_CLIENT_HELLO = 1,
    HS_SERVER_HELLO = 2,
    HS_NEW_SESSION_TICKET = 4,
    HS_ENCRYPTED_EXTENSIONS = 8,
    HS_CERTIFICATE = 11,
    HS_CERTIFICATE_VERIFY = 15,
    HS_FINISHED = 20,
    HS_KEY_UPDATE = 24,
    HS_MESSAGE_HASH = 254,
};

/* RFC 8446 §6: enum { ... } AlertDescription; (the ones this course uses) */
enum {
    ALERT_CLOSE_NOTIFY = 0,
    ALERT_UNEXPECTED_MESSAGE = 10,
    ALERT_BAD_RECORD_MAC = 20,
    ALERT_RECORD_OVERFLOW = 22,
    ALERT_HANDSHAKE_FAILURE = 40,
    ALERT_ILLEGAL_PARAMETER = 47,
    ALERT_DECODE_ERROR = 50,
    ALERT_DECRYPT_ERROR = 51,
    ALERT_INTERNAL_ERROR = 80,
};

/* Sizes. */
#define COURSE_RECORD_HEADER_LEN 5
#define COURSE_HANDSHAKE_HEADER_LEN 4
#define COURSE_MAX_PLAINTEXT_LEN 16384                  /* §5.1: 2^14 */
#define COURSE_MAX_CIPHERTEXT_LEN (16384 + 256)         /* §5.2: 2^14 + 256 */
#define COURSE_MAX_RECORD_LEN (COURSE_RECORD_HEADER_LEN + COURSE_MAX_CIPHERTEXT_LEN)
#define COURSE_MAX_HASH_LEN 48
#define COURSE_MAX_KEY_LEN 32
#define COURSE_IV_LEN 12
#define COURSE_TAG_LEN 16

/* A TLS 1.3 cipher suite names an AEAD and a hash (RFC 8446 §B.4). */
struct course_suite {
    uint16_t id;          /* 0x1301 TLS_AES_128_GCM_SHA256, 0x1302, 0x1303 */
    const char *name;
    size_t hash_len;      /* Hash.length: 32 (SHA-256) or 48 (SHA-384) */
    size_t key_len;       /* 16 or 32 */
    size_t iv_len;        /* 12 */
};

/* ---------------------------------------------------------------------------------------------
 * Exercise 1: records (RFC 8446 §5, §5.1)
 * ------------------------------------------------------------------------------------------- */

/* One record found at the start of a byte stream: views into the stream, never copies. */
struct course_record {
    uint8_t type;                   /* ContentType (outer) */
    uint16_t legacy_record_version; /* as received; "MUST be ignored" */
    uint16_t length;                /* of the fragment */
    const uint8_t *header;          /* the 5 header bytes (a protected record's AAD) */
    const uint8_t *fragment;        /* the length bytes after the header */
};

/*
 * data[0..len) holds the bytes received so far. Returns
 *   COURSE_OK          *rec is the first record; *consumed = 5 + length bytes to remove;
 *   COURSE_NEED_MORE   not a whole record yet (*consumed = 0);
 *   COURSE_DROP        a compatibility ChangeCipherSpec to drop (*consumed = its length);
 *   COURSE_ALERT(...)  unexpected_message or record_overflow (see records.c).
 * ccs_allowed: whether a ChangeCipherSpec may arrive now (after ClientHello was sent, before the
 * server's Finished was received).
 */
course_result read_record(const uint8_t *data, size_t len, bool ccs_allowed,
                          struct course_record *rec, size_t *consumed);

/* ---------------------------------------------------------------------------------------------
 * Exercise 2: handshake_keys (RFC 8446 §7.1, §7.3)
 * ------------------------------------------------------------------------------------------- */

/* One direction of the record layer: whose keys, and the next record's sequence number. */
struct course_direction {
    const struct course_suite *suite;
    uint8_t secret[COURSE_MAX_HASH_LEN]; /* the traffic secret these keys come from */
    uint8_t key[COURSE_MAX_KEY_LEN];     /* write_key (suite->key_len bytes) */
    uint8_t iv[COURSE_IV_LEN];           /* write_iv */
    uint64_t seq;                        /* sequence number of the next record (§5.3) */
};

struct course_handshake_keys {
    uint8_t handshake_secret[COURSE_MAX_HASH_LEN];
    struct course_direction client; /* client_handshake_traffic_secret and its key/iv */
    struct course_direction server; /* server_handshake_traffic_secret and its key/iv */
};

/* HKDF-Expand-Label(Secret, Label, Context, Length); label WITHOUT "tls13 " ("c hs traffic"). */
course_result hkdf_expand_label(size_t hash_len, const uint8_t *secret, const char *label,
                                const uint8_t *context, size_t context_len, uint8_t *out,
                                size_t out_len);

/* Derive-Secret(Secret, Label, Messages), given transcript_hash = Transcript-Hash(Messages). */
course_result derive_secret(size_t hash_len, const uint8_t *secret, const char *label,
                            const uint8_t *transcript_hash, uint8_t *out);

/* From the (EC)DHE shared secret and Transcript-Hash(ClientHello..ServerHello) to both
 * handshake traffic secrets and their keys (no PSK: the Early Secret uses zeros). */
course_result get_handshake_cipher(const struct course_suite *suite, const uint8_t *shared_secret,
                                   size_t shared_secret_len, const uint8_t *hello_hash,
                                   struct course_handshake_keys *out);

/* ---------------------------------------------------------------------------------------------
 * Exercise 3: decrypt (RFC 8446 §5.2, §5.3, §5.4)
 * ------------------------------------------------------------------------------------------- */

/* One record after decryption: the TRUE content type and the content, padding removed. */
struct course_plaintext {
    uint8_t type;
    const uint8_t *content; /* a view into the out buffer given to decrypt_record() */
    size_t length;
};

/* Decrypts a TLSCiphertext with d's key; out (out_cap >= rec->length) receives the plaintext. */
course_result decrypt_record(struct course_direction *d, const struct course_record *rec,
                             uint8_t *out, size_t out_cap, struct course_plaintext *pt);

/* Writes one whole protected record (header included) holding content of the given type. */
course_result encrypt_record(struct course_direction *d, uint8_t type, const uint8_t *content,
                             size_t len, uint8_t *out, size_t out_cap, size_t *out_len);

/* ---------------------------------------------------------------------------------------------
 * Exercise 4: transcript (RFC 8446 §4.4.1)
 * ------------------------------------------------------------------------------------------- */

#define COURSE_TRANSCRIPT_CAP (128 * 1024)

/* What the transcript keeps: bytes, hashed when asked (the hash is known only after ServerHello). */
struct course_transcript {
    size_t len;
    uint8_t bytes[COURSE_TRANSCRIPT_CAP];
};

/* One thing that was sent or received, as the runtime hands it to update_transcript(). */
struct course_message {
    uint8_t content_type;         /* of the record it travelled in (the inner type if protected) */
    const uint8_t *record_header; /* the 5 header bytes of that record, as on the wire */
    const uint8_t *bytes;         /* a handshake message: ONE whole message, 4-byte header
                                     included; otherwise the record's whole content */
    size_t len;
};

course_result update_transcript(struct course_transcript *t, const struct course_message *m);

/* Transcript-Hash of everything kept so far, with the suite's hash (hash_len bytes). */
course_result transcript_hash(const struct course_transcript *t, size_t hash_len, uint8_t *out);

/* After a HelloRetryRequest: ClientHello1 (the only message kept) becomes message_hash. */
course_result transcript_hello_retry(struct course_transcript *t, size_t hash_len);

/* ---------------------------------------------------------------------------------------------
 * Exercise 5: finished (RFC 8446 §4.4.4)
 * ------------------------------------------------------------------------------------------- */

/* verify_data = HMAC(finished_key, transcript_hash), finished_key from base_key. */
course_result compute_verify_data(size_t hash_len, const uint8_t *base_key,
                                  const uint8_t *transcript_hash, uint8_t *verify_data);

/* finished: the server's whole Finished message (header included); transcript_hash covers
 * ClientHello..CertificateVerify. COURSE_OK, or decode_error / decrypt_error. */
course_result check_server_finished(const struct course_handshake_keys *keys,
                                    const uint8_t *transcript_hash, const uint8_t *finished,
                                    size_t finished_len);

/* The client's whole Finished message (header included) into out; transcript_hash covers
 * ClientHello..server Finished. */
course_result build_client_finished(const struct course_handshake_keys *keys,
                                    const uint8_t *transcript_hash, uint8_t *out, size_t out_cap,
                                    size_t *out_len);

/* ---------------------------------------------------------------------------------------------
 * Exercise 6: application_keys (RFC 8446 §7.1, §7.3)
 * ------------------------------------------------------------------------------------------- */

struct course_application_keys {
    uint8_t master_secret[COURSE_MAX_HASH_LEN];
    struct course_direction client; /* client_application_traffic_secret_0 and its key/iv */
    struct course_direction server; /* server_application_traffic_secret_0 and its key/iv */
};

/* handshake_hash = Transcript-Hash(ClientHello..server Finished). */
course_result get_application_cipher(const struct course_suite *suite,
                                     const uint8_t *handshake_secret,
                                     const uint8_t *handshake_hash,
                                     struct course_application_keys *out);

/* ---------------------------------------------------------------------------------------------
 * Exercise 7: post_handshake (RFC 8446 §4.6.1, §4.6.3, §6.1, §7.2)
 * ------------------------------------------------------------------------------------------- */

enum course_event_type {
    COURSE_EVENT_NONE = 0,
    COURSE_EVENT_APPLICATION_DATA,   /* data for the application: data/data_len */
    COURSE_EVENT_NEW_SESSION_TICKET, /* a ticket for resumption: the ticket_* fields */
    COURSE_EVENT_KEY_UPDATE,         /* the peer changed its keys; update_requested */
    COURSE_EVENT_CLOSE_NOTIFY,       /* the peer will send nothing more */
};

struct course_event {
    enum course_event_type type;
    const uint8_t *data; /* APPLICATION_DATA */
    size_t data_len;
    uint32_t ticket_lifetime; /* NEW_SESSION_TICKET (views into the record) */
    uint32_t ticket_age_add;
    const uint8_t *ticket_nonce;
    size_t ticket_nonce_len;
    const uint8_t *ticket;
    size_t ticket_len;
    bool update_requested; /* KEY_UPDATE: the peer asks us to update our keys too */
};

/*
 * pt: one decrypted record received after the handshake. Handles what starts at pt->content:
 * for handshake records ONE message (a record may hold several: *consumed says how many bytes
 * were used and the runtime calls again with the rest); for the others the whole content.
 * read: the direction pt came in on (a KeyUpdate changes its keys).
 */
course_result handle_post_handshake(struct course_direction *read, const struct course_plaintext *pt,
                                    size_t *consumed, struct course_event *ev);

/* §7.2: next traffic secret, and its key/iv; the sequence number starts again. */
course_result update_traffic_keys(struct course_direction *d);

/* ---------------------------------------------------------------------------------------------
 * What the course gives you (the tls13 project's primitives; see course/runtime/primitives.c)
 * ------------------------------------------------------------------------------------------- */

/* out = Hash(data): SHA-256 if hash_len is 32, SHA-384 if 48. */
course_result course_hash(size_t hash_len, const uint8_t *data, size_t len, uint8_t *out);
/* out = HMAC-Hash(key, data), hash_len bytes. */
course_result course_hmac(size_t hash_len, const uint8_t *key, size_t key_len, const uint8_t *data,
                          size_t len, uint8_t *out);
/* RFC 5869 §2.2: prk = HKDF-Extract(salt, IKM), hash_len bytes. */
course_result course_hkdf_extract(size_t hash_len, const uint8_t *salt, size_t salt_len,
                                  const uint8_t *ikm, size_t ikm_len, uint8_t *prk);
/* RFC 5869 §2.3: out = HKDF-Expand(PRK, info, out_len). */
course_result course_hkdf_expand(size_t hash_len, const uint8_t *prk, const uint8_t *info,
                                 size_t info_len, uint8_t *out, size_t out_len);
/* The project's HKDF-Expand-Label and Derive-Secret (the same contract as yours in exercise 2),
 * so that exercises 5-7 work whatever state exercise 2 is in. */
course_result course_hkdf_expand_label(size_t hash_len, const uint8_t *secret, const char *label,
                                       const uint8_t *context, size_t context_len, uint8_t *out,
                                       size_t out_len);
course_result course_derive_secret(size_t hash_len, const uint8_t *secret, const char *label,
                                   const uint8_t *transcript_hash, uint8_t *out);
/* AEAD with the suite's algorithm, given the nonce (iv_len bytes) YOU computed.
 * seal: out gets len + COURSE_TAG_LEN bytes (ciphertext then tag).
 * open: in holds ciphertext || tag (len >= COURSE_TAG_LEN); out gets len - COURSE_TAG_LEN bytes;
 *       COURSE_ALERT(ALERT_BAD_RECORD_MAC) when the tag does not verify. in may equal out. */
course_result course_aead_seal(const struct course_suite *suite, const uint8_t *key,
                               const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                               const uint8_t *in, size_t len, uint8_t *out);
course_result course_aead_open(const struct course_suite *suite, const uint8_t *key,
                               const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                               const uint8_t *in, size_t len, uint8_t *out);
/* Constant-time comparison (0 when equal): compare MACs with this, never memcmp (§4.4.4). */
int course_memcmp_ct(const uint8_t *a, const uint8_t *b, size_t len);
/* The suite with this code point, or NULL. */
const struct course_suite *course_suite_find(uint16_t id);

#endif
