/*
 * token_trace.c — the token trace text format (DESIGN.md "Token trace format").
 *
 *     # a comment line
 *     C: 16 03 01 00 f8 01 00 00
 *        f4 03 03 ...
 *     S: 16 03 03 00 7a ...
 *
 * A line starting with `C:` or `S:` starts a token sent by the client or the server; its bytes
 * follow in hex on the same line and the next ones, whitespace ignored, until the next `C:` or
 * `S:`. A token is one buffer handed over in one call, as Schannel's InitializeSecurityContext
 * and AcceptSecurityContext hand out SSPI tokens: it may hold several TLS records, and a record
 * may continue in the next token of the same direction.
 *
 * Implementation notes
 * --------------------
 * The parser is pure (it reads a buffer, never a file) and runs twice over the text: the first
 * pass checks everything and finds the largest token, the second decodes and delivers. So a
 * trace with an error anywhere produces no events at all, and the error names its line: a
 * half-delivered trace would invite a reader to trust the part before the typo.
 * DTLS traces: when the first token starts with a DTLS record (dtls.h), the trace is a DTLS
 * one and every token is delivered as one datagram (stream.h "Datagrams"): Schannel hands out
 * each datagram of a flight as its own token (SEC_I_MESSAGE_FRAGMENT).
 * Lines may end in "\n" or "\r\n". A '#' is a comment only at the start of a line (after
 * blanks); elsewhere it is an error, like any character that is not hex or blank.
 */
#include "decoder/stream.h"

#include "common/hex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/dtls.h"
#include "decoder/input_internal.h"

/* State of one walk over the text. In the checking pass `out` is NULL. */
struct trace_walk {
    const struct tls_stream_callbacks *cb;  /* NULL in the checking pass */
    uint8_t *out;                           /* decoded bytes of the current token */
    size_t n;                               /* hex digits of the current token */
    size_t largest;                         /* bytes of the largest token (checking pass) */
    int dir;                                /* -1 before the first token */
    unsigned long token_line;
    unsigned tokens[2];
    uint64_t bytes[2];
    bool announced;                         /* on_connection sent (at the first token) */
    bool datagram;                          /* a DTLS trace: tokens are datagrams */
};

static void announce_trace(struct trace_walk *w, bool datagram);

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Ends the current token: checks it, and in the delivering pass hands it to on_data. */
static tls_result end_token(struct trace_walk *w, struct tls_input_error *ie)
{
    if (w->dir < 0) {
        return TLS_OK;
    }
    if (w->n == 0) {
        return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: a token has no bytes",
                              w->token_line, "line %lu: token has no bytes", w->token_line);
    }
    if (w->n % 2 != 0) {
        return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: odd number of hex digits",
                              w->token_line, "line %lu: token has an odd number of hex digits (%zu)",
                              w->token_line, w->n);
    }
    size_t len = w->n / 2;
    w->tokens[w->dir]++;
    if (len > w->largest) {
        w->largest = len;
    }
    if (w->cb != NULL && !w->announced) {
        announce_trace(w, dtls_plausible_record(w->out, len));
    }
    if (w->cb != NULL && w->datagram) {
        struct tls_stream_datagram dg = {
            .conn_id = 1,
            .dir = (enum tls_direction)w->dir,
            .data = w->out,
            .len = len,
            .sent_len = len,
            .index = w->tokens[w->dir],
            .token_index = w->tokens[w->dir],
            .frame = 0,
        };
        if (w->cb->on_datagram != NULL) {
            w->cb->on_datagram(w->cb->ctx, &dg);
        }
    } else if (w->cb != NULL && w->cb->on_data != NULL) {
        struct tls_stream_chunk chunk = {
            .conn_id = 1,
            .dir = (enum tls_direction)w->dir,
            .offset = w->bytes[w->dir],
            .data = w->out,
            .len = len,
            .token_index = w->tokens[w->dir],
            .frame = 0,
        };
        w->cb->on_data(w->cb->ctx, &chunk);
    }
    w->bytes[w->dir] += len;
    w->n = 0;
    return TLS_OK;
}

