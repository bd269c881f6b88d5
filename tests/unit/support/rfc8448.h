/*
 * rfc8448.h — RFC 8448 values for tests, looked up by the RFC's own step headings.
 *
 * The vectors live in tests/vectors/rfc8448/<section file>.json (see tests/vectors/README.md).
 * A test asks for a value the way a reader finds it in the RFC:
 *
 *     rfc8448_value(v, "{server}  send handshake record", "complete record", 1, &len)
 *
 * = the second (occurrence 1) "complete record" under that heading. The returned source string
 * ("RFC 8448 §3 line 512: {server}  send handshake record / complete record") goes into every
 * assertion message.
 */
#ifndef TLS13_TEST_RFC8448_H
#define TLS13_TEST_RFC8448_H

#include <stddef.h>
#include <stdint.h>

struct rfc8448_entry {
    char *step;
    char *label;
    int occurrence;
    int line;
    uint8_t *bytes;
    size_t len;
};

struct rfc8448 {
    char *section;
    struct rfc8448_entry *entries;
    size_t count;
};

/* Loads tests/vectors/rfc8448/<file>; fails the test on error. Free with rfc8448_free. */
struct rfc8448 *rfc8448_load(const char *file);
void rfc8448_free(struct rfc8448 *v);

/* The entry whose step contains step_part, with this label and occurrence; fails the test if absent. */
const struct rfc8448_entry *rfc8448_find(const struct rfc8448 *v, const char *step_part,
                                         const char *label, int occurrence);

/* Its bytes (and length), and a description "RFC 8448 §N line L: step / label" (static buffer). */
const uint8_t *rfc8448_value(const struct rfc8448 *v, const char *step_part, const char *label,
                             int occurrence, size_t *len);
const char *rfc8448_source(const struct rfc8448 *v, const struct rfc8448_entry *e);

#endif
