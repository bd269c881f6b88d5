/*
 * model_facts.c — recording a record's facts (model_facts.h): each function stores the values
 * it is given, and formats nothing.
 */
#include <string.h>

#include "decoder/decode_internal.h"
#include "decoder/dtls.h"

/* The next free fact, or NULL at the bound (the last slot then counts what was dropped). */
static struct tls_model_fact *fact_add(struct dec_record *r, enum tls_model_fact_kind kind,
                                       enum tls_direction dir)
{
    struct tls_model_facts *fs = &r->facts;
    if (fs->items == NULL) {
        return NULL;
    }
    if (fs->count + 1 >= TLS_MODEL_MAX_FACTS) {
        fs->dropped++;
        struct tls_model_fact *last = &fs->items[TLS_MODEL_MAX_FACTS - 1];
        last->kind = TLS_FACT_MORE;
        last->u.more = fs->dropped;
        fs->count = TLS_MODEL_MAX_FACTS;
        return NULL;
    }
    struct tls_model_fact *f = &fs->items[fs->count++];
    f->kind = kind;
    f->dir = dir;
    return f;
}

const uint8_t *dec_fact_keep(struct dec_record *r, const uint8_t *p, size_t n)
{
    struct tls_model_facts *fs = &r->facts;
    if (!fs->keep) {
        return p;
    }
    if (fs->arena == NULL || n > TLS_MODEL_FACT_ARENA - fs->arena_used) {
        return NULL;
    }
    uint8_t *kept = fs->arena + fs->arena_used;
    if (n > 0) {
        memcpy(kept, p, n);
    }
    fs->arena_used += n;
    return kept;
}

void dec_fact_record_header(struct dec_record *r, uint64_t number, enum tls_direction dir,
                            const struct dec_chunk_start *where, uint64_t offset,
                            const struct tls_record *rec)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_RECORD_HEADER, dir);
    if (f != NULL) {
        f->u.header.number = number;
        f->u.header.offset = offset;
        f->u.header.token = where->token;
        f->u.header.frame = where->frame;
        f->u.header.type = rec->type;
        f->u.header.version = rec->legacy_record_version;
        f->u.header.length = rec->length;
    }
}

void dec_fact_line(struct dec_record *r, enum dec_record_line line, enum tls_direction dir)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_LINE, dir);
    if (f != NULL) {
        f->u.line = line;
    }
}

static void fact_value(struct dec_record *r, enum tls_model_fact_kind kind, enum tls_direction dir,
                       unsigned value)
{
    struct tls_model_fact *f = fact_add(r, kind, dir);
    if (f != NULL) {
        f->u.value = value;
    }
}

static void fact_text(struct dec_record *r, enum tls_model_fact_kind kind, const char *text)
{
    struct tls_model_fact *f = fact_add(r, kind, r->pub.dir);
    if (f != NULL) {
        f->u.text = text;
    }
}

void dec_fact_ccs13(struct dec_record *r, unsigned value)
{
    fact_value(r, TLS_FACT_CCS13, r->pub.dir, value);
}

void dec_fact_decrypted(struct dec_record *r, enum tls_direction dir, uint8_t outer_type)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DECRYPTED, dir);
    if (f != NULL) {
        f->u.decrypted.keys_name = r->keys_name;
        f->u.decrypted.seq = r->seq;
        f->u.decrypted.inner_type = r->pub.inner_type;
        f->u.decrypted.outer_type = outer_type;
        f->u.decrypted.has_inner_type = r->pub.has_inner_type;
        f->u.decrypted.content_len = r->pub.content_len;
        f->u.decrypted.padding_len = r->pub.padding_len;
    }
}

void dec_fact_no_master_secret(struct dec_record *r, const char *why)
{
    fact_text(r, TLS_FACT_NO_MASTER_SECRET, why);
}

void dec_fact_cbc(struct dec_record *r, bool etm, const char *mac_name, size_t padding)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_CBC, r->pub.dir);
    if (f != NULL) {
        f->u.cbc.etm = etm;
        f->u.cbc.mac_name = mac_name;
        f->u.cbc.padding = padding;
    }
}

