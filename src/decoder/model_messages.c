/*
 * model_messages.c — handshake message bodies cut into their RFC 8446 §4 fields, for the model
 * (model.h): ClientHello §4.1.2, ServerHello §4.1.3, EncryptedExtensions §4.3.1, Certificate
 * §4.4.2, CertificateVerify §4.4.3, Finished §4.4.4, NewSessionTicket §4.6.1, KeyUpdate §4.6.3,
 * and extensions §4.2. Anything else is one "body" field. The struct above each describer is the
 * RFC's; the describer walks it in order with the tiler (model_tiler.h).
 */
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/model_tiler.h"
#include "handshake/server_hello.h"

static const char *or_unknown(const char *n)
{
    return n != NULL ? n : "unknown";
}

/* A list of 2-byte code points (cipher suites, groups, versions, schemes), one field each. */
static void u16_list(struct model_tiler *t, size_t prefix, const char *list, const char *item,
                     const char *explain, const char *(*name_of)(unsigned))
{
    size_t n = model_vector(t, prefix, list, NULL);
    struct model_tiler items = model_sub(t, n);
    while (items.pos < items.len && !items.stopped) {
        uint16_t v = (uint16_t)model_peek(&items, 2);
        const char *name = tls_is_grease(v) ? "GREASE" : name_of(v);
        model_take(&items, 2, item, explain, NULL, "%s", name != NULL ? name : "unknown");
    }
    model_rest(&items, "unparsed", "an odd byte left in a list of 2-byte values", NULL);
}

/* struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry; (§4.2.8) */
static void key_share_entry(struct model_tiler *t)
{
    uint16_t group = (uint16_t)model_peek(t, 2);
    model_take(t, 2, "group", "the (EC)DHE group of this share", "§4.2.8", "%s",
               or_unknown(tls_group_name(group)));
    model_opaque_vector(t, 2, "key_exchange", "the sender's ephemeral public key (§4.2.8.2: "
                        "X25519 is 32 bytes; P-256 an uncompressed point of 65)", "§4.2.8");
}

/* The inside of the extensions a reader looks at first, cut to their fields (§4.2.1, §4.2.3,
   §4.2.7, §4.2.8, RFC 6066 §3); the others stay one field. */
static bool extension_body(struct model_tiler *t, uint16_t type, uint8_t msg_type, bool hrr)
{
    bool hello = msg_type == TLS_HT_client_hello;
    switch (type) {
    case TLS_EXT_supported_versions:
        t->rfc = "§4.2.1";
        if (hello) {
            u16_list(t, 1, "versions", "version", "a version the client supports, by "
                     "preference (§4.2.1)", tls_version_name);
        } else {
            model_take(t, 2, "selected_version", "the version the server chose (§4.2.1)",
                       "§4.2.1", "%s", or_unknown(tls_version_name(model_peek(t, 2))));
        }
        return true;
    case TLS_EXT_supported_groups:
        t->rfc = "§4.2.7";
        u16_list(t, 2, "named_group_list", "named_group", "a group the client supports for "
                 "key exchange (§4.2.7)", tls_group_name);
        return true;
    case TLS_EXT_signature_algorithms:
        t->rfc = "§4.2.3";
        u16_list(t, 2, "supported_signature_algorithms", "signature_scheme", "a signature "
                 "scheme the client accepts (§4.2.3)", tls_signature_scheme_name);
        return true;
    case TLS_EXT_key_share:
        t->rfc = "§4.2.8";
        if (hello) {
            size_t n = model_vector(t, 2, "client_shares", "§4.2.8");
            struct model_tiler shares = model_sub(t, n);
            while (shares.pos < shares.len && !shares.stopped) {
                key_share_entry(&shares);
            }
        } else if (hrr) {
            model_take(t, 2, "selected_group", "the group the server asks a share for (§4.1.4)",
                       "§4.2.8", "%s", or_unknown(tls_group_name(model_peek(t, 2))));
        } else {
            key_share_entry(t);
        }
        return true;
    case TLS_EXT_server_name:
        if (hello) {
            /* RFC 6066 §3: ServerName server_name_list<1..2^16-1>; host_name only */
            size_t n = model_vector(t, 2, "server_name_list", "RFC 6066 §3");
            struct model_tiler list = model_sub(t, n);
            while (list.pos < list.len && !list.stopped) {
                model_take(&list, 1, "name_type", "host_name(0)", "RFC 6066 §3", "%u",
                           (unsigned)model_peek(&list, 1));
                size_t hl = model_vector(&list, 2, "host_name", "RFC 6066 §3");
                char host[64];
                size_t shown = hl < sizeof(host) - 1 ? hl : sizeof(host) - 1;
                for (size_t i = 0; i < shown && list.pos + i < list.len; i++) {
                    char ch = (char)list.p[list.pos + i];
                    host[i] = ch >= 0x20 && ch < 0x7f ? ch : '.';
                }
                host[shown] = '\0';
                model_take(&list, hl, "host_name", "the DNS name the client wants (SNI)",
                           "RFC 6066 §3", "%s", host);
            }
            return true;
        }
        return false;
    default:
        return false;
    }
}

