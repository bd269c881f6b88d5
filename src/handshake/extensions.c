/*
 * extensions.c — extension blocks and the RFC 8446 §4.2 table of where each extension may
 * appear. The individual extensions are in extension_types.c. See extensions.h.
 *
 * Implementation notes
 * --------------------
 * Duplicates are found by comparing each new type with those before it: a block holds at most
 * TLS_MAX_EXTENSIONS entries, so the quadratic scan is at most 496 comparisons and needs no
 * bitmap of 65536 types.
 */
#include "handshake/extensions.h"

uint16_t tls_u16_list_get(const struct tls_u16_list *l, size_t i)
{
    return (uint16_t)((l->data[2 * i] << 8) | l->data[2 * i + 1]);
}

bool tls_u16_list_contains(const struct tls_u16_list *l, uint16_t v)
{
    for (size_t i = 0; i < l->count; i++) {
        if (tls_u16_list_get(l, i) == v) {
            return true;
        }
    }
    return false;
}

/* Reads the Extension entries filling r (a reader over the block without its length). */
static tls_result read_entries(struct tls_reader *r, struct tls_extensions *out, const char *field)
{
    out->count = 0;
    out->raw.data = tls_reader_cursor(r);
    out->raw.len = tls_reader_remaining(r);
    while (tls_reader_remaining(r) > 0) {
        struct tls_extension ext;
        struct tls_reader data;
        TRY(tls_read_u16(r, &ext.extension_type, field));
        TRY(tls_read_vector(r, 0, 0xffff, &data, field));
        ext.extension_data.data = data.data;
        ext.extension_data.len = data.len;
        /* RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a given
         * extension block." Alert choice: illegal_parameter everywhere (see extensions.h). */
        if (tls_extensions_find(out, ext.extension_type) != NULL) {
            return tls_hs_fail(r->err, TLS_ALERT_illegal_parameter, field,
                               "RFC 8446 §4.2: the same extension appears twice in one block");
        }
        if (out->count == TLS_MAX_EXTENSIONS) {
            return tls_hs_fail(r->err, TLS_ALERT_decode_error, field,
                               "RFC 8446 §4.2: more extensions than this implementation accepts (32)");
        }
        out->list[out->count++] = ext;
    }
    return TLS_OK;
}

/*
 * RFC 8446 §4.2:
 *     struct {
 *         ExtensionType extension_type;
 *         opaque extension_data<0..2^16-1>;
 *     } Extension;
 * and in each message:  Extension extensions<min..max>;
 */
tls_result tls_extensions_read(struct tls_reader *r, size_t min, size_t max,
                               struct tls_extensions *out, const char *field)
{
    struct tls_reader block;
    TRY(tls_read_vector(r, min, max, &block, field));
    return read_entries(&block, out, field);
}

tls_result tls_extensions_parse_raw(const uint8_t *data, size_t len, struct tls_extensions *out,
                                    const char *field, struct tls_error *err)
{
    struct tls_reader block;
    tls_reader_init(&block, data, len, err);
    return read_entries(&block, out, field);
}

const struct tls_extension *tls_extensions_find(const struct tls_extensions *e, uint16_t type)
{
    for (size_t i = 0; i < e->count; i++) {
        if (e->list[i].extension_type == type) {
            return &e->list[i];
        }
    }
    return NULL;
}

void tls_extension_write(struct tls_writer *w, uint16_t extension_type, const uint8_t *data,
                         size_t len)
{
    tls_write_u16(w, extension_type);
    struct tls_vector_mark m = tls_write_vector_begin(w, 0xffff);
    tls_write_bytes(w, data, len);
    tls_write_vector_end(w, m);
}

void tls_extensions_write(struct tls_writer *w, size_t max, const struct tls_extension *exts,
                          size_t n)
{
    struct tls_vector_mark block = tls_write_vector_begin(w, max);
    for (size_t i = 0; i < n; i++) {
        tls_extension_write(w, exts[i].extension_type, exts[i].extension_data.data,
                            exts[i].extension_data.len);
    }
    tls_write_vector_end(w, block);
}

