/*
 * render_html.c — the HTML renderer of the model (model.h): one self-contained page, in the
 * spirit of "The Illustrated TLS 1.3 Connection", for any capture, keyed or not. The markup
 * contract (data-connection, data-record, data-field + data-offset + data-length, data-secret)
 * is in docs/decoder-html.md; the page's style and script are in render_html_page.c.
 *
 * Implementation notes
 * --------------------
 * As in text, a connection's ladder comes first and its verdicts are known only at its end, so
 * its ladder and records are kept (bounded like all kept output, decode.h) and written when it
 * ends. Each record is appended whole or not at all, so the page stays well formed when the
 * bound cuts it; the page says so. A field shows at most HTML_MAX_SHOWN bytes of hex (its
 * data-length stays the true one), so a 16 KiB record does not make a 100 KiB line.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode_internal.h"
#include "decoder/render_html.h"

#define HTML_MAX_SHOWN 256u

static const char *dir_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

static const char *name_or(const char *n, const char *fallback)
{
    return n != NULL ? n : fallback;
}

/* Text and attribute values: & < > " ' escaped. */
static void esc(struct dec_text *t, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep != NULL) {
            dec_text_append(t, s + from, i - from);
            dec_text_append(t, rep, strlen(rep));
            from = i + 1;
        }
    }
    dec_text_append(t, s + from, n - from);
}

static void escs(struct dec_text *t, const char *s)
{
    if (s != NULL) {
        esc(t, s, strlen(s));
    }
}

/* ---- one record ------------------------------------------------------------------------ */

/* One field: its bytes in hex, naming itself (title on hover, data-* for the script and tools). */
static void field(struct dec_text *t, const struct tls_model_field *f, const uint8_t *bytes,
                  bool inner, bool show_data)
{
    const char *pre = inner ? "data-inner-" : "data-";
    dec_text_printf(t, "<span class=\"f\" tabindex=\"0\" role=\"button\" aria-expanded=\"false\" "
                       "%sfield=\"", pre);
    escs(t, f->name);
    dec_text_printf(t, "\" %soffset=\"%u\" %slength=\"%u\" data-rfc=\"", pre, f->offset, pre,
                    f->length);
    escs(t, f->rfc);
    dec_text_printf(t, "\" data-value=\"");
    escs(t, f->value);
    dec_text_printf(t, "\" data-explain=\"");
    escs(t, f->explain);
    dec_text_printf(t, "\" title=\"");
    escs(t, f->name);
    if (f->value[0] != '\0') {
        dec_text_printf(t, ": ");
        escs(t, f->value);
    }
    dec_text_printf(t, "\">");
    /* Decrypted application data is someone's data: its bytes only with --show-data, as in
       text; the field is still there, so the tiling holds. */
    if (inner && !show_data && strcmp(f->name, "application_data") == 0) {
        dec_text_printf(t, "<span class=\"more\">%u bytes of application data (shown with "
                           "--show-data)</span></span>", f->length);
        return;
    }
    size_t shown = f->length < HTML_MAX_SHOWN ? f->length : HTML_MAX_SHOWN;
    for (size_t i = 0; i < shown; i++) {
        dec_text_printf(t, i == 0 ? "%02x" : " %02x", bytes[f->offset + i]);
    }
    if (shown < f->length) {
        dec_text_printf(t, " <span class=\"more\">&hellip; %zu more bytes</span>",
                        (size_t)f->length - shown);
    }
    dec_text_printf(t, "</span>");
}

/* The fields in order, each run of one handshake message wrapped as that message. */
static void fields(struct dec_text *t, const struct tls_model_fields *fs, const uint8_t *bytes,
                   bool inner, bool show_data)
{
    uint16_t open = 0;
    for (size_t i = 0; i < fs->count; i++) {
        const struct tls_model_field *f = &fs->items[i];
        if (f->message != open) {
            if (open != 0) {
                dec_text_printf(t, "</span>");
            }
            if (f->message != 0) {
                dec_text_printf(t, "<span class=\"msg\" data-message=\"%u\">", f->message);
            }
            open = f->message;
        }
        field(t, f, bytes, inner, show_data);
        dec_text_printf(t, " ");
    }
    if (open != 0) {
        dec_text_printf(t, "</span>");
    }
}

