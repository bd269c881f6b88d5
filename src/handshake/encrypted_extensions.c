/*
 * encrypted_extensions.c — EncryptedExtensions (RFC 8446 §4.3.1). See encrypted_extensions.h.
 */
#include "handshake/encrypted_extensions.h"

/*
 * RFC 8446 §4.3.1:
 *     struct {
 *         Extension extensions<0..2^16-1>;
 *     } EncryptedExtensions;
 */
tls_result tls_encrypted_extensions_parse(const uint8_t *body, size_t len,
                                          struct tls_encrypted_extensions *ee, struct tls_error *err)
{
    struct tls_reader r;
    tls_reader_init(&r, body, len, err);
    /* Even with no extensions the 2-byte length must be there (checklist EE-04). */
    TRY(tls_extensions_read(&r, 0, 0xffff, &ee->extensions, "EncryptedExtensions.extensions"));
    return tls_read_end(&r, "EncryptedExtensions");
}

tls_result tls_encrypted_extensions_encode(struct tls_writer *w, const struct tls_extension *exts,
                                           size_t n, struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_encrypted_extensions);
    tls_extensions_write(w, 0xffff, exts, n);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
