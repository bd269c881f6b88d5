/*
 * test_hs_messages.c — every handshake message of RFC 8448 §3..§7 through the src/handshake
 * parsers and encoders: each parses, its key fields match the trace, and it re-encodes to the
 * same bytes. (The ClientHello encoder building RFC 8448's ClientHellos from a configuration is
 * test_hs_client_hello.c.)
 *
 * Messages come from tests/unit/support/handshake_rfc8448_msgs.c (RFC 8448's "construct a ...
 * handshake message" values; each row names its line in tests/vectors/rfc/rfc8448.txt).
 * Negative cases are in test_hs_negative.c, extensions in test_hs_extensions.c.
 */
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
#include "handshake/handshake_msg.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"
#include "support/handshake_testutil.h"

#define BIG 4096

/* Parses a whole message of a row; checks msg_type against the row's label. */
static size_t load(const struct hs_msg_row *row, uint8_t *buf, struct tls_handshake_msg *msg)
{
    struct tls_error err = {0};
    size_t n = hs_row_bytes(row, buf, BIG);
    assert_int_equal(tls_handshake_msg_parse(buf, n, msg, &err), TLS_OK);
    assert_int_equal(msg->whole.len, n);
    return n;
}

/* Parses body as msg_type and encodes it again from the parsed struct into w. */
static tls_result reencode(const struct tls_handshake_msg *m, bool from_server, struct tls_writer *w,
                           struct tls_error *err)
{
    static struct tls_server_hello sh;
    static struct tls_encrypted_extensions ee;
    static struct tls_certificate_request cr;
    static struct tls_certificate cert;
    static struct tls_new_session_ticket nst;
    struct tls_certificate_verify cv;
    struct tls_bytes vd;
    const uint8_t *b = m->body.data;
    size_t n = m->body.len;
    switch (m->msg_type) {
    case TLS_HT_server_hello: {
        TRY(tls_server_hello_parse(b, n, &sh, err));
        struct tls_server_hello_config c = {sh.legacy_version, sh.random, sh.legacy_session_id_echo,
                                            sh.cipher_suite, sh.legacy_compression_method,
                                            sh.extensions.list, sh.extensions.count};
        return tls_server_hello_encode(w, &c, err);
    }
    case TLS_HT_encrypted_extensions:
        TRY(tls_encrypted_extensions_parse(b, n, &ee, err));
        return tls_encrypted_extensions_encode(w, ee.extensions.list, ee.extensions.count, err);
    case TLS_HT_certificate_request:
        TRY(tls_certificate_request_parse(b, n, true, &cr, err));
        return tls_certificate_request_encode(w, cr.certificate_request_context.data,
                                              cr.certificate_request_context.len, cr.extensions.list,
                                              cr.extensions.count, err);
    case TLS_HT_certificate:
        TRY(tls_certificate_parse(b, n, from_server, &cert, err));
        return tls_certificate_encode(w, &cert, err);
    case TLS_HT_certificate_verify:
        TRY(tls_certificate_verify_parse(b, n, &cv, err));
        return tls_certificate_verify_encode(w, cv.algorithm, cv.signature.data, cv.signature.len, err);
    case TLS_HT_finished:
        TRY(tls_finished_parse(b, n, 32, &vd, err));
        return tls_finished_encode(w, vd.data, vd.len, err);
    case TLS_HT_new_session_ticket:
        TRY(tls_new_session_ticket_parse(b, n, &nst, err));
        return tls_new_session_ticket_encode(w, nst.ticket_lifetime, nst.ticket_age_add,
                                             &nst.ticket_nonce, &nst.ticket, nst.extensions.list,
                                             nst.extensions.count, err);
    case TLS_HT_end_of_early_data:
        TRY(tls_end_of_early_data_parse(b, n, err));
        return tls_end_of_early_data_encode(w, err);
    default:
        return tls_fail(err, TLS_ALERT_internal_error, "test: no re-encoder");
    }
}

/* A parsed ClientHello re-encoded through the configuration encoder: its extensions as raw
 * extras in their wire order. */
