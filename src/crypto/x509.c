/*
 * x509.c — the server's certificate chain (RFC 8446 §4.4.2, §4.4.2.2, §4.4.2.4; RFC 5280 key
 * usages), its name (RFC 9525 §6, in x509_name.c), and signatures (RFC 8446 §4.2.3, §4.4.3) on
 * Mbed TLS's X.509 and pk modules.
 *
 * Implementation notes
 * --------------------
 * Path validation is mbedtls_x509_crt_verify_with_profile()'s: it walks from the leaf through
 * the certificates the server sent to one of our trust anchors, checks validity dates and
 * signatures (under its default profile, which refuses MD5 and SHA-1 outside the anchors, as
 * RFC 8446 §4.4.2.4 asks). Around it, this file adds what mbedtls leaves to its TLS stack, which
 * we do not use:
 *
 *   order      mbedtls looks for a certificate's issuer only AFTER it in the list, so the
 *              certificates are first put in path order (§4.4.2: "arbitrary orderings",
 *              leaf first); extraneous ones go last, where they do no harm (path_order()).
 *   usages     a verify callback checks every certificate of the path against RFC 5280:
 *              extendedKeyUsage must allow serverAuth (or anyExtendedKeyUsage) wherever it is
 *              present, and the leaf's keyUsage must have digitalSignature (RFC 8446
 *              §4.4.2.2) (check_usage()).
 *   encoding   an ECDSA signature in a certificate must be DER (ecdsa_sig_is_der()).
 *   name       RFC 9525, not mbedtls's RFC 6125 rule (which falls back to the subject CN):
 *              subjectAltName only (check_name(), x509_name.c).
 *
 * The verdict is a bit set; verdict_to_alert() turns it into the one alert RFC 8446 §6.2 says to
 * send, in the order x509.h documents. The name is checked last, on a valid path only.
 *
 * Signatures (§4.2.3) go through mbedtls_pk_verify / mbedtls_pk_verify_ext on the leaf's
 * SubjectPublicKeyInfo, which the handshake kept in a struct tls_peer_key. Each scheme fixes
 * the hash, the padding and the key it needs (SCHEMES table below).
 */
#include "crypto/x509.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/bignum.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "common/names.h"
#include "crypto/mbedtls_compat.h"
#include "crypto/util.h"
#include "crypto/x509_name.h"

struct tls_trust {
    mbedtls_x509_crt ca; /* the anchors, as one mbedtls chain */
};

/* True when data looks like PEM (mbedtls_x509_crt_parse wants a NUL-terminated string then). */
static bool looks_like_pem(const uint8_t *data, size_t len)
{
    static const char marker[] = "-----BEGIN ";
    size_t mlen = sizeof(marker) - 1;
    for (size_t i = 0; i + mlen <= len; i++) {
        if (memcmp(data + i, marker, mlen) == 0) {
            return true;
        }
    }
    return false;
}

tls_result tls_trust_create(struct tls_trust **out, const uint8_t *data, size_t len,
                            struct tls_error *err)
{
    *out = NULL;
    struct tls_trust *trust = calloc(1, sizeof(*trust));
    if (trust == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.2.2: out of memory for trust anchors");
    }
    mbedtls_x509_crt_init(&trust->ca);
    int rc;
    if (looks_like_pem(data, len)) {
        /* mbedtls parses PEM only from a string whose length includes the final NUL */
        char *text = malloc(len + 1);
        if (text == NULL) {
            tls_trust_free(trust);
            return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.2.2: out of memory for trust anchors");
        }
        memcpy(text, data, len);
        text[len] = '\0';
        rc = mbedtls_x509_crt_parse(&trust->ca, (const unsigned char *)text, len + 1);
        free(text);
    } else {
        rc = mbedtls_x509_crt_parse_der(&trust->ca, data, len);
    }
    /* A bundle may hold a few certificates mbedtls cannot read (rc > 0 counts them); those are
     * skipped. No usable anchor at all is an error. */
    if (rc < 0 || trust->ca.version == 0) {
        tls_trust_free(trust);
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.4.2.2: no trust anchor could be parsed");
    }
    *out = trust;
    return TLS_OK;
}

