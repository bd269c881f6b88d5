/*
 * ip_text.h — an IP address literal as text to its bytes: IPv4 dotted-decimal and IPv6 text
 * (RFC 4291 §2.2), as a certificate's iPAddress is compared (RFC 9525 §6.4) and as RFC 6066 §3
 * forbids in server_name. Pure: no socket, no resolver (the core may not include <arpa/inet.h>).
 */
#ifndef TLS13_COMMON_IP_TEXT_H
#define TLS13_COMMON_IP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * "192.0.2.1" -> 4 bytes; "2001:db8::1", "::", "::ffff:192.0.2.1" -> 16 bytes, network order.
 * IPv4: exactly four decimal numbers 0..255 without leading zeros (as inet_pton). IPv6: up to
 * eight groups of 1..4 hex digits, at most one "::", optionally ending in an IPv4 address; no zone
 * ("%eth0") and no brackets. Returns false (out untouched or partly written) for anything else.
 */
bool tls_ip_from_text(const char *text, uint8_t out[16], size_t *out_len);

#endif
