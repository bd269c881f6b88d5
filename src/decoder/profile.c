/*
 * profile.c — fills a connection profile (profile.h) from the decoder's observers: the
 * ClientHello offers (RFC 8446 §4.1.2, §4.2), what the ServerHello, EncryptedExtensions and
 * CertificateVerify chose (§4.1.3, §4.3.1, §4.4.3), the records as sent (§5.1, §5.2), and
 * what happened after the handshake (§4.6.1 NewSessionTicket, §4.6.3 KeyUpdate, §6.1 closure).
 */
#include "decoder/profile.h"

#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/dtls.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/extensions.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"

const char *tls_profile_dir_name(int dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : dir == TLS_DIR_SERVER_TO_CLIENT ? "server" : "nobody";
}

void tls_profile_collector_init(struct tls_profile_collector *pc, struct tls_profile *out,
                                unsigned want, const char *input)
{
    memset(pc, 0, sizeof(*pc));
    memset(out, 0, sizeof(*out));
    pc->want = want;
    pc->out = out;
    snprintf(out->input, sizeof(out->input), "%s", input);
    out->conn_id = want;
    out->neg.early_data_accepted = -1;
    out->after.closes_first = -1;
    out->after.other_alert[0] = -1;
    out->after.other_alert[1] = -1;
}

/* ---- ClientHello ---------------------------------------------------------------------------- */

static void list_from(struct tls_profile_list *l, const struct tls_u16_list *src)
{
    l->count = 0;
    for (size_t i = 0; i < src->count && l->count < TLS_PROFILE_MAX_LIST; i++) {
        l->v[l->count++] = tls_u16_list_get(src, i);
    }
}

/* Hex of the first bytes of data, "..." when cut. */
static void hex_value(char *out, size_t cap, const uint8_t *p, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used + 3 < cap; i++) {
        if (used + 6 >= cap && i + 1 < n) {
            snprintf(out + used, cap - used, "...");
            return;
        }
        used += (size_t)snprintf(out + used, cap - used, "%02x", p[i]);
    }
}

static void append(char *out, size_t cap, const char *s)
{
    size_t used = strlen(out);
    if (used < cap) {
        snprintf(out + used, cap - used, "%s%s", used > 0 ? "," : "", s);
    }
}

/* A name for a code point, or its number in hex. */
static const char *code_name(const char *(*fn)(unsigned), unsigned v, char *buf, size_t cap)
{
    const char *n = fn(v);
    if (n != NULL) {
        return n;
    }
    snprintf(buf, cap, "%s0x%04x", tls_is_grease(v) ? "GREASE " : "", v);
    return buf;
}

static void u16_list_value(char *out, size_t cap, const struct tls_u16_list *l,
                           const char *(*fn)(unsigned))
{
    out[0] = '\0';
    for (size_t i = 0; i < l->count; i++) {
        char buf[24];
        append(out, cap, code_name(fn, tls_u16_list_get(l, i), buf, sizeof(buf)));
    }
}

/* key_share (§4.2.8): "x25519:32,secp256r1:65"; the shares are kept in h. */
static bool key_share_value(struct tls_profile_hello *h, const struct tls_extension *e, char *out,
                            size_t cap)
{
    struct tls_key_share_client_hello ks;
    struct tls_error err = {0};
    if (tls_ext_key_share_parse_ch(e, &ks, &err) != TLS_OK) {
        return false;
    }
    for (size_t i = 0; i < ks.count && i < TLS_PROFILE_MAX_SHARES; i++) {
        char buf[48], nb[24];
        h->key_shares[i].group = ks.client_shares[i].group;
        h->key_shares[i].length = (uint16_t)ks.client_shares[i].key_exchange.len;
        snprintf(buf, sizeof(buf), "%s:%zu", code_name(tls_group_name, ks.client_shares[i].group, nb, sizeof(nb)),
                 ks.client_shares[i].key_exchange.len);
        append(out, cap, buf);
        h->key_share_count = i + 1;
    }
    return true;
}

