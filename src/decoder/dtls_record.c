/*
 * dtls_record.c — DTLS record headers (RFC 6347 §4.1; RFC 9147 §4), handshake fragment
 * headers (RFC 6347 §4.2.2) and the reassembly of fragments into messages (§4.2.3).
 * dtls.h describes the contracts; nothing here allocates or keeps a pointer past a call's
 * documented lifetime.
 */
#include "decoder/dtls.h"

#include <string.h>

#include "common/reader.h"

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be24(const uint8_t *p)
{
    return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static uint64_t be48(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 6; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

static bool dtls_version(uint32_t v)
{
    /* RFC 6347 §4.1: DTLS 1.0 is 254.255, DTLS 1.2 254.253. A DTLS 1.3 ClientHello or
       ServerHello keeps 254.253 in the record (RFC 9147 §5.3 legacy fields). */
    return v == DTLS_VERSION_1_0 || v == DTLS_VERSION_1_2;
}

bool dtls_plausible_record(const uint8_t *data, size_t len)
{
    if (len >= DTLS_RECORD_HEADER_LEN && data[0] >= 20 && data[0] <= TLS_CT_ack &&
        dtls_version(be16(data + 1))) {
        uint32_t length = be16(data + 11);
        return length > 0 && length <= DTLS_MAX_RECORD_LEN && length <= len - DTLS_RECORD_HEADER_LEN;
    }
    /* A unified header without a connection ID, with a length (RFC 9147 §4): 001 0 S 1 EE. */
    if (len >= 4 && (data[0] & DTLS_UH_FIXED_MASK) == DTLS_UH_FIXED && !(data[0] & DTLS_UH_C) &&
        (data[0] & DTLS_UH_L)) {
        size_t hl = (data[0] & DTLS_UH_S) ? 5 : 4;
        if (len < hl) {
            return false;
        }
        uint32_t length = be16(data + hl - 2);
        /* RFC 9147 §4: the smallest protected record holds a type byte and a 16-byte tag. */
        return length >= 17 && length <= DTLS_MAX_RECORD_LEN && length <= len - hl;
    }
    return false;
}

/* RFC 9147 §4: 001CSLEE, [connection ID], 8/16-bit sequence number, [16-bit length]. */
static tls_result parse_unified(const uint8_t *data, size_t len, size_t cid_len, struct dtls_record *rec,
                                struct tls_error *err)
{
    uint8_t b = data[0];
    size_t pos = 1;
    rec->unified = true;
    rec->flags = b;
    rec->type = 23; /* the real type is inside the encryption (RFC 9147 §4) */
    rec->epoch = b & DTLS_UH_EPOCH;
    if (b & DTLS_UH_C) {
        if (cid_len == 0) {
            return tls_fail(err, TLS_ALERT_decode_error,
                            "RFC 9147 §4: unified header with a connection ID of unknown length");
        }
        if (len - pos < cid_len) {
            return tls_fail(err, TLS_ALERT_decode_error, "RFC 9147 §4: connection ID cut short");
        }
        rec->cid = data + pos;
        rec->cid_len = cid_len;
        pos += cid_len;
    }
    size_t seq_len = (b & DTLS_UH_S) ? 2 : 1;
    size_t want = seq_len + ((b & DTLS_UH_L) ? 2 : 0);
    if (len - pos < want) {
        return tls_fail(err, TLS_ALERT_decode_error, "RFC 9147 §4: unified header cut short");
    }
    rec->seq_bits = (uint8_t)(8 * seq_len);
    rec->sequence_number = seq_len == 2 ? be16(data + pos) : data[pos];
    pos += seq_len;
    if (b & DTLS_UH_L) {
        rec->length_present = true;
        rec->length = (uint16_t)be16(data + pos);
        pos += 2;
        if (rec->length > len - pos) {
            return tls_fail(err, TLS_ALERT_decode_error, "RFC 9147 §4: length past the end of the datagram");
        }
    } else {
        /* "If the L bit is not set, the record extends to the end of the datagram." Its length
           must still fit the field it would have had. */
        if (len - pos > 0xffffu) {
            return tls_fail(err, TLS_ALERT_decode_error, "RFC 9147 §4: record too long");
        }
        rec->length = (uint16_t)(len - pos);
    }
    if (rec->length > DTLS_MAX_RECORD_LEN) {
        return tls_fail(err, TLS_ALERT_record_overflow, "RFC 9147 §4: record longer than 2^14 + 256");
    }
    rec->header = data;
    rec->header_len = pos;
    rec->fragment = data + pos;
    rec->total_len = pos + rec->length;
    return TLS_OK;
}

tls_result dtls_record_parse(const uint8_t *data, size_t len, size_t cid_len, struct dtls_record *rec,
                             struct tls_error *err)
{
    memset(rec, 0, sizeof(*rec));
    if (len == 0) {
        return tls_fail(err, TLS_ALERT_decode_error, "RFC 6347 §4.1: empty record");
    }
    if ((data[0] & DTLS_UH_FIXED_MASK) == DTLS_UH_FIXED) {
        return parse_unified(data, len, cid_len, rec, err);
    }
    if (len < DTLS_RECORD_HEADER_LEN) {
        return tls_fail(err, TLS_ALERT_decode_error, "RFC 6347 §4.1: record header cut short (13 bytes)");
    }
    rec->type = data[0];
    rec->version = (uint16_t)be16(data + 1);
    rec->epoch = (uint16_t)be16(data + 3);
    rec->sequence_number = be48(data + 5);
    rec->seq_bits = 48;
    rec->length_present = true;
    size_t hl = DTLS_RECORD_HEADER_LEN;
    if (rec->type == TLS_CT_tls12_cid) {
        /* RFC 9146 §4: ... sequence_number, cid[cid_length], length, enc_content. */
        if (cid_len == 0) {
            return tls_fail(err, TLS_ALERT_decode_error,
                            "RFC 9146 §4: tls12_cid record with a connection ID of unknown length");
        }
        if (len - 11 < cid_len + 2) {
            return tls_fail(err, TLS_ALERT_decode_error, "RFC 9146 §4: record header cut short");
        }
        rec->cid = data + 11;
        rec->cid_len = cid_len;
        hl = 11 + cid_len + 2;
    }
    rec->length = (uint16_t)be16(data + hl - 2);
    if (rec->length > DTLS_MAX_RECORD_LEN) {
        return tls_fail(err, TLS_ALERT_record_overflow, "RFC 6347 §4.1: length exceeds 2^14 + 2048");
    }
    if (rec->length > len - hl) {
        return tls_fail(err, TLS_ALERT_decode_error, "RFC 6347 §4.1.1: record past the end of the datagram");
    }
    rec->header = data;
    rec->header_len = hl;
    rec->fragment = data + hl;
    rec->total_len = hl + rec->length;
    return TLS_OK;
}

tls_result dtls_fragment_parse(const uint8_t *data, size_t len, struct dtls_fragment *f, size_t *used,
                               struct tls_error *err)
{
    memset(f, 0, sizeof(*f));
    if (len < DTLS_HANDSHAKE_HEADER_LEN) {
        return tls_fail(err, TLS_ALERT_decode_error, "RFC 6347 §4.2.2: handshake header cut short (12 bytes)");
    }
    f->msg_type = data[0];
    f->length = be24(data + 1);
    f->message_seq = (uint16_t)be16(data + 4);
    f->fragment_offset = be24(data + 6);
    f->fragment_length = be24(data + 9);
    if (f->fragment_length > len - DTLS_HANDSHAKE_HEADER_LEN) {
        return tls_fail(err, TLS_ALERT_decode_error, "RFC 6347 §4.2.2: fragment past the end of the record");
    }
    if (f->fragment_offset > f->length || f->fragment_length > f->length - f->fragment_offset) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "RFC 6347 §4.2.3: fragment_offset + fragment_length past the message length");
    }
    f->data = data + DTLS_HANDSHAKE_HEADER_LEN;
    *used = DTLS_HANDSHAKE_HEADER_LEN + f->fragment_length;
    return TLS_OK;
}

