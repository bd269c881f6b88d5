/*
 * test_crypto_x509_strict.c — the certificate and signature rules of issue 14, one level below
 * the scripted-server rows (tests/negative-tests-extra.md): src/crypto/x509.c and x509_name.c
 * called directly.
 *
 *   usages     RFC 5280 §4.2.1.12 extendedKeyUsage (leaf and intermediates), RFC 8446 §4.4.2.2
 *              keyUsage digitalSignature                      -> unsupported_certificate
 *   order      RFC 8446 §4.4.2: leaf first, the rest in any order, extraneous ones ignored
 *   names      RFC 9525 §6: subjectAltName only (no CN), wildcards, IP addresses
 *   encodings  DER Ecdsa-Sig-Value (RFC 3279 §2.2.3) in CertificateVerify (decrypt_error) and in
 *              certificates (bad_certificate); RSA signatures exactly as long as the modulus
 *
 * The certificates are the strict-* ones of tests/vectors/certs (see tests/vectors/README.md).
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "crypto/x509.h"
#include "crypto/x509_name.h"

#define UNSUPPORTED TLS_E_ALERT(TLS_ALERT_unsupported_certificate)
#define BAD_CERTIFICATE TLS_E_ALERT(TLS_ALERT_bad_certificate)
#define DECRYPT_ERROR TLS_E_ALERT(TLS_ALERT_decrypt_error)

struct file {
    uint8_t *data;
    size_t len;
};

static struct file load(const char *name)
{
    char path[128];
    struct file f;
    snprintf(path, sizeof(path), "certs/%s", name);
    f.data = test_read_vector_file(path, &f.len);
    return f;
}

static struct tls_trust *strict_trust(void)
{
    struct file f = load("strict-ca.pem");
    struct tls_trust *trust = NULL;
    assert_int_equal(tls_trust_create(&trust, f.data, f.len, NULL), TLS_OK);
    free(f.data);
    return trust;
}

/* Verifies the chain of files (NULL-terminated, leaf first) for host; the reason goes to *reason. */
static tls_result verify_files(const char *const *files, const char *host, const char **reason)
{
    struct tls_trust *trust = strict_trust();
    struct file f[8];
    const uint8_t *certs[8];
    size_t lens[8], n = 0;
    for (; files[n] != NULL; n++) {
        f[n] = load(files[n]);
        certs[n] = f[n].data;
        lens[n] = f[n].len;
    }
    struct tls_peer_key key;
    struct tls_error err = {0};
    tls_result rc = tls_x509_verify_chain(trust, certs, lens, n, host, &key, &err);
    *reason = err.reason != NULL ? err.reason : "";
    for (size_t i = 0; i < n; i++) {
        free(f[i].data);
    }
    tls_trust_free(trust);
    return rc;
}

#define VERIFY(want, host, ...)                                                              \
    do {                                                                                     \
        static const char *const files_[] = {__VA_ARGS__, NULL};                             \
        const char *reason_;                                                                 \
        tls_result rc_ = verify_files(files_, host, &reason_);                               \
        if (rc_ != (want)) {                                                                 \
            fail_msg("%s for %s: 0x%x, want 0x%x (%s)", files_[0], host, (unsigned)rc_,      \
                     (unsigned)(want), reason_);                                             \
        }                                                                                    \
    } while (0)

#define INT2 "strict-int2.der"
#define INT1 "strict-int1.der"
#define HOST "strict.tls13.test"

static void extended_key_usage(void **state)
{
    (void)state;
    VERIFY(TLS_OK, HOST, "strict-leaf.der", INT2, INT1);
    VERIFY(UNSUPPORTED, HOST, "strict-leaf-eku-client.der", INT2, INT1);
    VERIFY(TLS_OK, HOST, "strict-leaf-eku-both.der", INT2, INT1);
    /* RFC 5280 §4.2.1.12 anyExtendedKeyUsage (OpenSSL's sslserver purpose refuses it; the RFC
     * and mbedtls accept it) */
    VERIFY(TLS_OK, HOST, "strict-leaf-eku-any.der", INT2, INT1);
    /* an intermediate whose EKU lists only clientAuth constrains the whole path */
    VERIFY(UNSUPPORTED, HOST, "strict-leaf-under-int-client.der", "strict-int-client.der");
    const char *files[] = {"strict-leaf-eku-client.der", INT2, INT1, NULL};
    const char *reason;
    verify_files(files, HOST, &reason);
    assert_non_null(strstr(reason, "RFC 5280 §4.2.1.12"));
}

static void key_usage(void **state)
{
    (void)state;
    VERIFY(UNSUPPORTED, HOST, "strict-leaf-ku-no-ds.der", INT2, INT1);
    const char *files[] = {"strict-leaf-ku-no-ds.der", INT2, INT1, NULL};
    const char *reason;
    verify_files(files, HOST, &reason);
    assert_non_null(strstr(reason, "RFC 8446 §4.4.2.2"));
    /* the intermediates' keyUsage (keyCertSign only) is not the leaf's rule */
    VERIFY(TLS_OK, HOST, "strict-leaf.der", INT2, INT1);
}

