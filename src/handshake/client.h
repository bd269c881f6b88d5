/*
 * client.h — the TLS 1.3 client core: a state machine fed bytes (RFC 8446 §2, §4, App. A.1).
 *
 * Implementation notes
 * --------------------
 * The core never touches a socket. The caller moves bytes; the core decides what they mean.
 * This is the same loop as Schannel's InitializeSecurityContext. The handshake, with the
 * transport left to the caller (this example is compiled by tests/unit/test_client_example.c,
 * which extracts it from this header):
 *
 * EXAMPLE-BEGIN
 * struct transport {
 *     int (*send_all)(void *io, const uint8_t *p, size_t n);  // 0 on success
 *     long (*recv_some)(void *io, uint8_t *p, size_t cap);      // bytes read, <= 0: EOF/error
 *     uint64_t (*now_ms)(void *io);                             // the caller's clock
 *     void *io;
 * };
 *
 * // Returns 0 once the handshake is verified; c must hold tls_client_size() bytes.
 * static int handshake(struct tls_client *c, const struct tls_client_config *config,
 *                      const struct transport *t)
 * {
 *     static uint8_t in[1 << 16], out_buf[1 << 17];
 *     size_t have = 0, used = 0;
 *     struct tls_writer out;
 *     if (tls_client_init(c, config, t->now_ms(t->io)) != TLS_OK) {
 *         return -1;                                 // tls_client_error(c) says why
 *     }
 *     tls_writer_init(&out, out_buf, sizeof(out_buf));
 *     // the first call: the ClientHello
 *     enum tls_status status = tls_client_handshake(c, NULL, 0, &used, &out, t->now_ms(t->io));
 *     for (;;) {
 *         // send what the core appended: ClientHello(s), our Finished, or the fatal alert
 *         if (out.len > 0 && t->send_all(t->io, out_buf, out.len) != 0) {
 *             return -1;
 *         }
 *         out.len = 0;
 *         if (status == TLS_STATUS_HANDSHAKE_DONE || status == TLS_STATUS_FATAL) {
 *             return status == TLS_STATUS_HANDSHAKE_DONE ? 0 : -1;
 *         }
 *         // keep what was not consumed (a partial record); read more when nothing was
 *         memmove(in, in + used, have - used);
 *         have -= used;
 *         if (used == 0) {
 *             long n = t->recv_some(t->io, in + have, sizeof(in) - have);
 *             if (n <= 0) {
 *                 return -1;
 *             }
 *             have += (size_t)n;
 *         }
 *         status = tls_client_handshake(c, in, have, &used, &out, t->now_ms(t->io));
 *     }
 * }
 * EXAMPLE-END
 *
 * Every connection that was initialized ends with tls_client_wipe(c), however it ended.
 *
 * Input is consumed one whole record at a time: a partial record is left unconsumed and the call
 * returns NEED_MORE (Schannel: SEC_E_INCOMPLETE_MESSAGE, with the rest in SECBUFFER_EXTRA).
 * Input bytes are decrypted in place, so `in` is not const.
 *
 * With config.ticket (and config.early_data) the handshake resumes a session and may send 0-RTT
 * data with the ClientHello (client_psk.c); a NewSessionTicket gives the next ticket
 * (tls_client_ticket(), stored across runs with handshake/session_file.h).
 *
 * After the handshake, tls_client_seal() protects application data and tls_client_open() takes
 * received records; post-handshake messages (NewSessionTicket, KeyUpdate) are handled inside
 * open and surfaced as statuses, never as errors (Schannel reports a ticket as SEC_I_RENEGOTIATE).
 *
 * On any failure the core enters a terminal state: the alert record is appended to the output,
 * every secret is wiped (RFC 8446 §6: "MUST forget the secret values and keys established in
 * failed connections"), and every later call returns FATAL again without output.
 *
 * An observer (optional) sees every record, handshake message, derived secret and transcript
 * hash as it happens: the --explain trace, the SSLKEYLOGFILE writer and the token-trace writer
 * are observers.
 */
#ifndef TLS13_HANDSHAKE_CLIENT_H
#define TLS13_HANDSHAKE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/direction.h"
#include "common/error.h"
#include "common/writer.h"
#include "crypto/hash.h"
#include "crypto/key_schedule.h"
#include "crypto/rng.h"
#include "crypto/x509.h"

