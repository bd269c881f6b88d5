/*
 * negative_rows_hello.c — ServerHello and HelloRetryRequest rows of the malicious-server table
 * (RFC 8446 §4.1.3, §4.1.4, §4.2.1, §4.2.8, App. D): VER-01..VER-06, SH-01..SH-10, KS-01..KS-03,
 * PSK-01 on RFC 8448 §3, HRR-01..HRR-12 on RFC 8448 §5.
 *
 * Each mutation edits the ServerHello (or the HRR) in place; the harness frames the flight and,
 * since it runs its own key schedule over the edited ServerHello, still encrypts the rest with
 * keys the client could agree with. Every row here fails on the hello itself, so the alert is a
 * plaintext record (no handshake keys yet).
 */
#include "support/negative_rows.h"

#include <string.h>

#include "common/error.h"

/* Extension code points used below (RFC 8446 §4.2, RFC 7301, RFC 8701). */
enum {
    EXT_server_name = 0,
    EXT_supported_groups = 10,
    EXT_alpn = 16,
    EXT_pre_shared_key = 41,
    EXT_cookie = 44,
    EXT_supported_versions = 43,
    EXT_psk_key_exchange_modes = 45,
    EXT_key_share = 51,
    EXT_unknown = 0x7777,
    EXT_grease = 0x1a1a,
};

static struct neg_msg *sh(struct neg_server *s)
{
    return &s->msg[NEG_SH];
}

static size_t exts(struct neg_msg *m)
{
    return neg_hello_extensions_at(m);
}

/* Offsets in a ServerHello/HRR message (4-byte header first). */
enum { LEGACY_VERSION_AT = 4, RANDOM_AT = 6, SESSION_ID_AT = 38 };

