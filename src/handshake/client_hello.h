/*
 * client_hello.h — ClientHello (RFC 8446 §4.1.2): encode from a configuration, and parse.
 *
 * Implementation notes
 * --------------------
 * The encoder writes a whole handshake message (header included) from struct
 * tls_client_hello_config. Extensions are written in this DEFAULT order, each only when
 * the configuration asks for it:
 *
 *     server_name, supported_versions, supported_groups, key_share, signature_algorithms,
 *     psk_key_exchange_modes, application_layer_protocol_negotiation, cookie, early_data,
 *     the extra raw extensions (in the order given), pre_shared_key
 *
 * A caller that must match an exact byte layout (RFC 8448's traces, another stack's
 * ClientHello) gives extension_order: a list of extension types written in that order; each
 * type is taken from the configuration if it is one of the built-in ones above, otherwise from
 * extra_extensions (raw type + data). A raw extra whose type is also a built-in one REPLACES the
 * built-in (so a parsed ClientHello re-encodes byte for byte). pre_shared_key is always written last whatever the order
 * says: RFC 8446 §4.2.11: "The "pre_shared_key" extension MUST be the last extension in the
 * ClientHello". Listing it anywhere but last is internal_error.
 *
 * PSK binders. A binder is an HMAC over the ClientHello truncated just before the binders
 * (§4.2.11.2), so it cannot be known while the message is being written. The encoder writes
 * zero-filled binders of the right lengths and reports where they start; the caller hashes
 * msg[0 .. binders_offset), computes each binder and stores it with
 * tls_client_hello_set_binders(). All length fields are already final.
 *
 * The parser takes the message BODY (see handshake_msg.h) and holds views into it.
 */
#ifndef TLS13_HANDSHAKE_CLIENT_HELLO_H
#define TLS13_HANDSHAKE_CLIENT_HELLO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/writer.h"
#include "handshake/extensions.h"
#include "handshake/handshake_msg.h"

#define TLS_RANDOM_LEN 32
#define TLS_MAX_SESSION_ID_LEN 32

struct tls_client_hello_config {
    uint8_t random[TLS_RANDOM_LEN];
    /* 0 bytes, or 32 random bytes for middlebox compatibility mode (RFC 8446 App. D.4). */
    struct tls_bytes legacy_session_id;
    const uint16_t *cipher_suites;
    size_t cipher_suites_count;

    struct tls_bytes server_name;        /* host_name (RFC 6066 §3); len 0: no extension */
    const uint16_t *supported_versions;  /* NULL: [0x0304] */
    size_t supported_versions_count;
    const uint16_t *supported_groups;    /* count 0: no extension */
    size_t supported_groups_count;
    const struct tls_key_share_entry *key_shares; /* count 0: key_share with empty client_shares */
    size_t key_shares_count;
    bool omit_key_share;                 /* true: no key_share extension at all (psk_ke only) */
    const uint16_t *signature_algorithms; /* count 0: no extension */
    size_t signature_algorithms_count;
    const uint8_t *psk_key_exchange_modes; /* count 0: no extension */
    size_t psk_key_exchange_modes_count;
    const struct tls_bytes *alpn_protocols; /* count 0: no extension */
    size_t alpn_protocols_count;
    struct tls_bytes cookie;             /* from a HelloRetryRequest (§4.2.2); len 0: none */
    bool early_data;                     /* empty early_data extension (§4.2.10) */

    /* pre_shared_key (§4.2.11): count 0 means no extension. */
    const struct tls_psk_identity *psk_identities;
    const size_t *psk_binder_lens;       /* Hash.length of each PSK's hash */
    size_t psk_count;

    /* Other extensions, written raw (renegotiation_info, record_size_limit, padding, ...). */
    const struct tls_extension *extra_extensions;
    size_t extra_extensions_count;

    /* NULL: the default order above. Otherwise every extension to write, in order. */
    const uint16_t *extension_order;
    size_t extension_order_count;
};

/* Where things landed in the encoded message (offsets from the start of the header). */
struct tls_client_hello_layout {
    size_t length;          /* whole message, header included */
    size_t binders_offset;  /* start of binders<33..2^16-1>; == length when there is no PSK */
};

/*
 * RFC 8446 §4.1.2:
 *     uint16 ProtocolVersion;
 *     opaque Random[32];
 *     uint8 CipherSuite[2];    // Cryptographic suite selector
 *     struct {
 *         ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *         Random random;
 *         opaque legacy_session_id<0..32>;
 *         CipherSuite cipher_suites<2..2^16-2>;
 *         opaque legacy_compression_methods<1..2^8-1>;
 *         Extension extensions<8..2^16-1>;
 *     } ClientHello;
 * Writes the whole handshake message to w. internal_error if w is too small or the
 * configuration is inconsistent (order lists an extension with no data, pre_shared_key not last).
 */
tls_result tls_client_hello_encode(struct tls_writer *w, const struct tls_client_hello_config *cfg,
                                   struct tls_client_hello_layout *layout, struct tls_error *err);

/*
 * The extension types tls_client_hello_encode() writes for cfg, in wire order (at most cap;
 * returns the count, 0 if the configuration is inconsistent). This is the "offered" list
 * that tls_check_server_extensions() needs.
 */
size_t tls_client_hello_extension_types(const struct tls_client_hello_config *cfg, uint16_t *out,
                                        size_t cap);

/* Stores the computed binders (in identity order) over the zero-filled ones at binders_offset. */
tls_result tls_client_hello_set_binders(uint8_t *msg, size_t msg_len, size_t binders_offset,
                                        const struct tls_bytes *binders, size_t n,
                                        struct tls_error *err);

struct tls_client_hello {
    uint16_t legacy_version;
    const uint8_t *random;               /* TLS_RANDOM_LEN bytes */
    struct tls_bytes legacy_session_id;
    struct tls_u16_list cipher_suites;
    struct tls_bytes legacy_compression_methods;
    bool extensions_present; /* false: a pre-TLS 1.3 hello that ends after the compression methods */
    struct tls_extensions extensions;
};

/*
 * Parses a ClientHello BODY. decode_error for bad lengths/bounds/trailing bytes; duplicates
 * illegal_parameter; pre_shared_key not last: illegal_parameter (§4.2.11 "Servers MUST check
 * that it is the last extension and otherwise fail the handshake with an illegal_parameter").
 * legacy_version and compression values are reported, not judged (a decoder sees TLS 1.2 too),
 * and so is a missing extensions block (§4.1.2: "TLS 1.3 servers might receive ClientHello
 * messages without an extensions field from prior versions of TLS").
 */
tls_result tls_client_hello_parse(const uint8_t *body, size_t len, struct tls_client_hello *ch,
                                  struct tls_error *err);

/*
 * For a WHOLE ClientHello message carrying pre_shared_key: the length of Truncate(ClientHello)
 * (§4.2.11.2), i.e. everything before the binders vector. decode_error/illegal_parameter as
 * the parser; missing_extension if there is no pre_shared_key.
 */
tls_result tls_client_hello_truncated_len(const uint8_t *msg, size_t msg_len, size_t *truncated_len,
                                          struct tls_error *err);

#endif
