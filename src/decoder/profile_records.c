/*
 * profile_records.c — the records half of a connection profile (profile.h): each record as
 * sent (RFC 8446 §5.1 header, §5.2 TLSInnerPlaintext, §5.4 padding), where the handshake ends,
 * the flights, what a record's length is made of, and how the connection closed (§6.1
 * close_notify, then the transport's FIN or RST).
 */
#include "decoder/profile.h"

#include <stdio.h>
#include <string.h>

#include "common/names.h"

static const char *name_or(const char *n, const char *fallback)
{
    return n != NULL ? n : fallback;
}

/* What a record carries, in the decoder's snake_case names. */
static void record_what(const struct tls_decoded_record *r, const struct tls_profile_record *pr,
                        char *out, size_t cap)
{
    out[0] = '\0';
    if (pr->dtls && pr->message_count > 0 && !(pr->is_protected && !r->decrypted)) {
        /* DTLS fragments: a part of a message says which bytes it holds (RFC 6347 §4.2.2) */
        for (size_t i = 0; i < pr->message_count; i++) {
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s%s", i > 0 ? "+" : "",
                     name_or(tls_handshake_type_name(pr->msg_type[i]), "unknown"));
            if (pr->frag_offset[i] != 0 || pr->frag_len[i] != pr->msg_len[i]) {
                used = strlen(out);
                snprintf(out + used, cap - used, "[%u+%u/%u]", pr->frag_offset[i], pr->frag_len[i],
                         pr->msg_len[i]);
            }
        }
        if (pr->retransmission) {
            size_t used = strlen(out);
            snprintf(out + used, cap - used, " (retransmitted)");
        }
        return;
    }
    if (pr->message_count > 0) {
        for (size_t i = 0; i < pr->message_count; i++) {
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s%s", i > 0 ? "+" : "",
                     name_or(tls_handshake_type_name(pr->msg_type[i]), "unknown"));
        }
        return;
    }
    if (r->has_alert) {
        snprintf(out, cap, "alert %s", name_or(tls_alert_name(r->alert_description), "unknown"));
        return;
    }
    uint8_t type = r->has_inner_type ? r->inner_type : r->outer_type;
    if (r->decrypted || !r->is_protected) {
        if (type == TLS_CT_handshake) {
            snprintf(out, cap, "handshake (part of a message)");
        } else {
            snprintf(out, cap, "%s", name_or(tls_content_type_name(type), "unknown"));
        }
        return;
    }
    if (r->inferred_label != NULL) {
        snprintf(out, cap, "%s?", r->inferred_label);
        return;
    }
    snprintf(out, cap, "%s (protected)", name_or(tls_content_type_name(r->outer_type), "unknown"));
}

static bool is_application_data(const struct tls_decoded_record *r)
{
    if (r->decrypted) {
        return (r->has_inner_type ? r->inner_type : r->outer_type) == TLS_CT_application_data;
    }
    if (!r->is_protected) {
        return r->outer_type == TLS_CT_application_data; /* TLS 1.2 data read without keys */
    }
    return r->inferred != NULL && strcmp(r->inferred, "application_data") == 0;
}

static void note_close(struct tls_profile_collector *pc, enum tls_direction dir, const char *how)
{
    struct tls_profile_after *a = &pc->out->after;
    if (a->close_notify_rank[dir] == 0) {
        a->close_notify_rank[dir] = ++pc->close_rank;
        a->close_how[dir] = how;
    }
    if (a->closes_first < 0) {
        a->closes_first = (int)dir;
        a->closes_how = how;
    }
}

