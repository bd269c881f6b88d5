/*
 * negative_rows_post.c — rows after a completed handshake (RFC 8446 §4.6, §5, §6), post-handshake
 * messages sent before the handshake ended (PH-01, PH-07), and the must-accept controls (OK-xx).
 *
 * Post-handshake rows run RFC 8448 §3's genuine handshake first, then feed records sealed with
 * server_application_traffic_secret_0 (the harness derives it, and its next generations, from the
 * flight) to tls_client_open. The client's alert is then protected under
 * client_application_traffic_secret_0 (the client has sent nothing under it yet).
 *
 * Must-accept rows either change only what no signature covers (records, CCS, framing), so RFC
 * 8448's CertificateVerify still verifies, or change signed messages and have the harness re-sign
 * (negative_sign.h); either way the harness checks the client's last flight against its own.
 */
#include "support/negative_rows.h"

#include <string.h>

#include "common/error.h"
#include "support/negative_sign.h"

enum { CCS = 20, ALERT = 21, HANDSHAKE = 22, APP_DATA = 23 };

static uint8_t buf[NEG_STREAM_CAP];

/* ---- post-handshake ----------------------------------------------------------------------------- */

static void post_message(struct neg_server *s, uint8_t type, const uint8_t *body, size_t len)
{
    struct neg_msg m;
    neg_set(&m, type, body, len);
    neg_post(s, HANDSHAKE, m.b, m.len);
}

static void ccs03_plaintext_ccs_after_finished(struct neg_server *s)
{
    static const uint8_t one[1] = {1};
    neg_post_plain(s, CCS, one, 1);
}

static void ccs03_protected_ccs_after_finished(struct neg_server *s)
{
    static const uint8_t one[1] = {1};
    neg_post(s, CCS, one, 1);
}

static void ph02_request_update_2(struct neg_server *s)
{
    static const uint8_t request[1] = {2};
    post_message(s, 24, request, 1);
}

static void ph03_key_update_empty(struct neg_server *s)
{
    post_message(s, 24, NULL, 0);
}

static void ph03_key_update_2_bytes(struct neg_server *s)
{
    static const uint8_t request[2] = {0, 0};
    post_message(s, 24, request, 2);
}

static void ph04_next_key_before_key_update(struct neg_server *s)
{
    static const uint8_t data[5] = {'e', 'a', 'r', 'l', 'y'};
    neg_post_next_generation(s);
    neg_post(s, APP_DATA, data, sizeof(data));
}

static void ph05_33_key_updates(struct neg_server *s)
{
    static const uint8_t not_requested[1] = {0};
    for (int i = 0; i < 33; i++) {
        post_message(s, 24, not_requested, 1);
        neg_post_next_generation(s);
    }
}

/* NewSessionTicket: lifetime(4) age_add(4) nonce<0..255> ticket<1..2^16-1> extensions<0..2^16-2> */
static void ph06_empty_ticket(struct neg_server *s)
{
    static const uint8_t nst[] = {0, 0, 0, 30, 1, 2, 3, 4, 1, 0, 0, 0, 0, 0};
    post_message(s, 4, nst, sizeof(nst));
}

static void ph06_bad_extensions_block(struct neg_server *s)
{
    static const uint8_t nst[] = {0, 0, 0, 30, 1, 2, 3, 4, 1, 0, 0, 1, 0xaa, 0, 3, 0x77, 0x77};
    post_message(s, 4, nst, sizeof(nst));
}

static void sh05_ticket_two_early_data(struct neg_server *s)
{
    static const uint8_t nst[] = {0, 0, 0, 30, 1, 2, 3, 4, 1, 0, 0, 1, 0xaa, 0, 16,
                                  0, 42, 0, 4, 0, 0, 4, 0, 0, 42, 0, 4, 0, 0, 4, 0};
    post_message(s, 4, nst, sizeof(nst));
}

static void ph08_certificate_request(struct neg_server *s)
{
    static const uint8_t cr[] = {1, 0x42, 0, 8, 0, 13, 0, 4, 0, 2, 8, 4};
    post_message(s, 13, cr, sizeof(cr));
}

