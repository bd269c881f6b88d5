/*
 * client_hello.c — ClientHello (RFC 8446 §4.1.2): encode from a configuration, parse, and
 * the PSK binder helpers (§4.2.11.2). See client_hello.h for the extension order.
 */
#include "handshake/client_hello.h"

#include <stdint.h>

/* The default supported_versions: TLS 1.3 only (§4.2.1: "Implementations of this specification
 * MUST send this extension in the ClientHello containing all versions of TLS which they are
 * prepared to negotiate"). */
static const uint16_t tls13_only[] = {TLS_VERSION_1_3};

/* True when the configuration itself supplies this extension (not via extra_extensions). */
static bool has_builtin(const struct tls_client_hello_config *cfg, uint16_t type)
{
    switch (type) {
    case TLS_EXT_server_name:
        return cfg->server_name.len > 0;
    case TLS_EXT_supported_versions:
        return true;
    case TLS_EXT_supported_groups:
        return cfg->supported_groups_count > 0;
    case TLS_EXT_key_share:
        return !cfg->omit_key_share;
    case TLS_EXT_signature_algorithms:
        return cfg->signature_algorithms_count > 0;
    case TLS_EXT_psk_key_exchange_modes:
        return cfg->psk_key_exchange_modes_count > 0;
    case TLS_EXT_application_layer_protocol_negotiation:
        return cfg->alpn_protocols_count > 0;
    case TLS_EXT_cookie:
        return cfg->cookie.len > 0;
    case TLS_EXT_early_data:
        return cfg->early_data;
    case TLS_EXT_pre_shared_key:
        return cfg->psk_count > 0;
    default:
        return false;
    }
}

static const struct tls_extension *find_extra(const struct tls_client_hello_config *cfg,
                                              uint16_t type)
{
    for (size_t i = 0; i < cfg->extra_extensions_count; i++) {
        if (cfg->extra_extensions[i].extension_type == type) {
            return &cfg->extra_extensions[i];
        }
    }
    return NULL;
}

/* The default order (client_hello.h), without pre_shared_key. */
static const uint16_t default_order[] = {
    TLS_EXT_server_name,          TLS_EXT_supported_versions,
    TLS_EXT_supported_groups,     TLS_EXT_key_share,
    TLS_EXT_signature_algorithms, TLS_EXT_psk_key_exchange_modes,
    TLS_EXT_application_layer_protocol_negotiation,
    TLS_EXT_cookie,               TLS_EXT_early_data,
};

/* Appends type to out if there is room; counts it either way, so overflow is seen once. */
static size_t push(uint16_t *out, size_t cap, size_t n, uint16_t type)
{
    if (n < cap) {
        out[n] = type;
    }
    return n + 1;
}

/* The default order: built-ins the configuration asks for, then the extras as given. */
static size_t default_types(const struct tls_client_hello_config *cfg, uint16_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof(default_order) / sizeof(default_order[0]); i++) {
        /* A raw extra of the same type replaces the built-in one, at the extras' place. */
        if (has_builtin(cfg, default_order[i]) && find_extra(cfg, default_order[i]) == NULL) {
            n = push(out, cap, n, default_order[i]);
        }
    }
    for (size_t i = 0; i < cfg->extra_extensions_count; i++) {
        n = push(out, cap, n, cfg->extra_extensions[i].extension_type);
    }
    return n;
}

/* The caller's order, each type checked to have data (built-in or extra); SIZE_MAX if one
 * has none. */
static size_t explicit_types(const struct tls_client_hello_config *cfg, uint16_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->extension_order_count; i++) {
        uint16_t type = cfg->extension_order[i];
        if (!has_builtin(cfg, type) && find_extra(cfg, type) == NULL) {
            return SIZE_MAX;
        }
        n = push(out, cap, n, type);
    }
    return n;
}

/* The rules a list of extension types must follow to make a valid ClientHello. */
static bool types_are_valid(const uint16_t *types, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* RFC 8446 §4.2.11: "The "pre_shared_key" extension MUST be the last extension in the
         * ClientHello". */
        if (types[i] == TLS_EXT_pre_shared_key && i + 1 != n) {
            return false;
        }
        /* RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a given
         * extension block" (an order listing a type twice, or an extra repeating one). */
        for (size_t j = 0; j < i; j++) {
            if (types[j] == types[i]) {
                return false;
            }
        }
    }
    return true;
}

