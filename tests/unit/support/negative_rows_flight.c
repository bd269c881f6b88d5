/*
 * negative_rows_flight.c — rows on the server's encrypted flight (RFC 8446 §4.3, §4.4, §4 order):
 * EE-01..EE-07, CR-01..CR-02, CRT-01..CRT-04, CRT-07, CV-01..CV-05, FIN-01..FIN-03, SM-01..SM-06,
 * and SH-05 (duplicates) in EE and a CertificateEntry, on RFC 8448 §3. CRT-05 (chain checks) is in
 * negative_rows_chain.c.
 *
 * Every row fails after ServerHello, so the client's alert is protected under
 * client_handshake_traffic_secret. The §3 messages (offsets below include the 4-byte header):
 *   EncryptedExtensions  08 000024 | extensions<0022>: supported_groups, record_size_limit, server_name
 *   Certificate          0b 0001b9 | context<00> | certificate_list<0001b5>:
 *                          cert_data<0001b0> (432 bytes) | extensions<0000>
 *   CertificateVerify    0f 000084 | 0804 (rsa_pss_rsae_sha256) | signature<0080>
 *   Finished             14 000020 | verify_data (32)
 */
#include "support/negative_rows.h"

#include <string.h>

#include "common/error.h"

enum { EE_EXTS_AT = 4 };
enum { CERT_CONTEXT_AT = 4, CERT_LIST_AT = 5, CERT_DATA_LEN_AT = 8, CERT_DATA_AT = 11 };
enum { CV_SCHEME_AT = 4, CV_SIG_LEN_AT = 6, CV_SIG_AT = 8 };

static struct neg_msg *msg(struct neg_server *s, size_t i)
{
    return &s->msg[i];
}

static void ee_add(struct neg_server *s, uint16_t type, const uint8_t *data, size_t len)
{
    neg_ext_add(msg(s, NEG_EE), EE_EXTS_AT, type, data, len);
}

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16);
    put16(p + 1, v);
}

static size_t get24(const uint8_t *p)
{
    return (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2];
}

/* ---- EE ----------------------------------------------------------------------------------------- */

static void ee01_key_share(struct neg_server *s)
{
    uint8_t share[36] = {0x00, 0x1d, 0x00, 0x20};
    memset(share + 4, 0x44, 32);
    ee_add(s, 51, share, sizeof(share));
}

static void ee01_supported_versions(struct neg_server *s)
{
    static const uint8_t v[2] = {3, 4};
    ee_add(s, 43, v, sizeof(v));
}

static void ee01_cookie(struct neg_server *s)
{
    static const uint8_t cookie[3] = {0, 1, 0x42};
    ee_add(s, 44, cookie, sizeof(cookie));
}

static void ee02_signature_algorithms(struct neg_server *s)
{
    static const uint8_t algs[4] = {0, 2, 8, 4};
    ee_add(s, 13, algs, sizeof(algs));
}

static void ee02_psk_key_exchange_modes(struct neg_server *s)
{
    static const uint8_t modes[2] = {1, 1};
    ee_add(s, 45, modes, sizeof(modes));
}

static void ee02_padding(struct neg_server *s)
{
    static const uint8_t zeros[4] = {0};
    ee_add(s, 21, zeros, sizeof(zeros));
}

static void ee03_alpn(struct neg_server *s)
{
    static const uint8_t alpn[5] = {0, 3, 2, 'h', '2'};
    ee_add(s, 16, alpn, sizeof(alpn));
}

static void ee03_unknown(struct neg_server *s)
{
    ee_add(s, 0x7777, NULL, 0);
}

static void ee03_grease(struct neg_server *s)
{
    ee_add(s, 0x2a2a, NULL, 0);
}

static void ee03_extended_master_secret(struct neg_server *s)
{
    ee_add(s, 23, NULL, 0);
}

static void ee03_ec_point_formats(struct neg_server *s)
{
    static const uint8_t formats[2] = {1, 0};
    ee_add(s, 11, formats, sizeof(formats));
}

static void ee03_renegotiation_info(struct neg_server *s)
{
    static const uint8_t empty[1] = {0};
    ee_add(s, 0xff01, empty, sizeof(empty));
}

