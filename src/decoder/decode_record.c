/*
 * decode_record.c — one record of a captured connection (RFC 8446 §5, §5.1, §5.2, §5.4, §6;
 * RFC 5246 §6.2, §7.1 for TLS 1.2).
 *
 * Implementation notes
 * --------------------
 * A record is protected when (RFC 8446 §5.1, §5.2) its outer type is application_data(23) —
 * TLS 1.3 protects every record after the ServerHello that way, and TLS 1.2 never sends
 * application data in the clear — or when its sender already sent a ChangeCipherSpec in a
 * TLS 1.2 connection (RFC 5246 §7.1: "the sender ... immediately ... uses the new keys"). In
 * TLS 1.3 a ChangeCipherSpec means nothing (RFC 8446 Appendix D.4, middlebox compatibility).
 *
 * A protected record is opened with tls_record_open() (the client's own function) when the key
 * log gave the keys; its TLSInnerPlaintext then tells the true content type and padding. Without
 * keys decode_infer.c makes its guess.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"
#include "record/alert.h"

static const char *side_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

void dec_conn_note(struct dec_conn *c, const char *fmt, ...)
{
    char line[513];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    size_t n = strlen(line);
    line[n] = '\n'; /* vsnprintf left room: one note per line of the notes list */
    dec_text_append(&c->notes, line, n + 1);
}

void dec_direction_wipe(struct dec_direction *d)
{
    tls_record_direction_wipe(&d->keys);
    tls_record_direction_wipe(&d->pending);
    tls_wipe(d->app_secret, sizeof(d->app_secret));
    tls_traffic_keys_wipe(&d->tls12_keys);
    tls_wipe(d->tls12_mac_key, sizeof(d->tls12_mac_key));
    tls_wipe(d->tls10_iv, sizeof(d->tls10_iv));
}

/* Opens a protected record with the current keys, else the pending ones (promoted on success). */
static bool try_open(struct dec_conn *c, struct dec_direction *d, const struct tls_record *rec,
                     struct tls_plaintext *pt)
{
    /* Decrypted into the decoder's one work buffer, never in place: a record that fails with
       the current keys must still be intact for the pending ones. */
    uint8_t *out = c->dec->open_buf;
    /* RFC 8446 §5.2: "The length MUST NOT exceed 2^14 + 256 bytes"; such a record is no
       TLS 1.3 record, whatever keys we hold. */
    if (rec->length > TLS_MAX_CIPHERTEXT_LEN) {
        return false;
    }
    struct tls_error err = {0};
    if (d->keys.is_protected &&
        tls_record_open(&d->keys, rec, out, sizeof(c->dec->open_buf), pt, &err) == TLS_OK) {
        return true;
    }
    if (!d->has_pending) {
        return false;
    }
    struct tls_error err2 = {0};
    if (tls_record_open(&d->pending, rec, out, sizeof(c->dec->open_buf), pt, &err2) != TLS_OK) {
        return false;
    }
    /* The sender moved on to the pending keys (see decode.h "Keys per direction"). */
    dec_promote_pending(d);
    return true;
}

void dec_promote_pending(struct dec_direction *d)
{
    if (!d->has_pending) {
        return;
    }
    /* The old keys are done with (§7.3 key change): wipe them, then the pending keys, with
       their own sequence number, become the current ones. */
    tls_record_direction_wipe(&d->keys);
    d->keys = d->pending;
    d->keys_name = d->pending_name;
    memset(&d->pending, 0, sizeof(d->pending));
    tls_record_direction_init(&d->pending);
    d->has_pending = false;
}

static void handle_alert(struct dec_record *r, const uint8_t *content, size_t len)
{
    struct tls_alert alert;
    struct tls_error err = {0};
    /* §5.1/§6: an alert record holds exactly one 2-byte Alert; the client's parser says so. */
    if (tls_alert_parse(content, len, &alert, &err) != TLS_OK) {
        dec_fact_alert(r, len, err.reason);
        return;
    }
    r->pub.has_alert = true;
    r->pub.alert_level = alert.level;
    r->pub.alert_description = alert.description;
    dec_fact_alert(r, len, NULL);
}