void dec_fact_heartbeat(struct dec_record *r, unsigned type, size_t payload_length, size_t len)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_HEARTBEAT, r->pub.dir);
    if (f != NULL) {
        f->u.heartbeat.type = type;
        f->u.heartbeat.payload_length = payload_length;
        f->u.heartbeat.len = len;
    }
}

void dec_fact_alert(struct dec_record *r, size_t len, const char *parse_error)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_ALERT, r->pub.dir);
    if (f != NULL) {
        f->u.alert.level = r->pub.alert_level;
        f->u.alert.description = r->pub.alert_description;
        f->u.alert.len = len;
        f->u.alert.parse_error = parse_error;
    }
}

void dec_fact_content(struct dec_record *r, uint8_t type, const uint8_t *content, size_t len,
                      bool show_data)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_CONTENT, r->pub.dir);
    if (f != NULL) {
        f->u.content.type = type;
        f->u.content.data = content;
        f->u.content.len = len;
        f->u.content.show_data = show_data;
    }
}

void dec_fact_reassembly_stopped(struct dec_record *r, const char *reason)
{
    fact_text(r, TLS_FACT_REASSEMBLY_STOPPED, reason);
}

void dec_fact_inference(struct dec_record *r)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_INFERENCE, r->pub.dir);
    if (f != NULL) {
        f->u.inference.inferred = r->pub.inferred;
        f->u.inference.alternatives = r->pub.inferred_alternatives;
        f->u.inference.reason = r->pub.inference_reason; /* the record's own array */
    }
}

void dec_fact_signature(struct dec_record *r, enum tls_direction dir,
                        enum tls_finished_status status, const char *reason)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_SIGNATURE, dir);
    if (f != NULL) {
        f->u.signature.status = (int)status;
        f->u.signature.reason = reason;
    }
}

void dec_fact_finished13(struct dec_record *r, enum tls_direction dir, enum tls_finished_status st,
                         const uint8_t *th, size_t thl, const uint8_t *expected, size_t hl)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_FINISHED13, dir);
    if (f == NULL) {
        return;
    }
    f->u.finished13.status = (int)st;
    f->u.finished13.have_secret = th != NULL;
    f->u.finished13.thl = 0;
    f->u.finished13.hl = 0;
    if (th != NULL && thl <= TLS_MAX_HASH_LEN && hl <= TLS_MAX_HASH_LEN) {
        memcpy(f->u.finished13.th, th, thl);
        memcpy(f->u.finished13.expected, expected, hl);
        f->u.finished13.thl = (uint8_t)thl;
        f->u.finished13.hl = (uint8_t)hl;
    }
}

void dec_fact_finished12(struct dec_record *r, enum tls_hash_alg prf_hash,
                         enum tls_finished_status st)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_FINISHED12, r->pub.dir);
    if (f != NULL) {
        f->u.finished12.prf_hash = prf_hash;
        f->u.finished12.status = (int)st;
    }
}

void dec_fact_note(struct dec_record *r, const char *line)
{
    fact_text(r, TLS_FACT_NOTE, line);
}

void dec_fact_not_parsed(struct dec_record *r, const char *message, const char *reason)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_NOT_PARSED, r->pub.dir);
    if (f != NULL) {
        f->u.not_parsed.message = message;
        f->u.not_parsed.reason = reason;
    }
}

void dec_fact_negotiated(struct dec_record *r, uint16_t version)
{
    fact_value(r, TLS_FACT_NEGOTIATED, r->pub.dir, version);
}

void dec_fact_compression(struct dec_record *r, uint8_t method, bool tls13)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_COMPRESSION, r->pub.dir);
    if (f != NULL) {
        f->u.compression.method = method;
        f->u.compression.tls13 = tls13;
    }
}

void dec_fact_key_update(struct dec_record *r, enum tls_direction dir, unsigned next_generation)
{
    fact_value(r, TLS_FACT_KEY_UPDATE, dir, next_generation);
}

