/*
 * finished.c — exercise 5: Finished (RFC 8446 §4.4.4). Reference solution.
 */
#include "course.h"

course_result compute_verify_data(size_t hash_len, const uint8_t *base_key,
                                  const uint8_t *transcript_hash, uint8_t *verify_data)
{
    /* finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) */
    uint8_t finished_key[COURSE_MAX_HASH_LEN];
    course_result rc = course_hkdf_expand_label(hash_len, base_key, "finished", NULL, 0,
                                                finished_key, hash_len);
    if (rc != COURSE_OK) {
        return rc;
    }
    /* verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CV*)) */
    return course_hmac(hash_len, finished_key, hash_len, transcript_hash, hash_len, verify_data);
}

course_result check_server_finished(const struct course_handshake_keys *keys,
                                    const uint8_t *transcript_hash, const uint8_t *finished,
                                    size_t finished_len)
{
    size_t hl = keys->server.suite->hash_len;
    uint8_t expected[COURSE_MAX_HASH_LEN];
    if (finished_len < COURSE_HANDSHAKE_HEADER_LEN || finished[0] != HS_FINISHED) {
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
    size_t body_len = (size_t)finished[1] << 16 | (size_t)finished[2] << 8 | finished[3];
    /* opaque verify_data[Hash.length]: any other length is decode_error (§6.2) */
    if (body_len != hl || finished_len != COURSE_HANDSHAKE_HEADER_LEN + hl) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    /* The server's Finished uses the SERVER's handshake traffic secret as BaseKey. */
    course_result rc = compute_verify_data(hl, keys->server.secret, transcript_hash, expected);
    if (rc != COURSE_OK) {
        return rc;
    }
    /* "MUST verify that the contents are correct ... decrypt_error"; compare in constant time */
    if (course_memcmp_ct(expected, finished + COURSE_HANDSHAKE_HEADER_LEN, hl) != 0) {
        return COURSE_ALERT(ALERT_DECRYPT_ERROR);
    }
    return COURSE_OK;
}

course_result build_client_finished(const struct course_handshake_keys *keys,
                                    const uint8_t *transcript_hash, uint8_t *out, size_t out_cap,
                                    size_t *out_len)
{
    size_t hl = keys->client.suite->hash_len;
    if (out_cap < COURSE_HANDSHAKE_HEADER_LEN + hl) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    out[0] = HS_FINISHED;
    out[1] = 0;
    out[2] = 0;
    out[3] = (uint8_t)hl;
    course_result rc = compute_verify_data(hl, keys->client.secret, transcript_hash,
                                           out + COURSE_HANDSHAKE_HEADER_LEN);
    if (rc != COURSE_OK) {
        return rc;
    }
    *out_len = COURSE_HANDSHAKE_HEADER_LEN + hl;
    return COURSE_OK;
}