/* What a record adds to "after the handshake": tickets, closing alerts, application data. */
static void after_record(struct tls_profile_collector *pc, const struct tls_decoded_record *r,
                         const struct tls_profile_record *pr)
{
    struct tls_profile_after *a = &pc->out->after;
    /* NewSessionTickets: read in this record (plaintext in TLS 1.2, decrypted in 1.3), whose
       length they share, or one guessed from the record alone. */
    bool guessed_ticket = pr->guess && r->inferred != NULL && strcmp(r->inferred, "new_session_ticket") == 0;
    if (guessed_ticket) {
        if (a->tickets < TLS_PROFILE_MAX_TICKETS) {
            a->ticket_decrypted[a->tickets] = false;
        }
        a->tickets++;
        pc->record_tickets = 1;
    }
    for (unsigned i = a->tickets - pc->record_tickets; i < a->tickets && i < TLS_PROFILE_MAX_TICKETS; i++) {
        a->ticket_record_len[i] = r->length;
    }
    pc->record_tickets = 0;

    if (r->has_alert) {
        if (r->alert_description == TLS_ALERT_close_notify) {
            note_close(pc, r->dir, "close_notify");
        } else {
            if (a->other_alert[r->dir] < 0) {
                a->other_alert[r->dir] = r->alert_description;
            }
            note_close(pc, r->dir, "alert");
        }
    } else if (pr->guess && r->inferred != NULL && strcmp(r->inferred, "alert") == 0) {
        note_close(pc, r->dir, "encrypted alert (close_notify?)");
    }
    if (is_application_data(r)) {
        a->data_records[r->dir]++;
        a->data_bytes[r->dir] += r->length;
    }
}

/* DTLS: the message a fragment belongs to, as first sent, or NULL when there is no room. */
static struct tls_profile_message *dtls_message(struct tls_profile_dtls *d, enum tls_direction dir,
                                                uint8_t type, uint16_t seq, uint32_t length)
{
    for (size_t i = 0; i < d->msg_count; i++) {
        if (d->msg[i].dir == dir && d->msg[i].message_seq == seq && d->msg[i].type == type) {
            return &d->msg[i];
        }
    }
    if (d->msg_count == TLS_PROFILE_MAX_MESSAGES) {
        return NULL;
    }
    struct tls_profile_message *m = &d->msg[d->msg_count++];
    memset(m, 0, sizeof(*m));
    m->dir = dir;
    m->type = type;
    m->message_seq = seq;
    m->length = length;
    return m;
}

/* DTLS (RFC 6347 §4.1, §4.2.2): the record's header fields and the fragments it carries,
   which replace the messages it completes in the record's description; each fragment sent
   for the first time adds to how its message was cut. */
static void dtls_record(struct tls_profile_collector *pc, const struct tls_decoded_record *r,
                        struct tls_profile_record *pr)
{
    struct tls_profile *p = pc->out;
    p->dtls = true;
    pr->dtls = true;
    pr->header_len = r->bytes != NULL && r->bytes_len >= (size_t)r->length + 1u && r->bytes_len - r->length <= 255u
                         ? (uint8_t)(r->bytes_len - r->length)
                         : 13u;
    pr->epoch = r->epoch;
    pr->sequence_number = r->sequence_number;
    pr->datagram = r->datagram;
    pr->retransmission = r->retransmission;
    if (r->retransmission) {
        p->dtls_info.retransmitted[r->dir]++;
    }
    pr->message_count = 0;
    for (size_t i = 0; i < r->message_count && i < TLS_PROFILE_MAX_RECORD_MSGS; i++) {
        pr->msg_type[i] = r->messages[i].type;
        pr->msg_len[i] = r->messages[i].length;
        pr->msg_seq[i] = r->messages[i].message_seq;
        pr->frag_offset[i] = r->messages[i].fragment_offset;
        pr->frag_len[i] = r->messages[i].fragment_length;
        pr->message_count = (uint8_t)(i + 1);
        if (r->messages[i].repeated) {
            continue;
        }
        struct tls_profile_message *m = dtls_message(&p->dtls_info, r->dir, r->messages[i].type,
                                                     r->messages[i].message_seq, r->messages[i].length);
        if (m != NULL) {
            char cut[32];
            snprintf(cut, sizeof(cut), "%s%u+%u", m->fragments > 0 ? "," : "",
                     r->messages[i].fragment_offset, r->messages[i].fragment_length);
            size_t used = strlen(m->cuts);
            if (used + strlen(cut) + 4 < sizeof(m->cuts)) {
                snprintf(m->cuts + used, sizeof(m->cuts) - used, "%s", cut);
            } else if (used + 4 < sizeof(m->cuts) && strcmp(m->cuts + used - 3, "...") != 0) {
                snprintf(m->cuts + used, sizeof(m->cuts) - used, ",...");
            }
            m->fragments++;
        }
    }
    if (!p->handshake_complete && r->datagram > p->dtls_info.datagrams[r->dir]) {
        p->dtls_info.datagrams[r->dir] = r->datagram;
    }
}