static void ee03_session_ticket(struct neg_server *s)
{
    ee_add(s, 35, NULL, 0);
}

/* SH-05 in EE: supported_groups twice (the core: illegal_parameter for any duplicate). */
static void sh05_ee_duplicate(struct neg_server *s)
{
    static const uint8_t groups[4] = {0, 2, 0, 0x1d};
    ee_add(s, 10, groups, sizeof(groups));
}

static void ee04_empty_body(struct neg_server *s)
{
    neg_set(msg(s, NEG_EE), 8, NULL, 0);
}

static void ee04_extensions_length_plus_1(struct neg_server *s)
{
    msg(s, NEG_EE)->b[EE_EXTS_AT + 1]++;
}

static void ee04_trailing_byte(struct neg_server *s)
{
    static const uint8_t extra[1] = {0};
    neg_splice(msg(s, NEG_EE), msg(s, NEG_EE)->len, 0, extra, 1);
}

static void ee05_server_name_with_body(struct neg_server *s)
{
    static const uint8_t body[2] = {0, 0};
    neg_ext_set(msg(s, NEG_EE), EE_EXTS_AT, 0, body, sizeof(body));
}

static void ee05_max_fragment_length_unrequested(struct neg_server *s)
{
    static const uint8_t code[1] = {1};
    ee_add(s, 1, code, sizeof(code));
}

static void ee06_early_data(struct neg_server *s)
{
    ee_add(s, 42, NULL, 0);
}

static void ee07_plaintext_ee(struct neg_server *s)
{
    s->framed = true;
    neg_plain(s, 22, msg(s, NEG_SH)->b, msg(s, NEG_SH)->len);
    neg_plain(s, 22, msg(s, NEG_EE)->b, msg(s, NEG_EE)->len);
}

/* ---- CR ----------------------------------------------------------------------------------------- */

/* CertificateRequest: context<0..255> || extensions<2..2^16-1>, inserted after EE. */
static void insert_cr(struct neg_server *s, size_t at, const uint8_t *body, size_t len)
{
    struct neg_msg m;
    neg_set(&m, 13, body, len);
    neg_insert(s, at, m.b, m.len);
}

static const uint8_t CR_BODY[] = {0x00, 0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04};

static void cr01_context_in_handshake(struct neg_server *s)
{
    static const uint8_t body[] = {0x01, 0xaa, 0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04};
    insert_cr(s, NEG_CERT, body, sizeof(body));
}

static void cr02_no_signature_algorithms(struct neg_server *s)
{
    static const uint8_t body[] = {0x00, 0x00, 0x04, 0x77, 0x77, 0x00, 0x00};
    insert_cr(s, NEG_CERT, body, sizeof(body));
}

/* ---- CRT ---------------------------------------------------------------------------------------- */

static void crt01_empty_list(struct neg_server *s)
{
    static const uint8_t body[4] = {0, 0, 0, 0};
    neg_set(msg(s, NEG_CERT), 11, body, sizeof(body));
}

static void crt02_list_length_plus_1(struct neg_server *s)
{
    msg(s, NEG_CERT)->b[CERT_LIST_AT + 2]++;
}

static void crt02_cert_data_length_minus_1(struct neg_server *s)
{
    msg(s, NEG_CERT)->b[CERT_DATA_LEN_AT + 2]--;
}

static void crt02_entry_extensions_length_1(struct neg_server *s)
{
    struct neg_msg *m = msg(s, NEG_CERT);
    m->b[m->len - 1] = 1;
}

static void crt02_server_context_non_empty(struct neg_server *s)
{
    static const uint8_t context[1] = {0x42};
    struct neg_msg *m = msg(s, NEG_CERT);
    neg_splice(m, CERT_CONTEXT_AT + 1, 0, context, 1);
    m->b[CERT_CONTEXT_AT] = 1;
}

static void crt03_garbage_der(struct neg_server *s)
{
    memset(msg(s, NEG_CERT)->b + CERT_DATA_AT, 0x5a, 16);
}

