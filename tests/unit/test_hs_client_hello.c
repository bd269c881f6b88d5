/*
 * test_hs_client_hello.c — the ClientHello encoder (RFC 8446 §4.1.2) rebuilds RFC 8448's
 * ClientHellos byte for byte from a configuration: §3 (simple 1-RTT), §4 (resumption with a PSK
 * binder), §5 (both ClientHellos around the HelloRetryRequest), §6 and §7 (compatibility mode),
 * plus the default extension order and the configuration errors.
 *
 * What RFC 8448 does not print separately is taken from the trace's own ClientHello and said so:
 * the 32-byte random (and §7's legacy_session_id), which are random inputs, not computed values.
 * Everything else comes from the configuration below: RFC 8448's offer (suites, groups,
 * signature schemes) and its key shares, whose lines are cited.
 */
#include "support/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/rng.h"
#include "handshake/client.h"
#include "handshake/client_hello.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"
#include "support/handshake_testutil.h"

#define BIG 4096

/* RFC 8448's offer (§3 line 177 and the same in §4..§7). */
static const uint16_t suites[] = {TLS_SUITE_TLS_AES_128_GCM_SHA256,
                                  TLS_SUITE_TLS_CHACHA20_POLY1305_SHA256,
                                  TLS_SUITE_TLS_AES_256_GCM_SHA384};
static const uint16_t groups[] = {TLS_GROUP_x25519,    TLS_GROUP_secp256r1, TLS_GROUP_secp384r1,
                                  TLS_GROUP_secp521r1, TLS_GROUP_ffdhe2048, TLS_GROUP_ffdhe3072,
                                  TLS_GROUP_ffdhe4096, TLS_GROUP_ffdhe6144, TLS_GROUP_ffdhe8192};
/* §5 offers fewer groups (line 1609). */
static const uint16_t groups_5[] = {TLS_GROUP_x25519, TLS_GROUP_secp256r1, TLS_GROUP_secp384r1};
static const uint16_t schemes[] = {
    TLS_SIG_ecdsa_secp256r1_sha256, TLS_SIG_ecdsa_secp384r1_sha384, TLS_SIG_ecdsa_secp521r1_sha512,
    TLS_SIG_ecdsa_sha1,             TLS_SIG_rsa_pss_rsae_sha256,    TLS_SIG_rsa_pss_rsae_sha384,
    TLS_SIG_rsa_pss_rsae_sha512,    TLS_SIG_rsa_pkcs1_sha256,       TLS_SIG_rsa_pkcs1_sha384,
    TLS_SIG_rsa_pkcs1_sha512,       TLS_SIG_rsa_pkcs1_sha1,
    0x0402, 0x0502, 0x0602, 0x0202, /* the TLS 1.2 DSA pairs RFC 8448's client also lists */
};
static const uint8_t modes[] = {TLS_PSK_DHE_KE};

/* The extensions RFC 8448's client sends that this client does not build itself. */
static const uint8_t renegotiation_info[] = {0x00}; /* RFC 5746 §3.2: empty renegotiated_connection */
static const uint8_t record_size_limit[] = {0x40, 0x01}; /* RFC 8449: 16385 */
static const uint8_t zeros[256];

/* The extension orders of RFC 8448's ClientHellos. */
static const uint16_t order_3[] = {
    TLS_EXT_server_name,          TLS_EXT_renegotiation_info,     TLS_EXT_supported_groups,
    TLS_EXT_session_ticket,       TLS_EXT_key_share,              TLS_EXT_supported_versions,
    TLS_EXT_signature_algorithms, TLS_EXT_psk_key_exchange_modes, TLS_EXT_record_size_limit};
static const uint16_t order_4[] = {
    TLS_EXT_server_name,          TLS_EXT_renegotiation_info,     TLS_EXT_supported_groups,
    TLS_EXT_key_share,            TLS_EXT_early_data,             TLS_EXT_supported_versions,
    TLS_EXT_signature_algorithms, TLS_EXT_psk_key_exchange_modes, TLS_EXT_record_size_limit,
    TLS_EXT_padding,              TLS_EXT_pre_shared_key};
static const uint16_t order_5_6_7[] = {
    TLS_EXT_server_name,          TLS_EXT_renegotiation_info,     TLS_EXT_supported_groups,
    TLS_EXT_key_share,            TLS_EXT_supported_versions,     TLS_EXT_signature_algorithms,
    TLS_EXT_psk_key_exchange_modes, TLS_EXT_record_size_limit};