/* application_layer_protocol_negotiation (RFC 7301 §3.1): "h2,http/1.1". */
static bool alpn_value(const struct tls_extension *e, char *out, size_t cap)
{
    struct tls_bytes list;
    struct tls_error err = {0};
    size_t n = 0;
    if (tls_ext_alpn_parse_ch(e, &list, &n, &err) != TLS_OK) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        struct tls_bytes p = tls_ext_alpn_get(&list, i);
        char buf[64];
        snprintf(buf, sizeof(buf), "%.*s", (int)(p.len < 60 ? p.len : 60), (const char *)p.data);
        append(out, cap, buf);
    }
    return true;
}

/* One extension's value as short text: the RFC's meaning when this project parses it. */
static void extension_value(struct tls_profile_hello *h, const struct tls_extension *e, char *out,
                            size_t cap)
{
    struct tls_error err = {0};
    struct tls_u16_list l;
    struct tls_bytes b;
    out[0] = '\0';
    switch (e->extension_type) {
    case TLS_EXT_server_name:
        if (tls_ext_server_name_parse(e, &b, &err) == TLS_OK) {
            snprintf(out, cap, "%.*s", (int)(b.len < 100 ? b.len : 100), (const char *)b.data);
            return;
        }
        break;
    case TLS_EXT_supported_versions:
        if (tls_ext_supported_versions_parse_ch(e, &l, &err) == TLS_OK) {
            list_from(&h->supported_versions, &l);
            u16_list_value(out, cap, &l, tls_version_name);
            return;
        }
        break;
    case TLS_EXT_supported_groups:
        if (tls_ext_supported_groups_parse(e, &l, &err) == TLS_OK) {
            list_from(&h->supported_groups, &l);
            u16_list_value(out, cap, &l, tls_group_name);
            return;
        }
        break;
    case TLS_EXT_signature_algorithms:
        if (tls_ext_signature_algorithms_parse(e, &l, &err) == TLS_OK) {
            list_from(&h->signature_algorithms, &l);
            u16_list_value(out, cap, &l, tls_signature_scheme_name);
            return;
        }
        break;
    case TLS_EXT_key_share:
        if (key_share_value(h, e, out, cap)) {
            return;
        }
        break;
    case TLS_EXT_psk_key_exchange_modes:
        if (tls_ext_psk_key_exchange_modes_parse(e, &b, &err) == TLS_OK) {
            for (size_t i = 0; i < b.len; i++) {
                append(out, cap, b.data[i] == TLS_PSK_DHE_KE ? "psk_dhe_ke" : b.data[i] == TLS_PSK_KE ? "psk_ke" : "?");
            }
            return;
        }
        break;
    case TLS_EXT_application_layer_protocol_negotiation:
        if (alpn_value(e, out, cap)) {
            return;
        }
        break;
    case TLS_EXT_pre_shared_key: {
        struct tls_offered_psks psk;
        if (tls_ext_pre_shared_key_parse_ch(e, &psk, &err) == TLS_OK) {
            snprintf(out, cap, "%zu identit%s, identity %zu bytes", psk.count,
                     psk.count == 1 ? "y" : "ies", psk.count > 0 ? psk.identities[0].identity.len : 0);
            return;
        }
        break;
    }
    case TLS_EXT_padding:
        snprintf(out, cap, "%u zero bytes", (unsigned)e->extension_data.len);
        return;
    default:
        break;
    }
    if (e->extension_data.len == 0) {
        snprintf(out, cap, "(empty)");
        return;
    }
    hex_value(out, cap, e->extension_data.data, e->extension_data.len);
}