size_t tls_client_hello_extension_types(const struct tls_client_hello_config *cfg, uint16_t *out,
                                        size_t cap)
{
    bool psk_listed = false;
    size_t n = cfg->extension_order == NULL ? default_types(cfg, out, cap)
                                            : explicit_types(cfg, out, cap);
    if (n == SIZE_MAX) {
        return 0;
    }
    for (size_t i = 0; i < n && i < cap; i++) {
        psk_listed = psk_listed || out[i] == TLS_EXT_pre_shared_key;
    }
    /* A configured PSK goes last even when the order does not name it. */
    if (cfg->psk_count > 0 && !psk_listed) {
        n = push(out, cap, n, TLS_EXT_pre_shared_key);
    }
    if (n > cap || !types_are_valid(out, n)) {
        return 0;
    }
    return n;
}

/*
 * OfferedPsks (§4.2.11) with zero-filled binders of the right lengths; *binders_at is where
 * the binders vector starts (its 2-byte length).
 */
static void write_offered_psks(struct tls_writer *w, const struct tls_client_hello_config *cfg,
                               size_t *binders_at)
{
    struct tls_vector_mark e, ids, binders;
    tls_write_u16(w, TLS_EXT_pre_shared_key);
    e = tls_write_vector_begin(w, 0xffff);
    ids = tls_write_vector_begin(w, 0xffff); /* PskIdentity identities<7..2^16-1> */
    for (size_t i = 0; i < cfg->psk_count; i++) {
        struct tls_vector_mark id = tls_write_vector_begin(w, 0xffff);
        tls_write_bytes(w, cfg->psk_identities[i].identity.data, cfg->psk_identities[i].identity.len);
        tls_write_vector_end(w, id);
        tls_write_u32(w, cfg->psk_identities[i].obfuscated_ticket_age);
    }
    tls_write_vector_end(w, ids);
    *binders_at = w->len;
    binders = tls_write_vector_begin(w, 0xffff); /* PskBinderEntry binders<33..2^16-1> */
    for (size_t i = 0; i < cfg->psk_count; i++) {
        struct tls_vector_mark b = tls_write_vector_begin(w, 255);
        uint8_t *zeros = tls_write_reserve(w, cfg->psk_binder_lens[i]);
        for (size_t j = 0; zeros != NULL && j < cfg->psk_binder_lens[i]; j++) {
            zeros[j] = 0; /* filled by tls_client_hello_set_binders() */
        }
        tls_write_vector_end(w, b);
    }
    tls_write_vector_end(w, binders);
    tls_write_vector_end(w, e);
}

/* Writes one extension: the raw extra of that type if there is one, else the built-in. */
static void write_extension(struct tls_writer *w, const struct tls_client_hello_config *cfg,
                            uint16_t type, size_t *binders_at)
{
    const uint16_t *versions = cfg->supported_versions != NULL ? cfg->supported_versions : tls13_only;
    size_t versions_count = cfg->supported_versions != NULL ? cfg->supported_versions_count : 1;
    /* A raw extra of this type replaces the built-in one (client_hello.h) — except a configured
     * PSK, whose binders must be laid out here for tls_client_hello_set_binders(). */
    const struct tls_extension *x = find_extra(cfg, type);
    if (x != NULL && !(type == TLS_EXT_pre_shared_key && cfg->psk_count > 0)) {
        tls_extension_write(w, type, x->extension_data.data, x->extension_data.len);
        return;
    }
    switch (type) {
    case TLS_EXT_server_name:
        tls_ext_server_name_write(w, cfg->server_name.data, cfg->server_name.len);
        break;
    case TLS_EXT_supported_versions:
        tls_ext_supported_versions_write_ch(w, versions, versions_count);
        break;
    case TLS_EXT_supported_groups:
        tls_ext_supported_groups_write(w, cfg->supported_groups, cfg->supported_groups_count);
        break;
    case TLS_EXT_key_share:
        tls_ext_key_share_write_ch(w, cfg->key_shares, cfg->key_shares_count);
        break;
    case TLS_EXT_signature_algorithms:
        tls_ext_signature_algorithms_write(w, TLS_EXT_signature_algorithms, cfg->signature_algorithms,
                                           cfg->signature_algorithms_count);
        break;
    case TLS_EXT_psk_key_exchange_modes:
        tls_ext_psk_key_exchange_modes_write(w, cfg->psk_key_exchange_modes,
                                             cfg->psk_key_exchange_modes_count);
        break;
    case TLS_EXT_application_layer_protocol_negotiation:
        tls_ext_alpn_write(w, cfg->alpn_protocols, cfg->alpn_protocols_count);
        break;
    case TLS_EXT_cookie:
        tls_ext_cookie_write(w, cfg->cookie.data, cfg->cookie.len);
        break;
    case TLS_EXT_early_data:
        tls_extension_write(w, TLS_EXT_early_data, NULL, 0); /* CH form: struct {} Empty */
        break;
    case TLS_EXT_pre_shared_key:
        write_offered_psks(w, cfg, binders_at);
        break;
    default:
        break;
    }
}