static const uint16_t order_5_ch2[] = {
    TLS_EXT_server_name,          TLS_EXT_renegotiation_info,     TLS_EXT_supported_groups,
    TLS_EXT_key_share,            TLS_EXT_supported_versions,     TLS_EXT_signature_algorithms,
    TLS_EXT_cookie,               TLS_EXT_psk_key_exchange_modes, TLS_EXT_record_size_limit,
    TLS_EXT_padding};

/* Fills the parts every RFC 8448 ClientHello shares; extras gets renegotiation_info,
 * session_ticket, record_size_limit and padding(padding_len). */
static void base_config(struct tls_client_hello_config *c, struct tls_extension extras[4],
                        size_t padding_len)
{
    memset(c, 0, sizeof(*c));
    c->cipher_suites = suites;
    c->cipher_suites_count = 3;
    c->server_name.data = (const uint8_t *)"server";
    c->server_name.len = 6;
    c->supported_groups = groups;
    c->supported_groups_count = sizeof(groups) / sizeof(groups[0]);
    c->signature_algorithms = schemes;
    c->signature_algorithms_count = sizeof(schemes) / sizeof(schemes[0]);
    c->psk_key_exchange_modes = modes;
    c->psk_key_exchange_modes_count = 1;
    extras[0] = (struct tls_extension){TLS_EXT_renegotiation_info, {renegotiation_info, 1}};
    extras[1] = (struct tls_extension){TLS_EXT_session_ticket, {NULL, 0}};
    extras[2] = (struct tls_extension){TLS_EXT_record_size_limit, {record_size_limit, 2}};
    extras[3] = (struct tls_extension){TLS_EXT_padding, {zeros, padding_len}};
    c->extra_extensions = extras;
    c->extra_extensions_count = 4;
}

/* Encodes c and compares with the row; the random (and session id) are taken from the row. */
static void encode_and_compare(struct tls_client_hello_config *c, const struct hs_msg_row *row,
                               uint8_t *out, struct tls_client_hello_layout *layout)
{
    static uint8_t want[BIG];
    struct tls_writer w;
    struct tls_error err = {0};
    size_t n = hs_row_bytes(row, want, sizeof(want));
    /* header (4) + legacy_version (2), then Random: RFC 8448 prints it only inside the message. */
    memcpy(c->random, want + 6, TLS_RANDOM_LEN);
    tls_writer_init(&w, out, BIG);
    assert_int_equal(tls_client_hello_encode(&w, c, layout, &err), TLS_OK);
    assert_int_equal(layout->length, w.len);
    assert_bytes_equal(out, w.len, want, n, hs_row_label(row, "encoded from a configuration"));
}

static void key_share(struct tls_key_share_entry *e, uint16_t group, const char *hex, uint8_t *buf)
{
    e->group = group;
    e->key_exchange.data = buf;
    e->key_exchange.len = test_hex(hex, buf, 65);
}

static void section3_client_hello(void **state)
{
    (void)state;
    static uint8_t out[BIG], pub[65];
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    base_config(&c, extras, 0);
    /* RFC 8448 §3 line 165: the client's x25519 public key. */
    key_share(&share, TLS_GROUP_x25519,
              "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c", pub);
    c.key_shares = &share;
    c.key_shares_count = 1;
    c.extension_order = order_3;
    c.extension_order_count = sizeof(order_3) / sizeof(order_3[0]);
    encode_and_compare(&c, hs_row("3", "client", "ClientHello", 0), out, &layout);
    assert_int_equal(layout.binders_offset, layout.length); /* no PSK */
}

