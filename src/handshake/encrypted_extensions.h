/*
 * encrypted_extensions.h — EncryptedExtensions (RFC 8446 §4.3.1).
 *
 * The first message under the handshake keys: the server's answers to ClientHello extensions
 * that do not set up keys (server_name ack, ALPN, supported_groups, early_data, ...). Which
 * extensions are allowed here and whether they were offered is checked by
 * tls_check_server_extensions(TLS_HT_encrypted_extensions, ...) (extensions.h); this parser
 * checks the framing and duplicates. The struct holds views into the message body.
 */
#ifndef TLS13_HANDSHAKE_ENCRYPTED_EXTENSIONS_H
#define TLS13_HANDSHAKE_ENCRYPTED_EXTENSIONS_H

#include "handshake/extensions.h"

/*
 * RFC 8446 §4.3.1:
 *     struct {
 *         Extension extensions<0..2^16-1>;
 *     } EncryptedExtensions;
 */
struct tls_encrypted_extensions {
    struct tls_extensions extensions;
};

tls_result tls_encrypted_extensions_parse(const uint8_t *body, size_t len,
                                          struct tls_encrypted_extensions *ee, struct tls_error *err);

/* Writes the whole message with these extensions (raw, in order). */
tls_result tls_encrypted_extensions_encode(struct tls_writer *w, const struct tls_extension *exts,
                                           size_t n, struct tls_error *err);

#endif
