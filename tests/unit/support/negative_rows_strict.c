/*
 * negative_rows_strict.c — the rules of issue 14, "checked to the letter, as the strictest
 * clients do": tests/negative-tests-extra.md lists each ID (CRT-08.., SIG-, EXT-, HRR-13, OK-11..).
 *
 *   CRT-08  extendedKeyUsage (RFC 5280 §4.2.1.12), leaf and intermediates
 *   CRT-09  keyUsage digitalSignature on the leaf (RFC 8446 §4.4.2.2)
 *   CRT-10  server names (RFC 9525: subjectAltName only, wildcard rules, IP addresses)
 *   CRT-11  certificate order (§4.4.2: leaf first, the rest in any order, extraneous ignored)
 *   SIG-01  DER, not BER, for ECDSA signatures (§4.2.3, RFC 3279 §2.2.3)
 *   EXT-01..05  the §4.2 table in CertificateRequest, CertificateEntry, NewSessionTicket, HRR
 *   HRR-13  a cookie too long to echo
 *   OK-11..17  the must-accept twins
 *
 * The chains are the strict-* certificates of tests/vectors/certs (tests/vectors/README.md): root
 * "tls13 strict test root CA" -> intermediate 1 -> intermediate 2 -> leaves for
 * strict.tls13.test, all leaves with one RSA-2048 key kept in the vectors (strict-leaf.key) so
 * that a must-accept row can re-sign CertificateVerify with it (negative_sign.c). The ECDSA leaf's
 * key was deleted: its one CertificateVerify signature was made over this file's transcript once
 * (strict-cv-ecdsa.sig, see the README) and SIG-01 re-encodes it.
 */
#include "support/negative_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "support/testutil.h"

enum { EXT_server_name = 0, EXT_supported_groups = 10, EXT_status_request = 5, EXT_key_share = 51,
       EXT_supported_versions = 43, EXT_early_data = 42, EXT_cookie = 44,
       EXT_certificate_authorities = 47, EXT_signature_algorithms_cert = 50 };

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16);
    put16(p + 1, v);
}

/* Replaces the Certificate with certs/<files> in this order; exts[i] (raw block, may be NULL)
 * goes on entry i. */
static void chain_ext(struct neg_server *s, const char *const *files, size_t n,
                      const uint8_t *const *exts, const size_t *exts_len)
{
    static uint8_t body[NEG_MSG_CAP];
    size_t len = 4; /* context<0>, certificate_list length */
    body[0] = 0;
    for (size_t i = 0; i < n; i++) {
        char path[96];
        size_t der_len;
        snprintf(path, sizeof(path), "certs/%s", files[i]);
        uint8_t *der = test_read_vector_file(path, &der_len);
        size_t e_len = exts != NULL ? exts_len[i] : 0;
        assert_true(len + 3 + der_len + 2 + e_len <= sizeof(body));
        put24(body + len, der_len);
        memcpy(body + len + 3, der, der_len);
        put16(body + len + 3 + der_len, e_len);
        if (e_len > 0) {
            memcpy(body + len + 3 + der_len + 2, exts[i], e_len);
        }
        len += 3 + der_len + 2 + e_len;
        free(der);
    }
    put24(body + 1, len - 4);
    neg_set(&s->msg[NEG_CERT], 11, body, len);
}

static void chain(struct neg_server *s, const char *const *files, size_t n)
{
    chain_ext(s, files, n, NULL, NULL);
}

/* A chain the client will accept: CertificateVerify re-signed with the strict leaf key. */
static void chain_signed(struct neg_server *s, const char *const *files, size_t n)
{
    chain(s, files, n);
    neg_resign_certificate_verify_strict(s);
    s->fix_finished = true;
}

#define CHAIN(s, ...)                                              \
    do {                                                           \
        static const char *const files_[] = {__VA_ARGS__};         \
        chain(s, files_, sizeof(files_) / sizeof(files_[0]));       \
    } while (0)
