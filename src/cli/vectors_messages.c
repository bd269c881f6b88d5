/*
 * vectors_messages.c — fields of ClientHello, ServerHello and NewSessionTicket for the vector
 * checker (RFC 8446 §4.1.2, §4.1.3, §4.2.11, §4.6.1). See vectors_messages.h.
 */
#include "cli/vectors_messages.h"

#include <string.h>

#include "common/names.h"
#include "common/reader.h"

/* Reads the handshake header (§4: msg_type, uint24 length) and returns a reader on the body. */
static bool open_body(const uint8_t *msg, size_t msg_len, uint8_t want_type, struct tls_reader *body,
                      size_t *declared)
{
    struct tls_reader r;
    uint8_t type;
    uint32_t length;
    tls_reader_init(&r, msg, msg_len, NULL);
    if (tls_read_u8(&r, &type, "Handshake.msg_type") != TLS_OK || type != want_type ||
        tls_read_u24(&r, &length, "Handshake.length") != TLS_OK) {
        return false;
    }
    *declared = length;
    /* The body may be shorter than declared (a ClientHello printed without its binders). */
    size_t avail = tls_reader_remaining(&r);
    tls_reader_init(body, tls_reader_cursor(&r), avail < length ? avail : length, NULL);
    return true;
}

/*
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;
 *     opaque legacy_session_id<0..32>;
 *     CipherSuite cipher_suites<2..2^16-2>;
 *     opaque legacy_compression_methods<1..2^8-1>;
 *     Extension extensions<8..2^16-1>;
 * } ClientHello;
 *
 * struct {
 *     PskIdentity identities<7..2^16-1>;
 *     PskBinderEntry binders<33..2^16-1>;
 * } OfferedPsks;
 */
bool vm_client_hello_psk(const uint8_t *msg, size_t msg_len, size_t *binders_at,
                         size_t *total_len)
{
    struct tls_reader body, skip;
    size_t declared;
    uint16_t version, ext_total;
    const uint8_t *unused;
    if (!open_body(msg, msg_len, TLS_HT_client_hello, &body, &declared) ||
        tls_read_u16(&body, &version, "legacy_version") != TLS_OK ||
        tls_read_bytes(&body, 32, &unused, "random") != TLS_OK ||
        tls_read_vector(&body, 0, 32, &skip, "legacy_session_id") != TLS_OK ||
        tls_read_vector(&body, 2, 0xfffe, &skip, "cipher_suites") != TLS_OK ||
        tls_read_vector(&body, 1, 0xff, &skip, "legacy_compression_methods") != TLS_OK ||
        tls_read_u16(&body, &ext_total, "extensions") != TLS_OK) {
        return false;
    }
    /* Walk the extensions; pre_shared_key "MUST be the last extension" (§4.2.11). */
    while (tls_reader_remaining(&body) >= 4) {
        uint16_t type, len;
        (void)tls_read_u16(&body, &type, "extension_type");
        (void)tls_read_u16(&body, &len, "extension_data");
        if (type != TLS_EXT_pre_shared_key) {
            if (tls_read_bytes(&body, len, &unused, "extension_data") != TLS_OK) {
                return false;
            }
            continue;
        }
        uint16_t identities_len;
        if (tls_read_u16(&body, &identities_len, "identities") != TLS_OK ||
            tls_read_bytes(&body, identities_len, &unused, "identities") != TLS_OK) {
            return false;
        }
        *binders_at = (size_t)(tls_reader_cursor(&body) - msg);
        *total_len = 4 + declared;
        return *binders_at <= *total_len;
    }
    return false;
}

/*
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions<6..2^16-1>;
 * } ServerHello;
 */