static void client_hello(struct tls_profile *p, const struct tls_handshake_message *msg)
{
    size_t which = p->hello[0].present ? 1 : 0;
    if (p->hello[which].present) {
        return; /* a third ClientHello cannot happen in one connection (§4.1.4) */
    }
    struct tls_client_hello ch;
    struct tls_error err = {0};
    struct tls_profile_hello *h = &p->hello[which];
    h->present = true;
    h->length = msg->length;
    h->cookie_len = -1;
    /* DTLS (dtls_decode.c): the body handed over is the TLS form, without the cookie, while
       bytes are the message as sent: a 12-byte header (RFC 6347 §4.2.2), client_version (2),
       random (32), session_id<0..32>, then cookie<0..2^8-1> (§4.2.1). */
    size_t hdr = 4; /* where the TLS form's body starts in the message as sent */
    if (msg->total_len >= (size_t)msg->length + DTLS_HANDSHAKE_HEADER_LEN && msg->total_len >= 12 + 35) {
        size_t sid_at = 12 + 34;
        size_t cookie_at = sid_at + 1 + msg->bytes[sid_at];
        if (cookie_at < msg->total_len) {
            h->cookie_len = msg->bytes[cookie_at];
            h->length = (uint32_t)(msg->total_len - DTLS_HANDSHAKE_HEADER_LEN);
            hdr = DTLS_HANDSHAKE_HEADER_LEN + 1u + (size_t)h->cookie_len;
        }
    }
    if (tls_client_hello_parse(msg->body, msg->length, &ch, &err) != TLS_OK) {
        return;
    }
    h->legacy_version = ch.legacy_version;
    h->session_id_len = (uint8_t)ch.legacy_session_id.len;
    h->compression_count = (uint8_t)ch.legacy_compression_methods.len;
    list_from(&h->cipher_suites, &ch.cipher_suites);
    for (size_t i = 0; i < ch.extensions.count && i < TLS_PROFILE_MAX_EXTS; i++) {
        const struct tls_extension *e = &ch.extensions.list[i];
        h->ext[i].type = e->extension_type;
        h->ext[i].length = (uint16_t)e->extension_data.len;
        /* extension_type (2) and the length (2) precede extension_data; the cookie, if any,
           comes before every extension */
        h->ext[i].offset = (uint32_t)(hdr + (size_t)(e->extension_data.data - msg->body)) - 4u;
        extension_value(h, e, h->ext[i].value, sizeof(h->ext[i].value));
        h->ext_count = i + 1;
        if (e->extension_type == TLS_EXT_early_data) {
            p->neg.early_data_offered = true;
        }
    }
}

/* ---- what the server chose -------------------------------------------------------------- */

static void server_hello(struct tls_profile *p, const struct tls_handshake_message *msg)
{
    struct tls_server_hello sh;
    struct tls_error err = {0};
    if (tls_server_hello_parse(msg->body, msg->length, &sh, &err) != TLS_OK) {
        return;
    }
    if (sh.is_hello_retry_request) {
        p->neg.hello_retry_request = true;
        return;
    }
    const struct tls_extension *psk = tls_extensions_find(&sh.extensions, TLS_EXT_pre_shared_key);
    const struct tls_extension *ks = tls_extensions_find(&sh.extensions, TLS_EXT_key_share);
    if (psk != NULL) {
        /* RFC 8446 §4.2.9: with psk_ke the ServerHello has no key_share. */
        p->neg.psk_mode = ks != NULL ? "psk_dhe_ke" : "psk_ke";
    }
    /* TLS 1.2 (no supported_versions) answers ALPN in the ServerHello; 1.3 in
       EncryptedExtensions (RFC 7301 §3.1, RFC 8446 §4.3.1). */
    if (tls_extensions_find(&sh.extensions, TLS_EXT_supported_versions) == NULL) {
        p->neg.alpn_known = true;
    }
    p->neg.extended_master_secret =
        tls_extensions_find(&sh.extensions, TLS_EXT_extended_master_secret) != NULL;
    const struct tls_extension *alpn =
        tls_extensions_find(&sh.extensions, TLS_EXT_application_layer_protocol_negotiation);
    struct tls_bytes name;
    if (alpn != NULL && tls_ext_alpn_parse_ee(alpn, &name, &err) == TLS_OK) {
        p->neg.alpn_known = true;
        snprintf(p->neg.alpn, sizeof(p->neg.alpn), "%.*s", (int)(name.len < 60 ? name.len : 60),
                 (const char *)name.data);
    }
}

