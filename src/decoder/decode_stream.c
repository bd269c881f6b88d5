/*
 * decode_stream.c — from the byte streams of stream.h to whole records (RFC 8446 §5.1).
 *
 * Implementation notes
 * --------------------
 * Each direction has one buffer of DEC_BUF_CAP bytes. Arriving bytes are appended; while the
 * start of TLS is not known (the stream may begin with an RDP X.224 exchange or an HTTP CONNECT,
 * see tls_find_tls_start() in stream.h) the buffer holds the prefix being searched. Once
 * records are found, every complete record at the front of the buffer is handed to
 * decode_record.c and removed, so the buffer never holds more than one partial record plus one
 * chunk's worth of bytes.
 *
 * A header that is not plausible (RFC 8446 §5.1: type 20..24, version 3.x, length within
 * bounds) means garbage or corruption: the bytes are skipped until tls_find_tls_start() confirms
 * a header again, and the connection gets a note saying where. A gap (bytes never captured)
 * does the same: the record it cuts is reported incomplete, the handshake reassembly restarts,
 * and (since the record sequence number is lost, §5.3) later records may no longer decrypt.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/util.h"
#include "decoder/decode_internal.h"

static const char *prefix_name(enum tls_start_prefix p)
{
    switch (p) {
    case TLS_PREFIX_HTTP:
        return "an HTTP message (proxy CONNECT)";
    case TLS_PREFIX_TPKT:
        return "RDP TPKT/X.224 packets (RFC 1006)";
    case TLS_PREFIX_UNKNOWN:
        return "bytes that are not TLS records";
    case TLS_PREFIX_SMTP:
        return "SMTP STARTTLS (RFC 3207)";
    case TLS_PREFIX_SMTP_OR_FTP:
        return "SMTP STARTTLS or FTP AUTH TLS (a 220 greeting)";
    case TLS_PREFIX_FTP:
        return "FTP AUTH TLS (RFC 4217)";
    case TLS_PREFIX_IMAP:
        return "IMAP STARTTLS (RFC 3501 §6.2.1)";
    case TLS_PREFIX_POP3:
        return "POP3 STLS (RFC 2595 §4)";
    case TLS_PREFIX_XMPP:
        return "XMPP STARTTLS (RFC 6120 §5)";
    case TLS_PREFIX_LDAP:
        return "LDAP StartTLS extended operation (RFC 4511 §4.14)";
    case TLS_PREFIX_POSTGRES:
        return "PostgreSQL SSLRequest";
    case TLS_PREFIX_MYSQL:
        return "MySQL SSLRequest";
    case TLS_PREFIX_NONE:
    default:
        return "nothing";
    }
}

/* A "220" greeting is SMTP's or FTP's: the client's side may have told which. */
static enum tls_start_prefix prefix_of(const struct dec_conn *c, enum tls_direction dir)
{
    enum tls_start_prefix p = c->dir[dir].prefix;
    enum tls_start_prefix other = c->dir[1 - dir].prefix;
    if (p == TLS_PREFIX_SMTP_OR_FTP && (other == TLS_PREFIX_SMTP || other == TLS_PREFIX_FTP)) {
        return other;
    }
    return p;
}

/* A STARTTLS family (stream.h), rather than HTTP, RDP or unknown bytes. */
static bool is_starttls(enum tls_start_prefix p)
{
    return p >= TLS_PREFIX_SMTP;
}

static struct dec_conn *conn_find(struct tls_decoder *dec, unsigned id)
{
    for (size_t i = 0; i < dec->conn_count; i++) {
        if (dec->conns[i]->info.id == id) {
            return dec->conns[i];
        }
    }
    return NULL;
}