enum tls_status {
    TLS_STATUS_NEED_MORE = 0,  /* consumed what it could; call again with more input */
    TLS_STATUS_CONTINUE,       /* output appended: send it, then call again with the answer */
    TLS_STATUS_HANDSHAKE_DONE, /* handshake verified; output holds the client's last flight */
    TLS_STATUS_APP_DATA,       /* tls_client_open: application data available (a view) */
    TLS_STATUS_TICKET,         /* tls_client_open: a NewSessionTicket was stored */
    TLS_STATUS_KEY_UPDATE,     /* tls_client_open: the peer updated its key (reply may be in out) */
    TLS_STATUS_CLOSED,         /* the peer sent close_notify */
    TLS_STATUS_FATAL,          /* failed; see tls_client_error(); any alert is in the output */
    TLS_STATUS_MISUSE,         /* tls_client_open called before the handshake completed (RFC 8446
                                * §2: data is read only after it): nothing consumed, nothing sent,
                                * the connection unchanged */
};

const char *tls_status_name(enum tls_status status);

/* RFC 8446 Appendix A.1 client states (plus the terminal FAILED). */
enum tls_client_state {
    TLS_CLIENT_START,
    TLS_CLIENT_WAIT_SH,
    TLS_CLIENT_WAIT_EE,
    TLS_CLIENT_WAIT_CERT_CR,
    TLS_CLIENT_WAIT_CERT,
    TLS_CLIENT_WAIT_CV,
    TLS_CLIENT_WAIT_FINISHED,
    TLS_CLIENT_CONNECTED,
    TLS_CLIENT_FAILED,
};

const char *tls_client_state_name(enum tls_client_state state);


/* What the observer learns about each record, in either direction. */
struct tls_record_info {
    enum tls_direction dir;
    uint8_t outer_type;        /* TLSPlaintext/TLSCiphertext.opaque_type */
    uint16_t legacy_version;
    size_t length;             /* the header's length field */
    bool protected_record;     /* under a traffic key */
    uint8_t inner_type;        /* TLSInnerPlaintext.type when protected, else outer_type */
    const uint8_t *content;    /* the plaintext content (decrypted, without type and padding) */
    size_t content_len;        /* TLSInnerPlaintext.content length (or fragment length) */
    size_t padding_len;        /* zero bytes after the inner type */
    const uint8_t *bytes;      /* the whole record as on the wire (header + fragment) */
    size_t bytes_len;
    const char *key_name;      /* which secret protects it ("server_handshake_traffic_secret"), or NULL */
    uint64_t seq;              /* its sequence number under that key */
};

struct tls_observer {
    void *ctx;
    /* Every record sent or received, before (received) or after (sent) protection. */
    void (*record)(void *ctx, const struct tls_record_info *rec);
    /* Every whole handshake message (4-byte header included) sent or received. */
    void (*message)(void *ctx, enum tls_direction dir, const uint8_t *msg, size_t len);
    /* Every secret derived, by its id in TLS_SECRET_LIST (crypto/key_schedule.h: its name,
     * label, NSS key log name, transcript span and RFC section), with the transcript hash it was
     * derived from (NULL for none). generation is N for *_application_traffic_secret_N (§7.2),
     * else 0. */
    void (*secret)(void *ctx, enum tls_secret_id id, unsigned generation,
                   const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                   const uint8_t *transcript_hash, size_t hash_len);
    /* State transitions (App. A.1 names). */
    void (*state)(void *ctx, enum tls_client_state from, enum tls_client_state to);
    /* Free-text explanations of checks as they pass ("server Finished verified: ..."). */
    void (*note)(void *ctx, const char *text);
};

/*
 * Bounds of the fixed-size buffers inside struct tls_client. A bound on what the SERVER sends is
 * the RFC's own limit unless marked "ours", and then the line says what happens beyond it. Bounds
 * on what we configure and send are ours by nature.
 *   - RFC limits kept:   cookie<1..2^16-1> (RFC 8446 §4.2.2, echoed whole in ClientHello2, which
 *                        can then exceed 64 KiB: the caller's output buffer must hold it, see
 *                        TLS_MAX_CLIENT_HELLO_LEN in client_internal.h),
 *                        certificate_request_context<0..2^8-1> (§4.3.2).
 *   - ours, elsewhere:   a handshake message up to 64 KiB (record/reassembly.h; the RFC allows
 *                        2^24-1: a Certificate message beyond 64 KiB is refused), 32 extensions
 *                        per block (extensions.h), 10 certificates per chain (certificate.h),
 *                        an SPKI up to TLS_MAX_SPKI_LEN (x509.h, RSA up to 8192 bits).
 */
