/*
 * handshake_testutil.c — see handshake_testutil.h.
 */
#include "support/handshake_testutil.h"

#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "handshake/certificate.h"
#include "handshake/certificate_request.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/end_of_early_data.h"
#include "handshake/finished.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"

const struct hs_msg_row *hs_row(const char *section, const char *side, const char *name, int n)
{
    for (size_t i = 0; i < hs_msg_rows_count; i++) {
        const struct hs_msg_row *r = &hs_msg_rows[i];
        if (strcmp(r->section, section) == 0 && strcmp(r->side, side) == 0 &&
            strcmp(r->name, name) == 0 && n-- == 0) {
            return r;
        }
    }
    fail_msg("no RFC 8448 §%s %s %s #%d row", section, side, name, n);
    return NULL;
}

size_t hs_row_bytes(const struct hs_msg_row *row, uint8_t *buf, size_t cap)
{
    return test_hex(row->hex, buf, cap);
}

const char *hs_row_label(const struct hs_msg_row *row, const char *what)
{
    static char label[256];
    snprintf(label, sizeof(label), "RFC 8448 §%s line %d: %s (%s) %s", row->section, row->line,
             row->name, row->side, what);
    return label;
}

tls_result hs_parse_body(uint8_t msg_type, bool from_server, const uint8_t *body, size_t len,
                         struct tls_error *err)
{
    /* Big structs: static, the tests are single-threaded. */
    static struct tls_client_hello ch;
    static struct tls_server_hello sh;
    static struct tls_encrypted_extensions ee;
    static struct tls_certificate_request cr;
    static struct tls_certificate cert;
    static struct tls_certificate_verify cv;
    static struct tls_new_session_ticket nst;
    struct tls_bytes verify_data;
    enum tls_key_update_request ku;
    switch (msg_type) {
    case TLS_HT_client_hello:
        return tls_client_hello_parse(body, len, &ch, err);
    case TLS_HT_server_hello:
        return tls_server_hello_parse(body, len, &sh, err);
    case TLS_HT_encrypted_extensions:
        return tls_encrypted_extensions_parse(body, len, &ee, err);
    case TLS_HT_certificate_request:
        return tls_certificate_request_parse(body, len, true, &cr, err);
    case TLS_HT_certificate:
        return tls_certificate_parse(body, len, from_server, &cert, err);
    case TLS_HT_certificate_verify:
        return tls_certificate_verify_parse(body, len, &cv, err);
    case TLS_HT_finished:
        return tls_finished_parse(body, len, 32, &verify_data, err);
    case TLS_HT_new_session_ticket:
        return tls_new_session_ticket_parse(body, len, &nst, err);
    case TLS_HT_end_of_early_data:
        return tls_end_of_early_data_parse(body, len, err);
    case TLS_HT_key_update:
        return tls_key_update_parse(body, len, &ku, err);
    default:
        fail_msg("no parser for msg_type %u", msg_type);
        return TLS_E_INTERNAL;
    }
}