void tls_trust_free(struct tls_trust *trust)
{
    if (trust == NULL) {
        return;
    }
    mbedtls_x509_crt_free(&trust->ca);
    free(trust);
}

/* The leaf's SubjectPublicKeyInfo (DER), its type and size, from a parsed pk context. */
static tls_result fill_peer_key(mbedtls_pk_context *pk, struct tls_peer_key *key,
                                struct tls_error *err)
{
    memset(key, 0, sizeof(*key));
    /* mbedtls writes DER backwards, at the end of the buffer: move it to the front. */
    int n = mbedtls_pk_write_pubkey_der(pk, key->spki, sizeof(key->spki));
    if (n <= 0) {
        return tls_fail(err, TLS_ALERT_unsupported_certificate,
                        "RFC 8446 §4.4.2.2: leaf public key cannot be encoded (too large?)");
    }
    memmove(key->spki, key->spki + sizeof(key->spki) - (size_t)n, (size_t)n);
    key->spki_len = (size_t)n;
    key->bits = mbedtls_pk_get_bitlen(pk);
    switch (mbedtls_pk_get_type(pk)) {
    case MBEDTLS_PK_RSA:
        key->type = TLS_KEY_RSA;
        break;
    case MBEDTLS_PK_ECKEY:
    case MBEDTLS_PK_ECKEY_DH:
    case MBEDTLS_PK_ECDSA: {
        mbedtls_ecp_group_id id = tls_mbed_pk_ec_group_id(pk);
        key->type = id == MBEDTLS_ECP_DP_SECP256R1   ? TLS_KEY_EC_P256
                    : id == MBEDTLS_ECP_DP_SECP384R1 ? TLS_KEY_EC_P384
                                                     : TLS_KEY_OTHER;
        break;
    }
    default:
        key->type = TLS_KEY_OTHER;
        break;
    }
    return TLS_OK;
}

/*
 * RFC 3279 §2.2.3:  Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
 * RFC 8446 §4.2.3 takes ECDSA signatures in this encoding, and X.509 signatures are DER
 * (RFC 5280 §4.1.1.3). mbedtls reads BER leniently (a non-minimal INTEGER such as 00 00 FF..,
 * a long-form length where a short one fits), so the only encoding accepted here is the one
 * that re-encodes to the same bytes: DER is unique, so any other encoding of (r, s) differs.
 * Bytes after the SEQUENCE are refused too.
 */
static bool ecdsa_sig_is_der(const uint8_t *sig, size_t len)
{
    unsigned char *p = (unsigned char *)(uintptr_t)sig;
    const unsigned char *end = sig + len;
    size_t seq_len;
    mbedtls_mpi r, s;
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    bool ok = len > 0 &&
              mbedtls_asn1_get_tag(&p, end, &seq_len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) == 0 &&
              p + seq_len == end && mbedtls_asn1_get_mpi(&p, end, &r) == 0 &&
              mbedtls_asn1_get_mpi(&p, end, &s) == 0 && p == end;
    if (ok) {
        /* mbedtls writes DER backwards from the end of the buffer: s, r, length, tag. */
        unsigned char der[2 * (MBEDTLS_MPI_MAX_SIZE + 8) + 8];
        unsigned char *w = der + sizeof(der);
        int n1 = mbedtls_asn1_write_mpi(&w, der, &s);
        int n2 = n1 < 0 ? n1 : mbedtls_asn1_write_mpi(&w, der, &r);
        int n3 = n2 < 0 ? n2 : mbedtls_asn1_write_len(&w, der, (size_t)(n1 + n2));
        int n4 = n3 < 0 ? n3 : mbedtls_asn1_write_tag(&w, der, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE);
        size_t total = n4 < 0 ? 0 : (size_t)(n1 + n2 + n3 + n4);
        ok = n4 >= 0 && total == len && memcmp(w, sig, len) == 0;
    }
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    return ok;
}

/*
 * RFC 8446 §6.2 certificate alerts for an mbedtls verdict, in x509.h's order of precedence:
 * no path to an anchor, dates, revocation, key usages, weak signature hash, anything else.
 */