#define CHAIN_SIGNED(s, ...)                                       \
    do {                                                           \
        static const char *const files_[] = {__VA_ARGS__};         \
        chain_signed(s, files_, sizeof(files_) / sizeof(files_[0])); \
    } while (0)

#define INT2 "strict-int2.der"
#define INT1 "strict-int1.der"

/* ---- CRT-08: extendedKeyUsage ------------------------------------------------------------------ */

static void crt08_leaf_client_auth_only(struct neg_server *s)
{
    CHAIN(s, "strict-leaf-eku-client.der", INT2, INT1);
}

static void crt08_intermediate_client_auth_only(struct neg_server *s)
{
    CHAIN(s, "strict-leaf-under-int-client.der", "strict-int-client.der");
}

static void ok11_eku_server_and_client_auth(struct neg_server *s)
{
    CHAIN_SIGNED(s, "strict-leaf-eku-both.der", INT2, INT1);
}

static void ok11_eku_any(struct neg_server *s)
{
    CHAIN_SIGNED(s, "strict-leaf-eku-any.der", INT2, INT1);
}

/* ---- CRT-09: keyUsage ----------------------------------------------------------------------------- */

static void crt09_ku_without_digital_signature(struct neg_server *s)
{
    CHAIN(s, "strict-leaf-ku-no-ds.der", INT2, INT1);
}

static void ok12_strict_chain_in_order(struct neg_server *s)
{
    CHAIN_SIGNED(s, "strict-leaf.der", INT2, INT1);
}

/* ---- CRT-10: names ---------------------------------------------------------------------------------- */

static void crt10_cn_only(struct neg_server *s)
{
    CHAIN(s, "strict-leaf-cn-only.der", INT2, INT1);
}

/* strict-leaf-names: DNS *.wild.tls13.test, f*.partial.tls13.test, *.*.double.tls13.test,
 * a.*.inner.tls13.test, 127.0.0.2 (as a DNS name), IP 127.0.0.1 and ::1. Each row below sets the
 * reference identifier the client checks (s->server_name). */
static void names_leaf(struct neg_server *s)
{
    CHAIN(s, "strict-leaf-names.der", INT2, INT1);
}

static void names_leaf_signed(struct neg_server *s)
{
    CHAIN_SIGNED(s, "strict-leaf-names.der", INT2, INT1);
}

static void crt10_wildcard_two_labels(struct neg_server *s)
{
    names_leaf(s);
    s->server_name = "a.b.wild.tls13.test";
}

static void crt10_wildcard_no_label(struct neg_server *s)
{
    names_leaf(s);
    s->server_name = "wild.tls13.test";
}

static void crt10_partial_wildcard(struct neg_server *s)
{
    names_leaf(s);
    s->server_name = "foo.partial.tls13.test";
}

static void crt10_two_wildcards(struct neg_server *s)
{
    names_leaf(s);
    s->server_name = "a.b.double.tls13.test";
}

static void crt10_wildcard_not_leftmost(struct neg_server *s)
{
    names_leaf(s);
    s->server_name = "a.b.inner.tls13.test";
}

static void crt10_dns_id_for_ip(struct neg_server *s)
{
    names_leaf(s);
    s->server_name = "127.0.0.2";
}

static void ok13_wildcard_one_label(struct neg_server *s)
{
    names_leaf_signed(s);
    s->server_name = "A.Wild.tls13.test";
}

static void ok13_ipv4(struct neg_server *s)
{
    names_leaf_signed(s);
    s->server_name = "127.0.0.1";
}

static void ok13_ipv6(struct neg_server *s)
{
    names_leaf_signed(s);
    s->server_name = "0:0:0:0:0:0:0:1";
}

/* ---- CRT-11: order ----------------------------------------------------------------------------------- */

static void ok14_intermediates_reversed(struct neg_server *s)
{
    CHAIN_SIGNED(s, "strict-leaf.der", INT1, INT2);
}

