/*
 * decode_output.c — the decoder's output: per connection a ladder (one line per record, client
 * on the left, server on the right) followed by every record in detail, or one JSON object
 * (field names in docs/decoder-json.md). Names are the IANA ones (common/names.h).
 *
 * Implementation notes
 * --------------------
 * A connection's output is kept until the connection ends, since its ladder comes first and
 * the verdicts (Finished verified, resumption) are known only at the end; each buffer stops
 * growing at TLS_DECODE_MAX_OUTPUT and says so. Connections are written in the order they end.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls.h"

/* ---- dec_text ------------------------------------------------------------------------ */

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

void dec_text_free(struct dec_text *t)
{
    if (t->budget != NULL) {
        *t->budget += t->cap;
    }
    free(t->data);
    memset(t, 0, sizeof(*t));
}

/* ---- names ----------------------------------------------------------------------------- */

static const char *name_or(const char *n, const char *fallback)
{
    return n != NULL ? n : fallback;
}

static const char *dir_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

/* What the ladder shows for a record: its messages, or its inner/outer type, or the guess. */
void dec_record_label(const struct tls_decoded_record *r, struct dec_text *t)
{
    if (r->message_count > 0) {
        for (size_t i = 0; i < r->message_count; i++) {
            dec_text_printf(t, "%s%s", i == 0 ? "" : ", ",
                            name_or(tls_handshake_type_name(r->messages[i].type), "unknown"));
        }
    } else if (r->has_alert) {
        dec_text_printf(t, "alert %s", name_or(tls_alert_name(r->alert_description), "unknown"));
    } else if (r->decrypted) {
        dec_text_printf(t, "%s", name_or(tls_content_type_name(r->has_inner_type ? r->inner_type
                                                                                 : r->outer_type),
                                         "unknown"));
    } else if (r->inferred != NULL) {
        dec_text_printf(t, "%s?", r->inferred_label != NULL ? r->inferred_label : r->inferred);
    } else {
        dec_text_printf(t, "%s", r->sslv2 ? "SSL 2.0" : name_or(tls_content_type_name(r->outer_type), "unknown"));
    }
    static const char *const outer_short[] = {"ccs", "alert", "hs", "app"};
    const char *outer = r->outer_type >= 20 && r->outer_type <= 23 ? outer_short[r->outer_type - 20]
                        : r->sslv2 ? "sslv2" : r->outer_type == 24 ? "hb" : "?";
    if (r->dtls && r->message_count == 1 && r->messages[0].fragment_length != r->messages[0].length) {
        dec_text_printf(t, " (fragment %u+%u of %u)", r->messages[0].fragment_offset,
                        r->messages[0].fragment_length, r->messages[0].length);
    }
    if (r->dtls) {
        dec_text_printf(t, "%s [%s %u e%u/%" PRIu64 "%s]", r->retransmission ? " RETRANSMITTED" : "", outer,
                        r->length, r->epoch, r->sequence_number,
                        r->decrypted ? " decrypted" : r->is_protected ? " encrypted" : "");
        return;
    }
    dec_text_printf(t, " [%s %u%s]", outer, r->length,
                    r->decrypted ? " decrypted" : r->is_protected ? " encrypted" : "");
}

static void ladder_line(struct dec_conn *c, const struct tls_decoded_record *r)
{
    struct dec_text label = {0};
    dec_record_label(r, &label);
    const char *l = label.data != NULL ? label.data : "";
    dec_tokens_record(c, r, l);
    if (r->dir == TLS_DIR_CLIENT_TO_SERVER) {
        dec_text_printf(&c->ladder, "  %4" PRIu64 "  %-46s ---->\n", c->records, l);
    } else {
        dec_text_printf(&c->ladder, "  %4" PRIu64 "  %*s <----  %s\n", c->records, 46, "", l);
    }
    dec_text_free(&label);
}

/* JSON records are written for every record of every run, so their common fields are appended
   piece by piece rather than through printf (about 8 % of a JSON run on 1 KiB records). */
#define JSON_LIT(t, s) dec_text_append((t), (s), sizeof(s) - 1)

static void json_str(struct dec_text *t, const char *s)
{
    dec_text_append(t, s, strlen(s));
}

static void json_u64(struct dec_text *t, uint64_t v)
{
    char digits[24];
    size_t n = sizeof(digits);
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    dec_text_append(t, digits + n, sizeof(digits) - n);
}

