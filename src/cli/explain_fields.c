/*
 * explain_fields.c — the key fields of each handshake message, for --explain (RFC 8446 §4,
 * §4.2 extensions).
 *
 * Implementation notes
 * --------------------
 * This is display code: it decides nothing. Each message is decoded by the same parser the
 * client core uses (src/handshake/<message>.h), so --explain shows what the core read. A message
 * the parser refuses (it cannot happen for one the core accepted, but the observer also sees
 * what we send) is shown as the parser's reason and a hex dump of its first bytes, and so is a
 * message type without a parser here.
 *
 * Extensions are shown by name and length; the ones a student looks at first (server_name,
 * supported_versions, supported_groups, key_share, signature_algorithms, ALPN, PSK) also with
 * their content, decoded by the extension parsers of handshake/extensions.h.
 */
#include "cli/explain.h"

#include "common/names.h"
#include "crypto/x509.h"
#include "handshake/certificate.h"
#include "handshake/certificate_request.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/extensions.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"

#define INDENT "           "

/* A name, or "?" for a code point the tables do not know (printf must not get NULL). */
static const char *or_unknown(const char *name)
{
    return name != NULL ? name : "?";
}

/* A list of uint16 code points: cipher suites, groups, signature schemes, versions. */
static void print_u16_list(FILE *out, const char *label, const struct tls_u16_list *list,
                           const char *(*name_of)(unsigned))
{
    fprintf(out, INDENT "%-17s", label);
    for (size_t i = 0; i < list->count; i++) {
        uint16_t v = tls_u16_list_get(list, i);
        const char *name = tls_is_grease(v) ? "GREASE" : name_of(v);
        if (name != NULL) {
            fprintf(out, " %s", name);
        } else {
            fprintf(out, " 0x%04x", v); /* a code point the name tables do not have */
        }
    }
    fputc('\n', out);
}

/* §4.2.8: the client's shares, the server's share, or (HRR) the group it asks for. */
static tls_result print_key_share(FILE *out, unsigned msg_type, bool hrr,
                                  const struct tls_extension *ext, struct tls_error *err)
{
    if (hrr) {
        uint16_t group = 0;
        TRY(tls_ext_key_share_parse_hrr(ext, &group, err));
        fprintf(out, INDENT "  %-16s%s: send a key share for it (§4.1.4)\n", "selected_group",
                or_unknown(tls_group_name(group)));
        return TLS_OK;
    }
    struct tls_key_share_client_hello shares = {0};
    if (msg_type == TLS_HT_client_hello) {
        TRY(tls_ext_key_share_parse_ch(ext, &shares, err));
    } else {
        TRY(tls_ext_key_share_parse_sh(ext, &shares.client_shares[0], err));
        shares.count = 1;
    }
    for (size_t i = 0; i < shares.count; i++) {
        const struct tls_key_share_entry *e = &shares.client_shares[i];
        fprintf(out, INDENT "  %-16s%s, %zu-byte public value\n", "key share",
                tls_is_grease(e->group) ? "GREASE" : or_unknown(tls_group_name(e->group)),
                e->key_exchange.len);
    }
    return TLS_OK;
}

/* RFC 7301 §3.1: the names offered (ClientHello) or the one chosen (EncryptedExtensions). */
static tls_result print_alpn(FILE *out, unsigned msg_type, const struct tls_extension *ext,
                             struct tls_error *err)
{
    struct tls_bytes name;
    if (msg_type != TLS_HT_client_hello) {
        TRY(tls_ext_alpn_parse_ee(ext, &name, err));
        fprintf(out, INDENT "  %-16s%.*s\n", "selected", (int)name.len, (const char *)name.data);
        return TLS_OK;
    }
    struct tls_bytes list;
    size_t count = 0;
    TRY(tls_ext_alpn_parse_ch(ext, &list, &count, err));
    fprintf(out, INDENT "  %-15s", "protocols");
    for (size_t i = 0; i < count; i++) {
        name = tls_ext_alpn_get(&list, i);
        fprintf(out, " %.*s", (int)name.len, (const char *)name.data);
    }
    fputc('\n', out);
    return TLS_OK;
}

