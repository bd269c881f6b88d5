/*
 * extension_types.c — the individual extensions of extensions.h: server_name (RFC 6066 §3),
 * supported_versions (RFC 8446 §4.2.1), cookie (§4.2.2), signature_algorithms (§4.2.3),
 * supported_groups (§4.2.7), key_share (§4.2.8), psk_key_exchange_modes (§4.2.9), early_data
 * (§4.2.10), pre_shared_key (§4.2.11), ALPN (RFC 7301 §3.1).
 *
 * Implementation notes
 * --------------------
 * Each parser reads one extension_data completely: every field through the bounded reader,
 * then tls_read_end(), so a byte too many is decode_error as surely as a byte too few (§6:
 * decode_error "the length of the message was incorrect"). Each writer writes the whole
 * Extension (type, 2-byte length, data) so a ClientHello encoder is a list of calls.
 */
#include "handshake/extensions.h"

/* A reader over one extension's data, for the parsers below. */
static void ext_reader(struct tls_reader *r, const struct tls_extension *ext, struct tls_error *err)
{
    tls_reader_init(r, ext->extension_data.data, ext->extension_data.len, err);
}

/* Reads a list of uint16 values  T list<min..max>;  into a view; an odd length is decode_error. */
static tls_result read_u16_list(struct tls_reader *r, size_t min, size_t max,
                                struct tls_u16_list *out, const char *field)
{
    struct tls_reader v;
    TRY(tls_read_vector(r, min, max, &v, field));
    if (v.len % 2 != 0) {
        return tls_hs_fail(r->err, TLS_ALERT_decode_error, field,
                           "RFC 8446 §3.4: a vector of uint16 values has an odd length");
    }
    out->data = v.data;
    out->count = v.len / 2;
    return TLS_OK;
}

/* Opens an Extension: writes its type and reserves the extension_data length. */
static struct tls_vector_mark ext_begin(struct tls_writer *w, uint16_t extension_type)
{
    tls_write_u16(w, extension_type);
    return tls_write_vector_begin(w, 0xffff);
}

static void write_u16_list(struct tls_writer *w, size_t max, const uint16_t *v, size_t n)
{
    struct tls_vector_mark m = tls_write_vector_begin(w, max);
    for (size_t i = 0; i < n; i++) {
        tls_write_u16(w, v[i]);
    }
    tls_write_vector_end(w, m);
}

tls_result tls_ext_empty_parse(const struct tls_extension *ext, struct tls_error *err)
{
    /* struct {} Empty; — e.g. RFC 6066 §3: the server's server_name answer "SHALL be empty". */
    if (ext->extension_data.len != 0) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, tls_extension_name(ext->extension_type),
                           "RFC 8446 §4.2: this extension's extension_data must be empty");
    }
    return TLS_OK;
}

/*
 * RFC 6066 §3:
 *     struct {
 *         NameType name_type;
 *         select (name_type) { case host_name: HostName; } name;
 *     } ServerName;
 *     enum { host_name(0), (255) } NameType;
 *     opaque HostName<1..2^16-1>;
 *     struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
 */
tls_result tls_ext_server_name_parse(const struct tls_extension *ext, struct tls_bytes *host_name,
                                     struct tls_error *err)
{
    struct tls_reader r, list, name;
    uint8_t name_type;
    ext_reader(&r, ext, err);
    TRY(tls_read_vector(&r, 1, 0xffff, &list, "ServerNameList.server_name_list"));
    TRY(tls_read_end(&r, "ServerNameList"));
    TRY(tls_read_u8(&list, &name_type, "ServerName.name_type"));
    /* RFC 6066 §3: host_name(0) is the only NameType defined; anything else cannot be parsed
     * further, since its length format is unknown. */
    if (name_type != 0) {
        return tls_hs_fail(err, TLS_ALERT_illegal_parameter, "ServerName.name_type",
                           "RFC 6066 §3: only host_name(0) is defined");
    }
    TRY(tls_read_vector(&list, 1, 0xffff, &name, "ServerName.HostName"));
    /* RFC 6066 §3: "The ServerNameList MUST NOT contain more than one name of the same
     * name_type." With one type defined, that is one entry. */
    TRY(tls_read_end(&list, "ServerNameList.server_name_list"));
    host_name->data = name.data;
    host_name->len = name.len;
    return TLS_OK;
}

