/*
 * fuzz_extensions.c — every extension parser (RFC 8446 §4.2 and RFC 6066 §3, RFC 7301 §3.1) and
 * the §4.2 "which message may carry which extension" check.
 *
 * Input: one extension_data, handed to each tls_ext_*_parse() in turn (they judge the bytes, not
 * the type); then the same bytes as a whole Extension block (without its length prefix) checked
 * against each server message type with every known type offered.
 * Oracles: the error contract; views and counts stay inside the input; the §4.2 check accepts no
 * duplicate and no type the table forbids in that message.
 */
#include "common/names.h"
#include "fuzz.h"
#include "handshake/extensions.h"

static volatile uint8_t sink;

static void check_view(const struct tls_bytes *v, const uint8_t *data, size_t size)
{
    FUZZ_CHECK(v->len == 0 || (v->data >= data && v->data + v->len <= data + size),
               "view outside the extension_data");
    if (v->len > 0) {
        sink = v->data[v->len - 1];
    }
}

static void check_list(const struct tls_u16_list *l, const uint8_t *data, size_t size)
{
    const struct tls_bytes v = {l->data, 2 * l->count};
    check_view(&v, data, size);
}

/* Runs call, checks the error contract and sets ok. */
#define RUN(call)                                \
    do {                                         \
        err = (struct tls_error){0};             \
        tls_result rc_ = (call);                 \
        fuzz_check_result(rc_, &err);            \
        ok = rc_ == TLS_OK;                      \
    } while (0)

/* The parsers that hand back a view or a list of uint16 values. */
static void simple_parsers(const struct tls_extension *ext, const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_bytes b;
    struct tls_u16_list l;
    uint16_t u16;
    uint32_t u32;
    bool ok;
    RUN(tls_ext_empty_parse(ext, &err));
    FUZZ_CHECK(!ok || size == 0, "an empty extension with data accepted");
    RUN(tls_ext_server_name_parse(ext, &b, &err));
    if (ok) {
        check_view(&b, data, size);
    }
    RUN(tls_ext_supported_versions_parse_ch(ext, &l, &err));
    if (ok) {
        check_list(&l, data, size);
    }
    RUN(tls_ext_supported_versions_parse_sh(ext, &u16, &err));
    RUN(tls_ext_cookie_parse(ext, &b, &err));
    if (ok) {
        check_view(&b, data, size);
    }
    RUN(tls_ext_signature_algorithms_parse(ext, &l, &err));
    if (ok) {
        check_list(&l, data, size);
    }
    RUN(tls_ext_supported_groups_parse(ext, &l, &err));
    if (ok) {
        check_list(&l, data, size);
    }
    RUN(tls_ext_key_share_parse_hrr(ext, &u16, &err));
    RUN(tls_ext_psk_key_exchange_modes_parse(ext, &b, &err));
    if (ok) {
        check_view(&b, data, size);
    }
    RUN(tls_ext_early_data_parse_nst(ext, &u32, &err));
    RUN(tls_ext_pre_shared_key_parse_sh(ext, &u16, &err));
}

/* The parsers that hand back several views: key shares, PSK identities, ALPN names. */
static void list_parsers(const struct tls_extension *ext, const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_bytes b;
    size_t count;
    bool ok;
    struct tls_key_share_client_hello ks;
    RUN(tls_ext_key_share_parse_ch(ext, &ks, &err));
    for (size_t i = 0; ok && i < ks.count; i++) {
        check_view(&ks.client_shares[i].key_exchange, data, size);
    }
    struct tls_key_share_entry server_share;
    RUN(tls_ext_key_share_parse_sh(ext, &server_share, &err));
    if (ok) {
        check_view(&server_share.key_exchange, data, size);
    }
    struct tls_offered_psks psks;
    RUN(tls_ext_pre_shared_key_parse_ch(ext, &psks, &err));
    for (size_t i = 0; ok && i < psks.count; i++) {
        check_view(&psks.identities[i].identity, data, size);
        check_view(&psks.binders[i], data, size);
    }
    RUN(tls_ext_alpn_parse_ch(ext, &b, &count, &err));
    for (size_t i = 0; ok && i < count; i++) {
        struct tls_bytes name = tls_ext_alpn_get(&b, i);
        FUZZ_CHECK(name.len >= 1, "RFC 7301 §3.1: an empty ProtocolName accepted");
        check_view(&name, data, size);
    }
    RUN(tls_ext_alpn_parse_ee(ext, &b, &err));
    if (ok) {
        check_view(&b, data, size);
    }
}

#undef RUN

static void as_block(const uint8_t *data, size_t size)
{
    static const uint16_t offered[] = {
#define TLS_X_(name, value) (value),
        TLS_EXTENSION_LIST(TLS_X_)
#undef TLS_X_
    };
    static const enum tls_handshake_type msgs[] = {
        TLS_HT_server_hello, TLS_HT_hello_retry_request, TLS_HT_encrypted_extensions,
        TLS_HT_certificate, TLS_HT_certificate_request, TLS_HT_new_session_ticket,
    };
    struct tls_error err = {0};
    static struct tls_extensions exts;
    tls_result rc = tls_extensions_parse_raw(data, size, &exts, "Extension", &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return;
    }
    FUZZ_CHECK(exts.count <= TLS_MAX_EXTENSIONS, "more extensions than the array holds");
    for (size_t i = 0; i < exts.count; i++) {
        check_view(&exts.list[i].extension_data, data, size);
        for (size_t j = 0; j < i; j++) {
            FUZZ_CHECK(exts.list[i].extension_type != exts.list[j].extension_type,
                       "§4.2: a duplicate extension accepted");
        }
    }
    for (size_t m = 0; m < sizeof(msgs) / sizeof(msgs[0]); m++) {
        err = (struct tls_error){0};
        rc = tls_check_server_extensions(msgs[m], &exts, offered, sizeof(offered) / sizeof(offered[0]),
                                         &err);
        fuzz_check_result(rc, &err);
        for (size_t i = 0; rc == TLS_OK && i < exts.count; i++) {
            bool known;
            FUZZ_CHECK(tls_extension_allowed_in(exts.list[i].extension_type, msgs[m], &known) || !known,
                       "§4.2: an extension accepted in a message the table forbids");
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct tls_extension ext = {.extension_type = 0, .extension_data = {data, size}};
    simple_parsers(&ext, data, size);
    list_parsers(&ext, data, size);
    as_block(data, size);
    return 0;
}
