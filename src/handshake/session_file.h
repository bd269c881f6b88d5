/*
 * session_file.h — a stored ticket (struct tls_ticket, RFC 8446 §4.6.1) as text, for
 * `tls13 connect --sess-out FILE` / `--sess-in FILE`. The format is docs/session-file.md:
 *
 *     tls13-session v1
 *     cipher_suite: 0x1301
 *     ticket_lifetime: 30
 *     ticket_age_add: 4208372421
 *     max_early_data_size: 1024
 *     received_at_ms: 1700000000000
 *     server_name: server
 *     alpn:
 *     psk: 4ecd0eb6...
 *     ticket: 2c035d82...
 *
 * Implementation notes
 * --------------------
 * Pure functions over bytes: the CLI reads and writes the file (src/cli is the only layer that
 * touches files). The parser is strict, because the file holds a secret (the PSK) and is input
 * we did not necessarily write: the first line must be the version line exactly; then each of
 * the nine keys exactly once, in any order, one "key: value" per line, every line ending in
 * "\n", each value spelled as the encoder spells it (one space after the colon, no leading
 * zeros; only hex digits may also be upper case). Anything else (unknown key, bad number, bad
 * hex, a value out of range, a file over TLS_SESSION_FILE_MAX_LEN) is decode_error with a
 * reason saying what is wrong. So every truncation of a valid file is refused (the last line
 * loses its "\n" or a key goes missing), and a file that parses re-encodes to itself (up to
 * the order of its lines and the case of hex digits).
 * On failure *t is wiped.
 */
#ifndef TLS13_HANDSHAKE_SESSION_FILE_H
#define TLS13_HANDSHAKE_SESSION_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/writer.h"
#include "handshake/client.h"

#define TLS_SESSION_FILE_VERSION_LINE "tls13-session v1"

/* Largest file accepted (a 2048-byte ticket is 4096 hex digits; the rest is well under 1 KiB). */
#define TLS_SESSION_FILE_MAX_LEN 8192

/*
 * Appends the text form of t to w. internal_error if t cannot be stored faithfully: unknown
 * cipher suite, PSK length not the suite's Hash.length, empty or oversized ticket, lifetime over
 * 604800 s, a server_name or alpn with bytes outside printable ASCII (0x21..0x7e), w too small.
 */
tls_result tls_session_file_encode(const struct tls_ticket *t, struct tls_writer *w,
                                   struct tls_error *err);

/* Parses text[0..len) into *t (fully overwritten). decode_error on any deviation, see above. */
tls_result tls_session_file_parse(const uint8_t *text, size_t len, struct tls_ticket *t,
                                  struct tls_error *err);

#endif