void tls_ext_server_name_write(struct tls_writer *w, const uint8_t *host_name, size_t len)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_server_name);
    struct tls_vector_mark list = tls_write_vector_begin(w, 0xffff);
    tls_write_u8(w, 0); /* host_name */
    struct tls_vector_mark name = tls_write_vector_begin(w, 0xffff);
    tls_write_bytes(w, host_name, len);
    tls_write_vector_end(w, name);
    tls_write_vector_end(w, list);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.1:
 *     struct {
 *         select (Handshake.msg_type) {
 *             case client_hello:
 *                  ProtocolVersion versions<2..254>;
 *             case server_hello: // and HelloRetryRequest
 *                  ProtocolVersion selected_version;
 *         };
 *     } SupportedVersions;
 */
tls_result tls_ext_supported_versions_parse_ch(const struct tls_extension *ext,
                                               struct tls_u16_list *versions, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(read_u16_list(&r, 2, 254, versions, "SupportedVersions.versions"));
    return tls_read_end(&r, "SupportedVersions");
}

tls_result tls_ext_supported_versions_parse_sh(const struct tls_extension *ext,
                                               uint16_t *selected_version, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(tls_read_u16(&r, selected_version, "SupportedVersions.selected_version"));
    return tls_read_end(&r, "SupportedVersions");
}

void tls_ext_supported_versions_write_ch(struct tls_writer *w, const uint16_t *versions, size_t n)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_supported_versions);
    write_u16_list(w, 254, versions, n);
    tls_write_vector_end(w, e);
}

void tls_ext_supported_versions_write_sh(struct tls_writer *w, uint16_t selected_version)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_supported_versions);
    tls_write_u16(w, selected_version);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.2:
 *     struct { opaque cookie<1..2^16-1>; } Cookie;
 */
tls_result tls_ext_cookie_parse(const struct tls_extension *ext, struct tls_bytes *cookie,
                                struct tls_error *err)
{
    struct tls_reader r, c;
    ext_reader(&r, ext, err);
    /* An empty cookie is outside <1..2^16-1>: decode_error (checklist HRR-10). */
    TRY(tls_read_vector(&r, 1, 0xffff, &c, "Cookie.cookie"));
    TRY(tls_read_end(&r, "Cookie"));
    cookie->data = c.data;
    cookie->len = c.len;
    return TLS_OK;
}

void tls_ext_cookie_write(struct tls_writer *w, const uint8_t *cookie, size_t len)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_cookie);
    struct tls_vector_mark c = tls_write_vector_begin(w, 0xffff);
    tls_write_bytes(w, cookie, len);
    tls_write_vector_end(w, c);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.3:
 *     struct {
 *         SignatureScheme supported_signature_algorithms<2..2^16-2>;
 *     } SignatureSchemeList;
 */
tls_result tls_ext_signature_algorithms_parse(const struct tls_extension *ext,
                                              struct tls_u16_list *schemes, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(read_u16_list(&r, 2, 0xfffe, schemes, "SignatureSchemeList.supported_signature_algorithms"));
    return tls_read_end(&r, "SignatureSchemeList");
}

void tls_ext_signature_algorithms_write(struct tls_writer *w, uint16_t extension_type,
                                        const uint16_t *schemes, size_t n)
{
    struct tls_vector_mark e = ext_begin(w, extension_type);
    write_u16_list(w, 0xfffe, schemes, n);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.7:
 *     struct {
 *         NamedGroup named_group_list<2..2^16-1>;
 *     } NamedGroupList;
 */
tls_result tls_ext_supported_groups_parse(const struct tls_extension *ext,
                                          struct tls_u16_list *groups, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(read_u16_list(&r, 2, 0xffff, groups, "NamedGroupList.named_group_list"));
    return tls_read_end(&r, "NamedGroupList");
}

void tls_ext_supported_groups_write(struct tls_writer *w, const uint16_t *groups, size_t n)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_supported_groups);
    write_u16_list(w, 0xffff, groups, n);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.8:
 *     struct {
 *         NamedGroup group;
 *         opaque key_exchange<1..2^16-1>;
 *     } KeyShareEntry;
 */