static tls_result reencode_client_hello(const struct tls_handshake_msg *m, struct tls_writer *w,
                                        struct tls_error *err)
{
    static struct tls_client_hello ch;
    uint16_t order[TLS_MAX_EXTENSIONS], suites[64];
    struct tls_client_hello_config c = {0};
    struct tls_client_hello_layout layout;
    TRY(tls_client_hello_parse(m->body.data, m->body.len, &ch, err));
    memcpy(c.random, ch.random, TLS_RANDOM_LEN);
    c.legacy_session_id = ch.legacy_session_id;
    for (size_t i = 0; i < ch.cipher_suites.count && i < 64; i++) {
        suites[i] = tls_u16_list_get(&ch.cipher_suites, i);
    }
    c.cipher_suites = suites;
    c.cipher_suites_count = ch.cipher_suites.count;
    for (size_t i = 0; i < ch.extensions.count; i++) {
        order[i] = ch.extensions.list[i].extension_type;
    }
    c.extra_extensions = ch.extensions.list;
    c.extra_extensions_count = ch.extensions.count;
    c.extension_order = order;
    c.extension_order_count = ch.extensions.count;
    return tls_client_hello_encode(w, &c, &layout, err);
}

/* Every RFC 8448 message: framing parses, body parses, re-encoding gives the same bytes. */
static void every_rfc8448_message_round_trips(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t i = 0; i < hs_msg_rows_count; i++) {
        const struct hs_msg_row *row = &hs_msg_rows[i];
        static uint8_t in[BIG], out[BIG];
        struct tls_handshake_msg m;
        struct tls_writer w;
        struct tls_error err = {0};
        size_t n = load(row, in, &m);
        bool from_server = strcmp(row->side, "server") == 0;
        tls_writer_init(&w, out, sizeof(out));
        tls_result rc = m.msg_type == TLS_HT_client_hello ? reencode_client_hello(&m, &w, &err)
                                                          : reencode(&m, from_server, &w, &err);
        if (rc != TLS_OK) {
            fail_msg("%s: %s (%s)", hs_row_label(row, "did not parse"), err.reason,
                     err.field ? err.field : "-");
        }
        assert_bytes_equal(out, w.len, in, n, hs_row_label(row, "re-encoded"));
        checked++;
    }
    assert_int_equal(checked, 40); /* every handshake message printed in §3..§7 */
}

/* RFC 8448 §3 line 241: ServerHello picks TLS_AES_128_GCM_SHA256 and x25519, TLS 1.3. */
static void section3_server_hello_fields(void **state)
{
    (void)state;
    static uint8_t buf[BIG], pub[32];
    static struct tls_server_hello sh;
    struct tls_handshake_msg m;
    struct tls_key_share_entry share;
    uint16_t version;
    struct tls_error err = {0};
    const struct hs_msg_row *row = hs_row("3", "server", "ServerHello", 0);
    load(row, buf, &m);
    assert_int_equal(m.msg_type, TLS_HT_server_hello);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &sh, &err), TLS_OK);
    assert_int_equal(sh.cipher_suite, TLS_SUITE_TLS_AES_128_GCM_SHA256);
    assert_false(sh.is_hello_retry_request);
    assert_int_equal(sh.downgrade, TLS_DOWNGRADE_NONE);
    assert_int_equal(sh.legacy_session_id_echo.len, 0);
    assert_int_equal(tls_ext_key_share_parse_sh(tls_extensions_find(&sh.extensions, TLS_EXT_key_share),
                                                &share, &err), TLS_OK);
    assert_int_equal(share.group, TLS_GROUP_x25519);
    test_hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f", pub, sizeof(pub));
    assert_bytes_equal(share.key_exchange.data, share.key_exchange.len, pub, 32,
                       "RFC 8448 §3 line 236: server x25519 public key in ServerHello key_share");
    assert_int_equal(tls_ext_supported_versions_parse_sh(
                         tls_extensions_find(&sh.extensions, TLS_EXT_supported_versions), &version, &err),
                     TLS_OK);
    assert_int_equal(version, TLS_VERSION_1_3);
}

