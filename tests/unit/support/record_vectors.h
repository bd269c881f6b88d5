/*
 * record_vectors.h — RFC 8448 values for the record-layer tests, read from tests/vectors/rfc8448.
 *
 * Each value carries the line of tests/vectors/rfc/rfc8448.txt it comes from, and a ready-made
 * description ("RFC 8448 §3 line 490: {server}  send handshake record / complete record") for
 * assert_bytes_equal(), so a failure names its source.
 */
#ifndef TLS13_RECORD_VECTORS_H
#define TLS13_RECORD_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/key_schedule.h"

#define RECORD_VECTOR_MAX 1024

/* The JSON file of RFC 8448 §3 (simple 1-RTT handshake), relative to tests/vectors. */
#define RFC8448_S3 "rfc8448/rfc8448-3-simple-1-rtt-handshake.json"
/* RFC 8448 §7 (compatibility mode: with change_cipher_spec records). */
#define RFC8448_S7 "rfc8448/rfc8448-7-compatibility-mode.json"

struct record_vector {
    uint8_t bytes[RECORD_VECTOR_MAX];
    size_t len;
    unsigned line;  /* line in tests/vectors/rfc/rfc8448.txt */
    char what[200]; /* source description for assertion messages */
};

/* Loads the entry (step, label, occurrence) of json; fails the test if there is none. */
void record_vector_load(const char *json, const char *step, const char *label,
                        unsigned occurrence, struct record_vector *v);

/* Traffic keys of TLS_AES_128_GCM_SHA256 (RFC 8448's suite) from the "key expanded" and
 * "iv expanded" entries of the given key-derivation step. */
void record_vector_keys(const char *json, const char *step, struct tls_traffic_keys *keys);

/*
 * Builds a protected record around an arbitrary TLSInnerPlaintext (inner, inner_len), as a
 * misbehaving peer could: header (23, 0x0303, length) and AEAD seal under keys and seq.
 * Returns the record's length in out (5 + inner_len + 16).
 */
size_t record_seal_raw(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *inner,
                       size_t inner_len, uint8_t *out, size_t cap);

#endif
