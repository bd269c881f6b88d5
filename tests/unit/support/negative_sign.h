/*
 * negative_sign.h — RSASSA-PSS (SHA-256, salt length 32) signatures with RFC 8448 §2's server
 * RSA key (or the strict-leaf test key), for the scripted server's re-signed CertificateVerify (test-only; not constant time).
 */
#ifndef TLS13_TEST_NEGATIVE_SIGN_H
#define TLS13_TEST_NEGATIVE_SIGN_H

#include <stddef.h>
#include <stdint.h>

#define NEG_RSA_SIG_LEN 128

/* sig = RSASSA-PSS-SIGN(RFC 8448 §2 key, msg) with a fixed salt (RFC 8017 §8.1.1). */
void neg_rsa_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA_SIG_LEN]);

/* The same with tests/vectors/certs/strict-leaf.key (RSA-2048), the strict-leaf-* certificates'. */
#define NEG_RSA2048_SIG_LEN 256
void neg_rsa2048_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA2048_SIG_LEN]);

#endif
