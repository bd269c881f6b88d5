/*
 * protect.c — record payload protection (RFC 8446 §5.2, §5.3, §5.4) and the receive rules of
 * §5 and §5.1 that depend on whether protection is engaged.
 *
 * Implementation notes
 * --------------------
 * Opening a record, step by step (tls_record_open):
 *
 *   1. additional_data = the record's own header: opaque_type || legacy_record_version || length
 *   2. nonce = write_iv XOR (64-bit sequence number, left-padded with zeros)   (in crypto/aead.c)
 *   3. AEAD-Decrypt; a wrong tag is bad_record_mac and no decrypted byte is released (crypto
 *      wipes the output)
 *   4. the result is TLSInnerPlaintext = content || type || zeros: scan from the end for the
 *      first non-zero byte; that byte is the true content type, what precedes it the content
 *
 * The sequence number advances only after a successful open or seal. A failure ends the
 * connection anyway, so there is no "next record" that could reuse the number.
 *
 * The ChangeCipherSpec rule is the one place where the record layer must look at a record
 * *before* decrypting: a middlebox-compatibility CCS (Appendix D.4) is sent in plaintext even
 * after keys are installed, so tls_record_unprotect() recognizes it by its outer type first.
 */
#include "record/protect.h"

#include <string.h>

#include "common/names.h"
#include "crypto/aead.h"
#include "crypto/util.h"

/* ---- direction state ------------------------------------------------------------------- */

void tls_record_direction_init(struct tls_record_direction *d)
{
    tls_wipe(d, sizeof(*d));
    d->is_protected = false;
    d->seq = 0;
    d->legacy_record_version = TLS_RECORD_LEGACY_VERSION;
}

tls_result tls_record_direction_install_keys(struct tls_record_direction *d,
                                             struct tls_traffic_keys *keys, struct tls_error *err)
{
    /* The old key is no longer needed by anyone: forget it before taking the new one. */
    tls_wipe(&d->keys, sizeof(d->keys));
    d->keys = *keys;
    tls_wipe(keys, sizeof(*keys));
    d->is_protected = true;
    /* RFC 8446 §5.3: "Each sequence number is set to zero at the beginning of a connection and
     * whenever the key is changed; the first record transmitted under a particular traffic key
     * MUST use sequence number 0." */
    d->seq = 0;
    /* Key the AEAD once for every record under this key (frees the old one). A failure is
     * reported; a caller that goes on anyway gets records sealed and opened with d->keys
     * directly (d->aead stays unset). */
    return tls_aead_setup(&d->aead, &d->keys, err);
}

void tls_record_direction_wipe(struct tls_record_direction *d)
{
    tls_aead_free(&d->aead);
    tls_record_direction_init(d);
}

void tls_record_rx_init(struct tls_record_rx *rx)
{
    tls_record_direction_init(&rx->dir);
    rx->ccs_allowed = false;
    rx->ccs_count = 0;
    rx->empty_records = 0;
}

/* RFC 8446 §5.3: "Because the size of sequence numbers is 64-bit, they should not wrap. If a TLS
 * implementation would need to wrap a sequence number, it MUST either rekey (Section 4.6.3) or
 * terminate the connection." We refuse to use the last value, so seq + 1 can never wrap. */
static tls_result check_sequence_number(const struct tls_record_direction *d,
                                        struct tls_error *err)
{
    if (d->seq == UINT64_MAX) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.3: sequence number would wrap; a KeyUpdate (§4.6.3) was needed");
    }
    return TLS_OK;
}

/* additional_data = TLSCiphertext.opaque_type || legacy_record_version || length (§5.2) */
static void make_additional_data(uint8_t type, uint16_t version, uint16_t length,
                                 uint8_t aad[TLS_RECORD_HEADER_LEN])
{
    aad[0] = type;
    aad[1] = (uint8_t)(version >> 8);
    aad[2] = (uint8_t)version;
    aad[3] = (uint8_t)(length >> 8);
    aad[4] = (uint8_t)length;
}

/* ---- receiving ---------------------------------------------------------------------------- */

/*
 *  struct {
 *      opaque content[TLSPlaintext.length];
 *      ContentType type;
 *      uint8 zeros[length_of_padding];
 *  } TLSInnerPlaintext;
 *
 * inner holds inner_len decrypted bytes; finds type and content (§5.4).
 */