/*
 * struct {
 *     ExtensionType extension_type;
 *     opaque extension_data<0..2^16-1>;
 * } Extension;                                                  (§4.2)
 */
static void extensions(struct model_tiler *t, uint8_t msg_type, bool hrr)
{
    size_t total = model_vector(t, 2, "extensions", "§4.2");
    struct model_tiler list = model_sub(t, total);
    while (list.pos < list.len && !list.stopped) {
        uint16_t type = (uint16_t)model_peek(&list, 2);
        const char *name = or_unknown(tls_extension_name(type));
        model_take(&list, 2, "extension_type", "which extension follows (ExtensionType)", "§4.2",
                   "%s(%u)", name, type);
        size_t n = model_vector(&list, 2, "extension_data", "§4.2");
        struct model_tiler data = model_sub(&list, n);
        if (!extension_body(&data, type, msg_type, hrr)) {
            model_take(&data, n, name, "the extension's data, whose structure its section gives",
                       "§4.2", "%zu bytes", n);
        }
        model_rest(&data, "unparsed", "bytes the extension's structure does not account for",
                   "§4.2");
    }
}

static void random32(struct model_tiler *t, const char *explain)
{
    model_take(t, 32, "random", explain, NULL, NULL);
}

/*
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id<0..32>;
 *     CipherSuite cipher_suites<2..2^16-2>;
 *     opaque legacy_compression_methods<1..2^8-1>;
 *     Extension extensions<8..2^16-1>;
 * } ClientHello;                                                (§4.1.2)
 */
static void client_hello(struct model_tiler *t)
{
    t->rfc = "§4.1.2";
    model_take(t, 2, "legacy_version", "0x0303 (TLS 1.2); TLS 1.3 is offered in "
               "supported_versions", NULL, "0x%04x", (unsigned)model_peek(t, 2));
    random32(t, "32 bytes from a secure random generator; names the connection in a key log");
    model_opaque_vector(t, 1, "legacy_session_id", "a session ID (TLS 1.3 clients send 32 random "
                        "bytes for middlebox compatibility, App. D.4)", NULL);
    size_t n = model_vector(t, 2, "cipher_suites", NULL);
    struct model_tiler suites = model_sub(t, n);
    while (suites.pos < suites.len && !suites.stopped) {
        uint16_t cs = (uint16_t)model_peek(&suites, 2);
        model_take(&suites, 2, "cipher_suite", "a suite the client offers, by preference", NULL,
                   "%s", tls_is_grease(cs) ? "GREASE" : or_unknown(tls_cipher_suite_name(cs)));
    }
    model_opaque_vector(t, 1, "legacy_compression_methods", "exactly one byte 0 (null) in "
                        "TLS 1.3", NULL);
    if (t->pos < t->len) {
        extensions(t, TLS_HT_client_hello, false);
    }
}

/*
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions<6..2^16-1>;
 * } ServerHello;                                                (§4.1.3)
 */
static void server_hello(struct model_tiler *t)
{
    t->rfc = "§4.1.3";
    model_take(t, 2, "legacy_version", "0x0303; the version chosen is in supported_versions",
               NULL, "0x%04x", (unsigned)model_peek(t, 2));
    /* §4.1.3: a HelloRetryRequest is a ServerHello with this fixed random */
    bool hrr = !t->stopped && t->len - t->pos >= 32 &&
               memcmp(t->p + t->pos, tls_hello_retry_request_random, 32) == 0;
    random32(t, hrr ? "the fixed SHA-256 of \"HelloRetryRequest\": this ServerHello is a "
                      "HelloRetryRequest (§4.1.4)"
                    : "32 random bytes from the server");
    model_opaque_vector(t, 1, "legacy_session_id_echo", "the client's legacy_session_id, echoed",
                        NULL);
    uint16_t cs = (uint16_t)model_peek(t, 2);
    model_take(t, 2, "cipher_suite", "the suite the server chose from the client's list", NULL,
               "%s", or_unknown(tls_cipher_suite_name(cs)));
    model_take(t, 1, "legacy_compression_method", "0", NULL, "%u", (unsigned)model_peek(t, 1));
    if (t->pos < t->len) {
        extensions(t, TLS_HT_server_hello, hrr);
    }
}