/*
 * RFC 6520 §4:
 *   struct {
 *       HeartbeatMessageType type;          // heartbeat_request(1), heartbeat_response(2)
 *       uint16 payload_length;
 *       opaque payload[HeartbeatMessage.payload_length];
 *       opaque padding[padding_length];     // at least 16 bytes
 *   } HeartbeatMessage;
 * "If the payload_length of a received HeartbeatMessage is too large, the received
 * HeartbeatMessage MUST be discarded silently." A request whose payload_length reaches past
 * its record is what Heartbleed (CVE-2014-0160) sent: an unpatched peer echoed that many bytes
 * of its memory.
 */
static void handle_heartbeat(struct dec_conn *c, enum tls_direction dir, struct dec_record *r,
                             const uint8_t *content, size_t len)
{
    if (len < 3) {
        dec_fact_heartbeat(r, 0, 0, len);
        dec_conn_note(c, "%s: a heartbeat record of %zu bytes is too short for a HeartbeatMessage",
                      side_name(dir), len);
        return;
    }
    unsigned type = content[0];
    size_t payload_length = (size_t)content[1] << 8 | content[2];
    dec_fact_heartbeat(r, type, payload_length, len);
    if (payload_length + 3 > len) {
        const char *tn = type == 1 ? "heartbeat_request" : type == 2 ? "heartbeat_response" : "unknown";
        dec_conn_note(c, "%s: heartbeat %s with payload_length %zu in a %zu-byte message: the "
                         "Heartbleed pattern (CVE-2014-0160); RFC 6520 §4: it MUST be discarded",
                      side_name(dir), tn, payload_length, len);
    }
}

static void handle_app_data(struct dec_conn *c, struct dec_direction *d, struct dec_record *r,
                            const uint8_t *content, size_t len)
{
    /* Remembered for the inferences: after application data, a server record is no longer
       taken for a NewSessionTicket by default. */
    d->sent_app_data = true;
    dec_fact_content(r, TLS_CT_application_data, content, len, c->dec->opt.show_data);
}

/* Handshake content: reassembled (messages may span records, §5.1) and parsed one by one. */
static void handle_handshake(struct dec_conn *c, enum tls_direction dir,
                             struct dec_record *r, const uint8_t *content, size_t len)
{
    struct dec_direction *d = &c->dir[dir];
    struct tls_error err = {0};
    if (d->ra_broken) {
        tls_reassembly_reset(&d->ra);
        d->ra_broken = false;
    }
    if (tls_reassembly_add(&d->ra, content, len, &err) != TLS_OK) {
        dec_fact_reassembly_stopped(r, err.reason);
        dec_conn_note(c, "%s: handshake reassembly stopped: %s", side_name(dir), err.reason);
        d->ra_broken = true;
        return;
    }
    for (;;) {
        struct tls_handshake_message msg;
        bool have = false;
        struct tls_error e2 = {0};
        if (tls_reassembly_next(&d->ra, &msg, &have, &e2) != TLS_OK) {
            dec_conn_note(c, "%s: %s", side_name(dir), e2.reason);
            d->ra_broken = true;
            return;
        }
        if (!have) {
            break;
        }
        dec_handshake_message(c, dir, &msg, r);
    }
    if (tls_reassembly_pending(&d->ra)) {
        dec_fact_line(r, DEC_LINE_CONTINUES, dir);
    }
}

static void handle_content(struct dec_conn *c, enum tls_direction dir,
                           struct dec_record *r, uint8_t type, const uint8_t *content, size_t len)
{
    switch (type) {
    case TLS_CT_handshake:
        handle_handshake(c, dir, r, content, len);
        break;
    case TLS_CT_alert:
        handle_alert(r, content, len);
        break;
    case TLS_CT_application_data:
        handle_app_data(c, &c->dir[dir], r, content, len);
        break;
    case TLS_CT_heartbeat:
        handle_heartbeat(c, dir, r, content, len);
        break;
    default:
        dec_fact_content(r, type, content, len, false);
        break;
    }
}

