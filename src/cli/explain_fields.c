/*
 * explain_fields.c — the key fields of each handshake message, for --explain (RFC 8446 §4).
 *
 * Implementation notes
 * --------------------
 * This is display code, not protocol code: it never decides anything, and a message it cannot
 * read (truncated, or a type it does not know) is shown as a hex dump of its first bytes. The
 * core has already parsed and checked the message by the time the observer sees it. Each
 * message reads with the bounded reader (common/reader.h), field names in RFC spelling. When
 * the handshake layer's message parsers land on main, they can replace the readers below.
 */
#include "cli/explain.h"

#include "common/names.h"
#include "common/reader.h"

#define INDENT "           "

/* A name, or "?" for a code point the tables do not know (printf must not get NULL). */
static const char *or_unknown(const char *name)
{
    return name != NULL ? name : "?";
}

/* "x25519(0x001d)"; unknown values print as hex only. */
static void print_code(FILE *out, const char *name, unsigned value)
{
    if (name != NULL) {
        fprintf(out, " %s", name);
    } else {
        fprintf(out, " 0x%04x", value);
    }
}

/* A vector of uint16 code points: cipher suites, groups, signature schemes, versions. */
static void print_u16_list(FILE *out, const char *label, struct tls_reader *list,
                           const char *(*name_of)(unsigned))
{
    fprintf(out, INDENT "%-17s", label);
    uint16_t v = 0;
    while (tls_reader_remaining(list) >= 2 && tls_read_u16(list, &v, label) == TLS_OK) {
        print_code(out, tls_is_grease(v) ? "GREASE" : name_of(v), v);
    }
    fputc('\n', out);
}

/* §4.2.8: struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry; */
static void print_key_shares(FILE *out, struct tls_reader *r)
{
    uint16_t group = 0;
    struct tls_reader key;
    while (tls_reader_remaining(r) > 0) {
        if (tls_read_u16(r, &group, "KeyShareEntry.group") != TLS_OK ||
            tls_read_vector(r, 1, 0xffff, &key, "key_exchange") != TLS_OK) {
            return;
        }
        fprintf(out, INDENT "  %-16s%s, %zu-byte public value\n", "key share",
                tls_is_grease(group) ? "GREASE" : or_unknown(tls_group_name(group)), key.len);
    }
}

/* The content of the few extensions a student looks at first; others by name and length. */
static void print_extension_body(FILE *out, unsigned msg_type, uint16_t type,
                                 struct tls_reader *body)
{
    struct tls_reader list, name;
    uint16_t v = 0;
    uint8_t type_u8 = 0;
    switch (type) {
    case TLS_EXT_supported_groups: /* §4.2.7: NamedGroup named_group_list<2..2^16-1> */
        if (tls_read_vector(body, 2, 0xffff, &list, "named_group_list") == TLS_OK) {
            print_u16_list(out, "  groups", &list, tls_group_name);
        }
        return;
    case TLS_EXT_signature_algorithms: /* §4.2.3 */
        if (tls_read_vector(body, 2, 0xfffe, &list, "supported_signature_algorithms") == TLS_OK) {
            print_u16_list(out, "  schemes", &list, tls_signature_scheme_name);
        }
        return;
    case TLS_EXT_supported_versions: /* §4.2.1: a list in ClientHello, one version in ServerHello */
        if (tls_reader_remaining(body) == 2 && tls_read_u16(body, &v, "selected_version") == TLS_OK) {
            fprintf(out, INDENT "  selected_version %s\n", or_unknown(tls_version_name(v)));
        } else if (tls_read_vector(body, 2, 254, &list, "versions") == TLS_OK) {
            print_u16_list(out, "  versions", &list, tls_version_name);
        }
        return;
    case TLS_EXT_key_share: /* §4.2.8: a KeyShareEntry list, one entry, or an HRR group */
        if (tls_reader_remaining(body) == 2 && tls_read_u16(body, &v, "selected_group") == TLS_OK) {
            fprintf(out, INDENT "  selected_group  %s (HelloRetryRequest, §4.2.8)\n",
                    or_unknown(tls_group_name(v)));
        } else if (msg_type != TLS_HT_client_hello) {
            print_key_shares(out, body); /* ServerHello: KeyShareEntry server_share; */
        } else if (tls_read_vector(body, 0, 0xffff, &list, "client_shares") == TLS_OK) {
            print_key_shares(out, &list);
        }
        return;
    case TLS_EXT_server_name: /* RFC 6066 §3: ServerNameList with one host_name */
        if (tls_read_vector(body, 1, 0xffff, &list, "server_name_list") == TLS_OK &&
            tls_read_u8(&list, &type_u8, "name_type") == TLS_OK &&
            tls_read_vector(&list, 1, 0xffff, &name, "HostName") == TLS_OK) {
            fprintf(out, INDENT "  %-16s%.*s\n", "host_name", (int)name.len,
                    (const char *)name.data);
        }
        return;
    default:
        return;
    }
}