/* ---- the RFC 8446 §4.2 table ------------------------------------------------------------- */

/* The table's message columns, one bit each. */
enum {
    IN_CH = 1 << 0,
    IN_SH = 1 << 1,
    IN_HRR = 1 << 2,
    IN_EE = 1 << 3,
    IN_CT = 1 << 4,
    IN_CR = 1 << 5,
    IN_NST = 1 << 6,
};

struct ext_row {
    uint16_t extension_type;
    unsigned where;
};

/*
 * RFC 8446 §4.2, "The table below indicates the messages where a given extension may appear",
 * transcribed row by row; then RFC 8449 record_size_limit (CH, EE); then extensions that exist
 * only in TLS 1.2 (IANA "TLS 1.3" column "-"): a TLS 1.3 ClientHello may carry them for a TLS
 * 1.2 server, but no TLS 1.3 server message may.
 */
static const struct ext_row ext_table[] = {
    {TLS_EXT_server_name, IN_CH | IN_EE},
    {TLS_EXT_max_fragment_length, IN_CH | IN_EE},
    {TLS_EXT_status_request, IN_CH | IN_CR | IN_CT},
    {TLS_EXT_supported_groups, IN_CH | IN_EE},
    {TLS_EXT_signature_algorithms, IN_CH | IN_CR},
    {TLS_EXT_use_srtp, IN_CH | IN_EE},
    {TLS_EXT_heartbeat, IN_CH | IN_EE},
    {TLS_EXT_application_layer_protocol_negotiation, IN_CH | IN_EE},
    {TLS_EXT_signed_certificate_timestamp, IN_CH | IN_CR | IN_CT},
    {TLS_EXT_client_certificate_type, IN_CH | IN_EE},
    {TLS_EXT_server_certificate_type, IN_CH | IN_EE},
    {TLS_EXT_padding, IN_CH},
    {TLS_EXT_key_share, IN_CH | IN_SH | IN_HRR},
    {TLS_EXT_pre_shared_key, IN_CH | IN_SH},
    {TLS_EXT_psk_key_exchange_modes, IN_CH},
    {TLS_EXT_early_data, IN_CH | IN_EE | IN_NST},
    {TLS_EXT_cookie, IN_CH | IN_HRR},
    {TLS_EXT_supported_versions, IN_CH | IN_SH | IN_HRR},
    {TLS_EXT_certificate_authorities, IN_CH | IN_CR},
    {TLS_EXT_oid_filters, IN_CR},
    {TLS_EXT_post_handshake_auth, IN_CH},
    {TLS_EXT_signature_algorithms_cert, IN_CH | IN_CR},
    /* RFC 8449 §4: record_size_limit is sent in ClientHello and EncryptedExtensions. */
    {TLS_EXT_record_size_limit, IN_CH | IN_EE},
    /* TLS 1.2 only. */
    {TLS_EXT_ec_point_formats, IN_CH},
    {TLS_EXT_encrypt_then_mac, IN_CH},
    {TLS_EXT_extended_master_secret, IN_CH},
    {TLS_EXT_session_ticket, IN_CH},
    {TLS_EXT_next_protocol_negotiation, IN_CH},
    {TLS_EXT_renegotiation_info, IN_CH},
};

/* The table column of a message, or 0 for a message that carries no extensions. */
static unsigned column_of(enum tls_handshake_type msg_type)
{
    switch (msg_type) {
    case TLS_HT_client_hello:
        return IN_CH;
    case TLS_HT_server_hello:
        return IN_SH;
    case TLS_HT_hello_retry_request:
        return IN_HRR;
    case TLS_HT_encrypted_extensions:
        return IN_EE;
    case TLS_HT_certificate:
        return IN_CT;
    case TLS_HT_certificate_request:
        return IN_CR;
    case TLS_HT_new_session_ticket:
        return IN_NST;
    default:
        return 0;
    }
}

