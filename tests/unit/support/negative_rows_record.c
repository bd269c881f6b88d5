/*
 * negative_rows_record.c — record layer (RFC 8446 §5), alerts (§6) and ChangeCipherSpec rows of the
 * malicious-server table: REC-01..REC-11, ALR-01..ALR-03, CCS-01, CCS-02, CCS-04.
 *
 * Each mutation writes the whole stream itself (s->framed): the ServerHello record as the RFC sent
 * it, then the misbehaving record(s).
 */
#include "support/negative_rows.h"

#include <string.h>

#include "common/error.h"

/* Content types (RFC 8446 §5.1). */
enum { CCS = 20, ALERT = 21, HANDSHAKE = 22, APP_DATA = 23 };

static uint8_t buf[NEG_STREAM_CAP];

static void server_hello(struct neg_server *s)
{
    s->framed = true;
    neg_plain(s, HANDSHAKE, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

/* The protected part of the flight (EE..Finished) into buf. */
static size_t flight(struct neg_server *s)
{
    return neg_concat(s, NEG_EE, s->count, buf);
}

/* ---- REC ---------------------------------------------------------------------------------------- */

/* REC-01: only the header is needed to know the record is too long. */
static void rec01_plaintext_over_2_14(struct neg_server *s)
{
    static const uint8_t header[5] = {HANDSHAKE, 3, 3, 0x40, 0x01}; /* 2^14 + 1 */
    s->framed = true;
    neg_raw(s, header, sizeof(header));
    neg_raw(s, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

static void rec02_ciphertext_over_2_14_256(struct neg_server *s)
{
    static const uint8_t header[5] = {APP_DATA, 3, 3, 0x41, 0x01}; /* 2^14 + 256 + 1 */
    server_hello(s);
    neg_raw(s, header, sizeof(header));
    memset(buf, 0xaa, 64);
    neg_raw(s, buf, 64);
}

/* TLSInnerPlaintext of content_len bytes (the flight, then zero bytes) + type + padding. */
static void inner_too_long(struct neg_server *s, size_t content_len, size_t padding)
{
    server_hello(s);
    memset(buf, 0, sizeof(buf));
    flight(s);
    neg_protected(s, HANDSHAKE, buf, content_len, padding);
}

static void rec03_inner_16384_plus_pad(struct neg_server *s)
{
    inner_too_long(s, 16384, 1);
}

static void rec03_inner_8193_plus_8192_pad(struct neg_server *s)
{
    inner_too_long(s, 8193, 8192);
}

static void rec04_flip_tag(struct neg_server *s)
{
    server_hello(s);
    neg_protected(s, HANDSHAKE, buf, flight(s), 0);
    s->stream[s->stream_len - 1] ^= 0x01;
}

static void rec04_flip_ciphertext(struct neg_server *s)
{
    server_hello(s);
    size_t at = s->stream_len;
    neg_protected(s, HANDSHAKE, buf, flight(s), 0);
    s->stream[at + 5] ^= 0x80;
}

static void rec05_all_zero_inner(struct neg_server *s)
{
    static const uint8_t zeros[8] = {0};
    server_hello(s);
    neg_protected_inner(s, zeros, sizeof(zeros));
}

static void rec05_empty_inner(struct neg_server *s)
{
    server_hello(s);
    neg_protected_inner(s, NULL, 0);
}

static void rec06_empty_protected_handshake(struct neg_server *s)
{
    server_hello(s);
    neg_protected(s, HANDSHAKE, NULL, 0, 0);
}

static void rec06_empty_protected_handshake_padded(struct neg_server *s)
{
    server_hello(s);
    neg_protected(s, HANDSHAKE, NULL, 0, 7);
}

static void rec06_empty_protected_alert(struct neg_server *s)
{
    server_hello(s);
    neg_protected(s, ALERT, NULL, 0, 0);
}

static void rec06_empty_plaintext_handshake(struct neg_server *s)
{
    s->framed = true;
    neg_plain(s, HANDSHAKE, NULL, 0);
    neg_plain(s, HANDSHAKE, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

static void undefined_type(struct neg_server *s, uint8_t type)
{
    static const uint8_t content[2] = {1, 2};
    s->framed = true;
    neg_plain(s, type, content, sizeof(content));
}

static void rec07_type_00(struct neg_server *s)
{
    undefined_type(s, 0x00);
}

static void rec07_type_19(struct neg_server *s)
{
    undefined_type(s, 0x19);
}

static void rec07_type_ff(struct neg_server *s)
{
    undefined_type(s, 0xff);
}

/* REC-08 / EE-07: EncryptedExtensions in a plaintext record once the keys are in place. */
static void rec08_plaintext_handshake_after_keys(struct neg_server *s)
{
    server_hello(s);
    neg_plain(s, HANDSHAKE, buf, flight(s));
}

static void rec08_inner_type_18(struct neg_server *s)
{
    server_hello(s);
    neg_protected(s, 0x18, buf, flight(s), 0);
}

static void rec08_inner_type_80(struct neg_server *s)
{
    server_hello(s);
    neg_protected(s, 0x80, buf, flight(s), 0);
}

static void rec09_plaintext_app_data_first(struct neg_server *s)
{
    static const uint8_t data[5] = {'h', 'e', 'l', 'l', 'o'};
    s->framed = true;
    neg_plain(s, APP_DATA, data, sizeof(data));
    neg_plain(s, HANDSHAKE, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

static void rec09_app_data_under_handshake_key(struct neg_server *s)
{
    static const uint8_t data[5] = {'h', 'e', 'l', 'l', 'o'};
    server_hello(s);
    neg_protected(s, APP_DATA, data, sizeof(data), 0);
    neg_protected(s, HANDSHAKE, buf, flight(s), 0);
}

/* REC-10: EncryptedExtensions split after 10 bytes, another record between the halves. */
static void interleaved(struct neg_server *s, uint8_t type, bool plaintext)
{
    static const uint8_t content[2] = {1, 90}; /* alert: warning user_canceled; CCS: 0x01 */
    server_hello(s);
    size_t n = flight(s);
    neg_protected(s, HANDSHAKE, buf, 10, 0);
    if (plaintext) {
        neg_plain(s, type, content, 1); /* a CCS: 0x01 */
    } else {
        neg_protected(s, type, content, 2, 0);
    }
    neg_protected(s, HANDSHAKE, buf + 10, n - 10, 0);
}

static void rec10_alert_between_fragments(struct neg_server *s)
{
    interleaved(s, ALERT, false);
}

static void rec10_ccs_between_fragments(struct neg_server *s)
{
    interleaved(s, CCS, true);
}

static void rec10_app_data_between_fragments(struct neg_server *s)
{
    interleaved(s, APP_DATA, false);
}

/* REC-11: the ServerHello record also carries the first bytes of EncryptedExtensions. */
static void rec11_server_hello_with_ee_bytes(struct neg_server *s)
{
    s->framed = true;
    size_t n = neg_concat(s, NEG_SH, NEG_EE + 1, buf);
    neg_plain(s, HANDSHAKE, buf, n - 6);
}

/* REC-11: the Finished record also carries the start of the next message (a NewSessionTicket). */
static void rec11_finished_with_trailing_message(struct neg_server *s)
{
    server_hello(s);
    size_t n = flight(s);
    static const uint8_t next[3] = {4, 0, 0};
    memcpy(buf + n, next, sizeof(next));
    neg_protected(s, HANDSHAKE, buf, n + sizeof(next), 0);
}

/* ---- ALR ---------------------------------------------------------------------------------------- */

static void alert_first(struct neg_server *s, uint8_t level, uint8_t description)
{
    uint8_t alert[2] = {level, description};
    s->framed = true;
    neg_plain(s, ALERT, alert, sizeof(alert));
}

static void alr01_one_byte_alert(struct neg_server *s)
{
    static const uint8_t alert[1] = {2};
    s->framed = true;
    neg_plain(s, ALERT, alert, sizeof(alert));
}

static void alr01_two_alerts_in_one_record(struct neg_server *s)
{
    static const uint8_t alerts[4] = {1, 90, 1, 90};
    server_hello(s);
    neg_protected(s, ALERT, alerts, sizeof(alerts), 0);
}

static void alr02_warning_handshake_failure(struct neg_server *s)
{
    alert_first(s, 1, 40);
}

static void alr02_fatal_unknown_description(struct neg_server *s)
{
    alert_first(s, 2, 0xfe);
}

static void alr02_warning_unknown_description(struct neg_server *s)
{
    alert_first(s, 1, 0xfe);
}

static void alr03_fatal_handshake_failure(struct neg_server *s)
{
    alert_first(s, 2, 40);
}

static void alr03_protected_decrypt_error(struct neg_server *s)
{
    static const uint8_t alert[2] = {2, 51};
    server_hello(s);
    neg_protected(s, ALERT, alert, sizeof(alert), 0);
}

static void alr03_close_notify_in_handshake(struct neg_server *s)
{
    static const uint8_t alert[2] = {1, 0};
    server_hello(s);
    neg_protected(s, ALERT, alert, sizeof(alert), 0);
}

/* ---- CCS ---------------------------------------------------------------------------------------- */

static void bad_ccs(struct neg_server *s, const uint8_t *body, size_t len)
{
    server_hello(s);
    neg_plain(s, CCS, body, len);
    neg_protected(s, HANDSHAKE, buf, flight(s), 0);
}

static void ccs01_body_02(struct neg_server *s)
{
    static const uint8_t body[1] = {2};
    bad_ccs(s, body, 1);
}

static void ccs01_body_01_01(struct neg_server *s)
{
    static const uint8_t body[2] = {1, 1};
    bad_ccs(s, body, 2);
}

static void ccs01_empty(struct neg_server *s)
{
    bad_ccs(s, NULL, 0);
}

static void ccs01_body_02_before_server_hello(struct neg_server *s)
{
    static const uint8_t body[1] = {2};
    s->framed = true;
    neg_plain(s, CCS, body, 1);
    neg_plain(s, HANDSHAKE, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

static void ccs02_protected_ccs(struct neg_server *s)
{
    static const uint8_t body[1] = {1};
    server_hello(s);
    neg_protected(s, CCS, body, 1, 0);
}

static void ccs04_33_ccs_records(struct neg_server *s)
{
    static const uint8_t body[1] = {1};
    server_hello(s);
    for (int i = 0; i < 33; i++) {
        neg_plain(s, CCS, body, 1);
    }
    neg_protected(s, HANDSHAKE, buf, flight(s), 0);
}

#define ROW(id, what, fn, expect, alert) {id, what, NEG_BASE_S3, fn, expect, TLS_ALERT_##alert, 0}

const struct neg_row neg_rows_record[] = {
    ROW("REC-01", "plaintext record length 2^14+1", rec01_plaintext_over_2_14, NEG_PLAIN_ALERT, record_overflow),
    ROW("REC-02", "TLSCiphertext.length 2^14+256+1", rec02_ciphertext_over_2_14_256, NEG_HS_ALERT, record_overflow),
    ROW("REC-03", "TLSInnerPlaintext 16384 + type + 1 padding", rec03_inner_16384_plus_pad, NEG_HS_ALERT, record_overflow),
    ROW("REC-03", "TLSInnerPlaintext 8193 + type + 8192 padding", rec03_inner_8193_plus_8192_pad, NEG_HS_ALERT, record_overflow),
    ROW("REC-04", "one bit flipped in the AEAD tag", rec04_flip_tag, NEG_HS_ALERT, bad_record_mac),
    ROW("REC-04", "one bit flipped in the ciphertext", rec04_flip_ciphertext, NEG_HS_ALERT, bad_record_mac),
    /* DIV-2: the RFC's unexpected_message, not BoringSSL's decrypt_error. */
    ROW("REC-05", "inner plaintext all zero bytes", rec05_all_zero_inner, NEG_HS_ALERT, unexpected_message),
    ROW("REC-05", "inner plaintext empty", rec05_empty_inner, NEG_HS_ALERT, unexpected_message),
    ROW("REC-06", "protected handshake record with no content", rec06_empty_protected_handshake, NEG_HS_ALERT, unexpected_message),
    ROW("REC-06", "protected handshake record: no content, 7 padding", rec06_empty_protected_handshake_padded, NEG_HS_ALERT, unexpected_message),
    ROW("REC-06", "protected alert record with no content", rec06_empty_protected_alert, NEG_HS_ALERT, unexpected_message),
    ROW("REC-06", "plaintext handshake record of length 0", rec06_empty_plaintext_handshake, NEG_PLAIN_ALERT, unexpected_message),
    ROW("REC-07", "record type 0x00", rec07_type_00, NEG_PLAIN_ALERT, unexpected_message),
    ROW("REC-07", "record type 0x19", rec07_type_19, NEG_PLAIN_ALERT, unexpected_message),
    ROW("REC-07", "record type 0xff", rec07_type_ff, NEG_PLAIN_ALERT, unexpected_message),
    /* DIV-3: unexpected_message (RFC §5), not BoringSSL's decode_error. */
    ROW("REC-08", "plaintext handshake record after the keys", rec08_plaintext_handshake_after_keys, NEG_HS_ALERT, unexpected_message),
    ROW("REC-08", "inner type 0x18", rec08_inner_type_18, NEG_HS_ALERT, unexpected_message),
    ROW("REC-08", "inner type 0x80", rec08_inner_type_80, NEG_HS_ALERT, unexpected_message),
    ROW("REC-09", "plaintext application data before ServerHello", rec09_plaintext_app_data_first, NEG_PLAIN_ALERT, unexpected_message),
    ROW("REC-09", "application data under the handshake key", rec09_app_data_under_handshake_key, NEG_HS_ALERT, unexpected_message),
    ROW("REC-10", "alert between two fragments of EE", rec10_alert_between_fragments, NEG_HS_ALERT, unexpected_message),
    ROW("REC-10", "CCS between two fragments of EE", rec10_ccs_between_fragments, NEG_HS_ALERT, unexpected_message),
    ROW("REC-10", "application data between two fragments of EE", rec10_app_data_between_fragments, NEG_HS_ALERT, unexpected_message),
    ROW("REC-11", "ServerHello record carries EE bytes", rec11_server_hello_with_ee_bytes, NEG_PLAIN_ALERT, unexpected_message),
    ROW("REC-11", "Finished record carries the next message's bytes", rec11_finished_with_trailing_message, NEG_HS_ALERT, unexpected_message),
    /* ALR-01: ≈ decode_error (§5.1: an alert record holds exactly one 2-byte alert). */
    ROW("ALR-01", "alert record of 1 byte", alr01_one_byte_alert, NEG_PLAIN_ALERT, decode_error),
    ROW("ALR-01", "two alerts in one record", alr01_two_alerts_in_one_record, NEG_HS_ALERT, decode_error),
    ROW("ALR-02", "warning-level handshake_failure", alr02_warning_handshake_failure, NEG_PEER_ALERT, handshake_failure),
    {"ALR-02", "fatal alert with unknown description 0xfe", NEG_BASE_S3, alr02_fatal_unknown_description, NEG_PEER_ALERT, 0xfe, 0},
    {"ALR-02", "warning alert with unknown description 0xfe", NEG_BASE_S3, alr02_warning_unknown_description, NEG_PEER_ALERT, 0xfe, 0},
    ROW("ALR-03", "fatal handshake_failure instead of ServerHello", alr03_fatal_handshake_failure, NEG_PEER_ALERT, handshake_failure),
    ROW("ALR-03", "protected fatal decrypt_error after ServerHello", alr03_protected_decrypt_error, NEG_PEER_ALERT, decrypt_error),
    ROW("ALR-03", "close_notify during the handshake", alr03_close_notify_in_handshake, NEG_PEER_ALERT, close_notify),
    ROW("CCS-01", "CCS body 0x02", ccs01_body_02, NEG_HS_ALERT, unexpected_message),
    ROW("CCS-01", "CCS body 01 01", ccs01_body_01_01, NEG_HS_ALERT, unexpected_message),
    ROW("CCS-01", "CCS body empty", ccs01_empty, NEG_HS_ALERT, unexpected_message),
    ROW("CCS-01", "CCS body 0x02 before ServerHello", ccs01_body_02_before_server_hello, NEG_PLAIN_ALERT, unexpected_message),
    ROW("CCS-02", "CCS inside a protected record", ccs02_protected_ccs, NEG_HS_ALERT, unexpected_message),
    /* DIV-8: at most 32 compatibility CCS records (record/protect.h TLS_MAX_CCS_RECORDS). */
    ROW("CCS-04", "33 CCS records before Finished", ccs04_33_ccs_records, NEG_HS_ALERT, unexpected_message),
};
const size_t neg_rows_record_count = sizeof(neg_rows_record) / sizeof(neg_rows_record[0]);