/* ---- reassembly (RFC 6347 §4.2.3) ------------------------------------------------------ */

void dtls_reasm_init(struct dtls_reasm *ra)
{
    ra->started = false;
    ra->delivered = false;
    ra->next_seq = 0;
    for (size_t i = 0; i < DTLS_REASM_SLOTS; i++) {
        ra->slots[i].in_use = false;
    }
}

/* message_seq is 16 bits and may wrap: a before b in serial-number order. */
static bool seq_before(uint16_t a, uint16_t b)
{
    return (int16_t)(uint16_t)(a - b) < 0;
}

static struct dtls_reasm_slot *slot_of(struct dtls_reasm *ra, uint16_t seq)
{
    for (size_t i = 0; i < DTLS_REASM_SLOTS; i++) {
        if (ra->slots[i].in_use && ra->slots[i].message_seq == seq) {
            return &ra->slots[i];
        }
    }
    return NULL;
}

static struct dtls_reasm_slot *slot_new(struct dtls_reasm *ra, const struct dtls_fragment *f)
{
    for (size_t i = 0; i < DTLS_REASM_SLOTS; i++) {
        struct dtls_reasm_slot *s = &ra->slots[i];
        if (!s->in_use) {
            s->in_use = true;
            s->complete = false;
            s->message_seq = f->message_seq;
            s->msg_type = f->msg_type;
            s->length = f->length;
            s->received = 0;
            s->fragments = 0;
            memset(s->have, 0, (f->length + 7) / 8);
            /* RFC 6347 §4.2.6: the transcript holds each message as if it had been sent in one
               fragment: fragment_offset 0, fragment_length = length. */
            uint8_t *h = s->header;
            h[0] = f->msg_type;
            h[1] = (uint8_t)(f->length >> 16);
            h[2] = (uint8_t)(f->length >> 8);
            h[3] = (uint8_t)f->length;
            h[4] = (uint8_t)(f->message_seq >> 8);
            h[5] = (uint8_t)f->message_seq;
            memset(h + 6, 0, 3);
            memcpy(h + 9, h + 1, 3);
            return s;
        }
    }
    return NULL;
}