static void certificate_order(void **state)
{
    (void)state;
    VERIFY(TLS_OK, HOST, "strict-leaf.der", INT1, INT2);
    VERIFY(TLS_OK, HOST, "strict-leaf.der", "other-ca.der", INT1, "strict-int-client.der", INT2);
    VERIFY(TLS_OK, HOST, "strict-leaf.der", INT2, INT1, "strict-ca.der"); /* the anchor sent too */
    /* the leaf MUST be first: what comes first is taken as the leaf (here a CA certificate) */
    VERIFY(UNSUPPORTED, HOST, INT2, "strict-leaf.der", INT1);
    /* order is no excuse for a missing link */
    VERIFY(TLS_E_ALERT(TLS_ALERT_unknown_ca), HOST, "strict-leaf.der", INT2);
}

static void names_in_chains(void **state)
{
    (void)state;
    VERIFY(BAD_CERTIFICATE, HOST, "strict-leaf-cn-only.der", INT2, INT1);
    VERIFY(TLS_OK, "a.wild.tls13.test", "strict-leaf-names.der", INT2, INT1);
    VERIFY(TLS_OK, "127.0.0.1", "strict-leaf-names.der", INT2, INT1);
    VERIFY(TLS_OK, "::1", "strict-leaf-names.der", INT2, INT1);
    VERIFY(BAD_CERTIFICATE, "127.0.0.2", "strict-leaf-names.der", INT2, INT1);
    VERIFY(BAD_CERTIFICATE, "a.b.wild.tls13.test", "strict-leaf-names.der", INT2, INT1);
    VERIFY(BAD_CERTIFICATE, "foo.partial.tls13.test", "strict-leaf-names.der", INT2, INT1);
    VERIFY(BAD_CERTIFICATE, "f.partial.tls13.test", "strict-leaf-names.der", INT2, INT1);
    const char *files[] = {"strict-leaf-cn-only.der", INT2, INT1, NULL};
    const char *reason;
    verify_files(files, HOST, &reason);
    assert_non_null(strstr(reason, "RFC 9525"));
}

static bool dns(const char *reference, const char *presented)
{
    struct tls_reference_id ref;
    tls_reference_id_init(&ref, reference);
    return tls_dns_id_matches(&ref, (const uint8_t *)presented, strlen(presented));
}

static bool ip(const char *reference, const uint8_t *presented, size_t len)
{
    struct tls_reference_id ref;
    tls_reference_id_init(&ref, reference);
    return tls_ip_id_matches(&ref, presented, len);
}

static void rfc9525_matching(void **state)
{
    (void)state;
    assert_true(dns("www.example.com", "www.example.com"));
    assert_true(dns("WWW.Example.COM", "www.example.com")); /* ASCII case ignored */
    assert_true(dns("www.example.com.", "www.example.com")); /* absolute form */
    assert_false(dns("www.example.com", "www.example.co"));
    assert_false(dns("www.example.com", "ww.example.com"));
    /* §6.3: one '*', the whole left-most label, matching exactly one label */
    assert_true(dns("a.example.com", "*.example.com"));
    assert_false(dns("example.com", "*.example.com"));
    assert_false(dns(".example.com", "*.example.com"));
    assert_false(dns("a.b.example.com", "*.example.com"));
    assert_false(dns("foo.example.com", "f*.example.com"));
    assert_false(dns("foo.example.com", "*o.example.com"));
    assert_false(dns("a.b.example.com", "*.*.example.com"));
    assert_false(dns("a.b.example.com", "a.*.example.com"));
    assert_false(dns("a.example.com", "*"));
    assert_false(dns("example", "*."));
    /* §6.4: an IP reference never matches a DNS-ID, even one spelled like the address */
    assert_false(dns("192.0.2.1", "192.0.2.1"));
    assert_false(dns("192.0.2.1", "*.0.2.1"));
    static const uint8_t v4[4] = {192, 0, 2, 1};
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    assert_true(ip("192.0.2.1", v4, 4));
    assert_false(ip("192.0.2.2", v4, 4));
    assert_true(ip("2001:db8::1", v6, 16));
    assert_true(ip("2001:0db8:0:0:0:0:0:1", v6, 16));
    assert_false(ip("2001:db8::1", v4, 4));
    assert_false(ip("www.example.com", v4, 4)); /* a DNS reference never matches an IP-ID */
}

/* r's INTEGER with one more leading 0x00: the same (r, s) in BER, not DER. */
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

static tls_result verify_sig(const char *leaf_file, uint16_t scheme, const uint8_t *sig, size_t len)
{
    struct file leaf = load(leaf_file), msg = load("message.txt");
    struct tls_peer_key key;
    assert_int_equal(tls_x509_leaf_key(leaf.data, leaf.len, &key, NULL), TLS_OK);
    tls_result rc = tls_sig_verify(scheme, &key, msg.data, msg.len, sig, len, NULL);
    free(leaf.data);
    free(msg.data);
    return rc;
}

