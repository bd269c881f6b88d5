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

struct explain {
    FILE *out;
};

void explain_on_record(void *ctx, const struct tls_record_info *rec);
void explain_on_message(void *ctx, enum tls_direction dir, const uint8_t *msg, size_t len);
void explain_on_secret(void *ctx, const char *name, const char *nss_label,
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

/* Prints "label" then bytes in hex, wrapped and indented, at most max bytes ("..." after). */
void explain_hex(FILE *out, const char *label, const uint8_t *bytes, size_t len, size_t max);

#endif
