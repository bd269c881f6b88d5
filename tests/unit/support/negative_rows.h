/*
 * negative_rows.h — the rows of the malicious-server table (test_client_negative.c).
 *
 * One row = one case of /work/shared/reference/client-negative-tests.md: its ID ("SH-02"), what the
 * server does, which RFC 8448 trace it starts from, a mutation of the scripted server
 * (negative_server.h), and what the client must do: fail with one alert (and where that alert is
 * protected), fail on the peer's alert, or complete the handshake (must-accept rows OK-xx).
 */
#ifndef TLS13_TEST_NEGATIVE_ROWS_H
#define TLS13_TEST_NEGATIVE_ROWS_H

#include <stddef.h>

#include "support/negative_server.h"

/* How the client must end, and so which key protects its alert (App. A.1 policy of the core). */
enum neg_expect {
    NEG_PLAIN_ALERT,     /* before the handshake keys: a plaintext alert record */
    NEG_HS_ALERT,        /* after ServerHello: protected under client_handshake_traffic_secret */
    NEG_APP_ALERT,       /* after the handshake: protected under client_application_traffic_secret_0 */
    NEG_PEER_ALERT,      /* the server's own alert: FATAL with TLS_E_PEER_ALERT, nothing sent */
    NEG_ACCEPT,          /* must-accept: the handshake completes with the expected client Finished */
};

/* Row flags. */
#define NEG_AFTER_HANDSHAKE 1u /* run the genuine handshake, then feed s->post to tls_client_open */
#define NEG_TRUST 2u           /* verify the chain against tests/vectors/certs/ca.der */
#define NEG_NAME_MISMATCH 4u   /* with NEG_TRUST: expect a name the certificate does not carry */
#define NEG_TRUST_AUX 8u       /* verify the chain against tests/vectors/certs/aux-ca.pem */
#define NEG_TRUST_STRICT 16u   /* verify against certs/strict-ca.der, name strict.tls13.test */
#define NEG_TEMPLATE 32u       /* the recorded ClientHellos are templates (the client writes the cookie) */

struct neg_row {
    const char *id;    /* the reference's ID, e.g. "SH-02" */
    const char *what;  /* the server's misbehaviour, in a few words */
    enum neg_base base;
    void (*mutate)(struct neg_server *s);
    enum neg_expect expect;
    int alert;         /* AlertDescription expected (unused for NEG_ACCEPT) */
    unsigned flags;
};

extern const struct neg_row neg_rows_record[];
extern const size_t neg_rows_record_count;
extern const struct neg_row neg_rows_hello[];
extern const size_t neg_rows_hello_count;
extern const struct neg_row neg_rows_flight[];
extern const size_t neg_rows_flight_count;
extern const struct neg_row neg_rows_post[];
extern const size_t neg_rows_post_count;
extern const struct neg_row neg_rows_chain[];
extern const size_t neg_rows_chain_count;
extern const struct neg_row neg_rows_psk[];
extern const size_t neg_rows_psk_count;
extern const struct neg_row neg_rows_strict[];
extern const size_t neg_rows_strict_count;
extern const struct neg_row neg_rows_accept[];
extern const size_t neg_rows_accept_count;

#endif