/* What the ladder and the heading call the record (the text renderer's label). */
static void label(const struct tls_decoded_record *r, struct dec_text *t)
{
    struct dec_text l = {0};
    dec_record_label(r, &l);
    escs(t, l.data);
    dec_text_free(&l);
}

/* What DTLS adds (RFC 6347): the epoch that says whether the record is protected, the
   retransmissions, the cookie exchange. */
static void dtls_protection(struct dec_text *t, const struct tls_model_record *m)
{
    const struct tls_decoded_record *r = m->pub;
    if (r->retransmission) {
        dec_text_printf(t, "<p class=\"prot retrans\"><strong>Retransmission:</strong> its sender "
                           "sent these bytes before (a flight sent again after a timeout, RFC 6347 "
                           "§4.2.4, or a copy of a record, §4.1.2.6); a receiver that has them "
                           "ignores it.</p>");
    }
    for (size_t i = 0; i < r->message_count && i < TLS_DECODE_MAX_MESSAGES; i++) {
        if (r->messages[i].type == TLS_HT_hello_verify_request) {
            dec_text_printf(t, "<p class=\"prot\"><strong>HelloVerifyRequest</strong> (RFC 6347 "
                               "§4.2.1): before keeping any state, the server asks the client to "
                               "send its ClientHello again with this cookie, proving it receives at "
                               "its address. That first ClientHello and this message are left out "
                               "of the Finished hash (§4.2.6).</p>");
            break;
        }
    }
    if (r->unified_header) {
        dec_text_printf(t, "<p class=\"prot\">DTLS 1.3 ciphertext with a unified header (RFC 9147 "
                           "§4); not decrypted: shown by its header.</p>");
    } else if (r->decrypted) {
        dec_text_printf(t, "<p class=\"prot\">Protected (epoch %u); <strong>decrypted</strong> with "
                           "the %s's %s keys; the 64-bit sequence number of the nonce and the "
                           "additional data is epoch %u || sequence_number %" PRIu64 " (RFC 6347 "
                           "§4.1.2.1).</p>",
                        r->epoch, dir_name(r->dir), m->keys_name != NULL ? m->keys_name : "?",
                        r->epoch, r->sequence_number);
    } else if (r->epoch == 0) {
        dec_text_printf(t, "<p class=\"prot\">Not protected: DTLSPlaintext in epoch 0 (RFC 6347 "
                           "§4.1).</p>");
    } else if (r->inferred != NULL) {
        dec_text_printf(t, "<p class=\"prot guess\"><strong>Guess, not a decryption:</strong> "
                           "most likely <em>");
        escs(t, r->inferred);
        dec_text_printf(t, "</em>. Why: ");
        escs(t, r->inference_reason);
        dec_text_printf(t, "</p>");
    } else {
        dec_text_printf(t, "<p class=\"prot\">Protected (epoch %u); not decrypted (no keys).</p>",
                        r->epoch);
    }
}

static void protection(struct dec_text *t, const struct tls_model_record *m)
{
    const struct tls_decoded_record *r = m->pub;
    if (r->dtls) {
        dtls_protection(t, m);
    } else if (!r->is_protected) {
        dec_text_printf(t, "<p class=\"prot\">Not protected: TLSPlaintext (RFC 8446 §5.1).</p>");
    } else if (r->decrypted) {
        dec_text_printf(t, "<p class=\"prot\">Protected; <strong>decrypted</strong> with the %s's "
                           "%s keys, sequence number %" PRIu64 " (§5.3).</p>",
                        dir_name(r->dir), m->keys_name != NULL ? m->keys_name : "?", m->seq);
    } else if (r->inferred != NULL) {
        dec_text_printf(t, "<p class=\"prot guess\"><strong>Guess, not a decryption:</strong> "
                           "most likely <em>");
        escs(t, r->inferred);
        dec_text_printf(t, "</em>");
        if (r->inferred_alternatives != NULL) {
            dec_text_printf(t, " (or: ");
            escs(t, r->inferred_alternatives);
            dec_text_printf(t, ")");
        }
        dec_text_printf(t, ". Why: ");
        escs(t, r->inference_reason);
        dec_text_printf(t, "</p>");
    } else {
        dec_text_printf(t, "<p class=\"prot\">Protected; not decrypted (no keys).</p>");
    }
}