bool vm_server_hello(const uint8_t *msg, size_t msg_len, uint16_t *cipher_suite, bool *is_hrr)
{
    /* §4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest") */
    static const uint8_t hrr_random[32] = {
        0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
        0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
    struct tls_reader body, skip;
    size_t declared;
    uint16_t version;
    const uint8_t *random;
    if (!open_body(msg, msg_len, TLS_HT_server_hello, &body, &declared) ||
        tls_read_u16(&body, &version, "legacy_version") != TLS_OK ||
        tls_read_bytes(&body, 32, &random, "random") != TLS_OK ||
        tls_read_vector(&body, 0, 32, &skip, "legacy_session_id_echo") != TLS_OK ||
        tls_read_u16(&body, cipher_suite, "cipher_suite") != TLS_OK) {
        return false;
    }
    *is_hrr = memcmp(random, hrr_random, sizeof(hrr_random)) == 0;
    return true;
}

/*
 * struct {
 *     uint32 ticket_lifetime;
 *     uint32 ticket_age_add;
 *     opaque ticket_nonce<0..255>;
 *     opaque ticket<1..2^16-1>;
 *     Extension extensions<0..2^16-2>;
 * } NewSessionTicket;
 */
bool vm_ticket_nonce(const uint8_t *msg, size_t msg_len, const uint8_t **nonce, size_t *nonce_len)
{
    struct tls_reader body, n;
    size_t declared;
    uint32_t lifetime, age_add;
    if (!open_body(msg, msg_len, TLS_HT_new_session_ticket, &body, &declared) ||
        tls_read_u32(&body, &lifetime, "ticket_lifetime") != TLS_OK ||
        tls_read_u32(&body, &age_add, "ticket_age_add") != TLS_OK ||
        tls_read_vector(&body, 0, 255, &n, "ticket_nonce") != TLS_OK) {
        return false;
    }
    *nonce = n.data;
    *nonce_len = n.len;
    return true;
}

/*
 * struct {
 *     select (certificate_type) { ... case X509: opaque cert_data<1..2^24-1>; };
 *     Extension extensions<0..2^16-1>;
 * } CertificateEntry;
 *
 * struct {
 *     opaque certificate_request_context<0..2^8-1>;
 *     CertificateEntry certificate_list<0..2^24-1>;
 * } Certificate;
 */
bool vm_leaf_certificate(const uint8_t *msg, size_t msg_len, const uint8_t **der, size_t *der_len)
{
    struct tls_reader body, context, list, cert;
    size_t declared;
    if (!open_body(msg, msg_len, TLS_HT_certificate, &body, &declared) ||
        tls_read_vector(&body, 0, 0xff, &context, "certificate_request_context") != TLS_OK ||
        tls_read_vector(&body, 0, 0xffffff, &list, "certificate_list") != TLS_OK ||
        tls_read_vector(&list, 1, 0xffffff, &cert, "cert_data") != TLS_OK) {
        return false;
    }
    *der = cert.data;
    *der_len = cert.len;
    return true;
}

/*
 * struct {
 *     SignatureScheme algorithm;
 *     opaque signature<0..2^16-1>;
 * } CertificateVerify;
 */
bool vm_certificate_verify(const uint8_t *msg, size_t msg_len, uint16_t *scheme,
                           const uint8_t **signature, size_t *signature_len)
{
    struct tls_reader body, sig;
    size_t declared;
    if (!open_body(msg, msg_len, TLS_HT_certificate_verify, &body, &declared) ||
        declared != msg_len - 4 || tls_read_u16(&body, scheme, "algorithm") != TLS_OK ||
        tls_read_vector(&body, 0, 0xffff, &sig, "signature") != TLS_OK ||
        tls_read_end(&body, "CertificateVerify") != TLS_OK) {
        return false;
    }
    *signature = sig.data;
    *signature_len = sig.len;
    return true;
}

const char *vm_message_name(uint8_t msg_type)
{
    switch (msg_type) {
    case TLS_HT_client_hello:
        return "ClientHello";
    case TLS_HT_server_hello:
        return "ServerHello";
    case TLS_HT_new_session_ticket:
        return "NewSessionTicket";
    case TLS_HT_hello_retry_request:
        return "HelloRetryRequest";
    case TLS_HT_end_of_early_data:
        return "EndOfEarlyData";
    case TLS_HT_encrypted_extensions:
        return "EncryptedExtensions";
    case TLS_HT_certificate:
        return "Certificate";
    case TLS_HT_certificate_request:
        return "CertificateRequest";
    case TLS_HT_certificate_verify:
        return "CertificateVerify";
    case TLS_HT_finished:
        return "Finished";
    case TLS_HT_key_update:
        return "KeyUpdate";
    case TLS_HT_message_hash:
        return "message_hash";
    default:
        return "message";
    }
}
