/*
 * test_hs_negative.c — what the handshake message parsers refuse, and with which alert
 * (RFC 8446 §4, §6; rows of /work/shared/reference/client-negative-tests.md cited by ID).
 *
 * Generic cases run over every RFC 8448 message (tests/unit/support/handshake_rfc8448_msgs.c):
 * truncation at every length, one trailing byte, every single-bit flip. Specific cases build a
 * message around one broken field, starting from an RFC 8448 message where one fits.
 */
#include "support/testutil.h"

#include <string.h>

#include "common/writer.h"
#include "handshake/certificate.h"
#include "handshake/certificate_request.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/end_of_early_data.h"
#include "handshake/finished.h"
#include "handshake/handshake_msg.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"
#include "support/handshake_testutil.h"

#define BIG 4096
#define DECODE_ERROR TLS_E_ALERT(TLS_ALERT_decode_error)
#define ILLEGAL_PARAMETER TLS_E_ALERT(TLS_ALERT_illegal_parameter)

/* The failure is recorded with a reason naming the RFC, and the code matches. */
static void assert_failed_with(tls_result rc, const struct tls_error *err, tls_result want)
{
    assert_int_equal(rc, want);
    assert_int_equal(err->code, want);
    assert_non_null(err->reason);
    assert_non_null(strstr(err->reason, "§"));
}

/* Offset of the end of legacy_compression_method(s) in a hello body: where a pre-TLS 1.3 hello
 * without extensions may legally end (server_hello.h, client_hello.h). */
static size_t hello_end_without_extensions(uint8_t msg_type, const uint8_t *body)
{
    size_t p = 2 + TLS_RANDOM_LEN;
    p += 1 + body[p]; /* legacy_session_id(_echo) */
    if (msg_type == TLS_HT_server_hello) {
        return p + 2 + 1; /* cipher_suite, legacy_compression_method */
    }
    p += 2 + (size_t)((body[p] << 8) | body[p + 1]); /* cipher_suites */
    return p + 1 + body[p];                            /* legacy_compression_methods */
}

/* SH-04, CRT-02, CV-05, EE-04, FIN-02, PH-03 ...: every truncation of every message. */
static void truncation_at_every_length_is_decode_error(void **state)
{
    (void)state;
    size_t cases = 0;
    for (size_t i = 0; i < hs_msg_rows_count; i++) {
        const struct hs_msg_row *row = &hs_msg_rows[i];
        static uint8_t msg[BIG];
        struct tls_handshake_msg m;
        struct tls_error err = {0};
        size_t n = hs_row_bytes(row, msg, sizeof(msg));
        bool from_server = strcmp(row->side, "server") == 0;
        assert_int_equal(tls_handshake_msg_parse(msg, n, &m, &err), TLS_OK);
        for (size_t k = 0; k < n; k++) { /* the whole message, header included */
            err = (struct tls_error){0};
            assert_failed_with(tls_handshake_msg_parse(msg, k, &m, &err), &err, DECODE_ERROR);
            cases++;
        }
        assert_int_equal(tls_handshake_msg_parse(msg, n, &m, &err), TLS_OK);
        for (size_t k = 0; k < m.body.len; k++) { /* the body, as if the header said k */
            err = (struct tls_error){0};
            tls_result rc = hs_parse_body(m.msg_type, from_server, m.body.data, k, &err);
            if ((m.msg_type == TLS_HT_server_hello || m.msg_type == TLS_HT_client_hello) &&
                k == hello_end_without_extensions(m.msg_type, m.body.data) &&
                memcmp(m.body.data + 2, tls_hello_retry_request_random, TLS_RANDOM_LEN) != 0) {
                assert_int_equal(rc, TLS_OK); /* a TLS 1.2-style hello: tested below */
                continue;
            }
            if (rc != DECODE_ERROR) {
                fail_msg("%s: body truncated to %zu gave %d", hs_row_label(row, ""), k, rc);
            }
            assert_failed_with(rc, &err, DECODE_ERROR);
            cases++;
        }
    }
    assert_true(cases > 10000);
}