/*
 * struct {
 *     opaque certificate_request_context<0..2^8-1>;
 *     CertificateEntry certificate_list<0..2^24-1>;
 * } Certificate;                                                (§4.4.2)
 * struct { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; } CertificateEntry;
 */
static void certificate(struct model_tiler *t)
{
    t->rfc = "§4.4.2";
    model_opaque_vector(t, 1, "certificate_request_context", "empty in the server's "
                        "Certificate; echoes the CertificateRequest's otherwise", NULL);
    size_t n = model_vector(t, 3, "certificate_list", NULL);
    struct model_tiler list = model_sub(t, n);
    unsigned index = 0;
    while (list.pos < list.len && !list.stopped) {
        size_t len = model_vector(&list, 3, "cert_data", NULL);
        model_take(&list, len, "cert_data", index == 0 ? "the sender's own (leaf) certificate, "
                   "DER-encoded X.509" : "a certificate certifying the one before it", NULL,
                   "certificate %u, %zu bytes", index, len);
        size_t elen = model_vector(&list, 2, "extensions", NULL);
        model_take(&list, elen, "extensions", "per-certificate extensions (status_request, "
                   "signed_certificate_timestamp)", NULL, NULL);
        index++;
    }
}

/*
 * struct {
 *     SignatureScheme algorithm;
 *     opaque signature<0..2^16-1>;
 * } CertificateVerify;                                          (§4.4.3)
 */
static void certificate_verify(struct model_tiler *t)
{
    t->rfc = "§4.4.3";
    uint16_t scheme = (uint16_t)model_peek(t, 2);
    model_take(t, 2, "algorithm", "the signature scheme used", NULL, "%s",
               or_unknown(tls_signature_scheme_name(scheme)));
    model_opaque_vector(t, 2, "signature", "the signature, with the certificate's key, over 64 "
                        "spaces, a context string, 0 and the transcript hash", NULL);
}

/*
 * struct {
 *     uint32 ticket_lifetime;
 *     uint32 ticket_age_add;
 *     opaque ticket_nonce<0..255>;
 *     opaque ticket<1..2^16-1>;
 *     Extension extensions<0..2^16-2>;
 * } NewSessionTicket;                                           (§4.6.1)
 */
static void new_session_ticket(struct model_tiler *t)
{
    t->rfc = "§4.6.1";
    model_take(t, 4, "ticket_lifetime", "seconds the ticket may be used (at most 7 days)", NULL,
               "%u s", (unsigned)model_peek(t, 4));
    model_take(t, 4, "ticket_age_add", "obscures the ticket age the client sends back", NULL,
               NULL);
    model_opaque_vector(t, 1, "ticket_nonce", "makes each ticket's PSK distinct: "
                        "HKDF-Expand-Label(resumption_master_secret, \"resumption\", nonce)", NULL);
    model_opaque_vector(t, 2, "ticket", "the opaque ticket the client sends back in "
                        "pre_shared_key", NULL);
    extensions(t, TLS_HT_new_session_ticket, false);
}

void model_describe_message(struct model_tiler *t, uint8_t msg_type)
{
    switch (msg_type) {
    case TLS_HT_client_hello:
        client_hello(t);
        break;
    case TLS_HT_server_hello:
        server_hello(t);
        break;
    case TLS_HT_encrypted_extensions:
        /* struct { Extension extensions<0..2^16-1>; } EncryptedExtensions; (§4.3.1) */
        t->rfc = "§4.3.1";
        extensions(t, msg_type, false);
        break;
    case TLS_HT_certificate:
        certificate(t);
        break;
    case TLS_HT_certificate_verify:
        certificate_verify(t);
        break;
    case TLS_HT_finished:
        /* struct { opaque verify_data[Hash.length]; } Finished; (§4.4.4) */
        model_take(t, t->len - t->pos, "verify_data", "HMAC(finished_key, Transcript-Hash of "
                   "the handshake so far)", "§4.4.4", "%zu bytes", t->len - t->pos);
        break;
    case TLS_HT_new_session_ticket:
        new_session_ticket(t);
        break;
    case TLS_HT_key_update:
        /* struct { KeyUpdateRequest request_update; } KeyUpdate; (§4.6.3) */
        model_take(t, 1, "request_update", "update_not_requested(0) or update_requested(1)",
                   "§4.6.3", "%s", model_peek(t, 1) == 1 ? "update_requested" : "update_not_requested");
        break;
    default:
        break;
    }
    model_rest(t, "body", "the message body (this page does not cut this message finer)", "§4");
}
