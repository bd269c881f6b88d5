/*
 * profile_diff.c — two connection profiles compared item by item (profile.h): the ClientHello
 * offers (RFC 8446 §4.1.2, §4.2) list by list and extension by extension, what was negotiated,
 * the flights' shapes with what each record's size is made of, and what followed the handshake.
 *
 * Symmetry: every row is built by the same function from A's side and B's side, and rows are
 * ordered by keys that do not depend on which side is A (see profile.h), so swapping the inputs
 * swaps the columns and nothing else.
 */
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/dtls.h"
#include "decoder/profile.h"

const char *tls_profile_diff_kind_name(enum tls_profile_diff_kind k)
{
    switch (k) {
    case TLS_DIFF_ONLY_A:
        return "only_a";
    case TLS_DIFF_ONLY_B:
        return "only_b";
    case TLS_DIFF_VALUE:
        return "value";
    case TLS_DIFF_POSITION:
        return "position";
    case TLS_DIFF_SAME:
    default:
        return "same";
    }
}

/* Adds a row; kind SAME/ONLY_x/VALUE is decided from the texts unless `kind` says POSITION. */
static struct tls_profile_difference *row(struct tls_profile_diff *o, const char *section,
                                          const char *item, const char *a, const char *b,
                                          bool position_only)
{
    if (a[0] == '\0' && b[0] == '\0') {
        return NULL;
    }
    if (o->count == TLS_PROFILE_MAX_ROWS) {
        o->truncated = true;
        return NULL;
    }
    struct tls_profile_difference *d = &o->d[o->count++];
    memset(d, 0, sizeof(*d));
    d->section = section;
    d->extension = -1;
    snprintf(d->item, sizeof(d->item), "%s", item);
    snprintf(d->a, sizeof(d->a), "%s", a);
    snprintf(d->b, sizeof(d->b), "%s", b);
    d->kind = a[0] == '\0'            ? TLS_DIFF_ONLY_B
              : b[0] == '\0'          ? TLS_DIFF_ONLY_A
              : position_only         ? TLS_DIFF_POSITION
              : strcmp(a, b) == 0     ? TLS_DIFF_SAME
                                      : TLS_DIFF_VALUE;
    if (d->kind != TLS_DIFF_SAME) {
        o->differences++;
    }
    return d;
}

static const char *code_text(const char *(*fn)(unsigned), unsigned v, char *buf, size_t cap)
{
    const char *n = fn != NULL ? fn(v) : NULL;
    if (tls_is_grease(v)) {
        snprintf(buf, cap, "GREASE");
    } else if (n != NULL) {
        snprintf(buf, cap, "%s", n);
    } else {
        snprintf(buf, cap, "0x%04x", v);
    }
    return buf;
}

/* ---- lists in wire order ------------------------------------------------------------------ */

/* A value of the union of two lists: its position (1-based, 0 absent) in each, and texts. */
struct union_entry {
    unsigned code;            /* GREASE values all count as one (RFC 8701: they are random) */
    size_t pos[2];
    const char *value[2];     /* extensions: the value text, else NULL */
    unsigned length[2];       /* key shares and extensions: the data length */
};

#define UNION_CAP (2u * TLS_PROFILE_MAX_LIST)

static unsigned norm(unsigned v)
{
    return tls_is_grease(v) ? 0x0a0au : v;
}

static struct union_entry *union_add(struct union_entry *u, size_t *n, unsigned code, int side,
                                     size_t pos)
{
    for (size_t i = 0; i < *n; i++) {
        if (u[i].code == code) {
            if (u[i].pos[side] == 0) {
                u[i].pos[side] = pos;
                return &u[i];
            }
            return NULL; /* a repeated value: its first position counts */
        }
    }
    if (*n == UNION_CAP) {
        return NULL;
    }
    memset(&u[*n], 0, sizeof(u[*n]));
    u[*n].code = code;
    u[*n].pos[side] = pos;
    return &u[(*n)++];
}