static tls_result verdict_to_alert(uint32_t flags, struct tls_error *err)
{
    if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
        return tls_fail(err, TLS_ALERT_unknown_ca,
                        "RFC 8446 §4.4.2.2: certificate chain does not lead to a trusted CA");
    }
    if (flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE)) {
        return tls_fail(err, TLS_ALERT_certificate_expired,
                        "RFC 8446 §6.2: a certificate has expired or is not yet valid");
    }
    if (flags & MBEDTLS_X509_BADCERT_REVOKED) {
        return tls_fail(err, TLS_ALERT_certificate_revoked, "RFC 8446 §6.2: a certificate is revoked");
    }
    /* Usages (check_usage below). The certificates are well formed and correctly signed, but of
     * a kind this use does not accept: unsupported_certificate (§6.2: "A certificate was of an
     * unsupported type"), as OpenSSL (X509_V_ERR_INVALID_PURPOSE) and mbedtls's TLS stack send;
     * bad_certificate is for certificates that are corrupt or whose signatures do not verify. */
    if (flags & MBEDTLS_X509_BADCERT_EXT_KEY_USAGE) {
        return tls_fail(err, TLS_ALERT_unsupported_certificate,
                        "RFC 5280 §4.2.1.12: an extendedKeyUsage in the chain does not allow serverAuth: a sound certificate of a kind not usable here, so unsupported_certificate (RFC 8446 §6.2)");
    }
    if (flags & MBEDTLS_X509_BADCERT_KEY_USAGE) {
        return tls_fail(err, TLS_ALERT_unsupported_certificate,
                        "RFC 8446 §4.4.2.2: the leaf's keyUsage lacks digitalSignature: a sound certificate of a kind not usable here, so unsupported_certificate (§6.2)");
    }
    if (flags & (MBEDTLS_X509_BADCERT_BAD_MD | MBEDTLS_X509_BADCERT_BAD_PK |
                 MBEDTLS_X509_BADCERT_BAD_KEY)) {
        /* RFC 8446 §4.4.2.4: "...any certificates other than the trust anchor ... MUST NOT
         * ... be signed using MD5 or SHA-1 ..." (and keys too weak for the profile) */
        return tls_fail(err, TLS_ALERT_bad_certificate,
                        "RFC 8446 §4.4.2.4: certificate signed with an unacceptable algorithm");
    }
    return tls_fail(err, TLS_ALERT_certificate_unknown,
                    "RFC 8446 §4.4.2.2: certificate chain rejected");
}

/* True when crt is one of the trust anchors (the anchor's own extensions are not judged). */
static bool is_anchor(const struct tls_trust *trust, const mbedtls_x509_crt *crt)
{
    for (const mbedtls_x509_crt *a = &trust->ca; a != NULL; a = a->next) {
        if (a == crt) {
            return true;
        }
    }
    return false;
}

/*
 * mbedtls's verify callback, called for each certificate of the path it built (depth 0 = the
 * leaf); the flags set here join its verdict.
 */
static int check_usage(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    if (is_anchor(ctx, crt)) {
        return 0;
    }
    /* RFC 5280 §4.2.1.12: "If the extension is present, then the certificate MUST only be used
     * for one of the purposes indicated." A TLS server needs id-kp-serverAuth (or
     * anyExtendedKeyUsage); an intermediate's EKU, where present, constrains the path the same
     * way (as browsers and OpenSSL apply it). mbedtls answers 0 when the extension is absent,
     * or lists the purpose or anyExtendedKeyUsage. */
    if (mbedtls_x509_crt_check_extended_key_usage(crt, MBEDTLS_OID_SERVER_AUTH,
                                                  MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)) != 0) {
        *flags |= MBEDTLS_X509_BADCERT_EXT_KEY_USAGE;
    }
    /* RFC 8446 §4.4.2.2: "The certificate MUST allow the key to be used for signing (i.e., the
     * digitalSignature bit MUST be set if the Key Usage extension is present) with a signature
     * scheme indicated in the client's "signature_algorithms"/"signature_algorithms_cert"
     * extensions". (0 when the extension is absent or has the bit.) */
    if (depth == 0 && mbedtls_x509_crt_check_key_usage(crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE) != 0) {
        *flags |= MBEDTLS_X509_BADCERT_KEY_USAGE;
    }
    return 0;
}