/* Copies the fragment's bytes not held yet; returns how many were new. */
static uint32_t slot_fill(struct dtls_reasm_slot *s, const struct dtls_fragment *f)
{
    uint32_t added = 0;
    for (uint32_t i = 0; i < f->fragment_length; i++) {
        uint32_t at = f->fragment_offset + i;
        uint8_t bit = (uint8_t)(1u << (at & 7));
        if (!(s->have[at >> 3] & bit)) {
            s->have[at >> 3] |= bit;
            s->body[at] = f->data[i];
            added++;
        }
    }
    s->received += added;
    return added;
}

enum dtls_fragment_status dtls_reasm_add(struct dtls_reasm *ra, const struct dtls_fragment *f)
{
    if (!ra->started) {
        ra->started = true;
        ra->next_seq = f->message_seq;
    }
    /* Before anything was delivered, an earlier message_seq means the first fragment seen was
       not the flight's first message (it was lost or reordered): start from this one. */
    if (!ra->delivered && seq_before(f->message_seq, ra->next_seq)) {
        ra->next_seq = f->message_seq;
    }
    if (seq_before(f->message_seq, ra->next_seq)) {
        return DTLS_FRAG_RETRANSMISSION;
    }
    if (f->length > DTLS_MAX_MESSAGE_LEN) {
        return DTLS_FRAG_TOO_LARGE;
    }
    struct dtls_reasm_slot *s = slot_of(ra, f->message_seq);
    if (s == NULL) {
        s = slot_new(ra, f);
        if (s == NULL) {
            return DTLS_FRAG_NO_SLOT;
        }
    } else if (s->msg_type != f->msg_type || s->length != f->length) {
        /* RFC 6347 §4.2.3: every fragment of a message repeats its type and length. */
        return DTLS_FRAG_MISMATCH;
    }
    if (s->complete) {
        return DTLS_FRAG_DUPLICATE;
    }
    uint32_t added = slot_fill(s, f);
    if (added == 0 && !(s->length == 0 && s->fragments == 0)) {
        return DTLS_FRAG_DUPLICATE;
    }
    s->fragments++;
    if (s->received == s->length) {
        s->complete = true;
        return DTLS_FRAG_COMPLETED;
    }
    return DTLS_FRAG_NEW;
}

bool dtls_reasm_next(struct dtls_reasm *ra, struct dtls_message *msg)
{
    struct dtls_reasm_slot *s = ra->started ? slot_of(ra, ra->next_seq) : NULL;
    if (s == NULL || !s->complete) {
        return false;
    }
    /* Released now, its bytes stay until a later fragment takes the slot (dtls.h). */
    s->in_use = false;
    ra->delivered = true;
    ra->next_seq++;
    msg->msg_type = s->msg_type;
    msg->message_seq = s->message_seq;
    msg->length = s->length;
    msg->header = s->header;
    msg->body = s->body;
    msg->fragments = s->fragments;
    return true;
}

bool dtls_reasm_pending(const struct dtls_reasm *ra)
{
    for (size_t i = 0; i < DTLS_REASM_SLOTS; i++) {
        if (ra->slots[i].in_use) {
            return true;
        }
    }
    return false;
}

const char *dtls_fragment_status_name(enum dtls_fragment_status s)
{
    switch (s) {
    case DTLS_FRAG_NEW:
        return "fragment held";
    case DTLS_FRAG_COMPLETED:
        return "message complete";
    case DTLS_FRAG_DUPLICATE:
        return "duplicate";
    case DTLS_FRAG_RETRANSMISSION:
        return "retransmission";
    case DTLS_FRAG_MISMATCH:
        return "type or length differ from earlier fragments: ignored";
    case DTLS_FRAG_TOO_LARGE:
        return "message too large to reassemble";
    case DTLS_FRAG_NO_SLOT:
    default:
        return "too many messages in progress: dropped";
    }
}
