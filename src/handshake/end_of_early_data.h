/*
 * end_of_early_data.h — EndOfEarlyData (RFC 8446 §4.5): an empty message marking the end of
 * 0-RTT data. A non-empty body is decode_error.
 */
#ifndef TLS13_HANDSHAKE_END_OF_EARLY_DATA_H
#define TLS13_HANDSHAKE_END_OF_EARLY_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/handshake_msg.h"

/*
 * RFC 8446 §4.5:
 *     struct {} EndOfEarlyData;
 */
tls_result tls_end_of_early_data_parse(const uint8_t *body, size_t len, struct tls_error *err);

tls_result tls_end_of_early_data_encode(struct tls_writer *w, struct tls_error *err);

#endif