#define TLS_MAX_SUITES 8        /* ours: our offer */
#define TLS_MAX_GROUPS 8        /* ours: our offer */
#define TLS_MAX_SIG_SCHEMES 16  /* ours: our offer */
#define TLS_MAX_ALPN 4          /* ours: our offer */
#define TLS_MAX_ALPN_LEN 64     /* ours: our offer (the server may only pick one of them) */
#define TLS_MAX_SERVER_NAME 255 /* ours: a DNS name is at most 253 characters (RFC 1035 §2.3.4) */
/* ours (RFC 8446 §4.6.1: ticket<1..2^16-1>): a longer ticket is not kept (an observer note
 * says so); the connection is unaffected, only the next one cannot resume. */
#define TLS_MAX_TICKET_LEN 2048
/* RFC 8446 §4.2.2: opaque cookie<1..2^16-1>. */
#define TLS_MAX_COOKIE_LEN 0xffff

/* A NewSessionTicket kept for resumption (RFC 8446 §4.6.1), with its PSK already derived. */
struct tls_ticket {
    uint16_t cipher_suite;           /* suite of the connection that received it */
    uint32_t ticket_lifetime;        /* seconds; capped at 604800 (7 days) */
    uint32_t ticket_age_add;
    uint32_t max_early_data_size;    /* 0 = no 0-RTT */
    uint64_t received_at_ms;         /* caller's clock when it arrived (now_ms of tls_client_open) */
    uint8_t psk[TLS_MAX_HASH_LEN];   /* HKDF-Expand-Label(resumption_master_secret, "resumption", nonce, ...) */
    size_t psk_len;
    uint8_t ticket[TLS_MAX_TICKET_LEN];
    size_t ticket_len;
    char server_name[TLS_MAX_SERVER_NAME + 1];
    char alpn[TLS_MAX_ALPN_LEN + 1];
};

struct tls_client_config {
    const char *server_name;             /* SNI (not for an IP address, RFC 6066 §3) and the RFC 9525 check; NULL = none */
    const uint16_t *cipher_suites;       /* NULL = the three implemented suites */
    size_t cipher_suite_count;
    const uint16_t *groups;              /* supported_groups; NULL = x25519, secp256r1, secp384r1 */
    size_t group_count;
    size_t key_share_count;              /* key shares for the first N groups (default 1) */
    const uint16_t *signature_schemes;   /* NULL = the schemes tls_sig_scheme_supported() knows */
    size_t signature_scheme_count;
    const char *const *alpn;             /* ALPN protocol names, or NULL */
    size_t alpn_count;
    bool no_middlebox_compat;            /* default (false): compatibility mode, App. D.4 */
    const struct tls_trust *trust;       /* trust anchors; NULL requires insecure */
    bool insecure;                       /* skip chain and name checks (CertificateVerify still checked) */
    struct tls_rng rng;                  /* randomness: client random, key shares, session id */
    const struct tls_observer *observer; /* may be NULL */
    /*
     * Resumption (RFC 8446 §2.2, §4.2.11): offer this ticket as a PSK (psk_dhe_ke), or NULL. It
     * is offered only if its suite's hash is among cipher_suites, its server_name equals
     * server_name (ASCII case ignored), and the now_ms of tls_client_init minus received_at_ms
     * is 0..ticket_lifetime seconds; otherwise the handshake is a full one and an observer note says why.
     */
    const struct tls_ticket *ticket;
    /*
     * 0-RTT (§2.3, §4.2.10): data sent right after ClientHello1 under
     * client_early_traffic_secret, when the ticket is offered, allows early data
     * (0 < early_data_len <= max_early_data_size) and its ALPN protocol (if any) is in alpn.
     * info.early_data_offered says whether it was sent, info.early_data_accepted whether the
     * server took it. The core never resends rejected data (§4.2.10 "SHOULD NOT automatically
     * resend"): the caller sends it again with tls_client_seal() if it wants to.
     */
    const uint8_t *early_data;
    size_t early_data_len;
};