/* §4.2.11: identities offered by the client, or the one the server selected. */
static tls_result print_pre_shared_key(FILE *out, unsigned msg_type,
                                       const struct tls_extension *ext, struct tls_error *err)
{
    if (msg_type != TLS_HT_client_hello) {
        uint16_t selected = 0;
        TRY(tls_ext_pre_shared_key_parse_sh(ext, &selected, err));
        fprintf(out, INDENT "  %-16s%u: the server resumes with this PSK\n", "selected_identity",
                (unsigned)selected);
        return TLS_OK;
    }
    static struct tls_offered_psks psks; /* large; display code is single-threaded */
    TRY(tls_ext_pre_shared_key_parse_ch(ext, &psks, err));
    for (size_t i = 0; i < psks.count; i++) {
        fprintf(out, INDENT "  %-16s%zu-byte ticket, obfuscated_ticket_age %lu, %zu-byte binder\n",
                "identity", psks.identities[i].identity.len,
                (unsigned long)psks.identities[i].obfuscated_ticket_age, psks.binders[i].len);
    }
    return TLS_OK;
}

/* The content of the extensions a student looks at first; others by name and length only. */
static tls_result print_extension_body(FILE *out, unsigned msg_type, bool hrr,
                                       const struct tls_extension *ext, struct tls_error *err)
{
    struct tls_u16_list list;
    struct tls_bytes bytes;
    uint16_t v = 0;
    switch (ext->extension_type) {
    case TLS_EXT_server_name: /* RFC 6066 §3 */
        if (msg_type != TLS_HT_client_hello) {
            return TLS_OK; /* the server's is empty: "I used your name" */
        }
        TRY(tls_ext_server_name_parse(ext, &bytes, err));
        fprintf(out, INDENT "  %-16s%.*s\n", "host_name", (int)bytes.len, (const char *)bytes.data);
        return TLS_OK;
    case TLS_EXT_supported_versions: /* §4.2.1 */
        if (msg_type == TLS_HT_client_hello) {
            TRY(tls_ext_supported_versions_parse_ch(ext, &list, err));
            print_u16_list(out, "  versions", &list, tls_version_name);
        } else {
            TRY(tls_ext_supported_versions_parse_sh(ext, &v, err));
            fprintf(out, INDENT "  %-16s%s\n", "selected", or_unknown(tls_version_name(v)));
        }
        return TLS_OK;
    case TLS_EXT_supported_groups: /* §4.2.7 */
        TRY(tls_ext_supported_groups_parse(ext, &list, err));
        print_u16_list(out, "  groups", &list, tls_group_name);
        return TLS_OK;
    case TLS_EXT_signature_algorithms: /* §4.2.3 */
    case TLS_EXT_signature_algorithms_cert:
        TRY(tls_ext_signature_algorithms_parse(ext, &list, err));
        print_u16_list(out, "  schemes", &list, tls_signature_scheme_name);
        return TLS_OK;
    case TLS_EXT_key_share:
        return print_key_share(out, msg_type, hrr, ext, err);
    case TLS_EXT_application_layer_protocol_negotiation:
        return print_alpn(out, msg_type, ext, err);
    case TLS_EXT_pre_shared_key:
        return print_pre_shared_key(out, msg_type, ext, err);
    default:
        return TLS_OK;
    }
}

