/*
 * finished.c — exercise 5: finished_key, verify_data, check the server's Finished, build the
 * client's (the course's compute_verify_data()).
 *
 * RFC 8446 §4.4.4 (Finished): "The key used to compute the Finished message is computed from
 * the Base Key defined in Section 4.4 using HKDF [...]:
 *
 *      finished_key =
 *          HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 *
 *   Structure of this message:
 *
 *      struct {
 *          opaque verify_data[Hash.length];
 *      } Finished;
 *
 *   The verify_data value is computed as follows:
 *
 *      verify_data =
 *          HMAC(finished_key,
 *               Transcript-Hash(Handshake Context,
 *                               Certificate*, CertificateVerify*))"
 *
 *   "Recipients of Finished messages MUST verify that the contents are correct and if incorrect
 *   MUST terminate the connection with a "decrypt_error" alert."
 *
 * RFC 8446 §4.4 (the Base Key of each Finished): the server's Finished uses
 * server_handshake_traffic_secret, the client's uses client_handshake_traffic_secret.
 * RFC 8446 §6.2: decode_error — "the length of the message was incorrect" (a verify_data that
 * is not Hash.length bytes). The message itself: msg_type finished(20), a uint24 length, then
 * the body (§4).
 *
 * The course gives you course_hkdf_expand_label(), course_hmac() and course_memcmp_ct()
 * (compare MACs in constant time).
 *
 * Check it: `./tls-course check finished`; `tls13 connect --explain` prints both Finished
 * computations of a live connection.
 */
#include "course.h"

course_result compute_verify_data(size_t hash_len, const uint8_t *base_key,
                                  const uint8_t *transcript_hash, uint8_t *verify_data)
{
    /* TODO: finished_key, then verify_data (hash_len bytes). */
    (void)hash_len;
    (void)base_key;
    (void)transcript_hash;
    (void)verify_data;
    return COURSE_TODO;
}

course_result check_server_finished(const struct course_handshake_keys *keys,
                                    const uint8_t *transcript_hash, const uint8_t *finished,
                                    size_t finished_len)
{
    /* TODO: check the message's type and length, compute the expected verify_data with the
     * right secret, compare. */
    (void)keys;
    (void)transcript_hash;
    (void)finished;
    (void)finished_len;
    return COURSE_TODO;
}

course_result build_client_finished(const struct course_handshake_keys *keys,
                                    const uint8_t *transcript_hash, uint8_t *out, size_t out_cap,
                                    size_t *out_len)
{
    /* TODO: the whole Finished message (4-byte header + verify_data) into out. */
    (void)keys;
    (void)transcript_hash;
    (void)out;
    (void)out_cap;
    *out_len = 0;
    return COURSE_TODO;
}
