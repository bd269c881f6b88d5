/*
 * decode_print.c — handshake message fields by their RFC names (RFC 8446 §4.1.2, §4.1.3, §4.2,
 * §4.3.1, §4.3.2, §4.4.2, §4.4.3, §4.6.1, §4.6.3), through the src/handshake parsers.
 *
 * Implementation notes
 * --------------------
 * Every message is parsed by the same function the client uses; a message the parser refuses
 * is reported with the parser's RFC reason (a capture of a broken peer is worth explaining, not
 * worth stopping for). Extensions are listed by their IANA names (common/names.h); the ones
 * that decide the handshake (versions, groups, key shares, PSK, ALPN, the TLS 1.2 resumption
 * extensions) are decoded further. The ClientHello and ServerHello printers also record in the
 * connection what the rest of the decoder needs (client random, offers, the negotiated suite).
 */
#include <string.h>

#include "common/names.h"
#include "crypto/suite.h"
#include "decoder/decode_internal.h"
#include "handshake/certificate.h"
#include "handshake/certificate_request.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"

static const char *or_unknown(const char *s)
{
    return s != NULL ? s : "unknown";
}

static void print_u16_list(struct dec_text *t, const struct tls_u16_list *l,
                           const char *(*name)(unsigned))
{
    for (size_t i = 0; i < l->count; i++) {
        uint16_t v = tls_u16_list_get(l, i);
        const char *n = tls_is_grease(v) ? "GREASE" : name(v);
        dec_text_printf(t, "%s%s(0x%04x)", i == 0 ? "" : ", ", or_unknown(n), v);
    }
}

/* §4.2.8 key_share: client_shares (ClientHello), selected_group (HRR) or server_share. */
static void print_key_share(struct dec_text *t, const struct tls_extension *ext, uint8_t msg_type)
{
    struct tls_key_share_client_hello ks;
    struct tls_key_share_entry e;
    if (msg_type == TLS_HT_client_hello && tls_ext_key_share_parse_ch(ext, &ks, NULL) == TLS_OK) {
        for (size_t i = 0; i < ks.count; i++) {
            uint16_t g = ks.client_shares[i].group;
            dec_text_printf(t, "%s%s(0x%04x) %zu bytes", i == 0 ? ": " : ", ",
                            tls_is_grease(g) ? "GREASE" : or_unknown(tls_group_name(g)), g,
                            ks.client_shares[i].key_exchange.len);
        }
    } else if (msg_type == TLS_HT_server_hello && ext->extension_data.len == 2) {
        uint16_t g = (uint16_t)(ext->extension_data.data[0] << 8 | ext->extension_data.data[1]);
        dec_text_printf(t, ": selected_group %s(0x%04x) (HelloRetryRequest)",
                        or_unknown(tls_group_name(g)), g);
    } else if (tls_ext_key_share_parse_sh(ext, &e, NULL) == TLS_OK) {
        dec_text_printf(t, ": server_share %s(0x%04x) %zu bytes", or_unknown(tls_group_name(e.group)),
                        e.group, e.key_exchange.len);
    }
}

/* §4.2.11 pre_shared_key: the offered identities, or the one the server selected. */
static void print_pre_shared_key(struct dec_text *t, const struct tls_extension *ext, uint8_t msg_type)
{
    struct tls_offered_psks psks;
    uint16_t selected;
    if (msg_type == TLS_HT_client_hello) {
        if (tls_ext_pre_shared_key_parse_ch(ext, &psks, NULL) == TLS_OK) {
            dec_text_printf(t, ": %zu identities (first: %zu-byte ticket)", psks.count,
                            psks.count > 0 ? psks.identities[0].identity.len : 0);
        }
    } else if (tls_ext_pre_shared_key_parse_sh(ext, &selected, NULL) == TLS_OK) {
        dec_text_printf(t, ": selected_identity %u (PSK accepted)", selected);
    }
}

