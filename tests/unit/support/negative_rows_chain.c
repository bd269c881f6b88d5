/*
 * negative_rows_chain.c — CRT-05 rows: the client verifies the server's chain (RFC 8446 §4.4.2.2,
 * §4.4.2.4, §6.2) against the test CAs of tests/vectors/certs (see tests/vectors/README.md), with
 * trust anchors configured instead of insecure mode. RFC 8448 §3's Certificate is replaced by test
 * certificates; their private keys are gone, so a chain that verifies still fails at
 * CertificateVerify (the RFC's signature), which one row checks.
 */
#include "support/negative_rows.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "support/testutil.h"

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

/* Replaces the chain with certificates of tests/vectors/certs (no entry extensions). */
static void chain(struct neg_server *s, const char *const *files, size_t n)
{
    static uint8_t body[NEG_MSG_CAP];
    size_t len = 4; /* context<0>, certificate_list length */
    body[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t der_len;
        uint8_t *der = test_read_vector_file(files[i], &der_len);
        assert_true(len + 3 + der_len + 2 <= sizeof(body));
        put24(body + len, der_len);
        memcpy(body + len + 3, der, der_len);
        put16(body + len + 3 + der_len, 0);
        len += 3 + der_len + 2;
        free(der);
    }
    put24(body + 1, len - 4);
    neg_set(&s->msg[NEG_CERT], 11, body, len);
}

static void crt05_self_signed_untrusted(struct neg_server *s)
{
    (void)s; /* RFC 8448's self-signed "server" certificate against the test root */
}

static void crt05_test_chain(struct neg_server *s)
{
    static const char *const files[2] = {"certs/leaf-rsa.der", "certs/int.der"};
    chain(s, files, 2);
}

static void crt05_missing_intermediate(struct neg_server *s)
{
    static const char *const files[1] = {"certs/leaf-rsa.der"};
    chain(s, files, 1);
}

/* Leaves of tests/vectors/certs/aux-ca.pem for rsa.tls13.test: expired, and SHA-1-signed. */
static void crt05_expired_leaf(struct neg_server *s)
{
    static const char *const files[1] = {"certs/leaf-expired.der"};
    chain(s, files, 1);
}

static void crt05_sha1_signed_leaf(struct neg_server *s)
{
    static const char *const files[1] = {"certs/leaf-sha1.der"};
    chain(s, files, 1);
}

static void crt05_unrelated_ca(struct neg_server *s)
{
    static const char *const files[1] = {"certs/other-ca.der"};
    chain(s, files, 1);
}

#define ROWF(id, what, fn, alert, flags) {id, what, NEG_BASE_S3, fn, NEG_HS_ALERT, TLS_ALERT_##alert, flags}

const struct neg_row neg_rows_chain[] = {
    ROWF("CRT-05", "self-signed certificate, not a trust anchor", crt05_self_signed_untrusted, unknown_ca, NEG_TRUST),
    ROWF("CRT-05", "chain for another name", crt05_test_chain, bad_certificate, NEG_TRUST | NEG_NAME_MISMATCH),
    ROWF("CRT-05", "chain without its intermediate", crt05_missing_intermediate, unknown_ca, NEG_TRUST),
    ROWF("CRT-05", "certificate of an unrelated CA", crt05_unrelated_ca, unknown_ca, NEG_TRUST),
    ROWF("CRT-05", "expired leaf", crt05_expired_leaf, certificate_expired, NEG_TRUST_AUX),
    /* §4.4.2.4: SHA-1 in a certificate to validate: RECOMMENDED bad_certificate (MD5: MUST). */
    ROWF("CRT-05", "SHA-1-signed leaf", crt05_sha1_signed_leaf, bad_certificate, NEG_TRUST_AUX),
    /* CRT-05 with a chain that verifies: the server proves nothing without its key (CV fails). */
    ROWF("CRT-05", "valid test chain, RFC 8448 signature", crt05_test_chain, decrypt_error, NEG_TRUST),
};
const size_t neg_rows_chain_count = sizeof(neg_rows_chain) / sizeof(neg_rows_chain[0]);
