/*
 * decoder_tls_collect.h — runs the TLS half of the decoder (src/decoder/decode.h) on a vector
 * and keeps what its observers report: every record, every connection summary, and the output.
 */
#ifndef TLS13_TEST_DECODER_TLS_COLLECT_H
#define TLS13_TEST_DECODER_TLS_COLLECT_H

#include <stddef.h>

#include "decoder/decode.h"

#define DTC_MAX_CONNS 16

struct dtc_conn {
    struct tls_decoded_connection summary; /* conn, input, resumption, notes point below */
    struct tls_stream_connection info;
    char resumption[700];
    char notes[8192];
};

struct dtc {
    struct tls_decoded_record *recs;  /* detail pointers cleared (not kept) */
    size_t nrec;
    size_t cap;
    struct dtc_conn conns[DTC_MAX_CONNS];
    size_t nconn;
    char *out;                        /* everything written, NUL-terminated */
    size_t out_len;
    size_t out_cap;
    tls_result rc;
    struct tls_input_error ie;
};

/* Decodes a file (relative to tests/vectors, or absolute) with an optional key log (relative to
   tests/vectors, NULL for none). Fails the test when the key log does not parse. */
struct dtc *dtc_decode(const char *input, const char *keylog, enum tls_decode_format format);

/* Decodes a file with a key log held in memory (NSS format text). */
struct dtc *dtc_decode_with_keylog_text(const char *input, const char *keylog_text,
                                       enum tls_decode_format format);

/* Decodes a token trace held in memory (no key log). */
struct dtc *dtc_decode_trace(const char *text, enum tls_decode_format format);

/* The same with a key log held in memory (NSS format text). */
struct dtc *dtc_decode_trace_keyed(const char *text, const char *keylog_text,
                                   enum tls_decode_format format);

/* Records of connection id (from 1), or direction, in order: the i-th one, or NULL. */
const struct tls_decoded_record *dtc_record(const struct dtc *d, unsigned conn_id, int dir, size_t i);

void dtc_free(struct dtc *d);

#endif