/* SM-02: each message with one trailing byte. */
static void one_trailing_byte_is_decode_error(void **state)
{
    (void)state;
    for (size_t i = 0; i < hs_msg_rows_count; i++) {
        const struct hs_msg_row *row = &hs_msg_rows[i];
        static uint8_t msg[BIG + 1];
        struct tls_handshake_msg m;
        struct tls_error err = {0};
        size_t n = hs_row_bytes(row, msg, BIG);
        msg[n] = 0x00;
        /* At the framing level: bytes after Handshake.length. */
        assert_failed_with(tls_handshake_msg_parse(msg, n + 1, &m, &err), &err, DECODE_ERROR);
        /* At the message level: the header's length covers the extra byte. */
        err = (struct tls_error){0};
        assert_int_equal(tls_handshake_msg_parse(msg, n, &m, &err), TLS_OK);
        tls_result rc = hs_parse_body(m.msg_type, strcmp(row->side, "server") == 0, m.body.data,
                                      m.body.len + 1, &err);
        if (rc != DECODE_ERROR) {
            fail_msg("%s: trailing byte gave %d", hs_row_label(row, ""), rc);
        }
        assert_failed_with(rc, &err, DECODE_ERROR);
    }
}

/* Every single-bit flip of every body: parsers either accept or fail with a documented alert
 * and an RFC reason — never read out of bounds (ASan) or fail silently. */
static void every_bit_flip_is_accepted_or_alerted(void **state)
{
    (void)state;
    size_t rejected = 0;
    for (size_t i = 0; i < hs_msg_rows_count; i++) {
        const struct hs_msg_row *row = &hs_msg_rows[i];
        static uint8_t msg[BIG];
        struct tls_handshake_msg m;
        struct tls_error err = {0};
        size_t n = hs_row_bytes(row, msg, sizeof(msg));
        assert_int_equal(tls_handshake_msg_parse(msg, n, &m, &err), TLS_OK);
        uint8_t *body = msg + TLS_HANDSHAKE_HEADER_LEN;
        for (size_t k = 0; k < m.body.len * 8; k++) {
            err = (struct tls_error){0};
            body[k / 8] ^= (uint8_t)(1u << (k % 8));
            tls_result rc = hs_parse_body(m.msg_type, strcmp(row->side, "server") == 0, body,
                                          m.body.len, &err);
            body[k / 8] ^= (uint8_t)(1u << (k % 8));
            if (rc == TLS_OK) {
                assert_int_equal(err.code, TLS_OK);
                continue;
            }
            rejected++;
            assert_int_equal(err.code, rc);
            assert_non_null(err.reason);
            assert_true(rc == DECODE_ERROR || rc == ILLEGAL_PARAMETER ||
                        rc == TLS_E_ALERT(TLS_ALERT_missing_extension) ||
                        rc == TLS_E_ALERT(TLS_ALERT_certificate_unknown));
        }
    }
    assert_true(rejected > 1000); /* length fields are everywhere: many flips must be caught */
}

/* Builds a ServerHello body: session id of sid_len bytes (value 0x55), compression, and an
 * extension block given raw (with its length). */
static size_t server_hello_body(uint8_t *out, const uint8_t *random, size_t sid_len, uint8_t compression,
                                const uint8_t *exts, size_t exts_len)
{
    struct tls_writer w;
    tls_writer_init(&w, out, BIG);
    tls_write_u16(&w, TLS_VERSION_1_2);
    tls_write_bytes(&w, random, TLS_RANDOM_LEN);
    tls_write_u8(&w, (uint8_t)sid_len);
    for (size_t i = 0; i < sid_len; i++) {
        tls_write_u8(&w, 0x55);
    }
    tls_write_u16(&w, TLS_SUITE_TLS_AES_128_GCM_SHA256);
    tls_write_u8(&w, compression);
    tls_write_bytes(&w, exts, exts_len);
    assert_false(w.overflow);
    return w.len;
}

