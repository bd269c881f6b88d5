/*
 * hex.h — hexadecimal digits, for the text formats this project reads: RFC 8448 traces, token
 * traces, NSS key logs and session files all write bytes as hex.
 */
#ifndef TLS13_COMMON_HEX_H
#define TLS13_COMMON_HEX_H

/* The value 0..15 of the hex digit c (either case), or -1 if c is not one. */
int tls_hex_value(int c);

#endif