static void json_record(struct dec_conn *c, const struct tls_decoded_record *r)
{
    struct dec_text *t = &c->json_records;
    if (c->records > 1) {
        JSON_LIT(t, ",");
    }
    JSON_LIT(t, "\n    {\"dir\": \"");
    json_str(t, dir_name(r->dir));
    JSON_LIT(t, "\"");
    if (r->token != 0) {
        JSON_LIT(t, ", \"token\": ");
        json_u64(t, r->token);
    }
    JSON_LIT(t, ", \"offset\": ");
    json_u64(t, r->offset);
    if (r->frame != 0) {
        JSON_LIT(t, ", \"frame\": ");
        json_u64(t, r->frame);
    }
    JSON_LIT(t, ", \"content_type\": \"");
    json_str(t, r->sslv2 ? "none" : name_or(tls_content_type_name(r->outer_type), "unknown"));
    JSON_LIT(t, "\", \"length\": ");
    json_u64(t, r->length);
    if (r->decrypted) {
        JSON_LIT(t, ", \"decrypted\": true");
    } else {
        JSON_LIT(t, ", \"decrypted\": false");
    }
    if (r->sslv2) {
        JSON_LIT(t, ", \"sslv2\": true");
    }
    if (r->dtls) {
        JSON_LIT(t, ", \"datagram\": ");
        json_u64(t, r->datagram);
        JSON_LIT(t, ", \"epoch\": ");
        json_u64(t, r->epoch);
        JSON_LIT(t, ", \"sequence_number\": ");
        json_u64(t, r->sequence_number);
        if (r->retransmission) {
            JSON_LIT(t, ", \"retransmission\": true");
        } else {
            JSON_LIT(t, ", \"retransmission\": false");
        }
        if (r->unified_header) {
            JSON_LIT(t, ", \"unified_header\": true");
        }
    }
    if (r->has_inner_type) {
        JSON_LIT(t, ", \"inner_content_type\": \"");
        json_str(t, name_or(tls_content_type_name(r->inner_type), "unknown"));
        JSON_LIT(t, "\", \"padding\": ");
        json_u64(t, r->padding_len);
    }
    JSON_LIT(t, ", \"messages\": [");
    for (size_t i = 0; i < r->message_count; i++) {
        if (i > 0) {
            JSON_LIT(t, ", ");
        }
        JSON_LIT(t, "{\"type\": \"");
        json_str(t, name_or(tls_handshake_type_name(r->messages[i].type), "unknown"));
        JSON_LIT(t, "\", \"length\": ");
        json_u64(t, r->messages[i].length);
        if (r->dtls) {
            JSON_LIT(t, ", \"message_seq\": ");
            json_u64(t, r->messages[i].message_seq);
            JSON_LIT(t, ", \"fragment_offset\": ");
            json_u64(t, r->messages[i].fragment_offset);
            JSON_LIT(t, ", \"fragment_length\": ");
            json_u64(t, r->messages[i].fragment_length);
        }
        JSON_LIT(t, "}");
    }
    JSON_LIT(t, "]");
    if (r->inferred != NULL) {
        dec_text_printf(t, ", \"inferred\": \"%s\", \"inferred_alternatives\": ", r->inferred);
        if (r->inferred_alternatives != NULL) {
            dec_text_json_string(t, r->inferred_alternatives);
        } else {
            dec_text_printf(t, "null");
        }
        dec_text_printf(t, ", \"inference\": ");
        dec_text_json_string(t, r->inference_reason);
    }
    if (r->has_alert) {
        dec_text_printf(t, ", \"alert\": {\"level\": \"%s\", \"description\": \"%s\"}",
                        r->alert_level == 1 ? "warning" : r->alert_level == 2 ? "fatal" : "unknown",
                        name_or(tls_alert_name(r->alert_description), "unknown"));
    }
    JSON_LIT(t, "}");
}

/* A long connection in text: what is kept so far is written as one part (its ladder, then its
   records), so memory stays bounded and nothing is cut; the summary comes with the last part. */