/* §4.2: Extension extensions<0..2^16-1>; struct { ExtensionType extension_type;
 *        opaque extension_data<0..2^16-1>; } Extension; */
static void print_extensions(FILE *out, unsigned msg_type, struct tls_reader *r)
{
    struct tls_reader exts, body;
    if (tls_reader_remaining(r) == 0 || tls_read_vector(r, 0, 0xffff, &exts, "extensions") != TLS_OK) {
        return;
    }
    uint16_t type = 0;
    while (tls_reader_remaining(&exts) > 0) {
        if (tls_read_u16(&exts, &type, "extension_type") != TLS_OK ||
            tls_read_vector(&exts, 0, 0xffff, &body, "extension_data") != TLS_OK) {
            return;
        }
        const char *name = tls_is_grease(type) ? "GREASE" : tls_extension_name(type);
        fprintf(out, INDENT "%-18s%s(%u), %zu bytes\n", "extension",
                name != NULL ? name : "unknown", type, tls_reader_remaining(&body));
        print_extension_body(out, msg_type, type, &body);
    }
}

/* §4.1.2 ClientHello / §4.1.3 ServerHello: the common head of both. */
static void print_hello(FILE *out, bool client, struct tls_reader *r)
{
    uint16_t version = 0, suite = 0;
    const uint8_t *random = NULL;
    struct tls_reader sid, suites, compression;
    if (tls_read_u16(r, &version, "legacy_version") != TLS_OK ||
        tls_read_bytes(r, 32, &random, "random") != TLS_OK ||
        tls_read_vector(r, 0, 32, &sid, "legacy_session_id") != TLS_OK) {
        return;
    }
    fprintf(out, INDENT "%-18s0x%04x (%s; the real version is in supported_versions, §4.2.1)\n",
            "legacy_version", version, or_unknown(tls_version_name(version)));
    explain_hex(out, "random", random, 32, 32);
    explain_hex(out, "legacy_session_id", sid.data, sid.len, 32);
    if (client) {
        if (tls_read_vector(r, 2, 0xfffe, &suites, "cipher_suites") != TLS_OK) {
            return;
        }
        print_u16_list(out, "cipher_suites", &suites, tls_cipher_suite_name);
        if (tls_read_vector(r, 1, 0xff, &compression, "legacy_compression_methods") != TLS_OK) {
            return;
        }
    } else {
        uint8_t method = 0;
        if (tls_read_u16(r, &suite, "cipher_suite") != TLS_OK ||
            tls_read_u8(r, &method, "legacy_compression_method") != TLS_OK) {
            return;
        }
        fprintf(out, INDENT "%-18s%s\n", "cipher_suite",
                or_unknown(tls_cipher_suite_name(suite)));
    }
    print_extensions(out, client ? TLS_HT_client_hello : TLS_HT_server_hello, r);
}