static const uint8_t plain_random[TLS_RANDOM_LEN] = {1, 2, 3};
/* extensions: supported_versions(0x0304) */
static const uint8_t sv_only[] = {0x00, 0x06, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04};

/* SH-04: legacy_session_id_echo<0..32> of 33; SH-03: compression 1. */
static void server_hello_bounds_and_compression(void **state)
{
    (void)state;
    static uint8_t body[BIG];
    static struct tls_server_hello sh;
    struct tls_error err = {0};
    size_t n = server_hello_body(body, plain_random, 32, 0, sv_only, sizeof(sv_only));
    assert_int_equal(tls_server_hello_parse(body, n, &sh, &err), TLS_OK);
    n = server_hello_body(body, plain_random, 33, 0, sv_only, sizeof(sv_only));
    assert_failed_with(tls_server_hello_parse(body, n, &sh, &err), &err, DECODE_ERROR);
    assert_string_equal(err.field, "ServerHello.legacy_session_id_echo");
    err = (struct tls_error){0};
    n = server_hello_body(body, plain_random, 0, 1, sv_only, sizeof(sv_only));
    assert_failed_with(tls_server_hello_parse(body, n, &sh, &err), &err, ILLEGAL_PARAMETER);
    assert_string_equal(err.field, "ServerHello.legacy_compression_method");
}

/* SH-05: the same extension twice (key_share twice in SH, cookie twice in HRR). */
static void duplicate_extensions_are_illegal_parameter(void **state)
{
    (void)state;
    static uint8_t body[BIG];
    static struct tls_server_hello sh;
    struct tls_error err = {0};
    const uint8_t two_key_shares[] = {0x00, 0x0c, 0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
                                      0x00, 0x33, 0x00, 0x02, 0x00, 0x17};
    const uint8_t two_cookies[] = {0x00, 0x0e, 0x00, 0x2c, 0x00, 0x03, 0x00, 0x01, 0xaa,
                                   0x00, 0x2c, 0x00, 0x03, 0x00, 0x01, 0xbb};
    size_t n = server_hello_body(body, plain_random, 0, 0, two_key_shares, sizeof(two_key_shares));
    assert_failed_with(tls_server_hello_parse(body, n, &sh, &err), &err, ILLEGAL_PARAMETER);
    assert_string_equal(err.field, "ServerHello.extensions");
    err = (struct tls_error){0};
    n = server_hello_body(body, tls_hello_retry_request_random, 0, 0, two_cookies, sizeof(two_cookies));
    assert_failed_with(tls_server_hello_parse(body, n, &sh, &err), &err, ILLEGAL_PARAMETER);
    /* EE, NST (2x early_data), CertificateEntry: same rule. */
    static struct tls_encrypted_extensions ee;
    const uint8_t ee_dup[] = {0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    err = (struct tls_error){0};
    assert_failed_with(tls_encrypted_extensions_parse(ee_dup, sizeof(ee_dup), &ee, &err), &err,
                       ILLEGAL_PARAMETER);
    static struct tls_new_session_ticket nst;
    const uint8_t nst_dup[] = {0, 0, 0, 30, 0, 0, 0, 1, 0, 0x00, 0x01, 0x77, 0x00, 0x10,
                               0x00, 0x2a, 0x00, 0x04, 0, 0, 4, 0, 0x00, 0x2a, 0x00, 0x04, 0, 0, 4, 0};
    err = (struct tls_error){0};
    assert_failed_with(tls_new_session_ticket_parse(nst_dup, sizeof(nst_dup), &nst, &err), &err,
                       ILLEGAL_PARAMETER);
    static struct tls_certificate cert;
    const uint8_t cert_dup[] = {0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0x01, 0x30, 0x00, 0x08,
                                0x00, 0x05, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00};
    err = (struct tls_error){0};
    assert_failed_with(tls_certificate_parse(cert_dup, sizeof(cert_dup), true, &cert, &err), &err,
                       ILLEGAL_PARAMETER);
    assert_string_equal(err.field, "CertificateEntry.extensions");
}

/* The HRR random, and the §4.1.3 downgrade sentinels in the last 8 bytes of random. */
static void hello_retry_request_and_downgrade_detection(void **state)
{
    (void)state;
    static uint8_t body[BIG];
    static struct tls_server_hello sh;
    uint8_t random[TLS_RANDOM_LEN] = {0};
    const uint8_t downgrd[7] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};
    const struct {
        uint8_t last;
        enum tls_downgrade want;
    } cases[] = {{0x01, TLS_DOWNGRADE_TLS12}, {0x00, TLS_DOWNGRADE_TLS11_OR_BELOW}, {0x02, TLS_DOWNGRADE_NONE}};
    struct tls_error err = {0};
    memcpy(random + 24, downgrd, 7);
    for (size_t i = 0; i < 3; i++) {
        random[31] = cases[i].last;
        size_t n = server_hello_body(body, random, 0, 0, sv_only, sizeof(sv_only));
        assert_int_equal(tls_server_hello_parse(body, n, &sh, &err), TLS_OK);
        assert_int_equal(sh.downgrade, cases[i].want);
        assert_false(sh.is_hello_retry_request);
    }
    size_t n = server_hello_body(body, tls_hello_retry_request_random, 0, 0, sv_only, sizeof(sv_only));
    assert_int_equal(tls_server_hello_parse(body, n, &sh, &err), TLS_OK);
    assert_true(sh.is_hello_retry_request);
}

