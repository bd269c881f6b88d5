/*
 * keylog.h — the NSS key log format (SSLKEYLOGFILE), as the decoder reads it.
 *
 * Implementation notes
 * --------------------
 * A key log is text, one secret per line:
 *
 *     <LABEL> <client_random, 64 hex digits> <secret, hex>
 *
 * The client_random (ClientHello.random, RFC 8446 §4.1.2) names the connection; the label names
 * the secret with the NSS spelling kept in TLS_SECRET_LIST (crypto/key_schedule.h), e.g.
 * CLIENT_HANDSHAKE_TRAFFIC_SECRET for client_handshake_traffic_secret (RFC 8446 §7.1), or
 * CLIENT_RANDOM for a TLS 1.2 master_secret (48 bytes, RFC 5246 §8.1). Lines starting with '#',
 * blank lines and labels we do not use (some tools log SERVER_TRAFFIC_SECRET_N) are skipped and
 * counted. Later application traffic secrets
 * are not needed from the log: the decoder derives them with "traffic upd" (RFC 8446 §7.2).
 *
 * Memory: the entries are an array on the heap, grown as lines are read: its size follows the
 * key log, never the capture. Parsing is pure (the CLI reads the file).
 */
#ifndef TLS13_DECODER_KEYLOG_H
#define TLS13_DECODER_KEYLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/hash.h"
#include "crypto/key_schedule.h"

#define TLS_KEYLOG_RANDOM_LEN 32

struct tls_keylog_entry {
    uint8_t client_random[TLS_KEYLOG_RANDOM_LEN];
    bool tls12_master_secret;  /* a CLIENT_RANDOM line: TLS 1.2 master_secret (id unused) */
    enum tls_secret_id id;
    uint8_t secret[TLS_MAX_HASH_LEN];
    size_t secret_len; /* 32 (SHA-256 suites) or 48 (SHA-384) */
};

struct tls_keylog {
    struct tls_keylog_entry *entries;
    size_t count;
    size_t cap;
    size_t skipped; /* lines with a label we do not use (..._N, EARLY_EXPORTER_SECRET, ...) */
};

void tls_keylog_init(struct tls_keylog *kl);

/*
 * Adds every usable line of text[0..len). A malformed line (bad hex, a random that is not 32
 * bytes, a secret that is neither 32 nor 48 bytes) fails with decode_error and *bad_line set to
 * its number (from 1); the lines before it stay added.
 */
tls_result tls_keylog_parse(struct tls_keylog *kl, const char *text, size_t len,
                            unsigned long *bad_line, struct tls_error *err);

/* The secret `id` logged for this client_random, or NULL. The last matching line wins. */
const struct tls_keylog_entry *tls_keylog_find(const struct tls_keylog *kl,
                                               const uint8_t *client_random,
                                               enum tls_secret_id id);

/* The TLS 1.2 master secret (RFC 5246 §8.1) of a CLIENT_RANDOM line for this random, or NULL. */
const struct tls_keylog_entry *tls_keylog_find_master(const struct tls_keylog *kl,
                                                      const uint8_t *client_random);

/* Wipes the secrets and frees the array. */
void tls_keylog_free(struct tls_keylog *kl);

#endif
