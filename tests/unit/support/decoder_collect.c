/* decoder_collect.c — the recording stream consumer for decoder tests (see decoder_collect.h). */
#include "support/decoder_collect.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"

static void violate(struct collected *c, const char *format, ...)
{
    if (c->violations++ == 0) {
        va_list ap;
        va_start(ap, format);
        vsnprintf(c->violation, sizeof(c->violation), format, ap);
        va_end(ap);
    }
}

/* The connection an event names, if the contract allows an event for it now. */
static struct collected_conn *live(struct collected *c, unsigned id, const char *event)
{
    if (id == 0 || id > TLS_STREAM_MAX_CONNECTIONS || !c->conns[id].seen) {
        violate(c, "%s for unknown connection %u", event, id);
        return NULL;
    }
    if (c->conns[id].ended) {
        violate(c, "%s for connection %u after its on_end", event, id);
        return NULL;
    }
    return &c->conns[id];
}

static void on_connection(void *ctx, const struct tls_stream_connection *info)
{
    struct collected *c = ctx;
    if (info->id == 0 || info->id > TLS_STREAM_MAX_CONNECTIONS || c->conns[info->id].seen) {
        violate(c, "bad or repeated connection id %u", info->id);
        return;
    }
    c->conns[info->id].seen = true;
    c->conns[info->id].info = *info;
    c->nconn++;
}

static void keep(struct collected_dir *d, uint64_t offset, const uint8_t *p, size_t n)
{
    if (offset >= COLLECT_KEEP) {
        return;
    }
    if (d->data == NULL) {
        d->data = calloc(1, COLLECT_KEEP);
    }
    size_t room = COLLECT_KEEP - (size_t)offset;
    memcpy(d->data + offset, p, n < room ? n : room);
}

static void on_data(void *ctx, const struct tls_stream_chunk *ch)
{
    struct collected *c = ctx;
    struct collected_conn *conn = live(c, ch->conn_id, "on_data");
    if (conn == NULL) {
        return;
    }
    if (ch->dir != TLS_DIR_CLIENT_TO_SERVER && ch->dir != TLS_DIR_SERVER_TO_CLIENT) {
        violate(c, "bad direction %d", (int)ch->dir);
        return;
    }
    struct collected_dir *d = &conn->dir[ch->dir];
    if (ch->offset != d->end || ch->len == 0 || ch->data == NULL) {
        violate(c, "conn %u dir %d: chunk at %llu (len %zu), expected offset %llu", ch->conn_id,
                (int)ch->dir, (unsigned long long)ch->offset, ch->len, (unsigned long long)d->end);
    }
    keep(d, ch->offset, ch->data, ch->len);
    if (ch->token_index != 0) {
        if (ch->token_index != d->tokens + 1) {
            violate(c, "token index %u after %u", ch->token_index, d->tokens);
        }
        if (d->tokens < COLLECT_MAX_TOKENS) {
            d->token_len[d->tokens] = ch->len;
        }
        d->tokens++;
    }
    d->end = ch->offset + ch->len;
    d->bytes += ch->len;
    d->chunks++;
}

static void on_gap(void *ctx, unsigned id, enum tls_direction dir, uint64_t offset, uint64_t missing)
{
    struct collected *c = ctx;
    struct collected_conn *conn = live(c, id, "on_gap");
    if (conn == NULL || (dir != 0 && dir != 1)) {
        return;
    }
    struct collected_dir *d = &conn->dir[dir];
    if (offset != d->end || missing == 0) {
        violate(c, "conn %u dir %d: gap at %llu (+%llu), expected offset %llu", id, (int)dir,
                (unsigned long long)offset, (unsigned long long)missing, (unsigned long long)d->end);
    }
    d->end = offset + missing;
    d->missing += missing;
    d->gaps++;
}

static void on_end(void *ctx, const struct tls_stream_end *end)
{
    struct collected *c = ctx;
    struct collected_conn *conn = live(c, end->conn_id, "on_end");
    if (conn == NULL) {
        return;
    }
    for (int d = 0; d < 2; d++) {
        if (end->bytes[d] != conn->dir[d].bytes || end->missing[d] != conn->dir[d].missing) {
            violate(c, "conn %u dir %d: on_end counts differ from the events", end->conn_id, d);
        }
    }
    conn->ended = true;
    conn->end = *end;
    c->nended++;
}

static void on_note(void *ctx, unsigned id, const char *message)
{
    struct collected *c = ctx;
    if (message == NULL) {
        violate(c, "NULL note");
        return;
    }
    snprintf(c->last_note, sizeof(c->last_note), "%s", message);
    if (id == 0) {
        c->file_notes++;
    } else if (id <= TLS_STREAM_MAX_CONNECTIONS && c->conns[id].seen) {
        c->conns[id].notes++;
        c->conn_notes++;
    } else {
        violate(c, "note for unknown connection %u", id);
    }
}

struct collected *collect_new(struct tls_stream_callbacks *cb)
{
    struct collected *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    memset(cb, 0, sizeof(*cb));
    cb->ctx = c;
    cb->on_connection = on_connection;
    cb->on_data = on_data;
    cb->on_gap = on_gap;
    cb->on_end = on_end;
    cb->on_note = on_note;
    return c;
}

void collect_free(struct collected *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i <= TLS_STREAM_MAX_CONNECTIONS; i++) {
        free(c->conns[i].dir[0].data);
        free(c->conns[i].dir[1].data);
    }
    free(c);
}

struct collected *collect_read_path(const char *path, tls_result *rc, struct tls_input_error *ie)
{
    struct tls_stream_callbacks cb;
    struct collected *c = collect_new(&cb);
    memset(ie, 0, sizeof(*ie));
    *rc = tls_decoder_read_input(path, &cb, ie);
    return c;
}

struct collected *collect_read_vector(const char *relative_path, tls_result *rc, struct tls_input_error *ie)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", TLS13_VECTORS_DIR, relative_path);
    return collect_read_path(path, rc, ie);
}