/* A TLS 1.2 ServerHello may end after the compression method; an HRR may not, and an HRR's
 * extensions<6..2^16-1> cannot be shorter than 6. */
static void extensions_block_presence(void **state)
{
    (void)state;
    static uint8_t body[BIG];
    static struct tls_server_hello sh;
    const uint8_t empty_block[] = {0x00, 0x00};
    struct tls_error err = {0};
    size_t n = server_hello_body(body, plain_random, 0, 0, NULL, 0);
    assert_int_equal(tls_server_hello_parse(body, n, &sh, &err), TLS_OK);
    assert_false(sh.extensions_present);
    assert_int_equal(sh.extensions.count, 0);
    n = server_hello_body(body, tls_hello_retry_request_random, 0, 0, NULL, 0);
    assert_failed_with(tls_server_hello_parse(body, n, &sh, &err), &err, DECODE_ERROR);
    err = (struct tls_error){0};
    n = server_hello_body(body, tls_hello_retry_request_random, 0, 0, empty_block, 2);
    assert_failed_with(tls_server_hello_parse(body, n, &sh, &err), &err, DECODE_ERROR);
}

/* ClientHello: legacy_session_id<0..32>, pre_shared_key must be last (§4.2.11). */
static void client_hello_bounds(void **state)
{
    (void)state;
    static uint8_t msg[BIG], body[BIG];
    static struct tls_client_hello ch;
    struct tls_handshake_msg m;
    struct tls_error err = {0};
    size_t n = hs_row_bytes(hs_row("3", "client", "ClientHello", 0), msg, sizeof(msg));
    assert_int_equal(tls_handshake_msg_parse(msg, n, &m, &err), TLS_OK);
    /* Session id length byte 33 with 33 bytes inserted. */
    memcpy(body, m.body.data, 34);
    body[34] = 33;
    memset(body + 35, 0x55, 33);
    memcpy(body + 68, m.body.data + 35, m.body.len - 35);
    assert_failed_with(tls_client_hello_parse(body, m.body.len + 33, &ch, &err), &err, DECODE_ERROR);
    assert_string_equal(err.field, "ClientHello.legacy_session_id");
    /* §4: pre_shared_key moved before the padding extension. */
    err = (struct tls_error){0};
    n = hs_row_bytes(hs_row("4", "client", "ClientHello", 0), msg, sizeof(msg));
    assert_int_equal(tls_handshake_msg_parse(msg, n, &m, &err), TLS_OK);
    assert_int_equal(tls_client_hello_parse(m.body.data, m.body.len, &ch, &err), TLS_OK);
    const struct tls_extension *pad = &ch.extensions.list[ch.extensions.count - 2];
    const struct tls_extension *psk = &ch.extensions.list[ch.extensions.count - 1];
    size_t pad_at = (size_t)(pad->extension_data.data - 4 - m.body.data);
    size_t pad_len = 4 + pad->extension_data.len, psk_len = 4 + psk->extension_data.len;
    memcpy(body, m.body.data, pad_at);
    memcpy(body + pad_at, psk->extension_data.data - 4, psk_len);
    memcpy(body + pad_at + psk_len, pad->extension_data.data - 4, pad_len);
    assert_failed_with(tls_client_hello_parse(body, m.body.len, &ch, &err), &err, ILLEGAL_PARAMETER);
}