/* Order: the earlier position on either side, then the later (absent = last), then the code. */
static bool before(const struct union_entry *x, const struct union_entry *y)
{
    size_t xl = x->pos[0] == 0 ? x->pos[1] : x->pos[1] == 0 ? x->pos[0] : (x->pos[0] < x->pos[1] ? x->pos[0] : x->pos[1]);
    size_t yl = y->pos[0] == 0 ? y->pos[1] : y->pos[1] == 0 ? y->pos[0] : (y->pos[0] < y->pos[1] ? y->pos[0] : y->pos[1]);
    if (xl != yl) {
        return xl < yl;
    }
    size_t xh = (x->pos[0] == 0 || x->pos[1] == 0) ? (size_t)-1 : (x->pos[0] > x->pos[1] ? x->pos[0] : x->pos[1]);
    size_t yh = (y->pos[0] == 0 || y->pos[1] == 0) ? (size_t)-1 : (y->pos[0] > y->pos[1] ? y->pos[0] : y->pos[1]);
    if (xh != yh) {
        return xh < yh;
    }
    return x->code < y->code;
}

static void union_sort(struct union_entry *u, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct union_entry e = u[i];
        size_t j = i;
        while (j > 0 && before(&e, &u[j - 1])) {
            u[j] = u[j - 1];
            j--;
        }
        u[j] = e;
    }
}

static void list_rows(struct tls_profile_diff *o, const char *section, const char *label,
                      const struct tls_profile_list *a, const struct tls_profile_list *b,
                      const char *(*fn)(unsigned))
{
    struct union_entry u[UNION_CAP];
    size_t n = 0;
    const struct tls_profile_list *l[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < l[s]->count; i++) {
            union_add(u, &n, norm(l[s]->v[i]), s, i + 1);
        }
    }
    union_sort(u, n);
    for (size_t i = 0; i < n; i++) {
        char item[96], name[64], va[24] = "", vb[24] = "";
        snprintf(item, sizeof(item), "%s %s", label, code_text(fn, u[i].code, name, sizeof(name)));
        if (u[i].pos[0] > 0) {
            snprintf(va, sizeof(va), "#%zu", u[i].pos[0]);
        }
        if (u[i].pos[1] > 0) {
            snprintf(vb, sizeof(vb), "#%zu", u[i].pos[1]);
        }
        row(o, section, item, va, vb, u[i].pos[0] > 0 && u[i].pos[1] > 0 && u[i].pos[0] != u[i].pos[1]);
    }
}

static void key_share_rows(struct tls_profile_diff *o, const char *section,
                           const struct tls_profile_hello *a, const struct tls_profile_hello *b)
{
    struct union_entry u[UNION_CAP];
    size_t n = 0;
    const struct tls_profile_hello *h[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < h[s]->key_share_count; i++) {
            struct union_entry *e = union_add(u, &n, norm(h[s]->key_shares[i].group), s, i + 1);
            if (e != NULL) {
                e->length[s] = h[s]->key_shares[i].length;
            }
        }
    }
    union_sort(u, n);
    for (size_t i = 0; i < n; i++) {
        char item[96], name[64], v[2][48] = {"", ""};
        snprintf(item, sizeof(item), "key_share %s", code_text(tls_group_name, u[i].code, name, sizeof(name)));
        for (int s = 0; s < 2; s++) {
            if (u[i].pos[s] > 0) {
                snprintf(v[s], sizeof(v[s]), "#%zu, %u bytes", u[i].pos[s], u[i].length[s]);
            }
        }
        bool same_len = u[i].length[0] == u[i].length[1];
        row(o, section, item, v[0], v[1], same_len && u[i].pos[0] > 0 && u[i].pos[1] > 0 && u[i].pos[0] != u[i].pos[1]);
    }
}

