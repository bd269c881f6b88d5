/*
 * render_json.c — the JSON renderer (field names in docs/decoder-json.md): a record's object
 * from its public view (struct tls_decoded_record), a connection's head and summary. Where and
 * when the pieces are written (one object per connection, or streamed for a long one) is the
 * output stage's business (decode_output.c).
 *
 * Implementation notes
 * --------------------
 * A JSON record needs no fact and no text of the record's details: a JSON run records none
 * (dec_record_begin) and renders only what is here. Names are the IANA ones (common/names.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls.h"

static const char *name_or(const char *n, const char *fallback)
{
    return n != NULL ? n : fallback;
}

static const char *dir_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
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

void dec_json_record(struct dec_text *t, const struct tls_decoded_record *r, bool first)
{
    if (!first) {
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
    dec_text_endpoint(t, addr, port);
    dec_text_printf(t, "\"");
}

/* The opening of a connection's object: which input, which connection, its endpoints. */
void dec_json_head(struct dec_conn *c, struct dec_text *t)
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
void dec_json_summary(const struct tls_decoded_connection *s, struct dec_text *t)
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

/* docs/decoder-json.md: an element with "skipped" instead of "id" */
void dec_json_skipped(struct tls_decoder *dec, const struct dec_skipped *k, struct dec_text *t)
{
    dec_text_printf(t, "%s\n{\"input\": ", dec->json_objects == 0 ? "[" : ",");
    dec->json_objects++;
    dec_text_json_string(t, dec->input);
    dec_text_printf(t, ", \"skipped\": {\"tcp_flows_without_tls\": %u, \"udp_flows_not_dtls\": %u}}",
                    k->tcp_without_tls, k->udp_not_dtls);
}

/* A connection's whole object: head, summary, then its records (kept in c->json_records). */
void dec_json_connection(struct dec_conn *c, const struct tls_decoded_connection *s, struct dec_text *t)
{
    dec_json_head(c, t);
    dec_text_printf(t, ",\n  ");
    dec_json_summary(s, t);
    dec_text_printf(t, ",\n  \"records\": [");
    dec_text_append(t, c->json_records.data != NULL ? c->json_records.data : "", c->json_records.len);
    dec_text_printf(t, "\n  ]%s}", c->json_records.truncated ? ", \"truncated\": true" : "");
}

/* A long connection's object, opened before its records stream (summary key order is free). */
void dec_json_open_streamed(struct dec_conn *c, struct dec_text *t)
{
    dec_json_head(c, t);
    dec_text_printf(t, ",\n  \"records\": [");
}

void dec_json_close_streamed(const struct tls_decoded_connection *s, struct dec_text *t)
{
    dec_text_printf(t, "\n  ],\n  ");
    dec_json_summary(s, t);
    dec_text_printf(t, "}");
}

/* What stands for a connection's object that did not fit the output bound. */
void dec_json_stub(const struct dec_conn *c, struct dec_text *t)
{
    dec_text_printf(t, ",\n{\"id\": %u, \"truncated\": true}", c->info.id);
}