/* CRT-01, CRT-02: server Certificate rules; a client Certificate may be empty. */
static void certificate_rules(void **state)
{
    (void)state;
    static struct tls_certificate cert;
    static uint8_t out[BIG];
    struct tls_writer w;
    struct tls_handshake_msg m;
    const uint8_t empty_list[] = {0x00, 0x00, 0x00, 0x00};
    const uint8_t context_one_cert[] = {0x01, 0x07, 0x00, 0x00, 0x06, 0x00, 0x00, 0x01, 0x30, 0x00, 0x00};
    const uint8_t empty_cert_data[] = {0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00};
    struct tls_error err = {0};
    assert_failed_with(tls_certificate_parse(empty_list, 4, true, &cert, &err), &err, DECODE_ERROR);
    assert_string_equal(err.field, "Certificate.certificate_list");
    err = (struct tls_error){0};
    assert_int_equal(tls_certificate_parse(empty_list, 4, false, &cert, &err), TLS_OK);
    assert_int_equal(cert.count, 0);
    assert_failed_with(tls_certificate_parse(context_one_cert, sizeof(context_one_cert), true, &cert, &err),
                       &err, DECODE_ERROR);
    assert_string_equal(err.field, "Certificate.certificate_request_context");
    err = (struct tls_error){0};
    assert_int_equal(tls_certificate_parse(context_one_cert, sizeof(context_one_cert), false, &cert, &err),
                     TLS_OK);
    assert_failed_with(tls_certificate_parse(empty_cert_data, sizeof(empty_cert_data), true, &cert, &err),
                       &err, DECODE_ERROR);
    /* 11 certificates: over TLS_MAX_CERTIFICATES. */
    static uint8_t eleven[3 + 1 + 11 * 6];
    eleven[0] = 0;
    eleven[1] = 0, eleven[2] = 0, eleven[3] = 11 * 6;
    for (size_t i = 0; i < 11; i++) {
        const uint8_t entry[6] = {0, 0, 1, 0x30, 0, 0};
        memcpy(eleven + 4 + 6 * i, entry, 6);
    }
    err = (struct tls_error){0};
    assert_failed_with(tls_certificate_parse(eleven, sizeof(eleven), true, &cert, &err), &err,
                       TLS_E_ALERT(TLS_ALERT_certificate_unknown));
    /* The client's empty answer to a CertificateRequest echoes the context. */
    err = (struct tls_error){0};
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_certificate_encode_empty(&w, (const uint8_t *)"ctx", 3, &err), TLS_OK);
    const uint8_t want[] = {TLS_HT_certificate, 0, 0, 7, 3, 'c', 't', 'x', 0, 0, 0};
    assert_bytes_equal(out, w.len, want, sizeof(want), "RFC 8446 §4.4.2.3: empty client Certificate");
    assert_int_equal(tls_handshake_msg_parse(out, w.len, &m, &err), TLS_OK);
    assert_int_equal(tls_certificate_parse(m.body.data, m.body.len, false, &cert, &err), TLS_OK);
    assert_int_equal(cert.count, 0);
}