static void text_part(struct dec_conn *c)
{
    struct tls_decoder *dec = c->dec;
    struct dec_text *t = &dec->out;
    t->limit = 3 * TLS_DECODE_MAX_OUTPUT + 65536;
    c->parts++;
    dec_text_printf(t, "Connection %u (%s), part %u, records %" PRIu64 " to %" PRIu64
                       " (the summary follows the last part):\n\n  ladder:\n",
                    c->info.id, dec->input, c->parts, c->part_first_record, c->records);
    dec_text_append(t, c->ladder.data, c->ladder.len);
    dec_text_printf(t, "\n  records:\n");
    dec_text_append(t, c->details.data, c->details.len);
    dec_text_printf(t, "\n");
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
    if (r->facts.items != NULL) {
        /* Text and HTML runs: the record's detail, rendered from its facts (render_text.c). */
        dec_text_record_facts(c->dec, &r->detail, &r->facts);
    }
    r->pub.detail = r->detail.data != NULL ? r->detail.data : "";
    r->pub.detail_len = r->detail.len;
    if (o->format == TLS_DECODE_HTML) {
        html_record(c, r);
    }
    if (o->on_record != NULL) {
        o->on_record(o->observer_ctx, &r->pub);
    }
    if (o->format == TLS_DECODE_JSON) {
        json_record(c, &r->pub);
        json_stream(c);
    } else if (o->format == TLS_DECODE_HTML) {
        /* The page has its record already (render_html.c); the token summary needs its label. */
        struct dec_text label = {0};
        dec_record_label(&r->pub, &label);
        dec_tokens_record(c, &r->pub, label.data != NULL ? label.data : "");
        dec_text_free(&label);
    } else {
        ladder_line(c, &r->pub);
        dec_text_append(&c->details, r->pub.detail, r->pub.detail_len);
        if (c->ladder.len + c->details.len >= TLS_DECODE_TEXT_PART) {
            text_part(c);
        }
    }
    dec_text_free(&r->detail);
    r->pub.detail = "";
    r->pub.detail_len = 0;
    /* Kept copies may hold decrypted handshake bytes: gone with their record. */
    if (r->facts.arena_used > 0) {
        tls_wipe(r->facts.arena, r->facts.arena_used);
    }
}

/* ---- whole connections ------------------------------------------------------------------ */

static const char *client_rule_name(enum tls_stream_client_rule rule)
{
    switch (rule) {
    case TLS_CLIENT_BY_SYN:
        return "it sent the SYN";
    case TLS_CLIENT_BY_HELLO:
        return "it sent the ClientHello";
    case TLS_CLIENT_BY_PORT:
        return "guessed: the server has the lower port";
    case TLS_CLIENT_BY_TRACE:
    default:
        return "C: tokens of the trace";
    }
}

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

/* "addr:port", "[v6addr]:port" (RFC 3986 §3.2.2), or the bare name for a token trace (port 0). */
static void endpoint(struct dec_text *t, const char *addr, uint16_t port)
{
    if (port == 0) {
        dec_text_printf(t, "%s", addr);
    } else if (strchr(addr, ':') != NULL) {
        dec_text_printf(t, "[%s]:%u", addr, port);
    } else {
        dec_text_printf(t, "%s:%u", addr, port);
    }
}

/* "Connection N (input): client A, server B (client: why)". */
static void text_endpoints(struct dec_conn *c, const struct tls_decoded_connection *s, struct dec_text *t)
{
    dec_text_printf(t, "Connection %u (%s): client ", c->info.id, s->input);
    endpoint(t, c->info.client_addr, c->info.client_port);
    dec_text_printf(t, ", server ");
    endpoint(t, c->info.server_addr, c->info.server_port);
    dec_text_printf(t, " (client: %s)%s\n", client_rule_name(c->info.client_rule),
                    c->info.datagram ? ", DTLS over UDP" : "");
}

