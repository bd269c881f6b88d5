/*
 * client_driver.h — the client core as the fuzz harnesses drive it.
 *
 * fuzz_client_run() makes a client that replays RFC 8448 §3's ClientHello and x25519 key share
 * (rfc8448_s3.c; insecure: the RFC's certificate has no chain), then hands it `in` as a caller
 * would (unconsumed bytes stay for the next call): tls_client_handshake() until CONNECTED, then
 * tls_client_open() record by record. `in` is decrypted in place. It does this twice: with all
 * of `in` available at once, and with `in` arriving a few bytes at a time (1 to 7, varying).
 *
 * Oracles: consumed never exceeds what was given; FATAL leaves the FAILED state with an error
 * and a reason, and every later call returns FATAL with no output (client.h); views handed to
 * the observer and the application are readable (ASan); and DESIGN.md's fragmentation rule:
 * both runs end in the same state with the same error, the same bytes sent, the same
 * application data and the same events.
 */
#ifndef TLS13_TESTS_FUZZ_CLIENT_DRIVER_H
#define TLS13_TESTS_FUZZ_CLIENT_DRIVER_H

#include <stddef.h>
#include <stdint.h>

void fuzz_client_run(uint8_t *in, size_t size);

#endif