/* CR-01, CR-02. */
static void certificate_request_rules(void **state)
{
    (void)state;
    static struct tls_certificate_request cr;
    const uint8_t context_in_handshake[] = {0x01, 0x09, 0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04};
    const uint8_t no_sig_algs[] = {0x00, 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00};
    const uint8_t no_extensions[] = {0x00, 0x00, 0x00};
    struct tls_error err = {0};
    assert_failed_with(tls_certificate_request_parse(context_in_handshake, sizeof(context_in_handshake), true,
                                                     &cr, &err), &err, DECODE_ERROR);
    err = (struct tls_error){0};
    assert_int_equal(tls_certificate_request_parse(context_in_handshake, sizeof(context_in_handshake), false,
                                                   &cr, &err), TLS_OK); /* post-handshake, §4.6.2 */
    assert_int_equal(cr.certificate_request_context.len, 1);
    assert_failed_with(tls_certificate_request_parse(no_sig_algs, sizeof(no_sig_algs), true, &cr, &err), &err,
                       TLS_E_ALERT(TLS_ALERT_missing_extension));
    err = (struct tls_error){0};
    assert_failed_with(tls_certificate_request_parse(no_extensions, sizeof(no_extensions), true, &cr, &err),
                       &err, DECODE_ERROR); /* extensions<2..2^16-1> */
}

/* FIN-02 / DIV-4, PH-02, PH-03, EndOfEarlyData, EE-04. */
static void fixed_size_messages(void **state)
{
    (void)state;
    static uint8_t data[64];
    static struct tls_encrypted_extensions ee;
    struct tls_bytes vd;
    enum tls_key_update_request ku;
    struct tls_error err = {0};
    const size_t bad_lengths[] = {0, 31, 33, 48};
    for (size_t i = 0; i < 4; i++) {
        err = (struct tls_error){0};
        assert_failed_with(tls_finished_parse(data, bad_lengths[i], 32, &vd, &err), &err, DECODE_ERROR);
    }
    assert_int_equal(tls_finished_parse(data, 48, 48, &vd, &err), TLS_OK); /* SHA-384 suite */
    for (unsigned v = 0; v < 256; v++) {
        uint8_t b = (uint8_t)v;
        err = (struct tls_error){0};
        tls_result rc = tls_key_update_parse(&b, 1, &ku, &err);
        if (v <= 1) {
            assert_int_equal(rc, TLS_OK);
            assert_int_equal(ku, v);
        } else {
            assert_failed_with(rc, &err, ILLEGAL_PARAMETER);
        }
    }
    err = (struct tls_error){0};
    assert_failed_with(tls_key_update_parse(data, 0, &ku, &err), &err, DECODE_ERROR);
    err = (struct tls_error){0};
    assert_failed_with(tls_key_update_parse(data, 2, &ku, &err), &err, DECODE_ERROR);
    err = (struct tls_error){0};
    assert_failed_with(tls_end_of_early_data_parse(data, 1, &err), &err, DECODE_ERROR);
    err = (struct tls_error){0};
    assert_failed_with(tls_encrypted_extensions_parse(data, 0, &ee, &err), &err, DECODE_ERROR);
}

/* PH-06 and §4.6.1's lifetime limit. */
static void new_session_ticket_rules(void **state)
{
    (void)state;
    static struct tls_new_session_ticket nst;
    uint8_t empty_ticket[] = {0, 0, 0, 30, 0, 0, 0, 1, 0, 0x00, 0x00, 0x00, 0x00};
    uint8_t lifetime[] = {0x00, 0x09, 0x3a, 0x80, 0, 0, 0, 1, 0, 0x00, 0x01, 0x77, 0x00, 0x00};
    uint8_t bad_early_data[] = {0, 0, 0, 30, 0, 0, 0, 1, 0, 0x00, 0x01, 0x77,
                                0x00, 0x07, 0x00, 0x2a, 0x00, 0x03, 0, 4, 0};
    struct tls_error err = {0};
    assert_failed_with(tls_new_session_ticket_parse(empty_ticket, sizeof(empty_ticket), &nst, &err), &err,
                       DECODE_ERROR);
    assert_string_equal(err.field, "NewSessionTicket.ticket");
    err = (struct tls_error){0};
    assert_int_equal(tls_new_session_ticket_parse(lifetime, sizeof(lifetime), &nst, &err), TLS_OK);
    assert_int_equal(nst.ticket_lifetime, 604800);
    assert_false(nst.lifetime_too_long); /* exactly 7 days is allowed */
    lifetime[3] = 0x81;
    assert_int_equal(tls_new_session_ticket_parse(lifetime, sizeof(lifetime), &nst, &err), TLS_OK);
    assert_true(nst.lifetime_too_long);
    assert_false(nst.has_early_data);
    assert_failed_with(tls_new_session_ticket_parse(bad_early_data, sizeof(bad_early_data), &nst, &err), &err,
                       DECODE_ERROR);
}