static void ok14_extraneous_certificates(struct neg_server *s)
{
    CHAIN_SIGNED(s, "strict-leaf.der", "other-ca.der", INT1, "strict-int-client.der", INT2);
}

static void crt11_leaf_not_first(struct neg_server *s)
{
    CHAIN(s, INT2, "strict-leaf.der", INT1);
}

/* ---- SIG-01: DER, not BER ------------------------------------------------------------------------- */

/* The ECDSA leaf alone, and its one signature (DER, as openssl made it) over this transcript. */
static size_t ecdsa_leaf_and_signature(struct neg_server *s, uint8_t *sig, size_t cap)
{
    CHAIN(s, "strict-leaf-ecdsa.der");
    size_t len;
    uint8_t *der = test_read_vector_file("certs/strict-cv-ecdsa.sig", &len);
    assert_true(len <= cap);
    memcpy(sig, der, len);
    free(der);
    s->fix_finished = true;
    return len;
}

/* Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } with r's INTEGER given one more leading
 * 0x00 octet: the same (r, s), a valid BER encoding, not DER (X.690 §8.3.2). */
static size_t ber_non_minimal_r(const uint8_t *der, size_t len, uint8_t *out)
{
    assert_true(der[0] == 0x30 && der[1] < 0x7f && der[2] == 0x02 && len == (size_t)der[1] + 2);
    out[0] = 0x30;
    out[1] = (uint8_t)(der[1] + 1);
    out[2] = 0x02;
    out[3] = (uint8_t)(der[3] + 1);
    out[4] = 0x00;
    memcpy(out + 5, der + 4, len - 4);
    return len + 1;
}

static void ok15_ecdsa_der(struct neg_server *s)
{
    uint8_t sig[80];
    size_t len = ecdsa_leaf_and_signature(s, sig, sizeof(sig));
    neg_set_certificate_verify(s, 0x0403, sig, len); /* ecdsa_secp256r1_sha256 */
}

static void sig01_ecdsa_non_minimal_integer(struct neg_server *s)
{
    uint8_t sig[80], ber[81];
    size_t len = ecdsa_leaf_and_signature(s, sig, sizeof(sig));
    neg_set_certificate_verify(s, 0x0403, ber, ber_non_minimal_r(sig, len, ber));
}

static void sig01_ecdsa_long_form_length(struct neg_server *s)
{
    uint8_t sig[80], ber[81];
    size_t len = ecdsa_leaf_and_signature(s, sig, sizeof(sig));
    /* SEQUENCE length in long form (81 xx) where the short form fits */
    ber[0] = 0x30;
    ber[1] = 0x81;
    memcpy(ber + 2, sig + 1, len - 1);
    neg_set_certificate_verify(s, 0x0403, ber, len + 1);
}

static void sig01_ecdsa_trailing_byte(struct neg_server *s)
{
    uint8_t sig[81];
    size_t len = ecdsa_leaf_and_signature(s, sig, sizeof(sig) - 1);
    sig[len] = 0x00;
    neg_set_certificate_verify(s, 0x0403, sig, len + 1);
}

/* ---- EXT: the §4.2 table --------------------------------------------------------------------------- */

static void insert_cr(struct neg_server *s, const uint8_t *extra, size_t extra_len)
{
    /* context<0>, extensions: signature_algorithms {rsa_pss_rsae_sha256} + extra */
    uint8_t body[64] = {0x00, 0x00, 0x00, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04};
    size_t len = 11;
    memcpy(body + len, extra, extra_len);
    len += extra_len;
    put16(body + 1, len - 3);
    struct neg_msg m;
    neg_set(&m, 13, body, len);
    neg_insert(s, NEG_CERT, m.b, m.len);
}

static void ext01_cr_key_share(struct neg_server *s)
{
    static const uint8_t ks[] = {0x00, EXT_key_share, 0x00, 0x02, 0x00, 0x1d};
    insert_cr(s, ks, sizeof(ks));
}

