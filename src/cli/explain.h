/*
 * explain.h — `tls13 connect --explain`: a running commentary of the handshake, for a student
 * with RFC 8446 open in the other window.
 *
 * Implementation notes
 * --------------------
 * explain is an observer (client.h struct tls_observer): the core calls it for every record,
 * handshake message, derived secret, state change and check, as they happen, and it prints one
 * aligned block per event with the RFC section to read next to it. It decides nothing.
 *
 * The fields of each handshake message are decoded by explain_message_fields() (explain_fields.c),
 * a separate function so that it can grow with the handshake parsers: today it reads the main
 * fields itself with the bounded reader and falls back to a hex dump of the first bytes.
 */
#ifndef TLS13_CLI_EXPLAIN_H
#define TLS13_CLI_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "handshake/client.h"

#define EXPLAIN_MAX_LABELS 24

struct explain {
    FILE *out;
    uint16_t cipher_suite;      /* from the ServerHello, for the §7.3 key and iv lengths */
    const char *labels_seen[EXPLAIN_MAX_LABELS]; /* HKDF-Expand-Label labels shown in bytes */
    size_t label_count;
};

void explain_on_record(void *ctx, const struct tls_record_info *rec);
void explain_on_message(void *ctx, enum tls_direction dir, const uint8_t *msg, size_t len);
void explain_on_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                       const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                       const uint8_t *transcript_hash, size_t hash_len);
void explain_on_state(void *ctx, enum tls_client_state from, enum tls_client_state to);
void explain_on_note(void *ctx, const char *text);

/* An observer whose callbacks are the five above, with ctx = ex. */
struct tls_observer explain_observer(struct explain *ex);

/* The RFC 8446 section describing a handshake message type ("4.1.2"), or NULL. */
const char *explain_message_section(unsigned handshake_type);

/* Prints the key fields of one handshake message body (after the 4-byte header). */
void explain_message_fields(FILE *out, enum tls_direction dir, unsigned handshake_type,
                            const uint8_t *body, size_t len);

/*
 * explain_keys.c: the §7.1 steps a secret leads to, with values — the "derived" salts, the key
 * and iv of a traffic secret (§7.3), finished_key (§4.4.4) — and, the first time each label is
 * used, the HkdfLabel bytes HKDF-Expand-Label feeds to HKDF-Expand (length, "tls13 " + label,
 * context), so a student can check each intermediate value.
 */
void explain_key_steps(struct explain *ex, enum tls_secret_id id, const uint8_t *secret,
                       size_t secret_len, const uint8_t *transcript_hash, size_t hash_len);

/* Notes the negotiated suite from a ServerHello body (for explain_key_steps). */
void explain_note_server_hello(struct explain *ex, const uint8_t *body, size_t len);

/* Prints "label" then bytes in hex, wrapped and indented, at most max bytes ("..." after). */
void explain_hex(FILE *out, const char *label, const uint8_t *bytes, size_t len, size_t max);

#endif
