/*
 * negative_sign.h — RSASSA-PSS (SHA-256, salt length 32) signatures for the scripted server's
 * re-signed CertificateVerify: with RFC 8448 §2's server RSA key, or with the strict-leaf test key
 * (tests/vectors/certs/strict-leaf.key). Both go through src/crypto/sign.h.
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