static tls_result read_key_share_entry(struct tls_reader *r, struct tls_key_share_entry *e)
{
    struct tls_reader kx;
    TRY(tls_read_u16(r, &e->group, "KeyShareEntry.group"));
    TRY(tls_read_vector(r, 1, 0xffff, &kx, "KeyShareEntry.key_exchange"));
    e->key_exchange.data = kx.data;
    e->key_exchange.len = kx.len;
    return TLS_OK;
}

static void write_key_share_entry(struct tls_writer *w, const struct tls_key_share_entry *e)
{
    tls_write_u16(w, e->group);
    struct tls_vector_mark kx = tls_write_vector_begin(w, 0xffff);
    tls_write_bytes(w, e->key_exchange.data, e->key_exchange.len);
    tls_write_vector_end(w, kx);
}

/*     struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello; */
tls_result tls_ext_key_share_parse_ch(const struct tls_extension *ext,
                                      struct tls_key_share_client_hello *out, struct tls_error *err)
{
    struct tls_reader r, list;
    ext_reader(&r, ext, err);
    TRY(tls_read_vector(&r, 0, 0xffff, &list, "KeyShareClientHello.client_shares"));
    TRY(tls_read_end(&r, "KeyShareClientHello"));
    out->count = 0;
    while (tls_reader_remaining(&list) > 0) {
        struct tls_key_share_entry e;
        TRY(read_key_share_entry(&list, &e));
        /* §4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the same group."
         * "Servers MAY check for violations of these rules and abort the handshake with an
         * "illegal_parameter" alert if one is violated." */
        for (size_t i = 0; i < out->count; i++) {
            if (out->client_shares[i].group == e.group) {
                return tls_hs_fail(err, TLS_ALERT_illegal_parameter, "KeyShareEntry.group",
                                   "RFC 8446 §4.2.8: two client shares for the same group");
            }
        }
        if (out->count == TLS_MAX_KEY_SHARES) {
            return tls_hs_fail(err, TLS_ALERT_decode_error, "KeyShareClientHello.client_shares",
                               "RFC 8446 §4.2.8: more key shares than this implementation accepts (8)");
        }
        out->client_shares[out->count++] = e;
    }
    return TLS_OK;
}

/*     struct { KeyShareEntry server_share; } KeyShareServerHello; */
tls_result tls_ext_key_share_parse_sh(const struct tls_extension *ext,
                                      struct tls_key_share_entry *server_share, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(read_key_share_entry(&r, server_share));
    return tls_read_end(&r, "KeyShareServerHello");
}

/*     struct { NamedGroup selected_group; } KeyShareHelloRetryRequest; */
tls_result tls_ext_key_share_parse_hrr(const struct tls_extension *ext, uint16_t *selected_group,
                                       struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(tls_read_u16(&r, selected_group, "KeyShareHelloRetryRequest.selected_group"));
    return tls_read_end(&r, "KeyShareHelloRetryRequest");
}

void tls_ext_key_share_write_ch(struct tls_writer *w, const struct tls_key_share_entry *shares,
                                size_t n)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_key_share);
    struct tls_vector_mark list = tls_write_vector_begin(w, 0xffff);
    for (size_t i = 0; i < n; i++) {
        write_key_share_entry(w, &shares[i]);
    }
    tls_write_vector_end(w, list);
    tls_write_vector_end(w, e);
}

void tls_ext_key_share_write_sh(struct tls_writer *w, const struct tls_key_share_entry *server_share)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_key_share);
    write_key_share_entry(w, server_share);
    tls_write_vector_end(w, e);
}

void tls_ext_key_share_write_hrr(struct tls_writer *w, uint16_t selected_group)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_key_share);
    tls_write_u16(w, selected_group);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.9:
 *     enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
 *     struct {
 *         PskKeyExchangeMode ke_modes<1..255>;
 *     } PskKeyExchangeModes;
 */