static void on_record(void *ctx, const struct tls_decoded_record *r)
{
    struct tls_profile_collector *pc = ctx;
    if (r->conn_id != pc->want) {
        return;
    }
    struct tls_profile *p = pc->out;
    struct tls_profile_record pr;
    memset(&pr, 0, sizeof(pr));
    pr.dir = r->dir;
    pr.outer_type = r->outer_type;
    pr.length = r->length;
    pr.token = r->token;
    pr.is_protected = r->is_protected;
    pr.decrypted = r->decrypted;
    pr.inner_type = r->has_inner_type ? r->inner_type : 0;
    pr.content_len = (uint32_t)r->content_len;
    pr.padding_len = (uint32_t)r->padding_len;
    pr.message_count = pc->pending_msgs;
    memcpy(pr.msg_type, pc->pending_type, sizeof(pr.msg_type));
    memcpy(pr.msg_len, pc->pending_len, sizeof(pr.msg_len));
    if (r->dtls) {
        dtls_record(pc, r, &pr);
    }
    pr.guess = pr.message_count == 0 && !r->decrypted && r->is_protected && r->inferred_label != NULL;
    pr.bytes_len = (uint16_t)(r->bytes_len < sizeof(pr.bytes) ? r->bytes_len : sizeof(pr.bytes));
    if (r->bytes != NULL) {
        memcpy(pr.bytes, r->bytes, pr.bytes_len);
    } else {
        pr.bytes_len = 0;
    }
    for (size_t i = 0; i < pc->pending_msgs && i < TLS_PROFILE_MAX_RECORD_MSGS; i++) {
        if (pc->pending_type[i] == TLS_HT_client_hello) {
            /* the hello just parsed: the second one once a second is present */
            p->hello[p->hello[1].present ? 1 : 0].record = p->record_count + 1;
        }
    }
    record_what(r, &pr, pr.what, sizeof(pr.what));
    pc->pending_msgs = 0;

    after_record(pc, r, &pr);

    bool client_finished = r->dir == TLS_DIR_CLIENT_TO_SERVER &&
                           (pc->finished_seen ||
                            (pr.guess && r->inferred != NULL && strcmp(r->inferred, "finished") == 0));
    pc->finished_seen = false;
    if (p->record_count < TLS_PROFILE_MAX_RECORDS) {
        p->records[p->record_count++] = pr;
        if (!p->handshake_complete) {
            p->handshake_records = p->record_count;
        }
    }
    if (client_finished && !p->handshake_complete) {
        p->handshake_complete = true;
    }
    p->records_total++;
}

static void on_stream_end(void *ctx, const struct tls_stream_end *end)
{
    struct tls_profile_collector *pc = ctx;
    if (end->conn_id != pc->want) {
        return;
    }
    struct tls_profile_after *a = &pc->out->after;
    a->end = end->reason;
    for (int d = 0; d < 2; d++) {
        a->fin_rank[d] = end->fin_rank[d];
        a->rst[d] = end->rst[d];
    }
    if (a->closes_first >= 0) {
        return;
    }
    for (int d = 0; d < 2; d++) {
        if (end->fin_rank[d] == 1) {
            a->closes_first = d;
            a->closes_how = "FIN";
            return;
        }
    }
    for (int d = 0; d < 2; d++) {
        if (end->rst[d]) {
            a->closes_first = d;
            a->closes_how = "RST";
            return;
        }
    }
}