/*
 * RFC 8446 §4.4.2: "The sender's certificate MUST come in the first CertificateEntry in the
 * list. Each following certificate SHOULD directly certify the one immediately preceding it.
 * ... all implementations SHOULD be prepared to handle potentially extraneous certificates and
 * arbitrary orderings from any TLS version, with the exception of the end-entity certificate
 * which MUST be first."
 * order[] gets the leaf, then its issuer among the others, then that one's issuer, ... (by
 * issuer name = subject name), then whatever is left in the order sent.
 */
static void path_order(const mbedtls_x509_crt *const *parsed, size_t count, size_t *order)
{
    bool used[TLS_MAX_CHAIN] = {false};
    size_t n = 0;
    size_t cur = 0;
    used[0] = true;
    order[n++] = 0;
    for (bool found = true; found;) {
        found = false;
        const mbedtls_x509_buf *issuer = &parsed[cur]->issuer_raw;
        for (size_t j = 1; j < count && !found; j++) {
            const mbedtls_x509_buf *subject = &parsed[j]->subject_raw;
            if (!used[j] && subject->len == issuer->len &&
                memcmp(subject->p, issuer->p, issuer->len) == 0) {
                used[j] = true;
                order[n++] = j;
                cur = j;
                found = true;
            }
        }
    }
    for (size_t j = 1; j < count; j++) {
        if (!used[j]) {
            order[n++] = j;
        }
    }
}

/* Parses one DER certificate onto chain: bad_certificate if it does not parse, if bytes follow
 * it in cert_data, or if it is ECDSA-signed with a signature that is not DER. */
static tls_result parse_one(mbedtls_x509_crt *chain, const uint8_t *der, size_t len,
                            struct tls_error *err)
{
    if (mbedtls_x509_crt_parse_der(chain, der, len) != 0) {
        return tls_fail(err, TLS_ALERT_bad_certificate,
                        "RFC 8446 §4.4.2: a certificate could not be parsed (X.509 DER)");
    }
    const mbedtls_x509_crt *last = chain;
    while (last->next != NULL) {
        last = last->next;
    }
    /* cert_data is exactly one DER certificate: bytes after it are an error too */
    if (last->raw.len != len) {
        return tls_fail(err, TLS_ALERT_bad_certificate,
                        "RFC 8446 §4.4.2: bytes after the certificate in cert_data");
    }
    /* §6.2 bad_certificate: "contained signatures that did not verify correctly". */
    if (last->TLS_MBED_PRIVATE(sig_pk) == MBEDTLS_PK_ECDSA &&
        !ecdsa_sig_is_der(last->TLS_MBED_PRIVATE(sig).p, last->TLS_MBED_PRIVATE(sig).len)) {
        return tls_fail(err, TLS_ALERT_bad_certificate,
                        "RFC 5280 §4.1.1.3, RFC 3279 §2.2.3: a certificate's ECDSA signature is not DER");
    }
    return TLS_OK;
}

/* Parses certs[0..count-1] into chain in path order (path_order above), leaf first. */
static tls_result parse_chain(mbedtls_x509_crt *chain, const uint8_t *const *certs,
                              const size_t *lens, size_t count, struct tls_error *err)
{
    /* RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client
     * MUST abort the handshake with a "decode_error" alert." */
    if (count == 0) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "RFC 8446 §4.4.2.4: the server supplied an empty Certificate message");
    }
    if (count > TLS_MAX_CHAIN) {
        return tls_fail(err, TLS_ALERT_bad_certificate,
                        "RFC 8446 §4.4.2: certificate chain longer than this client accepts");
    }
    /* First pass in the order sent: each must parse, and gives its names for path_order. */
    mbedtls_x509_crt sent;
    mbedtls_x509_crt_init(&sent);
    tls_result rc = TLS_OK;
    for (size_t i = 0; i < count && rc == TLS_OK; i++) {
        rc = parse_one(&sent, certs[i], lens[i], err);
    }
    size_t order[TLS_MAX_CHAIN];
    if (rc == TLS_OK) {
        const mbedtls_x509_crt *parsed[TLS_MAX_CHAIN];
        const mbedtls_x509_crt *node = &sent;
        for (size_t i = 0; i < count; i++, node = node->next) {
            parsed[i] = node;
        }
        path_order(parsed, count, order);
    }
    mbedtls_x509_crt_free(&sent);
    if (rc != TLS_OK) {
        return rc;
    }
    /* Second pass in path order: the chain mbedtls verifies. */
    for (size_t i = 0; i < count; i++) {
        TRY(parse_one(chain, certs[order[i]], lens[order[i]], err));
    }
    return TLS_OK;
}

