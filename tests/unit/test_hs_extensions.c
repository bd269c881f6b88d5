/*
 * test_hs_extensions.c — extension blocks, the RFC 8446 §4.2 table helper and each extension's
 * parser/writer (src/handshake/extensions.c, extension_types.c).
 *
 * The §4.2 table cases are the checklist rows (/work/shared/reference/client-negative-tests.md)
 * SH-06, SH-07, EE-01..03, EE-06, HRR-09, CRT-04, PSK-01; the "offered" list is RFC 8448 §3's
 * ClientHello (line 177): server_name, renegotiation_info, supported_groups, session_ticket,
 * key_share, supported_versions, signature_algorithms, psk_key_exchange_modes, record_size_limit.
 */
#include "support/testutil.h"

#include <string.h>

#include "handshake/extensions.h"

#define DECODE_ERROR TLS_E_ALERT(TLS_ALERT_decode_error)
#define ILLEGAL_PARAMETER TLS_E_ALERT(TLS_ALERT_illegal_parameter)
#define UNSUPPORTED_EXTENSION TLS_E_ALERT(TLS_ALERT_unsupported_extension)

static const uint16_t offered_8448[] = {
    TLS_EXT_server_name,          TLS_EXT_renegotiation_info,     TLS_EXT_supported_groups,
    TLS_EXT_session_ticket,       TLS_EXT_key_share,              TLS_EXT_supported_versions,
    TLS_EXT_signature_algorithms, TLS_EXT_psk_key_exchange_modes, TLS_EXT_record_size_limit};
#define OFFERED offered_8448, sizeof(offered_8448) / sizeof(offered_8448[0])

/* A block holding one extension of this type (empty data). */
static struct tls_extensions one(uint16_t type)
{
    struct tls_extensions e;
    memset(&e, 0, sizeof(e));
    e.count = 1;
    e.list[0].extension_type = type;
    return e;
}

static tls_result check(enum tls_handshake_type msg, uint16_t type, const uint16_t *offered, size_t n)
{
    struct tls_extensions e = one(type);
    struct tls_error err = {0};
    tls_result rc = tls_check_server_extensions(msg, &e, offered, n, &err);
    if (rc != TLS_OK) {
        assert_int_equal(err.code, rc);
        assert_non_null(strstr(err.reason, "§4.2"));
    }
    return rc;
}

static void section_4_2_table_in_server_hello(void **state)
{
    (void)state;
    /* Allowed answers. */
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_key_share, OFFERED), TLS_OK);
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_supported_versions, OFFERED), TLS_OK);
    /* SH-06: not offered: unknown, GREASE, ALPN. PSK-01: pre_shared_key not offered. */
    assert_int_equal(check(TLS_HT_server_hello, 0x1234, OFFERED), UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_server_hello, 0x0a0a, OFFERED), UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_application_layer_protocol_negotiation, OFFERED),
                     UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_pre_shared_key, OFFERED), UNSUPPORTED_EXTENSION);
    /* SH-07: offered, but the table does not allow it in SH. */
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_server_name, OFFERED), ILLEGAL_PARAMETER);
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_supported_groups, OFFERED), ILLEGAL_PARAMETER);
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_psk_key_exchange_modes, OFFERED), ILLEGAL_PARAMETER);
    /* cookie is only for HRR, even in a ServerHello answering an HRR (offered in CH2). */
    const uint16_t with_cookie[] = {TLS_EXT_cookie};
    assert_int_equal(check(TLS_HT_server_hello, TLS_EXT_cookie, with_cookie, 1), ILLEGAL_PARAMETER);
}

static void section_4_2_table_in_hello_retry_request(void **state)
{
    (void)state;
    /* §4.2: cookie is the one extension a server may send unasked, in HRR. */
    assert_int_equal(check(TLS_HT_hello_retry_request, TLS_EXT_cookie, OFFERED), TLS_OK);
    assert_int_equal(check(TLS_HT_hello_retry_request, TLS_EXT_key_share, OFFERED), TLS_OK);
    /* HRR-09. */
    assert_int_equal(check(TLS_HT_hello_retry_request, TLS_EXT_application_layer_protocol_negotiation,
                           OFFERED), UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_hello_retry_request, TLS_EXT_signature_algorithms, OFFERED),
                     ILLEGAL_PARAMETER);
}

