/*
 * compare_html.c — `tls13 compare --format html` (compare.h): one self-contained page with the
 * two ladders side by side, flights that differ highlighted, and the table of every compared
 * item, differences first. The page takes the decoder page's style (render_html.h) so both
 * look alike, and fetches nothing. Markup contract: docs/compare-json.md ("The HTML page").
 */
#include <stdio.h>
#include <string.h>

#include "cli/compare.h"
#include "common/names.h"
#include "decoder/render_html.h"

static void esc(FILE *out, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        default:
            fputc(*s, out);
            break;
        }
    }
}

/* The decoder page's <style> content, reused as is. */
static void shared_style(FILE *out)
{
    const char *from = strstr(tls_html_page_head, "<style>\n");
    const char *to = from != NULL ? strstr(from, "</style>") : NULL;
    if (from != NULL && to != NULL) {
        from += strlen("<style>\n");
        fwrite(from, 1, (size_t)(to - from), out);
    }
}

static const char compare_style[] =
    "body{max-width:1400px}\n"
    ".cmp{display:grid;grid-template-columns:1fr 1fr;gap:24px}.cmp .ladder{max-width:none}\n"
    ".flight{margin:10px 0;padding:4px;border:1px solid transparent}\n"
    ".flight.differs{border:3px solid #b58900;background:#fff8db}\n"
    ".flight h4{margin:2px 0}.after{color:var(--muted)}\n"
    "table.items{border-collapse:collapse;width:100%;font-size:14px;table-layout:fixed}\n"
    "table.items td,table.items th{border:1px solid var(--line);padding:2px 6px;"
    "vertical-align:top;text-align:left;overflow-wrap:anywhere}\n"
    "table.items col.s{width:7em}table.items col.i{width:24%}table.items col.k{width:5.5em}\n"
    "tr.only_a td.a,tr.only_b td.b{background:#e3f4e3;font-weight:600}\n"
    "tr.value td.a,tr.value td.b{background:#fff3c4}tr.position td.a,tr.position td.b{"
    "background:#e8f0fe}\n"
    "tr.same{color:var(--muted)}td.kind{white-space:nowrap}\n"
    ".sizes{font-size:12px;color:var(--muted)}\n"
    ".ladder li details{margin:0 8px 4px}.ladder li.to-client details{margin-left:30%}.ladder li.to-server details{margin-right:30%}.bytes .f:target{outline:3px solid var(--focus)}\n";

static bool flight_differs(const struct tls_profile_diff *d, size_t flight)
{
    char item[32];
    snprintf(item, sizeof(item), "flight %zu", flight);
    for (size_t i = 0; i < d->count; i++) {
        if (d->d[i].kind != TLS_DIFF_SAME && strcmp(d->d[i].section, "flights") == 0 &&
            strcmp(d->d[i].item, item) == 0) {
            return true;
        }
    }
    return false;
}

/* Which ClientHello (0, 1) record i holds whole from its first byte, or -1. */
static int hello_in(const struct tls_profile *p, size_t i)
{
    const struct tls_profile_record *r = &p->records[i];
    for (int k = 0; k < 2; k++) {
        if (p->hello[k].present && p->hello[k].record == i + 1 && r->message_count > 0 &&
            r->msg_type[0] == TLS_HT_client_hello && !r->is_protected &&
            (r->dtls ? r->frag_offset[0] == 0 && r->frag_len[0] == r->msg_len[0] &&
                           r->length >= 12u + r->msg_len[0]
                     : r->length >= 4u + r->msg_len[0])) {
            return k;
        }
    }
    return -1;
}

/*
 * The record's bytes as sent (the first TLS_PROFILE_RECORD_BYTES), in hex. In a record that
 * holds a ClientHello from its first byte, each extension is a span with an id
 * ("a-r1-x43": side, record, extension type), which the table of differences links to.
 */
