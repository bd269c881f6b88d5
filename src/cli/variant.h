/*
 * variant.h — per-student variants of RFC 8448's traces: the same handshake as RFC 8448 §3
 * "Simple 1-RTT Handshake", with fresh randoms, keys, signature salt and ticket, derived from
 * an ID (a student's login, say). The engine of `tls13 variant`.
 *
 * Implementation notes
 * --------------------
 * A course grades a student's key schedule against expected values; if every student had the
 * RFC's, they could copy them. A variant keeps everything that makes §3 *that* handshake (the
 * offer, the suite TLS_AES_128_GCM_SHA256, x25519, the RSA certificate of RFC 8448 §2, the
 * extensions, the application data) and replaces what §3 shows being generated:
 *
 *   seed = SHA-256("tls13 variant of RFC 8448 section 3" || 0x00 || ID)
 *   each generated value = HKDF-Expand(seed, its name, its length)    (RFC 5869 §2.3)
 *
 * for the names "client random", "client x25519 private key", "server random", "server x25519
 * private key", "RSA-PSS salt" (the seed of a DRBG the signer draws its salt from),
 * "ticket_age_add", "ticket_nonce", "ticket". Everything else is computed by this project's
 * code: the x25519 shared secret, the §7.1 key schedule, the traffic keys, the messages
 * (ClientHello, ServerHello, EncryptedExtensions, Certificate, CertificateVerify signed with RFC
 * 8448 §2's RSA key, Finished, NewSessionTicket) and every record, protected with the right
 * keys and sequence numbers. The output has §3's section number, title, step headings, labels
 * and octet counts, so whatever reads a value of §3 by (section, step, label, occurrence) reads
 * a variant the same way, and `tls13 vectors` checks it like the RFC.
 *
 * A §5 variant (HelloRetryRequest) is made the same way from its own seed (domain string
 * "tls13 variant of RFC 8448 section 5"), with a "cookie" and P-256 keys generated too; it is
 * where a course's transcript exercise meets message_hash (RFC 8446 §4.4.1).
 *
 * Same ID, same bytes; any other ID, other values. The text is built in memory (this is
 * src/cli; the heap is allowed) and written out by the caller.
 */
#ifndef TLS13_CLI_VARIANT_H
#define TLS13_CLI_VARIANT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

#define VARIANT_ID_MAX 128 /* bytes */

/* A growing text buffer: p holds len bytes (NUL-terminated when not oom). */
struct variant_text {
    char *p;
    size_t len, cap;
    bool oom;
};

/* Which RFC 8448 section a variant repeats. */
enum variant_section {
    VARIANT_S3_SIMPLE_1RTT = 3,     /* §3 "Simple 1-RTT Handshake" */
    VARIANT_S5_HELLO_RETRY = 5,     /* §5 "HelloRetryRequest" (P-256 after an x25519 offer) */
};

/* NULL if id can name a variant (1..VARIANT_ID_MAX bytes, no control characters); else why not. */
const char *variant_id_problem(const char *id);

/*
 * Writes the trace of id shaped like RFC 8448 section `section` into *out (which the caller
 * zero-initialises and later frees with variant_text_free). On failure err says why
 * (internal_error: an ID that variant_id_problem() refuses, out of memory, or a crypto failure).
 */
tls_result variant_generate(enum variant_section section, const char *id,
                            struct variant_text *out, struct tls_error *err);

void variant_text_free(struct variant_text *t);

#endif