/* §4.4.3: the signed content, built by hand from the RFC's description. */
static void certificate_verify_signed_content(void **state)
{
    (void)state;
    uint8_t hash[48], out[TLS_CV_SIGNED_CONTENT_MAX], want[TLS_CV_SIGNED_CONTENT_MAX];
    size_t out_len;
    struct tls_error err = {0};
    static const char server_ctx[] = "TLS 1.3, server CertificateVerify";
    static const char client_ctx[] = "TLS 1.3, client CertificateVerify";
    for (size_t i = 0; i < sizeof(hash); i++) {
        hash[i] = (uint8_t)i;
    }
    memset(want, 0x20, 64);
    memcpy(want + 64, server_ctx, 33);
    want[97] = 0;
    memcpy(want + 98, hash, 32);
    assert_int_equal(tls_certificate_verify_signed_content(true, hash, 32, out, sizeof(out), &out_len, &err),
                     TLS_OK);
    assert_bytes_equal(out, out_len, want, 130, "RFC 8446 §4.4.3: 64 x 0x20, server context, 0x00, hash");
    memcpy(want + 64, client_ctx, 33);
    memcpy(want + 98, hash, 48);
    assert_int_equal(tls_certificate_verify_signed_content(false, hash, 48, out, sizeof(out), &out_len, &err),
                     TLS_OK);
    assert_bytes_equal(out, out_len, want, 146, "RFC 8446 §4.4.3: client context, SHA-384 hash");
    assert_int_equal(tls_certificate_verify_signed_content(true, hash, 48, out, 145, &out_len, &err),
                     TLS_E_INTERNAL);
}

/* Several messages in one buffer: tls_handshake_msg_next() takes one at a time. */
static void messages_are_split_one_by_one(void **state)
{
    (void)state;
    const uint8_t two[] = {TLS_HT_key_update, 0, 0, 1, 1, TLS_HT_end_of_early_data, 0, 0, 0};
    struct tls_handshake_msg m;
    size_t used;
    struct tls_error err = {0};
    assert_int_equal(tls_handshake_msg_next(two, sizeof(two), &m, &used, &err), TLS_OK);
    assert_int_equal(m.msg_type, TLS_HT_key_update);
    assert_int_equal(used, 5);
    assert_int_equal(tls_handshake_msg_next(two + used, sizeof(two) - used, &m, &used, &err), TLS_OK);
    assert_int_equal(m.msg_type, TLS_HT_end_of_early_data);
    assert_int_equal(m.body.len, 0);
    assert_int_equal(used, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(truncation_at_every_length_is_decode_error),
        cmocka_unit_test(one_trailing_byte_is_decode_error),
        cmocka_unit_test(every_bit_flip_is_accepted_or_alerted),
        cmocka_unit_test(server_hello_bounds_and_compression),
        cmocka_unit_test(duplicate_extensions_are_illegal_parameter),
        cmocka_unit_test(hello_retry_request_and_downgrade_detection),
        cmocka_unit_test(extensions_block_presence),
        cmocka_unit_test(client_hello_bounds),
        cmocka_unit_test(certificate_rules),
        cmocka_unit_test(certificate_request_rules),
        cmocka_unit_test(fixed_size_messages),
        cmocka_unit_test(new_session_ticket_rules),
        cmocka_unit_test(certificate_verify_signed_content),
        cmocka_unit_test(messages_are_split_one_by_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