/* RFC 9525 §6: the leaf's subjectAltName must carry the name we asked for. */
static tls_result check_name(const mbedtls_x509_crt *leaf, const char *hostname,
                             struct tls_error *err)
{
    struct tls_reference_id ref;
    tls_reference_id_init(&ref, hostname);
    for (const mbedtls_x509_sequence *san = &leaf->subject_alt_names; san != NULL; san = san->next) {
        const mbedtls_x509_buf *id = &san->buf;
        if (id->p == NULL) {
            continue; /* an empty list */
        }
        /* RFC 5280 §4.2.1.6: dNSName [2] IA5String, iPAddress [7] OCTET STRING */
        if (id->tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2) && tls_dns_id_matches(&ref, id->p, id->len)) {
            return TLS_OK;
        }
        if (id->tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) && tls_ip_id_matches(&ref, id->p, id->len)) {
            return TLS_OK;
        }
    }
    /* RFC 9525 App. A (what changed from RFC 6125): "The server identity can only be expressed
     * in the subjectAltNames extension; it is no longer valid to use the commonName RDN, known
     * as CN-ID". No match: §6.6, an automated client "SHOULD terminate the communication
     * attempt with a bad certificate error". */
    return tls_fail(err, TLS_ALERT_bad_certificate,
                    "RFC 9525 §6.6: no subjectAltName of the certificate matches the server name (the subject CN is not used)");
}

tls_result tls_x509_verify_chain(const struct tls_trust *trust, const uint8_t *const *certs,
                                 const size_t *lens, size_t count, const char *hostname,
                                 struct tls_peer_key *leaf_key, struct tls_error *err)
{
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    tls_result rc = parse_chain(&chain, certs, lens, count, err);
    /* The leaf's key, for CertificateVerify, whenever the leaf parsed, whatever the verdict. */
    if (chain.version != 0) {
        tls_result key_rc = fill_peer_key(&chain.pk, leaf_key, err);
        rc = rc != TLS_OK ? rc : key_rc;
    }
    if (rc == TLS_OK && trust != NULL) {
        uint32_t flags = 0;
        /* mbedtls_x509_crt_verify wants non-const anchors; it does not modify them. */
        mbedtls_x509_crt *anchors = (mbedtls_x509_crt *)(uintptr_t)&trust->ca;
        /* RFC 8446 §4.4.2.2: the chain must lead to a trust anchor, each certificate allowed
         * for a TLS server (check_usage); the name is ours (NULL here: no CN fallback). */
        if (mbedtls_x509_crt_verify_with_profile(&chain, anchors, NULL, &mbedtls_x509_crt_profile_default,
                                                 NULL, &flags, check_usage, (void *)(uintptr_t)trust) != 0) {
            rc = verdict_to_alert(flags, err);
        } else if (hostname != NULL) {
            rc = check_name(&chain, hostname, err);
        }
    }
    mbedtls_x509_crt_free(&chain);
    return rc;
}

tls_result tls_x509_leaf_key(const uint8_t *der, size_t len, struct tls_peer_key *leaf_key,
                             struct tls_error *err)
{
    const uint8_t *certs[1] = {der};
    return tls_x509_verify_chain(NULL, certs, &len, 1, NULL, leaf_key, err);
}

