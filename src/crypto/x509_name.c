/*
 * x509_name.c — matching a reference identifier with a certificate's presented identifiers
 * (RFC 9525 §6.3 DNS names and wildcards, §6.4 IP addresses). See x509_name.h.
 *
 * Only ASCII is compared: an internationalized name is matched in its A-label form
 * ("xn--..."), which is what both the server_name extension (RFC 6066 §3) and dNSName carry.
 */
#include "crypto/x509_name.h"

#include <string.h>

#include "common/ip_text.h"

void tls_reference_id_init(struct tls_reference_id *ref, const char *host)
{
    memset(ref, 0, sizeof(*ref));
    /* An IP literal is an IP-ID (RFC 9525 §6.4), matched against iPAddress byte for byte. */
    if (tls_ip_from_text(host, ref->ip, &ref->ip_len)) {
        ref->is_ip = true;
        return;
    }
    ref->dns = host;
    ref->dns_len = strlen(host);
    /* "example.com." is the absolute form of "example.com": the same name. */
    if (ref->dns_len > 1 && host[ref->dns_len - 1] == '.') {
        ref->dns_len--;
    }
}

static char ascii_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* ASCII case-insensitive equality of two byte strings (RFC 9525 §6.3, RFC 4343). */
static bool labels_equal(const char *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (ascii_lower(a[i]) != ascii_lower((char)b[i])) {
            return false;
        }
    }
    return true;
}

bool tls_dns_id_matches(const struct tls_reference_id *ref, const uint8_t *dns_id, size_t len)
{
    /* RFC 9525 §6.4: an IP reference is compared with IP-IDs only, never with DNS-IDs. */
    if (ref->is_ip || len == 0) {
        return false;
    }
    const uint8_t *star = memchr(dns_id, '*', len);
    if (star == NULL) {
        return len == ref->dns_len && labels_equal(ref->dns, dns_id, len);
    }
    /* RFC 9525 §6.3: the wildcard is honoured only if "There is only one wildcard character"
     * and it "appears only as the complete content of the left-most label"; otherwise the
     * identifier "MUST be ignored". */
    if (star != dns_id || len < 3 || dns_id[1] != '.' || memchr(dns_id + 1, '*', len - 1) != NULL) {
        return false;
    }
    /* "*.example.com" matches exactly one label in front of ".example.com": the reference's
     * first label must be non-empty and the rest must equal the DNS-ID after the '*'. */
    const char *dot = memchr(ref->dns, '.', ref->dns_len);
    if (dot == NULL || dot == ref->dns) {
        return false;
    }
    size_t rest_len = ref->dns_len - (size_t)(dot - ref->dns);
    return rest_len == len - 1 && labels_equal(dot, dns_id + 1, len - 1);
}

bool tls_ip_id_matches(const struct tls_reference_id *ref, const uint8_t *ip, size_t len)
{
    /* RFC 9525 §6.4: the iPAddress octets (4 for IPv4, 16 for IPv6, RFC 5280 §4.2.1.6) equal
     * the reference's, byte for byte. */
    return ref->is_ip && len == ref->ip_len && memcmp(ref->ip, ip, len) == 0;
}
