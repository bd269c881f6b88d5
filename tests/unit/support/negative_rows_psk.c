/*
 * negative_rows_psk.c — rows on RFC 8448 §4, the resumption of §3's session (psk_dhe_ke):
 * PSK-02..PSK-04 on its ServerHello (RFC 8446 §4.2.11), CR-03 and CRT-06 on its encrypted flight
 * (§4.3.2, §4.4.2: no certificate messages in a PSK handshake).
 *
 * The client uses §4's ClientHello as a template with §3's ticket (tls_client_replay
 * .client_hello_is_template; test_client_psk.c checks those bytes), offering no 0-RTT data. The
 * server flight is ServerHello, then EE (without early_data) and Finished. PSK-01..PSK-04 are
 * also in test_client_psk.c; here they go through the shared invariants of the table.
 */
#include "support/negative_rows.h"

#include <string.h>

#include "common/error.h"

static struct neg_msg *sh(struct neg_server *s)
{
    return &s->msg[NEG_SH];
}

static size_t exts(struct neg_server *s)
{
    return neg_hello_extensions_at(sh(s));
}

/* The control for the rows below: §4's flight as the harness adapts it (no early_data in EE,
 * Finished over the ClientHello actually sent): the client's answer is its Finished. */
static void genuine(struct neg_server *s)
{
    (void)s;
}

static void psk02_identity_out_of_range(struct neg_server *s)
{
    static const uint8_t selected_identity[2] = {0, 1}; /* one identity was offered */
    neg_ext_set(sh(s), exts(s), 41, selected_identity, 2);
}

static void psk03_suite_hash_differs(struct neg_server *s)
{
    /* TLS_AES_256_GCM_SHA384: offered, but the ticket's suite hashes with SHA-256. */
    size_t at = 4 + 2 + 32 + 1 + sh(s)->b[38];
    sh(s)->b[at] = 0x13;
    sh(s)->b[at + 1] = 0x02;
}

static void psk04_no_key_share(struct neg_server *s)
{
    neg_ext_remove(sh(s), exts(s), 51);
}

/* A CertificateRequest (context empty, signature_algorithms) after EE. */
static void cr03_certificate_request(struct neg_server *s)
{
    static const uint8_t body[] = {0x00, 0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04};
    struct neg_msg m;
    neg_set(&m, 13, body, sizeof(body));
    neg_insert(s, NEG_S4_FIN, m.b, m.len);
}

/* A Certificate (one 3-byte entry) after EE. */
static void crt06_certificate(struct neg_server *s)
{
    static const uint8_t body[] = {0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x03, 0x30, 0x01, 0x00, 0x00, 0x00};
    struct neg_msg m;
    neg_set(&m, 11, body, sizeof(body));
    neg_insert(s, NEG_S4_FIN, m.b, m.len);
}

#define ROW(id, what, fn, expect, alert) {id, what, NEG_BASE_S4, fn, expect, TLS_ALERT_##alert, 0}

const struct neg_row neg_rows_psk[] = {
    ROW("PSK-02", "selected_identity 1 of 1 offered", psk02_identity_out_of_range, NEG_PLAIN_ALERT, illegal_parameter),
    ROW("PSK-03", "suite hash SHA-384, ticket's SHA-256", psk03_suite_hash_differs, NEG_PLAIN_ALERT, illegal_parameter),
    /* PSK-04: the RFC's illegal_parameter (DIV-12), not BoringSSL's missing_extension. */
    ROW("PSK-04", "pre_shared_key without key_share (psk_dhe_ke only)", psk04_no_key_share, NEG_PLAIN_ALERT, illegal_parameter),
    ROW("CR-03", "CertificateRequest in a PSK handshake", cr03_certificate_request, NEG_HS_ALERT, unexpected_message),
    ROW("CRT-06", "Certificate in a PSK handshake", crt06_certificate, NEG_HS_ALERT, unexpected_message),
    ROW("OK-PSK", "RFC 8448 §4 resumption without 0-RTT (control)", genuine, NEG_ACCEPT, close_notify),
};
const size_t neg_rows_psk_count = sizeof(neg_rows_psk) / sizeof(neg_rows_psk[0]);
