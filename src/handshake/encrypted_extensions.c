/*
 * encrypted_extensions.c — EncryptedExtensions (RFC 8446 §4.3.1). See encrypted_extensions.h.
 */
#include "handshake/encrypted_extensions.h"

/* Writes each extension raw, in order (shared shape of EE, CR and NST encoders). */
static void write_extension_block(struct tls_writer *w, size_t max, const struct tls_extension *exts,
                                  size_t n)
{
    struct tls_vector_mark block = tls_write_vector_begin(w, max);
    for (size_t i = 0; i < n; i++) {
        tls_extension_write(w, exts[i].extension_type, exts[i].extension_data.data,
                            exts[i].extension_data.len);
    }
    tls_write_vector_end(w, block);
}

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
    write_extension_block(w, 0xffff, exts, n);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