bool tls_extension_allowed_in(uint16_t extension_type, enum tls_handshake_type msg_type,
                              bool *known)
{
    for (size_t i = 0; i < sizeof(ext_table) / sizeof(ext_table[0]); i++) {
        if (ext_table[i].extension_type == extension_type) {
            *known = true;
            return (ext_table[i].where & column_of(msg_type)) != 0;
        }
    }
    *known = false;
    return false;
}

static bool was_offered(uint16_t type, const uint16_t *offered, size_t offered_count)
{
    for (size_t i = 0; i < offered_count; i++) {
        if (offered[i] == type) {
            return true;
        }
    }
    return false;
}

/* Only answers to the client's own extensions may appear in SH, HRR, EE and a CertificateEntry;
 * CR and NST carry server-initiated extensions. */
static bool responses_only(enum tls_handshake_type msg_type)
{
    return msg_type == TLS_HT_server_hello || msg_type == TLS_HT_hello_retry_request ||
           msg_type == TLS_HT_encrypted_extensions || msg_type == TLS_HT_certificate;
}

tls_result tls_check_server_extensions(enum tls_handshake_type msg_type,
                                       const struct tls_extensions *exts, const uint16_t *offered,
                                       size_t offered_count, struct tls_error *err)
{
    if (column_of(msg_type) == 0 || msg_type == TLS_HT_client_hello) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.2: not a server message that carries extensions");
    }
    for (size_t i = 0; i < exts->count; i++) {
        uint16_t type = exts->list[i].extension_type;
        bool known;
        bool allowed = tls_extension_allowed_in(type, msg_type, &known);
        /* RFC 8446 §4.2: "Implementations MUST NOT send extension responses if the remote
         * endpoint did not send the corresponding extension requests, with the exception of the
         * "cookie" extension in the HelloRetryRequest. Upon receiving such an extension, an
         * endpoint MUST abort the handshake with an "unsupported_extension" alert." */
        bool cookie_in_hrr = msg_type == TLS_HT_hello_retry_request && type == TLS_EXT_cookie;
        if (responses_only(msg_type) && !cookie_in_hrr && !was_offered(type, offered, offered_count)) {
            return tls_hs_fail(err, TLS_ALERT_unsupported_extension, tls_extension_name(type),
                               "RFC 8446 §4.2: the server sent an extension the client did not offer");
        }
        /* RFC 8446 §4.2: "If an implementation receives an extension which it recognizes and which
         * is not specified for the message in which it appears, it MUST abort the handshake with
         * an "illegal_parameter" alert." */
        if (known && !allowed) {
            return tls_hs_fail(err, TLS_ALERT_illegal_parameter, tls_extension_name(type),
                               "RFC 8446 §4.2: extension not allowed in this message by the §4.2 table");
        }
        /* Unknown types: in SH/HRR/EE/CT they were offered (checked above), so the caller asked
         * for them; in CR and NST, §4.3.2/§4.6.1: clients "MUST ignore unrecognized extensions". */
    }
    return TLS_OK;
}

tls_result tls_check_extensions_allowed(enum tls_handshake_type msg_type,
                                        const struct tls_extensions *exts, struct tls_error *err)
{
    for (size_t i = 0; i < exts->count; i++) {
        uint16_t type = exts->list[i].extension_type;
        bool known;
        /* RFC 8446 §4.2: "If an implementation receives an extension which it recognizes and which
         * is not specified for the message in which it appears, it MUST abort the handshake with
         * an "illegal_parameter" alert." */
        if (!tls_extension_allowed_in(type, msg_type, &known) && known) {
            return tls_hs_fail(err, TLS_ALERT_illegal_parameter, tls_extension_name(type),
                               "RFC 8446 §4.2: extension not allowed in this message by the §4.2 table");
        }
    }
    return TLS_OK;
}