static void section_4_2_table_in_encrypted_extensions(void **state)
{
    (void)state;
    const uint16_t all[] = {TLS_EXT_key_share, TLS_EXT_supported_versions, TLS_EXT_pre_shared_key,
                            TLS_EXT_cookie, TLS_EXT_padding, TLS_EXT_signature_algorithms,
                            TLS_EXT_psk_key_exchange_modes, TLS_EXT_early_data,
                            TLS_EXT_application_layer_protocol_negotiation, TLS_EXT_server_name};
    /* Allowed (RFC 8448 §3's EE holds the first three). */
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_server_name, OFFERED), TLS_OK);
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_supported_groups, OFFERED), TLS_OK);
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_record_size_limit, OFFERED), TLS_OK);
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_early_data, all, 10), TLS_OK);
    /* EE-01, EE-02: offered, not allowed in EE. */
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(check(TLS_HT_encrypted_extensions, all[i], all, 10), ILLEGAL_PARAMETER);
    }
    /* EE-03: unsolicited ALPN, unknown, GREASE, TLS 1.2-only. EE-06: early_data not offered. */
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_application_layer_protocol_negotiation,
                           OFFERED), UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_encrypted_extensions, 0xfafa, OFFERED), UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_extended_master_secret, OFFERED),
                     UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_early_data, OFFERED), UNSUPPORTED_EXTENSION);
    /* renegotiation_info WAS offered by RFC 8448's client: a TLS 1.3 server may still not send it. */
    assert_int_equal(check(TLS_HT_encrypted_extensions, TLS_EXT_renegotiation_info, OFFERED),
                     ILLEGAL_PARAMETER);
}

static void section_4_2_table_in_certificate_request_ticket_and_entry(void **state)
{
    (void)state;
    const uint16_t status[] = {TLS_EXT_status_request};
    /* CR and NST: server-initiated; unknown ones ignored, known ones per the table. */
    assert_int_equal(check(TLS_HT_certificate_request, TLS_EXT_signature_algorithms, NULL, 0), TLS_OK);
    assert_int_equal(check(TLS_HT_certificate_request, 0x1234, NULL, 0), TLS_OK);
    assert_int_equal(check(TLS_HT_certificate_request, TLS_EXT_key_share, NULL, 0), ILLEGAL_PARAMETER);
    assert_int_equal(check(TLS_HT_new_session_ticket, TLS_EXT_early_data, NULL, 0), TLS_OK);
    assert_int_equal(check(TLS_HT_new_session_ticket, 0x1234, NULL, 0), TLS_OK);
    assert_int_equal(check(TLS_HT_new_session_ticket, TLS_EXT_server_name, NULL, 0), ILLEGAL_PARAMETER);
    /* CRT-04: a CertificateEntry extension must answer a request. */
    assert_int_equal(check(TLS_HT_certificate, TLS_EXT_status_request, OFFERED), UNSUPPORTED_EXTENSION);
    assert_int_equal(check(TLS_HT_certificate, TLS_EXT_status_request, status, 1), TLS_OK);
    /* Not a server message with extensions: the caller's mistake. */
    assert_int_equal(check(TLS_HT_client_hello, TLS_EXT_server_name, OFFERED), TLS_E_INTERNAL);
    assert_int_equal(check(TLS_HT_finished, TLS_EXT_server_name, OFFERED), TLS_E_INTERNAL);
    bool known = true;
    assert_false(tls_extension_allowed_in(0x1234, TLS_HT_encrypted_extensions, &known));
    assert_false(known);
    assert_true(tls_extension_allowed_in(TLS_EXT_padding, TLS_HT_client_hello, &known));
    assert_true(known);
}

