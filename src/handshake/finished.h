/*
 * finished.h — Finished (RFC 8446 §4.4.4).
 *
 * verify_data is exactly Hash.length bytes, and the message has nothing else. A body of any
 * other length is decode_error: RFC 8446 §6.2 defines decode_error for "the length of the message
 * was incorrect" and decrypt_error for a value that fails to verify (checklist FIN-02, DIV-4;
 * BoringSSL sends decrypt_error, tlsfuzzer expects decode_error). Comparing verify_data is the
 * state machine's job (constant time, decrypt_error). Views into the message body.
 */
#ifndef TLS13_HANDSHAKE_FINISHED_H
#define TLS13_HANDSHAKE_FINISHED_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/handshake_msg.h"

/*
 * RFC 8446 §4.4.4:
 *     struct {
 *         opaque verify_data[Hash.length];
 *     } Finished;
 */
tls_result tls_finished_parse(const uint8_t *body, size_t len, size_t hash_len,
                              struct tls_bytes *verify_data, struct tls_error *err);

tls_result tls_finished_encode(struct tls_writer *w, const uint8_t *verify_data, size_t hash_len,
                               struct tls_error *err);

#endif
