/*
 * decode_output.c — the decoder's output stage: the writer. It takes each decoded record
 * (dec_output_record), has it rendered (render_text.c for text and the HTML page's reading,
 * render_html.c for the page, render_json.c for JSON), keeps what each connection must keep
 * until its end, and decides when something is written: a connection when it ends, a part of a
 * long text connection, the records of a long JSON connection as they come.
 *
 * Implementation notes
 * --------------------
 * A connection's output is kept until the connection ends, since its ladder comes first and
 * the verdicts (Finished verified, resumption) are known only at the end; each buffer stops
 * growing at TLS_DECODE_MAX_OUTPUT and says so. Connections are written in the order they end.
 * The growable text every renderer writes into (struct dec_text) is here too, with its budget.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/util.h"
#include "decoder/decode_internal.h"

/* ---- dec_text: the growable text every renderer writes into ----------------------------- */

static bool text_reserve(struct dec_text *t, size_t more)
{
    size_t limit = t->limit != 0 ? t->limit : TLS_DECODE_MAX_OUTPUT;
    if (t->truncated || t->len + more + 1 > limit) {
        t->truncated = true;
        return false;
    }
    if (t->len + more + 1 <= t->cap) {
        return true;
    }
    size_t cap = t->cap == 0 ? 256 : t->cap;
    while (cap < t->len + more + 1) {
        cap *= 2;
    }
    if (t->budget != NULL && cap - t->cap > *t->budget) {
        t->truncated = true; /* all connections together keep too much already */
        return false;
    }
    char *grown = realloc(t->data, cap);
    if (grown == NULL) {
        t->truncated = true;
        return false;
    }
    if (t->budget != NULL) {
        *t->budget -= cap - t->cap;
    }
    t->data = grown;
    t->cap = cap;
    return true;
}