static void extension_rows(struct tls_profile_diff *o, const char *section,
                           const struct tls_profile_hello *a, const struct tls_profile_hello *b)
{
    struct union_entry u[UNION_CAP];
    size_t n = 0;
    const struct tls_profile_hello *h[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < h[s]->ext_count; i++) {
            struct union_entry *e = union_add(u, &n, norm(h[s]->ext[i].type), s, i + 1);
            if (e != NULL) {
                e->value[s] = h[s]->ext[i].value;
                e->length[s] = h[s]->ext[i].length;
            }
        }
    }
    union_sort(u, n);
    for (size_t i = 0; i < n; i++) {
        char item[96], name[64], v[2][480] = {"", ""};
        snprintf(item, sizeof(item), "extension %s", code_text(tls_extension_name, u[i].code, name, sizeof(name)));
        for (int s = 0; s < 2; s++) {
            if (u[i].pos[s] > 0) {
                snprintf(v[s], sizeof(v[s]), "#%zu, %u bytes: %s", u[i].pos[s], u[i].length[s],
                         u[i].code == 0x0a0au ? "(GREASE)" : u[i].value[s]);
            }
        }
        bool same_value = u[i].pos[0] > 0 && u[i].pos[1] > 0 && u[i].length[0] == u[i].length[1] &&
                          (u[i].code == 0x0a0au || strcmp(u[i].value[0], u[i].value[1]) == 0);
        struct tls_profile_difference *d = row(o, section, item, v[0], v[1],
                                               same_value && u[i].pos[0] != u[i].pos[1]);
        if (d != NULL && u[i].code != 0x0a0au) {
            d->extension = (int32_t)u[i].code;
        }
    }
}

static void hello_rows(struct tls_profile_diff *o, const char *section,
                       const struct tls_profile_hello *a, const struct tls_profile_hello *b)
{
    if (!a->present && !b->present) {
        return;
    }
    const struct tls_profile_hello *h[2] = {a, b};
    char v[5][2][64];
    for (int s = 0; s < 2; s++) {
        char nb[24];
        for (int k = 0; k < 5; k++) {
            v[k][s][0] = '\0';
        }
        if (!h[s]->present) {
            continue;
        }
        snprintf(v[0][s], sizeof(v[0][s]), "%u bytes", (unsigned)h[s]->length);
        snprintf(v[1][s], sizeof(v[1][s]), "%s", code_text(tls_version_name, h[s]->legacy_version, nb, sizeof(nb)));
        snprintf(v[2][s], sizeof(v[2][s]), "%u bytes", (unsigned)h[s]->session_id_len);
        snprintf(v[3][s], sizeof(v[3][s]), "%zu", h[s]->cipher_suites.count);
        snprintf(v[4][s], sizeof(v[4][s]), "%zu", h[s]->ext_count);
    }
    static const char *const items[5] = {"length", "legacy_version", "legacy_session_id",
                                         "cipher_suites count", "extensions count"};
    for (int k = 0; k < 5; k++) {
        row(o, section, items[k], v[k][0], v[k][1], false);
        if (k == 2) {
            /* DTLS (RFC 6347 §4.2.1): empty at first, the HelloVerifyRequest's after it */
            char c[2][32] = {"", ""};
            for (int s = 0; s < 2; s++) {
                if (h[s]->present && h[s]->cookie_len >= 0) {
                    snprintf(c[s], sizeof(c[s]), "%d bytes", h[s]->cookie_len);
                }
            }
            row(o, section, "cookie (DTLS)", c[0], c[1], false);
        }
    }
    list_rows(o, section, "cipher_suites", &a->cipher_suites, &b->cipher_suites, tls_cipher_suite_name);
    list_rows(o, section, "supported_versions", &a->supported_versions, &b->supported_versions, tls_version_name);
    list_rows(o, section, "supported_groups", &a->supported_groups, &b->supported_groups, tls_group_name);
    key_share_rows(o, section, a, b);
    list_rows(o, section, "signature_algorithms", &a->signature_algorithms, &b->signature_algorithms,
              tls_signature_scheme_name);
    extension_rows(o, section, a, b);
}

/* ---- negotiated ----------------------------------------------------------------------------- */

