/*
 * client_psk_conn.h — test support for test_client_psk.c: RFC 8448 §3/§4 client connections
 * (replay hooks, a secret-collecting observer), the §3 ticket, and pieces to play a server that
 * differs from RFC 8448 (edited ServerHello, record protection with a given secret).
 */
#ifndef TLS13_TEST_CLIENT_PSK_CONN_H
#define TLS13_TEST_CLIENT_PSK_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/client.h"
#include "handshake/client_replay.h"
#include "record/protect.h"
#include "support/rfc8448.h"

#define PSK_OUT_CAP 32768 /* room for 0-RTT data over two records */
#define PSK_TICKET_RECEIVED_AT 1700000000000ull /* any clock value: only differences matter */
/* RFC 8448 §4 line 886: obfuscated_ticket_age 0xfad6aacb; §3 line 764: ticket_age_add
 * 0xfad6aac5. So the client's view of the age was 0xfad6aacb - 0xfad6aac5 = 6 ms. */
#define PSK_RFC8448_TICKET_AGE_MS 6u
/* The clock reading, after PSK_TICKET_RECEIVED_AT, at which the client sends that age: two
 * millisecond readings 7 apart mean at least 6 ms (client_psk.c sends the lower bound). */
#define PSK_RFC8448_SEND_AT (PSK_TICKET_RECEIVED_AT + PSK_RFC8448_TICKET_AGE_MS + 1u)

#define PSK_S3 "rfc8448-3-simple-1-rtt-handshake.json"
#define PSK_S4 "rfc8448-4-resumed-0-rtt-handshake.json"
#define PSK_CH_STEP "{client}  construct a ClientHello handshake message"
#define PSK_SEND_HS "{client}  send handshake record"
#define PSK_SERVER_HS "{server}  send handshake record"

/* Secrets the observer saw, by NSS label (or name when there is none). */
struct psk_secrets {
    char names[16][96];
    uint8_t values[16][48];
    size_t lens[16];
    size_t count;
};

struct psk_conn {
    uint64_t now_ms; /* the clock given to every call of the client */
    struct rfc8448 *v;
    struct tls_client_replay hooks;
    struct tls_client_config config;
    struct tls_observer observer;
    struct psk_secrets secrets;
    struct tls_client *client;
    uint8_t out[PSK_OUT_CAP];
    struct tls_writer w;
};

struct psk_sh_edit {
    uint16_t cipher_suite;      /* 0: as recorded */
    bool drop_key_share;
    bool add_pre_shared_key;    /* selected_identity 0 */
    bool drop_pre_shared_key;
    int selected_identity;      /* -1: as recorded */
};

/* The value of the secret the observer saw under this NSS label (or name); fails if none. */
const uint8_t *psk_seen(const struct psk_secrets *s, const char *name, size_t *len);

/* A connection over RFC 8448 file (PSK_S3 or PSK_S4): its client key share, server_name
 * "server", no chain check (RFC 8448's certificate is self-signed), the secret observer.
 * The caller sets the ClientHello hooks, then calls psk_conn_start(); psk_conn_free() ends. */
void psk_conn_init(struct psk_conn *c, const char *file);
void psk_conn_start(struct psk_conn *c);
void psk_conn_free(struct psk_conn *c);

/* An RFC 8448 value by step, label and occurrence; *source (if not NULL) names it. */
const uint8_t *psk_val(struct psk_conn *c, const char *step, const char *label, int occurrence,
                       size_t *len, const char **source);

/* Feeds whole records to the handshake; returns the status of the last call. */
enum tls_status psk_feed(struct psk_conn *c, const uint8_t *bytes, size_t len);

/* Replays RFC 8448 §3 to its NewSessionTicket; *ticket gets the client's stored ticket. */
void psk_ticket_from_section3(struct tls_ticket *ticket);

/* A §4 connection with the template ClientHello, the §3 ticket, and the RFC's 0-RTT payload. */
void psk_section4_conn(struct psk_conn *c, struct tls_ticket *ticket);

/* Asserts out holds exactly want, then empties it. */
void psk_expect_out(struct psk_conn *c, const uint8_t *want, size_t want_len, const char *what);

/* Expects the next records in out to be these RFC records, in order. */
void psk_expect_records(struct psk_conn *c, const char *const *steps, const int *occurrences, size_t n);

/* The server's ServerHello record and encrypted flight (§4 lines 1224, 1303). */
size_t psk_section4_server_flight(struct psk_conn *c, uint8_t *buf);

/* A record direction writing (or reading) with the keys of traffic_secret (§7.3), seq 0. */
void psk_direction_for(struct tls_record_direction *d, uint16_t suite, const uint8_t *traffic_secret);
/* The same for TLS_AES_128_GCM_SHA256, RFC 8448's suite. */
void psk_direction_with(struct tls_record_direction *d, const uint8_t *traffic_secret);

/* Opens the first record of buf[0..len) with d; returns its content length, content in out. */
size_t psk_open_record(struct tls_record_direction *d, const uint8_t *buf, size_t len,
                       uint8_t *type, uint8_t *out, size_t cap, size_t *record_len);

/* Hash(parts...) with SHA-256. */
void psk_sha256_of(const uint8_t *const *parts, const size_t *lens, size_t n, uint8_t *out);

/* Does this ClientHello message carry the extension? */
bool psk_hello_has(const uint8_t *msg, size_t len, uint16_t type);

/* The RFC's ServerHello message with edits, as one plaintext record in rec; returns its length. */
size_t psk_edited_server_hello(const uint8_t *msg, size_t len, const struct psk_sh_edit *e, uint8_t *rec);

/* The binder the client must have written into a whole ClientHello msg (§4.2.11.2), over
 * prefix || Truncate(msg), recomputed here from the ticket's PSK independently of client_psk.c. */
void psk_expect_binder(const struct tls_ticket *t, const uint8_t *prefix, size_t prefix_len,
                       const uint8_t *msg, size_t len, const char *what);

/* Feeds the edited ServerHello; expects FATAL, the alert, and a dead connection afterwards. */
void psk_expect_rejected(struct psk_conn *c, const struct psk_sh_edit *e,
                         enum tls_alert_description alert, const char *reason_part);

/* A §4 connection without early data (so alerts are in plaintext: no key installed yet). */
void psk_section4_conn_no_early(struct psk_conn *c, struct tls_ticket *ticket);

/* out holds exactly one plaintext fatal alert with this description. */
void psk_expect_plain_alert(struct psk_conn *c, uint8_t description, const char *what);

/*
 * Plays a server that answers RFC 8448 §4's ClientHello (with 0-RTT) with an edited ServerHello
 * and then RFC 8448's EncryptedExtensions, which accepts early data, protected with the
 * server_handshake_traffic_secret that follows from that ServerHello: Early Secret from the PSK
 * (or none), Handshake Secret from §4's (EC)DHE secret (line 1147). Expects illegal_parameter.
 */
void psk_expect_early_data_acceptance_refused(const struct psk_sh_edit *e, bool psk_accepted);

#endif