static void record_heading(struct dec_conn *c, const struct tls_model_record *m, struct dec_text *t)
{
    const struct tls_decoded_record *r = m->pub;
    dec_text_printf(t, "<h4>#%" PRIu64 " %s &rarr; %s: ", c->records, dir_name(r->dir),
                    dir_name(r->dir == TLS_DIR_CLIENT_TO_SERVER ? TLS_DIR_SERVER_TO_CLIENT : TLS_DIR_CLIENT_TO_SERVER));
    label(r, t);
    dec_text_printf(t, " <small>(offset %" PRIu64, r->offset);
    if (r->token != 0) {
        dec_text_printf(t, ", token %s %u", r->dir == TLS_DIR_CLIENT_TO_SERVER ? "C:" : "S:",
                        r->token);
    }
    if (r->frame != 0) {
        dec_text_printf(t, ", frame %" PRIu64, r->frame);
    }
    if (r->dtls) {
        dec_text_printf(t, ", datagram %u, epoch %u, sequence_number %" PRIu64 "%s", r->datagram,
                        r->epoch, r->sequence_number, r->retransmission ? ", retransmission" : "");
    }
    dec_text_printf(t, ")</small></h4>");
}

static void inner_block(struct dec_text *t, const struct tls_model_record *m, bool show_data)
{
    if (m->inner == NULL) {
        return;
    }
    dec_text_printf(t, "<p class=\"sub\">%s (%zu bytes: content%s):</p>"
                       "<div class=\"bytes inner\" aria-label=\"decrypted bytes\">",
                    m->pub->has_inner_type ? "Decrypted TLSInnerPlaintext (§5.4)" : "Decrypted content",
                    m->inner_len, m->pub->has_inner_type ? ", type, zeros" : "");
    fields(t, &m->inner_fields, m->inner, true, show_data);
    dec_text_printf(t, "</div>");
}

void dec_html_record(struct dec_conn *c, const struct tls_model_record *m)
{
    struct dec_model_conn *mc = c->model;
    const struct tls_decoded_record *r = m->pub;
    struct dec_text t = {.limit = 2 * TLS_DECODE_MAX_OUTPUT};
    dec_text_printf(&t, "<article class=\"record %s%s%s\" id=\"c%ur%" PRIu64 "\" data-connection=\"%u\" "
                        "data-record=\"%" PRIu64 "\" data-dir=\"%s\"",
                    r->dir == TLS_DIR_CLIENT_TO_SERVER ? "to-server" : "to-client",
                    r->inferred != NULL ? " inferred" : "", r->retransmission ? " retrans" : "",
                    c->info.id, c->records, c->info.id, c->records, dir_name(r->dir));
    if (r->dtls) {
        dec_text_printf(&t, " data-epoch=\"%u\" data-sequence-number=\"%" PRIu64 "\"%s", r->epoch,
                        r->sequence_number, r->retransmission ? " data-retransmission=\"true\"" : "");
    }
    dec_text_printf(&t, ">");
    record_heading(c, m, &t);
    protection(&t, m);
    dec_text_printf(&t, "<div class=\"bytes\" aria-label=\"record bytes\">");
    fields(&t, &m->fields, m->bytes, false, c->dec->opt.show_data);
    dec_text_printf(&t, "</div>");
    inner_block(&t, m, c->dec->opt.show_data);
    dec_text_printf(&t, "<div class=\"explain\" hidden></div><details class=\"reading\"><summary>"
                        "The decoder's reading</summary><pre>");
    esc(&t, r->detail, r->detail_len);
    dec_text_printf(&t, "</pre></details></article>\n");
    /* Whole or not at all: a record cut in the middle would break the page. */
    if (!t.truncated) {
        dec_text_append(&mc->html_records, t.data, t.len);
    } else {
        mc->html_records.truncated = true;
    }
    dec_text_free(&t);

    /* The ladder: the client's records on the left pointing right, the server's on the right
       pointing left; the arrow's direction is also said in words for screen readers. */
    struct dec_text *l = &mc->html_ladder;
    bool to_server = r->dir == TLS_DIR_CLIENT_TO_SERVER;
    dec_text_printf(l, "<li class=\"%s\"><a href=\"#c%ur%" PRIu64 "\">",
                    to_server ? "to-server" : "to-client", c->info.id, c->records);
    if (to_server) {
        dec_text_printf(l, "<span class=\"n\">%" PRIu64 "</span> ", c->records);
    } else {
        dec_text_printf(l, "<span class=\"arrow\" aria-label=\"server to client\">&larr;</span> ");
    }
    label(r, l);
    dec_text_printf(l, "%s", r->inferred != NULL ? " <em>(guess)</em>" : "");
    if (to_server) {
        dec_text_printf(l, " <span class=\"arrow\" aria-label=\"client to server\">&rarr;</span>");
    } else {
        dec_text_printf(l, " <span class=\"n\">%" PRIu64 "</span>", c->records);
    }
    dec_text_printf(l, "</a></li>\n");
}