/*
 * RFC 8446 §4.1.2:
 *     struct {
 *         ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *         Random random;
 *         opaque legacy_session_id<0..32>;
 *         CipherSuite cipher_suites<2..2^16-2>;
 *         opaque legacy_compression_methods<1..2^8-1>;
 *         Extension extensions<8..2^16-1>;
 *     } ClientHello;
 */
tls_result tls_client_hello_encode(struct tls_writer *w, const struct tls_client_hello_config *cfg,
                                   struct tls_client_hello_layout *layout, struct tls_error *err)
{
    uint16_t types[TLS_MAX_EXTENSIONS];
    size_t n = tls_client_hello_extension_types(cfg, types, TLS_MAX_EXTENSIONS);
    size_t start = w->len;
    size_t binders_at = 0;
    /* A configuration that cannot give a valid ClientHello is our bug, not the peer's. */
    if (n == 0) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.2: ClientHello configuration lists an extension with no data, "
                        "repeats one, or does not put pre_shared_key last");
    }
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_client_hello);
    /* §4.1.2: "In TLS 1.3, the client indicates its version preferences in the
     * "supported_versions" extension and the legacy_version field MUST be set to 0x0303". */
    tls_write_u16(w, TLS_VERSION_1_2);
    tls_write_bytes(w, cfg->random, TLS_RANDOM_LEN);
    /* Empty, or 32 random bytes in middlebox compatibility mode (App. D.4); a longer one makes
     * tls_write_vector_end() flag overflow, reported below as internal_error. */
    struct tls_vector_mark sid = tls_write_vector_begin(w, TLS_MAX_SESSION_ID_LEN);
    tls_write_bytes(w, cfg->legacy_session_id.data, cfg->legacy_session_id.len);
    tls_write_vector_end(w, sid);
    /* §4.1.2: cipher_suites is "in descending order of client preference". */
    struct tls_vector_mark suites = tls_write_vector_begin(w, 0xfffe);
    for (size_t i = 0; i < cfg->cipher_suites_count; i++) {
        tls_write_u16(w, cfg->cipher_suites[i]);
    }
    tls_write_vector_end(w, suites);
    /* §4.1.2: "For every TLS 1.3 ClientHello, this vector MUST contain exactly one byte, set
     * to zero, which corresponds to the "null" compression method in prior versions of TLS." */
    tls_write_u8(w, 1);
    tls_write_u8(w, 0);
    struct tls_vector_mark exts = tls_write_vector_begin(w, 0xffff);
    for (size_t i = 0; i < n; i++) {
        write_extension(w, cfg, types[i], &binders_at);
    }
    tls_write_vector_end(w, exts);
    tls_handshake_msg_end(w, msg);
    /* One check for every write above (the writer's overflow flag is sticky). */
    TRY(tls_writer_result(w, err));
    /* Offsets relative to the message, so the caller can hash msg[0 .. binders_offset). */
    layout->length = w->len - start;
    layout->binders_offset = cfg->psk_count > 0 ? binders_at - start : layout->length;
    return TLS_OK;
}

tls_result tls_client_hello_set_binders(uint8_t *msg, size_t msg_len, size_t binders_offset,
                                        const struct tls_bytes *binders, size_t n,
                                        struct tls_error *err)
{
    /* Skip the binders<33..2^16-1> length, already final; then each PskBinderEntry<32..255>
     * is one length byte (already final too) and the binder bytes. */
    size_t pos = binders_offset + 2;
    for (size_t i = 0; i < n; i++) {
        if (pos >= msg_len || msg[pos] != binders[i].len || msg_len - pos - 1 < binders[i].len) {
            return tls_fail(err, TLS_ALERT_internal_error,
                            "RFC 8446 §4.2.11.2: binder does not fit the space the ClientHello reserved");
        }
        for (size_t j = 0; j < binders[i].len; j++) {
            msg[pos + 1 + j] = binders[i].data[j];
        }
        pos += 1 + binders[i].len;
    }
    return TLS_OK;
}