static void ph08_server_hello(struct neg_server *s)
{
    neg_post(s, HANDSHAKE, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

static void ph08_encrypted_extensions(struct neg_server *s)
{
    neg_post(s, HANDSHAKE, s->msg[NEG_EE].b, s->msg[NEG_EE].len);
}

static void ph08_certificate(struct neg_server *s)
{
    neg_post(s, HANDSHAKE, s->msg[NEG_CERT].b, s->msg[NEG_CERT].len);
}

static void ph08_finished(struct neg_server *s)
{
    neg_post(s, HANDSHAKE, s->msg[NEG_FIN].b, s->msg[NEG_FIN].len);
}

static void ph08_unknown_type(struct neg_server *s)
{
    static const uint8_t body[2] = {1, 2};
    post_message(s, 0x7f, body, sizeof(body));
}

static void sm04_end_of_early_data_after(struct neg_server *s)
{
    post_message(s, 5, NULL, 0);
}

static void sm05_hello_request_after(struct neg_server *s)
{
    post_message(s, 0, NULL, 0);
}

/* REC-11: a KeyUpdate is the last message before a key change; more bytes follow it here. */
static void rec11_key_update_with_more(struct neg_server *s)
{
    static const uint8_t two[] = {24, 0, 0, 1, 0, 24, 0, 0, 1, 0};
    neg_post(s, HANDSHAKE, two, sizeof(two));
}

static void rec04_flipped_app_data(struct neg_server *s)
{
    static const uint8_t data[5] = {'h', 'e', 'l', 'l', 'o'};
    neg_post(s, APP_DATA, data, sizeof(data));
    s->post[s->post_len - 3] ^= 0x04;
}

static void rec06_empty_handshake_after(struct neg_server *s)
{
    neg_post(s, HANDSHAKE, NULL, 0);
}

static void dos01_33_empty_records(struct neg_server *s)
{
    for (int i = 0; i < 33; i++) {
        neg_post(s, APP_DATA, NULL, 0);
    }
}

static void dos02_5_user_canceled(struct neg_server *s)
{
    static const uint8_t user_canceled[2] = {1, 90};
    for (int i = 0; i < 5; i++) {
        neg_post(s, ALERT, user_canceled, sizeof(user_canceled));
    }
}

static void alr02_warning_error_alert_after(struct neg_server *s)
{
    static const uint8_t alert[2] = {1, 20}; /* warning bad_record_mac */
    neg_post(s, ALERT, alert, sizeof(alert));
}

static void alr03_fatal_alert_after(struct neg_server *s)
{
    static const uint8_t alert[2] = {2, 80}; /* fatal internal_error */
    neg_post(s, ALERT, alert, sizeof(alert));
}

/* ---- PH (before the handshake ends) ------------------------------------------------------------- */

static void ph01_key_update_before_finished(struct neg_server *s)
{
    static const uint8_t key_update[5] = {24, 0, 0, 1, 0};
    neg_insert(s, NEG_FIN, key_update, sizeof(key_update));
}

static void ph07_ticket_before_finished(struct neg_server *s)
{
    /* lifetime 30, age_add, nonce<1> 00, ticket<2> 0001 aa, extensions<0> */
    static const uint8_t nst[] = {4, 0, 0, 16, 0, 0, 0, 30, 1, 2, 3, 4, 1, 0, 0, 1, 0xaa, 0, 0};
    neg_insert(s, NEG_FIN, nst, sizeof(nst));
}

#define POST(id, what, fn, alert) \
    {id, what, NEG_BASE_S3, fn, NEG_APP_ALERT, TLS_ALERT_##alert, NEG_AFTER_HANDSHAKE}
#define POST_PEER(id, what, fn, alert) \
    {id, what, NEG_BASE_S3, fn, NEG_PEER_ALERT, TLS_ALERT_##alert, NEG_AFTER_HANDSHAKE}

const struct neg_row neg_rows_post[] = {
    /* Post-handshake messages sent too early: refused in the handshake (handshake-key alert). */
    {"PH-01", "KeyUpdate before the server Finished", NEG_BASE_S3, ph01_key_update_before_finished, NEG_HS_ALERT, TLS_ALERT_unexpected_message, 0},
    {"PH-07", "NewSessionTicket before the server Finished", NEG_BASE_S3, ph07_ticket_before_finished, NEG_HS_ALERT, TLS_ALERT_unexpected_message, 0},
    POST("CCS-03", "plaintext CCS after the server Finished", ccs03_plaintext_ccs_after_finished, unexpected_message),
    POST("CCS-03", "protected CCS after the server Finished", ccs03_protected_ccs_after_finished, unexpected_message),
    /* PH-02: the RFC's illegal_parameter (DIV-1). */
    POST("PH-02", "KeyUpdate request_update = 2", ph02_request_update_2, illegal_parameter),
    POST("PH-03", "KeyUpdate with an empty body", ph03_key_update_empty, decode_error),
    POST("PH-03", "KeyUpdate with a 2-byte body", ph03_key_update_2_bytes, decode_error),
    POST("PH-04", "next-generation key before any KeyUpdate", ph04_next_key_before_key_update, bad_record_mac),
    /* PH-05: bounded at 32 in a row (client_post_handshake.c), as BoringSSL. */
    POST("PH-05", "33 KeyUpdates without data", ph05_33_key_updates, unexpected_message),
    POST("PH-06", "NewSessionTicket with an empty ticket", ph06_empty_ticket, decode_error),
    POST("PH-06", "NewSessionTicket with a malformed extension block", ph06_bad_extensions_block, decode_error),
    POST("SH-05", "NewSessionTicket with early_data twice", sh05_ticket_two_early_data, illegal_parameter),
    POST("PH-08", "CertificateRequest without post_handshake_auth", ph08_certificate_request, unexpected_message),
    POST("PH-08", "ServerHello after the handshake", ph08_server_hello, unexpected_message),
    POST("PH-08", "EncryptedExtensions after the handshake", ph08_encrypted_extensions, unexpected_message),
    POST("PH-08", "Certificate after the handshake", ph08_certificate, unexpected_message),
    POST("PH-08", "Finished after the handshake", ph08_finished, unexpected_message),
    POST("PH-08", "unknown message type 0x7f after the handshake", ph08_unknown_type, unexpected_message),
    POST("SM-04", "EndOfEarlyData after the handshake", sm04_end_of_early_data_after, unexpected_message),
    POST("SM-05", "HelloRequest after the handshake", sm05_hello_request_after, unexpected_message),
    POST("REC-11", "KeyUpdate record carries another message", rec11_key_update_with_more, unexpected_message),
    POST("REC-04", "application data with a flipped bit", rec04_flipped_app_data, bad_record_mac),
    POST("REC-06", "empty protected handshake record after the handshake", rec06_empty_handshake_after, unexpected_message),
    POST("DOS-01", "33 empty application data records", dos01_33_empty_records, unexpected_message),
    POST("DOS-02", "5 user_canceled warnings", dos02_5_user_canceled, unexpected_message),
    POST_PEER("ALR-02", "warning-level bad_record_mac after the handshake", alr02_warning_error_alert_after, bad_record_mac),
    POST_PEER("ALR-03", "fatal internal_error after the handshake", alr03_fatal_alert_after, internal_error),
};
const size_t neg_rows_post_count = sizeof(neg_rows_post) / sizeof(neg_rows_post[0]);

/* ---- must accept -------------------------------------------------------------------------------- */

static void server_hello(struct neg_server *s)
{
    s->framed = true;
    neg_plain(s, HANDSHAKE, s->msg[NEG_SH].b, s->msg[NEG_SH].len);
}

static size_t flight(struct neg_server *s)
{
    return neg_concat(s, NEG_EE, s->count, buf);
}

static void ccs_records(struct neg_server *s, int n)
{
    static const uint8_t one[1] = {1};
    server_hello(s);
    for (int i = 0; i < n; i++) {
        neg_plain(s, CCS, one, 1);
    }
    neg_protected(s, HANDSHAKE, buf, flight(s), 0);
}

static void ok01_one_ccs(struct neg_server *s)
{
    ccs_records(s, 1);
}

static void ok01_32_ccs(struct neg_server *s)
{
    ccs_records(s, 32);
}

static void ok04_genuine(struct neg_server *s)
{
    (void)s;
}

/* §5.4: TLSInnerPlaintext up to 2^14 + 1 octets: the flight, its type, and padding to the limit. */
static void ok08_padding_to_the_limit(struct neg_server *s)
{
    server_hello(s);
    size_t n = flight(s);
    neg_protected(s, HANDSHAKE, buf, n, 16385 - n - 1);
}

static void ok08_one_record_per_message(struct neg_server *s)
{
    server_hello(s);
    for (size_t i = NEG_EE; i < s->count; i++) {
        neg_protected(s, HANDSHAKE, s->msg[i].b, s->msg[i].len, 0);
    }
}

static void ok08_one_byte_records(struct neg_server *s)
{
    s->framed = true;
    for (size_t i = 0; i < s->msg[NEG_SH].len; i++) {
        neg_plain(s, HANDSHAKE, s->msg[NEG_SH].b + i, 1);
    }
    size_t n = flight(s);
    for (size_t i = 0; i < n; i++) {
        neg_protected(s, HANDSHAKE, buf + i, 1, 0);
    }
}

/* DIV-9: a 4-byte handshake header split across records is legal. */
static void ok08_header_split(struct neg_server *s)
{
    server_hello(s);
    size_t n = flight(s);
    neg_protected(s, HANDSHAKE, buf, 2, 0);
    neg_protected(s, HANDSHAKE, buf + 2, n - 2, 3);
}

static void ok09_record_version_0301(struct neg_server *s)
{
    server_hello(s);
    neg_protected_version(s, HANDSHAKE, buf, flight(s), 0, 0x0301);
}

/*
 * Must-accept rows that change a message CertificateVerify signs: the harness re-signs it with
 * RFC 8448 §2's RSA key over the changed transcript and recomputes the server Finished.
 */
static void resign(struct neg_server *s)
{
    neg_resign_certificate_verify(s, true);
    s->fix_finished = true;
}

static void ok00_resigned_genuine(struct neg_server *s)
{
    resign(s); /* the signer itself: a new signature over the unchanged transcript */
}

static void ok02_legacy_version_0301(struct neg_server *s)
{
    s->msg[NEG_SH].b[4] = 3;
    s->msg[NEG_SH].b[5] = 1;
    resign(s);
}

/* RFC 7748 §5: X25519 "MUST mask the most significant bit in the final byte": same secret. */
static void ok03_x25519_high_bit(struct neg_server *s)
{
    struct neg_msg *m = &s->msg[NEG_SH];
    size_t at = neg_ext_find(m, neg_hello_extensions_at(m), 51);
    m->b[at + 8 + 31] |= 0x80;
    resign(s);
}

/* CertificateRequest with an unknown extension: ignored (§4.3.2); we would answer with an empty
 * Certificate. */
static void ok05_cr_unknown_extension(struct neg_server *s)
{
    static const uint8_t body[] = {0x00, 0x00, 0x0c, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04,
                                   0x77, 0x77, 0x00, 0x00};
    struct neg_msg m;
    neg_set(&m, 13, body, sizeof(body));
    neg_insert(s, NEG_CERT, m.b, m.len);
    resign(s);
}

/* A second CertificateEntry (a copy of the leaf) with status_request and an unknown extension. */
static void ok10_extensions_on_intermediate(struct neg_server *s)
{
    struct neg_msg *m = &s->msg[NEG_CERT];
    static uint8_t entry[NEG_MSG_CAP];
    size_t entry_len = m->len - 8; /* cert_data<3> .. extensions<2>: after context and list length */
    memcpy(entry, m->b + 8, entry_len);
    static const uint8_t exts[] = {0x00, 0x09, 0x00, 0x05, 0x00, 0x01, 0x00, 0x77, 0x77, 0x00, 0x00};
    memcpy(entry + entry_len - 2, exts, sizeof(exts));
    entry_len += sizeof(exts) - 2;
    size_t list = (size_t)(m->b[5] << 16 | m->b[6] << 8 | m->b[7]) + entry_len;
    neg_splice(m, m->len, 0, entry, entry_len);
    m->b[5] = (uint8_t)(list >> 16);
    m->b[6] = (uint8_t)(list >> 8);
    m->b[7] = (uint8_t)list;
    resign(s);
}

/* CV-02: a signature made with the client's context string (§4.4.3). */
static void cv02_client_context_string(struct neg_server *s)
{
    neg_resign_certificate_verify(s, false);
    s->fix_finished = true;
}


#define OK(id, what, fn) {id, what, NEG_BASE_S3, fn, NEG_ACCEPT, 0, 0}

const struct neg_row neg_rows_accept[] = {
    OK("OK-01", "one CCS after ServerHello", ok01_one_ccs),
    OK("OK-01", "32 CCS after ServerHello (the CCS-04 bound)", ok01_32_ccs),
    {"OK-04", "RFC 8448 §5 HelloRetryRequest (cookie + key_share)", NEG_BASE_S5, ok04_genuine, NEG_ACCEPT, 0, 0},
    OK("OK-08", "padding to 2^14 + 1", ok08_padding_to_the_limit),
    OK("OK-08", "one record per message", ok08_one_record_per_message),
    OK("OK-08", "1-byte records, ServerHello included", ok08_one_byte_records),
    OK("OK-08", "handshake header split across records", ok08_header_split),
    OK("OK-09", "protected record with legacy_record_version 0x0301", ok09_record_version_0301),
    /* OK-10: §3's own EncryptedExtensions carries supported_groups and an empty server_name ack. */
    OK("OK-10", "supported_groups and empty server_name in EE (RFC 8448 §3)", ok04_genuine),
    OK("OK-00", "harness check: CertificateVerify re-signed over the genuine transcript", ok00_resigned_genuine),
    OK("OK-02", "ServerHello legacy_version 0x0301 with supported_versions", ok02_legacy_version_0301),
    /* OK-03: the harness keys come from RFC 8448's shared secret: completing proves the mask. */
    OK("OK-03", "x25519 share with the top bit set", ok03_x25519_high_bit),
    OK("OK-05", "CertificateRequest with an unknown extension: empty Certificate + Finished", ok05_cr_unknown_extension),
    OK("OK-10", "extensions on a non-leaf CertificateEntry", ok10_extensions_on_intermediate),
    /* A correctly framed signature with the wrong context string: decrypt_error (§4.4.3). */
    {"CV-02", "CertificateVerify signed with the client context string", NEG_BASE_S3, cv02_client_context_string, NEG_HS_ALERT, TLS_ALERT_decrypt_error, 0},
};
const size_t neg_rows_accept_count = sizeof(neg_rows_accept) / sizeof(neg_rows_accept[0]);