static void conn_free(struct dec_conn *c)
{
    for (int i = 0; i < 2; i++) {
        dec_direction_wipe(&c->dir[i]);
        free(c->dir[i].buf);
    }
    dec_transcript_wipe(c);
    tls_wipe(c->client_hs_secret, sizeof(c->client_hs_secret));
    tls_wipe(c->server_hs_secret, sizeof(c->server_hs_secret));
    tls_wipe(c->master_secret, sizeof(c->master_secret));
    dec_text_free(&c->notes);
    dec_tokens_free(c);
    dec_text_free(&c->ladder);
    dec_text_free(&c->details);
    dec_text_free(&c->json_records);
    dec_model_conn_free(c);
    dec_dtls_free(c);
    free(c);
}

static void on_connection(void *ctx, const struct tls_stream_connection *info)
{
    struct tls_decoder *dec = ctx;
    dec->connections_seen++;
    if (dec->conn_count == dec->conn_cap) {
        size_t cap = dec->conn_cap == 0 ? 8 : dec->conn_cap * 2;
        struct dec_conn **grown = realloc(dec->conns, cap * sizeof(*grown));
        if (grown == NULL) {
            return;
        }
        dec->conns = grown;
        dec->conn_cap = cap;
    }
    struct dec_conn *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        return;
    }
    c->info = *info;
    c->dec = dec;
    for (int i = 0; i < 2; i++) {
        c->dir[i].buf = malloc(DEC_BUF_CAP);
        tls_record_direction_init(&c->dir[i].keys);
        tls_record_direction_init(&c->dir[i].pending);
        tls_reassembly_reset(&c->dir[i].ra);
    }
    if (c->dir[0].buf == NULL || c->dir[1].buf == NULL || dec_model_conn_new(c) != TLS_OK ||
        (info->datagram && dec_dtls_new(c) != TLS_OK)) {
        conn_free(c);
        return;
    }
    dec_transcript_start(c);
    /* What a connection keeps for its end counts against the decoder's total bound. */
    c->notes.budget = &dec->budget;
    c->ladder.budget = &dec->budget;
    c->details.budget = &dec->budget;
    c->json_records.budget = &dec->budget;
    c->part_first_record = 1;
    dec->conns[dec->conn_count++] = c;
}

/* Removes n bytes from the front of the buffer. */
static void buf_drop(struct dec_direction *d, size_t n)
{
    memmove(d->buf, d->buf + n, d->buf_len - n);
    d->buf_len -= n;
    d->buf_offset += n;
}

/* The chunk (token, frame) that carried the byte at stream offset off. */
static struct dec_chunk_start where_of(const struct dec_direction *d, uint64_t off)
{
    struct dec_chunk_start best = {off, 0, 0};
    uint64_t best_start = 0;
    bool found = false;
    for (size_t i = 0; i < DEC_CHUNK_RING; i++) {
        const struct dec_chunk_start *s = &d->chunks[i];
        if ((s->token != 0 || s->frame != 0) && s->offset <= off && (!found || s->offset >= best_start)) {
            best = *s;
            best_start = s->offset;
            found = true;
        }
    }
    return best;
}