/* ---- a connection ------------------------------------------------------------------------ */

static void hex(struct dec_text *t, const uint8_t *p, size_t n)
{
    dec_text_hex(t, p, n);
}

static void secret_panel(struct dec_text *t, const struct tls_model_secret *s)
{
    char name[64];
    if (s->generation > 0) {
        snprintf(name, sizeof(name), "%s_application_traffic_secret_%u", dir_name(s->dir),
                 s->generation);
    } else {
        snprintf(name, sizeof(name), "%s", s->name);
    }
    dec_text_printf(t, "<div class=\"secret\"><h4>%s</h4><p class=\"formula\">", name);
    escs(t, s->derivation);
    dec_text_printf(t, "</p><dl>");
    if (s->len > 0) {
        dec_text_printf(t, "<dt>value (%s)</dt><dd><code data-secret=\"%s\">", s->source, name);
        hex(t, s->value, s->len);
        dec_text_printf(t, "</code></dd>");
    }
    if (s->input_name != NULL) {
        dec_text_printf(t, "<dt>%s</dt><dd><code data-derived=\"ikm\">", s->input_name);
        hex(t, s->input, s->input_len);
        dec_text_printf(t, "</code></dd>");
    }
    if (s->check != NULL) {
        dec_text_printf(t, "<dt>check</dt><dd>%s</dd>", s->check);
    }
    if (s->derived_len > 0) {
        dec_text_printf(t, "<dt>derived = Derive-Secret(secret, \"derived\", \"\") (§7.1): the "
                           "salt of the next HKDF-Extract</dt><dd><code data-derived=\"derived\">");
        hex(t, s->derived, s->derived_len);
        dec_text_printf(t, "</code></dd>");
    }
    if (s->transcript != NULL) {
        dec_text_printf(t, "<dt>Transcript-Hash(%s)</dt><dd><code>", s->transcript);
        hex(t, s->transcript_hash, s->transcript_hash_len);
        dec_text_printf(t, "</code></dd>");
    }
    if (s->key_len > 0 && s->key_label != NULL) {
        /* TLS 1.2: the key block's parts (RFC 5246 §6.3), labelled by the model */
        dec_text_printf(t, "<dt>%s (%s)</dt><dd><code data-derived=\"key\">", s->key_label,
                        s->source);
        hex(t, s->key, s->key_len);
        dec_text_printf(t, "</code></dd><dt>%s</dt><dd><code data-derived=\"iv\">",
                        s->iv_label != NULL ? s->iv_label : "write_IV");
        hex(t, s->iv, s->iv_len);
        dec_text_printf(t, "</code></dd>");
    } else if (s->key_len > 0) {
        dec_text_printf(t, "<dt>key = HKDF-Expand-Label(secret, \"key\", \"\", %zu) (§7.3)</dt>"
                           "<dd><code data-derived=\"key\">", s->key_len);
        hex(t, s->key, s->key_len);
        dec_text_printf(t, "</code></dd><dt>iv = HKDF-Expand-Label(secret, \"iv\", \"\", 12) "
                           "(§7.3)</dt><dd><code data-derived=\"iv\">");
        hex(t, s->iv, s->iv_len);
        dec_text_printf(t, "</code></dd>");
    }
    if (s->finished_key_len > 0) {
        dec_text_printf(t, "<dt>finished_key = HKDF-Expand-Label(secret, \"finished\", \"\", %zu) "
                           "(§4.4.4)</dt><dd><code data-derived=\"finished_key\">", s->len);
        hex(t, s->finished_key, s->finished_key_len);
        dec_text_printf(t, "</code></dd>");
    }
    dec_text_printf(t, "</dl></div>\n");
}