/* The decoded value of the extensions that matter for the handshake. */
static void print_extension_value(struct dec_text *t, const struct tls_extension *ext,
                                  uint8_t msg_type)
{
    struct tls_u16_list l;
    struct tls_bytes b;
    uint16_t v;
    struct tls_error err = {0};
    switch (ext->extension_type) {
    case TLS_EXT_server_name:
        if (msg_type == TLS_HT_client_hello && tls_ext_server_name_parse(ext, &b, &err) == TLS_OK) {
            dec_text_printf(t, ": host_name \"%.*s\"", (int)b.len, (const char *)b.data);
        }
        break;
    case TLS_EXT_supported_versions:
        if (msg_type == TLS_HT_client_hello &&
            tls_ext_supported_versions_parse_ch(ext, &l, &err) == TLS_OK) {
            dec_text_printf(t, ": ");
            print_u16_list(t, &l, tls_version_name);
        } else if (msg_type != TLS_HT_client_hello &&
                   tls_ext_supported_versions_parse_sh(ext, &v, &err) == TLS_OK) {
            dec_text_printf(t, ": selected_version %s(0x%04x)", or_unknown(tls_version_name(v)), v);
        }
        break;
    case TLS_EXT_supported_groups:
        if (tls_ext_supported_groups_parse(ext, &l, &err) == TLS_OK) {
            dec_text_printf(t, ": ");
            print_u16_list(t, &l, tls_group_name);
        }
        break;
    case TLS_EXT_signature_algorithms:
    case TLS_EXT_signature_algorithms_cert:
        if (tls_ext_signature_algorithms_parse(ext, &l, &err) == TLS_OK) {
            dec_text_printf(t, ": ");
            print_u16_list(t, &l, tls_signature_scheme_name);
        }
        break;
    case TLS_EXT_key_share:
        print_key_share(t, ext, msg_type);
        break;
    case TLS_EXT_pre_shared_key:
        print_pre_shared_key(t, ext, msg_type);
        break;
    case TLS_EXT_application_layer_protocol_negotiation:
        if (msg_type != TLS_HT_client_hello && tls_ext_alpn_parse_ee(ext, &b, &err) == TLS_OK) {
            dec_text_printf(t, ": \"%.*s\"", (int)b.len, (const char *)b.data);
        }
        break;
    case TLS_EXT_session_ticket:
        dec_text_printf(t, ext->extension_data.len == 0 ? ": empty (ticket support, RFC 5077)"
                                                        : ": a ticket to resume with (RFC 5077)");
        break;
    case TLS_EXT_extended_master_secret:
        dec_text_printf(t, ": (RFC 7627)");
        break;
    case TLS_EXT_renegotiation_info:
        dec_text_printf(t, ": renegotiated_connection %u bytes (RFC 5746)",
                        ext->extension_data.len > 0 ? ext->extension_data.data[0] : 0);
        break;
    default:
        break;
    }
}

void dec_print_extensions(struct dec_text *t, const struct tls_extensions *e, uint8_t msg_type)
{
    dec_text_printf(t, "      extensions (%zu):\n", e->count);
    for (size_t i = 0; i < e->count; i++) {
        const struct tls_extension *ext = &e->list[i];
        const char *n = tls_is_grease(ext->extension_type) ? "GREASE"
                                                            : tls_extension_name(ext->extension_type);
        dec_text_printf(t, "        %s(%u), %zu bytes", or_unknown(n), ext->extension_type,
                        ext->extension_data.len);
        print_extension_value(t, ext, msg_type);
        dec_text_printf(t, "\n");
    }
}