static void text_connection(struct dec_conn *c, const struct tls_decoded_connection *s)
{
    struct dec_text *t = &c->dec->out;
    if (c->info.client_rule == TLS_CLIENT_BY_TRACE) {
        dec_text_printf(t, "Connection %u (%s): token trace, C: tokens from the client, S: from the "
                           "server\n", c->info.id, s->input);
    } else {
        text_endpoints(c, s, t);
    }
    dec_text_printf(t, "  version %s, cipher_suite %s, group %s%s\n",
                    name_or(tls_version_name(s->version), "unknown"),
                    name_or(tls_cipher_suite_name(s->cipher_suite), "unknown"),
                    name_or(tls_group_name(s->group), "unknown"),
                    s->hello_retry_request ? ", after a HelloRetryRequest" : "");
    if (c->tls13 || !c->have_server_hello || c->have_master_secret) {
        dec_text_printf(t, "  server Finished: %s, client Finished: %s; keys: %s\n",
                        tls_finished_status_name(s->server_finished),
                        tls_finished_status_name(s->client_finished),
                        s->keys_found ? "from the key log" : "none (protected records inferred)");
    }
    if (s->server_signature != TLS_FINISHED_UNKNOWN || s->client_signature != TLS_FINISHED_UNKNOWN) {
        dec_text_printf(t, "  server signature: %s, client signature: %s (%s, with the certificate keys)\n",
                        tls_finished_status_name(s->server_signature),
                        tls_finished_status_name(s->client_signature),
                        c->tls13 ? "CertificateVerify" : "ServerKeyExchange");
    }
    if (s->key_updates[0] + s->key_updates[1] > 0) {
        dec_text_printf(t, "  KeyUpdates: client %u, server %u\n", s->key_updates[0], s->key_updates[1]);
    }
    if (s->resumption != NULL) {
        dec_text_printf(t, "  resumption: %s\n", s->resumption);
    }
    if (c->parts > 0) {
        dec_text_printf(t, "  (records 1 to %" PRIu64 " are in parts 1 to %u above)\n",
                        c->part_first_record - 1, c->parts);
    }
    dec_text_printf(t, "\n  ladder (%" PRIu64 " records; [outer type, length]; ? = inferred without keys):\n"
                       "        %-46s        %s\n", s->records, "client", "server");
    dec_text_append(t, c->ladder.data != NULL ? c->ladder.data : "", c->ladder.len);
    dec_tokens_print(c, t);
    dec_text_printf(t, "\n  records:\n");
    dec_text_append(t, c->details.data != NULL ? c->details.data : "", c->details.len);
    if (c->ladder.truncated || c->details.truncated) {
        dec_text_printf(t, "  (output of this connection truncated at %u bytes)\n", TLS_DECODE_MAX_OUTPUT);
    }
    if (c->notes.len > 0) {
        dec_text_printf(t, "\n  notes:\n");
        const char *p = c->notes.data;
        while (*p != '\0') {
            const char *nl = strchr(p, '\n');
            size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
            dec_text_printf(t, "    - %.*s\n", (int)n, p);
            p += n + (nl != NULL ? 1 : 0);
        }
    }
    dec_text_printf(t, "\n");
}

static void json_notes(struct dec_text *t, const char *notes)
{
    dec_text_printf(t, ",\n  \"notes\": [");
    bool first = true;
    while (*notes != '\0') {
        const char *nl = strchr(notes, '\n');
        size_t n = nl != NULL ? (size_t)(nl - notes) : strlen(notes);
        char line[600];
        snprintf(line, sizeof(line), "%.*s", (int)n, notes);
        dec_text_printf(t, "%s", first ? "" : ", ");
        dec_text_json_string(t, line);
        first = false;
        notes += n + (nl != NULL ? 1 : 0);
    }
    dec_text_printf(t, "]");
}

/* A code point as JSON: its IANA name, "0x...." when the table lacks it, null when unknown. */
static void json_code(struct dec_text *t, const char *key, unsigned value, const char *(*name)(unsigned))
{
    dec_text_printf(t, "\"%s\": ", key);
    if (value == 0) {
        dec_text_printf(t, "null");
    } else if (name(value) != NULL) {
        dec_text_printf(t, "\"%s\"", name(value));
    } else {
        dec_text_printf(t, "\"0x%04x\"", value);
    }
}

static void json_endpoint(struct dec_text *t, const char *key, const char *addr, uint16_t port)
{
    dec_text_printf(t, "\"%s\": \"", key);
    endpoint(t, addr, port);
    dec_text_printf(t, "\"");
}

/* The opening of a connection's object: which input, which connection, its endpoints. */
static void json_head(struct dec_conn *c, struct dec_text *t)
{
    struct tls_decoder *dec = c->dec;
    dec_text_printf(t, "%s\n{\"input\": ", dec->json_objects == 0 ? "[" : ",");
    dec->json_objects++;
    dec_text_json_string(t, dec->input);
    dec_text_printf(t, ", \"id\": %u, ", c->info.id);
    json_endpoint(t, "client", c->info.client_addr, c->info.client_port);
    dec_text_printf(t, ", ");
    json_endpoint(t, "server", c->info.server_addr, c->info.server_port);
    if (c->info.datagram) {
        dec_text_printf(t, ", \"transport\": \"udp\"");
    }
}

