/*
 * test_crypto_sig.c — CertificateVerify signatures (RFC 8446 §4.4.3, §4.2.3) and certificate
 * chains (§4.4.2.2, RFC 9525) in src/crypto/x509.c (the stricter rules of issue 14:
 * test_crypto_x509_strict.c).
 *
 * Part 1, RFC 8448: every CertificateVerify in the traces (§3, §5, §6 server and client, §7) is
 * verified with the key of the certificate in the Certificate message before it. The bytes are
 * read out of tests/vectors/rfc/rfc8448.txt at the cited lines; cert_data is taken out of the
 * Certificate message with the project's own bounded reader, and the signed content is built as
 * §4.4.3 says: 64 spaces, the context string, a zero byte, Transcript-Hash up to Certificate.
 *
 * Part 2, chains: a small test PKI in tests/vectors/certs (root CA -> intermediate -> RSA leaf,
 * root CA -> ECDSA P-256 leaf, an unrelated CA; made with the openssl CLI, see
 * tests/vectors/README.md) exercises the verdicts: good chain, wrong name, unknown CA, garbage.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "common/reader.h"
#include "crypto/hash.h"
#include "crypto/x509.h"
#include "support/crypto_rfc8448_text.h"

#define MSG_MAX 1024

struct cv_case {
    const char *what;
    const char *context;     /* "TLS 1.3, server CertificateVerify" or client */
    int cert_line;           /* the Certificate message whose first entry signs */
    int cv_line;             /* the CertificateVerify message */
    int hrr_client_hello1;   /* after HelloRetryRequest: ClientHello1 line, else 0 */
    int transcript[9];       /* message lines hashed, up to and including Certificate; 0 ends */
};

static const char server_ctx[] = "TLS 1.3, server CertificateVerify";
static const char client_ctx[] = "TLS 1.3, client CertificateVerify";

static const struct cv_case cv_cases[] = {
    {"RFC 8448 §3 {server} CertificateVerify (rsa_pss_rsae_sha256)", server_ctx, 382, 415, 0,
     {177, 241, 376, 382}},
    {"RFC 8448 §5 {server} CertificateVerify after HelloRetryRequest", server_ctx, 1978, 2003, 1609,
     {1656, 1710, 1828, 1973, 1978}},
    {"RFC 8448 §6 {server} CertificateVerify (ecdsa_secp256r1_sha256)", server_ctx, 2597, 2616, 0,
     {2377, 2440, 2585, 2591, 2597}},
    {"RFC 8448 §6 {client} CertificateVerify (rsa_pss_rsae_sha256)", client_ctx, 2852, 2885, 0,
     {2377, 2440, 2585, 2591, 2597, 2616, 2647, 2852}},
    {"RFC 8448 §7 {server} CertificateVerify", server_ctx, 3313, 3338, 0, {3075, 3153, 3300, 3313}},
};

/*
 * The first CertificateEntry's cert_data of a Certificate message (RFC 8446 §4.4.2):
 *   struct { opaque certificate_request_context<0..2^8-1>;
 *            CertificateEntry certificate_list<0..2^24-1>; } Certificate;
 *   struct { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; } CertificateEntry;
 */
static void first_cert_data(const uint8_t *msg, size_t len, const uint8_t **der, size_t *der_len)
{
    struct tls_reader r, ctx, list, cert;
    uint8_t type;
    uint32_t body_len;
    tls_reader_init(&r, msg, len, NULL);
    assert_int_equal(tls_read_u8(&r, &type, "Handshake.msg_type"), TLS_OK);
    assert_int_equal(type, 11);
    assert_int_equal(tls_read_u24(&r, &body_len, "Handshake.length"), TLS_OK);
    assert_int_equal(tls_read_vector(&r, 0, 0xff, &ctx, "certificate_request_context"), TLS_OK);
    assert_int_equal(tls_read_vector(&r, 0, 0xffffff, &list, "certificate_list"), TLS_OK);
    assert_int_equal(tls_read_vector(&list, 1, 0xffffff, &cert, "cert_data"), TLS_OK);
    *der = cert.data;
    *der_len = cert.len;
}

/* struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify; */
static void parse_cv(const uint8_t *msg, size_t len, uint16_t *scheme, const uint8_t **sig,
                     size_t *sig_len)
{
    struct tls_reader r, s;
    uint8_t type;
    uint32_t body_len;
    tls_reader_init(&r, msg, len, NULL);
    assert_int_equal(tls_read_u8(&r, &type, "Handshake.msg_type"), TLS_OK);
    assert_int_equal(type, 15);
    assert_int_equal(tls_read_u24(&r, &body_len, "Handshake.length"), TLS_OK);
    assert_int_equal(tls_read_u16(&r, scheme, "CertificateVerify.algorithm"), TLS_OK);
    assert_int_equal(tls_read_vector(&r, 0, 0xffff, &s, "CertificateVerify.signature"), TLS_OK);
    assert_int_equal(tls_read_end(&r, "CertificateVerify"), TLS_OK);
    *sig = s.data;
    *sig_len = s.len;
}

/* §4.4.3 content: 0x20 x 64 || context || 0x00 || Transcript-Hash(..Certificate). */
static size_t cv_content(const struct cv_case *c, uint8_t *out)
{
    static uint8_t msg[MSG_MAX];
    struct tls_hash h;
    assert_int_equal(tls_hash_init(&h, TLS_HASH_SHA256, NULL), TLS_OK);
    if (c->hrr_client_hello1 != 0) {
        /* RFC 8446 §4.4.1: message_hash || 00 00 Hash.length || Hash(ClientHello1) */
        uint8_t mh[4 + 32] = {254, 0, 0, 32};
        size_t n = rfc8448_text_value(c->hrr_client_hello1, msg, sizeof(msg));
        assert_int_equal(tls_hash(TLS_HASH_SHA256, msg, n, mh + 4, NULL), TLS_OK);
        assert_int_equal(tls_hash_update(&h, mh, sizeof(mh), NULL), TLS_OK);
    }
    for (size_t i = 0; i < 9 && c->transcript[i] != 0; i++) {
        size_t n = rfc8448_text_value(c->transcript[i], msg, sizeof(msg));
        assert_int_equal(tls_hash_update(&h, msg, n, NULL), TLS_OK);
    }
    memset(out, 0x20, 64);
    size_t ctx_len = strlen(c->context);
    memcpy(out + 64, c->context, ctx_len);
    out[64 + ctx_len] = 0x00;
    assert_int_equal(tls_hash_peek(&h, out + 64 + ctx_len + 1, NULL), TLS_OK);
    tls_hash_wipe(&h);
    return 64 + ctx_len + 1 + 32;
}

static void rfc8448_certificate_verify_signatures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cv_cases) / sizeof(cv_cases[0]); i++) {
        const struct cv_case *c = &cv_cases[i];
        static uint8_t cert_msg[MSG_MAX], cv_msg[MSG_MAX];
        uint8_t content[200], bad_sig[512];
        const uint8_t *der, *sig;
        size_t der_len, sig_len;
        uint16_t scheme;
        struct tls_peer_key key;
        struct tls_error err = {0};
        size_t cert_len = rfc8448_text_value(c->cert_line, cert_msg, sizeof(cert_msg));
        size_t cv_len = rfc8448_text_value(c->cv_line, cv_msg, sizeof(cv_msg));
        first_cert_data(cert_msg, cert_len, &der, &der_len);
        parse_cv(cv_msg, cv_len, &scheme, &sig, &sig_len);
        size_t content_len = cv_content(c, content);

        assert_int_equal(tls_x509_leaf_key(der, der_len, &key, &err), TLS_OK);
        assert_true(tls_sig_scheme_supported(scheme));
        tls_result rc = tls_sig_verify(scheme, &key, content, content_len, sig, sig_len, &err);
        if (rc != TLS_OK) {
            fail_msg("%s (lines %d, %d): does not verify: %s", c->what, c->cert_line, c->cv_line,
                     err.reason);
        }
        /* every flipped signature byte is decrypt_error (§4.4.3) */
        for (size_t at = 0; at < sig_len; at++) {
            memcpy(bad_sig, sig, sig_len);
            bad_sig[at] ^= 0x04;
            struct tls_error e2 = {0};
            assert_int_equal(tls_sig_verify(scheme, &key, content, content_len, bad_sig, sig_len, &e2),
                             TLS_E_ALERT(TLS_ALERT_decrypt_error));
        }
        /* so is a change in the signed content, or the other side's context string */
        content[content_len - 1] ^= 0x01;
        assert_int_equal(tls_sig_verify(scheme, &key, content, content_len, sig, sig_len, NULL),
                         TLS_E_ALERT(TLS_ALERT_decrypt_error));
        content[content_len - 1] ^= 0x01;
        content[64 + 9] ^= 's' ^ 'c'; /* "server" <-> "client" first letter */
        assert_int_equal(tls_sig_verify(scheme, &key, content, content_len, sig, sig_len, NULL),
                         TLS_E_ALERT(TLS_ALERT_decrypt_error));
        /* truncated signature */
        assert_int_equal(tls_sig_verify(scheme, &key, content, content_len, sig, sig_len - 1, NULL),
                         TLS_E_ALERT(TLS_ALERT_decrypt_error));
    }
}