static tls_result parse_inner_plaintext(uint8_t *inner, size_t inner_len,
                                        struct tls_plaintext *pt, struct tls_error *err)
{
    /* RFC 8446 §5.4: "the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets";
     * §6.2 record_overflow: "a record decrypted to a TLSPlaintext record with more than 2^14
     * bytes". */
    if (inner_len > TLS_MAX_INNER_PLAINTEXT_LEN) {
        tls_wipe(inner, inner_len);
        return tls_fail(err, TLS_ALERT_record_overflow,
                        "RFC 8446 §5.4: TLSInnerPlaintext exceeds 2^14 + 1 octets");
    }
    /* RFC 8446 §5.4: the receiver "scans the field from the end toward the beginning until it
     * finds a non-zero octet. This non-zero octet is the content type of the message."
     * The scan stays within the AEAD output ("MUST limit their scanning to the cleartext"). */
    size_t i = inner_len;
    while (i > 0 && inner[i - 1] == 0) {
        i--;
    }
    /* RFC 8446 §5.4: "If a receiving implementation does not find a non-zero octet in the
     * cleartext, it MUST terminate the connection with an "unexpected_message" alert." */
    if (i == 0) {
        tls_wipe(inner, inner_len);
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5.4: TLSInnerPlaintext has no non-zero content type octet");
    }
    pt->type = inner[i - 1];
    pt->content = inner;
    pt->length = i - 1;
    return TLS_OK;
}

tls_result tls_record_open(struct tls_record_direction *d, const struct tls_record *rec,
                           uint8_t *out, size_t out_cap, struct tls_plaintext *pt,
                           struct tls_error *err)
{
    memset(pt, 0, sizeof(*pt));
    if (!d->is_protected || d->keys.suite == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.2: no traffic keys installed to open a TLSCiphertext");
    }
    size_t tag_len = d->keys.suite->tag_len;
    /* Shorter than the tag: it cannot be an authentic AEAD output (§5.2 bad_record_mac). */
    if (rec->length < tag_len) {
        return tls_fail(err, TLS_ALERT_bad_record_mac,
                        "RFC 8446 §5.2: encrypted_record shorter than the AEAD tag");
    }
    size_t inner_len = (size_t)rec->length - tag_len;
    if (out == NULL || out_cap < inner_len) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.2: output buffer too small for the decrypted record");
    }
    TRY(check_sequence_number(d, err));

    uint8_t aad[TLS_RECORD_HEADER_LEN];
    make_additional_data(rec->type, rec->legacy_record_version, rec->length, aad);
    /* RFC 8446 §5.2: "If the decryption fails, the receiver MUST terminate the connection with
     * a "bad_record_mac" alert." crypto wipes out on failure: nothing is released. */
    tls_result rc = d->aead.suite != NULL
                        ? tls_aead_ctx_open(&d->aead, d->seq, aad, sizeof(aad), rec->fragment,
                                            rec->length, out, err)
                        : tls_aead_open(&d->keys, d->seq, aad, sizeof(aad), rec->fragment,
                                        rec->length, out, err);
    if (rc != TLS_OK) {
        return tls_fail_code(err, rc,
                             rc == TLS_E_ALERT(TLS_ALERT_bad_record_mac)
                                 ? "RFC 8446 §5.2: AEAD decryption failed (the tag does not verify)"
                                 : "RFC 8446 §5.2: AEAD decryption could not be run");
    }
    TRY(parse_inner_plaintext(out, inner_len, pt, err));
    /* RFC 8446 §5.3: "The appropriate sequence number is incremented by one after reading or
     * writing each record." */
    d->seq++;
    return TLS_OK;
}

/*
 * The compatibility ChangeCipherSpec (§5, Appendix D.4), recognized before any decryption.
 *   struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec;   (RFC 5246 §7.1)
 */
static tls_result receive_change_cipher_spec(struct tls_record_rx *rx,
                                             const struct tls_record *rec,
                                             struct tls_plaintext *pt, struct tls_error *err)
{
    /* RFC 8446 §5: "If an implementation detects a change_cipher_spec record received before the
     * first ClientHello message or after the peer's Finished message, it MUST be treated as an
     * unexpected record type". */
    if (!rx->ccs_allowed) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5: change_cipher_spec before the first ClientHello or after the peer's Finished");
    }
    /* RFC 8446 §5: "An implementation which receives any other change_cipher_spec value ...
     * MUST abort the handshake with an "unexpected_message" alert." */
    if (rec->length != 1 || rec->fragment[0] != 0x01) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5: change_cipher_spec record is not the single byte 0x01");
    }
    /* The RFC sets no bound; without one a peer could keep us busy forever at no cost to itself (DIV-8). */
    if (rx->ccs_count >= TLS_MAX_CCS_RECORDS) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5: too many change_cipher_spec records (limit 32)");
    }
    rx->ccs_count++;
    /* RFC 8446 §5: the receiver "MUST simply drop it without further processing". */
    pt->type = TLS_CT_change_cipher_spec;
    pt->dropped = true;
    return TLS_OK;
}

