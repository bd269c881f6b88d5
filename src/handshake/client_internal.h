/*
 * client_internal.h — the inside of struct tls_client, shared by the client_*.c files only.
 *
 * The client is split by handshake phase, each file readable next to one part of RFC 8446:
 *   client.c                     the public calls, the state table (App. A.1) and failure
 *   client_records.c             the record loop, sending, and what the observer is told
 *   client_offer.c               what we send first: ClientHello and its second version (§4.1.2)
 *   client_server_hello.c        ServerHello / HelloRetryRequest and the handshake keys (§4.1.3-4, §7.1)
 *   client_server_auth.c         EncryptedExtensions .. Finished, and our Finished (§4.3, §4.4)
 *   client_post_handshake.c      application data, NewSessionTicket, KeyUpdate, closure (§4.6, §6.1)
 *   client_psk.c                 offering a ticket: binder, 0-RTT data, EndOfEarlyData (§4.2.10-11, §4.5)
 *
 * Memory (documented bounds, no heap): the largest piece is the handshake reassembly buffer
 * (record/reassembly.h, 64 KiB messages), then the HelloRetryRequest cookie and the ClientHello
 * scratch (64 KiB each, RFC 8446 §4.2.2's limit). sizeof(struct tls_client) is about 215 KiB.
 */
#ifndef TLS13_HANDSHAKE_CLIENT_INTERNAL_H
#define TLS13_HANDSHAKE_CLIENT_INTERNAL_H

#include "crypto/kex.h"
#include "crypto/key_schedule.h"
#include "crypto/x509.h"
#include "handshake/client.h"
#include "handshake/client_replay.h"
#include "handshake/client_hello.h"
#include "handshake/extensions.h"
#include "handshake/key_changes.h"
#include "handshake/transcript.h"
#include "record/protect.h"
#include "record/reassembly.h"

/*
 * Our largest ClientHello: its header, the fixed fields (legacy_version, random, a 32-byte
 * legacy_session_id, up to TLS_MAX_SUITES cipher suites, compression) and the largest
 * extensions<8..2^16-1> block the RFC allows (§4.1.2): a HelloRetryRequest cookie of any size
 * the server can send is echoed if it fits in that block next to our other extensions.
 */
#define TLS_MAX_CLIENT_HELLO_LEN \
    (TLS_HANDSHAKE_HEADER_LEN + 2 + 32 + 1 + 32 + 2 + 2 * TLS_MAX_SUITES + 2 + 2 + 0xffff)

/* What our ClientHello offered: every check of the server's answer is made against this. */
struct tls_client_offer {
    uint8_t random[TLS_RANDOM_LEN];
    uint8_t legacy_session_id[TLS_MAX_SESSION_ID_LEN];
    size_t legacy_session_id_len;
    uint16_t cipher_suites[TLS_MAX_SUITES];
    size_t cipher_suite_count;
    uint16_t groups[TLS_MAX_GROUPS];              /* supported_groups */
    size_t group_count;
    uint16_t signature_schemes[TLS_MAX_SIG_SCHEMES];
    size_t signature_scheme_count;
    uint16_t extensions[TLS_MAX_EXTENSIONS];      /* extension types, in the order sent */
    size_t extension_count;
    struct tls_kex key_shares[TLS_MAX_GROUPS];    /* our key pairs, one per key_share entry */
    size_t key_share_count;
    char alpn[TLS_MAX_ALPN][TLS_MAX_ALPN_LEN + 1];
    size_t alpn_count;
    bool psk_offered;                              /* pre_shared_key sent (one identity) */
    bool early_data_offered;
};

struct tls_client {
    const struct tls_client_config *config;
    const struct tls_client_replay *replay;        /* tests only (client_replay.h); NULL normally */
    uint64_t now_ms;                               /* the caller's clock given to this call */
    enum tls_client_state state;
    struct tls_error error;
    struct tls_session_info info;
    struct tls_client_offer offer;