tls_result tls_ext_psk_key_exchange_modes_parse(const struct tls_extension *ext,
                                                struct tls_bytes *ke_modes, struct tls_error *err)
{
    struct tls_reader r, m;
    ext_reader(&r, ext, err);
    TRY(tls_read_vector(&r, 1, 255, &m, "PskKeyExchangeModes.ke_modes"));
    TRY(tls_read_end(&r, "PskKeyExchangeModes"));
    ke_modes->data = m.data;
    ke_modes->len = m.len;
    return TLS_OK;
}

void tls_ext_psk_key_exchange_modes_write(struct tls_writer *w, const uint8_t *ke_modes, size_t n)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_psk_key_exchange_modes);
    struct tls_vector_mark m = tls_write_vector_begin(w, 255);
    tls_write_bytes(w, ke_modes, n);
    tls_write_vector_end(w, m);
    tls_write_vector_end(w, e);
}

/*
 * RFC 8446 §4.2.10 (new_session_ticket case):
 *     uint32 max_early_data_size;
 */
tls_result tls_ext_early_data_parse_nst(const struct tls_extension *ext,
                                        uint32_t *max_early_data_size, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(tls_read_u32(&r, max_early_data_size, "EarlyDataIndication.max_early_data_size"));
    return tls_read_end(&r, "EarlyDataIndication");
}

/*
 * RFC 8446 §4.2.11:
 *     struct {
 *         opaque identity<1..2^16-1>;
 *         uint32 obfuscated_ticket_age;
 *     } PskIdentity;
 *     opaque PskBinderEntry<32..255>;
 *     struct {
 *         PskIdentity identities<7..2^16-1>;
 *         PskBinderEntry binders<33..2^16-1>;
 *     } OfferedPsks;
 */
static tls_result read_psk_identities(struct tls_reader *list, struct tls_offered_psks *out)
{
    out->count = 0;
    while (tls_reader_remaining(list) > 0) {
        struct tls_reader id;
        struct tls_psk_identity *p;
        if (out->count == TLS_MAX_PSK_IDENTITIES) {
            return tls_hs_fail(list->err, TLS_ALERT_decode_error, "OfferedPsks.identities",
                               "RFC 8446 §4.2.11: more PSK identities than this implementation accepts (4)");
        }
        p = &out->identities[out->count++];
        TRY(tls_read_vector(list, 1, 0xffff, &id, "PskIdentity.identity"));
        TRY(tls_read_u32(list, &p->obfuscated_ticket_age, "PskIdentity.obfuscated_ticket_age"));
        p->identity.data = id.data;
        p->identity.len = id.len;
    }
    return TLS_OK;
}

static tls_result binder_count_mismatch(struct tls_error *err)
{
    return tls_hs_fail(err, TLS_ALERT_illegal_parameter, "OfferedPsks.binders",
                       "RFC 8446 §4.2.11: the number of binders differs from the number of identities");
}

tls_result tls_ext_pre_shared_key_parse_ch(const struct tls_extension *ext,
                                           struct tls_offered_psks *out, struct tls_error *err)
{
    struct tls_reader r, identities, binders;
    size_t n = 0;
    ext_reader(&r, ext, err);
    TRY(tls_read_vector(&r, 7, 0xffff, &identities, "OfferedPsks.identities"));
    TRY(read_psk_identities(&identities, out));
    /* The binders vector starts here; Truncate(ClientHello) ends here (§4.2.11.2). */
    out->binders_raw.data = tls_reader_cursor(&r);
    TRY(tls_read_vector(&r, 33, 0xffff, &binders, "OfferedPsks.binders"));
    out->binders_raw.len = 2 + binders.len;
    TRY(tls_read_end(&r, "OfferedPsks"));
    /* "binders: A series of HMAC values, one for each value in the identities list and in the
     * same order": as many binders as identities, no more and no fewer. */
    while (tls_reader_remaining(&binders) > 0) {
        struct tls_reader b;
        if (n == out->count) {
            return binder_count_mismatch(err);
        }
        TRY(tls_read_vector(&binders, 32, 255, &b, "PskBinderEntry"));
        out->binders[n].data = b.data;
        out->binders[n].len = b.len;
        n++;
    }
    if (n != out->count) {
        return binder_count_mismatch(err);
    }
    return TLS_OK;
}

