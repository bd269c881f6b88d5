/*
 * server_hello.c — ServerHello (RFC 8446 §4.1.3) and HelloRetryRequest (§4.1.4). See
 * server_hello.h for what the parser judges and what it only reports.
 */
#include "handshake/server_hello.h"

#include <string.h>

/*
 * §4.1.3: "For reasons of backward compatibility with middleboxes (see Appendix D.4), the
 * HelloRetryRequest message uses the same structure as the ServerHello, but with Random set to
 * the special value of the SHA-256 of "HelloRetryRequest":
 *     CF 21 AD 74 E5 9A 61 11 BE 1D 8C 02 1E 65 B8 91
 *     C2 A2 11 16 7A BB 8C 5E 07 9E 09 E2 C8 A8 33 9C"
 */
const uint8_t tls_hello_retry_request_random[TLS_RANDOM_LEN] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
};

/* §4.1.3: "the last 8 bytes of their Random value to the bytes: 44 4F 57 4E 47 52 44 01" (TLS
 * 1.2) or "... 44 4F 57 4E 47 52 44 00" (TLS 1.1 or below): "DOWNGRD" and a version byte. */
static const uint8_t downgrade_prefix[7] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

static enum tls_downgrade find_downgrade(const uint8_t *random)
{
    const uint8_t *tail = random + TLS_RANDOM_LEN - 8;
    if (memcmp(tail, downgrade_prefix, sizeof(downgrade_prefix)) != 0) {
        return TLS_DOWNGRADE_NONE;
    }
    if (tail[7] == 0x01) {
        return TLS_DOWNGRADE_TLS12;
    }
    if (tail[7] == 0x00) {
        return TLS_DOWNGRADE_TLS11_OR_BELOW;
    }
    return TLS_DOWNGRADE_NONE;
}

/*
 * RFC 8446 §4.1.3:
 *     struct {
 *         ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *         Random random;
 *         opaque legacy_session_id_echo<0..32>;
 *         CipherSuite cipher_suite;
 *         uint8 legacy_compression_method = 0;
 *         Extension extensions<6..2^16-1>;
 *     } ServerHello;
 */
tls_result tls_server_hello_parse_any_version(const uint8_t *body, size_t len,
                                              struct tls_server_hello *sh, struct tls_error *err)
{
    struct tls_reader r, sid;
    tls_reader_init(&r, body, len, err);
    TRY(tls_read_u16(&r, &sh->legacy_version, "ServerHello.legacy_version"));
    TRY(tls_read_bytes(&r, TLS_RANDOM_LEN, &sh->random, "ServerHello.random"));
    TRY(tls_read_vector(&r, 0, TLS_MAX_SESSION_ID_LEN, &sid, "ServerHello.legacy_session_id_echo"));
    sh->legacy_session_id_echo.data = sid.data;
    sh->legacy_session_id_echo.len = sid.len;
    TRY(tls_read_u16(&r, &sh->cipher_suite, "ServerHello.cipher_suite"));
    TRY(tls_read_u8(&r, &sh->legacy_compression_method, "ServerHello.legacy_compression_method"));
    sh->is_hello_retry_request =
        memcmp(sh->random, tls_hello_retry_request_random, TLS_RANDOM_LEN) == 0;
    sh->downgrade = find_downgrade(sh->random);
    /* A TLS 1.2 ServerHello may end here (server_hello.h); an HRR never does. */
    sh->extensions_present = tls_reader_remaining(&r) > 0 || sh->is_hello_retry_request;
    sh->extensions.count = 0;
    sh->extensions.raw.data = NULL;
    sh->extensions.raw.len = 0;
    if (sh->extensions_present) {
        size_t min = sh->is_hello_retry_request ? 6 : 0;
        TRY(tls_extensions_read(&r, min, 0xffff, &sh->extensions, "ServerHello.extensions"));
    }
    TRY(tls_read_end(&r, "ServerHello"));
    return TLS_OK;
}

tls_result tls_server_hello_parse(const uint8_t *body, size_t len, struct tls_server_hello *sh,
                                  struct tls_error *err)
{
    TRY(tls_server_hello_parse_any_version(body, len, sh, err));
    /* RFC 8446 §4.1.3: "legacy_compression_method: A single byte which MUST have the value 0."
     * No alert is named; a wrong value in a well-formed message is illegal_parameter (§6). */
    if (sh->legacy_compression_method != 0) {
        return tls_hs_fail(err, TLS_ALERT_illegal_parameter, "ServerHello.legacy_compression_method",
                           "RFC 8446 §4.1.3: legacy_compression_method MUST have the value 0");
    }
    return TLS_OK;
}

tls_result tls_server_hello_encode(struct tls_writer *w, const struct tls_server_hello_config *cfg,
                                   struct tls_error *err)
{
    /* §4.1.4: the HelloRetryRequest "uses the same structure as the ServerHello" and the same
     * msg_type, server_hello(2). */
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_server_hello);
    tls_write_u16(w, cfg->legacy_version);
    tls_write_bytes(w, cfg->random, TLS_RANDOM_LEN);
    struct tls_vector_mark sid = tls_write_vector_begin(w, TLS_MAX_SESSION_ID_LEN);
    tls_write_bytes(w, cfg->legacy_session_id_echo.data, cfg->legacy_session_id_echo.len);
    tls_write_vector_end(w, sid);
    tls_write_u16(w, cfg->cipher_suite);
    tls_write_u8(w, cfg->legacy_compression_method);
    tls_extensions_write(w, 0xffff, cfg->extensions, cfg->extensions_count);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