/* Generic block rules: bounds, 32-entry limit, overrun, duplicates. */
static void extension_block_rules(void **state)
{
    (void)state;
    static uint8_t block[2 + 33 * 4];
    static struct tls_extensions e;
    struct tls_reader r;
    struct tls_error err = {0};
    block[0] = 0;
    block[1] = 33 * 4;
    for (size_t i = 0; i < 33; i++) {
        block[2 + 4 * i] = 0x10;
        block[3 + 4 * i] = (uint8_t)i; /* distinct types 0x1000.. */
    }
    tls_reader_init(&r, block, sizeof(block), &err);
    assert_int_equal(tls_extensions_read(&r, 0, 0xffff, &e, "Test.extensions"), DECODE_ERROR);
    /* 32 are fine. */
    err = (struct tls_error){0};
    block[1] = 32 * 4;
    tls_reader_init(&r, block, 2 + 32 * 4, &err);
    assert_int_equal(tls_extensions_read(&r, 0, 0xffff, &e, "Test.extensions"), TLS_OK);
    assert_int_equal(e.count, 32);
    assert_non_null(tls_extensions_find(&e, 0x101f));
    assert_null(tls_extensions_find(&e, 0x1020));
    /* extension_data longer than the block. */
    const uint8_t overrun[] = {0x00, 0x05, 0x00, 0x00, 0x00, 0x02, 0x00};
    tls_reader_init(&r, overrun, sizeof(overrun), &err);
    assert_int_equal(tls_extensions_read(&r, 0, 0xffff, &e, "Test.extensions"), DECODE_ERROR);
    /* Below the block's minimum (e.g. CertificateRequest's <2..2^16-1>). */
    const uint8_t empty[] = {0x00, 0x00};
    err = (struct tls_error){0};
    tls_reader_init(&r, empty, sizeof(empty), &err);
    assert_int_equal(tls_extensions_read(&r, 2, 0xffff, &e, "Test.extensions"), DECODE_ERROR);
}

/* Each extension: a written value parses back; truncating its data at every length fails. */
typedef tls_result (*ext_parser)(const struct tls_extension *ext, struct tls_error *err);