static void on_connection_end(void *ctx, const struct tls_decoded_connection *dc)
{
    struct tls_profile_collector *pc = ctx;
    if (dc->conn != NULL && dc->conn->id > pc->connections) {
        pc->connections = dc->conn->id;
    }
    if (dc->conn == NULL || dc->conn->id != pc->want) {
        return;
    }
    struct tls_profile *p = pc->out;
    const struct tls_stream_connection *c = dc->conn;
    if (c->client_port != 0) {
        snprintf(p->client, sizeof(p->client), "%s:%u", c->client_addr, c->client_port);
        snprintf(p->server, sizeof(p->server), "%s:%u", c->server_addr, c->server_port);
    } else {
        snprintf(p->client, sizeof(p->client), "%s", c->client_addr);
        snprintf(p->server, sizeof(p->server), "%s", c->server_addr);
    }
    p->neg.version = dc->version;
    p->neg.cipher_suite = dc->cipher_suite;
    p->neg.group = dc->group;
    p->neg.hello_retry_request = p->neg.hello_retry_request || dc->hello_retry_request;
    p->neg.resumed = dc->resumed;
    p->neg.keys = dc->keys_found;
    if (dc->resumed && p->neg.psk_mode == NULL) {
        /* TLS 1.2 abbreviated handshake (RFC 5246 §7.3; RFC 5077 §3.1 with a ticket). */
        bool ticket = false;
        for (size_t i = 0; i < p->hello[0].ext_count; i++) {
            ticket = ticket || (p->hello[0].ext[i].type == TLS_EXT_session_ticket && p->hello[0].ext[i].length > 0);
        }
        p->neg.psk_mode = ticket ? "ticket" : "session_id";
    }
    if (dc->dtls) {
        p->dtls = true;
        p->neg.hello_verify_request = dc->hello_verify_request;
        p->neg.cookie_echoed = dc->cookie_echoed;
        p->dtls_info.largest_datagram[0] = dc->largest_datagram[0];
        p->dtls_info.largest_datagram[1] = dc->largest_datagram[1];
    }
    p->after.key_updates[0] = dc->key_updates[0];
    p->after.key_updates[1] = dc->key_updates[1];
    p->ended = true;
}

void tls_profile_observe(struct tls_profile_collector *pc, struct tls_decode_options *opt)
{
    opt->on_message = on_profile_message;
    opt->on_record = on_record;
    opt->on_stream_end = on_stream_end;
    opt->on_connection_end = on_connection_end;
    opt->observer_ctx = pc;
}

size_t tls_profile_flights(const struct tls_profile *p, size_t *first, size_t *count, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < p->handshake_records; i++) {
        if (i == 0 || p->records[i].dir != p->records[i - 1].dir) {
            if (n == cap) {
                break;
            }
            first[n] = i;
            count[n] = 0;
            n++;
        }
        count[n - 1]++;
    }
    return n;
}

/* The negotiated suite's hash length (its name's last part), 0 unknown. */
static size_t suite_hash_len(uint16_t suite)
{
    const char *n = tls_cipher_suite_name(suite);
    size_t len = n != NULL ? strlen(n) : 0;
    if (len > 7 && strcmp(n + len - 7, "_SHA384") == 0) {
        return 48;
    }
    if (len > 7 && strcmp(n + len - 7, "_SHA256") == 0) {
        return 32;
    }
    return 0;
}

static void add(char *out, size_t cap, const char *fmt, unsigned long v, const char *what)
{
    size_t used = strlen(out);
    if (used < cap) {
        snprintf(out + used, cap - used, fmt, v, what);
    }
}

/* DTLS (RFC 6347 §4.1, §4.2.2): 13 header bytes, then 12 + fragment_length per handshake
   fragment, or the content; a protected record's rest is its explicit nonce and tag (or MAC). */
static void dtls_breakdown(const struct tls_profile_record *r, char *out, size_t cap)
{
    snprintf(out, cap, "%u = %u header", tls_profile_record_bytes(r), tls_profile_record_header_len(r));
    if (r->outer_type == TLS_CT_change_cipher_spec) {
        add(out, cap, " + %lu%s", 1, " change_cipher_spec");
        return;
    }
    if (r->message_count > 0 && (!r->is_protected || r->decrypted)) {
        uint32_t sum = 0;
        for (size_t i = 0; i < r->message_count; i++) {
            char what[80];
            bool part = r->frag_offset[i] != 0 || r->frag_len[i] != r->msg_len[i];
            snprintf(what, sizeof(what), " %s%s", name_or(tls_handshake_type_name(r->msg_type[i]), "?"),
                     part ? " fragment" : "");
            add(out, cap, " + 12+%lu%s", r->frag_len[i], what);
            sum += 12 + r->frag_len[i];
        }
        uint32_t content = r->decrypted ? r->content_len : r->length;
        if (content > sum) {
            add(out, cap, " + %lu%s", content - sum, " other bytes");
        }
        if (r->decrypted && r->length > content) {
            add(out, cap, " + %lu%s", r->length - content, " explicit nonce and tag");
        }
        return;
    }
    if (r->decrypted || !r->is_protected) {
        add(out, cap, " + %lu%s", r->decrypted ? r->content_len : r->length, " content");
        if (r->decrypted && r->length > r->content_len) {
            add(out, cap, " + %lu%s", r->length - r->content_len, " explicit nonce and tag");
        }
        return;
    }
    add(out, cap, " + %lu%s", r->length, " protected bytes");
}

