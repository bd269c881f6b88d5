/*
 * checks_records.c — the graded checks of exercises records (RFC 8446 §5, §5.1) and decrypt
 * (§5.2-§5.4), on RFC 8448 §3's records (or a variant trace's). Inputs given to student code are
 * copied into buffers of exactly their size, so AddressSanitizer catches any read past the end.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const uint8_t ccs_record[] = {CT_CHANGE_CIPHER_SPEC, 0x03, 0x03, 0x00, 0x01, 0x01};

/* A heap copy of exactly n bytes (n may be 0: then one byte is allocated, none readable). */
static uint8_t *exact(const uint8_t *p, size_t n)
{
    uint8_t *b = malloc(n ? n : 1);
    if (b != NULL && n > 0) {
        memcpy(b, p, n);
    }
    return b;
}

/* read_record() on exactly data[0..len): result, consumed and record compared with want. */
static bool read_one(struct check *c, const uint8_t *data, size_t len, bool ccs_allowed,
                     course_result want, size_t want_consumed, const char *what,
                     struct course_record *rec_out)
{
    uint8_t *buf = exact(data, len);
    struct course_record rec;
    size_t consumed = 12345;
    memset(&rec, 0, sizeof(rec));
    course_result rc = read_record(buf, len, ccs_allowed, &rec, &consumed);
    bool ok = ck_rc(c, rc, want, "read_record()", what);
    if (!ok && rc != COURSE_TODO && len >= COURSE_RECORD_HEADER_LEN) {
        ck_note(c, "header:   %02x %02x %02x %02x %02x = type %u, legacy_record_version 0x%02x%02x, "
                   "length %u (bytes 3-4, big-endian: RFC 8446 §3.3 \"network byte order\"); %zu "
                   "bytes were given", data[0], data[1], data[2], data[3], data[4], data[0], data[1],
                data[2], (unsigned)(data[3] << 8 | data[4]), len);
    }
    if (ok && consumed != want_consumed) {
        ck_fail(c, "read_record() set *consumed = %zu, expected %zu", consumed, want_consumed);
        ck_note(c, "input:    %s", what);
        ck_note(c, "rule:     a record takes 5 header bytes + TLSPlaintext.length bytes of the stream; "
                   "with too few bytes nothing is consumed (RFC 8446 §5.1)");
        ok = false;
    }
    if (ok && want == COURSE_OK) {
        uint16_t length = (uint16_t)(data[3] << 8 | data[4]);
        if (rec.type != data[0] || rec.length != length) {
            ck_fail(c, "read_record() gave type %u length %u, expected type %u length %u",
                    rec.type, (unsigned)rec.length, data[0], (unsigned)length);
            ck_note(c, "rule:     type is byte 0; length is bytes 3-4, big-endian (network order, "
                       "RFC 8446 §3.3) of the header %02x %02x %02x %02x %02x", data[0], data[1],
                    data[2], data[3], data[4]);
            ok = false;
        } else if (rec.header != buf || rec.fragment != buf + COURSE_RECORD_HEADER_LEN) {
            ck_fail(c, "read_record() must point rec->header at the record's first byte and "
                       "rec->fragment 5 bytes after it (views into data, no copies)");
            ok = false;
        } else if (rec_out != NULL) {
            *rec_out = rec;
        }
    }
    free(buf);
    return ok;
}