/* RFC 8448 §3 line 177: the ClientHello's offer, and the server's answers judged against it. */
static void section3_client_hello_and_server_extensions(void **state)
{
    (void)state;
    static uint8_t buf[BIG], buf2[BIG], pub[32];
    static struct tls_client_hello ch;
    static struct tls_server_hello sh;
    static struct tls_encrypted_extensions ee;
    struct tls_handshake_msg m;
    struct tls_bytes host;
    static struct tls_key_share_client_hello shares;
    uint16_t offered[TLS_MAX_EXTENSIONS];
    struct tls_error err = {0};
    load(hs_row("3", "client", "ClientHello", 0), buf, &m);
    assert_int_equal(tls_client_hello_parse(m.body.data, m.body.len, &ch, &err), TLS_OK);
    assert_int_equal(ch.legacy_version, TLS_VERSION_1_2);
    assert_int_equal(ch.cipher_suites.count, 3);
    assert_int_equal(tls_u16_list_get(&ch.cipher_suites, 0), 0x1301);
    assert_int_equal(ch.extensions.count, 9);
    assert_int_equal(tls_ext_server_name_parse(tls_extensions_find(&ch.extensions, TLS_EXT_server_name),
                                               &host, &err), TLS_OK);
    assert_bytes_equal(host.data, host.len, (const uint8_t *)"server", 6,
                       "RFC 8448 §3 line 177: server_name host_name");
    assert_int_equal(tls_ext_key_share_parse_ch(tls_extensions_find(&ch.extensions, TLS_EXT_key_share),
                                                &shares, &err), TLS_OK);
    assert_int_equal(shares.count, 1);
    test_hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c", pub, sizeof(pub));
    assert_bytes_equal(shares.client_shares[0].key_exchange.data, shares.client_shares[0].key_exchange.len,
                       pub, 32, "RFC 8448 §3 line 165: client x25519 public key in key_share");
    for (size_t i = 0; i < ch.extensions.count; i++) {
        offered[i] = ch.extensions.list[i].extension_type;
    }
    /* The server's SH and EE extensions are all allowed answers to this offer (§4.2). */
    load(hs_row("3", "server", "ServerHello", 0), buf2, &m);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &sh, &err), TLS_OK);
    assert_int_equal(tls_check_server_extensions(TLS_HT_server_hello, &sh.extensions, offered,
                                                 ch.extensions.count, &err), TLS_OK);
    load(hs_row("3", "server", "EncryptedExtensions", 0), buf2, &m);
    assert_int_equal(tls_encrypted_extensions_parse(m.body.data, m.body.len, &ee, &err), TLS_OK);
    assert_int_equal(ee.extensions.count, 3); /* server_name ack, supported_groups, record_size_limit */
    assert_int_equal(tls_ext_empty_parse(tls_extensions_find(&ee.extensions, TLS_EXT_server_name), &err),
                     TLS_OK);
    assert_int_equal(tls_check_server_extensions(TLS_HT_encrypted_extensions, &ee.extensions, offered,
                                                 ch.extensions.count, &err), TLS_OK);
}

/* §3 Certificate / CertificateVerify / Finished / NewSessionTicket fields. */
static void section3_server_flight_fields(void **state)
{
    (void)state;
    static uint8_t buf[BIG], want[32];
    static struct tls_certificate cert;
    static struct tls_new_session_ticket nst;
    struct tls_certificate_verify cv;
    struct tls_handshake_msg m;
    struct tls_bytes vd;
    struct tls_error err = {0};
    load(hs_row("3", "server", "Certificate", 0), buf, &m);
    assert_int_equal(tls_certificate_parse(m.body.data, m.body.len, true, &cert, &err), TLS_OK);
    assert_int_equal(cert.count, 1);
    assert_int_equal(cert.certificate_list[0].cert_data.data[0], 0x30); /* DER SEQUENCE */
    assert_int_equal(cert.certificate_list[0].extensions.len, 0);
    load(hs_row("3", "server", "CertificateVerify", 0), buf, &m);
    assert_int_equal(tls_certificate_verify_parse(m.body.data, m.body.len, &cv, &err), TLS_OK);
    assert_int_equal(cv.algorithm, TLS_SIG_rsa_pss_rsae_sha256);
    assert_int_equal(cv.signature.len, 128); /* RSA-1024 signature in RFC 8448 */
    load(hs_row("3", "server", "Finished", 0), buf, &m);
    assert_int_equal(tls_finished_parse(m.body.data, m.body.len, 32, &vd, &err), TLS_OK);
    test_hex("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718", want, sizeof(want));
    assert_bytes_equal(vd.data, vd.len, want, 32, "RFC 8448 §3 line 436: server verify_data");
    load(hs_row("3", "server", "NewSessionTicket", 0), buf, &m);
    assert_int_equal(tls_new_session_ticket_parse(m.body.data, m.body.len, &nst, &err), TLS_OK);
    assert_int_equal(nst.ticket_lifetime, 30);
    assert_int_equal(nst.ticket_age_add, 0xfad6aac5);
    assert_int_equal(nst.ticket_nonce.len, 2);
    assert_int_equal(nst.ticket.len, 178);
    assert_false(nst.lifetime_too_long);
    assert_true(nst.has_early_data);
    assert_int_equal(nst.max_early_data_size, 0x400);
    assert_int_equal(tls_check_server_extensions(TLS_HT_new_session_ticket, &nst.extensions, NULL, 0, &err),
                     TLS_OK);
}