/* A scheme that does not fit the key is illegal_parameter, before any signature math. */
static void scheme_must_match_key(void **state)
{
    (void)state;
    static uint8_t cert_msg[MSG_MAX];
    const uint8_t *der;
    size_t der_len;
    struct tls_peer_key rsa, ec;
    uint8_t sig[128] = {0}, msg[4] = {0};
    /* RFC 8448 §3 line 382: RSA 1024 server certificate; §6 line 2597: P-256 certificate */
    first_cert_data(cert_msg, rfc8448_text_value(382, cert_msg, sizeof(cert_msg)), &der, &der_len);
    assert_int_equal(tls_x509_leaf_key(der, der_len, &rsa, NULL), TLS_OK);
    first_cert_data(cert_msg, rfc8448_text_value(2597, cert_msg, sizeof(cert_msg)), &der, &der_len);
    assert_int_equal(tls_x509_leaf_key(der, der_len, &ec, NULL), TLS_OK);
    assert_int_equal(rsa.type, TLS_KEY_RSA);
    assert_int_equal(rsa.bits, 1024);
    assert_int_equal(ec.type, TLS_KEY_EC_P256);
    assert_int_equal(ec.bits, 256);

    struct tls_error err = {0};
    assert_int_equal(tls_sig_verify(TLS_SIG_ecdsa_secp256r1_sha256, &rsa, msg, 4, sig, 64, &err),
                     TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    assert_non_null(strstr(err.reason, "§4.4.3"));
    assert_int_equal(tls_sig_verify(TLS_SIG_rsa_pss_rsae_sha256, &ec, msg, 4, sig, 128, NULL),
                     TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    /* right key type, wrong curve */
    assert_int_equal(tls_sig_verify(TLS_SIG_ecdsa_secp384r1_sha384, &ec, msg, 4, sig, 64, NULL),
                     TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    /* schemes this client does not implement at all */
    assert_int_equal(tls_sig_verify(TLS_SIG_ed25519, &ec, msg, 4, sig, 64, NULL),
                     TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    assert_int_equal(tls_sig_verify(TLS_SIG_rsa_pss_pss_sha256, &rsa, msg, 4, sig, 128, NULL),
                     TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    /* what CertificateVerify may use: PSS and ECDSA yes, PKCS#1 v1.5 and SHA-1 no (§4.4.3) */
    assert_true(tls_sig_scheme_supported(TLS_SIG_rsa_pss_rsae_sha512));
    assert_true(tls_sig_scheme_supported(TLS_SIG_ecdsa_secp384r1_sha384));
    assert_false(tls_sig_scheme_supported(TLS_SIG_rsa_pkcs1_sha256));
    assert_false(tls_sig_scheme_supported(TLS_SIG_rsa_pkcs1_sha1));
    assert_false(tls_sig_scheme_supported(TLS_SIG_ed25519));
}

/* ---- Part 2: the test PKI of tests/vectors/certs ---- */

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

static struct tls_trust *trust_from(const char *name)
{
    struct file f = load(name);
    struct tls_trust *trust = NULL;
    assert_int_equal(tls_trust_create(&trust, f.data, f.len, NULL), TLS_OK);
    assert_non_null(trust);
    free(f.data);
    return trust;
}

static tls_result verify(const struct tls_trust *trust, const char *leaf, const char *intermediate,
                         const char *host, struct tls_peer_key *key, struct tls_error *err)
{
    struct file a = load(leaf);
    struct file b = intermediate != NULL ? load(intermediate) : (struct file){NULL, 0};
    const uint8_t *certs[2] = {a.data, b.data};
    size_t lens[2] = {a.len, b.len};
    tls_result rc = tls_x509_verify_chain(trust, certs, lens, intermediate != NULL ? 2 : 1, host,
                                          key, err);
    free(a.data);
    free(b.data);
    return rc;
}

static void good_chains_verify(void **state)
{
    (void)state;
    struct tls_trust *trust = trust_from("ca.pem");
    struct tls_peer_key key;
    struct tls_error err = {0};
    assert_int_equal(verify(trust, "leaf-rsa.der", "int.der", "rsa.tls13.test", &key, &err), TLS_OK);
    assert_int_equal(key.type, TLS_KEY_RSA);
    assert_int_equal(key.bits, 2048);
    assert_int_equal(verify(trust, "leaf-ecdsa.der", NULL, "ecdsa.tls13.test", &key, &err), TLS_OK);
    assert_int_equal(key.type, TLS_KEY_EC_P256);
    assert_int_equal(err.code, TLS_OK);
    tls_trust_free(trust);

    /* the anchor given as DER works the same */
    trust = trust_from("ca.der");
    assert_int_equal(verify(trust, "leaf-ecdsa.der", NULL, "ecdsa.tls13.test", &key, &err), TLS_OK);
    tls_trust_free(trust);

    /* a PEM bundle of two anchors: both are trusted */
    struct file a = load("other-ca.pem"), b = load("ca.pem");
    uint8_t *bundle = malloc(a.len + b.len);
    memcpy(bundle, a.data, a.len);
    memcpy(bundle + a.len, b.data, b.len);
    assert_int_equal(tls_trust_create(&trust, bundle, a.len + b.len, NULL), TLS_OK);
    assert_int_equal(verify(trust, "leaf-rsa.der", "int.der", "rsa.tls13.test", &key, &err), TLS_OK);
    tls_trust_free(trust);
    free(bundle);
    free(a.data);
    free(b.data);
}

static void wrong_hostname_is_bad_certificate(void **state)
{
    (void)state;
    struct tls_trust *trust = trust_from("ca.pem");
    struct tls_peer_key key;
    struct tls_error err = {0};
    assert_int_equal(verify(trust, "leaf-rsa.der", "int.der", "ecdsa.tls13.test", &key, &err),
                     TLS_E_ALERT(TLS_ALERT_bad_certificate));
    assert_non_null(strstr(err.reason, "RFC 9525"));
    /* the key is still handed back (x509.h: "in any case when the leaf parses") */
    assert_int_equal(key.type, TLS_KEY_RSA);
    struct tls_error e2 = {0};
    assert_int_equal(verify(trust, "leaf-ecdsa.der", NULL, "tls13.test", &key, &e2),
                     TLS_E_ALERT(TLS_ALERT_bad_certificate));
    tls_trust_free(trust);
}

static void unknown_ca_is_unknown_ca(void **state)
{
    (void)state;
    struct tls_trust *trust = trust_from("other-ca.pem");
    struct tls_peer_key key;
    struct tls_error err = {0};
    assert_int_equal(verify(trust, "leaf-ecdsa.der", NULL, "ecdsa.tls13.test", &key, &err),
                     TLS_E_ALERT(TLS_ALERT_unknown_ca));
    tls_trust_free(trust);
    /* the right root, but the intermediate is missing: no path either */
    trust = trust_from("ca.pem");
    struct tls_error e2 = {0};
    assert_int_equal(verify(trust, "leaf-rsa.der", NULL, "rsa.tls13.test", &key, &e2),
                     TLS_E_ALERT(TLS_ALERT_unknown_ca));
    tls_trust_free(trust);
}

/* The other verdicts of x509.h: dates and weak signature hashes (aux PKI, tests/vectors/README.md). */
static void expired_and_sha1_certificates(void **state)
{
    (void)state;
    struct tls_trust *trust = trust_from("aux-ca.pem");
    struct tls_peer_key key;
    struct tls_error err = {0};
    /* valid 2000-01-01 .. 2001-01-01 only */
    assert_int_equal(verify(trust, "leaf-expired.der", NULL, "rsa.tls13.test", &key, &err),
                     TLS_E_ALERT(TLS_ALERT_certificate_expired));
    /* RFC 8446 §4.4.2.4: a SHA-1-signed end-entity certificate is refused */
    struct tls_error e2 = {0};
    assert_int_equal(verify(trust, "leaf-sha1.der", NULL, "rsa.tls13.test", &key, &e2),
                     TLS_E_ALERT(TLS_ALERT_bad_certificate));
    assert_non_null(strstr(e2.reason, "§4.4.2.4"));
    tls_trust_free(trust);
}

static void garbage_is_bad_certificate(void **state)
{
    (void)state;
    struct tls_trust *trust = trust_from("ca.pem");
    struct tls_peer_key key;
    static const uint8_t garbage[] = {0x30, 0x82, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef};
    const uint8_t *certs[1] = {garbage};
    size_t lens[1] = {sizeof(garbage)};
    struct tls_error err = {0};
    assert_int_equal(tls_x509_verify_chain(trust, certs, lens, 1, "x", &key, &err),
                     TLS_E_ALERT(TLS_ALERT_bad_certificate));

    /* the real leaf truncated at every length, and with a trailing byte */
    struct file leaf = load("leaf-ecdsa.der");
    uint8_t *longer = malloc(leaf.len + 1);
    memcpy(longer, leaf.data, leaf.len);
    longer[leaf.len] = 0;
    for (size_t n = 0; n <= leaf.len; n++) {
        struct tls_error e = {0};
        certs[0] = longer;
        lens[0] = n == leaf.len ? n + 1 : n; /* the last round: one byte too many */
        assert_int_equal(tls_x509_verify_chain(trust, certs, lens, 1, "ecdsa.tls13.test", &key, &e),
                         TLS_E_ALERT(TLS_ALERT_bad_certificate));
    }
    /* an empty Certificate message is decode_error (§4.4.2.4) */
    struct tls_error e3 = {0};
    assert_int_equal(tls_x509_verify_chain(trust, certs, lens, 0, "x", &key, &e3),
                     TLS_E_ALERT(TLS_ALERT_decode_error));
    free(longer);
    free(leaf.data);
    tls_trust_free(trust);
    /* trust anchors that do not parse */
    struct tls_trust *none = (struct tls_trust *)&none;
    assert_int_equal(tls_trust_create(&none, garbage, sizeof(garbage), NULL), TLS_E_INTERNAL);
    assert_null(none);
    assert_int_equal(tls_trust_create(&none, (const uint8_t *)"-----BEGIN CERTIFICATE-----\n", 28, NULL),
                     TLS_E_INTERNAL);
}

/* --insecure: no trust, no name check, but the key comes back. */
static void no_trust_skips_checks(void **state)
{
    (void)state;
    struct tls_peer_key key;
    struct tls_error err = {0};
    assert_int_equal(verify(NULL, "leaf-rsa.der", NULL, "wrong.name", &key, &err), TLS_OK);
    assert_int_equal(key.type, TLS_KEY_RSA);
    assert_true(key.spki_len > 256 && key.spki_len < 300); /* RSA-2048 SubjectPublicKeyInfo */
    assert_int_equal(key.spki[0], 0x30);
}

/* Signatures made by openssl with the test leaf keys over certs/message.txt. */
static void openssl_signatures_verify(void **state)
{
    (void)state;
    struct file msg = load("message.txt");
    struct {
        const char *leaf, *sig;
        uint16_t scheme;
    } cases[] = {
        {"leaf-ecdsa.der", "ecdsa-p256-sha256.sig", TLS_SIG_ecdsa_secp256r1_sha256},
        {"leaf-rsa.der", "rsa-pss-sha384.sig", TLS_SIG_rsa_pss_rsae_sha384},
        /* PKCS#1 v1.5: verified here (certificate signatures), refused in CV by the handshake */
        {"leaf-rsa.der", "rsa-pkcs1-sha256.sig", TLS_SIG_rsa_pkcs1_sha256},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file leaf = load(cases[i].leaf), sig = load(cases[i].sig);
        struct tls_peer_key key;
        struct tls_error err = {0};
        assert_int_equal(tls_x509_leaf_key(leaf.data, leaf.len, &key, &err), TLS_OK);
        assert_int_equal(tls_sig_verify(cases[i].scheme, &key, msg.data, msg.len, sig.data, sig.len,
                                        &err),
                         TLS_OK);
        sig.data[sig.len / 2] ^= 0x10;
        assert_int_equal(tls_sig_verify(cases[i].scheme, &key, msg.data, msg.len, sig.data, sig.len,
                                        NULL),
                         TLS_E_ALERT(TLS_ALERT_decrypt_error));
        free(leaf.data);
        free(sig.data);
    }
    /* PSS with the wrong hash: same key type, so the signature just fails */
    struct file leaf = load("leaf-rsa.der"), sig = load("rsa-pss-sha384.sig");
    struct tls_peer_key key;
    assert_int_equal(tls_x509_leaf_key(leaf.data, leaf.len, &key, NULL), TLS_OK);
    assert_int_equal(tls_sig_verify(TLS_SIG_rsa_pss_rsae_sha256, &key, msg.data, msg.len, sig.data,
                                    sig.len, NULL),
                     TLS_E_ALERT(TLS_ALERT_decrypt_error));
    /* and PKCS#1 v1.5 is not PSS */
    assert_int_equal(tls_sig_verify(TLS_SIG_rsa_pkcs1_sha384, &key, msg.data, msg.len, sig.data,
                                    sig.len, NULL),
                     TLS_E_ALERT(TLS_ALERT_decrypt_error));
    free(leaf.data);
    free(sig.data);
    free(msg.data);
}

static void describe_names(void **state)
{
    (void)state;
    struct file leaf = load("leaf-rsa.der");
    char subject[128], issuer[128], tiny[4];
    tls_x509_describe(leaf.data, leaf.len, subject, sizeof(subject), issuer, sizeof(issuer));
    assert_string_equal(subject, "CN=rsa.tls13.test");
    assert_string_equal(issuer, "CN=tls13 test intermediate CA");
    tls_x509_describe(leaf.data, leaf.len, tiny, sizeof(tiny), issuer, sizeof(issuer));
    assert_string_equal(tiny, ""); /* does not fit: "" */
    tls_x509_describe(leaf.data, 10, subject, sizeof(subject), issuer, sizeof(issuer));
    assert_string_equal(subject, "");
    assert_string_equal(issuer, "");
    free(leaf.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc8448_certificate_verify_signatures),
        cmocka_unit_test(scheme_must_match_key),
        cmocka_unit_test(good_chains_verify),
        cmocka_unit_test(wrong_hostname_is_bad_certificate),
        cmocka_unit_test(unknown_ca_is_unknown_ca),
        cmocka_unit_test(expired_and_sha1_certificates),
        cmocka_unit_test(garbage_is_bad_certificate),
        cmocka_unit_test(no_trust_skips_checks),
        cmocka_unit_test(openssl_signatures_verify),
        cmocka_unit_test(describe_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