/* §4.4.2: opaque certificate_request_context<0..2^8-1>; CertificateEntry certificate_list<0..2^24-1>; */
static void print_certificate(FILE *out, struct tls_reader *r)
{
    struct tls_reader context, list, cert, exts;
    if (tls_read_vector(r, 0, 0xff, &context, "certificate_request_context") != TLS_OK ||
        tls_read_vector(r, 0, 0xffffff, &list, "certificate_list") != TLS_OK) {
        return;
    }
    for (size_t i = 0; tls_reader_remaining(&list) > 0; i++) {
        if (tls_read_vector(&list, 1, 0xffffff, &cert, "cert_data") != TLS_OK ||
            tls_read_vector(&list, 0, 0xffff, &exts, "extensions") != TLS_OK) {
            return;
        }
        fprintf(out, INDENT "certificate %-6zu%zu bytes of DER%s\n", i, cert.len,
                i == 0 ? " (the leaf: it must come first, §4.4.2)" : "");
    }
}

/* §4.4.3: SignatureScheme algorithm; opaque signature<0..2^16-1>; */
static void print_certificate_verify(FILE *out, struct tls_reader *r)
{
    uint16_t scheme = 0;
    struct tls_reader sig;
    if (tls_read_u16(r, &scheme, "algorithm") != TLS_OK ||
        tls_read_vector(r, 0, 0xffff, &sig, "signature") != TLS_OK) {
        return;
    }
    fprintf(out, INDENT "%-18s%s\n", "algorithm",
            or_unknown(tls_signature_scheme_name(scheme)));
    fprintf(out, INDENT "%-18s%zu bytes\n", "signature", sig.len);
}

/* §4.6.1: uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
 *         opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; */
static void print_new_session_ticket(FILE *out, struct tls_reader *r)
{
    uint32_t lifetime = 0, age_add = 0;
    struct tls_reader nonce, ticket;
    if (tls_read_u32(r, &lifetime, "ticket_lifetime") != TLS_OK ||
        tls_read_u32(r, &age_add, "ticket_age_add") != TLS_OK ||
        tls_read_vector(r, 0, 0xff, &nonce, "ticket_nonce") != TLS_OK ||
        tls_read_vector(r, 1, 0xffff, &ticket, "ticket") != TLS_OK) {
        return;
    }
    fprintf(out, INDENT "%-18s%lu seconds\n", "ticket_lifetime", (unsigned long)lifetime);
    explain_hex(out, "ticket_nonce", nonce.data, nonce.len, 32);
    fprintf(out, INDENT "%-18s%zu bytes (opaque to the client)\n", "ticket", ticket.len);
    print_extensions(out, TLS_HT_new_session_ticket, r);
}

void explain_message_fields(FILE *out, unsigned handshake_type, const uint8_t *body, size_t len)
{
    struct tls_reader r;
    struct tls_error err = {0};
    tls_reader_init(&r, body, len, &err);
    switch (handshake_type) {
    case TLS_HT_client_hello:
    case TLS_HT_server_hello:
        print_hello(out, handshake_type == TLS_HT_client_hello, &r);
        return;
    case TLS_HT_encrypted_extensions: /* §4.3.1: Extension extensions<0..2^16-1>; */
        print_extensions(out, TLS_HT_encrypted_extensions, &r);
        return;
    case TLS_HT_certificate:
        print_certificate(out, &r);
        return;
    case TLS_HT_certificate_verify:
        print_certificate_verify(out, &r);
        return;
    case TLS_HT_finished: /* §4.4.4: opaque verify_data[Hash.length]; */
        explain_hex(out, "verify_data", body, len, 64);
        return;
    case TLS_HT_new_session_ticket:
        print_new_session_ticket(out, &r);
        return;
    case TLS_HT_key_update: /* §4.6.3: KeyUpdateRequest request_update; */
        fprintf(out, INDENT "%-18s%s\n", "request_update",
                len == 1 && body[0] == 1 ? "update_requested(1)" : "update_not_requested(0)");
        return;
    default:
        explain_hex(out, "body", body, len, 32);
        return;
    }
}