static void ext01_cr_supported_versions(struct neg_server *s)
{
    static const uint8_t sv[] = {0x00, EXT_supported_versions, 0x00, 0x02, 0x03, 0x04};
    insert_cr(s, sv, sizeof(sv));
}

static void ext01_cr_early_data(struct neg_server *s)
{
    static const uint8_t ed[] = {0x00, EXT_early_data, 0x00, 0x00};
    insert_cr(s, ed, sizeof(ed));
}

/* Must-accept: the CR-only extensions the table allows (certificate_authorities with one name,
 * signature_algorithms_cert); the client answers with an empty Certificate and Finished. */
static void ok16_cr_allowed_extensions(struct neg_server *s)
{
    static const uint8_t allowed[] = {0x00, EXT_signature_algorithms_cert, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04,
                                      0x00, EXT_certificate_authorities, 0x00, 0x06, 0x00, 0x04, 0x00, 0x02, 0x30, 0x00};
    insert_cr(s, allowed, sizeof(allowed));
    neg_resign_certificate_verify(s, true);
    s->fix_finished = true;
}

/* RFC 8448's certificate twice, the second entry with `ext` (OK-10 style). */
static void second_entry_with(struct neg_server *s, const uint8_t *ext, size_t len)
{
    struct neg_msg *m = &s->msg[NEG_CERT];
    static uint8_t entry[NEG_MSG_CAP];
    size_t entry_len = m->len - 8; /* cert_data<3> .. extensions<2>: after context and list length */
    memcpy(entry, m->b + 8, entry_len);
    put16(entry + entry_len - 2, len);
    memcpy(entry + entry_len, ext, len);
    entry_len += len;
    size_t list = (size_t)(m->b[5] << 16 | m->b[6] << 8 | m->b[7]) + entry_len;
    neg_splice(m, m->len, 0, entry, entry_len);
    put24(m->b + 5, list);
}

static void ext02_intermediate_key_share(struct neg_server *s)
{
    static const uint8_t ks[] = {0x00, EXT_key_share, 0x00, 0x02, 0x00, 0x1d};
    second_entry_with(s, ks, sizeof(ks));
}

static void ext02_intermediate_supported_groups(struct neg_server *s)
{
    static const uint8_t sg[] = {0x00, EXT_supported_groups, 0x00, 0x04, 0x00, 0x02, 0x00, 0x1d};
    second_entry_with(s, sg, sizeof(sg));
}

/* server_name was offered (RFC 8448's ClientHello has it), so the unsolicited rule passes and
 * the table decides: not for CT. */
static void ext03_leaf_server_name(struct neg_server *s)
{
    struct neg_msg *m = &s->msg[NEG_CERT];
    static const uint8_t sn[] = {0x00, 0x04, 0x00, EXT_server_name, 0x00, 0x00};
    /* the only entry's extensions<2> are the last 2 bytes of the message (empty) */
    neg_splice(m, m->len - 2, 2, sn, sizeof(sn));
    size_t list = (size_t)(m->b[5] << 16 | m->b[6] << 8 | m->b[7]) + 4;
    put24(m->b + 5, list);
}

static void post_nst(struct neg_server *s, const uint8_t *ext, size_t len)
{
    /* lifetime 30 s, age_add, nonce<1>, ticket<2>, extensions */
    uint8_t body[64] = {0, 0, 0, 30, 1, 2, 3, 4, 1, 0, 0, 2, 0xaa, 0xbb};
    size_t n = 14;
    put16(body + n, len);
    memcpy(body + n + 2, ext, len);
    n += 2 + len;
    struct neg_msg m;
    neg_set(&m, 4, body, n);
    neg_post(s, 22, m.b, m.len);
}

static void ext04_nst_key_share(struct neg_server *s)
{
    static const uint8_t ks[] = {0x00, EXT_key_share, 0x00, 0x02, 0x00, 0x1d};
    post_nst(s, ks, sizeof(ks));
}

