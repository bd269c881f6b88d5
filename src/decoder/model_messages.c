/*
 * model_messages.c — the one describer of handshake messages (model.h): bodies cut into their
 * RFC 8446 §4 fields: ClientHello §4.1.2, ServerHello §4.1.3, EncryptedExtensions §4.3.1,
 * CertificateRequest §4.3.2, Certificate §4.4.2, CertificateVerify §4.4.3, Finished §4.4.4,
 * NewSessionTicket §4.6.1, KeyUpdate §4.6.3, and extensions §4.2. Anything else is one "body"
 * field. The struct above each describer is the RFC's; the describer walks it in order with the
 * tiler (model_tiler.h).
 *
 * `decode` (text details), `connect --explain` (field lines) and the HTML page render what it
 * says; none of them describes a message on its own. Values are words ("x25519"), or empty when
 * the bytes are what a reader wants to see (a random, a key share), which renderers show in hex.
 */
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "crypto/x509.h"
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
        const char *name = tls_is_grease(v) ? NULL : name_of(v);
        model_take(&items, 2, item, explain, NULL, "%s(0x%04x)",
                   name != NULL ? name : tls_is_grease(v) ? "GREASE" : "unknown", v);
    }
    model_rest(&items, "unparsed", "an odd byte left in a list of 2-byte values", NULL);
}

/* struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry; (§4.2.8) */
static void key_share_entry(struct model_tiler *t)
{
    uint16_t group = (uint16_t)model_peek(t, 2);
    model_take(t, 2, "group", "the (EC)DHE group of this share", "§4.2.8", "%s(0x%04x)",
               tls_is_grease(group) ? "GREASE" : or_unknown(tls_group_name(group)), group);
    model_opaque_vector(t, 2, "key_exchange", "the sender's ephemeral public key (§4.2.8.2: "
                        "X25519 is 32 bytes; P-256 an uncompressed point of 65)", "§4.2.8");
}