/* Adds an extension to the leaf entry (entry extensions block, then list length). */
static void leaf_ext(struct neg_server *s, uint16_t type, const uint8_t *data, size_t len)
{
    struct neg_msg *m = msg(s, NEG_CERT);
    size_t ext_block = CERT_DATA_AT + get24(m->b + CERT_DATA_LEN_AT);
    size_t before = m->len;
    neg_ext_add(m, ext_block, type, data, len);
    put24(m->b + CERT_LIST_AT, get24(m->b + CERT_LIST_AT) + m->len - before);
}

static void crt04_status_request(struct neg_server *s)
{
    static const uint8_t ocsp[5] = {1, 0, 0, 1, 0}; /* CertificateStatus: ocsp, 1-byte response */
    leaf_ext(s, 5, ocsp, sizeof(ocsp));
}

static void crt04_sct(struct neg_server *s)
{
    static const uint8_t list[3] = {0, 1, 0};
    leaf_ext(s, 18, list, sizeof(list));
}

static void crt04_unknown(struct neg_server *s)
{
    leaf_ext(s, 0x7777, NULL, 0);
}

/* SH-05 in a CertificateEntry: the same extension twice. */
static void sh05_leaf_duplicate(struct neg_server *s)
{
    leaf_ext(s, 0x7777, NULL, 0);
    leaf_ext(s, 0x7777, NULL, 0);
}

/* ---- CV ----------------------------------------------------------------------------------------- */

static void cv_scheme(struct neg_server *s, uint16_t scheme)
{
    put16(msg(s, NEG_CV)->b + CV_SCHEME_AT, scheme);
}

static void crt07_ecdsa_scheme_for_rsa_key(struct neg_server *s)
{
    cv_scheme(s, 0x0403); /* ecdsa_secp256r1_sha256: offered, but the leaf key is RSA */
}

static void crt07_pss_pss_scheme_for_rsae_key(struct neg_server *s)
{
    cv_scheme(s, 0x0809); /* rsa_pss_pss_sha256: not offered in §3 either */
}

static void cv01_flip_bit(struct neg_server *s)
{
    msg(s, NEG_CV)->b[CV_SIG_AT + 10] ^= 0x01;
}

static void cv01_random_signature(struct neg_server *s)
{
    memset(msg(s, NEG_CV)->b + CV_SIG_AT, 0x5a, 128);
}

static void cv01_empty_signature(struct neg_server *s)
{
    static const uint8_t body[4] = {0x08, 0x04, 0x00, 0x00};
    neg_set(msg(s, NEG_CV), 15, body, sizeof(body));
}

/* CV-02: the signature is over a different transcript (EE changed after signing). */
static void cv02_wrong_transcript(struct neg_server *s)
{
    struct neg_msg *m = msg(s, NEG_EE);
    size_t at = neg_ext_find(m, EE_EXTS_AT, 28); /* record_size_limit 0x4001 -> 0x4000 */
    m->b[at + 5] = 0x00;
}

static void cv03_rsa_pkcs1_sha256(struct neg_server *s)
{
    cv_scheme(s, 0x0401);
}

static void cv03_rsa_pkcs1_sha1(struct neg_server *s)
{
    cv_scheme(s, 0x0201);
}

static void cv03_grease(struct neg_server *s)
{
    cv_scheme(s, 0x0a0a);
}

static void cv03_zero(struct neg_server *s)
{
    cv_scheme(s, 0x0000);
}

static void cv04_omitted(struct neg_server *s)
{
    neg_remove(s, NEG_CV);
}

static void cv05_signature_length_plus_1(struct neg_server *s)
{
    msg(s, NEG_CV)->b[CV_SIG_LEN_AT + 1]++;
}

static void cv05_trailing_byte(struct neg_server *s)
{
    static const uint8_t extra[1] = {0};
    neg_splice(msg(s, NEG_CV), msg(s, NEG_CV)->len, 0, extra, 1);
}

/* ---- FIN ---------------------------------------------------------------------------------------- */

static void fin01_flip_bit(struct neg_server *s)
{
    msg(s, NEG_FIN)->b[4 + 31] ^= 0x80;
}

static void fin_length(struct neg_server *s, size_t len)
{
    uint8_t verify_data[33];
    memcpy(verify_data, msg(s, NEG_FIN)->b + 4, 32);
    verify_data[32] = 0;
    neg_set(msg(s, NEG_FIN), 20, verify_data, len);
}