/* What is known at the end: negotiated parameters, verdicts, diagnosis, notes. */
static void json_summary(const struct tls_decoded_connection *s, struct dec_text *t)
{
    json_code(t, "version", s->version, tls_version_name);
    dec_text_printf(t, ", ");
    json_code(t, "cipher_suite", s->cipher_suite, tls_cipher_suite_name);
    dec_text_printf(t, ", ");
    json_code(t, "group", s->group, tls_group_name);
    dec_text_printf(t, ", \"hello_retry_request\": %s, \"resumed\": %s,\n",
                    s->hello_retry_request ? "true" : "false", s->resumed ? "true" : "false");
    dec_text_printf(t, "  \"server_signature\": \"%s\", \"client_signature\": \"%s\",\n",
                    tls_finished_status_name(s->server_signature),
                    tls_finished_status_name(s->client_signature));
    dec_text_printf(t, "  \"server_finished\": \"%s\", \"client_finished\": \"%s\", \"keys\": %s, "
                       "\"key_updates\": {\"client\": %u, \"server\": %u},\n  \"resumption\": ",
                    tls_finished_status_name(s->server_finished),
                    tls_finished_status_name(s->client_finished), s->keys_found ? "true" : "false",
                    s->key_updates[0], s->key_updates[1]);
    if (s->resumption != NULL) {
        dec_text_json_string(t, s->resumption);
    } else {
        dec_text_printf(t, "null");
    }
    if (s->dtls) {
        dec_text_printf(t, ",\n  \"dtls\": {\"largest_datagram\": {\"client\": %zu, \"server\": %zu}, "
                           "\"schannel_default_mtu\": %u, \"hello_verify_request\": %s, \"cookie_echoed\": %s, "
                           "\"flights\": %u, \"retransmitted_records\": %u}",
                        s->largest_datagram[0], s->largest_datagram[1], DTLS_SCHANNEL_DEFAULT_MTU,
                        s->hello_verify_request ? "true" : "false", s->cookie_echoed ? "true" : "false", s->flights,
                        s->retransmitted_records);
    }
    json_notes(t, s->notes);
}

static void json_connection(struct dec_conn *c, const struct tls_decoded_connection *s)
{
    struct tls_decoder *dec = c->dec;
    if (dec->streaming == c) {
        /* Its records are out already: close them, then the summary (key order is free). */
        struct dec_text *t = &dec->out;
        dec_text_printf(t, "\n  ],\n  ");
        json_summary(s, t);
        dec_text_printf(t, "}");
        dec->streaming = NULL;
        /* Objects of connections that ended meanwhile come after this one. */
        dec_text_append(t, dec->deferred.data != NULL ? dec->deferred.data : "", dec->deferred.len);
        dec_text_free(&dec->deferred);
        dec->deferred.budget = &dec->budget;
        dec->deferred.limit = TLS_DECODE_MAX_OUTPUT_TOTAL;
        return;
    }
    struct dec_text *t = &dec->out;
    json_head(c, t);
    dec_text_printf(t, ",\n  ");
    json_summary(s, t);
    dec_text_printf(t, ",\n  \"records\": [");
    dec_text_append(t, c->json_records.data != NULL ? c->json_records.data : "", c->json_records.len);
    dec_text_printf(t, "\n  ]%s}", c->json_records.truncated ? ", \"truncated\": true" : "");
    if (dec->streaming == NULL) {
        return;
    }
    /* Another connection's object is open: this one waits for it to close. Appended whole or
       not at all (then as a stub), so the JSON stays well formed at the bound. */
    size_t before = dec->deferred.len;
    dec_text_append(&dec->deferred, t->data, t->len);
    if (dec->deferred.len == before) {
        dec->deferred.truncated = false;
        dec_text_printf(&dec->deferred, ",\n{\"id\": %u, \"truncated\": true}", c->info.id);
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
        json_head(c, &dec->out);
        dec_text_printf(&dec->out, ",\n  \"records\": [");
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
        text_connection(c, &s);
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
        /* docs/decoder-json.md: an element with "skipped" instead of "id" */
        dec_text_printf(&t, "%s\n{\"input\": ", dec->json_objects == 0 ? "[" : ",");
        dec->json_objects++;
        dec_text_json_string(&t, dec->input);
        dec_text_printf(&t, ", \"skipped\": {\"tcp_flows_without_tls\": %u, \"udp_flows_not_dtls\": %u}}",
                        k.tcp_without_tls, k.udp_not_dtls);
    } else if (dec->opt.format == TLS_DECODE_TEXT) {
        dec_text_printf(&t, "skipped (%s):", dec->input);
        if (k.tcp_without_tls > 0) {
            dec_text_printf(&t, " %u TCP flow%s without TLS (no TLS record in either direction)",
                            k.tcp_without_tls, k.tcp_without_tls == 1 ? "" : "s");
        }
        if (k.udp_not_dtls > 0) {
            dec_text_printf(&t, "%s %u UDP flow%s that %s not DTLS", k.tcp_without_tls > 0 ? ";" : "",
                            k.udp_not_dtls, k.udp_not_dtls == 1 ? "" : "s", k.udp_not_dtls == 1 ? "is" : "are");
        }
        dec_text_printf(&t, "\n");
    }
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
