/*
 * variant_emit.h — writing a trace in RFC 8448's text format, and the steps of the key
 * schedule every variant repeats (internal to the variant_*.c files; see variant.h).
 *
 * Implementation notes
 * --------------------
 * The layout copies RFC 8448's, line for line apart from page breaks, so that a variant can be
 * read (and diffed) next to the RFC: a step heading at indent 3, a blank line, then each value
 * at indent 6 followed by a blank line; hex octets fill lines up to column 72 and continue at
 * indent 9. "salt:  0 (all zero octets)" and "hash (0 octets):  (empty)" are written as the RFC
 * writes them. trace_rfc8448.h describes the format from the reading side.
 *
 * Each step helper computes its value with the project's own code (src/crypto HKDF, traffic
 * keys, src/record protection) and prints what it computed; the first failure is kept in
 * struct vt and later steps become no-ops, so the generator reads straight down.
 */
#ifndef TLS13_CLI_VARIANT_EMIT_H
#define TLS13_CLI_VARIANT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/variant.h"
#include "common/error.h"
#include "crypto/hash.h"
#include "crypto/key_schedule.h"
#include "record/protect.h"

#define VT_TRANSCRIPT_CAP 4096 /* §3's messages take 1,462 octets */
#define VT_RECORD_CAP 4096

struct vt {
    struct variant_text *out;
    uint8_t seed[32];                  /* SHA-256 of the domain string and the ID */
    enum tls_hash_alg alg;             /* TLS_AES_128_GCM_SHA256's SHA-256 */
    size_t hlen;
    const struct tls_cipher_suite *suite;
    uint8_t transcript[VT_TRANSCRIPT_CAP]; /* handshake messages so far, §4.4.1 */
    size_t transcript_len;
    uint8_t record[VT_RECORD_CAP];     /* the record being written */
    tls_result failed;                 /* TLS_OK until a step fails */
    struct tls_error err;
};

/* Records the first failure (rc != TLS_OK, with a reason); true when rc is TLS_OK. */
bool vt_ok(struct vt *g, tls_result rc, const char *reason);

/* out = HKDF-Expand(seed, name, len): one generated input, independent of all others. */
void vt_fresh(struct vt *g, const char *name, uint8_t *out, size_t len);

/* --- text --- */
void vt_text(struct vt *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "   {side}  heading:" and a blank line; values follow. */
void vt_step(struct vt *g, const char *side, const char *heading);
/* "   {side}  heading" (a "(same as ...)" step: no colon, no values). */
void vt_same(struct vt *g, const char *side, const char *heading);
/* "      label (N octets):  hex ..." ("(empty)" when n is 0). */
void vt_value(struct vt *g, const char *label, const uint8_t *p, size_t n);
/* "      salt:  0 (all zero octets)" */
void vt_zero_salt(struct vt *g);

/* --- transcript (§4.4.1) --- */
void vt_transcript_add(struct vt *g, const uint8_t *msg, size_t len);
/* Transcript-Hash of the messages so far. */
void vt_transcript_hash(struct vt *g, uint8_t *out);

/* --- key schedule steps (§7.1), each printed as RFC 8448 prints it --- */
/* "extract secret": salt (NULL = zeros), IKM, secret = HKDF-Extract(salt, IKM). */
void vt_extract(struct vt *g, const char *side, const char *heading, const uint8_t *salt,
                const uint8_t *ikm, size_t ikm_len, uint8_t *secret);
/* PRK, hash (the context), info, expanded = HKDF-Expand-Label(PRK, label, context, Hash.length). */
void vt_expand_label(struct vt *g, const char *side, const char *heading, const uint8_t *prk,
                     const char *label, const uint8_t *context, size_t context_len,
                     uint8_t *out);
/* "derive secret ...": vt_expand_label with context = Transcript-Hash of the messages so far. */
void vt_derive_secret(struct vt *g, const char *side, const char *heading, const uint8_t *prk,
                      const char *label, uint8_t *out);
/* "derive secret for S \"tls13 derived\"": context = Hash(""), §7.1's
 * Derive-Secret(., "derived", ""). */
void vt_derived(struct vt *g, const char *side, const char *heading, const uint8_t *prk,
                uint8_t *out);
/* "derive ... traffic keys": PRK, key info, key expanded, iv info, iv expanded (§7.3). */
void vt_traffic_keys(struct vt *g, const char *side, const char *heading,
                     const uint8_t *traffic_secret, struct tls_traffic_keys *keys);
/* "calculate finished": PRK, hash (empty), info, expanded = finished_key, finished =
 * HMAC(finished_key, Transcript-Hash so far) (§4.4.4); verify_data into out. */
void vt_finished(struct vt *g, const char *side, const char *heading, const uint8_t *base_key,
                 uint8_t *out);
/* "send T record": payload, complete record (one record, §5.1-§5.2) through d. */
void vt_record(struct vt *g, const char *side, const char *heading,
               struct tls_record_direction *d, uint8_t type, const uint8_t *payload, size_t len);

#endif