    /* Negotiated so far. */
    const struct tls_cipher_suite *suite;          /* from ServerHello (or the HRR) */
    bool hello_retry_request;                      /* an HRR was received */
    uint16_t hrr_selected_group;                   /* its key_share selected_group, or 0 */
    uint8_t cookie[TLS_MAX_COOKIE_LEN];            /* its cookie, echoed in ClientHello2 */
    size_t cookie_len;
    bool psk_accepted;                             /* ServerHello had pre_shared_key */
    bool certificate_requested;
    uint8_t certificate_request_context[255];
    size_t certificate_request_context_len;
    bool ccs_sent;                                 /* App. D.4 compatibility CCS already sent */

    /* Resumption and 0-RTT (client_psk.c). */
    bool offer_ticket;                             /* config.ticket passed the checks: offered */
    bool send_early_data;                          /* config.early_data goes with ClientHello1 */
    bool early_write_key;                          /* we write under client_early_traffic_secret */

    /* Keys (RFC 8446 §7.1). Each is wiped as soon as its stage ends. */
    struct tls_transcript transcript;
    struct tls_key_schedule key_schedule;
    uint8_t client_handshake_traffic_secret[TLS_MAX_HASH_LEN];
    uint8_t server_handshake_traffic_secret[TLS_MAX_HASH_LEN];
    uint8_t client_application_traffic_secret[TLS_MAX_HASH_LEN]; /* generation N (§7.2) */
    uint8_t server_application_traffic_secret[TLS_MAX_HASH_LEN];
    uint8_t resumption_master_secret[TLS_MAX_HASH_LEN];
    uint8_t exporter_master_secret[TLS_MAX_HASH_LEN];
    struct tls_peer_key peer_key;                  /* the leaf's key, for CertificateVerify */

    /* Records. */
    struct tls_record_rx rx;                       /* the server's writes */
    struct tls_record_direction tx;                /* ours */
    struct tls_reassembly reassembly;
    const char *rx_key_name;                       /* secret protecting each direction, for observers */
    const char *tx_key_name;

    /* After the handshake. */
    struct tls_ticket ticket;
    bool have_ticket;
    unsigned tickets_received;
    bool peer_closed;                              /* close_notify received */
    bool we_closed;                                /* close_notify sent */
    unsigned user_canceled_alerts;                 /* DOS-02 bound, see record/alert.h */
    unsigned key_updates_in_a_row;                 /* KeyUpdates with no data between (PH-05) */
    unsigned read_generation;                      /* N of server_application_traffic_secret_N */
    unsigned write_generation;

    /* Scratch for building and signing content. */
    uint8_t hello[TLS_MAX_CLIENT_HELLO_LEN];
};

/* A handler for one (state, message) row of the table in client.c. */
typedef tls_result (*tls_client_handler)(struct tls_client *c, const struct tls_handshake_message *msg,
                                         struct tls_writer *out);

/* client.c */
tls_result tls_client_fail(struct tls_client *c, enum tls_alert_description alert, const char *reason);
tls_result tls_client_misuse(struct tls_error *err, const char *reason);
tls_result tls_client_report(const struct tls_client *c, tls_result rc, struct tls_error *err);
tls_result tls_client_dispatch(struct tls_client *c, const struct tls_handshake_message *msg,
                               struct tls_writer *out);

tls_result tls_client_sent(struct tls_client *c, uint8_t msg_type);

/* client_records.c */
tls_result tls_client_change_key(struct tls_client *c, enum tls_direction dir,
                                 enum tls_key_change change);
tls_result tls_client_install_keys(struct tls_client *c, enum tls_direction dir,
                                   enum tls_secret_id id, const uint8_t *secret);
tls_result tls_client_process_records(struct tls_client *c, uint8_t *in, size_t in_len,
                                      size_t *consumed, struct tls_writer *out,
                                      const uint8_t **app_data, size_t *app_data_len,
                                      enum tls_status *status);