/* §4.1.2 ClientHello; also records the offers the rest of the decoder needs. */
void dec_print_client_hello(struct dec_conn *c, const uint8_t *body, size_t len, struct dec_text *t)
{
    struct tls_client_hello ch;
    struct tls_error err = {0};
    if (tls_client_hello_parse(body, len, &ch, &err) != TLS_OK) {
        dec_text_printf(t, "      not a valid ClientHello: %s\n", err.reason);
        dec_conn_note(c, "client: ClientHello does not parse: %s", err.reason);
        return;
    }
    c->have_client_hello = true;
    memcpy(c->client_random, ch.random, TLS_RANDOM_LEN);
    c->session_id_len = ch.legacy_session_id.len;
    memcpy(c->session_id, ch.legacy_session_id.data, ch.legacy_session_id.len);
    dec_text_printf(t, "      legacy_version: %s(0x%04x)\n      random: ",
                    or_unknown(tls_version_name(ch.legacy_version)), ch.legacy_version);
    dec_text_hex(t, ch.random, TLS_RANDOM_LEN);
    dec_text_printf(t, "\n      legacy_session_id: %zu bytes ", ch.legacy_session_id.len);
    dec_text_hex(t, ch.legacy_session_id.data, ch.legacy_session_id.len);
    dec_text_printf(t, "\n      cipher_suites (%zu): ", ch.cipher_suites.count);
    print_u16_list(t, &ch.cipher_suites, tls_cipher_suite_name);
    dec_text_printf(t, "\n      legacy_compression_methods: %zu\n", ch.legacy_compression_methods.len);
    if (!ch.extensions_present) {
        dec_text_printf(t, "      no extensions\n");
        return;
    }
    dec_print_extensions(t, &ch.extensions, TLS_HT_client_hello);
    const struct tls_extension *ticket = tls_extensions_find(&ch.extensions, TLS_EXT_session_ticket);
    c->offered_ticket_ext = ticket != NULL;
    c->offered_ticket = ticket != NULL && ticket->extension_data.len > 0;
    c->offered_ems = tls_extensions_find(&ch.extensions, TLS_EXT_extended_master_secret) != NULL;
    c->offered_psk = tls_extensions_find(&ch.extensions, TLS_EXT_pre_shared_key) != NULL;
    c->offered_early_data = tls_extensions_find(&ch.extensions, TLS_EXT_early_data) != NULL;
    struct tls_u16_list versions;
    const struct tls_extension *sv = tls_extensions_find(&ch.extensions, TLS_EXT_supported_versions);
    c->offered_tls13 = sv != NULL && tls_ext_supported_versions_parse_ch(sv, &versions, NULL) == TLS_OK &&
                       tls_u16_list_contains(&versions, TLS_VERSION_1_3);
}

/* What the ServerHello decides: version (§4.2.1), suite, group, PSK. */
static void server_hello_negotiated(struct dec_conn *c, const struct tls_server_hello *sh)
{
    uint16_t selected = 0;
    const struct tls_extension *sv = tls_extensions_find(&sh->extensions, TLS_EXT_supported_versions);
    c->version = sh->legacy_version;
    if (sv != NULL && tls_ext_supported_versions_parse_sh(sv, &selected, NULL) == TLS_OK) {
        c->version = selected;
    }
    c->tls13 = c->version == TLS_VERSION_1_3;
    c->cipher_suite = sh->cipher_suite;
    c->suite = tls_cipher_suite_find(sh->cipher_suite);
    if (c->suite != NULL) {
        c->hash = c->suite->hash;
    } else if (c->tls13 && (sh->cipher_suite == 0x1304 || sh->cipher_suite == 0x1305)) {
        c->hash = TLS_HASH_SHA256; /* CCM suites: the hash is known, the AEAD is not ours */
    }
    const struct tls_extension *ks = tls_extensions_find(&sh->extensions, TLS_EXT_key_share);
    struct tls_key_share_entry e;
    if (ks != NULL && ks->extension_data.len == 2) {
        c->group = (uint16_t)(ks->extension_data.data[0] << 8 | ks->extension_data.data[1]);
    } else if (ks != NULL && tls_ext_key_share_parse_sh(ks, &e, NULL) == TLS_OK) {
        c->group = e.group;
    }
    c->psk_accepted = tls_extensions_find(&sh->extensions, TLS_EXT_pre_shared_key) != NULL;
    c->sh_ems = tls_extensions_find(&sh->extensions, TLS_EXT_extended_master_secret) != NULL;
    c->sh_etm = tls_extensions_find(&sh->extensions, TLS_EXT_encrypt_then_mac) != NULL;
    c->sh_ticket_ext = tls_extensions_find(&sh->extensions, TLS_EXT_session_ticket) != NULL;
    memcpy(c->server_random, sh->random, TLS_RANDOM_LEN);
    c->sh_session_id_len = sh->legacy_session_id_echo.len;
    c->sh_echoes_session_id = c->session_id_len > 0 &&
                              sh->legacy_session_id_echo.len == c->session_id_len &&
                              memcmp(sh->legacy_session_id_echo.data, c->session_id, c->session_id_len) == 0;
}