void tls_x509_describe(const uint8_t *der, size_t len, char *subject, size_t subject_cap,
                       char *issuer, size_t issuer_cap)
{
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    if (subject_cap > 0) {
        subject[0] = '\0';
    }
    if (issuer_cap > 0) {
        issuer[0] = '\0';
    }
    if (mbedtls_x509_crt_parse_der(&crt, der, len) == 0) {
        /* best effort: a name too long for the buffer leaves "" */
        if (subject_cap > 0 && mbedtls_x509_dn_gets(subject, subject_cap, &crt.subject) < 0) {
            subject[0] = '\0';
        }
        if (issuer_cap > 0 && mbedtls_x509_dn_gets(issuer, issuer_cap, &crt.issuer) < 0) {
            issuer[0] = '\0';
        }
    }
    mbedtls_x509_crt_free(&crt);
}

/*
 * RFC 8446 §4.2.3:
 *   enum {
 *       rsa_pkcs1_sha256(0x0401), rsa_pkcs1_sha384(0x0501), rsa_pkcs1_sha512(0x0601),
 *       ecdsa_secp256r1_sha256(0x0403), ecdsa_secp384r1_sha384(0x0503),
 *       rsa_pss_rsae_sha256(0x0804), rsa_pss_rsae_sha384(0x0805), rsa_pss_rsae_sha512(0x0806),
 *       ...
 *   } SignatureScheme;
 *
 * What each scheme needs: its hash, its padding, its key. "in_cv" says whether it may appear in
 * CertificateVerify: the rsa_pkcs1_* schemes are verified here because they sign certificates
 * (§4.2.3: "...refer solely to signatures which appear in certificates..."), but the handshake
 * layer must refuse them in CertificateVerify, RFC 8446 §4.4.3: "RSA signatures MUST use an
 * RSASSA-PSS algorithm, regardless of whether RSASSA-PKCS1-v1_5 algorithms appear in
 * "signature_algorithms"." tls_sig_scheme_supported() therefore answers false for them.
 */
enum sig_padding { SIG_PKCS1_V15, SIG_PSS, SIG_ECDSA };

struct sig_scheme {
    uint16_t scheme;
    mbedtls_md_type_t md;
    enum sig_padding padding;
    enum tls_key_type key; /* the key type the scheme requires */
    bool in_cv;            /* allowed in CertificateVerify */
};

static const struct sig_scheme schemes[] = {
    {TLS_SIG_rsa_pss_rsae_sha256, MBEDTLS_MD_SHA256, SIG_PSS, TLS_KEY_RSA, true},
    {TLS_SIG_rsa_pss_rsae_sha384, MBEDTLS_MD_SHA384, SIG_PSS, TLS_KEY_RSA, true},
    {TLS_SIG_rsa_pss_rsae_sha512, MBEDTLS_MD_SHA512, SIG_PSS, TLS_KEY_RSA, true},
    {TLS_SIG_ecdsa_secp256r1_sha256, MBEDTLS_MD_SHA256, SIG_ECDSA, TLS_KEY_EC_P256, true},
    {TLS_SIG_ecdsa_secp384r1_sha384, MBEDTLS_MD_SHA384, SIG_ECDSA, TLS_KEY_EC_P384, true},
    {TLS_SIG_rsa_pkcs1_sha256, MBEDTLS_MD_SHA256, SIG_PKCS1_V15, TLS_KEY_RSA, false},
    {TLS_SIG_rsa_pkcs1_sha384, MBEDTLS_MD_SHA384, SIG_PKCS1_V15, TLS_KEY_RSA, false},
    {TLS_SIG_rsa_pkcs1_sha512, MBEDTLS_MD_SHA512, SIG_PKCS1_V15, TLS_KEY_RSA, false},
};

static const struct sig_scheme *scheme_find(uint16_t scheme)
{
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        if (schemes[i].scheme == scheme) {
            return &schemes[i];
        }
    }
    return NULL;
}

bool tls_sig_scheme_supported(uint16_t scheme)
{
    const struct sig_scheme *s = scheme_find(scheme);
    return s != NULL && s->in_cv;
}