/* Rules on the true content type and length, common to plaintext and decrypted records. */
static tls_result check_content(struct tls_record_rx *rx, const struct tls_plaintext *pt,
                                struct tls_error *err)
{
    switch (pt->type) {
    case TLS_CT_handshake:
    case TLS_CT_alert:
        /* RFC 8446 §5.4: "Implementations MUST NOT send Handshake and Alert records that have a
         * zero-length TLSInnerPlaintext.content; if such a message is received, the receiving
         * implementation MUST terminate the connection with an "unexpected_message" alert."
         * (§5.1 says the same of plaintext Handshake fragments.) */
        if (pt->length == 0) {
            return tls_fail(err, TLS_ALERT_unexpected_message,
                            "RFC 8446 §5.4: zero-length handshake or alert record");
        }
        break;
    case TLS_CT_application_data:
        break;
    case TLS_CT_change_cipher_spec:
        /* RFC 8446 §5: "An implementation which ... receives a protected change_cipher_spec
         * record MUST abort the handshake with an "unexpected_message" alert." */
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5: protected change_cipher_spec record");
    default:
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5: record with an unknown inner content type");
    }
    /* Empty application_data records are legal (§5.4, cover traffic), but free for the peer to
     * send and free of progress for us: bound how many may arrive in a row (DOS-01). */
    if (pt->length == 0) {
        if (rx->empty_records >= TLS_MAX_EMPTY_RECORDS) {
            return tls_fail(err, TLS_ALERT_unexpected_message,
                            "RFC 8446 §5.4: too many empty records in a row (limit 32)");
        }
        rx->empty_records++;
    } else {
        rx->empty_records = 0;
    }
    return TLS_OK;
}

tls_result tls_record_unprotect(struct tls_record_rx *rx, const struct tls_record *rec,
                                uint8_t *out, size_t out_cap, struct tls_plaintext *pt,
                                struct tls_error *err)
{
    memset(pt, 0, sizeof(*pt));
    /* Before decryption: a plaintext CCS may appear even where protected records are expected. */
    if (rec->type == TLS_CT_change_cipher_spec) {
        return receive_change_cipher_spec(rx, rec, pt, err);
    }
    if (!rx->dir.is_protected) {
        /* RFC 8446 §5.1: "Application Data messages are always protected." */
        if (rec->type != TLS_CT_handshake && rec->type != TLS_CT_alert) {
            return tls_fail(err, TLS_ALERT_unexpected_message,
                            "RFC 8446 §5.1: unprotected record of a type that must be protected");
        }
        if (rec->length > TLS_MAX_PLAINTEXT_LEN) {
            return tls_fail(err, TLS_ALERT_record_overflow,
                            "RFC 8446 §5.1: TLSPlaintext.length exceeds 2^14");
        }
        pt->type = rec->type;
        pt->content = rec->fragment;
        pt->length = rec->length;
        return check_content(rx, pt, err);
    }
    /* RFC 8446 §5.2: opaque_type "is always set to the value 23 (application_data)"; anything
     * else once protection is engaged is an unexpected record type (§5, DIV-3). */
    if (rec->type != TLS_CT_application_data) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5.2: protected record whose opaque_type is not application_data");
    }
    if (rec->length > TLS_MAX_CIPHERTEXT_LEN) {
        return tls_fail(err, TLS_ALERT_record_overflow,
                        "RFC 8446 §5.2: TLSCiphertext.length exceeds 2^14 + 256");
    }
    TRY(tls_record_open(&rx->dir, rec, out, out_cap, pt, err));
    tls_result rc = check_content(rx, pt, err);
    if (rc != TLS_OK) {
        /* Authentic but refused: release nothing. */
        tls_wipe(out, (size_t)rec->length - rx->dir.keys.suite->tag_len);
        memset(pt, 0, sizeof(*pt));
        return rc;
    }
    return TLS_OK;
}

/* ---- sending ------------------------------------------------------------------------------ */

/* One TLSPlaintext record (§5.1), before protection is engaged. */
static tls_result write_plaintext_record(const struct tls_record_direction *d, uint8_t type,
                                         const uint8_t *content, size_t len,
                                         struct tls_writer *w, struct tls_error *err)
{
    tls_write_u8(w, type);
    tls_write_u16(w, d->legacy_record_version);
    tls_write_u16(w, (uint16_t)len);
    tls_write_bytes(w, content, len);
    return tls_writer_result(w, err);
}