/* §4: PSK with binder; the encoder leaves zeros, set_binders stores RFC 8448's binder. */
static void section4_client_hello_with_binder(void **state)
{
    (void)state;
    static uint8_t out[BIG], pub[65], nst_buf[BIG], want[BIG], binder_bytes[32];
    static struct tls_new_session_ticket nst;
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    struct tls_handshake_msg m;
    struct tls_psk_identity id;
    struct tls_writer w;
    struct tls_error err = {0};
    const size_t binder_len = 32;
    const struct hs_msg_row *row = hs_row("4", "client", "ClientHello", 0);
    size_t n = hs_row_bytes(row, want, sizeof(want));
    base_config(&c, extras, 87); /* padding of 87 zero bytes (line 972) */
    key_share(&share, TLS_GROUP_x25519,
              "e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b", pub); /* line 871 */
    c.key_shares = &share;
    c.key_shares_count = 1;
    c.early_data = true;
    c.extension_order = order_4;
    c.extension_order_count = sizeof(order_4) / sizeof(order_4[0]);
    /* The identity is §3's ticket (line 764); the obfuscated age is §3's ticket_age_add
     * 0xfad6aac5 plus the 6 ms RFC 8448's client waited, as sent at line 972. */
    size_t nst_len = hs_row_bytes(hs_row("3", "server", "NewSessionTicket", 0), nst_buf, sizeof(nst_buf));
    assert_int_equal(tls_handshake_msg_parse(nst_buf, nst_len, &m, &err), TLS_OK);
    assert_int_equal(tls_new_session_ticket_parse(m.body.data, m.body.len, &nst, &err), TLS_OK);
    id.identity = nst.ticket;
    id.obfuscated_ticket_age = 0xfad6aacb;
    c.psk_identities = &id;
    c.psk_binder_lens = &binder_len;
    c.psk_count = 1;
    memcpy(c.random, want + 6, TLS_RANDOM_LEN);
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_OK);
    /* RFC 8448 §4 line 921: Truncate(ClientHello) — the binder's input — is 477 octets. */
    assert_int_equal(layout.binders_offset, 477);
    assert_bytes_equal(out, layout.binders_offset, want, 477,
                       "RFC 8448 §4 line 886: ClientHello without binders (the binder hash input)");
    struct tls_bytes binder = {binder_bytes, test_hex("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d"
                                                      "57bb6fa31b9e5f9d", binder_bytes, 32)};
    assert_int_equal(tls_client_hello_set_binders(out, w.len, layout.binders_offset, &binder, 1, &err),
                     TLS_OK);
    assert_bytes_equal(out, w.len, want, n, "RFC 8448 §4 line 972: ClientHello with the binder of line 967");
    /* A binder of the wrong length does not fit the reserved space. */
    binder.len = 31;
    assert_int_equal(tls_client_hello_set_binders(out, w.len, layout.binders_offset, &binder, 1, &err),
                     TLS_E_INTERNAL);
}

/* §5: ClientHello1, then ClientHello2 with the HRR's cookie and a secp256r1 share. */
static void section5_both_client_hellos(void **state)
{
    (void)state;
    static uint8_t out[BIG], pub[65], hrr_buf[BIG];
    static struct tls_server_hello hrr;
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    struct tls_handshake_msg m;
    struct tls_error err = {0};
    base_config(&c, extras, 0);
    c.supported_groups = groups_5;
    c.supported_groups_count = 3;
    key_share(&share, TLS_GROUP_x25519,
              "e8e8e3f3b93a25ed97a14a7dcacb8a272c6288e585c6484d05262fcad062ad1f", pub); /* line 1604 */
    c.key_shares = &share;
    c.key_shares_count = 1;
    c.extension_order = order_5_6_7;
    c.extension_order_count = sizeof(order_5_6_7) / sizeof(order_5_6_7[0]);
    encode_and_compare(&c, hs_row("5", "client", "ClientHello", 0), out, &layout);
    /* The HelloRetryRequest (line 1656) supplies the cookie to echo (RFC 8446 §4.2.2). */
    size_t n = hs_row_bytes(hs_row("5", "server", "ServerHello", 0), hrr_buf, sizeof(hrr_buf));
    assert_int_equal(tls_handshake_msg_parse(hrr_buf, n, &m, &err), TLS_OK);
    assert_int_equal(tls_server_hello_parse(m.body.data, m.body.len, &hrr, &err), TLS_OK);
    assert_int_equal(tls_ext_cookie_parse(tls_extensions_find(&hrr.extensions, TLS_EXT_cookie), &c.cookie,
                                          &err), TLS_OK);
    key_share(&share, TLS_GROUP_secp256r1,
              "04a6da7392ec591e17abfd535964b99894d13befb221b3def2ebe3830eac8f0151812677c4d6d2237e85cf01d6"
              "910cfb83954e76ba7352830534159897e8065780", pub); /* line 1703 */
    extras[3].extension_data.len = 175; /* padding (line 1710) */
    c.extension_order = order_5_ch2;
    c.extension_order_count = sizeof(order_5_ch2) / sizeof(order_5_ch2[0]);
    encode_and_compare(&c, hs_row("5", "client", "ClientHello", 1), out, &layout);
}