/* §5: the HelloRetryRequest is recognised by its random and asks for secp256r1 with a cookie. */
static void section5_hello_retry_request_fields(void **state)
{
    (void)state;
    static uint8_t buf[BIG], buf2[BIG];
    static struct tls_server_hello hrr;
    static struct tls_client_hello ch1;
    struct tls_handshake_msg m;
    struct tls_bytes cookie;
    uint16_t group, offered[TLS_MAX_EXTENSIONS];
    struct tls_error err = {0};
    load(hs_row("5", "server", "ServerHello", 0), buf, &m);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &hrr, &err), TLS_OK);
    assert_true(hrr.is_hello_retry_request);
    assert_bytes_equal(hrr.random, TLS_RANDOM_LEN, tls_hello_retry_request_random, TLS_RANDOM_LEN,
                       "RFC 8448 §5 line 1656: HelloRetryRequest random = RFC 8446 §4.1.3 value");
    assert_int_equal(tls_ext_key_share_parse_hrr(tls_extensions_find(&hrr.extensions, TLS_EXT_key_share),
                                                 &group, &err), TLS_OK);
    assert_int_equal(group, TLS_GROUP_secp256r1);
    assert_int_equal(tls_ext_cookie_parse(tls_extensions_find(&hrr.extensions, TLS_EXT_cookie), &cookie, &err),
                     TLS_OK);
    assert_int_equal(cookie.len, 0x72); /* RFC 8448 §5 line 1656: cookie<1..2^16-1> of 114 bytes */
    /* cookie was not offered, and is still allowed in an HRR (§4.2). */
    load(hs_row("5", "client", "ClientHello", 0), buf2, &m);
    assert_int_equal(tls_client_hello_parse(m.body.data, m.body.len, &ch1, &err), TLS_OK);
    for (size_t i = 0; i < ch1.extensions.count; i++) {
        offered[i] = ch1.extensions.list[i].extension_type;
    }
    assert_int_equal(tls_check_server_extensions(TLS_HT_hello_retry_request, &hrr.extensions, offered,
                                                 ch1.extensions.count, &err), TLS_OK);
    /* The second ServerHello is a normal one. */
    load(hs_row("5", "server", "ServerHello", 1), buf, &m);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &hrr, &err), TLS_OK);
    assert_false(hrr.is_hello_retry_request);
}