/* §4.1.3 ServerHello (and §4.1.4 HelloRetryRequest, the same structure). */
void dec_print_server_hello(struct dec_conn *c, const uint8_t *body, size_t len, struct dec_text *t)
{
    struct tls_server_hello sh;
    struct tls_error err = {0};
    /* Parsed without the TLS 1.3 compression rule: TLS 1.2 servers may compress (below). */
    if (tls_server_hello_parse_any_version(body, len, &sh, &err) != TLS_OK) {
        dec_text_printf(t, "      not a valid ServerHello: %s\n", err.reason);
        dec_conn_note(c, "server: ServerHello does not parse: %s", err.reason);
        return;
    }
    c->have_server_hello = true;
    if (sh.is_hello_retry_request) {
        c->hrr = true;
    }
    server_hello_negotiated(c, &sh);
    dec_text_printf(t, "      legacy_version: %s(0x%04x)\n      random: ",
                    or_unknown(tls_version_name(sh.legacy_version)), sh.legacy_version);
    dec_text_hex(t, sh.random, TLS_RANDOM_LEN);
    dec_text_printf(t, "%s%s\n", sh.is_hello_retry_request ? " (HelloRetryRequest, §4.1.3)" : "",
                    sh.downgrade != TLS_DOWNGRADE_NONE ? " (downgrade sentinel, §4.1.3)" : "");
    dec_text_printf(t, "      legacy_session_id_echo: %zu bytes ", sh.legacy_session_id_echo.len);
    dec_text_hex(t, sh.legacy_session_id_echo.data, sh.legacy_session_id_echo.len);
    dec_text_printf(t, "\n      cipher_suite: %s(0x%04x)\n      legacy_compression_method: %u\n",
                    or_unknown(tls_cipher_suite_name(sh.cipher_suite)), sh.cipher_suite,
                    sh.legacy_compression_method);
    if (sh.extensions_present) {
        dec_print_extensions(t, &sh.extensions, TLS_HT_server_hello);
    }
    dec_text_printf(t, "      negotiated: %s\n", or_unknown(tls_version_name(c->version)));
    if (sh.legacy_compression_method != 0) {
        dec_server_hello_compression(c, sh.legacy_compression_method, t);
    }
}

static void print_certificate(struct dec_conn *c, enum tls_direction dir,
                              const struct tls_handshake_message *msg, struct dec_text *t)
{
    struct tls_certificate cert;
    struct tls_error err = {0};
    if (tls_certificate_parse(msg->body, msg->length, dir == TLS_DIR_SERVER_TO_CLIENT, &cert, &err) != TLS_OK) {
        dec_text_printf(t, "      not parsed: %s\n", err.reason);
        return;
    }
    dec_text_printf(t, "      certificate_request_context: %zu bytes\n      certificate_list: %zu entries\n",
                    cert.certificate_request_context.len, cert.count);
    for (size_t i = 0; i < cert.count; i++) {
        const struct tls_bytes *der = &cert.certificate_list[i].cert_data;
        dec_text_printf(t, "        [%zu] cert_data %zu bytes (DER X.509), extensions %zu bytes\n", i,
                        der->len, cert.certificate_list[i].extensions.len);
        dec_describe_certificate(c, dir, i, der->data, der->len, t);
    }
}