static void section6_client_hello(void **state)
{
    (void)state;
    static uint8_t out[BIG], pub[65];
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    base_config(&c, extras, 0);
    key_share(&share, TLS_GROUP_x25519,
              "089cc2671f738d9a671e5b2e464981d05b76e361aa22aea91f1d49ca10a7a362", pub); /* line 2372 */
    c.key_shares = &share;
    c.key_shares_count = 1;
    c.extension_order = order_5_6_7;
    c.extension_order_count = sizeof(order_5_6_7) / sizeof(order_5_6_7[0]);
    encode_and_compare(&c, hs_row("6", "client", "ClientHello", 0), out, &layout);
}

/* §7: compatibility mode, a 32-byte legacy_session_id (RFC 8446 App. D.4). */
static void section7_compatibility_mode_client_hello(void **state)
{
    (void)state;
    static uint8_t out[BIG], pub[65], sid[32];
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    base_config(&c, extras, 0);
    key_share(&share, TLS_GROUP_x25519,
              "8e7292cf3056dbb0d25fcbe55c107dc9bbf83dd9708f39203ba341249a7d9b63", pub); /* line 3070 */
    c.key_shares = &share;
    c.key_shares_count = 1;
    /* A random session id, printed only inside the ClientHello (line 3075). */
    test_hex("a80c165581a8e0d06c0018d54d3a06dd32cfd4051eb026fad3fd0ba99269e6ef", sid, sizeof(sid));
    c.legacy_session_id.data = sid;
    c.legacy_session_id.len = 32;
    c.extension_order = order_5_6_7;
    c.extension_order_count = sizeof(order_5_6_7) / sizeof(order_5_6_7[0]);
    encode_and_compare(&c, hs_row("7", "client", "ClientHello", 0), out, &layout);
}

/* Without extension_order: the documented default order, pre_shared_key last. */
static void default_order_puts_pre_shared_key_last(void **state)
{
    (void)state;
    static uint8_t out[BIG], pub[32] = {1};
    static struct tls_client_hello ch;
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_key_share_entry share = {TLS_GROUP_x25519, {pub, 32}};
    struct tls_client_hello_layout layout;
    struct tls_psk_identity id = {{pub, 16}, 7};
    const size_t binder_len = 48;
    const struct tls_bytes alpn[2] = {{(const uint8_t *)"h2", 2}, {(const uint8_t *)"http/1.1", 8}};
    const uint16_t want[] = {TLS_EXT_server_name, TLS_EXT_supported_versions, TLS_EXT_supported_groups,
                             TLS_EXT_key_share, TLS_EXT_signature_algorithms,
                             TLS_EXT_psk_key_exchange_modes,
                             TLS_EXT_application_layer_protocol_negotiation, TLS_EXT_cookie,
                             TLS_EXT_early_data, TLS_EXT_renegotiation_info, TLS_EXT_pre_shared_key};
    struct tls_writer w;
    struct tls_error err = {0};
    base_config(&c, extras, 0);
    c.extra_extensions_count = 1; /* renegotiation_info only */
    c.key_shares = &share;
    c.key_shares_count = 1;
    c.alpn_protocols = alpn;
    c.alpn_protocols_count = 2;
    c.cookie.data = pub;
    c.cookie.len = 3;
    c.early_data = true;
    c.psk_identities = &id;
    c.psk_binder_lens = &binder_len;
    c.psk_count = 1;
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_OK);
    assert_int_equal(tls_client_hello_parse(out + 4, w.len - 4, &ch, &err), TLS_OK);
    assert_int_equal(ch.extensions.count, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < ch.extensions.count; i++) {
        assert_int_equal(ch.extensions.list[i].extension_type, want[i]);
    }
    /* The reported binder offset is what Truncate() computes from the bytes. */
    size_t truncated;
    assert_int_equal(tls_client_hello_truncated_len(out, w.len, &truncated, &err), TLS_OK);
    assert_int_equal(truncated, layout.binders_offset);
    assert_int_equal(w.len - truncated, 2 + 1 + 48);
    /* The "offered" list for tls_check_server_extensions() is the same list. */
    uint16_t types[TLS_MAX_EXTENSIONS];
    assert_int_equal(tls_client_hello_extension_types(&c, types, TLS_MAX_EXTENSIONS), ch.extensions.count);
    assert_memory_equal(types, want, sizeof(want));
}