static void key_schedule(struct dec_conn *c, struct dec_text *t)
{
    struct dec_model_conn *mc = c->model;
    bool tls12 = c->have_server_hello && !c->tls13;
    dec_text_printf(t, "<section class=\"keys\"><h3>%s</h3>",
                    tls12 ? "Keys (RFC 5246 §8.1, §6.3)" : "Key schedule (RFC 8446 §7.1)");
    if (mc->secret_count == 0) {
        dec_text_printf(t, "<p>No secrets: without a key log the protected records can only be "
                           "inferred (marked <em>guess</em>).</p></section>\n");
        return;
    }
    if (tls12) {
        dec_text_printf(t, "<p>TLS 1.2: the key log's CLIENT_RANDOM line gives the master "
                           "secret; the key block, and from it each side's write key and IV, is "
                           "computed here with the suite's PRF.</p>");
    } else if (mc->stages_shown > 0) {
        dec_text_printf(t, "<p>Every step of §7.1 in order: the client gave its early, handshake "
                           "and master secrets and its (EC)DHE input, each Extract is recomputed "
                           "here from the step before; the traffic secrets come from the key "
                           "log, each with its derivation, the transcript it hashes and the keys "
                           "derived from it.</p>");
    } else {
        dec_text_printf(t, "<p>A passive observer sees only the secrets the key log gives (the "
                           "early, handshake and master secrets need the (EC)DHE private key); "
                           "each is shown with its derivation, the transcript it hashes and the "
                           "keys derived from it.</p>");
    }
    for (size_t i = 0; i < mc->secret_count; i++) {
        secret_panel(t, &mc->secrets[i]);
    }
    dec_text_printf(t, "</section>\n");
}

static void checks(struct dec_conn *c, struct dec_text *t)
{
    struct dec_model_conn *mc = c->model;
    if (mc->check_count == 0) {
        return;
    }
    dec_text_printf(t, "<section class=\"checks\"><h3>Checks</h3>");
    for (size_t i = 0; i < mc->check_count; i++) {
        const struct tls_model_check *k = &mc->checks[i];
        const char *res = tls_finished_status_name((enum tls_finished_status)k->result);
        dec_text_printf(t, "<div class=\"check %s\" data-check=\"%s\" data-result=\"%s\"><h4>%s "
                           "(%s): <strong>%s %s</strong></h4><p class=\"formula\">",
                        res, k->name, res, k->name, k->rfc,
                        k->result == TLS_FINISHED_VERIFIED ? "&#10004;"
                        : k->result == TLS_FINISHED_FAILED ? "&#10008;" : "?", res);
        escs(t, k->formula);
        dec_text_printf(t, "</p><dl>");
        for (size_t j = 0; j < k->row_count; j++) {
            dec_text_printf(t, "<dt>");
            escs(t, k->rows[j].label);
            dec_text_printf(t, "</dt><dd><code>");
            escs(t, k->rows[j].value);
            dec_text_printf(t, "</code></dd>");
        }
        dec_text_printf(t, "</dl></div>\n");
    }
    dec_text_printf(t, "</section>\n");
}

static void summary(struct dec_conn *c, const struct tls_decoded_connection *s, struct dec_text *t)
{
    dec_text_printf(t, "<dl class=\"summary\"><dt>version</dt><dd>%s</dd><dt>cipher_suite</dt>"
                       "<dd>%s</dd><dt>group</dt><dd>%s%s</dd>",
                    name_or(tls_version_name(s->version), "unknown"),
                    name_or(tls_cipher_suite_name(s->cipher_suite), "unknown"),
                    name_or(tls_group_name(s->group), "unknown"),
                    s->hello_retry_request ? " (after a HelloRetryRequest)" : "");
    dec_text_printf(t, "<dt>server Finished</dt><dd>%s</dd><dt>client Finished</dt><dd>%s</dd>"
                       "<dt>keys</dt><dd>%s</dd><dt>records</dt><dd>%" PRIu64 "</dd>",
                    tls_finished_status_name(s->server_finished),
                    tls_finished_status_name(s->client_finished),
                    s->keys_found ? "from the key log" : "none: protected records are guessed",
                    s->records);
    if (s->resumption != NULL) {
        dec_text_printf(t, "<dt>resumption</dt><dd>");
        escs(t, s->resumption);
        dec_text_printf(t, "</dd>");
    }
    dec_text_printf(t, "</dl>\n");
    (void)c;
}

