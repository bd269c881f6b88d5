/*
 * application_keys.c — exercise 6: the Master Secret and the application traffic secrets and
 * keys (the course's get_application_cipher()).
 *
 * RFC 8446 §7.1 (Key Schedule), continued from the Handshake Secret:
 *
 *                 |
 *                 v
 *       (EC)DHE -> HKDF-Extract = Handshake Secret
 *                 |
 *                 v
 *           Derive-Secret(., "derived", "")
 *                 |
 *                 v
 *       0 -> HKDF-Extract = Master Secret
 *                 |
 *                 +-----> Derive-Secret(., "c ap traffic",
 *                 |                     ClientHello...server Finished)
 *                 |                     = client_application_traffic_secret_0
 *                 |
 *                 +-----> Derive-Secret(., "s ap traffic",
 *                 |                     ClientHello...server Finished)
 *                 |                     = server_application_traffic_secret_0
 *
 *   "0" is Hash.length zero bytes; "" the empty transcript (its hash is Hash("")).
 *
 * RFC 8446 §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *                [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 *
 * The course gives you course_hkdf_extract(), course_derive_secret(),
 * course_hkdf_expand_label() and course_hash() (course.h), so this exercise works whatever
 * state exercise 2 is in. (You may call your own hkdf_expand_label() instead.)
 *
 * Check it: `./tls-course check application_keys`.
 */
#include "course.h"

course_result get_application_cipher(const struct course_suite *suite,
                                     const uint8_t *handshake_secret,
                                     const uint8_t *handshake_hash,
                                     struct course_application_keys *out)
{
    /* TODO: out->master_secret, out->client / out->server: secret, key, iv, suite, seq = 0. */
    (void)suite;
    (void)handshake_secret;
    (void)handshake_hash;
    (void)out;
    return COURSE_TODO;
}