void dec_text_append(struct dec_text *t, const char *s, size_t n)
{
    if (!text_reserve(t, n)) {
        return;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

void dec_text_printf(struct dec_text *t, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n < sizeof(small)) {
        dec_text_append(t, small, (size_t)n);
        return;
    }
    if (!text_reserve(t, (size_t)n)) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(t->data + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

void dec_text_hex(struct dec_text *t, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char two[2] = {digits[p[i] >> 4], digits[p[i] & 15]};
        dec_text_append(t, two, 2);
    }
}

void dec_text_json_string(struct dec_text *t, const char *s)
{
    dec_text_append(t, "\"", 1);
    for (; s != NULL && *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            char esc[2] = {'\\', (char)ch};
            dec_text_append(t, esc, 2);
        } else if (ch == '\n') {
            dec_text_append(t, "\\n", 2);
        } else if (ch < 0x20) {
            dec_text_printf(t, "\\u%04x", ch);
        } else {
            dec_text_append(t, (const char *)&ch, 1);
        }
    }
    dec_text_append(t, "\"", 1);
}

/* "addr:port", "[v6addr]:port" (RFC 3986 §3.2.2), or the bare name for a token trace (port 0). */
void dec_text_endpoint(struct dec_text *t, const char *addr, uint16_t port)
{
    if (port == 0) {
        dec_text_printf(t, "%s", addr);
    } else if (strchr(addr, ':') != NULL) {
        dec_text_printf(t, "[%s]:%u", addr, port);
    } else {
        dec_text_printf(t, "%s:%u", addr, port);
    }
}

void dec_text_clear(struct dec_text *t)
{
    t->len = 0;
    t->truncated = false;
    if (t->data != NULL) {
        t->data[0] = '\0';
    }
}

void dec_text_free(struct dec_text *t)
{
    if (t->budget != NULL) {
        *t->budget += t->cap;
    }
    free(t->data);
    memset(t, 0, sizeof(*t));
}

/* A long connection in text: what is kept so far is written as one part (its ladder, then its
   records), so memory stays bounded and nothing is cut; the summary comes with the last part. */
static void text_part(struct dec_conn *c)
{
    struct tls_decoder *dec = c->dec;
    struct dec_text *t = &dec->out;
    t->limit = 3 * TLS_DECODE_MAX_OUTPUT + 65536;
    c->parts++;
    dec_text_part(c, t);
    dec->opt.write(dec->opt.write_ctx, t->data, t->len);
    dec_text_free(t);
    dec_text_free(&c->ladder);
    dec_text_free(&c->details);
    c->ladder.budget = &dec->budget;
    c->details.budget = &dec->budget;
    c->part_first_record = c->records + 1;
}

static void json_stream(struct dec_conn *c);

/* The record's model for the page: its bytes cut into fields (decode_model.c). */
static void html_record(struct dec_conn *c, const struct dec_record *r)
{
    if (c->model == NULL || r->pub.sslv2) {
        return;
    }
    struct tls_model_record m;
    if (r->pub.dtls) {
        dec_model_dtls_record(c, r, r->pub.bytes, r->pub.bytes_len, r->cid_len, &m);
    } else {
        dec_model_record(c, r, r->pub.bytes, r->pub.bytes_len, &m);
    }
    dec_html_record(c, &m);
}

void dec_output_record(struct dec_conn *c, struct dec_record *r)
{
    const struct tls_decode_options *o = &c->dec->opt;
    /* One text for every record's detail, emptied and reused: no allocation per record. */
    struct dec_text *detail = &c->dec->record_text;
    dec_text_clear(detail);
    if (r->facts.items != NULL) {
        /* Text and HTML runs: the record's detail, rendered from its facts (render_text.c). */
        dec_text_record_facts(c->dec, detail, &r->facts);
    }
    r->pub.detail = detail->len > 0 ? detail->data : "";
    r->pub.detail_len = detail->len;
    if (o->format == TLS_DECODE_HTML) {
        html_record(c, r);
    }
    if (o->on_record != NULL) {
        o->on_record(o->observer_ctx, &r->pub);
    }
    if (o->format == TLS_DECODE_JSON) {
        dec_json_record(&c->json_records, &r->pub, c->records == 1);
        json_stream(c);
    } else if (o->format == TLS_DECODE_HTML) {
        /* The page has its record already (render_html.c); the token summary needs its label. */
        struct dec_text label = {0};
        dec_record_label(&r->pub, &label);
        dec_tokens_record(c, &r->pub, label.data != NULL ? label.data : "");
        dec_text_free(&label);
    } else {
        dec_text_ladder_line(c, &r->pub);
        dec_text_append(&c->details, r->pub.detail, r->pub.detail_len);
        if (c->ladder.len + c->details.len >= TLS_DECODE_TEXT_PART) {
            text_part(c);
        }
    }
    /* The detail may show decrypted data (--show-data): gone once the record is written. */
    if (detail->len > 0) {
        tls_wipe(detail->data, detail->len);
    }
    r->pub.detail = "";
    r->pub.detail_len = 0;
    /* Kept copies may hold decrypted handshake bytes: gone with their record. */
    if (r->facts.arena_used > 0) {
        tls_wipe(r->facts.arena, r->facts.arena_used);
    }
}

/* ---- whole connections ------------------------------------------------------------------ */

static void fill_summary(struct dec_conn *c, struct tls_decoded_connection *s)
{
    memset(s, 0, sizeof(*s));
    s->conn = &c->info;
    s->input = c->dec->input;
    s->version = c->have_server_hello ? c->version : 0;
    s->cipher_suite = c->have_server_hello ? c->cipher_suite : 0;
    s->group = c->group;
    s->hello_retry_request = c->hrr;
    s->resumed = c->tls13 ? c->psk_accepted : (c->abbreviated || c->sh_echoes_session_id);
    s->server_finished = c->server_finished;
    s->client_finished = c->client_finished;
    s->server_signature = c->signature[TLS_DIR_SERVER_TO_CLIENT];
    s->client_signature = c->signature[TLS_DIR_CLIENT_TO_SERVER];
    s->keys_found = c->have_hs_secrets || c->have_master_secret;
    s->key_updates[0] = c->key_updates[0];
    s->key_updates[1] = c->key_updates[1];
    s->resumption = c->resumption;
    s->notes = c->notes.data != NULL ? c->notes.data : "";
    s->records = c->records;
    dec_dtls_summary(c, s);
}

static void write_text(struct tls_decoder *dec, struct dec_text *t)
{
    if (t->len > 0) {
        dec->opt.write(dec->opt.write_ctx, t->data, t->len);
    }
}

static void json_connection(struct dec_conn *c, const struct tls_decoded_connection *s)
{
    struct tls_decoder *dec = c->dec;
    if (dec->streaming == c) {
        /* Its records are out already: close them, then the summary (key order is free). */
        struct dec_text *t = &dec->out;
        dec_json_close_streamed(s, t);
        dec->streaming = NULL;
        /* Objects of connections that ended meanwhile come after this one. */
        dec_text_append(t, dec->deferred.data != NULL ? dec->deferred.data : "", dec->deferred.len);
        dec_text_free(&dec->deferred);
        dec->deferred.budget = &dec->budget;
        dec->deferred.limit = TLS_DECODE_MAX_OUTPUT_TOTAL;
        return;
    }
    struct dec_text *t = &dec->out;
    dec_json_connection(c, s, t);
    if (dec->streaming == NULL) {
        return;
    }
    /* Another connection's object is open: this one waits for it to close. Appended whole or
       not at all (then as a stub), so the JSON stays well formed at the bound. */
    size_t before = dec->deferred.len;
    dec_text_append(&dec->deferred, t->data, t->len);
    if (dec->deferred.len == before) {
        dec->deferred.truncated = false;
        dec_json_stub(c, &dec->deferred);
    }
    dec_text_free(t);
}

/* JSON of a long connection: once its records pass TLS_DECODE_TEXT_PART, its object is opened
   and its records are written as they come (if no other object is open), so nothing is cut. */
static void json_stream(struct dec_conn *c)
{
    struct tls_decoder *dec = c->dec;
    if (dec->streaming == NULL && c->json_records.len >= TLS_DECODE_TEXT_PART) {
        dec->streaming = c;
        dec_json_open_streamed(c, &dec->out);
    }
    if (dec->streaming != c) {
        return;
    }
    dec_text_append(&dec->out, c->json_records.data, c->json_records.len);
    dec->opt.write(dec->opt.write_ctx, dec->out.data, dec->out.len);
    dec_text_free(&dec->out);
    dec_text_free(&c->json_records);
    c->json_records.budget = &dec->budget;
}

void dec_output_connection(struct dec_conn *c)
{
    struct tls_decoder *dec = c->dec;
    struct tls_decoded_connection s;
    fill_summary(c, &s);
    if (dec->opt.on_connection_end != NULL) {
        dec->opt.on_connection_end(dec->opt.observer_ctx, &s);
    }
    dec->out.limit = 3 * TLS_DECODE_MAX_OUTPUT + 65536;
    if (dec->opt.format == TLS_DECODE_JSON) {
        json_connection(c, &s);
    } else if (dec->opt.format == TLS_DECODE_HTML) {
        dec_html_connection(c, &s);
    } else {
        dec_text_connection(c, &s, &dec->out);
    }
    write_text(dec, &dec->out);
    dec_text_free(&dec->out);
}

void dec_output_skipped(struct tls_decoder *dec)
{
    struct dec_skipped k = dec->skipped;
    memset(&dec->skipped, 0, sizeof(dec->skipped));
    if (k.tcp_without_tls == 0 && k.udp_not_dtls == 0) {
        return;
    }
    struct dec_text t = {0};
    if (dec->opt.format == TLS_DECODE_JSON) {
        dec_json_skipped(dec, &k, &t);
    } else if (dec->opt.format == TLS_DECODE_TEXT) {
        dec_text_skipped(dec, &k, &t);
    }
    write_text(dec, &t);
    dec_text_free(&t);
}

/* A note about a whole input (a truncated file): text runs say it where it happens. */
void dec_output_input_note(struct tls_decoder *dec, const char *message)
{
    if (dec->opt.format != TLS_DECODE_TEXT) {
        return;
    }
    struct dec_text t = {0};
    dec_text_input_note(dec, message, &t);
    write_text(dec, &t);
    dec_text_free(&t);
}

void dec_output_finish(struct tls_decoder *dec)
{
    if (dec->opt.format == TLS_DECODE_JSON) {
        const char *end = dec->json_objects == 0 ? "[]\n" : "\n]\n";
        dec->opt.write(dec->opt.write_ctx, end, strlen(end));
    } else if (dec->opt.format == TLS_DECODE_HTML) {
        dec_html_finish(dec);
    }
}