static void negotiated_text(const struct tls_profile *p, int field, char *out, size_t cap)
{
    const struct tls_profile_negotiated *n = &p->neg;
    char nb[64];
    switch (field) {
    case 0:
        snprintf(out, cap, "%s", n->version != 0 ? code_text(tls_version_name, n->version, nb, sizeof(nb)) : "unknown");
        break;
    case 1:
        snprintf(out, cap, "%s", n->cipher_suite != 0 ? code_text(tls_cipher_suite_name, n->cipher_suite, nb, sizeof(nb)) : "unknown");
        break;
    case 2:
        snprintf(out, cap, "%s", n->group != 0 ? code_text(tls_group_name, n->group, nb, sizeof(nb)) : "unknown");
        break;
    case 3:
        snprintf(out, cap, "%s", n->signature_scheme != 0 ? code_text(tls_signature_scheme_name, n->signature_scheme, nb, sizeof(nb))
                                 : n->resumed ? "none (resumed)" : "unknown (not decrypted)");
        break;
    case 4:
        snprintf(out, cap, "%s", n->hello_retry_request ? "yes" : "no");
        break;
    case 5:
        snprintf(out, cap, n->resumed ? "resumed (%s)" : "full handshake%s", n->resumed && n->psk_mode != NULL ? n->psk_mode : "");
        break;
    case 6:
        snprintf(out, cap, "%s", !n->alpn_known ? "unknown (not decrypted)" : n->alpn[0] != '\0' ? n->alpn : "none");
        break;
    case 7:
        snprintf(out, cap, "%s", !n->early_data_offered            ? "not offered"
                                 : n->early_data_accepted == 1 ? "offered, accepted"
                                 : n->early_data_accepted == 0 ? "offered, rejected"
                                                               : "offered");
        break;
    case 8:
        /* TLS 1.2 and DTLS 1.2 (RFC 7627 applies to both) */
        snprintf(out, cap, "%s", n->version != TLS_VERSION_1_2 && n->version != DTLS_VERSION_1_2 ? ""
                                 : n->extended_master_secret                                 ? "yes"
                                                                                             : "no");
        break;
    default:
        snprintf(out, cap, "%s", n->keys ? "yes (decrypted)" : "no");
        break;
    }
}

static const char *const negotiated_items[] = {
    "version", "cipher_suite", "group", "signature_scheme", "hello_retry_request",
    "resumption", "alpn", "early_data", "extended_master_secret", "keys",
};

/* ---- flights ----------------------------------------------------------------------------- */

#define MAX_FLIGHTS 32u

static void flight_text(const struct tls_profile *p, size_t first, size_t count, char *out,
                        size_t cap, char *why, size_t why_cap)
{
    uint32_t total = 0;
    unsigned datagrams = 0, last = 0;
    for (size_t i = first; i < first + count; i++) {
        total += tls_profile_record_bytes(&p->records[i]);
        if (p->records[i].dtls && (i == first || p->records[i].datagram != last)) {
            datagrams++;
            last = p->records[i].datagram;
        }
    }
    char in[48] = "";
    if (datagrams > 0) {
        snprintf(in, sizeof(in), " in %u datagram%s", datagrams, datagrams == 1 ? "" : "s");
    }
    snprintf(out, cap, "%s: %zu record%s%s, %u bytes:", tls_profile_dir_name((int)p->records[first].dir),
             count, count == 1 ? "" : "s", in, total);
    why[0] = '\0';
    for (size_t i = first; i < first + count; i++) {
        const struct tls_profile_record *r = &p->records[i];
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s %s %u", i > first ? "," : "", r->what,
                 tls_profile_record_bytes(r));
        char b[300];
        tls_profile_record_breakdown(p, r, b, sizeof(b));
        used = strlen(why);
        snprintf(why + used, why_cap - used, "%s%s: %s", used > 0 ? "; " : "", r->what, b);
    }
}

/* DTLS: datagrams against Schannel's default MTU, retransmissions, and how each handshake
   message was cut into fragments (RFC 6347 §4.1.1, §4.2.3, §4.2.4). A TLS side has none of
   these: its column stays empty. */