void tls_client_emit_secret(struct tls_client *c, enum tls_secret_id id, unsigned generation,
                            const uint8_t *secret, size_t secret_len,
                            const uint8_t *transcript_hash);
void tls_client_note(struct tls_client *c, const char *text);
void tls_client_emit_record(struct tls_client *c, enum tls_direction dir, const uint8_t *bytes,
                            size_t len, uint8_t inner_type, const uint8_t *content,
                            size_t content_len, size_t padding_len, const char *key_name,
                            uint64_t seq);
tls_result tls_client_send(struct tls_client *c, uint8_t type, const uint8_t *content, size_t len,
                           const char *key_name, struct tls_writer *out);
tls_result tls_client_send_handshake(struct tls_client *c, const uint8_t *msg, size_t len,
                                     const char *key_name, struct tls_writer *out);
void tls_client_emit_message(struct tls_client *c, enum tls_direction dir, const uint8_t *msg,
                             size_t len);
tls_result tls_client_add_transcript(struct tls_client *c, enum tls_direction dir,
                                     const uint8_t *msg, size_t len);
tls_result tls_client_send_compat_ccs(struct tls_client *c, struct tls_writer *out);

/* client_offer.c */
tls_result tls_client_offer_init(struct tls_client *c);
tls_result tls_client_send_client_hello(struct tls_client *c, bool second, struct tls_writer *out);

/* client_psk.c */
tls_result tls_client_psk_choose(struct tls_client *c);
void tls_client_psk_identity(const struct tls_client *c, struct tls_psk_identity *identity,
                             size_t *binder_len);
tls_result tls_client_psk_write_binder(struct tls_client *c, uint8_t *msg, size_t len);
tls_result tls_client_send_early_data(struct tls_client *c, struct tls_writer *out);
void tls_client_psk_on_hello_retry_request(struct tls_client *c);
tls_result tls_client_psk_on_encrypted_extensions(struct tls_client *c,
                                                  const struct tls_extensions *extensions);
tls_result tls_client_psk_end_early_data(struct tls_client *c, struct tls_writer *out);

/* client_server_hello.c */
tls_result tls_client_on_server_hello(struct tls_client *c, const struct tls_handshake_message *msg,
                                      struct tls_writer *out);

tls_result tls_client_send_client_hello2(struct tls_client *c,
                                         const struct tls_handshake_message *msg,
                                         struct tls_writer *out);

/* client_server_auth.c */
tls_result tls_client_send_second_flight(struct tls_client *c,
                                         const struct tls_handshake_message *msg,
                                         struct tls_writer *out);
tls_result tls_client_on_encrypted_extensions(struct tls_client *c,
                                              const struct tls_handshake_message *msg,
                                              struct tls_writer *out);
tls_result tls_client_on_certificate_request(struct tls_client *c,
                                             const struct tls_handshake_message *msg,
                                             struct tls_writer *out);
tls_result tls_client_on_certificate(struct tls_client *c, const struct tls_handshake_message *msg,
                                     struct tls_writer *out);
tls_result tls_client_on_certificate_verify(struct tls_client *c,
                                            const struct tls_handshake_message *msg,
                                            struct tls_writer *out);
tls_result tls_client_on_finished(struct tls_client *c, const struct tls_handshake_message *msg,
                                  struct tls_writer *out);

/* client_post_handshake.c */
tls_result tls_client_on_new_session_ticket(struct tls_client *c,
                                            const struct tls_handshake_message *msg,
                                            struct tls_writer *out);
tls_result tls_client_on_key_update(struct tls_client *c, const struct tls_handshake_message *msg,
                                    struct tls_writer *out);
tls_result tls_client_send_key_update(struct tls_client *c, bool request_peer_update,
                                      struct tls_writer *out);

#endif