static void ext04_nst_supported_versions(struct neg_server *s)
{
    static const uint8_t sv[] = {0x00, EXT_supported_versions, 0x00, 0x02, 0x03, 0x04};
    post_nst(s, sv, sizeof(sv));
}

static void ext05_hrr_supported_groups(struct neg_server *s)
{
    static const uint8_t sg[] = {0x00, 0x02, 0x00, 0x17};
    neg_ext_add(&s->hrr, neg_hello_extensions_at(&s->hrr), EXT_supported_groups, sg, sizeof(sg));
}

static void ext05_hrr_server_name(struct neg_server *s)
{
    static const uint8_t empty[1] = {0};
    neg_ext_add(&s->hrr, neg_hello_extensions_at(&s->hrr), EXT_server_name, empty, 0);
}

/* ---- cookies ---------------------------------------------------------------------------------------- */

/* Offset of the extensions block of a ClientHello message (RFC 8446 §4.1.2). */
static size_t client_hello_extensions_at(const struct neg_msg *m)
{
    size_t at = 4 + 2 + 32;
    at += 1 + m->b[at];                               /* legacy_session_id<0..32> */
    at += 2 + (size_t)(m->b[at] << 8 | m->b[at + 1]); /* cipher_suites<2..2^16-2> */
    at += 1 + m->b[at];                               /* legacy_compression_methods<1..2^8-1> */
    return at;
}

/* Frames the §5 flight with the HRR cut into records of at most 2^14 bytes (§5.1). */
static void frame_with_long_hrr(struct neg_server *s, const uint8_t *hrr, size_t len)
{
    for (size_t at = 0; at < len; at += 16384) {
        neg_plain(s, 22, hrr + at, len - at < 16384 ? len - at : 16384);
    }
    s->framed = true;
}

/* OK-17: a 16 KiB cookie. The client (a template replay, so it writes the cookie itself) must
 * send RFC 8448's ClientHello2 with this cookie in place of the recorded one, byte for byte:
 * the harness's transcript uses exactly that ClientHello2, so any other byte makes the keys
 * differ and the handshake fail. */
static void ok17_cookie_16k(struct neg_server *s)
{
    static uint8_t cookie[2 + 16384];
    put16(cookie, 16384);
    for (size_t i = 0; i < 16384; i++) {
        cookie[2 + i] = (uint8_t)(i * 7 + 1);
    }
    neg_ext_set(&s->hrr, neg_hello_extensions_at(&s->hrr), EXT_cookie, cookie, sizeof(cookie));
    neg_ext_set(&s->ch[1], client_hello_extensions_at(&s->ch[1]), EXT_cookie, cookie, sizeof(cookie));
    /* the transcript changed: a new CertificateVerify and Finished over it */
    neg_resign_certificate_verify(s, true);
    neg_recompute_finished(s);
    frame_with_long_hrr(s, s->hrr.b, s->hrr.len);
    static uint8_t flight[NEG_MAX_MSGS * NEG_MSG_CAP];
    neg_plain(s, 22, s->msg[0].b, s->msg[0].len);
    neg_protected(s, 22, flight, neg_concat(s, 1, s->count, flight), 0);
}

/* HRR-13: a cookie that fits in the HelloRetryRequest (and in our 64 KiB message bound) but not
 * in ClientHello2's extensions<8..2^16-1> next to the other extensions. */