static void dtls_rows(struct tls_profile_diff *o, const struct tls_profile *a, const struct tls_profile *b)
{
    const struct tls_profile *p[2] = {a, b};
    char v[2][480];
    for (int dir = 0; dir < 2; dir++) {
        for (int s = 0; s < 2; s++) {
            v[s][0] = '\0';
            if (p[s]->dtls) {
                size_t big = p[s]->dtls_info.largest_datagram[dir];
                snprintf(v[s], sizeof(v[s]), "%zu bytes (%s Schannel's default MTU of %u)", big,
                         big <= DTLS_SCHANNEL_DEFAULT_MTU ? "within" : "over", DTLS_SCHANNEL_DEFAULT_MTU);
            }
        }
        row(o, "flights", dir == 0 ? "client largest datagram" : "server largest datagram", v[0], v[1], false);
        for (int s = 0; s < 2; s++) {
            v[s][0] = '\0';
            if (p[s]->dtls) {
                snprintf(v[s], sizeof(v[s]), "%u datagram(s), %u retransmitted record(s)",
                         p[s]->dtls_info.datagrams[dir], p[s]->dtls_info.retransmitted[dir]);
            }
        }
        row(o, "flights", dir == 0 ? "client datagrams" : "server datagrams", v[0], v[1], false);
    }
    /* Messages: keyed by direction, type and occurrence (the n-th of its type from that side),
       walked client first, then by type code, so that the order does not depend on the side. */
    for (int dir = 0; dir < 2; dir++) {
        for (unsigned type = 0; type < 256; type++) {
            for (unsigned nth = 0;; nth++) {
                const struct tls_profile_message *m[2] = {NULL, NULL};
                for (int s = 0; s < 2; s++) {
                    unsigned seen = 0;
                    for (size_t i = 0; p[s]->dtls && i < p[s]->dtls_info.msg_count; i++) {
                        const struct tls_profile_message *x = &p[s]->dtls_info.msg[i];
                        if ((int)x->dir == dir && x->type == type && seen++ == nth) {
                            m[s] = x;
                            break;
                        }
                    }
                }
                if (m[0] == NULL && m[1] == NULL) {
                    break;
                }
                char item[96];
                const char *n = tls_handshake_type_name(type);
                snprintf(item, sizeof(item), "%s %s%s cut", tls_profile_dir_name(dir), n != NULL ? n : "unknown",
                         nth > 0 ? " (again)" : "");
                for (int s = 0; s < 2; s++) {
                    v[s][0] = '\0';
                    if (m[s] != NULL) {
                        snprintf(v[s], sizeof(v[s]), m[s]->fragments <= 1 ? "%u bytes, whole" : "%u bytes in %u fragments: %s",
                                 m[s]->length, m[s]->fragments, m[s]->cuts);
                    }
                }
                row(o, "flights", item, v[0], v[1], false);
            }
        }
    }
}