/* §4: the resumption ClientHello's PSK offer and the binder helpers. */
static void section4_psk_fields(void **state)
{
    (void)state;
    static uint8_t buf[BIG], nst_buf[BIG], binder[32];
    static struct tls_client_hello ch;
    static struct tls_new_session_ticket nst;
    static struct tls_server_hello sh;
    static struct tls_offered_psks psks;
    struct tls_handshake_msg m, nm;
    size_t truncated, lens[1] = {32};
    uint16_t selected;
    struct tls_error err = {0};
    size_t n = load(hs_row("4", "client", "ClientHello", 0), buf, &m);
    assert_int_equal(tls_client_hello_parse(m.body.data, m.body.len, &ch, &err), TLS_OK);
    assert_int_equal(ch.extensions.list[ch.extensions.count - 1].extension_type, TLS_EXT_pre_shared_key);
    assert_int_equal(tls_ext_pre_shared_key_parse_ch(&ch.extensions.list[ch.extensions.count - 1], &psks,
                                                     &err), TLS_OK);
    assert_int_equal(psks.count, 1);
    /* The identity is §3's ticket. */
    load(hs_row("3", "server", "NewSessionTicket", 0), nst_buf, &nm);
    assert_int_equal(tls_new_session_ticket_parse(nm.body.data, nm.body.len, &nst, &err), TLS_OK);
    assert_bytes_equal(psks.identities[0].identity.data, psks.identities[0].identity.len, nst.ticket.data,
                       nst.ticket.len, "RFC 8448 §4 line 972: PSK identity = §3 ticket (line 764)");
    test_hex("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d", binder, sizeof(binder));
    assert_bytes_equal(psks.binders[0].data, psks.binders[0].len, binder, 32,
                       "RFC 8448 §4 line 967: PSK binder");
    /* RFC 8448 §4 line 921: the "ClientHello prefix" hashed for the binder is 477 octets. */
    assert_int_equal(tls_client_hello_truncated_len(buf, n, &truncated, &err), TLS_OK);
    assert_int_equal(truncated, 477);
    assert_int_equal(n - truncated, tls_psk_binders_len(lens, 1));
    load(hs_row("4", "server", "ServerHello", 0), buf, &m);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &sh, &err), TLS_OK);
    assert_int_equal(tls_ext_pre_shared_key_parse_sh(tls_extensions_find(&sh.extensions,
                                                                         TLS_EXT_pre_shared_key),
                                                     &selected, &err), TLS_OK);
    assert_int_equal(selected, 0);
}

/* §6: CertificateRequest, client Certificate; §7: session id echo. */
static void section6_and_7_fields(void **state)
{
    (void)state;
    static uint8_t buf[BIG], buf2[BIG];
    static struct tls_certificate_request cr;
    static struct tls_certificate cert;
    static struct tls_client_hello ch;
    static struct tls_server_hello sh;
    struct tls_handshake_msg m;
    struct tls_error err = {0};
    load(hs_row("6", "server", "CertificateRequest", 0), buf, &m);
    assert_int_equal(tls_certificate_request_parse(m.body.data, m.body.len, true, &cr, &err), TLS_OK);
    assert_int_equal(cr.certificate_request_context.len, 0);
    assert_true(tls_u16_list_contains(&cr.signature_algorithms, TLS_SIG_rsa_pss_rsae_sha256));
    assert_int_equal(tls_check_server_extensions(TLS_HT_certificate_request, &cr.extensions, NULL, 0, &err),
                     TLS_OK);
    load(hs_row("6", "client", "Certificate", 0), buf, &m);
    assert_int_equal(tls_certificate_parse(m.body.data, m.body.len, false, &cert, &err), TLS_OK);
    assert_int_equal(cert.count, 1);
    load(hs_row("7", "client", "ClientHello", 0), buf, &m);
    assert_int_equal(tls_client_hello_parse(m.body.data, m.body.len, &ch, &err), TLS_OK);
    load(hs_row("7", "server", "ServerHello", 0), buf2, &m);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &sh, &err), TLS_OK);
    assert_int_equal(ch.legacy_session_id.len, 32); /* compatibility mode, RFC 8446 App. D.4 */
    assert_bytes_equal(sh.legacy_session_id_echo.data, sh.legacy_session_id_echo.len,
                       ch.legacy_session_id.data, ch.legacy_session_id.len,
                       "RFC 8448 §7 line 3153: legacy_session_id_echo = ClientHello's (line 3075)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_rfc8448_message_round_trips),
        cmocka_unit_test(section3_server_hello_fields),
        cmocka_unit_test(section3_client_hello_and_server_extensions),
        cmocka_unit_test(section3_server_flight_fields),
        cmocka_unit_test(section5_hello_retry_request_fields),
        cmocka_unit_test(section4_psk_fields),
        cmocka_unit_test(section6_and_7_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
