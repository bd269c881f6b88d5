/*
 * connect_html.c — `tls13 connect --html FILE` (connect_html.h): the client's bytes and secrets,
 * kept in memory, read back by the decoder into the illustrated page (docs/decoder-html.md).
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "cli/connect_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/util.h"
#include "decoder/decode.h"
#include "decoder/keylog.h"

int connect_html_open(struct connect_html *h, const char *path, FILE **trace)
{
    memset(h, 0, sizeof(*h));
    h->path = path;
    h->page = fopen(path, "w");
    if (h->page == NULL) {
        return -1;
    }
    h->keys.file = open_memstream(&h->keys_buf, &h->keys_len);
    if (h->keys.file == NULL) {
        return -1;
    }
    if (*trace == NULL) {
        h->trace = open_memstream(&h->trace_buf, &h->trace_len);
        if (h->trace == NULL) {
            return -1;
        }
        *trace = h->trace; /* closed by connect_io_close() */
    }
    return 0;
}

void connect_html_on_secret(struct connect_html *h, enum tls_secret_id id,
                            const uint8_t *client_random, const uint8_t *secret,
                            size_t secret_len)
{
    struct tls_decode_stage_secrets *st = &h->stages;
    if (h->page == NULL || client_random == NULL) {
        return;
    }
    if (id == TLS_SECRET_ecdhe_shared_secret) {
        if (secret_len <= sizeof(st->ecdhe)) {
            memcpy(st->ecdhe, secret, secret_len);
            st->ecdhe_len = secret_len;
        }
        return;
    }
    uint8_t *slot = id == TLS_SECRET_early_secret       ? st->early_secret
                    : id == TLS_SECRET_handshake_secret ? st->handshake_secret
                    : id == TLS_SECRET_master_secret    ? st->master_secret
                                                        : NULL;
    if (slot == NULL || secret_len > sizeof(st->early_secret)) {
        return;
    }
    memcpy(st->client_random, client_random, sizeof(st->client_random));
    memcpy(slot, secret, secret_len);
    st->len = secret_len;
    st->have_early |= slot == st->early_secret;
    st->have_handshake |= slot == st->handshake_secret;
    st->have_master |= slot == st->master_secret;
}

static void write_page(void *ctx, const char *text, size_t len)
{
    fwrite(text, 1, len, (FILE *)ctx);
}

/* The trace as text: the memory stream's buffer, or the --trace file read back. */
static char *trace_text(struct connect_html *h, const char *trace_path, size_t *len)
{
    if (h->trace != NULL) {
        *len = h->trace_len;
        return h->trace_buf;
    }
    FILE *f = trace_path != NULL ? fopen(trace_path, "rb") : NULL;
    if (f == NULL) {
        return NULL;
    }
    char *buf = NULL;
    size_t cap = 0, n = 0, got = 0;
    do {
        if (n + 65536 > cap) {
            cap = cap == 0 ? 65536 : cap * 2;
            char *grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    h->trace_buf = buf; /* freed with the rest */
    *len = n;
    return buf;
}

int connect_html_write(struct connect_html *h, const char *trace_path, const char *name)
{
    fflush(h->keys.file);
    size_t len = 0;
    const char *text = trace_text(h, trace_path, &len);
    if (text == NULL) {
        fprintf(stderr, "tls13: --html %s: the exchanged bytes could not be read back\n", h->path);
        return -1;
    }
    struct tls_keylog kl;
    tls_keylog_init(&kl);
    unsigned long bad = 0;
    struct tls_error err = {0};
    (void)tls_keylog_parse(&kl, h->keys_buf != NULL ? h->keys_buf : "", h->keys_len, &bad, &err);
    struct tls_decode_options opt = {
        .format = TLS_DECODE_HTML,
        .keylog = &kl,
        .write = write_page,
        .write_ctx = h->page,
        .stage_secrets = &h->stages,
    };
    struct tls_decoder *dec = tls_decoder_new(&opt);
    int rc = -1;
    if (dec != NULL) {
        struct tls_input_error ie;
        memset(&ie, 0, sizeof(ie));
        rc = tls_decoder_decode_trace(dec, name, text, len, &ie) == TLS_OK ? 0 : -1;
        tls_decoder_finish(dec);
        tls_decoder_free(dec);
    }
    tls_keylog_free(&kl);
    if (rc != 0 || fflush(h->page) != 0) {
        fprintf(stderr, "tls13: --html %s: the page could not be written\n", h->path);
        return -1;
    }
    return 0;
}

void connect_html_free(struct connect_html *h)
{
    if (h->page != NULL) {
        fclose(h->page);
    }
    if (h->keys.file != NULL) {
        fclose(h->keys.file);
    }
    if (h->keys_buf != NULL) {
        tls_wipe(h->keys_buf, h->keys_len); /* traffic secrets */
    }
    free(h->keys_buf);
    free(h->trace_buf);
    tls_wipe(&h->stages, sizeof(h->stages)); /* secrets */
    memset(h, 0, sizeof(*h));
}