static void flight_rows(struct tls_profile_diff *o, const struct tls_profile *a, const struct tls_profile *b)
{
    size_t first[2][MAX_FLIGHTS], count[2][MAX_FLIGHTS], n[2];
    n[0] = tls_profile_flights(a, first[0], count[0], MAX_FLIGHTS);
    n[1] = tls_profile_flights(b, first[1], count[1], MAX_FLIGHTS);
    const struct tls_profile *p[2] = {a, b};
    char v[2][480];
    for (int s = 0; s < 2; s++) {
        snprintf(v[s], sizeof(v[s]), "%zu%s", n[s], p[s]->handshake_complete ? "" : " (client Finished not found)");
    }
    row(o, "flights", "flights", v[0], v[1], false);
    size_t max = n[0] > n[1] ? n[0] : n[1];
    for (size_t i = 0; i < max; i++) {
        char item[32], why[2][1024];
        snprintf(item, sizeof(item), "flight %zu", i + 1);
        for (int s = 0; s < 2; s++) {
            v[s][0] = '\0';
            why[s][0] = '\0';
            if (i < n[s]) {
                flight_text(p[s], first[s][i], count[s][i], v[s], sizeof(v[s]), why[s], sizeof(why[s]));
            }
        }
        struct tls_profile_difference *d = row(o, "flights", item, v[0], v[1], false);
        if (d != NULL && d->kind != TLS_DIFF_SAME) {
            snprintf(d->why_a, sizeof(d->why_a), "%s", why[0]);
            snprintf(d->why_b, sizeof(d->why_b), "%s", why[1]);
        }
    }
    for (int dir = 0; dir < 2; dir++) {
        for (int s = 0; s < 2; s++) {
            uint32_t bytes = 0, records = 0, padding = 0;
            bool unknown = false; /* a protected record not decrypted: its padding is unknown */
            for (size_t i = 0; i < p[s]->handshake_records; i++) {
                const struct tls_profile_record *r = &p[s]->records[i];
                if ((int)r->dir == dir) {
                    bytes += tls_profile_record_bytes(r);
                    records++;
                    padding += r->padding_len;
                    unknown = unknown || (r->is_protected && !r->decrypted);
                }
            }
            snprintf(v[s], sizeof(v[s]), unknown ? "%u record(s), %u bytes" : "%u record(s), %u bytes, %u padding bytes",
                     records, bytes, padding);
        }
        row(o, "flights", dir == 0 ? "client handshake total" : "server handshake total", v[0], v[1], false);
    }
    if (a->dtls || b->dtls) {
        dtls_rows(o, a, b);
    }
}

/* ---- after the handshake ------------------------------------------------------------------ */

static void close_text(const struct tls_profile *p, int dir, char *out, size_t cap)
{
    const struct tls_profile_after *a = &p->after;
    out[0] = '\0';
    if (a->close_notify_rank[dir] > 0) {
        snprintf(out, cap, "%s", a->other_alert[dir] >= 0 ? "alert " : a->close_how[dir]);
        if (a->other_alert[dir] >= 0) {
            const char *n = tls_alert_name((unsigned)a->other_alert[dir]);
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s", n != NULL ? n : "?");
        }
    }
    if (a->fin_rank[dir] > 0) {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%sFIN (%s)", used > 0 ? ", " : "", a->fin_rank[dir] == 1 ? "first" : "second");
    }
    if (a->rst[dir]) {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%sRST", used > 0 ? ", " : "");
    }
    if (out[0] == '\0') {
        snprintf(out, cap, "nothing seen");
    }
}

static const char *end_name(enum tls_stream_end_reason r)
{
    switch (r) {
    case TLS_STREAM_END_FIN:
        return "FIN both ways";
    case TLS_STREAM_END_RST:
        return "RST";
    case TLS_STREAM_END_CAPTURE:
        return "end of capture";
    case TLS_STREAM_END_TRACE:
    default:
        return "end of token trace";
    }
}