/* Hex digits of one line (the part after "C:"/"S:", or a whole continuation line). */
static tls_result hex_line(struct trace_walk *w, const char *p, size_t len, unsigned long line,
                           size_t column, struct tls_input_error *ie)
{
    for (size_t i = 0; i < len; i++) {
        if (is_blank(p[i])) {
            continue;
        }
        int v = tls_hex_value(p[i]);
        if (v < 0) {
            unsigned char c = (unsigned char)p[i];
            char shown[16];
            if (c >= 0x20 && c < 0x7f) {
                snprintf(shown, sizeof(shown), "'%c' (0x%02x)", c, c);
            } else {
                snprintf(shown, sizeof(shown), "byte 0x%02x", c);
            }
            return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: not a hex digit", line,
                                  "line %lu, column %zu: %s is not a hex digit", line, column + i + 1, shown);
        }
        if (w->dir < 0) {
            return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: bytes before the first C:/S:",
                                  line, "line %lu: hex bytes before the first C: or S: line", line);
        }
        if (w->out != NULL) {
            if (w->n % 2 == 0) {
                w->out[w->n / 2] = (uint8_t)(v << 4);
            } else {
                w->out[w->n / 2] |= (uint8_t)v;
            }
        }
        w->n++;
    }
    return TLS_OK;
}

/* One line: blank, comment, the start of a token, or more hex of the current token. */
static tls_result one_line(struct trace_walk *w, const char *p, size_t len, unsigned long line,
                           struct tls_input_error *ie)
{
    size_t i = 0;
    while (i < len && is_blank(p[i])) {
        i++;
    }
    if (i == len || p[i] == '#') {
        return TLS_OK;
    }
    if (len - i >= 2 && (p[i] == 'C' || p[i] == 'S') && p[i + 1] == ':') {
        TRY(end_token(w, ie));
        w->dir = p[i] == 'C' ? TLS_DIR_CLIENT_TO_SERVER : TLS_DIR_SERVER_TO_CLIENT;
        w->token_line = line;
        i += 2;
    } else if (len - i >= 2 && (p[i] == 'c' || p[i] == 's') && p[i + 1] == ':') {
        return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: token markers are C: and S:", line,
                              "line %lu: a token starts with upper-case \"C:\" or \"S:\"", line);
    }
    return hex_line(w, p + i, len - i, line, i, ie);
}

static tls_result walk(struct trace_walk *w, const char *text, size_t len, struct tls_input_error *ie)
{
    unsigned long line = 1;
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl != NULL ? (size_t)(nl - text) : len;
        TRY(one_line(w, text + start, end - start, line, ie));
        start = end + 1;
        line++;
    }
    TRY(end_token(w, ie));
    if (w->tokens[0] + w->tokens[1] == 0) {
        return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: no C: or S: token", 0,
                              "no token in the trace (a token starts with a line \"C:\" or \"S:\")");
    }
    return TLS_OK;
}

static void announce_trace(struct trace_walk *w, bool datagram)
{
    const struct tls_stream_callbacks *cb = w->cb;
    struct tls_stream_connection conn;
    memset(&conn, 0, sizeof(conn));
    w->announced = true;
    w->datagram = datagram;
    conn.datagram = datagram;
    conn.id = 1;
    strcpy(conn.client_addr, "client");
    strcpy(conn.server_addr, "server");
    conn.client_rule = TLS_CLIENT_BY_TRACE;
    if (cb->on_connection != NULL) {
        cb->on_connection(cb->ctx, &conn);
    }
}

tls_result tls_token_trace_read(const char *text, size_t len, const struct tls_stream_callbacks *cb,
                                struct tls_input_error *ie)
{
    /* Pass 1: check everything; nothing is delivered. */
    struct trace_walk check;
    memset(&check, 0, sizeof(check));
    check.dir = -1;
    TRY(walk(&check, text, len, ie));
    /* Pass 2: decode and deliver, one on_data per token. */
    struct trace_walk w;
    memset(&w, 0, sizeof(w));
    w.dir = -1;
    w.cb = cb;
    w.out = malloc(check.largest);
    if (w.out == NULL) {
        return tls_input_fail(ie, TLS_ALERT_internal_error, "token trace: out of memory", 0, "out of memory");
    }
    tls_result rc = walk(&w, text, len, ie);
    free(w.out);
    TRY(rc);
    struct tls_stream_end end;
    memset(&end, 0, sizeof(end));
    end.conn_id = 1;
    end.reason = TLS_STREAM_END_TRACE;
    for (int d = 0; d < 2; d++) {
        end.bytes[d] = w.bytes[d];
        end.tokens[d] = w.tokens[d];
    }
    if (cb->on_end != NULL) {
        cb->on_end(cb->ctx, &end);
    }
    return TLS_OK;
}