/* Configuration mistakes are internal_error, never a malformed message. */
static void inconsistent_configuration_is_internal_error(void **state)
{
    (void)state;
    static uint8_t out[BIG];
    struct tls_client_hello_config c;
    struct tls_extension extras[4];
    struct tls_client_hello_layout layout;
    struct tls_psk_identity id = {{out, 4}, 0};
    const size_t binder_len = 32;
    const uint16_t psk_not_last[] = {TLS_EXT_pre_shared_key, TLS_EXT_supported_versions};
    const uint16_t no_data[] = {TLS_EXT_supported_versions, TLS_EXT_cookie};
    const uint16_t twice[] = {TLS_EXT_supported_versions, TLS_EXT_server_name, TLS_EXT_supported_versions};
    struct tls_writer w;
    struct tls_error err = {0};
    base_config(&c, extras, 0);
    c.psk_identities = &id;
    c.psk_binder_lens = &binder_len;
    c.psk_count = 1;
    c.extension_order = psk_not_last;
    c.extension_order_count = 2;
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_E_INTERNAL);
    err = (struct tls_error){0};
    c.extension_order = no_data; /* cookie listed, none configured */
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_E_INTERNAL);
    err = (struct tls_error){0};
    c.psk_count = 0;
    c.extension_order = twice; /* RFC 8446 §4.2: no extension twice */
    c.extension_order_count = 3;
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_E_INTERNAL);
    /* A 33-byte session id exceeds legacy_session_id<0..32>. */
    err = (struct tls_error){0};
    c.extension_order = NULL;
    c.legacy_session_id.data = out;
    c.legacy_session_id.len = 33;
    tls_writer_init(&w, out + 64, sizeof(out) - 64);
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_E_INTERNAL);
    /* Too small a buffer. */
    err = (struct tls_error){0};
    c.legacy_session_id.len = 0;
    tls_writer_init(&w, out, 40);
    assert_int_equal(tls_client_hello_encode(&w, &c, &layout, &err), TLS_E_INTERNAL);
}

/* The ClientHello a real (not replayed) client sends for server_name; *has_sni says whether it
 * carries the server_name extension. */
static void client_hello_for(const char *server_name, bool *has_sni)
{
    static uint8_t random_bytes[4096];
    memset(random_bytes, 0x5a, sizeof(random_bytes));
    struct tls_fixed_random fixed = {random_bytes, sizeof(random_bytes), 0};
    struct tls_client_config config = {0};
    config.server_name = server_name;
    config.insecure = true;
    config.rng.fill = tls_fixed_random_fill;
    config.rng.ctx = &fixed;
    struct tls_client *c = malloc(tls_client_size());
    assert_non_null(c);
    assert_int_equal(tls_client_init(c, &config, 0), TLS_OK);
    static uint8_t out[4096];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    size_t used;
    assert_int_equal(tls_client_handshake(c, NULL, 0, &used, &w, 0), TLS_STATUS_CONTINUE);
    /* one plaintext record: header (5), handshake header (4), ClientHello body */
    struct tls_client_hello ch;
    struct tls_error err = {0};
    size_t body = (size_t)(out[6] << 16 | out[7] << 8 | out[8]);
    assert_int_equal(tls_client_hello_parse(out + 9, body, &ch, &err), TLS_OK);
    *has_sni = tls_extensions_find(&ch.extensions, TLS_EXT_server_name) != NULL;
    tls_client_wipe(c);
    free(c);
}

/* RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in "HostName"": a client
 * configured with an IP address (matched against iPAddress, RFC 9525 §6.4) sends no SNI. */
static void no_server_name_for_an_ip_address(void **state)
{
    (void)state;
    bool has_sni;
    client_hello_for("www.example.com", &has_sni);
    assert_true(has_sni);
    client_hello_for("192.0.2.1", &has_sni);
    assert_false(has_sni);
    client_hello_for("2001:db8::1", &has_sni);
    assert_false(has_sni);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(section3_client_hello),
        cmocka_unit_test(section4_client_hello_with_binder),
        cmocka_unit_test(section5_both_client_hellos),
        cmocka_unit_test(section6_client_hello),
        cmocka_unit_test(section7_compatibility_mode_client_hello),
        cmocka_unit_test(default_order_puts_pre_shared_key_last),
        cmocka_unit_test(inconsistent_configuration_is_internal_error),
        cmocka_unit_test(no_server_name_for_an_ip_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
