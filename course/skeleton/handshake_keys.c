/*
 * handshake_keys.c — exercise 2: HKDF-Expand-Label, Derive-Secret, and the handshake traffic
 * keys (the course's get_handshake_cipher()).
 *
 * RFC 8446 §7.1 (Key Schedule):
 *
 *      HKDF-Expand-Label(Secret, Label, Context, Length) =
 *           HKDF-Expand(Secret, HkdfLabel, Length)
 *
 *      Where HkdfLabel is specified as:
 *
 *      struct {
 *          uint16 length = Length;
 *          opaque label<7..255> = "tls13 " + Label;
 *          opaque context<0..255> = Context;
 *      } HkdfLabel;
 *
 *      Derive-Secret(Secret, Label, Messages) =
 *           HKDF-Expand-Label(Secret, Label,
 *                             Transcript-Hash(Messages), Hash.length)
 *
 *   (An opaque x<0..255> vector is written as a 1-byte length followed by the bytes, §3.4.)
 *
 *                 0
 *                 |
 *                 v
 *       PSK ->  HKDF-Extract = Early Secret
 *                 |
 *                 v
 *           Derive-Secret(., "derived", "")
 *                 |
 *                 v
 *       (EC)DHE -> HKDF-Extract = Handshake Secret
 *                 |
 *                 +-----> Derive-Secret(., "c hs traffic",
 *                 |                     ClientHello...ServerHello)
 *                 |                     = client_handshake_traffic_secret
 *                 |
 *                 +-----> Derive-Secret(., "s hs traffic",
 *                 |                     ClientHello...ServerHello)
 *                 |                     = server_handshake_traffic_secret
 *
 *   "HKDF-Extract is drawn as taking the Salt argument from the top and the IKM argument from
 *   the left" [...] "If a given secret is not available, then the 0-value consisting of a string
 *   of Hash.length bytes set to zeros is used."  (No PSK here: both salt and IKM of the Early
 *   Secret are zeros.) "" means the transcript of no messages: its hash is Hash("").
 *
 * RFC 8446 §7.3 (Traffic Key Calculation):
 *
 *      [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *      [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 *
 * The course gives you (course.h): course_hkdf_extract(), course_hkdf_expand(), course_hash().
 * Labels are passed as the RFC writes them, WITHOUT "tls13 " ("c hs traffic").
 *
 * Check it: `./tls-course check handshake_keys` (RFC 8448 §3 prints every value, including the
 * HkdfLabel as "info"); `tls13 connect --explain` prints the same secrets for a live connection.
 */
#include "course.h"

course_result hkdf_expand_label(size_t hash_len, const uint8_t *secret, const char *label,
                                const uint8_t *context, size_t context_len, uint8_t *out,
                                size_t out_len)
{
    /* TODO: build HkdfLabel in a buffer, then course_hkdf_expand(hash_len, secret, ...). */
    (void)hash_len;
    (void)secret;
    (void)label;
    (void)context;
    (void)context_len;
    (void)out;
    (void)out_len;
    return COURSE_TODO;
}

course_result derive_secret(size_t hash_len, const uint8_t *secret, const char *label,
                            const uint8_t *transcript_hash, uint8_t *out)
{
    /* TODO: one call to your hkdf_expand_label(). */
    (void)hash_len;
    (void)secret;
    (void)label;
    (void)transcript_hash;
    (void)out;
    return COURSE_TODO;
}

course_result get_handshake_cipher(const struct course_suite *suite, const uint8_t *shared_secret,
                                   size_t shared_secret_len, const uint8_t *hello_hash,
                                   struct course_handshake_keys *out)
{
    /* TODO: Early Secret, "derived", Handshake Secret (into out->handshake_secret), both
     * handshake traffic secrets (out->client.secret, out->server.secret), then each side's
     * key (suite->key_len bytes) and iv (suite->iv_len bytes). Set out->client.suite and
     * out->server.suite to suite and both sequence numbers to 0. */
    (void)suite;
    (void)shared_secret;
    (void)shared_secret_len;
    (void)hello_hash;
    (void)out;
    return COURSE_TODO;
}