/* What was negotiated, for the caller and for --explain. Valid once the fields are known. */
struct tls_session_info {
    uint16_t version;             /* 0x0304 */
    uint16_t cipher_suite;
    uint16_t group;               /* key_share group (0 for psk_ke) */
    uint16_t signature_scheme;    /* server CertificateVerify scheme (0 when resumed) */
    bool hello_retry_request;     /* the server asked for another key share */
    bool resumed;                 /* the server accepted our PSK */
    bool early_data_offered;      /* 0-RTT data was sent after ClientHello1 */
    bool early_data_accepted;     /* EncryptedExtensions had early_data: the data was taken */
    bool client_certificate_requested;
    char alpn[TLS_MAX_ALPN_LEN + 1];
    uint8_t client_random[32];
};

/*
 * struct tls_client — one connection. Caller-allocated; the core itself allocates nothing, but
 * keying AES-GCM makes Mbed TLS allocate its AES context, once per traffic key (crypto/aead.h):
 * every connection that was initialized must end with tls_client_wipe(), which gives it back.
 * Its fields are private to client.c: use the functions below.
 */
struct tls_client;

/* sizeof(struct tls_client), for callers that want to allocate it themselves. */
size_t tls_client_size(void);

/*
 * The clock: the core reads none. Every call that needs the time takes the caller's clock in
 * milliseconds, now_ms: tls_client_init (is config.ticket still valid?), tls_client_handshake
 * (the obfuscated_ticket_age of a ClientHello it builds) and tls_client_open (a
 * NewSessionTicket's received_at_ms). Pass the current time to each call: a ticket's
 * received_at_ms must not be earlier than when it arrived, or the next connection reports an
 * age larger than the server's view (GnuTLS then refuses the 0-RTT data).
 */

/* Prepares a connection from config (which must stay valid for the connection's life). */
tls_result tls_client_init(struct tls_client *c, const struct tls_client_config *config,
                           uint64_t now_ms);

/*
 * Drives the handshake. First call: in may be NULL; output gets the ClientHello (CONTINUE).
 * Later calls consume whole records from in (*consumed set) and append what must be sent.
 */
enum tls_status tls_client_handshake(struct tls_client *c, uint8_t *in, size_t in_len,
                                     size_t *consumed, struct tls_writer *out, uint64_t now_ms);

/*
 * The calls below return TLS_OK, a fatal failure (the connection has failed: the same code and
 * reason as tls_client_error(), and any alert is in out), or TLS_E_MISUSE: the call was made at
 * the wrong time (before the handshake completed, after our close_notify). Misuse names the rule
 * in err, sends nothing and leaves the connection as it was: the next valid call still works.
 * err may be NULL.
 */

/* Protects application data (split into records of at most 2^14 bytes) into out. */
tls_result tls_client_seal(struct tls_client *c, const uint8_t *data, size_t len,
                           struct tls_writer *out, struct tls_error *err);

/*
 * Processes at most one received record after the handshake. On APP_DATA, *data and *data_len are a
 * view into in (valid until in changes). On KEY_UPDATE, a reply KeyUpdate may be in out. Data
 * after the peer's close_notify is ignored (RFC 8446 §6.1).
 */
enum tls_status tls_client_open(struct tls_client *c, uint8_t *in, size_t in_len,
                                size_t *consumed, const uint8_t **data, size_t *data_len,
                                struct tls_writer *out, uint64_t now_ms);

/* Sends a KeyUpdate (RFC 8446 §4.6.3) and switches to the next write key. */
tls_result tls_client_key_update(struct tls_client *c, bool request_peer_update,
                                 struct tls_writer *out, struct tls_error *err);

/* Appends a close_notify alert (RFC 8446 §6.1). Reading may go on until the peer's. */
tls_result tls_client_close(struct tls_client *c, struct tls_writer *out);

/* The first failure (code, RFC reason, field), or code TLS_OK. */
const struct tls_error *tls_client_error(const struct tls_client *c);

enum tls_client_state tls_client_state(const struct tls_client *c);
const struct tls_session_info *tls_client_info(const struct tls_client *c);

/* The most recent NewSessionTicket, or NULL. */
const struct tls_ticket *tls_client_ticket(const struct tls_client *c);

/* Wipes every secret in c and frees the keyed AEAD contexts (crypto/aead.h): call it once at the
 * end of every connection, however it ended. */
void tls_client_wipe(struct tls_client *c);

#endif