void dec_fact_message_header(struct dec_record *r, const char *name, uint8_t type, uint32_t length)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_MESSAGE_HEADER, r->pub.dir);
    if (f != NULL) {
        f->u.message.name = name;
        f->u.message.type = type;
        f->u.message.length = length;
    }
}

void dec_fact_message_fields(struct dec_record *r, uint8_t msg_type, const uint8_t *body,
                             size_t len, bool tls12)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_MESSAGE_FIELDS, r->pub.dir);
    if (f != NULL) {
        f->u.fields.type = msg_type;
        f->u.fields.body = dec_fact_keep(r, body, len);
        f->u.fields.len = len;
        f->u.fields.tls12 = tls12;
    }
}

void dec_fact_sslv2_header(struct dec_record *r, uint64_t number, enum tls_direction dir,
                           const struct dec_chunk_start *where, uint64_t offset, size_t hdr,
                           size_t len)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_SSLV2_HEADER, dir);
    if (f != NULL) {
        f->u.sslv2.number = number;
        f->u.sslv2.offset = offset;
        f->u.sslv2.token = where->token;
        f->u.sslv2.frame = where->frame;
        f->u.sslv2.hdr = hdr;
        f->u.sslv2.len = len;
    }
}

void dec_fact_sslv2_client_hello(struct dec_record *r, uint16_t version, const uint8_t *specs,
                                 size_t cs, size_t sid, size_t chal)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_SSLV2_CLIENT_HELLO, r->pub.dir);
    if (f != NULL) {
        f->u.sslv2_hello.version = version;
        f->u.sslv2_hello.specs = specs;
        f->u.sslv2_hello.cs = cs;
        f->u.sslv2_hello.sid = sid;
        f->u.sslv2_hello.chal = chal;
    }
}

void dec_fact_sslv2_message(struct dec_record *r, unsigned type)
{
    fact_value(r, TLS_FACT_SSLV2_MESSAGE, r->pub.dir, type);
}

void dec_fact_dtls_header(struct dec_record *r, uint64_t number, enum tls_direction dir,
                          const struct tls_stream_datagram *dg, size_t offset,
                          const struct dtls_record *rec)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_HEADER, dir);
    if (f != NULL) {
        f->u.dtls.number = number;
        f->u.dtls.datagram = dg->index;
        f->u.dtls.token = dg->token_index;
        f->u.dtls.frame = dg->frame;
        f->u.dtls.offset = offset;
        f->u.dtls.unified = rec->unified;
        f->u.dtls.type = rec->type;
        f->u.dtls.version = rec->version;
        f->u.dtls.epoch = rec->epoch;
        f->u.dtls.sequence_number = rec->sequence_number;
        f->u.dtls.length = rec->length;
    }
}

void dec_fact_dtls_hvr_header(struct dec_record *r, uint32_t length, unsigned message_seq)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_HVR_HEADER, r->pub.dir);
    if (f != NULL) {
        f->u.hvr_header.length = length;
        f->u.hvr_header.message_seq = message_seq;
    }
}

void dec_fact_dtls_hvr(struct dec_record *r, bool ok, uint16_t version, const uint8_t *cookie,
                       size_t cookie_len)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_HVR, r->pub.dir);
    if (f != NULL) {
        f->u.hvr.ok = ok;
        f->u.hvr.version = version;
        f->u.hvr.cookie = ok ? dec_fact_keep(r, cookie, cookie_len) : NULL;
        f->u.hvr.cookie_len = cookie_len;
    }
}

void dec_fact_dtls_reassembled(struct dec_record *r, const char *name, unsigned message_seq,
                               unsigned fragments)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_REASSEMBLED, r->pub.dir);
    if (f != NULL) {
        f->u.reassembled.name = name;
        f->u.reassembled.message_seq = message_seq;
        f->u.reassembled.fragments = fragments;
    }
}

