/*
 * compare_json.c — `tls13 compare --format json` (compare.h): both profiles and the list of
 * differences, as docs/compare-json.md describes. Names follow docs/decoder-json.md where the
 * same thing exists there (snake_case RFC names, IANA names for code points).
 */
#include <stdio.h>
#include <string.h>

#include "cli/compare.h"
#include "common/names.h"
#include "decoder/dtls.h"

void compare_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(out, "\\%c", *p);
        } else if (*p < 0x20 || *p >= 0x7f) {
            fprintf(out, "\\u%04x", *p); /* bytes of a server name as Latin-1: valid JSON */
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* A code point's name, or "0x...." (GREASE included, RFC 8701). */
static void code(FILE *out, const char *(*fn)(unsigned), unsigned v)
{
    const char *n = fn(v);
    char buf[16];
    snprintf(buf, sizeof(buf), "0x%04x", v);
    compare_json_string(out, n != NULL ? n : buf);
}

static void code_or_null(FILE *out, const char *(*fn)(unsigned), unsigned v)
{
    if (v == 0) {
        fputs("null", out);
    } else {
        code(out, fn, v);
    }
}

static void list(FILE *out, const char *name, const struct tls_profile_list *l,
                 const char *(*fn)(unsigned))
{
    fprintf(out, ",\n      \"%s\": [", name);
    for (size_t i = 0; i < l->count; i++) {
        fputs(i > 0 ? ", " : "", out);
        code(out, fn, l->v[i]);
    }
    fputc(']', out);
}

static void hello(FILE *out, const struct tls_profile_hello *h)
{
    if (!h->present) {
        fputs("null", out);
        return;
    }
    fprintf(out, "{\n      \"length\": %u, \"legacy_version\": ", (unsigned)h->length);
    code(out, tls_version_name, h->legacy_version);
    fprintf(out, ", \"legacy_session_id_length\": %u, \"compression_methods\": %u",
            h->session_id_len, h->compression_count);
    if (h->cookie_len >= 0) {
        fprintf(out, ", \"cookie_length\": %d", h->cookie_len);
    }
    list(out, "cipher_suites", &h->cipher_suites, tls_cipher_suite_name);
    list(out, "supported_versions", &h->supported_versions, tls_version_name);
    list(out, "supported_groups", &h->supported_groups, tls_group_name);
    fputs(",\n      \"key_shares\": [", out);
    for (size_t i = 0; i < h->key_share_count; i++) {
        fputs(i > 0 ? ", " : "", out);
        fputs("{\"group\": ", out);
        code(out, tls_group_name, h->key_shares[i].group);
        fprintf(out, ", \"length\": %u}", h->key_shares[i].length);
    }
    fputc(']', out);
    list(out, "signature_algorithms", &h->signature_algorithms, tls_signature_scheme_name);
    fputs(",\n      \"extensions\": [", out);
    for (size_t i = 0; i < h->ext_count; i++) {
        fprintf(out, "%s\n        {\"type\": %u, \"name\": ", i > 0 ? "," : "", h->ext[i].type);
        code(out, tls_extension_name, h->ext[i].type);
        fprintf(out, ", \"length\": %u, \"value\": ", h->ext[i].length);
        compare_json_string(out, h->ext[i].value);
        fputc('}', out);
    }
    fputs("]\n    }", out);
}

static void negotiated(FILE *out, const struct tls_profile_negotiated *n)
{
    fputs("{\"version\": ", out);
    code_or_null(out, tls_version_name, n->version);
    fputs(", \"cipher_suite\": ", out);
    code_or_null(out, tls_cipher_suite_name, n->cipher_suite);
    fputs(", \"group\": ", out);
    code_or_null(out, tls_group_name, n->group);
    fputs(", \"signature_scheme\": ", out);
    code_or_null(out, tls_signature_scheme_name, n->signature_scheme);
    fprintf(out, ",\n    \"hello_retry_request\": %s, \"resumed\": %s, \"psk_mode\": ",
            n->hello_retry_request ? "true" : "false", n->resumed ? "true" : "false");
    if (n->psk_mode != NULL) {
        compare_json_string(out, n->psk_mode);
    } else {
        fputs("null", out);
    }
    fputs(", \"alpn\": ", out);
    if (n->alpn_known && n->alpn[0] != '\0') {
        compare_json_string(out, n->alpn);
    } else {
        fputs(n->alpn_known ? "\"\"" : "null", out);
    }
    fprintf(out, ",\n    \"early_data_offered\": %s, \"early_data_accepted\": %s, "
                 "\"extended_master_secret\": %s, \"keys\": %s}",
            n->early_data_offered ? "true" : "false",
            n->early_data_accepted < 0 ? "null" : n->early_data_accepted ? "true" : "false",
            n->extended_master_secret ? "true" : "false", n->keys ? "true" : "false");
}

static void record(FILE *out, const struct tls_profile *p, size_t i, size_t flight)
{
    const struct tls_profile_record *r = &p->records[i];
    char b[300];
    fprintf(out, "{\"index\": %zu, \"direction\": \"%s\", \"flight\": ", i + 1,
            tls_profile_dir_name((int)r->dir));
    if (flight > 0) {
        fprintf(out, "%zu", flight);
    } else {
        fputs("null", out);
    }
    fputs(", \"content_type\": ", out);
    code(out, tls_content_type_name, r->outer_type);
    fprintf(out, ", \"length\": %u, \"protected\": %s, \"decrypted\": %s", r->length,
            r->is_protected ? "true" : "false", r->decrypted ? "true" : "false");
    if (r->inner_type != 0) {
        fputs(", \"inner_content_type\": ", out);
        code(out, tls_content_type_name, r->inner_type);
        fprintf(out, ", \"padding\": %u", r->padding_len);
    }
    if (r->token != 0) {
        fprintf(out, ", \"token\": %u", r->token);
    }
    if (r->dtls) {
        fprintf(out, ", \"epoch\": %u, \"sequence_number\": %llu, \"datagram\": %u, \"retransmission\": %s",
                r->epoch, (unsigned long long)r->sequence_number, r->datagram,
                r->retransmission ? "true" : "false");
    }
    fputs(", \"messages\": [", out);
    for (size_t m = 0; m < r->message_count; m++) {
        fputs(m > 0 ? ", " : "", out);
        fputs("{\"type\": ", out);
        code(out, tls_handshake_type_name, r->msg_type[m]);
        fprintf(out, ", \"length\": %u", r->msg_len[m]);
        if (r->dtls) {
            fprintf(out, ", \"message_seq\": %u, \"fragment_offset\": %u, \"fragment_length\": %u",
                    r->msg_seq[m], r->frag_offset[m], r->frag_len[m]);
        }
        fputc('}', out);
    }
    fputs("], \"what\": ", out);
    compare_json_string(out, r->what);
    fprintf(out, ", \"inferred\": %s, \"breakdown\": ", r->guess ? "true" : "false");
    tls_profile_record_breakdown(p, r, b, sizeof(b));
    compare_json_string(out, b);
    fputc('}', out);
}

static void records(FILE *out, const struct tls_profile *p)
{
    size_t first[64], count[64];
    size_t n = tls_profile_flights(p, first, count, 64);
    fputs(",\n    \"flights\": [", out);
    for (size_t f = 0; f < n; f++) {
        uint32_t bytes = 0;
        for (size_t i = first[f]; i < first[f] + count[f]; i++) {
            bytes += tls_profile_record_bytes(&p->records[i]);
        }
        fprintf(out, "%s{\"direction\": \"%s\", \"records\": %zu, \"bytes\": %u}", f > 0 ? ", " : "",
                tls_profile_dir_name((int)p->records[first[f]].dir), count[f], bytes);
    }
    fprintf(out, "],\n    \"handshake_complete\": %s, \"handshake_records\": %zu, "
                 "\"records_total\": %llu,\n    \"records\": [",
            p->handshake_complete ? "true" : "false", p->handshake_records,
            (unsigned long long)p->records_total);
    size_t f = 0;
    for (size_t i = 0; i < p->record_count; i++) {
        while (f < n && i >= first[f] + count[f]) {
            f++;
        }
        fputs(i > 0 ? ",\n      " : "\n      ", out);
        record(out, p, i, f < n && i >= first[f] ? f + 1 : 0);
    }
    fputs("]", out);
}

static const char *end_reason(enum tls_stream_end_reason r)
{
    return r == TLS_STREAM_END_FIN ? "fin" : r == TLS_STREAM_END_RST ? "rst"
                                         : r == TLS_STREAM_END_CAPTURE ? "capture_end"
                                                                       : "trace_end";
}

static void after(FILE *out, const struct tls_profile_after *a)
{
    fputs(",\n    \"after\": {\"new_session_tickets\": [", out);
    for (unsigned i = 0; i < a->tickets && i < TLS_PROFILE_MAX_TICKETS; i++) {
        fprintf(out, "%s{\"record_length\": %u, ", i > 0 ? ", " : "", a->ticket_record_len[i]);
        if (a->ticket_decrypted[i]) {
            fprintf(out, "\"message_length\": %u, \"ticket_lifetime\": %u}", a->ticket_msg_len[i],
                    a->ticket_lifetime[i]);
        } else {
            fputs("\"message_length\": null, \"ticket_lifetime\": null}", out);
        }
    }
    fprintf(out, "], \"new_session_ticket_count\": %u,\n      \"key_updates\": {\"client\": %u, "
                 "\"server\": %u},\n      \"application_data\": {\"client\": {\"records\": %llu, "
                 "\"bytes\": %llu}, \"server\": {\"records\": %llu, \"bytes\": %llu}},\n",
            a->tickets, a->key_updates[0], a->key_updates[1], (unsigned long long)a->data_records[0],
            (unsigned long long)a->data_bytes[0], (unsigned long long)a->data_records[1],
            (unsigned long long)a->data_bytes[1]);
    fputs("      \"closes_first\": ", out);
    if (a->closes_first < 0) {
        fputs("null, \"closes_how\": null", out);
    } else {
        fprintf(out, "\"%s\", \"closes_how\": ", tls_profile_dir_name(a->closes_first));
        compare_json_string(out, a->closes_how);
    }
    fputs(",\n      \"close\": {", out);
    for (int d = 0; d < 2; d++) {
        fprintf(out, "%s\"%s\": {\"close_notify_order\": ", d > 0 ? ", " : "", tls_profile_dir_name(d));
        if (a->close_notify_rank[d] > 0) {
            fprintf(out, "%d", a->close_notify_rank[d]);
        } else {
            fputs("null", out);
        }
        fputs(", \"alert\": ", out);
        if (a->other_alert[d] >= 0) {
            code(out, tls_alert_name, (unsigned)a->other_alert[d]);
        } else {
            fputs("null", out);
        }
        fputs(", \"fin_order\": ", out);
        if (a->fin_rank[d] > 0) {
            fprintf(out, "%u", a->fin_rank[d]);
        } else {
            fputs("null", out);
        }
        fprintf(out, ", \"rst\": %s}", a->rst[d] ? "true" : "false");
    }
    fprintf(out, "}, \"transport_end\": \"%s\"}", end_reason(a->end));
}

/* DTLS only (docs/compare-json.md): the cookie exchange, datagrams, how messages were cut. */
static void dtls(FILE *out, const struct tls_profile *p)
{
    const struct tls_profile_dtls *d = &p->dtls_info;
    fprintf(out, ",\n    \"dtls\": {\"hello_verify_request\": %s, \"cookie_echoed\": %s,\n"
                 "      \"largest_datagram\": {\"client\": %zu, \"server\": %zu}, \"schannel_default_mtu\": %u,\n"
                 "      \"datagrams\": {\"client\": %u, \"server\": %u}, "
                 "\"retransmitted_records\": {\"client\": %u, \"server\": %u},\n      \"messages\": [",
            p->neg.hello_verify_request ? "true" : "false", p->neg.cookie_echoed ? "true" : "false",
            d->largest_datagram[0], d->largest_datagram[1], DTLS_SCHANNEL_DEFAULT_MTU, d->datagrams[0],
            d->datagrams[1], d->retransmitted[0], d->retransmitted[1]);
    for (size_t i = 0; i < d->msg_count; i++) {
        const struct tls_profile_message *m = &d->msg[i];
        fprintf(out, "%s{\"direction\": \"%s\", \"type\": ", i > 0 ? ",\n        " : "\n        ",
                tls_profile_dir_name((int)m->dir));
        code(out, tls_handshake_type_name, m->type);
        fprintf(out, ", \"message_seq\": %u, \"length\": %u, \"fragments\": %u, \"cuts\": ", m->message_seq,
                m->length, m->fragments);
        compare_json_string(out, m->cuts);
        fputc('}', out);
    }
    fputs("]}", out);
}

static void profile(FILE *out, const struct tls_profile *p)
{
    fputs("{\n    \"input\": ", out);
    compare_json_string(out, p->input);
    fprintf(out, ", \"connection\": %u, \"client\": ", p->conn_id);
    compare_json_string(out, p->client);
    fputs(", \"server\": ", out);
    compare_json_string(out, p->server);
    fputs(",\n    \"client_hello\": ", out);
    hello(out, &p->hello[0]);
    fputs(",\n    \"client_hello_2\": ", out);
    hello(out, &p->hello[1]);
    fputs(",\n    \"negotiated\": ", out);
    negotiated(out, &p->neg);
    records(out, p);
    after(out, &p->after);
    if (p->dtls) {
        dtls(out, p);
    }
    fputs("\n  }", out);
}

static void text_or_null(FILE *out, const char *s)
{
    if (s[0] == '\0') {
        fputs("null", out);
    } else {
        compare_json_string(out, s);
    }
}

void compare_print_json(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                        const struct tls_profile_diff *d)
{
    fputs("{\n  \"a\": ", out);
    profile(out, a);
    fputs(",\n  \"b\": ", out);
    profile(out, b);
    fprintf(out, ",\n  \"items_compared\": %zu, \"truncated\": %s,\n  \"differences\": [", d->count,
            d->truncated ? "true" : "false");
    size_t shown = 0;
    for (size_t i = 0; i < d->count; i++) {
        const struct tls_profile_difference *r = &d->d[i];
        if (r->kind == TLS_DIFF_SAME) {
            continue;
        }
        fprintf(out, "%s\n    {\"section\": \"%s\", \"item\": ", shown++ > 0 ? "," : "", r->section);
        compare_json_string(out, r->item);
        fprintf(out, ", \"kind\": \"%s\", \"a\": ", tls_profile_diff_kind_name(r->kind));
        text_or_null(out, r->a);
        fputs(", \"b\": ", out);
        text_or_null(out, r->b);
        fputs(", \"a_sizes\": ", out);
        text_or_null(out, r->why_a);
        fputs(", \"b_sizes\": ", out);
        text_or_null(out, r->why_b);
        fputc('}', out);
    }
    fputs(shown > 0 ? "\n  ]\n}\n" : "]\n}\n", out);
}