/* Up to cap-1 bytes as text, non-printable bytes as '.' (host names, ALPN protocol names). */
static void printable(char *out, size_t cap, const uint8_t *p, size_t n)
{
    size_t shown = n < cap - 1 ? n : cap - 1;
    for (size_t i = 0; i < shown; i++) {
        out[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
    }
    out[shown] = '\0';
}

/* A vector of a 1- or 2-byte length and printable text (host_name, ProtocolName). */
static void text_vector(struct model_tiler *t, size_t prefix, const char *name,
                        const char *explain, const char *rfc)
{
    size_t n = model_vector(t, prefix, name, rfc);
    char text[64];
    printable(text, sizeof(text), t->p + t->pos, t->stopped ? 0 : n);
    model_take(t, n, name, explain, rfc, "%s", text);
}

/* RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, opaque ProtocolName<1..2^8-1>. */
static void alpn(struct model_tiler *t, bool hello)
{
    t->rfc = "RFC 7301 §3.1";
    size_t n = model_vector(t, 2, "protocol_name_list", NULL);
    struct model_tiler list = model_sub(t, n);
    while (list.pos < list.len && !list.stopped) {
        text_vector(&list, 1, "protocol_name", hello ? "an application protocol the client "
                    "offers, by preference" : "the application protocol the server chose", NULL);
    }
}

/*
 * struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
 * struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; }
 *     OfferedPsks;                                               (§4.2.11)
 */
static void pre_shared_key(struct model_tiler *t, bool hello)
{
    t->rfc = "§4.2.11";
    if (!hello) {
        model_take(t, 2, "selected_identity", "the PSK the server accepted: an index into the "
                   "client's identities", NULL, "%u", (unsigned)model_peek(t, 2));
        return;
    }
    size_t n = model_vector(t, 2, "identities", NULL);
    struct model_tiler ids = model_sub(t, n);
    while (ids.pos < ids.len && !ids.stopped) {
        size_t il = model_vector(&ids, 2, "identity", NULL);
        model_take(&ids, il, "identity", "a ticket from an earlier NewSessionTicket (§4.6.1)",
                   NULL, "%zu-byte ticket", il);
        model_take(&ids, 4, "obfuscated_ticket_age", "the ticket's age in ms plus "
                   "ticket_age_add, mod 2^32", NULL, "%u", (unsigned)model_peek(&ids, 4));
    }
    n = model_vector(t, 2, "binders", NULL);
    struct model_tiler binders = model_sub(t, n);
    while (binders.pos < binders.len && !binders.stopped) {
        model_opaque_vector(&binders, 1, "binder", "HMAC of the truncated ClientHello with a "
                            "key from this PSK: proves the client holds it (§4.2.11.2)", NULL);
    }
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
            uint32_t v = model_peek(t, 2);
            model_take(t, 2, "selected_version", "the version the server chose (§4.2.1)",
                       "§4.2.1", "%s(0x%04x)", or_unknown(tls_version_name(v)), (unsigned)v);
        }
        return true;
    case TLS_EXT_supported_groups:
        t->rfc = "§4.2.7";
        u16_list(t, 2, "named_group_list", "named_group", "a group the client supports for "
                 "key exchange (§4.2.7)", tls_group_name);
        return true;
    case TLS_EXT_signature_algorithms:
    case TLS_EXT_signature_algorithms_cert:
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
            uint32_t g = model_peek(t, 2);
            model_take(t, 2, "selected_group", "the group the server asks a share for (§4.1.4)",
                       "§4.2.8", "%s(0x%04x)", or_unknown(tls_group_name(g)), (unsigned)g);
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
                text_vector(&list, 2, "host_name", "the DNS name the client wants (SNI)",
                            "RFC 6066 §3");
            }
            return true;
        }
        return false;
    case TLS_EXT_application_layer_protocol_negotiation:
        alpn(t, hello);
        return true;
    case TLS_EXT_session_ticket:
        /* RFC 5077 §3.2: empty (the client supports tickets) or a ticket to resume with */
        model_take(t, t->len, "ticket", "a ticket from an earlier TLS 1.2 connection: the "
                   "client asks to resume it", "RFC 5077 §3.2", "%zu bytes: a ticket to "
                   "resume with (RFC 5077)", t->len);
        return true;
    case TLS_EXT_renegotiation_info:
        /* RFC 5746 §3.2: opaque renegotiated_connection<0..255>; empty on a first handshake */
        {
            size_t n = model_vector(t, 1, "renegotiated_connection", "RFC 5746 §3.2");
            model_take(t, n, "renegotiated_connection", "the previous handshake's Finished "
                       "values (RFC 5746)", "RFC 5746 §3.2", NULL);
        }
        return true;
    case TLS_EXT_ec_point_formats:
        /* RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1> */
        {
            size_t n = model_vector(t, 1, "ec_point_format_list", "RFC 8422 §5.1.2");
            struct model_tiler list = model_sub(t, n);
            while (list.pos < list.len && !list.stopped) {
                uint8_t f = (uint8_t)model_peek(&list, 1);
                model_take(&list, 1, "ec_point_format", "a point format (TLS 1.2; TLS 1.3 uses "
                           "uncompressed only)", "RFC 8422 §5.1.2", "%s(%u)",
                           f == 0 ? "uncompressed" : f == 1 ? "ansiX962_compressed_prime"
                           : f == 2 ? "ansiX962_compressed_char2" : "unknown", f);
            }
        }
        return true;
    case TLS_EXT_pre_shared_key:
        pre_shared_key(t, hello);
        return true;
    case TLS_EXT_psk_key_exchange_modes:
        /* enum { psk_ke(0), psk_dhe_ke(1) } PskKeyExchangeMode; modes<1..255> (§4.2.9) */
        t->rfc = "§4.2.9";
        {
            size_t n = model_vector(t, 1, "ke_modes", NULL);
            struct model_tiler modes = model_sub(t, n);
            while (modes.pos < modes.len && !modes.stopped) {
                uint8_t m = (uint8_t)model_peek(&modes, 1);
                model_take(&modes, 1, "ke_mode", "how a PSK may be used: alone, or with (EC)DHE",
                           NULL, "%s", m == 0 ? "psk_ke" : m == 1 ? "psk_dhe_ke" : "unknown");
            }
        }
        return true;
    case TLS_EXT_early_data:
        if (msg_type == TLS_HT_new_session_ticket) {
            model_take(t, 4, "max_early_data_size", "bytes of 0-RTT data the server accepts "
                       "with this ticket", "§4.2.10", "%u", (unsigned)model_peek(t, 4));
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* What an extension means by being there, when its data is empty (or says nothing more). */
static const char *presence_note(uint16_t type, size_t len)
{
    switch (type) {
    case TLS_EXT_extended_master_secret:
        return ": the master secret hashes the handshake (RFC 7627)";
    case TLS_EXT_session_ticket:
        return len == 0 ? ": empty, ticket support (RFC 5077)" : "";
    case TLS_EXT_encrypt_then_mac:
        return ": MAC over the ciphertext for CBC suites (RFC 7366)";
    case TLS_EXT_early_data:
        return len == 0 ? ": 0-RTT data (§4.2.10)" : "";
    case TLS_EXT_post_handshake_auth:
        return ": the client accepts a CertificateRequest after the handshake (§4.2.6)";
    default:
        return "";
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
    list.rfc = "§4.2";
    while (list.pos < list.len && !list.stopped) {
        uint16_t type = (uint16_t)model_peek(&list, 2);
        const char *name = tls_is_grease(type) ? "GREASE" : or_unknown(tls_extension_name(type));
        size_t data_len = model_peek_at(&list, 2, 2);
        model_take(&list, 2, "extension_type", "which extension follows (ExtensionType)", "§4.2",
                   "%s(%u)%s", name, type, presence_note(type, data_len));
        size_t n = model_vector(&list, 2, "extension_data", "§4.2");
        struct model_tiler data = model_sub(&list, n);
        data.depth = (uint8_t)(list.depth + 1);
        if (!extension_body(&data, type, msg_type, hrr)) {
            model_take(&data, n, name, "the extension's data, whose structure its section gives",
                       "§4.2", NULL);
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
    uint32_t version = model_peek(t, 2);
    model_take(t, 2, "legacy_version", "0x0303 (TLS 1.2); TLS 1.3 is offered in "
               "supported_versions", NULL, "%s(0x%04x)", or_unknown(tls_version_name(version)),
               (unsigned)version);
    random32(t, "32 bytes from a secure random generator; names the connection in a key log");
    model_opaque_vector(t, 1, "legacy_session_id", "a session ID (TLS 1.3 clients send 32 random "
                        "bytes for middlebox compatibility, App. D.4)", NULL);
    if (t->dtls) {
        model_opaque_vector(t, 1, "cookie", "DTLS only: empty in a first ClientHello; after a "
                            "HelloVerifyRequest, the server's cookie echoed to prove the client "
                            "receives at its address", "RFC 6347 §4.2.1");
    }
    size_t n = model_vector(t, 2, "cipher_suites", NULL);
    struct model_tiler suites = model_sub(t, n);
    while (suites.pos < suites.len && !suites.stopped) {
        uint16_t cs = (uint16_t)model_peek(&suites, 2);
        model_take(&suites, 2, "cipher_suite", "a suite the client offers, by preference", NULL,
                   "%s(0x%04x)", tls_is_grease(cs) ? "GREASE" : or_unknown(tls_cipher_suite_name(cs)),
                   cs);
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
    uint32_t version = model_peek(t, 2);
    model_take(t, 2, "legacy_version", "0x0303; the version chosen is in supported_versions",
               NULL, "%s(0x%04x)", or_unknown(tls_version_name(version)), (unsigned)version);
    /* §4.1.3: a HelloRetryRequest is a ServerHello with this fixed random */
    bool hrr = !t->stopped && t->len - t->pos >= 32 &&
               memcmp(t->p + t->pos, tls_hello_retry_request_random, 32) == 0;
    if (hrr) {
        model_take(t, 32, "random", "the fixed SHA-256 of \"HelloRetryRequest\": this "
                   "ServerHello is a HelloRetryRequest (§4.1.4)", NULL,
                   "= SHA-256(\"HelloRetryRequest\"): this is an HRR (§4.1.3)");
    } else {
        random32(t, "32 random bytes from the server; its last 8 bytes would carry the "
                 "downgrade sentinel (§4.1.3)");
    }
    model_opaque_vector(t, 1, "legacy_session_id_echo", "the client's legacy_session_id, echoed",
                        NULL);
    uint16_t cs = (uint16_t)model_peek(t, 2);
    model_take(t, 2, "cipher_suite", "the suite the server chose from the client's list", NULL,
               "%s(0x%04x)", or_unknown(tls_cipher_suite_name(cs)), cs);
    model_take(t, 1, "legacy_compression_method", "0", NULL, "%u", (unsigned)model_peek(t, 1));
    if (t->pos < t->len) {
        extensions(t, TLS_HT_server_hello, hrr);
    }
}

/* One DER certificate with its 3-byte length: opaque cert_data<1..2^24-1> (§4.4.2) in TLS 1.3,
   opaque ASN.1Cert<1..2^24-1> (RFC 5246 §7.4.2) in TLS 1.2; the list's index-th, 0 the leaf. */
static void der_certificate(struct model_tiler *list, const char *name, unsigned index)
{
    size_t len = model_vector(list, 3, name, NULL);
    char subject[180] = "";
    char issuer[180] = "";
    if (!list->stopped && len <= list->len - list->pos) {
        tls_x509_describe(list->p + list->pos, len, subject, sizeof(subject), issuer,
                          sizeof(issuer));
    }
    model_take(list, len, name, index == 0 ? "the sender's own (leaf) certificate, DER-encoded "
               "X.509" : "a certificate certifying the one before it", NULL,
               "[%u] %zu bytes of DER; subject %s; issuer %s", index, len,
               subject[0] != '\0' ? subject : "(not parsed)",
               issuer[0] != '\0' ? issuer : "(not parsed)");
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
    list.depth = (uint8_t)(t->depth + 1);
    unsigned index = 0;
    while (list.pos < list.len && !list.stopped) {
        der_certificate(&list, "cert_data", index);
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
    model_take(t, 2, "algorithm", "the signature scheme used", NULL, "%s(0x%04x)",
               or_unknown(tls_signature_scheme_name(scheme)), scheme);
    size_t n = model_vector(t, 2, "signature", NULL);
    model_take(t, n, "signature", "the signature, with the certificate's key, over 64 "
               "spaces, a context string, 0 and the transcript hash", NULL, "%zu bytes", n);
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
               "%u", (unsigned)model_peek(t, 4));
    model_opaque_vector(t, 1, "ticket_nonce", "makes each ticket's PSK distinct: "
                        "HKDF-Expand-Label(resumption_master_secret, \"resumption\", nonce)", NULL);
    size_t n = model_vector(t, 2, "ticket", NULL);
    model_take(t, n, "ticket", "the opaque ticket the client sends back in pre_shared_key",
               NULL, "%zu bytes (opaque to the client)", n);
    extensions(t, TLS_HT_new_session_ticket, false);
}

/* ---- TLS 1.2's own messages (RFC 5246 §7.4, RFC 8422 §5.4 and §5.7, RFC 5077 §3.3) ---------- */

/* RFC 5246 §7.4.2: opaque ASN.1Cert<1..2^24-1>; struct { ASN.1Cert certificate_list<0..2^24-1>; } */
static void certificate12(struct model_tiler *t)
{
    t->rfc = "RFC 5246 §7.4.2";
    size_t n = model_vector(t, 3, "certificate_list", NULL);
    struct model_tiler list = model_sub(t, n);
    list.depth = (uint8_t)(t->depth + 1);
    for (unsigned index = 0; list.pos < list.len && !list.stopped; index++) {
        der_certificate(&list, "ASN.1Cert", index);
    }
}

/*
 * RFC 8422 §5.4: struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters (named
 * curves only); opaque point <1..2^8-1>; then (RFC 5246 §7.4.3, §4.7) the signature:
 * SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>. Other key exchanges (DHE)
 * stay one field.
 */
static void server_key_exchange(struct model_tiler *t)
{
    t->rfc = "RFC 8422 §5.4";
    if (model_peek(t, 1) != 3) {
        model_rest(t, "body", "key exchange parameters that are not ECDHE with a named curve "
                   "(DHE, RFC 5246 §7.4.3)", "RFC 5246 §7.4.3");
        return;
    }
    model_take(t, 1, "curve_type", "named_curve(3): the curve is named by its IANA number", NULL,
               "named_curve(3)");
    uint32_t g = model_peek(t, 2);
    model_take(t, 2, "namedcurve", "the server's ECDHE curve", NULL, "%s(0x%04x)",
               or_unknown(tls_group_name(g)), (unsigned)g);
    model_opaque_vector(t, 1, "public", "the server's ephemeral ECDH public point", NULL);
    uint32_t scheme = model_peek(t, 2);
    model_take(t, 2, "algorithm", "the signature and hash algorithm (RFC 5246 §7.4.1.4.1)",
               "RFC 5246 §4.7", "%s(0x%04x)", or_unknown(tls_signature_scheme_name(scheme)),
               (unsigned)scheme);
    size_t n = model_vector(t, 2, "signature", "RFC 5246 §4.7");
    model_take(t, n, "signature", "the certificate key's signature over ClientHello.random + "
               "ServerHello.random + the parameters", "RFC 5246 §7.4.3", "%zu bytes", n);
}

/* RFC 5246 §7.4.7: the client's ECDH point (RFC 8422 §5.7, opaque<1..255>) or an RSA-encrypted
   premaster secret / DH value (opaque<0..2^16-1>), told apart by which length prefix fits. */
static void client_key_exchange(struct model_tiler *t)
{
    t->rfc = "RFC 5246 §7.4.7";
    size_t left = t->len - t->pos;
    if (left >= 1 && model_peek(t, 1) + 1u == left) {
        model_opaque_vector(t, 1, "ecdh_Yc", "the client's ephemeral ECDH public point "
                            "(RFC 8422 §5.7)", "RFC 8422 §5.7");
    } else if (left >= 2 && model_peek(t, 2) + 2u == left) {
        size_t n = model_vector(t, 2, "exchange_keys", NULL);
        model_take(t, n, "exchange_keys", "the premaster secret encrypted to the server's RSA "
                   "key, or the client's DH value", NULL, "%zu bytes", n);
    }
}

/* RFC 5077 §3.3: struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } */
static void new_session_ticket12(struct model_tiler *t)
{
    t->rfc = "RFC 5077 §3.3";
    model_take(t, 4, "ticket_lifetime_hint", "seconds the ticket may be kept (0: unspecified)",
               NULL, "%u s", (unsigned)model_peek(t, 4));
    size_t n = model_vector(t, 2, "ticket", NULL);
    model_take(t, n, "ticket", "the session state, encrypted by the server, for resumption",
               NULL, "%zu bytes", n);
}

/* RFC 5246 §7.4.4 (with RFC 8422 §5.5's ecdsa_sign):
 *   struct {
 *       ClientCertificateType certificate_types<1..2^8-1>;
 *       SignatureAndHashAlgorithm supported_signature_algorithms<2^16-1>;
 *       DistinguishedName certificate_authorities<0..2^16-1>;
 *   } CertificateRequest;                       opaque DistinguishedName<1..2^16-1>; */
static const char *client_certificate_type_name(unsigned type)
{
    switch (type) {
    case 1: return "rsa_sign";
    case 2: return "dss_sign";
    case 3: return "rsa_fixed_dh";
    case 4: return "dss_fixed_dh";
    case 64: return "ecdsa_sign";
    case 65: return "rsa_fixed_ecdh";
    case 66: return "ecdsa_fixed_ecdh";
    default: return "unknown";
    }
}

static void certificate_request12(struct model_tiler *t)
{
    t->rfc = "RFC 5246 §7.4.4";
    size_t n = model_vector(t, 1, "certificate_types", NULL);
    struct model_tiler types = model_sub(t, n);
    while (types.pos < types.len && !types.stopped) {
        unsigned v = model_peek(&types, 1);
        model_take(&types, 1, "ClientCertificateType", "a kind of certificate the client may "
                   "send (RFC 8422 §5.5 adds ecdsa_sign)", NULL, "%s(%u)",
                   client_certificate_type_name(v), v);
    }
    u16_list(t, 2, "supported_signature_algorithms", "SignatureAndHashAlgorithm", "a "
             "signature and hash pair the server can verify (RFC 5246 §7.4.1.4.1)",
             tls_signature_scheme_name);
    n = model_vector(t, 2, "certificate_authorities", NULL);
    struct model_tiler cas = model_sub(t, n);
    cas.depth = (uint8_t)(t->depth + 1);
    while (cas.pos < cas.len && !cas.stopped) {
        model_opaque_vector(&cas, 2, "DistinguishedName", "a DER-encoded name of a CA the "
                            "server accepts", NULL);
    }
}

/* The messages TLS 1.2 has in its own form, or not at all in TLS 1.3; false for the others. */
static bool message12(struct model_tiler *t, uint8_t msg_type)
{
    switch (msg_type) {
    case TLS_HT_certificate:
        certificate12(t);
        return true;
    case TLS_HT_server_key_exchange:
        server_key_exchange(t);
        return true;
    case TLS_HT_client_key_exchange:
        client_key_exchange(t);
        return true;
    case TLS_HT_new_session_ticket:
        new_session_ticket12(t);
        return true;
    case TLS_HT_certificate_request:
        certificate_request12(t);
        return true;
    case TLS_HT_server_hello_done:
        return true; /* RFC 5246 §7.4.5: struct { } ServerHelloDone; */
    case TLS_HT_finished:
        /* RFC 5246 §7.4.9: opaque verify_data[verify_data_length = 12] */
        model_take(t, t->len - t->pos, "verify_data", "PRF(master_secret, finished_label, "
                   "Hash(handshake_messages))[0..11]", "RFC 5246 §7.4.9", NULL);
        return true;
    default:
        return false;
    }
}

void model_describe_message(struct model_tiler *t, uint8_t msg_type)
{
    if (t->tls12 && message12(t, msg_type)) {
        model_rest(t, "unparsed", "bytes the message's structure does not account for", NULL);
        return;
    }
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
    case TLS_HT_certificate_request:
        /* struct { opaque certificate_request_context<0..2^8-1>;
                    Extension extensions<0..2^16-1>; } CertificateRequest; (§4.3.2) */
        t->rfc = "§4.3.2";
        model_opaque_vector(t, 1, "certificate_request_context", "empty during the handshake; "
                            "names a post-handshake request (§4.6.2)", NULL);
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
                   "the handshake so far)", "§4.4.4", NULL);
        break;
    case TLS_HT_new_session_ticket:
        new_session_ticket(t);
        break;
    case TLS_HT_hello_verify_request:
        /* struct { ProtocolVersion server_version; opaque cookie<0..2^8-1>; }
           HelloVerifyRequest; (RFC 6347 §4.2.1) */
        t->rfc = "RFC 6347 §4.2.1";
        model_take(t, 2, "server_version", "DTLS 1.0 (0xfeff) whatever version is negotiated "
                   "later: it commits the server to nothing", NULL, "%s(0x%04x)",
                   or_unknown(tls_version_name((uint16_t)model_peek(t, 2))),
                   (unsigned)model_peek(t, 2));
        model_opaque_vector(t, 1, "cookie", "the server keeps no state yet: it asks the client to "
                            "send its ClientHello again with this cookie, proving it receives at "
                            "its address (against spoofed-source floods). This ClientHello and "
                            "this HelloVerifyRequest are not in the Finished hash (§4.2.6)", NULL);
        break;
    case TLS_HT_key_update:
        /* struct { KeyUpdateRequest request_update; } KeyUpdate; (§4.6.3) */
        model_take(t, 1, "request_update", "update_not_requested(0) or update_requested(1)",
                   "§4.6.3", "%s", model_peek(t, 1) == 1 ? "update_requested(1)"
                                               : "update_not_requested(0)");
        break;
    default:
        model_rest(t, "body", "the message body (this describer does not cut this message "
                   "finer)", "§4");
        break;
    }
    model_rest(t, "unparsed", "bytes the message's structure does not account for", NULL);
}