static void der_not_ber_signatures(void **state)
{
    (void)state;
    struct file der = load("ecdsa-p256-sha256.sig"), ber = load("ecdsa-p256-sha256-ber.sig");
    const uint16_t p256 = TLS_SIG_ecdsa_secp256r1_sha256;
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, der.data, der.len), TLS_OK);
    /* the vector file is the same (r, s) with a non-minimal r (tests/vectors/README.md) */
    uint8_t buf[160];
    size_t n = ber_non_minimal_r(der.data, der.len, buf);
    assert_bytes_equal(buf, n, ber.data, ber.len, "ecdsa-p256-sha256-ber.sig");
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, ber.data, ber.len), DECRYPT_ERROR);
    /* non-minimal s: s is the last INTEGER; add a 0x00 in front of its content */
    size_t s_at = 4 + der.data[3];
    memcpy(buf, der.data, s_at);
    buf[1] = (uint8_t)(der.data[1] + 1);
    buf[s_at] = 0x02;
    buf[s_at + 1] = (uint8_t)(der.data[s_at + 1] + 1);
    buf[s_at + 2] = 0x00;
    memcpy(buf + s_at + 3, der.data + s_at + 2, der.len - s_at - 2);
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, buf, der.len + 1), DECRYPT_ERROR);
    /* long-form SEQUENCE length where the short form fits */
    buf[0] = 0x30;
    buf[1] = 0x81;
    memcpy(buf + 2, der.data + 1, der.len - 1);
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, buf, der.len + 1), DECRYPT_ERROR);
    /* one byte after the SEQUENCE; the SEQUENCE alone without its last byte */
    memcpy(buf, der.data, der.len);
    buf[der.len] = 0;
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, buf, der.len + 1), DECRYPT_ERROR);
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, buf, der.len - 1), DECRYPT_ERROR);
    assert_int_equal(verify_sig("leaf-ecdsa.der", p256, buf, 0), DECRYPT_ERROR);
    free(der.data);
    free(ber.data);

    /* RSA: RFC 8017 §8.1.2 "If the length of the signature S is not k octets ... invalid" */
    struct file pss = load("rsa-pss-sha384.sig");
    const uint16_t pss384 = TLS_SIG_rsa_pss_rsae_sha384;
    assert_int_equal(verify_sig("leaf-rsa.der", pss384, pss.data, pss.len), TLS_OK);
    uint8_t longer[512] = {0};
    memcpy(longer + 1, pss.data, pss.len);
    assert_int_equal(verify_sig("leaf-rsa.der", pss384, longer, pss.len + 1), DECRYPT_ERROR);
    memcpy(longer, pss.data, pss.len);
    assert_int_equal(verify_sig("leaf-rsa.der", pss384, longer, pss.len + 1), DECRYPT_ERROR);
    free(pss.data);
}

/*
 * other-ca.der is a self-signed P-256 certificate: its signatureValue BIT STRING (at offset 314:
 * 03 49 00 <Ecdsa-Sig-Value>) is rewritten with a non-minimal r, and the outer SEQUENCE length
 * (bytes 2-3) grows by one. The certificate is otherwise unchanged.
 */
static void ber_signature_in_a_certificate(void **state)
{
    (void)state;
    struct file ca = load("other-ca.der");
    struct tls_peer_key key;
    struct tls_error err = {0};
    assert_int_equal(tls_x509_leaf_key(ca.data, ca.len, &key, &err), TLS_OK);
    enum { BITSTRING_AT = 314 };
    assert_true(ca.len == 389 && ca.data[BITSTRING_AT] == 0x03 && ca.data[BITSTRING_AT + 2] == 0x00);
    uint8_t ber[400];
    memcpy(ber, ca.data, BITSTRING_AT);
    size_t outer = (size_t)(ca.data[2] << 8 | ca.data[3]) + 1;
    ber[2] = (uint8_t)(outer >> 8);
    ber[3] = (uint8_t)outer;
    ber[BITSTRING_AT] = 0x03;
    ber[BITSTRING_AT + 1] = (uint8_t)(ca.data[BITSTRING_AT + 1] + 1);
    ber[BITSTRING_AT + 2] = 0x00;
    size_t sig_len = ca.len - BITSTRING_AT - 3;
    size_t n = ber_non_minimal_r(ca.data + BITSTRING_AT + 3, sig_len, ber + BITSTRING_AT + 3);
    size_t len = BITSTRING_AT + 3 + n;
    assert_int_equal(tls_x509_leaf_key(ber, len, &key, &err), BAD_CERTIFICATE);
    assert_non_null(strstr(err.reason, "not DER"));
    free(ca.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(extended_key_usage),
        cmocka_unit_test(key_usage),
        cmocka_unit_test(certificate_order),
        cmocka_unit_test(names_in_chains),
        cmocka_unit_test(rfc9525_matching),
        cmocka_unit_test(der_not_ber_signatures),
        cmocka_unit_test(ber_signature_in_a_certificate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