static void notes(struct dec_conn *c, const struct tls_decoded_connection *s, struct dec_text *t)
{
    const char *p = s->notes;
    if (*p == '\0' && !c->model->html_records.truncated) {
        return;
    }
    dec_text_printf(t, "<section class=\"notes\"><h3>Notes</h3><ul>");
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        dec_text_printf(t, "<li>");
        esc(t, p, n);
        dec_text_printf(t, "</li>");
        p += n + (nl != NULL ? 1 : 0);
    }
    if (c->model->html_records.truncated) {
        dec_text_printf(t, "<li>the page stops here: this connection's records passed the output "
                           "bound (%u bytes)</li>", TLS_DECODE_MAX_OUTPUT);
    }
    dec_text_printf(t, "</ul></section>\n");
}

/* "addr:port", "[v6]:port", or the bare name of a token trace's side (port 0). */
static void endpoint(struct dec_text *t, const char *addr, uint16_t port)
{
    bool v6 = strchr(addr, ':') != NULL;
    escs(t, v6 && port != 0 ? "[" : "");
    escs(t, addr);
    if (port != 0) {
        dec_text_printf(t, "%s:%u", v6 ? "]" : "", port);
    }
}

static void page_start(struct tls_decoder *dec)
{
    if (dec->html_started) {
        return;
    }
    dec->html_started = true;
    dec->opt.write(dec->opt.write_ctx, tls_html_page_head, strlen(tls_html_page_head));
}

void dec_html_connection(struct dec_conn *c, const struct tls_decoded_connection *s)
{
    struct tls_decoder *dec = c->dec;
    struct dec_model_conn *mc = c->model;
    struct dec_text *t = &dec->out;
    dec_model_stage_secrets(c); /* an endpoint's §7.1 stages not shown yet */
    page_start(dec);
    dec_text_printf(t, "<section class=\"connection\" id=\"c%u\" data-connection=\"%u\">"
                       "<h2>Connection %u <small>(", c->info.id, c->info.id, c->info.id);
    escs(t, s->input);
    dec_text_printf(t, "): client ");
    endpoint(t, c->info.client_addr, c->info.client_port);
    dec_text_printf(t, ", server ");
    endpoint(t, c->info.server_addr, c->info.server_port);
    dec_text_printf(t, "</small></h2>\n");
    summary(c, s, t);
    dec_text_printf(t, "<nav aria-label=\"ladder\"><h3>Ladder</h3><p class=\"sub\">The client's "
                       "records on the left (&rarr;), the server's on the right (&larr;); "
                       "[outer type, length]; each links to its bytes.</p><ol class=\"ladder\">\n");
    dec_text_append(t, mc->html_ladder.data != NULL ? mc->html_ladder.data : "", mc->html_ladder.len);
    dec_text_printf(t, "</ol></nav>\n");
    if (c->token_count > 0) {
        struct dec_text tk = {0};
        dec_text_tokens(c, &tk);
        dec_text_printf(t, "<section class=\"tokens\"><h3>Tokens</h3><pre>");
        esc(t, tk.data != NULL ? tk.data : "", tk.len);
        dec_text_printf(t, "</pre></section>\n");
        dec_text_free(&tk);
    }
    key_schedule(c, t);
    checks(c, t);
    dec_text_printf(t, "<section class=\"records\"><h3>Records</h3>\n");
    dec_text_append(t, mc->html_records.data != NULL ? mc->html_records.data : "",
                    mc->html_records.len);
    dec_text_printf(t, "</section>\n");
    notes(c, s, t);
    dec_text_printf(t, "</section>\n");
}

void dec_html_finish(struct tls_decoder *dec)
{
    page_start(dec);
    dec->opt.write(dec->opt.write_ctx, tls_html_page_tail, strlen(tls_html_page_tail));
}