/* Reads the ClientHello fields before the extensions (the §4.1.2 struct above). */
static tls_result read_hello_fields(struct tls_reader *r, struct tls_client_hello *ch)
{
    struct tls_reader sid, suites, comp;
    TRY(tls_read_u16(r, &ch->legacy_version, "ClientHello.legacy_version"));
    TRY(tls_read_bytes(r, TLS_RANDOM_LEN, &ch->random, "ClientHello.random"));
    TRY(tls_read_vector(r, 0, TLS_MAX_SESSION_ID_LEN, &sid, "ClientHello.legacy_session_id"));
    ch->legacy_session_id.data = sid.data;
    ch->legacy_session_id.len = sid.len;
    TRY(tls_read_vector(r, 2, 0xfffe, &suites, "ClientHello.cipher_suites"));
    if (suites.len % 2 != 0) {
        return tls_hs_fail(r->err, TLS_ALERT_decode_error, "ClientHello.cipher_suites",
                           "RFC 8446 §4.1.2: cipher_suites is a list of 2-byte values, odd length");
    }
    ch->cipher_suites.data = suites.data;
    ch->cipher_suites.count = suites.len / 2;
    TRY(tls_read_vector(r, 1, 255, &comp, "ClientHello.legacy_compression_methods"));
    ch->legacy_compression_methods.data = comp.data;
    ch->legacy_compression_methods.len = comp.len;
    return TLS_OK;
}

tls_result tls_client_hello_parse(const uint8_t *body, size_t len, struct tls_client_hello *ch,
                                  struct tls_error *err)
{
    struct tls_reader r;
    tls_reader_init(&r, body, len, err);
    TRY(read_hello_fields(&r, ch));
    /* §4.1.2: a hello from a prior version may end here, without extensions. */
    ch->extensions_present = tls_reader_remaining(&r) > 0;
    ch->extensions.count = 0;
    ch->extensions.raw.data = NULL;
    ch->extensions.raw.len = 0;
    if (ch->extensions_present) {
        TRY(tls_extensions_read(&r, 8, 0xffff, &ch->extensions, "ClientHello.extensions"));
    }
    TRY(tls_read_end(&r, "ClientHello"));
    /* RFC 8446 §4.2.11: "Servers MUST check that it is the last extension and otherwise fail
     * the handshake with an "illegal_parameter" alert." */
    const struct tls_extension *psk = tls_extensions_find(&ch->extensions, TLS_EXT_pre_shared_key);
    if (psk != NULL && psk != &ch->extensions.list[ch->extensions.count - 1]) {
        return tls_hs_fail(err, TLS_ALERT_illegal_parameter, "ClientHello.extensions",
                           "RFC 8446 §4.2.11: pre_shared_key is not the last extension");
    }
    return TLS_OK;
}

tls_result tls_client_hello_truncated_len(const uint8_t *msg, size_t msg_len, size_t *truncated_len,
                                          struct tls_error *err)
{
    struct tls_handshake_msg hs;
    struct tls_client_hello ch;
    struct tls_offered_psks psks;
    TRY(tls_handshake_msg_parse(msg, msg_len, &hs, err));
    TRY(tls_client_hello_parse(hs.body.data, hs.body.len, &ch, err));
    const struct tls_extension *psk = tls_extensions_find(&ch.extensions, TLS_EXT_pre_shared_key);
    if (psk == NULL) {
        return tls_hs_fail(err, TLS_ALERT_missing_extension, "ClientHello.extensions",
                           "RFC 8446 §4.2.11.2: no pre_shared_key, so no binders to truncate");
    }
    TRY(tls_ext_pre_shared_key_parse_ch(psk, &psks, err));
    /* §4.2.11.2: "Truncate() removes the binders list from the ClientHello": the binders
     * vector, length included, is the tail of the message (pre_shared_key is last). */
    *truncated_len = (size_t)(psks.binders_raw.data - msg);
    return TLS_OK;
}
