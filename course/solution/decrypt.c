/*
 * decrypt.c — exercise 3: record protection (RFC 8446 §5.2, §5.3, §5.4). Reference solution.
 */
#include <string.h>

#include "course.h"

/* §5.3: the sequence number, big-endian, left-padded to iv_length, XORed with write_iv. */
static void make_nonce(const struct course_direction *d, uint8_t nonce[COURSE_IV_LEN])
{
    memcpy(nonce, d->iv, COURSE_IV_LEN);
    for (int i = 0; i < 8; i++) {
        nonce[COURSE_IV_LEN - 1 - i] ^= (uint8_t)(d->seq >> (8 * i));
    }
}

course_result decrypt_record(struct course_direction *d, const struct course_record *rec,
                             uint8_t *out, size_t out_cap, struct course_plaintext *pt)
{
    uint8_t nonce[COURSE_IV_LEN];
    if (rec->type != CT_APPLICATION_DATA) {
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE); /* protected records are opaque_type 23 */
    }
    if (rec->length < COURSE_TAG_LEN) {
        return COURSE_ALERT(ALERT_BAD_RECORD_MAC);
    }
    if (out_cap < rec->length) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    make_nonce(d, nonce);
    /* §5.2: additional_data = TLSCiphertext.opaque_type || legacy_record_version || length */
    course_result rc = course_aead_open(d->suite, d->key, nonce, rec->header,
                                        COURSE_RECORD_HEADER_LEN, rec->fragment, rec->length, out);
    if (rc != COURSE_OK) {
        return rc; /* bad_record_mac */
    }
    d->seq++;

    /* §5.4: scan from the end for the first non-zero byte: that is the content type. */
    size_t n = rec->length - COURSE_TAG_LEN;
    while (n > 0 && out[n - 1] == 0) {
        n--;
    }
    if (n == 0) {
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
    pt->type = out[n - 1];
    pt->content = out;
    pt->length = n - 1;
    return COURSE_OK;
}

course_result encrypt_record(struct course_direction *d, uint8_t type, const uint8_t *content,
                             size_t len, uint8_t *out, size_t out_cap, size_t *out_len)
{
    uint8_t nonce[COURSE_IV_LEN];
    size_t inner_len = len + 1; /* TLSInnerPlaintext: content || type, no padding */
    size_t record_len = inner_len + COURSE_TAG_LEN;
    if (len > COURSE_MAX_PLAINTEXT_LEN || out_cap < COURSE_RECORD_HEADER_LEN + record_len) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    /* The header first: it is the additional data (§5.2). */
    out[0] = CT_APPLICATION_DATA;
    out[1] = 0x03;
    out[2] = 0x03;
    out[3] = (uint8_t)(record_len >> 8);
    out[4] = (uint8_t)record_len;
    uint8_t *inner = out + COURSE_RECORD_HEADER_LEN;
    memmove(inner, content, len);
    inner[len] = type;
    make_nonce(d, nonce);
    course_result rc = course_aead_seal(d->suite, d->key, nonce, out, COURSE_RECORD_HEADER_LEN,
                                        inner, inner_len, inner);
    if (rc != COURSE_OK) {
        return rc;
    }
    d->seq++;
    *out_len = COURSE_RECORD_HEADER_LEN + record_len;
    return COURSE_OK;
}