/* §4.2: Extension extensions<...>; in wire order. */
static void print_extensions(FILE *out, unsigned msg_type, bool hrr, const struct tls_extensions *e)
{
    for (size_t i = 0; i < e->count; i++) {
        const struct tls_extension *ext = &e->list[i];
        uint16_t type = ext->extension_type;
        const char *name = tls_is_grease(type) ? "GREASE" : tls_extension_name(type);
        fprintf(out, INDENT "%-18s%s(%u), %zu bytes\n", "extension", or_unknown(name), type,
                ext->extension_data.len);
        struct tls_error err = {0};
        if (print_extension_body(out, msg_type, hrr, ext, &err) != TLS_OK) {
            fprintf(out, INDENT "  %-16s%s\n", "not decoded", or_unknown(err.reason));
        }
    }
}

/* The head shared by §4.1.2 ClientHello and §4.1.3 ServerHello. */
static void print_hello_head(FILE *out, uint16_t legacy_version, const uint8_t *random,
                             const struct tls_bytes *session_id, const char *session_id_name)
{
    fprintf(out, INDENT "%-18s0x%04x (%s; the real version is in supported_versions, §4.2.1)\n",
            "legacy_version", legacy_version, or_unknown(tls_version_name(legacy_version)));
    explain_hex(out, "random", random, 32, 32);
    explain_hex(out, session_id_name, session_id->data, session_id->len, 32);
}

static tls_result print_client_hello(FILE *out, const uint8_t *body, size_t len,
                                     struct tls_error *err)
{
    static struct tls_client_hello ch;
    TRY(tls_client_hello_parse(body, len, &ch, err));
    print_hello_head(out, ch.legacy_version, ch.random, &ch.legacy_session_id, "legacy_session_id");
    print_u16_list(out, "cipher_suites", &ch.cipher_suites, tls_cipher_suite_name);
    print_extensions(out, TLS_HT_client_hello, false, &ch.extensions);
    return TLS_OK;
}

static tls_result print_server_hello(FILE *out, const uint8_t *body, size_t len,
                                     struct tls_error *err)
{
    static struct tls_server_hello sh;
    TRY(tls_server_hello_parse(body, len, &sh, err));
    print_hello_head(out, sh.legacy_version, sh.random, &sh.legacy_session_id_echo,
                     "session_id_echo");
    if (sh.is_hello_retry_request) {
        fprintf(out, INDENT "%-18s%s\n", "", "= SHA-256(\"HelloRetryRequest\"): this is an HRR (§4.1.3)");
    }
    fprintf(out, INDENT "%-18s%s\n", "cipher_suite", or_unknown(tls_cipher_suite_name(sh.cipher_suite)));
    print_extensions(out, TLS_HT_server_hello, sh.is_hello_retry_request, &sh.extensions);
    return TLS_OK;
}

/* §4.4.2: each certificate's size, subject and issuer (the leaf first). */
static tls_result print_certificate(FILE *out, bool from_server, const uint8_t *body, size_t len,
                                    struct tls_error *err)
{
    static struct tls_certificate cert;
    TRY(tls_certificate_parse(body, len, from_server, &cert, err));
    if (cert.count == 0) {
        fprintf(out, INDENT "%-18s%s\n", "certificate_list",
                "empty: no client certificate to offer (§4.4.2)");
    }
    for (size_t i = 0; i < cert.count; i++) {
        const struct tls_bytes *der = &cert.certificate_list[i].cert_data;
        char subject[160], issuer[160];
        tls_x509_describe(der->data, der->len, subject, sizeof(subject), issuer, sizeof(issuer));
        fprintf(out, INDENT "certificate %-6zu%zu bytes of DER%s\n", i, der->len,
                i == 0 ? " (the leaf comes first, §4.4.2)" : "");
        fprintf(out, INDENT "  %-16s%s\n", "subject", subject);
        fprintf(out, INDENT "  %-16s%s\n", "issuer", issuer);
    }
    return TLS_OK;
}

