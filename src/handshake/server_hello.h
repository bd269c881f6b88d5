/*
 * server_hello.h — ServerHello (RFC 8446 §4.1.3) and HelloRetryRequest (§4.1.4).
 *
 * Implementation notes
 * --------------------
 * A HelloRetryRequest is a ServerHello whose random is the fixed value SHA-256("HelloRetryRequest")
 * (§4.1.3), so one parser serves both; is_hello_retry_request tells them apart.
 *
 * The parser judges what the bytes alone decide: lengths and bounds (decode_error),
 * legacy_compression_method != 0 (illegal_parameter, §4.1.3 "MUST have the value 0"; the RFC names
 * no alert, see the checklist's DIV-10), duplicate extensions (illegal_parameter, extensions.h).
 * It reports, without judging, what needs the connection: legacy_session_id_echo (compare with
 * what was sent, §4.1.3), cipher_suite (offered?), the downgrade sentinel in random (§4.1.3: only
 * meaningful when TLS 1.2 or below was negotiated).
 *
 * The extensions block: RFC 8446 writes extensions<6..2^16-1>, but a TLS 1.2 ServerHello may end
 * after legacy_compression_method. A ServerHello without the block parses with
 * extensions_present = false and zero extensions, so the state machine sees "no
 * supported_versions = TLS 1.2" and answers protocol_version, and the decoder can show TLS 1.2
 * servers. A HelloRetryRequest must carry extensions<6..2^16-1> (decode_error).
 *
 * The parser takes the message BODY; views point into it.
 */
#ifndef TLS13_HANDSHAKE_SERVER_HELLO_H
#define TLS13_HANDSHAKE_SERVER_HELLO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/writer.h"
#include "handshake/client_hello.h"
#include "handshake/extensions.h"
#include "handshake/handshake_msg.h"

/* §4.1.3: the special ServerHello.random of a HelloRetryRequest. */
extern const uint8_t tls_hello_retry_request_random[TLS_RANDOM_LEN];

/* §4.1.3: the last 8 bytes of random a TLS 1.3 server writes when negotiating an older version. */
enum tls_downgrade {
    TLS_DOWNGRADE_NONE = 0,
    TLS_DOWNGRADE_TLS12,        /* 44 4F 57 4E 47 52 44 01 */
    TLS_DOWNGRADE_TLS11_OR_BELOW, /* 44 4F 57 4E 47 52 44 00 */
};

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
struct tls_server_hello {
    uint16_t legacy_version;
    const uint8_t *random;                  /* TLS_RANDOM_LEN bytes */
    struct tls_bytes legacy_session_id_echo;
    uint16_t cipher_suite;
    uint8_t legacy_compression_method;
    bool extensions_present;
    struct tls_extensions extensions;
    bool is_hello_retry_request;            /* random == tls_hello_retry_request_random */
    enum tls_downgrade downgrade;           /* sentinel found in the last 8 bytes of random */
};

tls_result tls_server_hello_parse(const uint8_t *body, size_t len, struct tls_server_hello *sh,
                                  struct tls_error *err);

/* The same parse without the TLS 1.3 rule on legacy_compression_method, for an observer of
 * any version (the decoder): a TLS 1.2 server may choose a compression method (RFC 5246
 * §7.4.1.3, RFC 3749 DEFLATE). Everything else is judged as tls_server_hello_parse() does;
 * the caller decides what a non-null compression means for the version negotiated. */
tls_result tls_server_hello_parse_any_version(const uint8_t *body, size_t len,
                                              struct tls_server_hello *sh, struct tls_error *err);

/* What tls_server_hello_encode() writes (tests, decoder round trips). */
struct tls_server_hello_config {
    uint16_t legacy_version;                /* 0x0303 */
    const uint8_t *random;                  /* TLS_RANDOM_LEN bytes; tls_hello_retry_request_random for an HRR */
    struct tls_bytes legacy_session_id_echo;
    uint16_t cipher_suite;
    uint8_t legacy_compression_method;      /* 0 */
    const struct tls_extension *extensions; /* written raw, in this order */
    size_t extensions_count;
};

/* Writes the whole ServerHello (or HRR) message; msg_type is server_hello for both (§4.1.4). */
tls_result tls_server_hello_encode(struct tls_writer *w, const struct tls_server_hello_config *cfg,
                                   struct tls_error *err);

#endif
