/*
 * sign.h — making a CertificateVerify signature (RFC 8446 §4.4.3) with an RSA private key:
 * rsa_pss_rsae_sha256 / _sha384 / _sha512 (§4.2.3), RSASSA-PSS of RFC 8017 §8.1.1.
 *
 * Implementation notes
 * --------------------
 * A client without client certificates never signs, so the handshake layer does not use this.
 * It exists for the tools that play a server from a published key: `tls13 variant` (a fresh
 * RFC 8448-style trace, re-signed with RFC 8448 §2's key) and the tests' scripted server. The
 * key is given as its raw integers (RFC 8017 §3.2: n, e, d, p, q, big-endian), the way RFC 8448
 * §2 prints it, so no PEM or DER is needed.
 *
 * RFC 8446 §4.2.3: "The length of the Salt MUST be equal to the length of the output of the
 * digest algorithm", and MGF1 uses the same hash. The salt is the first hLen bytes the given
 * random source returns; the source is also used for RSA blinding, which does not change the
 * signature. So a repeatable source (a DRBG with a fixed seed) gives a repeatable signature.
 */
#ifndef TLS13_CRYPTO_SIGN_H
#define TLS13_CRYPTO_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/rng.h"

/* An RSA private key as RFC 8017 §3.2 writes it: views of big-endian integers. */
struct tls_rsa_private_key {
    const uint8_t *n; /* modulus */
    size_t n_len;
    const uint8_t *e; /* public exponent */
    size_t e_len;
    const uint8_t *d; /* private exponent */
    size_t d_len;
    const uint8_t *p; /* prime1 */
    size_t p_len;
    const uint8_t *q; /* prime2 */
    size_t q_len;
};

/*
 * sig = RSASSA-PSS-SIGN(key, msg) under scheme (rsa_pss_rsae_sha256/384/512): msg is hashed
 * here (for a CertificateVerify, msg is the content of tls_certificate_verify_signed_content()).
 * sig_cap must hold the modulus length; *sig_len is set to it. Failures are internal_error
 * with a reason: scheme not RSA-PSS, an inconsistent key, sig_cap too small, rng failure, a
 * modulus too short for the scheme (RFC 8017 §9.1.1: emLen >= hLen + sLen + 2, so a 1024-bit
 * key such as RFC 8448's cannot sign rsa_pss_rsae_sha512 with a 64-byte salt).
 */
tls_result tls_rsa_pss_sign(uint16_t scheme, const struct tls_rsa_private_key *key,
                            const uint8_t *msg, size_t msg_len, const struct tls_rng *rng,
                            uint8_t *sig, size_t sig_cap, size_t *sig_len, struct tls_error *err);

#endif