static void hrr13_cookie_too_long_to_echo(struct neg_server *s)
{
    enum { COOKIE = 65400 };
    static uint8_t hrr[4 + COOKIE + 256];
    size_t at = neg_hello_extensions_at(&s->hrr);
    size_t cookie_at = neg_ext_find(&s->hrr, at, EXT_cookie);
    size_t old = 4 + 2 + (size_t)(s->hrr.b[cookie_at + 4] << 8 | s->hrr.b[cookie_at + 5]);
    /* copy up to the cookie, a new cookie, then the rest; fix the three lengths */
    memcpy(hrr, s->hrr.b, cookie_at);
    size_t n = cookie_at;
    put16(hrr + n, EXT_cookie);
    put16(hrr + n + 2, 2 + COOKIE);
    put16(hrr + n + 4, COOKIE);
    memset(hrr + n + 6, 0xc5, COOKIE);
    n += 6 + COOKIE;
    memcpy(hrr + n, s->hrr.b + cookie_at + old, s->hrr.len - cookie_at - old);
    n += s->hrr.len - cookie_at - old;
    put16(hrr + at, n - at - 2);
    put24(hrr + 1, n - 4);
    frame_with_long_hrr(s, hrr, n);
}

/* ---- the rows ---------------------------------------------------------------------------------------- */