static tls_result print_certificate_verify(FILE *out, const uint8_t *body, size_t len,
                                           struct tls_error *err)
{
    struct tls_certificate_verify cv;
    TRY(tls_certificate_verify_parse(body, len, &cv, err));
    fprintf(out, INDENT "%-18s%s\n", "algorithm", or_unknown(tls_signature_scheme_name(cv.algorithm)));
    fprintf(out, INDENT "%-18s%zu bytes over 64 spaces, the context string and the transcript hash (§4.4.3)\n",
            "signature", cv.signature.len);
    return TLS_OK;
}

static tls_result print_new_session_ticket(FILE *out, const uint8_t *body, size_t len,
                                           struct tls_error *err)
{
    static struct tls_new_session_ticket nst;
    TRY(tls_new_session_ticket_parse(body, len, &nst, err));
    fprintf(out, INDENT "%-18s%lu seconds\n", "ticket_lifetime", (unsigned long)nst.ticket_lifetime);
    explain_hex(out, "ticket_nonce", nst.ticket_nonce.data, nst.ticket_nonce.len, 32);
    fprintf(out, INDENT "%-18s%zu bytes (opaque to the client)\n", "ticket", nst.ticket.len);
    if (nst.has_early_data) {
        fprintf(out, INDENT "%-18s%lu bytes of 0-RTT data allowed\n", "max_early_data_size",
                (unsigned long)nst.max_early_data_size);
    }
    print_extensions(out, TLS_HT_new_session_ticket, false, &nst.extensions);
    return TLS_OK;
}

/* Decodes one message with its parser; *handled false when there is none here. */
static tls_result print_fields(FILE *out, enum tls_direction dir, unsigned type,
                               const uint8_t *body, size_t len, bool *handled,
                               struct tls_error *err)
{
    static struct tls_encrypted_extensions ee;
    static struct tls_certificate_request cr;
    enum tls_key_update_request request = TLS_KEY_UPDATE_update_not_requested;
    *handled = true;
    switch (type) {
    case TLS_HT_client_hello:
        return print_client_hello(out, body, len, err);
    case TLS_HT_server_hello:
        return print_server_hello(out, body, len, err);
    case TLS_HT_encrypted_extensions:
        TRY(tls_encrypted_extensions_parse(body, len, &ee, err));
        print_extensions(out, TLS_HT_encrypted_extensions, false, &ee.extensions);
        return TLS_OK;
    case TLS_HT_certificate_request:
        TRY(tls_certificate_request_parse(body, len, true, &cr, err));
        print_extensions(out, TLS_HT_certificate_request, false, &cr.extensions);
        return TLS_OK;
    case TLS_HT_certificate:
        return print_certificate(out, dir == TLS_DIR_SERVER_TO_CLIENT, body, len, err);
    case TLS_HT_certificate_verify:
        return print_certificate_verify(out, body, len, err);
    case TLS_HT_finished: /* §4.4.4: opaque verify_data[Hash.length]; */
        explain_hex(out, "verify_data", body, len, 64);
        return TLS_OK;
    case TLS_HT_new_session_ticket:
        return print_new_session_ticket(out, body, len, err);
    case TLS_HT_key_update:
        TRY(tls_key_update_parse(body, len, &request, err));
        fprintf(out, INDENT "%-18s%s\n", "request_update",
                request == TLS_KEY_UPDATE_update_requested ? "update_requested(1)"
                                                           : "update_not_requested(0)");
        return TLS_OK;
    default:
        *handled = false;
        return TLS_OK;
    }
}

void explain_message_fields(FILE *out, enum tls_direction dir, unsigned handshake_type,
                            const uint8_t *body, size_t len)
{
    struct tls_error err = {0};
    bool handled = false;
    if (print_fields(out, dir, handshake_type, body, len, &handled, &err) != TLS_OK) {
        fprintf(out, INDENT "%-18s%s%s%s\n", "not decoded", or_unknown(err.reason),
                err.field != NULL ? " at " : "", err.field != NULL ? err.field : "");
        handled = false;
    }
    if (!handled) {
        explain_hex(out, "body", body, len, 32);
    }
}
