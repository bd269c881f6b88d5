/*
 * compare_text.c — `tls13 compare` as text (compare.h): on a terminal, two columns with every
 * item compared and the differing ones marked; otherwise a diff-like list of the differences
 * only, as `diff -u` marks lines: "-" only in A, "+" only in B, "~" another value, "^" another
 * position in the list (RFC 8446 §4.1.2: the client lists its offers in order of preference).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/compare.h"
#include "common/names.h"

const char *compare_section_title(const char *section, bool dtls)
{
    if (strcmp(section, "client_hello") == 0) {
        return "ClientHello offers, in wire order (RFC 8446 §4.1.2, §4.2)";
    }
    if (strcmp(section, "client_hello_2") == 0) {
        return dtls ? "second ClientHello, after a HelloRetryRequest (RFC 8446 §4.1.4) or HelloVerifyRequest (RFC 6347 §4.2.1)"
                    : "second ClientHello, after the HelloRetryRequest (RFC 8446 §4.1.4)";
    }
    if (strcmp(section, "negotiated") == 0) {
        return "negotiated";
    }
    if (strcmp(section, "flights") == 0) {
        return "flights of the handshake (records as sent, RFC 8446 §5.1; '?' = inferred without keys)";
    }
    return "after the handshake (RFC 8446 §4.6, §6.1)";
}

static void side_line(FILE *out, const char *tag, const struct tls_profile *p)
{
    char nb[3][24];
    const char *v = tls_version_name(p->neg.version);
    const char *s = tls_cipher_suite_name(p->neg.cipher_suite);
    const char *g = tls_group_name(p->neg.group);
    snprintf(nb[0], sizeof(nb[0]), "0x%04x", p->neg.version);
    snprintf(nb[1], sizeof(nb[1]), "0x%04x", p->neg.cipher_suite);
    snprintf(nb[2], sizeof(nb[2]), "0x%04x", p->neg.group);
    fprintf(out, "%s %s (connection %u, %s -> %s): %s, %s, %s%s, %llu records\n", tag, p->input,
            p->conn_id, p->client, p->server, v != NULL ? v : nb[0], s != NULL ? s : nb[1],
            g != NULL ? g : nb[2], p->neg.keys ? ", decrypted" : ", no keys",
            (unsigned long long)p->records_total);
}

static char marker(enum tls_profile_diff_kind k)
{
    switch (k) {
    case TLS_DIFF_ONLY_A:
        return '-';
    case TLS_DIFF_ONLY_B:
        return '+';
    case TLS_DIFF_VALUE:
        return '~';
    case TLS_DIFF_POSITION:
        return '^';
    case TLS_DIFF_SAME:
    default:
        return ' ';
    }
}

static void summary_line(FILE *out, const struct tls_profile_diff *d)
{
    if (d->differences == 0) {
        fprintf(out, "no difference (%zu items compared)\n", d->count);
    } else {
        fprintf(out, "%zu difference%s (%zu items compared)%s\n", d->differences,
                d->differences == 1 ? "" : "s", d->count,
                d->truncated ? "; more items than shown" : "");
    }
}

void compare_print_list(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                        const struct tls_profile_diff *d)
{
    side_line(out, "---", a);
    side_line(out, "+++", b);
    const char *section = NULL;
    for (size_t i = 0; i < d->count; i++) {
        const struct tls_profile_difference *r = &d->d[i];
        if (r->kind == TLS_DIFF_SAME) {
            continue;
        }
        if (section == NULL || strcmp(section, r->section) != 0) {
            section = r->section;
            fprintf(out, "@@ %s @@\n", compare_section_title(section, a->dtls || b->dtls));
        }
        switch (r->kind) {
        case TLS_DIFF_ONLY_A:
            fprintf(out, "- %s: %s\n", r->item, r->a);
            break;
        case TLS_DIFF_ONLY_B:
            fprintf(out, "+ %s: %s\n", r->item, r->b);
            break;
        case TLS_DIFF_SAME:
        case TLS_DIFF_VALUE:
        case TLS_DIFF_POSITION:
        default:
            fprintf(out, "%c %s\n    A: %s\n    B: %s\n", marker(r->kind), r->item, r->a, r->b);
            break;
        }
        if (r->why_a[0] != '\0' || r->why_b[0] != '\0') {
            fprintf(out, "    sizes A: %s\n    sizes B: %s\n", r->why_a[0] != '\0' ? r->why_a : "-",
                    r->why_b[0] != '\0' ? r->why_b : "-");
        }
    }
    summary_line(out, d);
}

/* Prints s into a cell of `width` characters: cut with "..." when longer, padded otherwise. */
static void cell(FILE *out, const char *s, size_t width)
{
    size_t len = strlen(s);
    if (len <= width) {
        fprintf(out, "%-*s", (int)width, s);
    } else if (width > 3) {
        fprintf(out, "%.*s...", (int)(width - 3), s);
    }
}

/* How much of s fits a line of `width`: all of it, or up to its last space that fits. */
static size_t wrap_len(const char *s, size_t width)
{
    size_t len = strlen(s);
    if (len <= width) {
        return len;
    }
    for (size_t i = width; i > 0; i--) {
        if (s[i] == ' ') {
            return i;
        }
    }
    return width;
}

void compare_print_columns(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                           const struct tls_profile_diff *d, unsigned width)
{
    /* The item column as wide as its longest entry, up to two fifths of the line. */
    size_t item_w = 12;
    for (size_t i = 0; i < d->count; i++) {
        size_t len = strlen(d->d[i].item);
        item_w = len > item_w ? len : item_w;
    }
    item_w = item_w > width * 2 / 5 ? width * 2 / 5 : item_w;
    size_t col_w = width > item_w + 26 ? (width - item_w - 6) / 2 : 10;
    side_line(out, "A:", a);
    side_line(out, "B:", b);
    const char *section = NULL;
    for (size_t i = 0; i < d->count; i++) {
        const struct tls_profile_difference *r = &d->d[i];
        if (section == NULL || strcmp(section, r->section) != 0) {
            section = r->section;
            fprintf(out, "\n== %s\n", compare_section_title(section, a->dtls || b->dtls));
            fprintf(out, "  ");
            cell(out, "", item_w);
            fputs(" ", out);
            cell(out, "A", col_w);
            fputs(" | B\n", out);
        }
        /* Long values wrap at spaces inside their column, so nothing is cut on a terminal. */
        const char *va = r->a[0] != '\0' ? r->a : "-";
        const char *vb = r->b[0] != '\0' ? r->b : "-";
        for (bool first = true; first || *va != '\0' || *vb != '\0'; first = false) {
            fprintf(out, "%c ", first ? marker(r->kind) : ' ');
            cell(out, first ? r->item : "", item_w);
            size_t na = wrap_len(va, col_w), nb = wrap_len(vb, col_w);
            fprintf(out, " %-*.*s | %.*s\n", (int)col_w, (int)na, va, (int)nb, vb);
            va += na;
            vb += nb;
            va += strspn(va, " ");
            vb += strspn(vb, " ");
        }
        if (r->why_a[0] != '\0' || r->why_b[0] != '\0') {
            fprintf(out, "    sizes A: %s\n    sizes B: %s\n", r->why_a[0] != '\0' ? r->why_a : "-",
                    r->why_b[0] != '\0' ? r->why_b : "-");
        }
    }
    fputc('\n', out);
    summary_line(out, d);
}