#define STRICT(id, what, fn, alert) \
    {id, what, NEG_BASE_S3, fn, NEG_HS_ALERT, TLS_ALERT_##alert, NEG_TRUST_STRICT}
#define STRICT_OK(id, what, fn) {id, what, NEG_BASE_S3, fn, NEG_ACCEPT, 0, NEG_TRUST_STRICT}
#define FLIGHT(id, what, fn, alert) {id, what, NEG_BASE_S3, fn, NEG_HS_ALERT, TLS_ALERT_##alert, 0}
#define POST(id, what, fn, alert) \
    {id, what, NEG_BASE_S3, fn, NEG_APP_ALERT, TLS_ALERT_##alert, NEG_AFTER_HANDSHAKE}

const struct neg_row neg_rows_strict[] = {
    /* RFC 5280 §4.2.1.12; unsupported_certificate (x509.c verdict_to_alert says why). */
    STRICT("CRT-08", "leaf extendedKeyUsage clientAuth only", crt08_leaf_client_auth_only, unsupported_certificate),
    STRICT("CRT-08", "intermediate extendedKeyUsage clientAuth only", crt08_intermediate_client_auth_only, unsupported_certificate),
    STRICT_OK("OK-11", "leaf extendedKeyUsage serverAuth + clientAuth", ok11_eku_server_and_client_auth),
    STRICT_OK("OK-11", "leaf extendedKeyUsage anyExtendedKeyUsage", ok11_eku_any),
    /* RFC 8446 §4.4.2.2: digitalSignature MUST be set if keyUsage is present. */
    STRICT("CRT-09", "leaf keyUsage keyEncipherment without digitalSignature", crt09_ku_without_digital_signature, unsupported_certificate),
    STRICT_OK("OK-12", "strict chain in order (keyUsage digitalSignature, serverAuth)", ok12_strict_chain_in_order),
    /* RFC 9525 §6: no CN-ID; wildcards only as the whole left-most label; IP vs DNS. */
    STRICT("CRT-10", "no subjectAltName, subject CN is the server name", crt10_cn_only, bad_certificate),
    STRICT("CRT-10", "*.wild.tls13.test for a.b.wild.tls13.test (two labels)", crt10_wildcard_two_labels, bad_certificate),
    STRICT("CRT-10", "*.wild.tls13.test for wild.tls13.test (no label)", crt10_wildcard_no_label, bad_certificate),
    STRICT("CRT-10", "partial wildcard f*.partial.tls13.test for foo.partial.tls13.test", crt10_partial_wildcard, bad_certificate),
    STRICT("CRT-10", "*.*.double.tls13.test for a.b.double.tls13.test", crt10_two_wildcards, bad_certificate),
    STRICT("CRT-10", "a.*.inner.tls13.test for a.b.inner.tls13.test", crt10_wildcard_not_leftmost, bad_certificate),
    STRICT("CRT-10", "dNSName 127.0.0.2 for the IP address 127.0.0.2", crt10_dns_id_for_ip, bad_certificate),
    STRICT_OK("OK-13", "*.wild.tls13.test for A.Wild.tls13.test", ok13_wildcard_one_label),
    STRICT_OK("OK-13", "iPAddress 127.0.0.1 for 127.0.0.1", ok13_ipv4),
    STRICT_OK("OK-13", "iPAddress ::1 for 0:0:0:0:0:0:0:1", ok13_ipv6),
    /* §4.4.2: "arbitrary orderings ... with the exception of the end-entity certificate". */
    STRICT_OK("OK-14", "intermediates in reverse order", ok14_intermediates_reversed),
    STRICT_OK("OK-14", "extraneous certificates among the intermediates", ok14_extraneous_certificates),
    STRICT("CRT-11", "intermediate first, leaf second: the CA certificate cannot sign (keyUsage)", crt11_leaf_not_first, unsupported_certificate),
    /* §4.4.3: a signature that is not in its one encoding does not verify: decrypt_error. */
    FLIGHT("SIG-01", "ECDSA signature with a non-minimal INTEGER (BER)", sig01_ecdsa_non_minimal_integer, decrypt_error),
    FLIGHT("SIG-01", "ECDSA signature with a long-form SEQUENCE length (BER)", sig01_ecdsa_long_form_length, decrypt_error),
    FLIGHT("SIG-01", "ECDSA signature followed by a 0x00 byte", sig01_ecdsa_trailing_byte, decrypt_error),
    {"OK-15", "the same ECDSA signature in DER", NEG_BASE_S3, ok15_ecdsa_der, NEG_ACCEPT, 0, 0},
    /* §4.2: "...not specified for the message in which it appears ... illegal_parameter". */
    FLIGHT("EXT-01", "key_share in CertificateRequest", ext01_cr_key_share, illegal_parameter),
    FLIGHT("EXT-01", "supported_versions in CertificateRequest", ext01_cr_supported_versions, illegal_parameter),
    FLIGHT("EXT-01", "early_data in CertificateRequest", ext01_cr_early_data, illegal_parameter),
    {"OK-16", "CertificateRequest with signature_algorithms_cert and certificate_authorities", NEG_BASE_S3, ok16_cr_allowed_extensions, NEG_ACCEPT, 0, 0},
    FLIGHT("EXT-02", "key_share on a non-leaf CertificateEntry", ext02_intermediate_key_share, illegal_parameter),
    FLIGHT("EXT-02", "supported_groups on a non-leaf CertificateEntry", ext02_intermediate_supported_groups, illegal_parameter),
    FLIGHT("EXT-03", "server_name (offered) on the leaf CertificateEntry", ext03_leaf_server_name, illegal_parameter),
    POST("EXT-04", "key_share in NewSessionTicket", ext04_nst_key_share, illegal_parameter),
    POST("EXT-04", "supported_versions in NewSessionTicket", ext04_nst_supported_versions, illegal_parameter),
    {"EXT-05", "supported_groups (offered) in HelloRetryRequest", NEG_BASE_S5, ext05_hrr_supported_groups, NEG_PLAIN_ALERT, TLS_ALERT_illegal_parameter, 0},
    {"EXT-05", "server_name (offered) in HelloRetryRequest", NEG_BASE_S5, ext05_hrr_server_name, NEG_PLAIN_ALERT, TLS_ALERT_illegal_parameter, 0},
    /* §4.2.2 cookie<1..2^16-1>, echoed whole (template replay: the client writes the cookie). */
    {"OK-17", "16 KiB HelloRetryRequest cookie echoed byte for byte", NEG_BASE_S5, ok17_cookie_16k, NEG_ACCEPT, 0, NEG_TEMPLATE},
    {"HRR-13", "65400-byte cookie: too long to echo in ClientHello2", NEG_BASE_S5, hrr13_cookie_too_long_to_echo, NEG_PLAIN_ALERT, TLS_ALERT_illegal_parameter, NEG_TEMPLATE},
};
const size_t neg_rows_strict_count = sizeof(neg_rows_strict) / sizeof(neg_rows_strict[0]);