void dec_fact_dtls_cookie(struct dec_record *r, const uint8_t *cookie, size_t len, bool hvr_seen,
                          bool same)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_COOKIE, r->pub.dir);
    if (f != NULL) {
        f->u.cookie.cookie = dec_fact_keep(r, cookie, len);
        f->u.cookie.len = len;
        f->u.cookie.hvr_seen = hvr_seen;
        f->u.cookie.same = same;
    }
}

void dec_fact_dtls_fragment(struct dec_record *r, const char *name, uint8_t type,
                            unsigned message_seq, uint32_t offset, uint32_t fragment_length,
                            uint32_t length, int status)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_FRAGMENT, r->pub.dir);
    if (f != NULL) {
        f->u.fragment.name = name;
        f->u.fragment.type = type;
        f->u.fragment.message_seq = message_seq;
        f->u.fragment.offset = offset;
        f->u.fragment.fragment_length = fragment_length;
        f->u.fragment.length = length;
        f->u.fragment.status = status;
    }
}

void dec_fact_dtls_not_fragment(struct dec_record *r, size_t len, const char *reason)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_NOT_FRAGMENT, r->pub.dir);
    if (f != NULL) {
        f->u.not_fragment.len = len;
        f->u.not_fragment.reason = reason;
    }
}

void dec_fact_dtls_ack(struct dec_record *r, const uint8_t *data, size_t len, bool nss_draft)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_ACK, r->pub.dir);
    if (f != NULL) {
        f->u.ack.data = data; /* the record's own bytes, or its decrypted content */
        f->u.ack.len = len;
        f->u.ack.nss_draft = nss_draft;
    }
}

void dec_fact_dtls13_opened(struct dec_record *r, uint8_t flags, unsigned seq_bits, uint64_t seq_sent,
                            unsigned epoch, uint64_t sequence_number, bool nss_nonce)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS13_OPENED, r->pub.dir);
    if (f != NULL) {
        f->u.dtls13.flags = flags;
        f->u.dtls13.seq_bits = seq_bits;
        f->u.dtls13.seq_sent = seq_sent;
        f->u.dtls13.epoch = epoch;
        f->u.dtls13.sequence_number = sequence_number;
        f->u.dtls13.nss_nonce = nss_nonce;
    }
}

void dec_fact_dtls13_not_opened(struct dec_record *r, const char *why)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS13_NOT_OPENED, r->pub.dir);
    if (f != NULL) {
        f->u.text = why;
    }
}

void dec_fact_dtls_epoch(struct dec_record *r, enum tls_model_fact_kind kind, enum tls_direction dir,
                         unsigned epoch, uint64_t sequence_number)
{
    struct tls_model_fact *f = fact_add(r, kind, dir);
    if (f != NULL) {
        f->u.epoch.epoch = epoch;
        f->u.epoch.sequence_number = sequence_number;
    }
}

void dec_fact_dtls_unified(struct dec_record *r, uint8_t flags, unsigned epoch, size_t cid_len,
                           unsigned seq_bits, uint16_t length)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_UNIFIED, r->pub.dir);
    if (f != NULL) {
        f->u.unified.flags = flags;
        f->u.unified.epoch = epoch;
        f->u.unified.cid_len = cid_len;
        f->u.unified.seq_bits = seq_bits;
        f->u.unified.length = length;
    }
}

void dec_fact_dtls_cid(struct dec_record *r, const uint8_t *cid, size_t len)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_CID, r->pub.dir);
    if (f != NULL) {
        f->u.cid.cid = cid; /* the record's own header */
        f->u.cid.len = len;
    }
}

void dec_fact_dtls_decrypted(struct dec_record *r, enum tls_direction dir, unsigned epoch,
                             uint64_t sequence_number, size_t len, uint8_t type)
{
    struct tls_model_fact *f = fact_add(r, TLS_FACT_DTLS_DECRYPTED, dir);
    if (f != NULL) {
        f->u.dtls_decrypted.epoch = epoch;
        f->u.dtls_decrypted.sequence_number = sequence_number;
        f->u.dtls_decrypted.len = len;
        f->u.dtls_decrypted.type = type;
    }
}
