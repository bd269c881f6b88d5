/*
 * x509.h — certificate chains and signatures (RFC 8446 §4.4.2, §4.4.2.2, §4.4.3; RFC 5280;
 * RFC 9525).
 *
 * Implementation notes
 * --------------------
 * The handshake layer must not allocate, and X.509 parsing in mbedtls does, so certificate work
 * happens here behind a small interface: the handshake hands over the DER certificates as views
 * into its message buffer, and receives back only what CertificateVerify needs later: the leaf's
 * SubjectPublicKeyInfo, copied into a fixed-size struct tls_peer_key.
 *
 * Chain verification (§4.4.2.2) maps failures to the §6.2 certificate alerts, in this order:
 *   unparseable certificate, or an ECDSA
 *   certificate signature that is not DER   -> bad_certificate
 *   no path to a trusted anchor             -> unknown_ca
 *   expired / not yet valid                 -> certificate_expired
 *   revoked                                 -> certificate_revoked
 *   extendedKeyUsage without serverAuth
 *   (leaf or intermediate, RFC 5280
 *   §4.2.1.12), or a leaf keyUsage without
 *   digitalSignature (§4.4.2.2)             -> unsupported_certificate
 *   MD5 or SHA-1 signed non-anchor          -> bad_certificate (§4.4.2.4)
 *   anything else                           -> certificate_unknown
 *   then, on a valid path, name mismatch
 *   (RFC 9525: subjectAltName only)         -> bad_certificate
 * The certificates after the leaf may come in any order and include extraneous ones (§4.4.2);
 * the path is built from what was sent.
 *
 * Signature verification (§4.4.3): the scheme must match the key type
 * (rsa_pss_rsae_* needs an rsaEncryption key; ecdsa_secp256r1_sha256 a P-256 key, ...),
 * else illegal_parameter; a signature that does not verify is decrypt_error, and so is one
 * that is not in its exact encoding: an ECDSA signature that is not DER (non-minimal
 * INTEGERs or lengths, bytes after it), an RSA signature not as long as the modulus.
 */
#ifndef TLS13_CRYPTO_X509_H
#define TLS13_CRYPTO_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

#define TLS_MAX_SPKI_LEN 1200   /* RSA up to 8192 bits */
#define TLS_MAX_CHAIN 10

enum tls_key_type {
    TLS_KEY_NONE = 0,
    TLS_KEY_RSA,         /* rsaEncryption */
    TLS_KEY_EC_P256,
    TLS_KEY_EC_P384,
    TLS_KEY_OTHER,
};

/* The leaf certificate's public key, kept for CertificateVerify. */
struct tls_peer_key {
    enum tls_key_type type;
    size_t bits;
    uint8_t spki[TLS_MAX_SPKI_LEN]; /* SubjectPublicKeyInfo, DER */
    size_t spki_len;
};

/* Trust anchors (CA certificates). Built by the program from a PEM or DER file's contents. */
struct tls_trust;

/* data holds one or more PEM certificates (or DER); need not be NUL-terminated. */
tls_result tls_trust_create(struct tls_trust **out, const uint8_t *data, size_t len,
                            struct tls_error *err);
void tls_trust_free(struct tls_trust *trust);

/*
 * Verifies certs[0] (leaf) .. certs[count-1] (others in any order) against trust, and the leaf
 * against hostname (RFC 9525: a DNS name against the subjectAltName dNSName entries, wildcards
 * only as a whole left-most label; an IP address against the iPAddress entries; never the
 * subject CN). trust NULL skips chain, usage and name checks (--insecure). The leaf key is returned in any case when the leaf parses.
 * hostname NULL with a trust store verifies the chain but no name. count 0 is decode_error
 * (§4.4.2.4: empty Certificate from a server); a cert_data with bytes after the certificate
 * is bad_certificate.
 */
tls_result tls_x509_verify_chain(const struct tls_trust *trust, const uint8_t *const *certs,
                                 const size_t *lens, size_t count, const char *hostname,
                                 struct tls_peer_key *leaf_key, struct tls_error *err);

/* Extracts the leaf key without verifying anything (decoder, tests). */
tls_result tls_x509_leaf_key(const uint8_t *der, size_t len, struct tls_peer_key *leaf_key,
                             struct tls_error *err);

/* Subject and issuer as one-line strings, for --explain (best effort; "" on failure). */
void tls_x509_describe(const uint8_t *der, size_t len, char *subject, size_t subject_cap,
                       char *issuer, size_t issuer_cap);

/* True for the schemes this client can verify in CertificateVerify. */
bool tls_sig_scheme_supported(uint16_t scheme);

/* Verifies sig over msg with key under SignatureScheme scheme (§4.2.3, §4.4.3). */
tls_result tls_sig_verify(uint16_t scheme, const struct tls_peer_key *key, const uint8_t *msg,
                          size_t msg_len, const uint8_t *sig, size_t sig_len,
                          struct tls_error *err);

#endif