/*     case server_hello: uint16 selected_identity; */
tls_result tls_ext_pre_shared_key_parse_sh(const struct tls_extension *ext,
                                           uint16_t *selected_identity, struct tls_error *err)
{
    struct tls_reader r;
    ext_reader(&r, ext, err);
    TRY(tls_read_u16(&r, selected_identity, "PreSharedKeyExtension.selected_identity"));
    return tls_read_end(&r, "PreSharedKeyExtension");
}

void tls_ext_pre_shared_key_write_sh(struct tls_writer *w, uint16_t selected_identity)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_pre_shared_key);
    tls_write_u16(w, selected_identity);
    tls_write_vector_end(w, e);
}

size_t tls_psk_binders_len(const size_t *binder_lens, size_t n)
{
    /* binders<33..2^16-1> has a 2-byte length; each PskBinderEntry<32..255> a 1-byte one. */
    size_t len = 2;
    for (size_t i = 0; i < n; i++) {
        len += 1 + binder_lens[i];
    }
    return len;
}

/*
 * RFC 7301 §3.1:
 *     opaque ProtocolName<1..2^8-1>;
 *     struct {
 *         ProtocolName protocol_name_list<2..2^16-1>
 *     } ProtocolNameList;
 */
tls_result tls_ext_alpn_parse_ch(const struct tls_extension *ext, struct tls_bytes *list,
                                 size_t *count, struct tls_error *err)
{
    struct tls_reader r, names;
    ext_reader(&r, ext, err);
    TRY(tls_read_vector(&r, 2, 0xffff, &names, "ProtocolNameList.protocol_name_list"));
    TRY(tls_read_end(&r, "ProtocolNameList"));
    list->data = names.data;
    list->len = names.len;
    /* Walk the list once so that tls_ext_alpn_get() can trust its framing; an empty
     * ProtocolName is outside <1..2^8-1>. */
    *count = 0;
    while (tls_reader_remaining(&names) > 0) {
        struct tls_reader name;
        TRY(tls_read_vector(&names, 1, 255, &name, "ProtocolName"));
        (*count)++;
    }
    return TLS_OK;
}

tls_result tls_ext_alpn_parse_ee(const struct tls_extension *ext, struct tls_bytes *protocol_name,
                                 struct tls_error *err)
{
    struct tls_reader r, names, name;
    ext_reader(&r, ext, err);
    TRY(tls_read_vector(&r, 2, 0xffff, &names, "ProtocolNameList.protocol_name_list"));
    TRY(tls_read_end(&r, "ProtocolNameList"));
    /* RFC 7301 §3.1: the server's "ProtocolNameList MUST contain exactly one ProtocolName":
     * one non-empty name and nothing after it. */
    TRY(tls_read_vector(&names, 1, 255, &name, "ProtocolName"));
    if (tls_reader_remaining(&names) != 0) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "ProtocolNameList.protocol_name_list",
                           "RFC 7301 §3.1: the server's list must contain exactly one ProtocolName");
    }
    protocol_name->data = name.data;
    protocol_name->len = name.len;
    return TLS_OK;
}

struct tls_bytes tls_ext_alpn_get(const struct tls_bytes *list, size_t i)
{
    /* The list was validated by tls_ext_alpn_parse_ch(): each entry is 1 length byte + name. */
    size_t pos = 0;
    struct tls_bytes name = {NULL, 0};
    while (pos < list->len) {
        size_t len = list->data[pos];
        if (i == 0) {
            name.data = list->data + pos + 1;
            name.len = len;
            return name;
        }
        pos += 1 + len;
        i--;
    }
    return name;
}

void tls_ext_alpn_write(struct tls_writer *w, const struct tls_bytes *protocol_names, size_t n)
{
    struct tls_vector_mark e = ext_begin(w, TLS_EXT_application_layer_protocol_negotiation);
    struct tls_vector_mark list = tls_write_vector_begin(w, 0xffff);
    for (size_t i = 0; i < n; i++) {
        struct tls_vector_mark name = tls_write_vector_begin(w, 255);
        tls_write_bytes(w, protocol_names[i].data, protocol_names[i].len);
        tls_write_vector_end(w, name);
    }
    tls_write_vector_end(w, list);
    tls_write_vector_end(w, e);
}
