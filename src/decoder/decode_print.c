/*
 * decode_print.c — what the handshake messages decide, for the decoder (RFC 8446 §4.1.2,
 * §4.1.3, §4.3.1, §4.4.2, §4.6.1, §4.6.3), and their fields in the record details.
 *
 * Implementation notes
 * --------------------
 * Every message is parsed by the same function the client uses; a message the parser refuses
 * is reported with the parser's RFC reason (a capture of a broken peer is worth explaining, not
 * worth stopping for). The ClientHello and ServerHello record in the connection what the rest of
 * the decoder needs (client random, offers, the negotiated version and suite); the
 * EncryptedExtensions whether 0-RTT was accepted; the Certificate its sender's leaf key.
 *
 * The fields themselves are not described here: the one message describer (model_messages.c)
 * cuts each message, and render_text.c prints its fields; this file records only what the
 * decoder concluded (the negotiated version, a parser's objection) as the record's facts
 * (model_facts.h), and formats nothing.
 */
#include <string.h>

#include "common/names.h"
#include "crypto/suite.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls13_keys.h"
#include "handshake/certificate.h"
#include "handshake/certificate_request.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"

/* §4.1.2 ClientHello; records the offers the rest of the decoder needs. */
void dec_print_client_hello(struct dec_conn *c, const uint8_t *body, size_t len, struct dec_record *rd)
{
    static struct tls_client_hello ch; /* large; the decoder is single-threaded */
    struct tls_error err = {0};
    dec_fact_message_fields(rd, TLS_HT_client_hello, body, len, false);
    if (tls_client_hello_parse(body, len, &ch, &err) != TLS_OK) {
        dec_fact_not_parsed(rd, "ClientHello", err.reason);
        dec_conn_note(c, "client: ClientHello does not parse: %s", err.reason);
        return;
    }
    c->have_client_hello = true;
    memcpy(c->client_random, ch.random, TLS_RANDOM_LEN);
    c->session_id_len = ch.legacy_session_id.len;
    memcpy(c->session_id, ch.legacy_session_id.data, ch.legacy_session_id.len);
    if (!ch.extensions_present) {
        return;
    }
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
    /* DTLS 1.3 (RFC 9147) is TLS 1.3's handshake over datagrams: read as TLS 1.3 from here. */
    c->tls13 = c->version == TLS_VERSION_1_3 || (c->dtls != NULL && dtls13_version(c->version));
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
void dec_print_server_hello(struct dec_conn *c, const uint8_t *body, size_t len, struct dec_record *rd)
{
    struct tls_server_hello sh;
    struct tls_error err = {0};
    dec_fact_message_fields(rd, TLS_HT_server_hello, body, len, false);
    /* Parsed without the TLS 1.3 compression rule: TLS 1.2 servers may compress (below). */
    if (tls_server_hello_parse_any_version(body, len, &sh, &err) != TLS_OK) {
        dec_fact_not_parsed(rd, "ServerHello", err.reason);
        dec_conn_note(c, "server: ServerHello does not parse: %s", err.reason);
        return;
    }
    c->have_server_hello = true;
    if (sh.is_hello_retry_request) {
        c->hrr = true;
    }
    server_hello_negotiated(c, &sh);
    if (sh.downgrade != TLS_DOWNGRADE_NONE) {
        dec_fact_note(rd, "random ends with the downgrade sentinel (§4.1.3)");
    }
    dec_fact_negotiated(rd, c->version);
    if (sh.legacy_compression_method != 0) {
        dec_server_hello_compression(c, sh.legacy_compression_method, rd);
    }
}

/* §4.4.2: the leaf certificate's key, which signs the CertificateVerify. */
static void certificate_seen(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_record *rd)
{
    static struct tls_certificate cert;
    struct tls_error err = {0};
    if (tls_certificate_parse(msg->body, msg->length, dir == TLS_DIR_SERVER_TO_CLIENT, &cert, &err) != TLS_OK) {
        dec_fact_not_parsed(rd, NULL, err.reason);
        return;
    }
    if (cert.count > 0) {
        const struct tls_bytes *der = &cert.certificate_list[0].cert_data;
        dec_certificate_leaf_key(c, dir, der->data, der->len);
    }
}

/* The parser's objection to a message, when it has one (the fields are shown anyway). */
static void parse_check(struct dec_conn *c, enum tls_direction dir,
                        const struct tls_handshake_message *msg, struct dec_record *rd)
{
    static struct tls_encrypted_extensions ee;
    static struct tls_certificate_request cr;
    static struct tls_new_session_ticket nst;
    struct tls_certificate_verify cv;
    enum tls_key_update_request req;
    struct tls_error err = {0};
    tls_result rc = TLS_OK;
    switch (msg->msg_type) {
    case TLS_HT_encrypted_extensions:
        rc = tls_encrypted_extensions_parse(msg->body, msg->length, &ee, &err);
        if (rc == TLS_OK) {
            c->early_data_accepted = tls_extensions_find(&ee.extensions, TLS_EXT_early_data) != NULL;
        }
        break;
    case TLS_HT_certificate:
        certificate_seen(c, dir, msg, rd);
        return;
    case TLS_HT_certificate_request:
        rc = tls_certificate_request_parse(msg->body, msg->length, !c->dir[dir].sent_finished,
                                           &cr, &err);
        break;
    case TLS_HT_certificate_verify:
        rc = tls_certificate_verify_parse(msg->body, msg->length, &cv, &err);
        break;
    case TLS_HT_new_session_ticket:
        rc = tls_new_session_ticket_parse(msg->body, msg->length, &nst, &err);
        if (rc == TLS_OK && nst.lifetime_too_long) {
            dec_fact_note(rd, "ticket_lifetime above 7 days: §4.6.1 MUST NOT");
        }
        break;
    case TLS_HT_key_update:
        rc = tls_key_update_parse(msg->body, msg->length, &req, &err);
        if (rc == TLS_OK) {
            dec_fact_key_update(rd, dir, c->dir[dir].generation + 1);
        }
        break;
    case TLS_HT_end_of_early_data:
        dec_fact_note(rd, "end of the client's 0-RTT data (§4.5): handshake keys follow");
        break;
    default:
        break;
    }
    if (rc != TLS_OK) {
        dec_fact_not_parsed(rd, NULL, err.reason);
    }
}

/* The TLS 1.3 messages after the ServerHello (§4.3-§4.6). */
void dec_print_tls13_message(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_record *rd)
{
    dec_fact_message_fields(rd, msg->msg_type, msg->body, msg->length, false);
    parse_check(c, dir, msg, rd);
}
