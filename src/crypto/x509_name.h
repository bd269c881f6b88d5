/*
 * x509_name.h — is this certificate for the server we asked for? (RFC 9525 §6, which obsoletes
 * RFC 6125; RFC 8446 §4.4.2.2 leaves the rule to it).
 *
 * Implementation notes
 * --------------------
 * The reference identifier is what the client was asked to connect to: a DNS name or an IP
 * address. The presented identifiers are the leaf's subjectAltName entries:
 *
 *   reference is a DNS name   -> compared with each dNSName (DNS-ID), ASCII case ignored
 *   reference is an IP        -> compared with each iPAddress (IP-ID), "octet-for-octet"
 *                                (RFC 9525 §6.4); a dNSName that happens to read "127.0.0.1" is
 *                                not an IP-ID
 *   no subjectAltName at all  -> no match: RFC 9525 App. A "it is no longer valid to use the
 *                                commonName RDN, known as CN-ID" (RFC 6125 still allowed it)
 *
 * Wildcards (RFC 9525 §6.3): a DNS-ID with '*' is considered only when there is exactly one '*'
 * and it is the whole left-most label ("*.example.com"); it then matches exactly one label of
 * the reference ("a.example.com", not "example.com", not "a.b.example.com"). Any other use of '*'
 * ("f*.example.com", "*.*.example.com", "a.*.example.com") makes the identifier invalid, and
 * RFC 9525 says it "MUST be ignored". No match at all: bad_certificate (§6.6 "a bad certificate
 * error"), decided by x509.c.
 *
 * Pure functions on bytes: the caller (x509.c) walks the certificate's subjectAltName.
 */
#ifndef TLS13_CRYPTO_X509_NAME_H
#define TLS13_CRYPTO_X509_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The reference identifier, classified once. */
struct tls_reference_id {
    bool is_ip;
    uint8_t ip[16];     /* is_ip: 4 (IPv4) or 16 (IPv6) bytes, network order */
    size_t ip_len;
    const char *dns;    /* !is_ip: the DNS name as given */
    size_t dns_len;     /* without one trailing dot, if any (an absolute name) */
};

/* Classifies host: an IPv4 dotted quad or IPv6 text is an IP reference, anything else DNS. */
void tls_reference_id_init(struct tls_reference_id *ref, const char *host);

/* RFC 9525 §6.3: does the presented DNS-ID (dNSName bytes, not NUL-terminated) match ref? */
bool tls_dns_id_matches(const struct tls_reference_id *ref, const uint8_t *dns_id, size_t len);

/* RFC 9525 §6.4: does the presented IP-ID (iPAddress bytes: 4 or 16) match ref? */
bool tls_ip_id_matches(const struct tls_reference_id *ref, const uint8_t *ip, size_t len);

#endif