static void fin02_empty(struct neg_server *s)
{
    fin_length(s, 0);
}

static void fin02_truncated(struct neg_server *s)
{
    fin_length(s, 31);
}

static void fin02_extra_byte(struct neg_server *s)
{
    fin_length(s, 33);
}

static void fin03_no_certificate(struct neg_server *s)
{
    neg_remove(s, NEG_CV);
    neg_remove(s, NEG_CERT);
    s->fix_finished = true;
}

/* ---- SM ----------------------------------------------------------------------------------------- */

static void sm01_finished_first(struct neg_server *s)
{
    s->framed = true;
    neg_plain(s, 22, msg(s, NEG_FIN)->b, msg(s, NEG_FIN)->len);
}

static void sm01_certificate_instead_of_ee(struct neg_server *s)
{
    neg_remove(s, NEG_EE);
}

static void sm01_unassigned_type(struct neg_server *s)
{
    msg(s, NEG_EE)->b[0] = 0x7f;
}

static void sm01_cv_instead_of_certificate(struct neg_server *s)
{
    neg_remove(s, NEG_CERT);
}

static void sm01_ee_twice(struct neg_server *s)
{
    neg_insert(s, NEG_CERT, msg(s, NEG_EE)->b, msg(s, NEG_EE)->len);
}

static void sm01_cr_after_certificate(struct neg_server *s)
{
    insert_cr(s, NEG_CV, CR_BODY, sizeof(CR_BODY));
}

static void sm02_certificate_trailing_byte(struct neg_server *s)
{
    static const uint8_t extra[1] = {0};
    neg_splice(msg(s, NEG_CERT), msg(s, NEG_CERT)->len, 0, extra, 1);
}

static void sm02_cr_trailing_byte(struct neg_server *s)
{
    uint8_t body[sizeof(CR_BODY) + 1];
    memcpy(body, CR_BODY, sizeof(CR_BODY));
    body[sizeof(CR_BODY)] = 0;
    insert_cr(s, NEG_CERT, body, sizeof(body));
}

static void replace_cv(struct neg_server *s, uint8_t type, const uint8_t *body, size_t len)
{
    neg_set(msg(s, NEG_CV), type, body, len);
}

static void sm03_server_key_exchange(struct neg_server *s)
{
    static const uint8_t ske[8] = {3, 0, 0x1d, 4, 1, 2, 3, 4};
    replace_cv(s, 12, ske, sizeof(ske));
}

static void sm03_server_hello_done(struct neg_server *s)
{
    replace_cv(s, 14, NULL, 0);
}

static void sm03_plaintext_certificate(struct neg_server *s)
{
    uint8_t flight[2 * NEG_MSG_CAP];
    s->framed = true;
    neg_plain(s, 22, msg(s, NEG_SH)->b, msg(s, NEG_SH)->len);
    neg_protected(s, 22, msg(s, NEG_EE)->b, msg(s, NEG_EE)->len, 0);
    size_t n = neg_concat(s, NEG_CERT, NEG_CERT + 1, flight);
    neg_plain(s, 22, flight, n);
}

static void sm04_end_of_early_data(struct neg_server *s)
{
    neg_set(msg(s, NEG_EE), 5, NULL, 0);
}

static void sm05_hello_request(struct neg_server *s)
{
    static const uint8_t hello_request[4] = {0, 0, 0, 0};
    neg_insert(s, NEG_EE, hello_request, sizeof(hello_request));
}

static void sm06_huge_length(struct neg_server *s)
{
    static const uint8_t header[4] = {11, 0xff, 0xff, 0xff};
    uint8_t flight[NEG_MSG_CAP];
    s->framed = true;
    neg_plain(s, 22, msg(s, NEG_SH)->b, msg(s, NEG_SH)->len);
    memcpy(flight, msg(s, NEG_EE)->b, msg(s, NEG_EE)->len);
    memcpy(flight + msg(s, NEG_EE)->len, header, sizeof(header));
    neg_protected(s, 22, flight, msg(s, NEG_EE)->len + sizeof(header), 0);
}

