/*
 * transcript.c — exercise 4: the transcript (RFC 8446 §4.4.1). Reference solution.
 */
#include <string.h>

#include "course.h"

course_result update_transcript(struct course_transcript *t, const struct course_message *m)
{
    /* Only handshake messages, whole (4-byte header included): no record headers, no
     * ChangeCipherSpec (§5: not a handshake message), no alerts or application data. */
    if (m->content_type != CT_HANDSHAKE) {
        return COURSE_OK;
    }
    if (m->len > sizeof(t->bytes) - t->len) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    memcpy(t->bytes + t->len, m->bytes, m->len);
    t->len += m->len;
    return COURSE_OK;
}

course_result transcript_hash(const struct course_transcript *t, size_t hash_len, uint8_t *out)
{
    return course_hash(hash_len, t->bytes, t->len, out);
}

course_result transcript_hello_retry(struct course_transcript *t, size_t hash_len)
{
    /* message_hash || 00 00 Hash.length || Hash(ClientHello1) replaces ClientHello1 */
    uint8_t h[COURSE_MAX_HASH_LEN];
    course_result rc = course_hash(hash_len, t->bytes, t->len, h);
    if (rc != COURSE_OK) {
        return rc;
    }
    t->bytes[0] = HS_MESSAGE_HASH;
    t->bytes[1] = 0;
    t->bytes[2] = 0;
    t->bytes[3] = (uint8_t)hash_len;
    memcpy(t->bytes + 4, h, hash_len);
    t->len = 4 + hash_len;
    return COURSE_OK;
}
