/*
 * fuzz_client.c — the whole client core (RFC 8446 §4, App. A.1) fed a server's byte stream.
 *
 * The client replays RFC 8448 §3's ClientHello and x25519 key share (struct tls_client_replay),
 * so it is deterministic and the RFC's server records are a valid answer: the seed corpus holds
 * them, and mutations start from a handshake that gets past the plaintext ServerHello into the
 * key schedule and the encrypted flight. Input: everything the server sends, in one buffer. It
 * is handed to tls_client_handshake() as a caller would (unconsumed bytes stay for the next
 * call); once HANDSHAKE_DONE, the rest goes through tls_client_open() record by record.
 *
 * Real cryptography makes the states behind the encrypted flight unreachable for a mutated
 * input (the AEAD tag fails, §5.2); that is expected. What the fuzzer reaches is everything
 * the client decides from plaintext and from the decrypted RFC records: ServerHello and
 * HelloRetryRequest checks, record framing, CCS rules, alerts, and partial records.
 *
 * Oracles: those of client_driver.h. fuzz_client_flight.c reaches past the encryption.
 */
#include <stdlib.h>
#include <string.h>

#include "client_driver.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The core decrypts in place: work on a copy of exactly the input's size. */
    uint8_t *in = malloc(size > 0 ? size : 1);
    FUZZ_CHECK(in != NULL, "out of memory");
    memcpy(in, data, size);
    fuzz_client_run(in, size);
    free(in);
    return 0;
}