void tls_profile_record_breakdown(const struct tls_profile *p, const struct tls_profile_record *r,
                                  char *out, size_t cap)
{
    out[0] = '\0';
    if (r->dtls) {
        dtls_breakdown(r, out, cap);
        return;
    }
    size_t hash = suite_hash_len(p->neg.cipher_suite);
    /* TLS 1.3 verify_data is Hash.length bytes (§4.4.4); TLS 1.2's is 12 (RFC 5246 §7.4.9). */
    const char *hash_name = p->neg.version != TLS_VERSION_1_3 ? ""
                            : hash == 48                      ? " (SHA-384)"
                            : hash == 32                      ? " (SHA-256)"
                                                              : "";
    snprintf(out, cap, "%u = 5 header", 5u + r->length);
    if (r->outer_type == TLS_CT_change_cipher_spec) {
        add(out, cap, " + %lu%s", 1, " change_cipher_spec");
        return;
    }
    bool inner13 = r->decrypted && r->inner_type != 0;
    if (r->message_count > 0 && (!r->is_protected || r->decrypted)) {
        uint32_t sum = 0;
        for (size_t i = 0; i < r->message_count; i++) {
            char what[64];
            snprintf(what, sizeof(what), " %s%s", name_or(tls_handshake_type_name(r->msg_type[i]), "?"),
                     r->msg_type[i] == TLS_HT_finished ? hash_name : "");
            add(out, cap, " + 4+%lu%s", r->msg_len[i], what);
            sum += 4 + r->msg_len[i];
        }
        uint32_t content = r->decrypted ? r->content_len : r->length;
        if (content > sum) {
            add(out, cap, " + %lu%s", content - sum, " of a message continued");
        }
    } else if (r->decrypted || !r->is_protected) {
        add(out, cap, " + %lu%s", r->decrypted ? r->content_len : r->length, " content");
    } else if (r->guess && hash > 0 && strcmp(r->what, "finished?") == 0 &&
               r->length == 4 + hash + 1 + 16) {
        /* A protected Finished without keys: its size alone says which hash (§4.4.4). */
        add(out, cap, " + 4+%lu%s", hash, hash == 48 ? " finished (SHA-384)" : " finished (SHA-256)");
        add(out, cap, " + %lu%s", 1, " content type");
        add(out, cap, " + %lu%s", 16, " AEAD tag");
        return;
    } else if (r->guess && p->neg.version == TLS_VERSION_1_2 && strcmp(r->what, "finished?") == 0 &&
               (r->length == 4 + 12 + 8 + 16 || r->length == 4 + 12 + 16)) {
        /* TLS 1.2: verify_data is 12 bytes (RFC 5246 §7.4.9); AES-GCM adds an 8-byte explicit
           nonce (RFC 5288 §3), both AEADs a 16-byte tag. */
        add(out, cap, " + 4+%lu%s", 12, " finished");
        if (r->length == 4 + 12 + 8 + 16) {
            add(out, cap, " + %lu%s", 8, " explicit nonce");
        }
        add(out, cap, " + %lu%s", 16, " AEAD tag");
        return;
    } else {
        add(out, cap, " + %lu%s", r->length, " protected bytes");
        return;
    }
    if (inner13) {
        add(out, cap, " + %lu%s", 1, " content type");
        if (r->padding_len > 0) {
            add(out, cap, " + %lu%s", r->padding_len, " padding (§5.4)");
        }
    }
    if (r->decrypted) {
        uint32_t inner = r->content_len + (inner13 ? 1u + r->padding_len : 0u);
        if (r->length >= inner) {
            add(out, cap, " + %lu%s", r->length - inner, inner13 ? " AEAD tag" : " explicit nonce and tag");
        }
    }
}