static void record_bytes(FILE *out, const struct tls_profile *p, char side, size_t i)
{
    const struct tls_profile_record *r = &p->records[i];
    if (r->bytes_len == 0) {
        return;
    }
    int k = hello_in(p, i);
    /* A ClientHello's bytes are shown open: the table links into them. */
    fprintf(out, "<details%s><summary>bytes</summary><code class=\"bytes\">", k >= 0 ? " open" : "");
    size_t open_end = 0; /* end of the extension span being written, 0 when none */
    for (size_t j = 0; j < r->bytes_len; j++) {
        for (size_t e = 0; k >= 0 && open_end == 0 && e < p->hello[k].ext_count; e++) {
            const struct tls_profile_extension *x = &p->hello[k].ext[e];
            if (tls_profile_record_header_len(r) + x->offset == j) {
                const char *n = tls_extension_name(x->type);
                fprintf(out, "<span class=\"f\" id=\"%c-r%zu-x%u\" data-field=\"%s\">", side, i + 1,
                        x->type, n != NULL ? n : "extension");
                open_end = j + 4u + x->length;
            }
        }
        fprintf(out, "%02x%s", r->bytes[j], j + 1 == open_end || j + 1 == r->bytes_len ? "" : " ");
        if (open_end != 0 && j + 1 == open_end) {
            fputs("</span> ", out);
            open_end = 0;
        }
    }
    if (open_end != 0) {
        fputs("</span>", out);
    }
    if (r->bytes_len < tls_profile_record_bytes(r)) {
        fprintf(out, " <span class=\"more\">(%u more bytes)</span>", tls_profile_record_bytes(r) - r->bytes_len);
    }
    fputs("</code></details>", out);
}

static void record_li(FILE *out, const struct tls_profile *p, char side, size_t i)
{
    const struct tls_profile_record *r = &p->records[i];
    char b[300];
    tls_profile_record_breakdown(p, r, b, sizeof(b));
    bool to_server = r->dir == TLS_DIR_CLIENT_TO_SERVER;
    fprintf(out, "<li class=\"%s\" id=\"%c-r%zu\" data-side=\"%c\" data-record=\"%zu\" title=\"",
            to_server ? "to-server" : "to-client", side, i + 1, side, i + 1);
    esc(out, b);
    fprintf(out, "\"><a href=\"#%c-r%zu\"><span class=\"n\">%zu</span> %s ", side, i + 1, i + 1,
            to_server ? "&rarr;" : "&larr;");
    esc(out, r->what);
    fprintf(out, " <small>%u bytes%s</small>", tls_profile_record_bytes(r),
            r->decrypted && r->inner_type != 0 && r->padding_len > 0 ? ", padded" : "");
    fprintf(out, "<br><span class=\"sizes\">");
    esc(out, b);
    fputs("</span></a>", out);
    record_bytes(out, p, side, i);
    fputs("</li>\n", out);
}

static void ladder(FILE *out, const struct tls_profile *p, char side, const struct tls_profile_diff *d)
{
    size_t first[64], count[64];
    size_t n = tls_profile_flights(p, first, count, 64);
    fprintf(out, "<div data-side=\"%c\"><h3>%c: ", side, side == 'a' ? 'A' : 'B');
    esc(out, p->input);
    fprintf(out, "</h3><p><small>connection %u, ", p->conn_id);
    esc(out, p->client);
    fputs(" &rarr; ", out);
    esc(out, p->server);
    fputs("</small></p>\n", out);
    for (size_t f = 0; f < n; f++) {
        fprintf(out, "<div class=\"flight%s\" id=\"%c-f%zu\" data-flight=\"%zu\"><h4>flight %zu "
                     "(%s)</h4><ol class=\"ladder\">\n",
                flight_differs(d, f + 1) ? " differs" : "", side, f + 1, f + 1, f + 1,
                tls_profile_dir_name((int)p->records[first[f]].dir));
        for (size_t i = first[f]; i < first[f] + count[f]; i++) {
            record_li(out, p, side, i);
        }
        fputs("</ol></div>\n", out);
    }
    if (p->record_count > p->handshake_records) {
        fputs("<div class=\"flight after\"><h4>after the handshake</h4><ol class=\"ladder\">\n", out);
        for (size_t i = p->handshake_records; i < p->record_count; i++) {
            record_li(out, p, side, i);
        }
        fputs("</ol></div>\n", out);
    }
    if (p->records_total > p->record_count) {
        fprintf(out, "<p><small>%llu more records not shown</small></p>\n",
                (unsigned long long)(p->records_total - p->record_count));
    }
    fputs("</div>\n", out);
}

/* Where a row's value is in the ladder: an extension's bytes, the ClientHello's record, or the
   flight; "" when there is nowhere to point. */