#define ROW(id, what, fn, alert) {id, what, NEG_BASE_S3, fn, NEG_HS_ALERT, TLS_ALERT_##alert, 0}
#define ROWF(id, what, fn, alert, flags) {id, what, NEG_BASE_S3, fn, NEG_HS_ALERT, TLS_ALERT_##alert, flags}

const struct neg_row neg_rows_flight[] = {
    ROW("EE-01", "key_share in EE", ee01_key_share, illegal_parameter),
    ROW("EE-01", "supported_versions in EE", ee01_supported_versions, illegal_parameter),
    /* cookie was not offered: the §4.2 unsolicited-extension rule (unsupported_extension) comes
     * first (DIV-5/DIV-6). */
    ROW("EE-01", "cookie in EE (not offered)", ee01_cookie, unsupported_extension),
    ROW("EE-02", "signature_algorithms in EE", ee02_signature_algorithms, illegal_parameter),
    ROW("EE-02", "psk_key_exchange_modes in EE", ee02_psk_key_exchange_modes, illegal_parameter),
    ROW("EE-02", "padding in EE (not offered)", ee02_padding, unsupported_extension),
    ROW("EE-03", "ALPN, not offered", ee03_alpn, unsupported_extension),
    ROW("EE-03", "unknown extension 0x7777", ee03_unknown, unsupported_extension),
    ROW("EE-03", "GREASE extension 0x2a2a", ee03_grease, unsupported_extension),
    ROW("EE-03", "extended_master_secret", ee03_extended_master_secret, unsupported_extension),
    ROW("EE-03", "ec_point_formats", ee03_ec_point_formats, unsupported_extension),
    /* §3's ClientHello offers renegotiation_info and session_ticket, so these are offered
     * extensions in a message the §4.2 table does not allow: illegal_parameter (DIV-6). */
    ROW("EE-03", "renegotiation_info (offered) in EE", ee03_renegotiation_info, illegal_parameter),
    ROW("EE-03", "session_ticket (offered) in EE", ee03_session_ticket, illegal_parameter),
    ROW("SH-05", "supported_groups twice in EE", sh05_ee_duplicate, illegal_parameter),
    ROW("SH-05", "the same extension twice on the leaf entry", sh05_leaf_duplicate, illegal_parameter),
    ROW("EE-04", "EE body empty", ee04_empty_body, decode_error),
    ROW("EE-04", "EE extensions length + 1", ee04_extensions_length_plus_1, decode_error),
    ROW("EE-04", "EE 1 trailing byte", ee04_trailing_byte, decode_error),
    ROW("EE-05", "server_name ack with a body", ee05_server_name_with_body, decode_error),
    ROW("EE-05", "max_fragment_length not requested", ee05_max_fragment_length_unrequested, unsupported_extension),
    ROW("EE-06", "early_data when none was offered", ee06_early_data, unsupported_extension),
    /* EE-07: our choice is unexpected_message (a plaintext record once the keys are in place). */
    ROW("EE-07", "EE in a plaintext record", ee07_plaintext_ee, unexpected_message),
    /* CR-01: ≈ decode_error as BoringSSL (§4.3.2 "SHALL be zero length"). */
    ROW("CR-01", "certificate_request_context not empty in the handshake", cr01_context_in_handshake, decode_error),
    /* CR-02: missing_extension (DIV-13). */
    ROW("CR-02", "CertificateRequest without signature_algorithms", cr02_no_signature_algorithms, missing_extension),
    /* CRT-01: the RFC's decode_error (DIV-11). */
    ROW("CRT-01", "empty certificate_list", crt01_empty_list, decode_error),
    ROW("CRT-02", "certificate_list length + 1", crt02_list_length_plus_1, decode_error),
    ROW("CRT-02", "cert_data length - 1", crt02_cert_data_length_minus_1, decode_error),
    ROW("CRT-02", "entry extensions length 1 with no byte", crt02_entry_extensions_length_1, decode_error),
    ROW("CRT-02", "server certificate_request_context not empty", crt02_server_context_non_empty, decode_error),
    ROW("CRT-03", "leaf cert_data is not DER", crt03_garbage_der, bad_certificate),
    ROW("CRT-04", "status_request on the leaf, not requested", crt04_status_request, unsupported_extension),
    ROW("CRT-04", "signed_certificate_timestamp on the leaf", crt04_sct, unsupported_extension),
    ROW("CRT-04", "unknown extension on the leaf", crt04_unknown, unsupported_extension),
    /* CRT-07: ≈ illegal_parameter (BoringSSL WRONG_SIGNATURE_TYPE). */
    ROW("CRT-07", "ecdsa_secp256r1_sha256 with an RSA key", crt07_ecdsa_scheme_for_rsa_key, illegal_parameter),
    ROW("CRT-07", "rsa_pss_pss_sha256 with an rsaEncryption key", crt07_pss_pss_scheme_for_rsae_key, illegal_parameter),
    ROW("CV-01", "signature with one bit flipped", cv01_flip_bit, decrypt_error),
    ROW("CV-01", "random signature", cv01_random_signature, decrypt_error),
    ROW("CV-01", "empty signature", cv01_empty_signature, decrypt_error),
    ROW("CV-02", "signature over another transcript", cv02_wrong_transcript, decrypt_error),
    /* CV-03: ≈ illegal_parameter (BoringSSL). */
    ROW("CV-03", "rsa_pkcs1_sha256 in CertificateVerify", cv03_rsa_pkcs1_sha256, illegal_parameter),
    ROW("CV-03", "rsa_pkcs1_sha1 in CertificateVerify", cv03_rsa_pkcs1_sha1, illegal_parameter),
    ROW("CV-03", "GREASE scheme 0x0a0a", cv03_grease, illegal_parameter),
    ROW("CV-03", "scheme 0x0000", cv03_zero, illegal_parameter),
    ROW("CV-04", "CertificateVerify omitted", cv04_omitted, unexpected_message),
    ROW("CV-05", "signature length + 1", cv05_signature_length_plus_1, decode_error),
    ROW("CV-05", "1 trailing byte", cv05_trailing_byte, decode_error),
    ROW("FIN-01", "verify_data with one bit flipped", fin01_flip_bit, decrypt_error),
    /* FIN-02: decode_error for a wrong length (DIV-4). */
    ROW("FIN-02", "empty Finished", fin02_empty, decode_error),
    ROW("FIN-02", "Finished of 31 bytes", fin02_truncated, decode_error),
    ROW("FIN-02", "Finished of 33 bytes", fin02_extra_byte, decode_error),
    ROW("FIN-03", "Finished without Certificate and CertificateVerify", fin03_no_certificate, unexpected_message),
    {"SM-01", "Finished as the first message", NEG_BASE_S3, sm01_finished_first, NEG_PLAIN_ALERT, TLS_ALERT_unexpected_message, 0},
    ROW("SM-01", "Certificate instead of EE", sm01_certificate_instead_of_ee, unexpected_message),
    ROW("SM-01", "unassigned message type 0x7f instead of EE", sm01_unassigned_type, unexpected_message),
    ROW("SM-01", "CertificateVerify instead of Certificate", sm01_cv_instead_of_certificate, unexpected_message),
    ROW("SM-01", "EE twice", sm01_ee_twice, unexpected_message),
    ROW("SM-01", "CertificateRequest after Certificate", sm01_cr_after_certificate, unexpected_message),
    ROW("SM-02", "Certificate with 1 trailing byte", sm02_certificate_trailing_byte, decode_error),
    ROW("SM-02", "CertificateRequest with 1 trailing byte", sm02_cr_trailing_byte, decode_error),
    ROW("SM-03", "ServerKeyExchange after Certificate", sm03_server_key_exchange, unexpected_message),
    ROW("SM-03", "ServerHelloDone after Certificate", sm03_server_hello_done, unexpected_message),
    ROW("SM-03", "plaintext Certificate record after the keys", sm03_plaintext_certificate, unexpected_message),
    ROW("SM-04", "EndOfEarlyData from the server", sm04_end_of_early_data, unexpected_message),
    ROW("SM-05", "HelloRequest during the handshake", sm05_hello_request, unexpected_message),
    /* SM-06: refused on the header, before buffering (BoringSSL: illegal_parameter too). */
    ROW("SM-06", "handshake header announcing 0xffffff bytes", sm06_huge_length, illegal_parameter),
};
const size_t neg_rows_flight_count = sizeof(neg_rows_flight) / sizeof(neg_rows_flight[0]);