/* One TLSCiphertext record (§5.2) sealing content || type || zeros[padding]. */
static tls_result write_protected_record(struct tls_record_direction *d, uint8_t type,
                                         const uint8_t *content, size_t len, size_t padding,
                                         struct tls_writer *w, struct tls_error *err)
{
    TRY(check_sequence_number(d, err));
    size_t inner_len = len + 1 + padding;
    size_t ciphertext_len = inner_len + d->keys.suite->tag_len;

    /* The header is written first: it is the additional data of the seal below. */
    uint8_t *header = tls_write_reserve(w, TLS_RECORD_HEADER_LEN);
    uint8_t *body = tls_write_reserve(w, ciphertext_len);
    if (header == NULL || body == NULL) {
        return tls_writer_result(w, err);
    }
    /* RFC 8446 §5.2: opaque_type = application_data (23), legacy_record_version = 0x0303 */
    make_additional_data(TLS_CT_application_data, TLS_RECORD_LEGACY_VERSION,
                         (uint16_t)ciphertext_len, header);

    /* TLSInnerPlaintext, built in place in the output, then encrypted in place.
     * RFC 8446 §5.4: "Implementations MUST set the padding octets to all zeros before
     * encrypting." */
    if (len > 0) {
        memcpy(body, content, len);
    }
    body[len] = type;
    memset(body + len + 1, 0, padding);
    tls_result rc = d->aead.suite != NULL
                        ? tls_aead_ctx_seal(&d->aead, d->seq, header, TLS_RECORD_HEADER_LEN, body,
                                            inner_len, body, err)
                        : tls_aead_seal(&d->keys, d->seq, header, TLS_RECORD_HEADER_LEN, body,
                                        inner_len, body, err);
    if (rc != TLS_OK) {
        tls_wipe(body, ciphertext_len);
        return tls_fail_code(err, rc, "RFC 8446 §5.2: AEAD encryption failed");
    }
    d->seq++;
    return TLS_OK;
}

/* What may be written at all, checked once before any record is. */
static tls_result check_write_allowed(const struct tls_record_direction *d, uint8_t type,
                                      size_t len, size_t padding, struct tls_error *err)
{
    if (!tls_record_type_known(type)) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5: refusing to send a record type not defined in RFC 8446");
    }
    if (d->is_protected && d->keys.suite == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.2: protection engaged without a cipher suite");
    }
    /* RFC 8446 §5.1: "Application Data records MUST NOT be written to the wire unprotected" */
    if (type == TLS_CT_application_data && !d->is_protected) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.1: application data must not be written unprotected");
    }
    /* RFC 8446 §5.4: "Implementations MUST NOT send Handshake and Alert records that have a
     * zero-length TLSInnerPlaintext.content" */
    if (len == 0 && type != TLS_CT_application_data) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.4: refusing to send a zero-length handshake or alert record");
    }
    /* Every record must hold at least one content byte next to its padding (§5.4 size limit). */
    if (d->is_protected && padding >= TLS_MAX_PLAINTEXT_LEN) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.4: padding leaves no room for content within 2^14 + 1");
    }
    return TLS_OK;
}

tls_result tls_record_write(struct tls_record_direction *d, uint8_t type, const uint8_t *content,
                            size_t len, size_t padding, struct tls_writer *w,
                            struct tls_error *err)
{
    TRY(check_write_allowed(d, type, len, padding, err));
    /* RFC 8446 Appendix D.4: the compatibility change_cipher_spec is a plaintext record even
     * after keys are installed (a protected one "MUST" be refused by the peer, §5), and it is
     * not protected, so it uses no sequence number. */
    if (type == TLS_CT_change_cipher_spec) {
        struct tls_record_direction plain;
        tls_record_direction_init(&plain);
        return write_plaintext_record(&plain, type, content, len, w, err);
    }
    /* RFC 8446 §5.1: "The record layer fragments information blocks into TLSPlaintext records
     * carrying data in chunks of 2^14 bytes or less." With padding, content + padding <= 2^14
     * keeps TLSInnerPlaintext within 2^14 + 1 (§5.4). */
    size_t chunk_max = d->is_protected ? TLS_MAX_PLAINTEXT_LEN - padding : TLS_MAX_PLAINTEXT_LEN;
    size_t off = 0;
    do {
        size_t chunk = len - off < chunk_max ? len - off : chunk_max;
        const uint8_t *piece = len > 0 ? content + off : content; /* no offset on NULL */
        if (d->is_protected) {
            TRY(write_protected_record(d, type, piece, chunk, padding, w, err));
        } else {
            TRY(write_plaintext_record(d, type, piece, chunk, w, err));
        }
        off += chunk;
    } while (off < len);
    return TLS_OK;
}
