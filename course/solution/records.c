/*
 * records.c — exercise 1: split the byte stream into records (RFC 8446 §5, §5.1).
 * Reference solution.
 */
#include "course.h"

course_result read_record(const uint8_t *data, size_t len, bool ccs_allowed,
                          struct course_record *rec, size_t *consumed)
{
    *consumed = 0;
    /* Nothing can be decided before the 5 header bytes are there. */
    if (len < COURSE_RECORD_HEADER_LEN) {
        return COURSE_NEED_MORE;
    }
    uint8_t type = data[0];
    uint16_t length = (uint16_t)(data[3] << 8 | data[4]); /* network byte order (§3.3) */

    /* §5: "If a TLS implementation receives an unexpected record type, it MUST terminate the
     * connection with an "unexpected_message" alert." */
    if (type != CT_CHANGE_CIPHER_SPEC && type != CT_ALERT && type != CT_HANDSHAKE &&
        type != CT_APPLICATION_DATA) {
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
    /* §5.2: "The length MUST NOT exceed 2^14 + 256 bytes" -- decided from the header alone, so
     * a peer cannot make us wait for bytes we would refuse anyway. */
    if (length > COURSE_MAX_CIPHERTEXT_LEN) {
        return COURSE_ALERT(ALERT_RECORD_OVERFLOW);
    }
    if (len - COURSE_RECORD_HEADER_LEN < length) {
        return COURSE_NEED_MORE;
    }

    /* §5: a change_cipher_spec record "consisting of the single byte value 0x01" received
     * between the first ClientHello and the peer's Finished "MUST simply drop it without further
     * processing"; any other CCS is unexpected_message. */
    if (type == CT_CHANGE_CIPHER_SPEC) {
        if (!ccs_allowed || length != 1 || data[COURSE_RECORD_HEADER_LEN] != 0x01) {
            return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
        }
        *consumed = COURSE_RECORD_HEADER_LEN + 1;
        return COURSE_DROP;
    }

    rec->type = type;
    rec->legacy_record_version = (uint16_t)(data[1] << 8 | data[2]); /* "MUST be ignored" */
    rec->length = length;
    rec->header = data;
    rec->fragment = data + COURSE_RECORD_HEADER_LEN;
    *consumed = COURSE_RECORD_HEADER_LEN + (size_t)length;
    return COURSE_OK;
}