/* The signature check proper, on a parsed key; 0 when it verifies. */
static int verify_with_pk(const struct sig_scheme *s, mbedtls_pk_context *pk, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len)
{
    if (s->padding == SIG_PSS) {
        /* RFC 8446 §4.2.3: "The length of the Salt MUST be equal to the length of the output
         * of the digest algorithm"; MGF1 uses the same hash. */
        mbedtls_pk_rsassa_pss_options pss = {s->md, (int)hash_len};
        return mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &pss, pk, s->md, hash, hash_len, sig,
                                     sig_len);
    }
    /* PKCS#1 v1.5 (the default padding of a parsed RSA key) or ECDSA (DER ECDSA-Sig-Value) */
    return mbedtls_pk_verify(pk, s->md, hash, hash_len, sig, sig_len);
}

/*
 * A signature is accepted only in its one exact encoding, not merely readable (mbedtls reads
 * more). RFC 8446 §4.4.3: "If the verification fails, the receiver MUST terminate the handshake
 * with a "decrypt_error" alert": the signature field is opaque<0..2^16-1> and decodes as TLS
 * syntax whatever its content, so a signature in the wrong encoding is a signature that does not
 * verify (decrypt_error), not a TLS syntax error (decode_error).
 */
static tls_result check_encoding(const struct sig_scheme *s, const struct tls_peer_key *key,
                                 const uint8_t *sig, size_t sig_len, struct tls_error *err)
{
    /* §4.2.3: ECDSA signatures are DER Ecdsa-Sig-Values (RFC 3279 §2.2.3); see ecdsa_sig_is_der. */
    if (s->padding == SIG_ECDSA && !ecdsa_sig_is_der(sig, sig_len)) {
        return tls_fail(err, TLS_ALERT_decrypt_error,
                        "RFC 8446 §4.4.3: ECDSA signature is not the DER Ecdsa-Sig-Value (§4.2.3, RFC 3279 §2.2.3), so it does not verify: decrypt_error");
    }
    /* RFC 8017 §8.1.2, §8.2.2: an RSA signature is exactly as long as the modulus ("If the
     * length of the signature S is not k octets, output "invalid signature""). */
    if (s->padding != SIG_ECDSA && sig_len != (key->bits + 7) / 8) {
        return tls_fail(err, TLS_ALERT_decrypt_error,
                        "RFC 8446 §4.4.3: RSA signature length differs from the modulus length (RFC 8017 §8.1.2), so it does not verify: decrypt_error");
    }
    return TLS_OK;
}

tls_result tls_sig_verify(uint16_t scheme, const struct tls_peer_key *key, const uint8_t *msg,
                          size_t msg_len, const uint8_t *sig, size_t sig_len,
                          struct tls_error *err)
{
    static const uint8_t empty[1] = {0};
    const struct sig_scheme *s = scheme_find(scheme);
    if (s == NULL) {
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §4.4.3: signature scheme not supported by this client");
    }
    /* RFC 8446 §4.4.3: the scheme must fit the key: rsa_pss_rsae_* an rsaEncryption key,
     * ecdsa_secp256r1_sha256 a P-256 key, ecdsa_secp384r1_sha384 a P-384 key. */
    if (key->type != s->key) {
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §4.4.3: signature scheme does not match the certificate key");
    }
    uint8_t hash[MBEDTLS_MD_MAX_SIZE];
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(s->md);
    size_t hash_len = mbedtls_md_get_size(md);
    if (mbedtls_md(md, msg != NULL ? msg : empty, msg_len, hash) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.3: hashing failed");
    }
    TRY(check_encoding(s, key, sig != NULL ? sig : empty, sig_len, err));
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    tls_result rc = TLS_OK;
    if (mbedtls_pk_parse_public_key(&pk, key->spki, key->spki_len) != 0) {
        rc = tls_fail(err, TLS_ALERT_bad_certificate, "RFC 8446 §4.4.2: leaf public key unreadable");
    } else if (verify_with_pk(s, &pk, hash, hash_len, sig != NULL ? sig : empty, sig_len) != 0) {
        /* RFC 8446 §4.4.3: "If the verification fails, the receiver MUST terminate the
         * handshake with a "decrypt_error" alert." */
        rc = tls_fail(err, TLS_ALERT_decrypt_error, "RFC 8446 §4.4.3: signature does not verify");
    }
    mbedtls_pk_free(&pk);
    return rc;
}