static tls_result p_server_name(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_bytes h;
    TRY(tls_ext_server_name_parse(x, &h, err));
    return h.len == 11 && memcmp(h.data, "example.com", 11) == 0 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_versions_ch(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_u16_list l;
    TRY(tls_ext_supported_versions_parse_ch(x, &l, err));
    return l.count == 2 && tls_u16_list_get(&l, 1) == TLS_VERSION_1_2 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_versions_sh(const struct tls_extension *x, struct tls_error *err)
{
    uint16_t v;
    TRY(tls_ext_supported_versions_parse_sh(x, &v, err));
    return v == TLS_VERSION_1_3 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_cookie(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_bytes c;
    TRY(tls_ext_cookie_parse(x, &c, err));
    return c.len == 3 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_sigalgs(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_u16_list l;
    TRY(tls_ext_signature_algorithms_parse(x, &l, err));
    return l.count == 2 && tls_u16_list_contains(&l, TLS_SIG_ed25519) ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_groups(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_u16_list l;
    TRY(tls_ext_supported_groups_parse(x, &l, err));
    return l.count == 2 && tls_u16_list_get(&l, 0) == TLS_GROUP_x25519 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_key_share_ch(const struct tls_extension *x, struct tls_error *err)
{
    static struct tls_key_share_client_hello ks;
    TRY(tls_ext_key_share_parse_ch(x, &ks, err));
    return ks.count == 2 && ks.client_shares[1].group == TLS_GROUP_secp256r1 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_key_share_sh(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_key_share_entry e;
    TRY(tls_ext_key_share_parse_sh(x, &e, err));
    return e.group == TLS_GROUP_x25519 && e.key_exchange.len == 4 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_key_share_hrr(const struct tls_extension *x, struct tls_error *err)
{
    uint16_t g;
    TRY(tls_ext_key_share_parse_hrr(x, &g, err));
    return g == TLS_GROUP_secp384r1 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_modes(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_bytes m;
    TRY(tls_ext_psk_key_exchange_modes_parse(x, &m, err));
    return m.len == 2 && m.data[1] == TLS_PSK_DHE_KE ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_early_nst(const struct tls_extension *x, struct tls_error *err)
{
    uint32_t v;
    TRY(tls_ext_early_data_parse_nst(x, &v, err));
    return v == 16384 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_psk_sh(const struct tls_extension *x, struct tls_error *err)
{
    uint16_t v;
    TRY(tls_ext_pre_shared_key_parse_sh(x, &v, err));
    return v == 1 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_alpn_ch(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_bytes list;
    size_t count;
    TRY(tls_ext_alpn_parse_ch(x, &list, &count, err));
    struct tls_bytes second = tls_ext_alpn_get(&list, 1);
    return count == 2 && second.len == 8 && memcmp(second.data, "http/1.1", 8) == 0 ? TLS_OK : TLS_E_INTERNAL;
}
static tls_result p_alpn_ee(const struct tls_extension *x, struct tls_error *err)
{
    struct tls_bytes name;
    TRY(tls_ext_alpn_parse_ee(x, &name, err));
    return name.len == 2 && memcmp(name.data, "h2", 2) == 0 ? TLS_OK : TLS_E_INTERNAL;
}

/* Writes one extension with the writer under test. */
static void write_case(struct tls_writer *w, size_t i)
{
    static const uint16_t versions[] = {TLS_VERSION_1_3, TLS_VERSION_1_2};
    static const uint16_t sigs[] = {TLS_SIG_ed25519, TLS_SIG_rsa_pss_rsae_sha256};
    static const uint16_t groups[] = {TLS_GROUP_x25519, TLS_GROUP_secp256r1};
    static const uint8_t kx[4] = {1, 2, 3, 4}, modes[] = {TLS_PSK_KE, TLS_PSK_DHE_KE};
    static const struct tls_key_share_entry shares[] = {{TLS_GROUP_x25519, {kx, 4}},
                                                        {TLS_GROUP_secp256r1, {kx, 3}}};
    static const struct tls_bytes alpn2[] = {{(const uint8_t *)"h2", 2}, {(const uint8_t *)"http/1.1", 8}};
    static const uint8_t early_nst[] = {0, 0, 0x40, 0};
    switch (i) {
    case 0: tls_ext_server_name_write(w, (const uint8_t *)"example.com", 11); break;
    case 1: tls_ext_supported_versions_write_ch(w, versions, 2); break;
    case 2: tls_ext_supported_versions_write_sh(w, TLS_VERSION_1_3); break;
    case 3: tls_ext_cookie_write(w, kx, 3); break;
    case 4: tls_ext_signature_algorithms_write(w, TLS_EXT_signature_algorithms, sigs, 2); break;
    case 5: tls_ext_supported_groups_write(w, groups, 2); break;
    case 6: tls_ext_key_share_write_ch(w, shares, 2); break;
    case 7: tls_ext_key_share_write_sh(w, &shares[0]); break;
    case 8: tls_ext_key_share_write_hrr(w, TLS_GROUP_secp384r1); break;
    case 9: tls_ext_psk_key_exchange_modes_write(w, modes, 2); break;
    case 10: tls_extension_write(w, TLS_EXT_early_data, early_nst, 4); break;
    case 11: tls_ext_pre_shared_key_write_sh(w, 1); break;
    case 12: tls_ext_alpn_write(w, alpn2, 2); break;
    case 13: tls_ext_alpn_write(w, alpn2, 1); break;
    default: fail(); break;
    }
}

static const ext_parser parsers[] = {p_server_name, p_versions_ch, p_versions_sh, p_cookie, p_sigalgs,
                                     p_groups, p_key_share_ch, p_key_share_sh, p_key_share_hrr, p_modes,
                                     p_early_nst, p_psk_sh, p_alpn_ch, p_alpn_ee};

static void each_extension_round_trips_and_rejects_truncation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
        uint8_t buf[256];
        struct tls_writer w;
        struct tls_extensions e;
        struct tls_error err = {0};
        tls_writer_init(&w, buf, sizeof(buf));
        write_case(&w, i);
        assert_false(w.overflow);
        assert_int_equal(tls_extensions_parse_raw(buf, w.len, &e, "Test", &err), TLS_OK);
        assert_int_equal(e.count, 1);
        assert_int_equal(parsers[i](&e.list[0], &err), TLS_OK);
        struct tls_extension x = e.list[0];
        size_t full = x.extension_data.len;
        for (size_t k = 0; k < full; k++) {
            err = (struct tls_error){0};
            x.extension_data.len = k;
            assert_int_equal(parsers[i](&x, &err), DECODE_ERROR);
        }
        /* And one trailing byte. */
        uint8_t longer[256];
        memcpy(longer, x.extension_data.data, full);
        longer[full] = 0;
        x.extension_data.data = longer;
        x.extension_data.len = full + 1;
        err = (struct tls_error){0};
        assert_int_equal(parsers[i](&x, &err), DECODE_ERROR);
    }
}

static tls_result parse_bytes(ext_parser p, uint16_t type, const uint8_t *data, size_t len)
{
    struct tls_extension x = {type, {data, len}};
    struct tls_error err = {0};
    tls_result rc = p(&x, &err);
    assert_int_equal(err.code, rc);
    return rc;
}

/* Rules inside extensions: bounds and values the bytes alone decide. */
static void extension_specific_rules(void **state)
{
    (void)state;
    struct tls_error err = {0};
    /* HRR-10: cookie<1..2^16-1>. */
    const uint8_t empty_cookie[] = {0x00, 0x00};
    assert_int_equal(parse_bytes(p_cookie, TLS_EXT_cookie, empty_cookie, 2), DECODE_ERROR);
    /* EE-05: ALPN with two names, an empty name, an empty list; server_name ack with a body. */
    const uint8_t alpn_two[] = {0x00, 0x06, 0x02, 'h', '2', 0x02, 'h', '3'};
    const uint8_t alpn_empty_name[] = {0x00, 0x01, 0x00};
    const uint8_t alpn_empty_list[] = {0x00, 0x00};
    assert_int_equal(parse_bytes(p_alpn_ee, TLS_EXT_application_layer_protocol_negotiation, alpn_two, 8),
                     DECODE_ERROR);
    assert_int_equal(parse_bytes(p_alpn_ee, TLS_EXT_application_layer_protocol_negotiation, alpn_empty_name, 3),
                     DECODE_ERROR);
    assert_int_equal(parse_bytes(p_alpn_ee, TLS_EXT_application_layer_protocol_negotiation, alpn_empty_list, 2),
                     DECODE_ERROR);
    struct tls_extension ack = {TLS_EXT_server_name, {alpn_empty_list, 2}};
    assert_int_equal(tls_ext_empty_parse(&ack, &err), DECODE_ERROR);
    ack.extension_data.len = 0;
    err = (struct tls_error){0};
    assert_int_equal(tls_ext_empty_parse(&ack, &err), TLS_OK);
    /* server_name with a NameType other than host_name(0). */
    const uint8_t sni_type1[] = {0x00, 0x04, 0x01, 0x00, 0x01, 'a'};
    assert_int_equal(parse_bytes(p_server_name, TLS_EXT_server_name, sni_type1, 6), ILLEGAL_PARAMETER);
    /* supported_versions<2..254> and uint16 lists of odd length. */
    const uint8_t odd_list[] = {0x00, 0x03, 0x00, 0x1d, 0x00};
    assert_int_equal(parse_bytes(p_groups, TLS_EXT_supported_groups, odd_list, 5), DECODE_ERROR);
    const uint8_t versions_one[] = {0x01, 0x03};
    assert_int_equal(parse_bytes(p_versions_ch, TLS_EXT_supported_versions, versions_one, 2), DECODE_ERROR);
    /* psk_key_exchange_modes<1..255>. */
    const uint8_t no_modes[] = {0x00};
    assert_int_equal(parse_bytes(p_modes, TLS_EXT_psk_key_exchange_modes, no_modes, 1), DECODE_ERROR);
}

/* key_share and pre_shared_key: the rules inside their lists. */
static void key_share_and_pre_shared_key_rules(void **state)
{
    (void)state;
    static struct tls_key_share_client_hello ks;
    static struct tls_offered_psks psks;
    struct tls_error err = {0};
    /* key_share: the same group twice, an empty key_exchange, more than 8 shares. */
    const uint8_t same_group[] = {0x00, 0x0a, 0x00, 0x1d, 0x00, 0x01, 0xaa, 0x00, 0x1d, 0x00, 0x01, 0xbb};
    struct tls_extension x = {TLS_EXT_key_share, {same_group, sizeof(same_group)}};
    assert_int_equal(tls_ext_key_share_parse_ch(&x, &ks, &err), ILLEGAL_PARAMETER);
    const uint8_t empty_kx[] = {0x00, 0x1d, 0x00, 0x00};
    x.extension_data = (struct tls_bytes){empty_kx, 4};
    struct tls_key_share_entry e;
    err = (struct tls_error){0};
    assert_int_equal(tls_ext_key_share_parse_sh(&x, &e, &err), DECODE_ERROR);
    uint8_t nine[2 + 9 * 5];
    nine[0] = 0;
    nine[1] = 9 * 5;
    for (size_t i = 0; i < 9; i++) {
        const uint8_t entry[5] = {0x01, (uint8_t)i, 0x00, 0x01, 0x00};
        memcpy(nine + 2 + 5 * i, entry, 5);
    }
    x.extension_data = (struct tls_bytes){nine, sizeof(nine)};
    err = (struct tls_error){0};
    assert_int_equal(tls_ext_key_share_parse_ch(&x, &ks, &err), DECODE_ERROR);
    /* psk_key_exchange_modes<1..255>. */
    /* OfferedPsks: one identity with two binders; a 31-byte binder. */
    uint8_t psk[2 + 7 + 2 + 2 * 33];
    const uint8_t id[] = {0x00, 0x07, 0x00, 0x01, 0x42, 0, 0, 0, 0};
    memcpy(psk, id, sizeof(id));
    psk[9] = 0;
    psk[10] = 66;
    for (size_t i = 0; i < 2; i++) {
        psk[11 + 33 * i] = 32;
        memset(psk + 12 + 33 * i, 0xbb, 32);
    }
    x = (struct tls_extension){TLS_EXT_pre_shared_key, {psk, sizeof(psk)}};
    err = (struct tls_error){0};
    assert_int_equal(tls_ext_pre_shared_key_parse_ch(&x, &psks, &err), ILLEGAL_PARAMETER);
    psk[10] = 33; /* one binder: now consistent */
    x.extension_data.len = 2 + 7 + 2 + 33;
    err = (struct tls_error){0};
    assert_int_equal(tls_ext_pre_shared_key_parse_ch(&x, &psks, &err), TLS_OK);
    assert_int_equal(psks.count, 1);
    assert_int_equal(psks.binders_raw.len, 2 + 33);
    assert_ptr_equal(psks.binders_raw.data, psk + 9);
    psk[11] = 31; /* PskBinderEntry<32..255> */
    err = (struct tls_error){0};
    assert_int_equal(tls_ext_pre_shared_key_parse_ch(&x, &psks, &err), DECODE_ERROR);
    size_t lens[2] = {32, 48};
    assert_int_equal(tls_psk_binders_len(lens, 2), 2 + 33 + 49);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(section_4_2_table_in_server_hello),
        cmocka_unit_test(section_4_2_table_in_hello_retry_request),
        cmocka_unit_test(section_4_2_table_in_encrypted_extensions),
        cmocka_unit_test(section_4_2_table_in_certificate_request_ticket_and_entry),
        cmocka_unit_test(extension_block_rules),
        cmocka_unit_test(each_extension_round_trips_and_rejects_truncation),
        cmocka_unit_test(extension_specific_rules),
        cmocka_unit_test(key_share_and_pre_shared_key_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