static const char *side_of(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

/* Drops n bytes that are not TLS records, remembering where the skipped run began. */
static void skip_bytes(struct dec_direction *d, size_t n)
{
    for (size_t i = 0; i < n && d->skip_len + i < sizeof(d->skip_head); i++) {
        d->skip_head[d->skip_len + i] = d->buf[i];
    }
    if (d->skip_len == 0) {
        d->skip_start = d->buf_offset;
    }
    d->skip_len += n;
    buf_drop(d, n);
}

/* The report of a run of skipped bytes (garbage, corruption, the rest of a cut record). */
static void report_skipped(struct dec_conn *c, enum tls_direction dir, const char *after)
{
    struct dec_direction *d = &c->dir[dir];
    if (d->skip_len == 0) {
        return;
    }
    char head[16] = "";
    size_t shown = d->skip_len < sizeof(d->skip_head) ? (size_t)d->skip_len : sizeof(d->skip_head);
    for (size_t i = 0; i < shown; i++) {
        size_t used = strlen(head);
        snprintf(head + used, sizeof(head) - used, "%s%02x", i == 0 ? "" : " ", d->skip_head[i]);
    }
    if (d->skip_start == 0 && is_starttls(d->prefix)) {
        /* The stream began with a STARTTLS family's clear text: say so, not "garbage". */
        dec_conn_note(c, "%s: offset 0: %s, %llu bytes, and no TLS record after it: %s%s; %s",
                      side_of(dir), prefix_name(prefix_of(c, dir)), (unsigned long long)d->skip_len,
                      head, d->skip_len > shown ? " ..." : "", after);
        d->skip_len = 0;
        return;
    }
    dec_conn_note(c, "%s: offset %llu: skipped %llu bytes that are not TLS records (garbage or "
                     "corruption): %s%s; %s",
                  side_of(dir), (unsigned long long)d->skip_start, (unsigned long long)d->skip_len,
                  head, d->skip_len > shown ? " ..." : "", after);
    d->skip_len = 0;
}

/* Not started: look for the first record (stream.h "Where TLS starts"). False: need bytes. */
static bool find_start(struct dec_conn *c, enum tls_direction dir, bool at_end)
{
    struct dec_direction *d = &c->dir[dir];
    struct tls_start st;
    tls_find_tls_start(d->buf, d->buf_len, &st);
    if (!d->desynced && d->buf_offset == 0 && st.prefix != TLS_PREFIX_NONE) {
        d->prefix = st.prefix; /* what the stream's first bytes are */
    }
    if (st.status == TLS_START_FOUND) {
        if (d->desynced) {
            skip_bytes(d, st.offset);
            report_skipped(c, dir, "records follow");
        } else if (st.offset > 0 && is_starttls(st.prefix)) {
            dec_conn_note(c, "%s: TLS starts at offset %zu, after %s, %zu bytes", side_of(dir),
                          st.offset, prefix_name(prefix_of(c, dir)), st.offset);
            d->prefix_bytes += st.offset;
            buf_drop(d, st.offset);
        } else if (st.offset > 0) {
            dec_conn_note(c, "%s: TLS starts at offset %zu, after %s", side_of(dir), st.offset,
                          prefix_name(st.prefix));
            d->prefix_bytes += st.offset;
            buf_drop(d, st.offset);
        }
        d->started = true;
        d->desynced = false;
        return true;
    }
    if (at_end && !d->desynced) {
        return false; /* the stream ends before its first record: report_leftover() says so */
    }
    if (st.status == TLS_START_NOT_FOUND || at_end || d->buf_len == DEC_BUF_CAP) {
        /* Keep the last 4 bytes: a header may begin there and end in the next chunk. */
        size_t keep = at_end ? 0 : (d->buf_len < 4 ? d->buf_len : 4);
        d->desynced = true;
        skip_bytes(d, d->buf_len - keep);
    }
    return false;
}

/* Hands every complete record at the front of the buffer over; stops when one is incomplete. */
static void take_records(struct dec_conn *c, enum tls_direction dir, bool at_end)
{
    struct dec_direction *d = &c->dir[dir];
    for (;;) {
        if ((!d->started && !d->desynced && d->buf_offset == 0) || c->sslv2) {
            /* SSL 2.0-format records: a first hello, or a whole SSL 2.0 connection. */
            size_t v2 = 0;
            int got = dec_sslv2_record_len(c, dir, d->buf, d->buf_len, &v2);
            if (got < 0 && !at_end) {
                return;
            }
            if (got > 0) {
                struct dec_chunk_start w = where_of(d, d->buf_offset);
                dec_sslv2_record(c, dir, d->buf, v2, d->buf_offset, &w);
                buf_drop(d, v2);
                continue;
            }
        }
        if (!d->started && !find_start(c, dir, at_end)) {
            return;
        }
        if (d->buf_len < TLS_RECORD_HEADER_LEN) {
            return;
        }
        if (!tls_plausible_next_record_header(d->buf, d->buf_len)) {
            /* RFC 8446 §5.1: every record starts with a 5-byte header; this is not one.
               Look for the next confirmed header (find_start), reporting what is skipped. */
            d->started = false;
            d->desynced = true;
            continue;
        }
        /* A plausible header bounds the length to 2^14 + 2048, so a whole record always fits
           the buffer: waiting for its last byte cannot stall. */
        size_t total = TLS_RECORD_HEADER_LEN + ((size_t)d->buf[3] << 8 | d->buf[4]);
        if (d->buf_len < total) {
            return;
        }
        /* Which token (trace) or packet (capture) the record started in, for the report. */
        struct dec_chunk_start w = where_of(d, d->buf_offset);
        dec_record_process(c, dir, d->buf, total, d->buf_offset, &w);
        buf_drop(d, total);
    }
}

static void on_data(void *ctx, const struct tls_stream_chunk *chunk)
{
    struct dec_conn *c = conn_find(ctx, chunk->conn_id);
    if (c == NULL) {
        return;
    }
    struct dec_direction *d = &c->dir[chunk->dir];
    /* Chunks of a direction are contiguous (stream.h), except after a gap, which on_gap has
       accounted for: an empty buffer simply starts where this chunk does. */
    if (d->buf_len == 0) {
        d->buf_offset = chunk->offset;
    }
    d->chunks[d->chunk_next] = (struct dec_chunk_start){chunk->offset, chunk->token_index, chunk->frame};
    dec_tokens_chunk(c, chunk->dir, chunk->token_index, chunk->offset, chunk->len);
    d->chunk_next = (d->chunk_next + 1) % DEC_CHUNK_RING;
    /* Whole records at the front of the chunk while nothing is buffered are read where they
       are, not copied into the buffer first (records in one segment, most 1 KiB records). */
    size_t pos = 0;
    while (d->buf_len == 0 && d->started && !d->desynced &&
           chunk->len - pos >= TLS_RECORD_HEADER_LEN &&
           tls_plausible_record_header(chunk->data + pos, chunk->len - pos)) {
        const uint8_t *rec = chunk->data + pos;
        size_t total = TLS_RECORD_HEADER_LEN + ((size_t)rec[3] << 8 | rec[4]);
        if (chunk->len - pos < total) {
            break;
        }
        struct dec_chunk_start w = where_of(d, d->buf_offset);
        dec_record_process(c, chunk->dir, rec, total, d->buf_offset, &w);
        pos += total;
        d->buf_offset += total;
    }
    /* A chunk may be larger than the buffer (a 16 MiB token): feed it in pieces, taking the
       complete records out after each piece. */
    while (pos < chunk->len) {
        size_t room = DEC_BUF_CAP - d->buf_len;
        size_t n = chunk->len - pos < room ? chunk->len - pos : room;
        memcpy(d->buf + d->buf_len, chunk->data + pos, n);
        d->buf_len += n;
        pos += n;
        take_records(c, chunk->dir, false);
    }
}

/* What is left in a direction's buffer at a gap or at the end: an incomplete record. */
static void report_leftover(struct dec_conn *c, enum tls_direction dir, const char *why)
{
    struct dec_direction *d = &c->dir[dir];
    const char *side = side_of(dir);
    report_skipped(c, dir, why);
    if (d->buf_len == 0) {
        return;
    }
    if (d->started && d->buf_len >= TLS_RECORD_HEADER_LEN) {
        size_t want = TLS_RECORD_HEADER_LEN + ((size_t)d->buf[3] << 8 | d->buf[4]);
        dec_conn_note(c, "%s: record at offset %llu incomplete (%zu of %zu bytes): %s", side,
                      (unsigned long long)d->buf_offset, d->buf_len, want, why);
    } else if (d->started) {
        dec_conn_note(c, "%s: %zu bytes of a record header at offset %llu: %s", side, d->buf_len,
                      (unsigned long long)d->buf_offset, why);
    } else if (is_starttls(d->prefix) && d->buf_offset == 0) {
        dec_conn_note(c, "%s: %s, %zu bytes, and no TLS record after it: %s", side,
                      prefix_name(prefix_of(c, dir)), d->buf_len, why);
    } else {
        dec_conn_note(c, "%s: %zu bytes at offset %llu without a TLS record: %s", side, d->buf_len,
                      (unsigned long long)d->buf_offset, why);
    }
    d->buf_offset += d->buf_len;
    d->buf_len = 0;
}

static void on_gap(void *ctx, unsigned conn_id, enum tls_direction dir, uint64_t offset,
                   uint64_t missing)
{
    struct dec_conn *c = conn_find(ctx, conn_id);
    if (c == NULL) {
        return;
    }
    struct dec_direction *d = &c->dir[dir];
    take_records(c, dir, false);
    report_leftover(c, dir, "bytes missing from the capture");
    dec_conn_note(c, "%s: %llu bytes missing at offset %llu; records after it may not decrypt "
                     "(RFC 8446 §5.3: the nonce counts records)",
                  dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server",
                  (unsigned long long)missing, (unsigned long long)offset);
    /* The bytes after the gap start somewhere inside the stream: find a record again. */
    d->started = false;
    d->desynced = true;
    d->buf_offset = offset + missing;
    tls_reassembly_reset(&d->ra);
    d->ra_broken = true;
}

static void conn_remove(struct tls_decoder *dec, struct dec_conn *c)
{
    for (size_t i = 0; i < dec->conn_count; i++) {
        if (dec->conns[i] == c) {
            dec->conns[i] = dec->conns[--dec->conn_count];
            break;
        }
    }
    conn_free(c);
}

static void conn_end(struct dec_conn *c)
{
    for (int dir = 0; dir < 2; dir++) {
        take_records(c, (enum tls_direction)dir, true);
        report_leftover(c, (enum tls_direction)dir, "the capture ends here");
        if (tls_reassembly_pending(&c->dir[dir].ra)) {
            dec_conn_note(c, "%s: a handshake message is incomplete at the end",
                          dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server");
        }
    }
    if (c->dir[0].records == 0 && c->dir[1].records == 0) {
        if (!c->dir[0].started && !c->dir[1].started) {
            c->dec->skipped.tcp_without_tls++; /* said once for the input (dec_output_skipped) */
        }
        dec_conn_note(c, "no complete TLS record in either direction");
    } else if (c->dir[0].records == 0 || c->dir[1].records == 0) {
        dec_conn_note(c, "only one direction holds TLS records (%llu client, %llu server)",
                      (unsigned long long)c->dir[0].records, (unsigned long long)c->dir[1].records);
    }
    if (c->version == 0x0300) {
        dec_conn_note(c, "an SSL 3.0 connection (RFC 6101): SSL 3.0 is prohibited (RFC 7568, POODLE)");
    }
    dec_dtls_end(c);
    dec_resumption_diagnose(c);
    dec_output_connection(c);
    conn_remove(c->dec, c);
}

/* DTLS: a whole datagram (stream.h "Datagrams"), for dtls_decode.c. */
static void on_datagram(void *ctx, const struct tls_stream_datagram *dg)
{
    struct dec_conn *c = conn_find(ctx, dg->conn_id);
    if (c != NULL) {
        dec_dtls_datagram(c, dg);
    }
}

static void on_end(void *ctx, const struct tls_stream_end *end)
{
    struct tls_decoder *dec = ctx;
    struct dec_conn *c = conn_find(dec, end->conn_id);
    if (c != NULL) {
        if (dec->opt.on_stream_end != NULL) {
            dec->opt.on_stream_end(dec->opt.observer_ctx, end);
        }
        conn_end(c);
    }
}

static void on_note(void *ctx, unsigned conn_id, const char *message)
{
    struct tls_decoder *dec = ctx;
    struct dec_conn *c = conn_id != 0 ? conn_find(dec, conn_id) : NULL;
    if (c != NULL) {
        dec_conn_note(c, "input: %s", message);
        return;
    }
    /* A note about the whole input (a truncated file, ...) concerns every live connection. */
    for (size_t i = 0; i < dec->conn_count; i++) {
        dec_conn_note(dec->conns[i], "input: %s", message);
    }
    dec_output_input_note(dec, message);
}

static void on_udp_skipped(void *ctx, unsigned flows)
{
    struct tls_decoder *dec = ctx;
    dec->skipped.udp_not_dtls += flows; /* said once for the input (dec_output_skipped) */
}

static bool on_progress(void *ctx, uint64_t bytes_read)
{
    struct tls_decoder *dec = ctx;
    return dec->opt.progress(dec->opt.progress_ctx, bytes_read, dec->connections_seen);
}

static void callbacks(struct tls_decoder *dec, struct tls_stream_callbacks *cb)
{
    memset(cb, 0, sizeof(*cb));
    cb->ctx = dec;
    cb->on_connection = on_connection;
    cb->on_data = on_data;
    cb->on_gap = on_gap;
    cb->on_end = on_end;
    cb->on_note = on_note;
    cb->on_datagram = on_datagram;
    cb->on_udp_skipped = on_udp_skipped;
    cb->on_progress = dec->opt.progress != NULL ? on_progress : NULL;
}

struct tls_decoder *tls_decoder_new(const struct tls_decode_options *opt)
{
    struct tls_decoder *dec = calloc(1, sizeof(*dec));
    if (dec != NULL) {
        dec->opt = *opt;
        dec->budget = TLS_DECODE_MAX_OUTPUT_TOTAL;
        dec->deferred.budget = &dec->budget;
        dec->deferred.limit = TLS_DECODE_MAX_OUTPUT_TOTAL;
    }
    return dec;
}

/* Connections the input did not end (it always should): end them now. */
static void end_all(struct tls_decoder *dec)
{
    while (dec->conn_count > 0) {
        conn_end(dec->conns[0]);
    }
}

tls_result tls_decoder_decode_file(struct tls_decoder *dec, const char *path,
                                   struct tls_input_error *ie)
{
    struct tls_stream_callbacks cb;
    callbacks(dec, &cb);
    dec->input = path;
    tls_result rc = tls_decoder_read_input(path, &cb, ie);
    end_all(dec);
    dec_output_skipped(dec);
    return rc;
}

tls_result tls_decoder_decode_trace(struct tls_decoder *dec, const char *name, const char *text,
                                    size_t len, struct tls_input_error *ie)
{
    struct tls_stream_callbacks cb;
    callbacks(dec, &cb);
    dec->input = name;
    tls_result rc = tls_token_trace_read(text, len, &cb, ie);
    end_all(dec);
    return rc;
}

void tls_decoder_finish(struct tls_decoder *dec)
{
    end_all(dec);
    dec_output_finish(dec);
}

void tls_decoder_free(struct tls_decoder *dec)
{
    if (dec == NULL) {
        return;
    }
    end_all(dec);
    free(dec->conns);
    dec_text_free(&dec->out);
    dec_text_free(&dec->deferred);
    dec_text_free(&dec->record_text);
    tls_wipe(dec->open_buf, sizeof(dec->open_buf));
    free(dec->model_fields);
    free(dec->model_inner_fields);
    free(dec->text_fields);
    free(dec->fact_arena);
    free(dec);
}

const char *tls_finished_status_name(enum tls_finished_status s)
{
    switch (s) {
    case TLS_FINISHED_VERIFIED:
        return "verified";
    case TLS_FINISHED_FAILED:
        return "failed";
    case TLS_FINISHED_UNKNOWN:
    default:
        return "unknown";
    }
}