static void print_new_session_ticket(const struct tls_handshake_message *msg, struct dec_text *t)
{
    struct tls_new_session_ticket nst;
    struct tls_error err = {0};
    if (tls_new_session_ticket_parse(msg->body, msg->length, &nst, &err) != TLS_OK) {
        dec_text_printf(t, "      not parsed: %s\n", err.reason);
        return;
    }
    dec_text_printf(t, "      ticket_lifetime: %u s%s\n      ticket_age_add: %u\n      ticket_nonce: ",
                    nst.ticket_lifetime, nst.lifetime_too_long ? " (above 7 days: §4.6.1 MUST NOT)" : "",
                    nst.ticket_age_add);
    dec_text_hex(t, nst.ticket_nonce.data, nst.ticket_nonce.len);
    dec_text_printf(t, "\n      ticket: %zu bytes\n", nst.ticket.len);
    dec_print_extensions(t, &nst.extensions, TLS_HT_new_session_ticket);
    if (nst.has_early_data) {
        dec_text_printf(t, "      max_early_data_size: %u\n", nst.max_early_data_size);
    }
}

/* §4.3.2 CertificateRequest (in the handshake, or post-handshake §4.6.2 after the Finished). */
static void print_certificate_request(struct dec_conn *c, enum tls_direction dir,
                                      const struct tls_handshake_message *msg, struct dec_text *t)
{
    struct tls_certificate_request cr;
    struct tls_error err = {0};
    if (tls_certificate_request_parse(msg->body, msg->length, !c->dir[dir].sent_finished, &cr, &err) != TLS_OK) {
        dec_text_printf(t, "      not parsed: %s\n", err.reason);
        return;
    }
    dec_text_printf(t, "      certificate_request_context: %zu bytes\n", cr.certificate_request_context.len);
    dec_print_extensions(t, &cr.extensions, TLS_HT_certificate_request);
}

/* §4.4.3 CertificateVerify: the signature is shown, not checked (that needs the certificate
   chain and its trust, which the client does; the decoder only explains). */
static void print_certificate_verify(const struct tls_handshake_message *msg, struct dec_text *t)
{
    struct tls_certificate_verify cv;
    struct tls_error err = {0};
    if (tls_certificate_verify_parse(msg->body, msg->length, &cv, &err) != TLS_OK) {
        dec_text_printf(t, "      not parsed: %s\n", err.reason);
        return;
    }
    dec_text_printf(t, "      algorithm: %s(0x%04x)\n      signature: %zu bytes\n",
                    or_unknown(tls_signature_scheme_name(cv.algorithm)), cv.algorithm, cv.signature.len);
}

/* The TLS 1.3 messages after the ServerHello (§4.3-§4.6). */
void dec_print_tls13_message(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_text *t)
{
    struct tls_error err = {0};
    switch (msg->msg_type) {
    case TLS_HT_encrypted_extensions: {
        struct tls_encrypted_extensions ee;
        if (tls_encrypted_extensions_parse(msg->body, msg->length, &ee, &err) == TLS_OK) {
            dec_print_extensions(t, &ee.extensions, TLS_HT_encrypted_extensions);
            c->early_data_accepted = tls_extensions_find(&ee.extensions, TLS_EXT_early_data) != NULL;
        } else {
            dec_text_printf(t, "      not parsed: %s\n", err.reason);
        }
        break;
    }
    case TLS_HT_certificate:
        print_certificate(c, dir, msg, t);
        break;
    case TLS_HT_certificate_request:
        print_certificate_request(c, dir, msg, t);
        break;
    case TLS_HT_certificate_verify:
        print_certificate_verify(msg, t);
        break;
    case TLS_HT_new_session_ticket:
        print_new_session_ticket(msg, t);
        break;
    case TLS_HT_key_update: {
        enum tls_key_update_request req;
        if (tls_key_update_parse(msg->body, msg->length, &req, &err) == TLS_OK) {
            dec_text_printf(t, "      request_update: %s(%u); the %s's next records use "
                               "application_traffic_secret_%u (§7.2 \"traffic upd\")\n",
                            req == TLS_KEY_UPDATE_update_requested ? "update_requested"
                                                                   : "update_not_requested",
                            req, dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server",
                            c->dir[dir].generation + 1);
        } else {
            dec_text_printf(t, "      not parsed: %s\n", err.reason);
        }
        break;
    }
    case TLS_HT_end_of_early_data:
        dec_text_printf(t, "      end of the client's 0-RTT data (§4.5): handshake keys follow\n");
        break;
    default:
        break;
    }
}