static size_t cipher_suite_at(const struct neg_msg *m)
{
    return SESSION_ID_AT + 1 + m->b[SESSION_ID_AT];
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void set_cipher(struct neg_msg *m, uint16_t suite)
{
    put16(m->b + cipher_suite_at(m), suite);
}

static void set_version(struct neg_msg *m, const uint8_t *data, size_t len)
{
    neg_ext_set(m, exts(m), EXT_supported_versions, data, len);
}

static void add_ext(struct neg_msg *m, uint16_t type, const uint8_t *data, size_t len)
{
    neg_ext_add(m, exts(m), type, data, len);
}

/* key_share of a ServerHello: group || key_exchange<1..2^16-1> */
static void set_key_share(struct neg_msg *m, uint16_t group, const uint8_t *key, size_t key_len)
{
    uint8_t data[4 + 133];
    put16(data, group);
    put16(data + 2, (uint16_t)key_len);
    if (key_len > 0) {
        memcpy(data + 4, key, key_len);
    }
    neg_ext_set(m, exts(m), EXT_key_share, data, 4 + key_len);
}

/* Offset of the key_exchange bytes of the ServerHello key_share, and their length. */
static size_t key_exchange_at(struct neg_msg *m, size_t *len)
{
    size_t at = neg_ext_find(m, exts(m), EXT_key_share);
    *len = (size_t)(m->b[at + 6] << 8 | m->b[at + 7]);
    return at + 8;
}

/* ---- VER ---------------------------------------------------------------------------------------- */

static void ver01_no_supported_versions(struct neg_server *s)
{
    neg_ext_remove(sh(s), exts(sh(s)), EXT_supported_versions);
}

static void ver01_garbage_legacy_version(struct neg_server *s)
{
    put16(sh(s)->b + LEGACY_VERSION_AT, 0x1234);
    ver01_no_supported_versions(s);
}

static void ver02_selected_0303(struct neg_server *s)
{
    static const uint8_t v[2] = {3, 3};
    set_version(sh(s), v, 2);
}

static void ver03_selected_0305(struct neg_server *s)
{
    static const uint8_t v[2] = {3, 5};
    set_version(sh(s), v, 2);
}

static void ver03_selected_draft(struct neg_server *s)
{
    static const uint8_t v[2] = {0x7f, 0x1c};
    set_version(sh(s), v, 2);
}

static void ver03_selected_grease(struct neg_server *s)
{
    static const uint8_t v[2] = {0x0a, 0x0a};
    set_version(sh(s), v, 2);
}

static void ver04_empty(struct neg_server *s)
{
    set_version(sh(s), NULL, 0);
}

static void ver04_one_byte(struct neg_server *s)
{
    static const uint8_t v[1] = {3};
    set_version(sh(s), v, 1);
}

static void ver04_client_style_list(struct neg_server *s)
{
    static const uint8_t v[3] = {2, 3, 4};
    set_version(sh(s), v, 3);
}

static void ver05_ssl3(struct neg_server *s)
{
    put16(sh(s)->b + LEGACY_VERSION_AT, 0x0300);
    ver01_no_supported_versions(s);
}

/* A TLS 1.2 ServerHello with the §4.1.3 downgrade sentinel "DOWNGRD" 01 in its random. */
static void ver06_tls12_downgrade_random(struct neg_server *s)
{
    static const uint8_t sentinel[8] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
    memcpy(sh(s)->b + RANDOM_AT + 24, sentinel, sizeof(sentinel));
    ver01_no_supported_versions(s);
}

/* ---- SH ----------------------------------------------------------------------------------------- */

static void sh01_cipher_1305(struct neg_server *s)
{
    set_cipher(sh(s), 0x1305);
}

static void sh01_cipher_c02f(struct neg_server *s)
{
    set_cipher(sh(s), 0xc02f);
}

static void sh01_cipher_grease(struct neg_server *s)
{
    set_cipher(sh(s), 0x0a0a);
}

static void sh01_cipher_1304(struct neg_server *s)
{
    set_cipher(sh(s), 0x1304);
}

static void session_id_echo(struct neg_msg *m, size_t n)
{
    uint8_t id[32];
    memset(id, 0x5a, sizeof(id));
    neg_splice(m, SESSION_ID_AT + 1, m->b[SESSION_ID_AT], id, n);
    m->b[SESSION_ID_AT] = (uint8_t)n;
}

static void sh02_echo_one_byte(struct neg_server *s)
{
    session_id_echo(sh(s), 1);
}

static void sh02_echo_32_bytes(struct neg_server *s)
{
    session_id_echo(sh(s), 32);
}

static void sh03_compression_1(struct neg_server *s)
{
    sh(s)->b[cipher_suite_at(sh(s)) + 2] = 1;
}

static void sh04_trailing_byte(struct neg_server *s)
{
    static const uint8_t extra[1] = {0};
    neg_splice(sh(s), sh(s)->len, 0, extra, 1);
}

static void sh04_extensions_length_plus_1(struct neg_server *s)
{
    sh(s)->b[exts(sh(s)) + 1]++;
}

static void sh04_extensions_length_minus_1(struct neg_server *s)
{
    sh(s)->b[exts(sh(s)) + 1]--;
}

static void sh04_session_id_length_33(struct neg_server *s)
{
    sh(s)->b[SESSION_ID_AT] = 33;
}

/* The header and the record say one byte less: supported_versions is cut short. (Leaving the
 * byte in the record instead is REC-11: bytes after a ServerHello in its record.) */
static void sh04_body_length_minus_1(struct neg_server *s)
{
    sh(s)->len--;
    neg_fix_length(sh(s));
}

/* SH-05: the core answers a duplicate extension with illegal_parameter in every message
 * (extensions.c; BoringSSL: decode_error in ServerHello). ≈ row: the RFC names no alert. */
static void sh05_two_key_shares(struct neg_server *s)
{
    size_t len;
    size_t at = key_exchange_at(sh(s), &len);
    uint8_t data[4 + 32];
    memcpy(data, sh(s)->b + at - 4, 4 + len);
    add_ext(sh(s), EXT_key_share, data, 4 + len);
}

static void sh06_unknown_extension(struct neg_server *s)
{
    add_ext(sh(s), EXT_unknown, NULL, 0);
}

static void sh06_grease_extension(struct neg_server *s)
{
    add_ext(sh(s), EXT_grease, NULL, 0);
}

static void sh06_alpn(struct neg_server *s)
{
    static const uint8_t alpn[5] = {0, 3, 2, 'h', '2'};
    add_ext(sh(s), EXT_alpn, alpn, sizeof(alpn));
}

static void sh07_server_name(struct neg_server *s)
{
    add_ext(sh(s), EXT_server_name, NULL, 0);
}

static void sh07_supported_groups(struct neg_server *s)
{
    static const uint8_t groups[4] = {0, 2, 0, 0x1d};
    add_ext(sh(s), EXT_supported_groups, groups, sizeof(groups));
}

static void sh07_psk_key_exchange_modes(struct neg_server *s)
{
    static const uint8_t modes[2] = {1, 1};
    add_ext(sh(s), EXT_psk_key_exchange_modes, modes, sizeof(modes));
}

static void sh08_no_key_share(struct neg_server *s)
{
    neg_ext_remove(sh(s), exts(sh(s)), EXT_key_share);
}

static void sh09_group_without_our_share(struct neg_server *s)
{
    uint8_t point[65];
    memset(point, 0x11, sizeof(point));
    point[0] = 4;
    set_key_share(sh(s), 0x0017, point, sizeof(point)); /* secp256r1: offered, no share sent */
}

static void sh09_group_not_offered(struct neg_server *s)
{
    uint8_t key[56];
    memset(key, 0x22, sizeof(key));
    set_key_share(sh(s), 0x001e, key, sizeof(key)); /* x448: not in supported_groups */
}

static void psk01_unoffered_pre_shared_key(struct neg_server *s)
{
    static const uint8_t selected_identity[2] = {0, 0};
    add_ext(sh(s), EXT_pre_shared_key, selected_identity, 2);
}

/* ---- KS ----------------------------------------------------------------------------------------- */

static void x25519_share(struct neg_server *s, const uint8_t *key, size_t len)
{
    set_key_share(sh(s), 0x001d, key, len);
}

static void ks02_x25519_empty(struct neg_server *s)
{
    x25519_share(s, NULL, 0);
}

static void ks02_x25519_31_bytes(struct neg_server *s)
{
    size_t len;
    size_t at = key_exchange_at(sh(s), &len);
    uint8_t key[31];
    memcpy(key, sh(s)->b + at, sizeof(key));
    x25519_share(s, key, sizeof(key));
}

/* RFC 7748 §6.1 / RFC 8446 §7.4.2: a low-order point gives the all-zero shared secret. */
static void ks03_x25519_zero(struct neg_server *s)
{
    static const uint8_t zero[32] = {0};
    x25519_share(s, zero, sizeof(zero));
}

static void ks03_x25519_one(struct neg_server *s)
{
    static const uint8_t one[32] = {1};
    x25519_share(s, one, sizeof(one));
}

/* The §5 ServerHello (after the HRR) carries a secp256r1 share: 04 || X || Y. */
static void ks01_p256_not_on_curve(struct neg_server *s)
{
    size_t len;
    size_t at = key_exchange_at(sh(s), &len);
    sh(s)->b[at + len - 1] ^= 0x01; /* flip the low bit of Y */
}

static void ks02_p256_compressed(struct neg_server *s)
{
    size_t len;
    size_t at = key_exchange_at(sh(s), &len);
    uint8_t point[33];
    memcpy(point, sh(s)->b + at, 33);
    point[0] = 0x02 | (sh(s)->b[at + len - 1] & 1);
    set_key_share(sh(s), 0x0017, point, sizeof(point));
}

static void ks02_p256_infinity(struct neg_server *s)
{
    static const uint8_t infinity[1] = {0};
    set_key_share(sh(s), 0x0017, infinity, 1);
}

static void ks02_p256_truncated(struct neg_server *s)
{
    size_t len;
    size_t at = key_exchange_at(sh(s), &len);
    uint8_t point[64];
    memcpy(point, sh(s)->b + at, sizeof(point));
    set_key_share(sh(s), 0x0017, point, sizeof(point));
}

/* ---- HRR (RFC 8448 §5) -------------------------------------------------------------------------- */

static struct neg_msg *hrr(struct neg_server *s)
{
    return &s->hrr;
}

/* HRR-01: the second server hello is another HelloRetryRequest. */
static void hrr01_second_hrr(struct neg_server *s)
{
    *sh(s) = *hrr(s);
}

static void hrr_selected_group(struct neg_server *s, uint16_t group)
{
    uint8_t g[2];
    put16(g, group);
    neg_ext_set(hrr(s), exts(hrr(s)), EXT_key_share, g, 2);
}

static void hrr02_group_already_shared(struct neg_server *s)
{
    hrr_selected_group(s, 0x001d); /* ClientHello1 sent an x25519 share */
}

static void hrr03_group_not_supported(struct neg_server *s)
{
    hrr_selected_group(s, 0x0019); /* secp521r1: not in §5's supported_groups */
}

static void hrr03_group_grease(struct neg_server *s)
{
    hrr_selected_group(s, 0x0a0a);
}

static void hrr04_no_change(struct neg_server *s)
{
    neg_ext_remove(hrr(s), exts(hrr(s)), EXT_key_share);
    neg_ext_remove(hrr(s), exts(hrr(s)), EXT_cookie);
}

static void hrr05_cipher_1305(struct neg_server *s)
{
    set_cipher(hrr(s), 0x1305);
}

static void hrr05_cipher_c02f(struct neg_server *s)
{
    set_cipher(hrr(s), 0xc02f);
}

static void hrr06_server_hello_cipher_changes(struct neg_server *s)
{
    set_cipher(sh(s), 0x1303); /* offered in ClientHello2, but the HRR chose 0x1301 */
}

static void hrr07_server_hello_version_0303(struct neg_server *s)
{
    static const uint8_t v[2] = {3, 3};
    set_version(sh(s), v, 2);
}

static void hrr07_server_hello_no_version(struct neg_server *s)
{
    ver01_no_supported_versions(s);
}

static void hrr08_server_hello_group_changes(struct neg_server *s)
{
    uint8_t key[32];
    memset(key, 0x33, sizeof(key));
    set_key_share(sh(s), 0x001d, key, sizeof(key));
}

static void hrr09_unknown_extension(struct neg_server *s)
{
    neg_ext_add(hrr(s), exts(hrr(s)), EXT_unknown, NULL, 0);
}

static void hrr09_alpn(struct neg_server *s)
{
    static const uint8_t alpn[5] = {0, 3, 2, 'h', '2'};
    neg_ext_add(hrr(s), exts(hrr(s)), EXT_alpn, alpn, sizeof(alpn));
}

static void hrr10_empty_cookie(struct neg_server *s)
{
    static const uint8_t empty_cookie[2] = {0, 0};
    neg_ext_set(hrr(s), exts(hrr(s)), EXT_cookie, empty_cookie, 2);
}

static void hrr11_session_id_echo(struct neg_server *s)
{
    session_id_echo(hrr(s), 1);
}

static void hrr11_compression_1(struct neg_server *s)
{
    hrr(s)->b[cipher_suite_at(hrr(s)) + 2] = 1;
}

static void hrr11_version_0303(struct neg_server *s)
{
    static const uint8_t v[2] = {3, 3};
    set_version(hrr(s), v, 2);
}

/* HRR-12: the HelloRetryRequest record also carries the start of the ServerHello. */
static void hrr12_hrr_record_with_server_hello_bytes(struct neg_server *s)
{
    uint8_t both[2 * NEG_MSG_CAP];
    memcpy(both, hrr(s)->b, hrr(s)->len);
    memcpy(both + hrr(s)->len, sh(s)->b, 10);
    s->framed = true;
    neg_plain(s, 22, both, hrr(s)->len + 10);
}

/* SH-05 in an HRR: two cookies (BoringSSL: illegal_parameter, as here). */
static void sh05_hrr_two_cookies(struct neg_server *s)
{
    static const uint8_t cookie[3] = {0, 1, 0x42};
    neg_ext_add(hrr(s), exts(hrr(s)), EXT_cookie, cookie, sizeof(cookie));
}

#define ROW(id, what, fn, alert) {id, what, NEG_BASE_S3, fn, NEG_PLAIN_ALERT, TLS_ALERT_##alert, 0}
#define ROW5(id, what, fn, alert) {id, what, NEG_BASE_S5, fn, NEG_PLAIN_ALERT, TLS_ALERT_##alert, 0}

const struct neg_row neg_rows_hello[] = {
    ROW("VER-01", "no supported_versions (a TLS 1.2 ServerHello)", ver01_no_supported_versions, protocol_version),
    ROW("VER-01", "legacy_version 0x1234, no supported_versions", ver01_garbage_legacy_version, protocol_version),
    ROW("VER-02", "selected_version 0x0303", ver02_selected_0303, illegal_parameter),
    ROW("VER-03", "selected_version 0x0305", ver03_selected_0305, illegal_parameter),
    ROW("VER-03", "selected_version draft 0x7f1c", ver03_selected_draft, illegal_parameter),
    ROW("VER-03", "selected_version GREASE 0x0a0a", ver03_selected_grease, illegal_parameter),
    ROW("VER-04", "supported_versions empty", ver04_empty, decode_error),
    ROW("VER-04", "supported_versions 1 byte", ver04_one_byte, decode_error),
    ROW("VER-04", "supported_versions as a client list", ver04_client_style_list, decode_error),
    ROW("VER-05", "legacy_version 0x0300, no supported_versions", ver05_ssl3, protocol_version),
    /* VER-06: a 1.3-only client refuses any TLS 1.2 ServerHello first (App. D.1), so the downgrade
     * sentinel check (illegal_parameter) is never reached; the alert is protocol_version. */
    ROW("VER-06", "TLS 1.2 ServerHello with the DOWNGRD sentinel", ver06_tls12_downgrade_random, protocol_version),
    ROW("SH-01", "cipher_suite 0x1305 not offered", sh01_cipher_1305, illegal_parameter),
    ROW("SH-01", "cipher_suite 0xc02f (TLS 1.2)", sh01_cipher_c02f, illegal_parameter),
    ROW("SH-01", "cipher_suite GREASE 0x0a0a", sh01_cipher_grease, illegal_parameter),
    ROW("SH-01", "cipher_suite 0x1304 not offered", sh01_cipher_1304, illegal_parameter),
    ROW("SH-02", "session id echo of 1 byte for an empty id", sh02_echo_one_byte, illegal_parameter),
    ROW("SH-02", "session id echo of 32 bytes for an empty id", sh02_echo_32_bytes, illegal_parameter),
    /* SH-03: ≈ illegal_parameter (DIV-10; the §6 rule for a semantic error). */
    ROW("SH-03", "legacy_compression_method 1", sh03_compression_1, illegal_parameter),
    ROW("SH-04", "1 trailing byte", sh04_trailing_byte, decode_error),
    ROW("SH-04", "extensions length + 1", sh04_extensions_length_plus_1, decode_error),
    ROW("SH-04", "extensions length - 1", sh04_extensions_length_minus_1, decode_error),
    ROW("SH-04", "session id length 33", sh04_session_id_length_33, decode_error),
    ROW("SH-04", "message length - 1", sh04_body_length_minus_1, decode_error),
    ROW("SH-05", "key_share twice", sh05_two_key_shares, illegal_parameter),
    ROW("SH-06", "unknown extension 0x7777", sh06_unknown_extension, unsupported_extension),
    ROW("SH-06", "GREASE extension 0x1a1a", sh06_grease_extension, unsupported_extension),
    ROW("SH-06", "ALPN, not offered", sh06_alpn, unsupported_extension),
    /* SH-07: DIV-6, the §4.2 illegal_parameter rule for a known extension in the wrong message. */
    ROW("SH-07", "server_name (offered) in ServerHello", sh07_server_name, illegal_parameter),
    ROW("SH-07", "supported_groups (offered) in ServerHello", sh07_supported_groups, illegal_parameter),
    ROW("SH-07", "psk_key_exchange_modes (offered) in ServerHello", sh07_psk_key_exchange_modes, illegal_parameter),
    ROW("SH-08", "no key_share, no pre_shared_key", sh08_no_key_share, missing_extension),
    ROW("SH-09", "key_share for secp256r1: no share was sent", sh09_group_without_our_share, illegal_parameter),
    ROW("SH-09", "key_share for x448: not in supported_groups", sh09_group_not_offered, illegal_parameter),
    ROW("PSK-01", "pre_shared_key when no PSK was offered", psk01_unoffered_pre_shared_key, unsupported_extension),
    ROW("KS-02", "x25519 key_exchange empty", ks02_x25519_empty, decode_error),
    ROW("KS-02", "x25519 key_exchange 31 bytes", ks02_x25519_31_bytes, illegal_parameter),
    ROW("KS-03", "x25519 all-zero public key", ks03_x25519_zero, illegal_parameter),
    ROW("KS-03", "x25519 low-order point 1", ks03_x25519_one, illegal_parameter),
    ROW5("KS-01", "secp256r1 point not on the curve", ks01_p256_not_on_curve, illegal_parameter),
    ROW5("KS-02", "secp256r1 point compressed", ks02_p256_compressed, illegal_parameter),
    ROW5("KS-02", "secp256r1 point at infinity", ks02_p256_infinity, illegal_parameter),
    ROW5("KS-02", "secp256r1 point truncated to 64 bytes", ks02_p256_truncated, illegal_parameter),
    ROW5("HRR-01", "a second HelloRetryRequest", hrr01_second_hrr, unexpected_message),
    ROW5("HRR-02", "selected_group x25519 already had a share", hrr02_group_already_shared, illegal_parameter),
    ROW5("HRR-03", "selected_group secp521r1 not in supported_groups", hrr03_group_not_supported, illegal_parameter),
    ROW5("HRR-03", "selected_group GREASE", hrr03_group_grease, illegal_parameter),
    ROW5("HRR-04", "HRR with only supported_versions", hrr04_no_change, illegal_parameter),
    ROW5("HRR-05", "HRR cipher_suite 0x1305 not offered", hrr05_cipher_1305, illegal_parameter),
    ROW5("HRR-05", "HRR cipher_suite 0xc02f (TLS 1.2)", hrr05_cipher_c02f, illegal_parameter),
    ROW5("HRR-06", "ServerHello cipher_suite differs from the HRR's", hrr06_server_hello_cipher_changes, illegal_parameter),
    ROW5("HRR-07", "ServerHello selected_version 0x0303 after HRR", hrr07_server_hello_version_0303, illegal_parameter),
    ROW5("HRR-07", "ServerHello without supported_versions after HRR", hrr07_server_hello_no_version, illegal_parameter),
    ROW5("HRR-08", "ServerHello key_share group differs from the HRR's", hrr08_server_hello_group_changes, illegal_parameter),
    ROW5("HRR-09", "HRR with unknown extension 0x7777", hrr09_unknown_extension, unsupported_extension),
    ROW5("HRR-09", "HRR with ALPN, not offered", hrr09_alpn, unsupported_extension),
    ROW5("HRR-10", "HRR cookie of length 0", hrr10_empty_cookie, decode_error),
    ROW5("HRR-11", "HRR session id echo differs", hrr11_session_id_echo, illegal_parameter),
    ROW5("HRR-11", "HRR legacy_compression_method 1", hrr11_compression_1, illegal_parameter),
    ROW5("HRR-11", "HRR selected_version 0x0303", hrr11_version_0303, illegal_parameter),
    ROW5("HRR-12", "HRR record carries ServerHello bytes", hrr12_hrr_record_with_server_hello_bytes, unexpected_message),
    ROW5("SH-05", "HRR with two cookies", sh05_hrr_two_cookies, illegal_parameter),
};
const size_t neg_rows_hello_count = sizeof(neg_rows_hello) / sizeof(neg_rows_hello[0]);
