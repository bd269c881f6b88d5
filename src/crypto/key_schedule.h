/*
 * key_schedule.h — the TLS 1.3 key schedule (RFC 8446 §7.1), traffic keys (§7.3), key update
 * (§7.2), Finished (§4.4.4), resumption PSK (§4.6.1) and exporters (§7.5).
 *
 * Implementation notes
 * --------------------
 * The schedule is a chain of three extracts; every other secret is derived from one of them:
 *
 *              0
 *              |
 *              v
 *    PSK ->  HKDF-Extract = Early Secret          stage TLS_KS_EARLY
 *              |
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 * (EC)DHE -> HKDF-Extract = Handshake Secret      stage TLS_KS_HANDSHAKE
 *              |
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *   0 -> HKDF-Extract = Master Secret             stage TLS_KS_MASTER
 *
 * struct tls_key_schedule holds only the current stage's secret. Advancing to the next stage
 * overwrites (and so forgets) the previous one, and tls_ks_derive() refuses a label of another
 * stage: the stages can only be walked in the RFC's order.
 *
 * TLS_SECRET_LIST is the one table of secrets (every Derive-Secret label, the stage secrets,
 * the (EC)DHE input, traffic updates, the resumption PSK); the client's observer is given its
 * ids, and the NSS key log writer, the --explain trace and the decoder all print from it.
 */
#ifndef TLS13_CRYPTO_KEY_SCHEDULE_H
#define TLS13_CRYPTO_KEY_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/hash.h"
#include "crypto/suite.h"

enum tls_ks_stage {
    TLS_KS_NONE = 0,
    TLS_KS_EARLY,
    TLS_KS_HANDSHAKE,
    TLS_KS_MASTER,
};

/*
 * How each secret comes to be (the kind column below):
 *   EXTRACT  an HKDF-Extract output: one of the three stage secrets of §7.1
 *   INPUT    an input of the schedule from elsewhere: the (EC)DHE shared secret (§7.4)
 *   DERIVE   Derive-Secret(stage secret, label, Transcript-Hash(span)) (§7.1): the only kind
 *            tls_ks_derive() computes
 *   EXPAND   HKDF-Expand-Label(another secret, label, context, Hash.length): a traffic update
 *            (§7.2, "traffic upd", generation N+1 from N) or the resumption PSK (§4.6.1)
 */
enum tls_secret_kind {
    TLS_SECRET_KIND_EXTRACT,
    TLS_SECRET_KIND_INPUT,
    TLS_SECRET_KIND_DERIVE,
    TLS_SECRET_KIND_EXPAND,
};

/*
 * TLS_SECRET_LIST: every secret of a TLS 1.3 connection, once, by its RFC 8446 name. The
 * columns: the stage it belongs to, its kind, the label it is derived with (without the
 * "tls13 " prefix; NULL for none), its NSS key log name (NULL if not logged), the messages its
 * transcript hash covers (the span; NULL when it has no transcript hash), and its RFC section.
 * The two *_application_traffic_secret_N rows are generations N >= 1 (KeyUpdate, §7.2): an
 * observer is told which N.
 */