static void after_rows(struct tls_profile_diff *o, const struct tls_profile *a, const struct tls_profile *b)
{
    const struct tls_profile *p[2] = {a, b};
    char v[2][200];
    for (int s = 0; s < 2; s++) {
        snprintf(v[s], sizeof(v[s]), "%u", p[s]->after.tickets);
    }
    row(o, "after", "new_session_tickets", v[0], v[1], false);
    unsigned max = a->after.tickets > b->after.tickets ? a->after.tickets : b->after.tickets;
    for (unsigned i = 0; i < max && i < TLS_PROFILE_MAX_TICKETS; i++) {
        char item[32];
        snprintf(item, sizeof(item), "ticket %u", i + 1);
        for (int s = 0; s < 2; s++) {
            const struct tls_profile_after *t = &p[s]->after;
            v[s][0] = '\0';
            if (i < t->tickets && t->ticket_decrypted[i] && p[s]->dtls) {
                /* DTLS: the message may span records (see the "cut" rows); 12-byte header */
                snprintf(v[s], sizeof(v[s]), "message %u bytes, lifetime %u s", 12u + t->ticket_msg_len[i],
                         t->ticket_lifetime[i]);
            } else if (i < t->tickets && t->ticket_decrypted[i]) {
                snprintf(v[s], sizeof(v[s]), "message %u bytes, lifetime %u s, in a record of %u bytes",
                         4u + t->ticket_msg_len[i], t->ticket_lifetime[i], 5u + t->ticket_record_len[i]);
            } else if (i < t->tickets) {
                snprintf(v[s], sizeof(v[s]), "record %u bytes (not decrypted)",
                         (p[s]->dtls ? 13u : 5u) + t->ticket_record_len[i]);
            }
        }
        row(o, "after", item, v[0], v[1], false);
    }
    for (int s = 0; s < 2; s++) {
        snprintf(v[s], sizeof(v[s]), "client %u, server %u", p[s]->after.key_updates[0], p[s]->after.key_updates[1]);
    }
    row(o, "after", "key_updates", v[0], v[1], false);
    for (int dir = 0; dir < 2; dir++) {
        for (int s = 0; s < 2; s++) {
            snprintf(v[s], sizeof(v[s]), "%llu record(s), %llu bytes",
                     (unsigned long long)p[s]->after.data_records[dir], (unsigned long long)p[s]->after.data_bytes[dir]);
        }
        row(o, "after", dir == 0 ? "client application_data" : "server application_data", v[0], v[1], false);
    }
    for (int s = 0; s < 2; s++) {
        const struct tls_profile_after *t = &p[s]->after;
        snprintf(v[s], sizeof(v[s]), t->closes_first < 0 ? "nobody" : "%s (%s)",
                 tls_profile_dir_name(t->closes_first), t->closes_how != NULL ? t->closes_how : "");
    }
    row(o, "after", "closes_first", v[0], v[1], false);
    for (int dir = 0; dir < 2; dir++) {
        close_text(a, dir, v[0], sizeof(v[0]));
        close_text(b, dir, v[1], sizeof(v[1]));
        row(o, "after", dir == 0 ? "client closes with" : "server closes with", v[0], v[1], false);
    }
    snprintf(v[0], sizeof(v[0]), "%s", end_name(a->after.end));
    snprintf(v[1], sizeof(v[1]), "%s", end_name(b->after.end));
    row(o, "after", "transport end", v[0], v[1], false);
}

void tls_profile_diff(const struct tls_profile *a, const struct tls_profile *b,
                      struct tls_profile_diff *out)
{
    out->count = 0;
    out->differences = 0;
    out->truncated = false;
    hello_rows(out, "client_hello", &a->hello[0], &b->hello[0]);
    hello_rows(out, "client_hello_2", &a->hello[1], &b->hello[1]);
    for (size_t i = 0; i < sizeof(negotiated_items) / sizeof(negotiated_items[0]); i++) {
        char va[96], vb[96];
        negotiated_text(a, (int)i, va, sizeof(va));
        negotiated_text(b, (int)i, vb, sizeof(vb));
        row(out, "negotiated", negotiated_items[i], va, vb, false);
    }
    if (a->dtls || b->dtls) {
        /* One line for a TLS/DTLS pair; the DTLS-only rows then have one column only. */
        row(out, "negotiated", "transport", a->dtls ? "DTLS over UDP" : "TLS over TCP",
            b->dtls ? "DTLS over UDP" : "TLS over TCP", false);
        char va[96] = "", vb[96] = "";
        const struct tls_profile *p[2] = {a, b};
        char *v[2] = {va, vb};
        for (int s = 0; s < 2; s++) {
            if (p[s]->dtls) {
                snprintf(v[s], 96, "%s", !p[s]->neg.hello_verify_request ? "no"
                                         : p[s]->neg.cookie_echoed       ? "yes, cookie echoed"
                                                                         : "yes, cookie not echoed");
            }
        }
        row(out, "negotiated", "hello_verify_request", va, vb, false);
    }
    flight_rows(out, a, b);
    after_rows(out, a, b);
}