static void handle_ccs(struct dec_conn *c, enum tls_direction dir, struct dec_record *r,
                       const struct tls_record *rec)
{
    struct dec_direction *d = &c->dir[dir];
    d->ccs_seen = true;
    if (c->tls13 || (!c->have_server_hello && c->offered_tls13)) {
        dec_fact_ccs13(r, rec->length > 0 ? rec->fragment[0] : 0);
        /* RFC 8446 §5: "An implementation which receives any other change_cipher_spec value or
           which receives a protected change_cipher_spec record MUST abort the handshake with an
           "unexpected_message" alert." It is allowed only "before the peer's Finished message has
           been received": a CCS sent after its sender's own Finished is not. */
        if (rec->length != 1 || rec->fragment[0] != 0x01 || c->dir[dir].sent_finished) {
            dec_fact_line(r, DEC_LINE_CCS13_NOT_ALLOWED, dir);
            dec_conn_note(c, "%s: a ChangeCipherSpec that RFC 8446 §5 does not allow", side_name(dir));
        }
        return;
    }
    dec_fact_line(r, DEC_LINE_CCS12, dir);
    d->tls12_seq = 0; /* RFC 5246 §6.1: "Sequence numbers ... are set to zero" at a CCS */
    /* An abbreviated TLS 1.2 handshake: the server's CCS follows its ServerHello directly
       (RFC 5246 §7.3, Figure 2), without Certificate / ServerHelloDone. */
    if (dir == TLS_DIR_SERVER_TO_CLIENT && c->have_server_hello && !c->server_certificate &&
        c->dir[TLS_DIR_CLIENT_TO_SERVER].protected_records == 0 && !c->dir[0].ccs_seen) {
        c->abbreviated = true;
    }
}

/* A protected record: decrypt it (TLS 1.3 with keys) or say what it most likely is. */
static void handle_protected(struct dec_conn *c, enum tls_direction dir,
                             struct dec_record *r, const struct tls_record *rec)
{
    struct dec_direction *d = &c->dir[dir];
    struct tls_plaintext pt;
    r->pub.is_protected = true;
    d->protected_records++;
    bool tls12 = c->have_server_hello && !c->tls13;
    dec_fact_line(r, tls12 ? DEC_LINE_PROTECTED12 : DEC_LINE_PROTECTED13, dir);
    if (!tls12 && try_open(c, d, rec, &pt)) {
        r->pub.decrypted = true;
        r->pub.has_inner_type = true;
        r->pub.inner_type = pt.type;
        r->pub.content_len = pt.length;
        /* TLSInnerPlaintext = content || type || zeros; tag 16 bytes (§5.2, §5.4). */
        size_t inner = rec->length - d->keys.keys.suite->tag_len;
        r->pub.padding_len = inner - pt.length - 1;
        /* Kept for the model until the record is written; dec_record_process wipes it. */
        r->inner = pt.content;
        r->inner_len = inner;
        r->keys_name = d->keys_name;
        r->seq = d->keys.seq - 1;
        dec_fact_decrypted(r, dir, rec->type);
        handle_content(c, dir, r, pt.type, pt.content, pt.length);
        return;
    }
    size_t plain_len = 0;
    if (tls12 && c->have_master_secret) {
        if (dec_tls12_open(c, dir, rec, c->dec->open_buf, &plain_len)) {
            r->pub.decrypted = true;
            r->pub.content_len = plain_len;
            if (c->tls12_cbc) {
                dec_fact_cbc(r, c->sh_etm, tls_mac_name(c->tls12_mac), c->tls12_padding);
            }
            r->inner = c->dec->open_buf;
            r->inner_len = plain_len;
            r->keys_name = c->prf10 ? "TLS 1.0/1.1 write" : "TLS 1.2 write";
            r->seq = d->tls12_seq - 1;
            dec_fact_decrypted(r, dir, rec->type);
            handle_content(c, dir, r, rec->type, c->dec->open_buf, plain_len);
            return;
        }
        const char *why = c->tls12_cbc && c->tls12_failure != NULL ? c->tls12_failure : "";
        dec_fact_no_master_secret(r, why);
        dec_conn_note(c, "%s: %s record at offset %llu does not decrypt with the logged master "
                         "secret%s%s", side_name(dir), c->prf10 ? tls_version_name(c->version) : "TLS 1.2",
                      (unsigned long long)r->pub.offset,
                      *why != '\0' ? ": " : "", why);
    }
    if (d->keys.is_protected || d->has_pending) {
        dec_fact_line(r, DEC_LINE_BAD_RECORD_MAC, dir);
        dec_conn_note(c, "%s: record at offset %llu does not decrypt with the logged keys",
                      side_name(dir), (unsigned long long)r->pub.offset);
    }
    dec_infer(c, dir, r);
}