static void encrypted_extensions(struct tls_profile *p, const struct tls_handshake_message *msg)
{
    struct tls_encrypted_extensions ee;
    struct tls_error err = {0};
    if (tls_encrypted_extensions_parse(msg->body, msg->length, &ee, &err) != TLS_OK) {
        return;
    }
    p->neg.early_data_accepted = tls_extensions_find(&ee.extensions, TLS_EXT_early_data) != NULL;
    p->neg.alpn_known = true;
    const struct tls_extension *alpn =
        tls_extensions_find(&ee.extensions, TLS_EXT_application_layer_protocol_negotiation);
    struct tls_bytes name;
    if (alpn != NULL && tls_ext_alpn_parse_ee(alpn, &name, &err) == TLS_OK) {
        snprintf(p->neg.alpn, sizeof(p->neg.alpn), "%.*s", (int)(name.len < 60 ? name.len : 60),
                 (const char *)name.data);
    }
}

/*
 * TLS 1.2 ServerKeyExchange for ECDHE (RFC 8422 §5.4): curve_type(1) = named_curve(3),
 * NamedCurve(2), ECPoint point<1..2^8-1>, then the signature: SignatureAndHashAlgorithm(2)
 * (RFC 5246 §7.4.1.4.1) and opaque signature<0..2^16-1>. Only the scheme is taken.
 */
static void server_key_exchange(struct tls_profile *p, const struct tls_handshake_message *msg)
{
    const uint8_t *b = msg->body;
    size_t n = msg->length;
    if (n < 4 || b[0] != 3) {
        return;
    }
    size_t point_len = b[3];
    if (n < 4 + point_len + 2) {
        return;
    }
    p->neg.signature_scheme = (uint16_t)((b[4 + point_len] << 8) | b[5 + point_len]);
}

/* A NewSessionTicket read (TLS 1.2 plaintext, or TLS 1.3 decrypted); its record's length is
   filled when the record is reported. */
static void new_session_ticket(struct tls_profile_collector *pc, const struct tls_handshake_message *msg)
{
    struct tls_profile_after *a = &pc->out->after;
    unsigned i = a->tickets++;
    pc->record_tickets++;
    if (i >= TLS_PROFILE_MAX_TICKETS) {
        return;
    }
    struct tls_new_session_ticket nst;
    struct tls_error err = {0};
    a->ticket_msg_len[i] = msg->length;
    a->ticket_decrypted[i] = true;
    if (tls_new_session_ticket_parse(msg->body, msg->length, &nst, &err) == TLS_OK) {
        a->ticket_lifetime[i] = nst.ticket_lifetime;
    } else if (msg->length >= 4) {
        /* TLS 1.2 NewSessionTicket (RFC 5077 §3.3): ticket_lifetime_hint, then the ticket. */
        const uint8_t *b = msg->body;
        a->ticket_lifetime[i] = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    }
}

void on_profile_message(void *ctx, unsigned conn_id, enum tls_direction dir,
                       const struct tls_handshake_message *msg)
{
    struct tls_profile_collector *pc = ctx;
    if (conn_id != pc->want) {
        return;
    }
    struct tls_profile *p = pc->out;
    if (pc->pending_msgs < TLS_PROFILE_MAX_RECORD_MSGS) {
        pc->pending_type[pc->pending_msgs] = msg->msg_type;
        pc->pending_len[pc->pending_msgs] = msg->length;
        pc->pending_msgs++;
    }
    struct tls_certificate_verify cv;
    struct tls_error err = {0};
    switch (msg->msg_type) {
    case TLS_HT_client_hello:
        client_hello(p, msg);
        break;
    case TLS_HT_server_hello:
        server_hello(p, msg);
        break;
    case TLS_HT_encrypted_extensions:
        encrypted_extensions(p, msg);
        break;
    case TLS_HT_server_key_exchange:
        server_key_exchange(p, msg);
        break;
    case TLS_HT_certificate_verify:
        if (dir == TLS_DIR_SERVER_TO_CLIENT &&
            tls_certificate_verify_parse(msg->body, msg->length, &cv, &err) == TLS_OK) {
            p->neg.signature_scheme = cv.algorithm;
        }
        break;
    case TLS_HT_new_session_ticket:
        new_session_ticket(pc, msg);
        break;
    case TLS_HT_finished:
        if (dir == TLS_DIR_CLIENT_TO_SERVER) {
            pc->finished_seen = true;
        }
        break;
    default:
        break;
    }
}
