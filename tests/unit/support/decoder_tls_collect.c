/* decoder_tls_collect.c — see decoder_tls_collect.h. */
#include "support/decoder_tls_collect.h"

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/keylog.h"

static void on_record(void *ctx, const struct tls_decoded_record *rec)
{
    struct dtc *d = ctx;
    if (d->nrec == d->cap) {
        d->cap = d->cap == 0 ? 64 : d->cap * 2;
        d->recs = realloc(d->recs, d->cap * sizeof(*d->recs));
        assert_non_null(d->recs);
    }
    d->recs[d->nrec] = *rec;
    d->recs[d->nrec].detail = NULL;
    d->nrec++;
}

static void on_connection_end(void *ctx, const struct tls_decoded_connection *dc)
{
    struct dtc *d = ctx;
    assert_true(d->nconn < DTC_MAX_CONNS);
    struct dtc_conn *c = &d->conns[d->nconn++];
    c->summary = *dc;
    c->info = *dc->conn;
    c->summary.conn = &c->info;
    snprintf(c->resumption, sizeof(c->resumption), "%s", dc->resumption != NULL ? dc->resumption : "");
    snprintf(c->notes, sizeof(c->notes), "%s", dc->notes);
    c->summary.resumption = c->resumption;
    c->summary.notes = c->notes;
    c->summary.input = NULL;
}

static void on_write(void *ctx, const char *text, size_t len)
{
    struct dtc *d = ctx;
    if (d->out_len + len + 1 > d->out_cap) {
        d->out_cap = (d->out_len + len + 1) * 2;
        d->out = realloc(d->out, d->out_cap);
        assert_non_null(d->out);
    }
    memcpy(d->out + d->out_len, text, len);
    d->out_len += len;
    d->out[d->out_len] = '\0';
}

static struct dtc *run(const char *input, const char *trace, const char *keylog,
                       const char *keylog_text, enum tls_decode_format format)
{
    struct dtc *d = calloc(1, sizeof(*d));
    assert_non_null(d);
    struct tls_keylog kl;
    tls_keylog_init(&kl);
    if (keylog != NULL || keylog_text != NULL) {
        size_t len = keylog_text != NULL ? strlen(keylog_text) : 0;
        uint8_t *text = keylog != NULL ? test_read_vector_file(keylog, &len) : NULL;
        unsigned long line = 0;
        struct tls_error err = {0};
        if (tls_keylog_parse(&kl, text != NULL ? (const char *)text : keylog_text, len, &line, &err) != TLS_OK) {
            fail_msg("%s line %lu: %s", keylog != NULL ? keylog : "key log", line, err.reason);
        }
        free(text);
    }
    bool keyed = keylog != NULL || keylog_text != NULL;
    struct tls_decode_options opt = {
        .format = format, .keylog = keyed ? &kl : NULL, .write = on_write, .write_ctx = d,
        .on_record = on_record, .on_connection_end = on_connection_end, .observer_ctx = d,
    };
    struct tls_decoder *dec = tls_decoder_new(&opt);
    assert_non_null(dec);
    if (trace != NULL) {
        d->rc = tls_decoder_decode_trace(dec, "trace", trace, strlen(trace), &d->ie);
    } else {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", TLS13_VECTORS_DIR, input);
        d->rc = tls_decoder_decode_file(dec, input[0] == '/' ? input : path, &d->ie);
    }
    tls_decoder_finish(dec);
    tls_decoder_free(dec);
    tls_keylog_free(&kl);
    return d;
}

struct dtc *dtc_decode(const char *input, const char *keylog, enum tls_decode_format format)
{
    return run(input, NULL, keylog, NULL, format);
}

struct dtc *dtc_decode_with_keylog_text(const char *input, const char *keylog_text,
                                       enum tls_decode_format format)
{
    return run(input, NULL, NULL, keylog_text, format);
}

struct dtc *dtc_decode_trace(const char *text, enum tls_decode_format format)
{
    return run(NULL, text, NULL, NULL, format);
}

struct dtc *dtc_decode_trace_keyed(const char *text, const char *keylog_text,
                                   enum tls_decode_format format)
{
    return run(NULL, text, NULL, keylog_text, format);
}

const struct tls_decoded_record *dtc_record(const struct dtc *d, unsigned conn_id, int dir, size_t i)
{
    size_t seen = 0;
    for (size_t k = 0; k < d->nrec; k++) {
        if (d->recs[k].conn_id != conn_id || (dir >= 0 && (int)d->recs[k].dir != dir)) {
            continue;
        }
        if (seen++ == i) {
            return &d->recs[k];
        }
    }
    return NULL;
}

void dtc_free(struct dtc *d)
{
    free(d->recs);
    free(d->out);
    free(d);
}
