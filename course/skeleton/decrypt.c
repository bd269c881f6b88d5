/*
 * decrypt.c — exercise 3: open and seal protected records (nonce, AAD, AEAD, padding, the
 * inner content type).
 *
 * RFC 8446 §5.2 (Record Payload Protection):
 *
 *      struct {
 *          opaque content[TLSPlaintext.length];
 *          ContentType type;
 *          uint8 zeros[length_of_padding];
 *      } TLSInnerPlaintext;
 *
 *      struct {
 *          ContentType opaque_type = application_data; // 23
 *          ProtocolVersion legacy_record_version = 0x0303; // TLS v1.2
 *          uint16 length;
 *          opaque encrypted_record[TLSCiphertext.length];
 *      } TLSCiphertext;
 *
 *   "The additional data input is the record header.
 *
 *      additional_data = TLSCiphertext.opaque_type ||
 *                        TLSCiphertext.legacy_record_version ||
 *                        TLSCiphertext.length"
 *
 *   "If the decryption fails, the receiver MUST terminate the connection with a "bad_record_mac"
 *   alert."  (course_aead_open() returns COURSE_ALERT(ALERT_BAD_RECORD_MAC) then.)
 *
 * RFC 8446 §5.3 (Per-Record Nonce): "A 64-bit sequence number is maintained separately for
 * reading and writing records.  The appropriate sequence number is incremented by one after
 * reading or writing each record.  [...]
 *   1.  The 64-bit record sequence number is encoded in network byte order and padded to the
 *       left with zeros to iv_length.
 *   2.  The padded sequence number is XORed with either the static client_write_iv or
 *       server_write_iv (depending on the role)."
 *
 * RFC 8446 §5.4 (Record Padding): "the receiving implementation scans the field from the end
 * toward the beginning until it finds a non-zero octet.  This non-zero octet is the content
 * type of the message. [...] If a receiving implementation does not find a non-zero octet in
 * the cleartext, it MUST terminate the connection with an "unexpected_message" alert."
 *
 * The course gives you course_aead_open() and course_aead_seal() (course.h): they take the
 * nonce you computed. The tag is the last COURSE_TAG_LEN bytes of encrypted_record.
 *
 * Check it: `./tls-course check decrypt` (RFC 8448 §3's records); `tls13 decode --keylog`
 * shows the decrypted contents of a capture of your own connection.
 */
#include "course.h"

course_result decrypt_record(struct course_direction *d, const struct course_record *rec,
                             uint8_t *out, size_t out_cap, struct course_plaintext *pt)
{
    /* TODO: nonce from d->iv and d->seq; open rec->fragment with the header as AAD; on success
     * increment d->seq; strip the zero padding; the last non-zero byte is pt->type; the bytes
     * before it are the content (pt->content points into out). */
    (void)d;
    (void)rec;
    (void)out;
    (void)out_cap;
    (void)pt;
    return COURSE_TODO;
}

course_result encrypt_record(struct course_direction *d, uint8_t type, const uint8_t *content,
                             size_t len, uint8_t *out, size_t out_cap, size_t *out_len)
{
    /* TODO: header (23, 0x0303, length of content + 1 + tag), then content || type sealed with
     * the header as AAD; increment d->seq; *out_len = the whole record's length. */
    (void)d;
    (void)type;
    (void)content;
    (void)len;
    (void)out;
    (void)out_cap;
    *out_len = 0;
    return COURSE_TODO;
}