#define TLS_SECRET_LIST(X)                                                                     \
    /*  name                                   stage      kind     label           NSS key log name                   span                               RFC */ \
    X(early_secret,                            EARLY,     EXTRACT, NULL,           NULL,                              NULL,                              "§7.1") \
    X(binder_key_ext,                          EARLY,     DERIVE,  "ext binder",   NULL,                              "\"\" (empty)",                    "§7.1, §4.2.11.2") \
    X(binder_key_res,                          EARLY,     DERIVE,  "res binder",   NULL,                              "\"\" (empty)",                    "§7.1, §4.2.11.2") \
    X(client_early_traffic_secret,             EARLY,     DERIVE,  "c e traffic",  "CLIENT_EARLY_TRAFFIC_SECRET",     "ClientHello",                     "§7.1") \
    X(early_exporter_master_secret,            EARLY,     DERIVE,  "e exp master", "EARLY_EXPORTER_SECRET",           "ClientHello",                     "§7.1, §7.5") \
    X(ecdhe_shared_secret,                     HANDSHAKE, INPUT,   NULL,           NULL,                              NULL,                              "§7.4") \
    X(handshake_secret,                        HANDSHAKE, EXTRACT, NULL,           NULL,                              NULL,                              "§7.1") \
    X(client_handshake_traffic_secret,         HANDSHAKE, DERIVE,  "c hs traffic", "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "ClientHello...ServerHello",       "§7.1") \
    X(server_handshake_traffic_secret,         HANDSHAKE, DERIVE,  "s hs traffic", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "ClientHello...ServerHello",       "§7.1") \
    X(master_secret,                           MASTER,    EXTRACT, NULL,           NULL,                              NULL,                              "§7.1") \
    X(client_application_traffic_secret_0,     MASTER,    DERIVE,  "c ap traffic", "CLIENT_TRAFFIC_SECRET_0",         "ClientHello...server Finished",   "§7.1") \
    X(server_application_traffic_secret_0,     MASTER,    DERIVE,  "s ap traffic", "SERVER_TRAFFIC_SECRET_0",         "ClientHello...server Finished",   "§7.1") \
    X(exporter_master_secret,                  MASTER,    DERIVE,  "exp master",   "EXPORTER_SECRET",                 "ClientHello...server Finished",   "§7.1, §7.5") \
    X(resumption_master_secret,                MASTER,    DERIVE,  "res master",   NULL,                              "ClientHello...client Finished",   "§7.1") \
    X(client_application_traffic_secret_N,     MASTER,    EXPAND,  "traffic upd",  NULL,                              NULL,                              "§7.2") \
    X(server_application_traffic_secret_N,     MASTER,    EXPAND,  "traffic upd",  NULL,                              NULL,                              "§7.2") \
    X(resumption_psk,                          MASTER,    EXPAND,  "resumption",   NULL,                              NULL,                              "§4.6.1")

enum tls_secret_id {
#define TLS_X_(name, stage, kind, label, nss, span, section) TLS_SECRET_##name,
    TLS_SECRET_LIST(TLS_X_)
#undef TLS_X_
    TLS_SECRET_COUNT
};

struct tls_secret_info {
    enum tls_secret_id id;
    enum tls_ks_stage stage;   /* which extract output it belongs to (is derived from) */
    enum tls_secret_kind kind;
    const char *name;          /* "client_handshake_traffic_secret" */
    const char *label;         /* "c hs traffic" (without the "tls13 " prefix), or NULL */
    const char *nss_label;     /* "CLIENT_HANDSHAKE_TRAFFIC_SECRET", or NULL if not logged */
    const char *span;          /* "ClientHello...ServerHello": its transcript's messages, or NULL */
    const char *section;       /* "§7.1" */
};

const struct tls_secret_info *tls_secret_info(enum tls_secret_id id);

/* The info row whose NSS key log name is nss_label, or NULL. */
const struct tls_secret_info *tls_secret_info_by_nss_label(const char *nss_label);

struct tls_key_schedule {
    enum tls_hash_alg alg;
    enum tls_ks_stage stage;
    uint8_t secret[TLS_MAX_HASH_LEN]; /* Early, Handshake or Master Secret, per stage */
};

/* Early Secret = HKDF-Extract(0, PSK); psk NULL means no PSK (HashLen zeros, §7.1). */
tls_result tls_ks_early(struct tls_key_schedule *ks, enum tls_hash_alg alg, const uint8_t *psk,
                        size_t psk_len, struct tls_error *err);

/* Handshake Secret = HKDF-Extract(Derive-Secret(Early, "derived", ""), (EC)DHE). */
tls_result tls_ks_handshake(struct tls_key_schedule *ks, const uint8_t *ecdhe, size_t ecdhe_len,
                            struct tls_error *err);

/* Master Secret = HKDF-Extract(Derive-Secret(Handshake, "derived", ""), 0). */
tls_result tls_ks_master(struct tls_key_schedule *ks, struct tls_error *err);

/* Derive-Secret(current stage secret, label of id, transcript_hash). id must be of this stage:
 * a secret of another stage is refused (internal_error, the reason in err). */
tls_result tls_ks_derive(const struct tls_key_schedule *ks, enum tls_secret_id id,
                         const uint8_t *transcript_hash, uint8_t *out, struct tls_error *err);

void tls_ks_wipe(struct tls_key_schedule *ks);

/* §7.3: write_key = HKDF-Expand-Label(Secret, "key", "", key_length), write_iv likewise "iv". */
struct tls_traffic_keys {
    const struct tls_cipher_suite *suite;
    uint8_t key[TLS_MAX_KEY_LEN];
    uint8_t iv[TLS_IV_LEN];
};

tls_result tls_traffic_keys_derive(const struct tls_cipher_suite *suite,
                                   const uint8_t *traffic_secret, struct tls_traffic_keys *out,
                                   struct tls_error *err);
void tls_traffic_keys_wipe(struct tls_traffic_keys *keys);

/* §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(_N, "traffic upd", "", Hash.length). */
tls_result tls_next_traffic_secret(enum tls_hash_alg alg, const uint8_t *secret, uint8_t *out,
                                   struct tls_error *err);

/*
 * §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 *         verify_data  = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CV*))
 * Also the PSK binder (§4.2.11.2), whose BaseKey is the binder key.
 */
tls_result tls_finished_key(enum tls_hash_alg alg, const uint8_t *base_key, uint8_t *out,
                            struct tls_error *err);
tls_result tls_finished_verify_data(enum tls_hash_alg alg, const uint8_t *base_key,
                                    const uint8_t *transcript_hash, uint8_t *out,
                                    struct tls_error *err);
/* The same with another HKDF-Expand-Label prefix than "tls13 " (hkdf.h): DTLS 1.3's "dtls13"
   (RFC 9147 §5.9, TLS_DTLS13_LABEL_PREFIX in dtls13.h). */
tls_result tls_finished_key_prefixed(enum tls_hash_alg alg, const char *prefix, const uint8_t *base_key,
                                     uint8_t *out, struct tls_error *err);
tls_result tls_finished_verify_data_prefixed(enum tls_hash_alg alg, const char *prefix,
                                             const uint8_t *base_key, const uint8_t *transcript_hash,
                                             uint8_t *out, struct tls_error *err);

/* §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) */
tls_result tls_resumption_psk(enum tls_hash_alg alg, const uint8_t *resumption_master_secret,
                              const uint8_t *nonce, size_t nonce_len, uint8_t *out,
                              struct tls_error *err);

/*
 * §7.5: TLS-Exporter(label, context_value, key_length) =
 *   HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter", Hash(context_value), key_length)
 * label here is the full exporter label (no "tls13 " is added by the caller).
 */
tls_result tls_exporter(enum tls_hash_alg alg, const uint8_t *exporter_master_secret,
                        const char *label, const uint8_t *context, size_t context_len,
                        uint8_t *out, size_t out_len, struct tls_error *err);

#endif