bool check_records(struct check *c)
{
    const struct vectors *v = c->v;
    const struct tv *recs[] = {&v->server_hello_record, &v->server_flight_record, &v->nst_record,
                               &v->server_data_record, &v->server_alert_record};
    /* 1. The server's side of RFC 8448 §3 as one stream, a compatibility CCS after ServerHello */
    size_t total = sizeof(ccs_record);
    for (size_t i = 0; i < 5; i++) {
        total += recs[i]->len;
    }
    uint8_t *stream = malloc(total), *p = stream;
    memcpy(p, recs[0]->p, recs[0]->len);
    p += recs[0]->len;
    memcpy(p, ccs_record, sizeof(ccs_record));
    p += sizeof(ccs_record);
    for (size_t i = 1; i < 5; i++) {
        memcpy(p, recs[i]->p, recs[i]->len);
        p += recs[i]->len;
    }
    size_t off = 0;
    bool ok = true;
    char what[300];
    for (size_t i = 0; ok && i < 6; i++) {
        bool is_ccs = i == 1;
        const struct tv *r = is_ccs ? NULL : recs[i == 0 ? 0 : i - 1];
        snprintf(what, sizeof(what), "the server's records of %s §3 in one buffer, a ChangeCipherSpec "
                 "after ServerHello; this one is %s", c->trace_name,
                 is_ccs ? "the CCS 14 03 03 00 01 01, which RFC 8446 §5 says to drop (COURSE_DROP): "
                          "\"MUST simply drop it without further processing\""
                        : r->source);
        ok = read_one(c, stream + off, total - off, true, is_ccs ? COURSE_DROP : COURSE_OK,
                      is_ccs ? sizeof(ccs_record) : r->len, what, NULL);
        off += is_ccs ? sizeof(ccs_record) : r->len;
    }
    free(stream);
    if (!ok) {
        return false;
    }
    /* 2. Too few bytes: a header not complete, a body not complete */
    const size_t cuts[] = {0, 1, 4, 5, 6, v->server_hello_record.len - 1};
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        snprintf(what, sizeof(what), "only the first %zu of the %zu bytes of the ServerHello record: "
                 "wait for more (COURSE_NEED_MORE), RFC 8446 §5.1", cuts[i], v->server_hello_record.len);
        if (!read_one(c, v->server_hello_record.p, cuts[i], true, COURSE_NEED_MORE, 0, what, NULL)) {
            return false;
        }
    }
    /* 3. The ClientHello record says 0x0301: legacy_record_version "MUST be ignored" */
    if (!read_one(c, v->client_hello_record.p, v->client_hello_record.len, true, COURSE_OK,
                  v->client_hello_record.len,
                  "the ClientHello record, legacy_record_version 0x0301: RFC 8446 §5.1 "
                  "\"MUST be ignored for all purposes\"", NULL)) {
        return false;
    }
    /* 4. The §5 CCS rule and the header checks */
    static const uint8_t ccs_bad[] = {CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 0x02};
    static const uint8_t ccs_long[] = {CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 2, 0x01, 0x01};
    static const uint8_t unknown[] = {0x18, 3, 3, 0, 1, 0x00};
    static const uint8_t overflow[] = {CT_APPLICATION_DATA, 3, 3, 0x41, 0x01};
    static const uint8_t largest[] = {CT_APPLICATION_DATA, 3, 3, 0x41, 0x00};
    return read_one(c, ccs_record, sizeof(ccs_record), false, COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE), 0,
                    "a CCS when ccs_allowed is false: RFC 8446 §5 \"An implementation which receives "
                    "any other change_cipher_spec value or which receives a protected "
                    "change_cipher_spec record MUST abort the handshake with an "
                    "\"unexpected_message\" alert\" (and it may only arrive between ClientHello and "
                    "the peer's Finished)", NULL) &&
           read_one(c, ccs_bad, sizeof(ccs_bad), true, COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE), 0,
                    "a CCS whose byte is 0x02, not 0x01: RFC 8446 §5, unexpected_message", NULL) &&
           read_one(c, ccs_long, sizeof(ccs_long), true, COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE), 0,
                    "a CCS of 2 bytes: only the single byte 0x01 is dropped (RFC 8446 §5)", NULL) &&
           read_one(c, unknown, sizeof(unknown), true, COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE), 0,
                    "record type 24: RFC 8446 §5 \"If a TLS implementation receives an unexpected "
                    "record type, it MUST terminate the connection with an \"unexpected_message\" "
                    "alert\"", NULL) &&
           read_one(c, overflow, sizeof(overflow), true, COURSE_ALERT(ALERT_RECORD_OVERFLOW), 0,
                    "a header announcing 16641 bytes (2^14 + 257), body not yet received: RFC 8446 "
                    "§5.2 \"The length MUST NOT exceed 2^14 + 256 bytes. An endpoint that receives a "
                    "record that exceeds this length MUST terminate the connection with a "
                    "\"record_overflow\" alert\" (decide from the header: do not wait for the body)",
                    NULL) &&
           read_one(c, largest, sizeof(largest), true, COURSE_NEED_MORE, 0,
                    "a header announcing 16640 bytes (2^14 + 256, the largest allowed), body not yet "
                    "received: wait for it", NULL);
}