static void apply_after_record(struct dec_conn *c, enum tls_direction dir)
{
    struct dec_direction *d = &c->dir[dir];
    enum tls_key_change change = d->change_after;
    d->change_after = TLS_KEY_KEEP;
    switch (change) {
    case TLS_KEY_TO_NEXT_GENERATION:
        dec_key_update_apply(c, dir);
        break;
    case TLS_KEY_TO_HANDSHAKE:
        /* EndOfEarlyData: the handshake keys were kept pending next to the early ones */
        dec_promote_pending(d);
        break;
    case TLS_KEY_TO_APPLICATION:
        dec_install_app_keys(c, dir);
        break;
    case TLS_KEY_KEEP:
    default:
        break;
    }
}

/* The record header (RFC 8446 §5.1), through the client's own deframer. */
static void read_header(const uint8_t *bytes, size_t len, struct tls_record *rec)
{
    size_t need = 0;
    struct tls_error err = {0};
    if (tls_record_deframe(bytes, len, true, rec, &need, &err) == TLS_OK && need == 0) {
        return;
    }
    /* Beyond RFC 8446's limits, yet plausible: a TLS 1.2 record with up to 2048 bytes of
       expansion (RFC 5246 §6.2.3) or a heartbeat (RFC 6520). Read the header by hand. */
    *rec = (struct tls_record){
        .type = bytes[0],
        .legacy_record_version = (uint16_t)(bytes[1] << 8 | bytes[2]),
        .length = (uint16_t)(bytes[3] << 8 | bytes[4]),
        .header = bytes,
        .fragment = bytes + TLS_RECORD_HEADER_LEN,
        .total_len = len,
    };
}


void dec_record_process(struct dec_conn *c, enum tls_direction dir, const uint8_t *bytes,
                        size_t len, uint64_t offset, const struct dec_chunk_start *where)
{
    struct dec_direction *d = &c->dir[dir];
    struct dec_record r;
    /* A popped handshake message stays in the reassembly buffer until this direction's next
       record: the facts may point at it. */
    dec_record_begin(c, &r, false);
    struct tls_record rec;
    read_header(bytes, len, &rec);
    r.pub.conn_id = c->info.id;
    r.pub.dir = dir;
    r.pub.token = where->token;
    r.pub.frame = where->frame;
    r.pub.offset = offset;
    r.pub.outer_type = rec.type;
    r.pub.version = rec.legacy_record_version;
    r.pub.length = rec.length;
    r.pub.bytes = bytes;
    r.pub.bytes_len = len;
    d->records++;
    c->records++;
    dec_fact_record_header(&r, c->records, dir, where, offset, &rec);
    /* TLS 1.2 (RFC 5246 §7.1): everything a side sends after its ChangeCipherSpec is
       encrypted, whatever the outer type says. In TLS 1.3 (or while a 1.3 ClientHello awaits
       its answer) a CCS changes nothing. */
    bool tls12_encrypted = d->ccs_seen && !c->tls13 && !(!c->have_server_hello && c->offered_tls13);
    if (rec.type == TLS_CT_change_cipher_spec) {
        handle_ccs(c, dir, &r, &rec);
    } else if (rec.type == TLS_CT_application_data || tls12_encrypted) {
        handle_protected(c, dir, &r, &rec);
    } else {
        dec_fact_line(&r, DEC_LINE_PLAINTEXT, dir);
        handle_content(c, dir, &r, rec.type, rec.fragment, rec.length);
    }
    /* Key changes take effect after the record that announced them (§5.1: a key change
       happens on a record boundary). */
    apply_after_record(c, dir);
    dec_output_record(c, &r);
    /* The decrypted content is someone's data: gone once the record is written. */
    if (r.inner != NULL) {
        tls_wipe(c->dec->open_buf, r.inner_len);
    }
}

void dec_record_begin(struct dec_conn *c, struct dec_record *r, bool keep_bytes)
{
    struct tls_decoder *dec = c->dec;
    memset(r, 0, sizeof(*r));
    /* A JSON run prints no record detail (docs/decoder-json.md has no field for it): no
       renderer reads the facts, so none are recorded. */
    if (dec->opt.format == TLS_DECODE_JSON) {
        return;
    }
    r->facts.items = dec->facts;
    r->facts.keep = keep_bytes;
    r->facts.arena = keep_bytes ? dec->fact_arena : NULL;
}

void dec_record_content(struct dec_conn *c, enum tls_direction dir, struct dec_record *r, uint8_t type,
                        const uint8_t *content, size_t len)
{
    handle_content(c, dir, r, type, content, len);
}