static void anchor(char *buf, size_t cap, char side, const struct tls_profile *p,
                   const struct tls_profile_difference *r)
{
    buf[0] = '\0';
    int k = strcmp(r->section, "client_hello") == 0 ? 0 : strcmp(r->section, "client_hello_2") == 0 ? 1 : -1;
    if (k >= 0 && p->hello[k].record > 0 && p->hello[k].record <= p->record_count) {
        bool whole = hello_in(p, p->hello[k].record - 1) == k;
        if (r->extension >= 0 && whole) {
            snprintf(buf, cap, "#%c-r%zu-x%d", side, p->hello[k].record, (int)r->extension);
        } else {
            snprintf(buf, cap, "#%c-r%zu", side, p->hello[k].record);
        }
    } else if (strncmp(r->item, "flight ", 7) == 0 && r->item[7] >= '1' && r->item[7] <= '9') {
        snprintf(buf, cap, "#%c-f%s", side, r->item + 7);
    }
}

static void value_cell(FILE *out, char side, const struct tls_profile *p,
                       const struct tls_profile_difference *r, const char *value, const char *why)
{
    char href[48];
    anchor(href, sizeof(href), side, p, r);
    fprintf(out, "<td class=\"%c\">", side);
    if (value[0] != '\0' && href[0] != '\0') {
        fprintf(out, "<a href=\"%s\">", href);
        esc(out, value);
        fputs("</a>", out);
    } else {
        esc(out, value);
    }
    if (why[0] != '\0') {
        fputs("<div class=\"sizes\">", out);
        esc(out, why);
        fputs("</div>", out);
    }
    fputs("</td>", out);
}

static void items_table(FILE *out, const struct tls_profile *pa, const struct tls_profile *pb,
                        const struct tls_profile_diff *d, bool differences)
{
    fputs("<table class=\"items\"><colgroup><col class=\"s\"><col class=\"i\"><col class=\"k\">"
          "<col><col></colgroup><thead><tr><th>section</th><th>item</th><th>kind</th>"
          "<th>A</th><th>B</th></tr></thead><tbody>\n", out);
    for (size_t i = 0; i < d->count; i++) {
        const struct tls_profile_difference *r = &d->d[i];
        if ((r->kind != TLS_DIFF_SAME) != differences) {
            continue;
        }
        const char *kind = tls_profile_diff_kind_name(r->kind);
        fprintf(out, "<tr class=\"%s\" data-kind=\"%s\" data-section=\"%s\"><td>%s</td><td>", kind,
                kind, r->section, r->section);
        esc(out, r->item);
        fprintf(out, "</td><td class=\"kind\">%s</td>", kind);
        value_cell(out, 'a', pa, r, r->a, r->why_a);
        value_cell(out, 'b', pb, r, r->b, r->why_b);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

void compare_print_html(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                        const struct tls_profile_diff *d)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>Two TLS connections compared (tls13 compare)</title>\n<style>\n", out);
    shared_style(out);
    fputs(compare_style, out);
    fputs("</style></head>\n<body>\n<header><h1>Two TLS connections compared</h1>\n<p>Written by "
          "<code>tls13 compare --format html</code>. A is on the left, B on the right; flights "
          "whose records differ are framed; hover a record for what its size is made of. "
          "Records read without keys end in <em>?</em>: the decoder's inference.</p>\n", out);
    fprintf(out, "<p data-differences=\"%zu\"><strong>", d->differences);
    if (d->differences == 0) {
        fprintf(out, "No difference</strong> (%zu items compared).</p>\n", d->count);
    } else {
        fprintf(out, "%zu difference%s</strong> (%zu items compared).</p>\n", d->differences,
                d->differences == 1 ? "" : "s", d->count);
    }
    fputs("</header>\n<main>\n<h2>Ladders</h2>\n<div class=\"cmp\">\n", out);
    ladder(out, a, 'a', d);
    ladder(out, b, 'b', d);
    fputs("</div>\n<h2>Differences</h2>\n", out);
    items_table(out, a, b, d, true);
    fputs("<h2>Items that are the same</h2>\n<details><summary>every equal item</summary>\n", out);
    items_table(out, a, b, d, false);
    fputs("</details>\n</main>\n</body></html>\n", out);
}