/* --- decrypt ----------------------------------------------------------------------------- */

static struct course_direction direction(const struct vectors *v, const struct tv *key,
                                         const struct tv *iv, const struct tv *secret)
{
    struct course_direction d;
    memset(&d, 0, sizeof(d));
    d.suite = v->suite;
    memcpy(d.key, key->p, key->len < sizeof(d.key) ? key->len : sizeof(d.key));
    memcpy(d.iv, iv->p, iv->len < sizeof(d.iv) ? iv->len : sizeof(d.iv));
    if (secret != NULL) {
        memcpy(d.secret, secret->p, secret->len < sizeof(d.secret) ? secret->len : sizeof(d.secret));
    }
    return d;
}

static void explain_nonce(struct check *c, const struct course_direction *d, uint64_t seq,
                          const uint8_t *header)
{
    uint8_t nonce[COURSE_IV_LEN];
    char h[64];
    memcpy(nonce, d->iv, sizeof(nonce));
    for (int i = 0; i < 8; i++) {
        nonce[COURSE_IV_LEN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
    }
    ck_note(c, "this record is number %llu under these keys: nonce = write_iv XOR %llu = %s "
               "(RFC 8446 §5.3: \"The 64-bit record sequence number is encoded in network byte "
               "order and padded to the left with zeros to iv_length\"; the sequence number is "
               "\"incremented after reading or writing each record\")",
            (unsigned long long)seq, (unsigned long long)seq, course_hex(nonce, sizeof(nonce), h, sizeof(h)));
    ck_note(c, "additional_data = the record's 5-byte header %02x %02x %02x %02x %02x (RFC 8446 §5.2)",
            header[0], header[1], header[2], header[3], header[4]);
}

/* decrypt_record() of one whole record; compares type and content. */
static bool decrypt_one(struct check *c, struct course_direction *d, const uint8_t *bytes,
                        size_t len, course_result want, uint8_t want_type, const uint8_t *want_content,
                        size_t want_len, const char *what, const char *source)
{
    struct course_record rec;
    size_t consumed = 0;
    uint8_t *buf = exact(bytes, len);
    uint8_t *out = malloc(len);
    struct course_plaintext pt = {0, NULL, 0};
    uint64_t seq = d->seq;
    bool ok = ref_read_record(buf, len, false, &rec, &consumed) == COURSE_OK;
    if (!ok) {
        ck_fail(c, "grader error: cannot frame %s", what);
    } else {
        course_result rc = decrypt_record(d, &rec, out, len, &pt);
        char why[400];
        snprintf(why, sizeof(why), "%s", what);
        ok = ck_rc(c, rc, want, "decrypt_record()", why);
        if (!ok && rc != COURSE_TODO && want == COURSE_OK) {
            explain_nonce(c, d, seq, buf);
        }
    }
    if (ok && want == COURSE_OK) {
        if (pt.type != want_type) {
            ck_fail(c, "decrypt_record() gave content type %u, expected %u (%s)", pt.type, want_type,
                    what);
            ck_note(c, "rule:     TLSInnerPlaintext = content || ContentType type || zeros; the type "
                       "is the last NON-ZERO byte, found by scanning from the end (RFC 8446 §5.4)");
            ok = false;
        } else {
            ok = ck_bytes_computed(c, "the decrypted content", "decrypt_record()",
                                   "TLSInnerPlaintext.content: the plaintext without the type byte and "
                                   "the zero padding (RFC 8446 §5.2, §5.4)",
                                   want_content, want_len, source, pt.content, pt.length,
                                   "decrypt.c: strip the padding (zeros at the end), then the type "
                                   "byte; `tls13 decode --keylog` shows the contents of your capture");
        }
        if (ok && d->seq != seq + 1) {
            ck_fail(c, "after decrypting one record the sequence number is %llu, expected %llu",
                    (unsigned long long)d->seq, (unsigned long long)seq + 1);
            ck_note(c, "rule:     RFC 8446 §5.3: the sequence number is incremented after reading "
                       "each record; the next record's nonce depends on it");
            ok = false;
        }
    }
    free(buf);
    free(out);
    return ok;
}

static bool encrypt_one(struct check *c, struct course_direction *d, uint8_t type,
                        const struct tv *content, const struct tv *record, const char *what)
{
    uint8_t *in = exact(content->p, content->len);
    size_t cap = content->len + 256 + COURSE_RECORD_HEADER_LEN;
    uint8_t *out = malloc(cap);
    size_t out_len = 0;
    uint64_t seq = d->seq;
    course_result rc = encrypt_record(d, type, in, content->len, out, cap, &out_len);
    bool ok = ck_rc(c, rc, COURSE_OK, "encrypt_record()", what);
    if (ok) {
        ok = ck_bytes(c, "the protected record", "encrypt_record()",
                      "TLSCiphertext = header (23, 0x0303, length) || AEAD-Encrypt(write_key, nonce, "
                      "header, content || type) (RFC 8446 §5.2, nonce §5.3)",
                      record, out, out_len > cap ? cap : out_len,
                      "decrypt.c encrypt_record(): the header comes first and is the AAD; the length "
                      "in it counts the tag; the type byte goes after the content");
        if (!ok) {
            explain_nonce(c, d, seq, record->p);
        }
    }
    if (ok && d->seq != seq + 1) {
        ck_fail(c, "after encrypting one record the sequence number is %llu, expected %llu",
                (unsigned long long)d->seq, (unsigned long long)seq + 1);
        ck_note(c, "rule:     RFC 8446 §5.3: incremented after writing each record");
        ok = false;
    }
    free(in);
    free(out);
    return ok;
}

bool check_decrypt(struct check *c)
{
    const struct vectors *v = c->v;
    char what[400];
    /* 1. The server's encrypted handshake flight, server handshake keys, sequence number 0 */
    struct course_direction shs = direction(v, &v->server_hs_key, &v->server_hs_iv, NULL);
    snprintf(what, sizeof(what), "%s with the server handshake key and iv of %s §3 (sequence 0)",
             v->server_flight_record.source, c->trace_name);
    if (!decrypt_one(c, &shs, v->server_flight_record.p, v->server_flight_record.len, COURSE_OK,
                     CT_HANDSHAKE, v->server_flight_payload.p, v->server_flight_payload.len, what,
                     v->server_flight_payload.source)) {
        return false;
    }
    /* 2. Three records under the server application keys: sequence numbers 0, 1, 2 */
    struct course_direction sap = direction(v, &v->server_ap_key, &v->server_ap_iv, NULL);
    const struct tv *recs[3][2] = {{&v->nst_record, &v->nst_payload},
                                   {&v->server_data_record, &v->server_data_payload},
                                   {&v->server_alert_record, &v->server_alert_payload}};
    const uint8_t types[3] = {CT_HANDSHAKE, CT_APPLICATION_DATA, CT_ALERT};
    for (int i = 0; i < 3; i++) {
        snprintf(what, sizeof(what), "%s: record %d under the server application keys, so sequence "
                 "number %d", recs[i][0]->source, i + 1, i);
        if (!decrypt_one(c, &sap, recs[i][0]->p, recs[i][0]->len, COURSE_OK, types[i],
                         recs[i][1]->p, recs[i][1]->len, what, recs[i][1]->source)) {
            return false;
        }
    }
    /* 3. Padding (the project seals a record with 10 zero bytes of padding, sequence 3) */
    static const uint8_t text[] = "padded data\n";
    uint8_t padded[128];
    size_t padded_len = 0;
    struct course_direction seal = sap;
    if (ref_encrypt_record_padded(&seal, CT_APPLICATION_DATA, text, sizeof(text) - 1, 10, padded,
                                  sizeof(padded), &padded_len) != COURSE_OK) {
        ck_fail(c, "grader error: cannot seal the padded record");
        return false;
    }
    if (!decrypt_one(c, &sap, padded, padded_len, COURSE_OK, CT_APPLICATION_DATA, text,
                     sizeof(text) - 1,
                     "a record sealed by the project under the server application keys (sequence "
                     "3) with 10 zero bytes of padding: RFC 8446 §5.4 \"the receiving "
                     "implementation scans the field from the end toward the beginning until it "
                     "finds a non-zero octet\"",
                     "the project's tls_record_write(), 12 bytes \"padded data\\n\" + type 23 + 10 zeros")) {
        return false;
    }
    /* 4. A record changed in transit; 5. an inner plaintext of zeros only */
    uint8_t bad[128];
    memcpy(bad, padded, padded_len);
    bad[padded_len - 1] ^= 0x01;
    struct course_direction again = sap;
    again.seq = 3;
    if (!decrypt_one(c, &again, bad, padded_len, COURSE_ALERT(ALERT_BAD_RECORD_MAC), 0, NULL, 0,
                     "the padded record with its last byte (tag) changed: RFC 8446 §5.2 \"If the "
                     "decryption fails, the receiver MUST terminate the connection with a "
                     "\"bad_record_mac\" alert\"", NULL)) {
        return false;
    }
    uint8_t zeros[8] = {0}, nonce[COURSE_IV_LEN];
    uint8_t empty[COURSE_RECORD_HEADER_LEN + sizeof(zeros) + COURSE_TAG_LEN] = {
        CT_APPLICATION_DATA, 3, 3, 0, sizeof(zeros) + COURSE_TAG_LEN};
    memcpy(nonce, sap.iv, sizeof(nonce));
    nonce[COURSE_IV_LEN - 1] ^= (uint8_t)sap.seq;
    course_aead_seal(v->suite, sap.key, nonce, empty, COURSE_RECORD_HEADER_LEN, zeros, sizeof(zeros),
                     empty + COURSE_RECORD_HEADER_LEN);
    if (!decrypt_one(c, &sap, empty, sizeof(empty), COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE), 0, NULL,
                     0, "a record whose TLSInnerPlaintext is 8 zero bytes, no content type: RFC "
                        "8446 §5.4 \"If a receiving implementation does not find a non-zero octet "
                        "in the cleartext, it MUST terminate the connection with an "
                        "\"unexpected_message\" alert\"", NULL)) {
        return false;
    }
    /* 6. Sealing: the client's Finished (handshake keys), then data and close_notify */
    struct course_direction chs = direction(v, &v->client_hs_key, &v->client_hs_iv, NULL);
    struct course_direction cap = direction(v, &v->client_ap_key, &v->client_ap_iv, NULL);
    return encrypt_one(c, &chs, CT_HANDSHAKE, &v->client_finished, &v->client_finished_record,
                       "the client Finished under the client handshake keys (sequence 0)") &&
           encrypt_one(c, &cap, CT_APPLICATION_DATA, &v->client_data_payload, &v->client_data_record,
                       "the client's application data (client application keys, sequence 0)") &&
           encrypt_one(c, &cap, CT_ALERT, &v->client_alert_payload, &v->client_alert_record,
                       "the client's close_notify (client application keys, sequence 1)");
}
