/*
 * dtls_decode.c — a DTLS connection, one UDP datagram at a time (RFC 6347 §4.1, §4.2; RFC 9147
 * §4, §7 for the DTLS 1.3 header and ACK records).
 *
 * Implementation notes
 * --------------------
 * Every datagram holds whole records (RFC 6347 §4.1.1), so there is no stream to deframe: the
 * records of a datagram are cut one after the other (dtls.h), and each becomes one entry of
 * the ladder and the JSON "records", with its epoch and sequence number, exactly as the TLS
 * records of decode_record.c do. What DTLS adds is explained where it happens:
 *
 *   fragments        a handshake record holds fragments (message_seq, fragment_offset,
 *                    fragment_length); dtls_reasm puts each message back together, in any
 *                    order, and hands complete messages in message_seq order to the same
 *                    message describers as TLS (dec_handshake_message), so a message is described
 *                    once, by one function, over TLS or DTLS;
 *   retransmissions  a fragment whose message was already delivered, or whose bytes were all
 *                    held, is a copy: the record is labelled a retransmission (RFC 6347 §4.2.4:
 *                    a lost flight is sent again whole), as is a ChangeCipherSpec in an epoch
 *                    its sender already left, and an encrypted handshake record right after it;
 *   the cookie       a HelloVerifyRequest (§4.2.1) and the cookie the second ClientHello
 *                    echoes are compared, and neither that first ClientHello nor the HVR enters
 *                    the Finished hash (§4.2.6: the transcript restarts);
 *   epochs           a record with epoch > 0 is protected (§4.1: the epoch counts cipher
 *                    state changes); with a CLIENT_RANDOM key log line, a DTLS 1.2 AEAD record is
 *                    opened by decode_tls12_keys.c with epoch || sequence_number as the 64-bit
 *                    sequence of the nonce and AAD (§4.1.2.1);
 *   flights and MTU  consecutive datagrams of one side form a flight (§4.2.4); at the end the
 *                    flights are listed with the messages they carried, and each side's largest
 *                    datagram is compared with Schannel's default DTLS MTU of 1096 bytes
 *                    (dtls_flights.c, which also spots copies of records, §4.1.2.6).
 *
 * ClientHello: the DTLS one has a cookie after the session id (RFC 6347 §4.2.1); the message
 * describer reads the TLS one, so it gets the body without the cookie, while the transcript
 * gets the bytes as sent (with the 12-byte DTLS header, §4.2.6).
 *
 * Memory: one struct dec_dtls per DTLS connection (two reassemblers and two message buffers,
 * all bounded by DTLS_MAX_MESSAGE_LEN); nothing is allocated per datagram or record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls.h"
#include "decoder/dtls_internal.h"
#include "handshake/client_hello.h"
#include "handshake/server_hello.h"

static const char *side_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

static const char *or_unknown(const char *s)
{
    return s != NULL ? s : "unknown";
}

tls_result dec_dtls_new(struct dec_conn *c)
{
    c->dtls = calloc(1, sizeof(*c->dtls));
    if (c->dtls == NULL) {
        return TLS_E_INTERNAL;
    }
    /* The fact arena (dec_record_begin): once per decoder, when records get text details. */
    if (c->dec->opt.format != TLS_DECODE_JSON && c->dec->fact_arena == NULL) {
        c->dec->fact_arena = malloc(TLS_MODEL_FACT_ARENA);
    }
    dtls_reasm_init(&c->dtls->ra[0]);
    dtls_reasm_init(&c->dtls->ra[1]);
    return TLS_OK;
}

void dec_dtls_free(struct dec_conn *c)
{
    if (c->dtls != NULL) {
        dtls13_free(&c->dtls->d13);
        tls_wipe(c->dtls, sizeof(*c->dtls)); /* decrypted Finished bodies passed through it */
        free(c->dtls);
        c->dtls = NULL;
    }
}


/* ---- handshake messages ----------------------------------------------------------------- */

/*
 * RFC 6347 §4.2.1:
 *   struct {
 *       ProtocolVersion server_version;
 *       opaque cookie<0..2^8-1>;
 *   } HelloVerifyRequest;
 */
static void hello_verify_request(struct dec_conn *c, const struct dtls_message *m, struct dec_record *r)
{
    struct dec_dtls *s = c->dtls;
    if (m->length < 3 || (size_t)m->body[2] + 3 != m->length) {
        dec_fact_dtls_hvr(r, false, 0, NULL, 0);
        return;
    }
    uint16_t v = (uint16_t)(m->body[0] << 8 | m->body[1]);
    s->hvr = true;
    s->cookie_len = m->body[2];
    memcpy(s->cookie, m->body + 3, s->cookie_len);
    dec_fact_dtls_hvr(r, true, v, s->cookie, s->cookie_len);
    /* §4.2.6: the handshake hash starts again with the second ClientHello. */
    dec_transcript_start(c);
}

/*
 * RFC 6347 §4.2.1 ClientHello: legacy_version, random[32], session_id<0..32>,
 * cookie<0..2^8-1>, cipher_suites, compression_methods, extensions. The TLS form (RFC 5246
 * §7.4.1.2) is the same without the cookie: that is what goes to the describer. False when
 * the cookie cannot be found.
 */
static bool client_hello_tls_form(struct dec_conn *c, const struct dtls_message *m, struct dec_record *r,
                                  size_t *tls_len)
{
    struct dec_dtls *s = c->dtls;
    size_t sid_at = 2 + 32;
    if (m->length < sid_at + 1 || m->length < sid_at + 1 + m->body[sid_at] + 1) {
        return false;
    }
    size_t cookie_at = sid_at + 1 + m->body[sid_at];
    size_t cookie_len = m->body[cookie_at];
    if (m->length < cookie_at + 1 + cookie_len) {
        return false;
    }
    memcpy(s->tls_body, m->body, cookie_at);
    memcpy(s->tls_body + cookie_at, m->body + cookie_at + 1 + cookie_len, m->length - cookie_at - 1 - cookie_len);
    *tls_len = m->length - 1 - cookie_len;
    s->client_hellos++;
    bool same = false;
    if (s->hvr) {
        same = cookie_len == s->cookie_len && memcmp(m->body + cookie_at + 1, s->cookie, cookie_len) == 0;
        if (!same) {
            dec_conn_note(c, "client: ClientHello after a HelloVerifyRequest does not echo its cookie");
        }
        s->cookie_echoed = same;
    }
    dec_fact_dtls_cookie(r, m->body + cookie_at + 1, cookie_len, s->hvr, same);
    return true;
}

#define DTLS_EXT_CONNECTION_ID 54u /* RFC 9146 §3 (IANA TLS ExtensionType) */

/*
 * RFC 9146 §3:
 *   struct {
 *       opaque cid<0..2^8-1>;
 *   } ConnectionId;
 * The CID a hello's sender asks for is the one the peer puts in the records it sends. Read from
 * the hello as the describer will read it (TLS form for the ClientHello).
 */
static void hello_connection_id(struct dec_conn *c, enum tls_direction dir, uint8_t type, const uint8_t *body,
                                size_t len)
{
    const struct tls_extensions *exts = NULL;
    struct tls_client_hello ch;
    struct tls_server_hello sh;
    if (type == TLS_HT_client_hello && tls_client_hello_parse(body, len, &ch, NULL) == TLS_OK) {
        exts = &ch.extensions;
    } else if (type == TLS_HT_server_hello && tls_server_hello_parse(body, len, &sh, NULL) == TLS_OK) {
        exts = &sh.extensions;
    }
    const struct tls_extension *e = exts != NULL ? tls_extensions_find(exts, DTLS_EXT_CONNECTION_ID) : NULL;
    if (e == NULL || e->extension_data.len < 1 || (size_t)e->extension_data.data[0] + 1 != e->extension_data.len) {
        return;
    }
    enum tls_direction peer = dir == TLS_DIR_CLIENT_TO_SERVER ? TLS_DIR_SERVER_TO_CLIENT : TLS_DIR_CLIENT_TO_SERVER;
    c->dtls->cid_len[peer] = e->extension_data.data[0];
    dec_conn_note(c, "%s asks for a %u-byte connection ID (RFC 9146): the %s's records carry it", side_name(dir),
                  e->extension_data.data[0], side_name(peer));
}

/* A DTLS 1.3 ServerHello (supported_versions 0xfefc, RFC 9147 §5.3, or NSS's draft 0x7f2b): what
   follows is encrypted under TLS 1.3 keys with unified headers, opened with a key log
   (dtls13_keys.c) or shown by structure only. */
static void note_dtls13(struct dec_conn *c)
{
    if (!dtls13_version(c->version) || c->dtls->dtls13_noted) {
        return;
    }
    c->dtls->dtls13_noted = true;
    dec_conn_note(c, "%s (RFC 9147): the records after the ServerHello are encrypted with unified headers "
                     "(§4)%s", dtls13_version_label(c->version),
                  c->dec->opt.keylog != NULL ? "; opened with the key log's TLS 1.3 traffic secrets (\"dtls13\" "
                                               "labels, record number encryption, §4.2.3, §5.9)"
                                             : "; without a key log they are shown by their header only");
}

/* A complete message: DTLS-only ones here, the rest to the shared describers. */
static void message_complete(struct dec_conn *c, enum tls_direction dir, const struct dtls_message *m,
                             struct dec_record *r)
{
    struct dec_dtls *s = c->dtls;
    const char *name = tls_handshake_type_name(m->msg_type);
    if (m->msg_type == TLS_HT_hello_verify_request) {
        dec_fact_dtls_hvr_header(r, m->length, m->message_seq);
        hello_verify_request(c, m, r);
        return;
    }
    dtls13_hello(c, m->msg_type, m->body, m->length);
    memcpy(s->msg, m->header, DTLS_HANDSHAKE_HEADER_LEN);
    memcpy(s->msg + DTLS_HANDSHAKE_HEADER_LEN, m->body, m->length);
    struct tls_handshake_message msg = {
        .msg_type = m->msg_type,
        .length = m->length,
        .body = s->msg + DTLS_HANDSHAKE_HEADER_LEN,
        .bytes = s->msg,                               /* the transcript's form (§4.2.6) */
        .total_len = DTLS_HANDSHAKE_HEADER_LEN + m->length,
    };
    if (s->d13.tls_form_transcript) {
        /* RFC 9147 §5.2: DTLS 1.3 hashes msg_type and uint24 length only (the header's first
           four bytes, moved next to the body). */
        memcpy(s->msg + DTLS_HANDSHAKE_HEADER_LEN - 4, m->header, 4);
        msg.bytes = s->msg + DTLS_HANDSHAKE_HEADER_LEN - 4;
        msg.total_len = 4 + m->length;
    }
    if (m->fragments > 1) {
        dec_fact_dtls_reassembled(r, or_unknown(name), m->message_seq, m->fragments);
    }
    if (m->msg_type == TLS_HT_client_hello) {
        size_t tls_len = 0;
        if (!client_hello_tls_form(c, m, r, &tls_len)) {
            dec_fact_line(r, DEC_LINE_DTLS_CH_SHORT, dir);
            dec_conn_note(c, "client: a ClientHello does not parse (RFC 6347 §4.2.1)");
            return;
        }
        msg.body = s->tls_body;
        msg.length = (uint32_t)tls_len;
    }
    /* The describer lists the message on the record; DTLS lists its fragments instead. */
    size_t listed = r->pub.message_count;
    dec_handshake_message(c, dir, &msg, r);
    r->pub.message_count = listed;
    if (m->msg_type == TLS_HT_client_hello || m->msg_type == TLS_HT_server_hello) {
        hello_connection_id(c, dir, m->msg_type, msg.body, msg.length);
        note_dtls13(c);
    }
}

/* One fragment of a handshake record: listed, reassembled, and every message it completes
   described. True when it held nothing new. */
static bool handshake_fragment(struct dec_conn *c, enum tls_direction dir, const struct dtls_fragment *f,
                               struct dec_record *r)
{
    struct dec_dtls *s = c->dtls;
    enum dtls_fragment_status st = dtls_reasm_add(&s->ra[dir], f);
    bool repeated = st == DTLS_FRAG_DUPLICATE || st == DTLS_FRAG_RETRANSMISSION;
    const char *name = tls_handshake_type_name(f->msg_type);
    struct tls_decoded_record *p = &r->pub;
    if (p->message_count < TLS_DECODE_MAX_MESSAGES) {
        p->messages[p->message_count].type = f->msg_type;
        p->messages[p->message_count].length = f->length;
        p->messages[p->message_count].message_seq = f->message_seq;
        p->messages[p->message_count].fragment_offset = f->fragment_offset;
        p->messages[p->message_count].fragment_length = f->fragment_length;
        p->messages[p->message_count].repeated = repeated;
        p->message_count++;
    }
    dec_fact_dtls_fragment(r, or_unknown(name), f->msg_type, f->message_seq, f->fragment_offset,
                           f->fragment_length, f->length, (int)st);
    if (st == DTLS_FRAG_TOO_LARGE || st == DTLS_FRAG_NO_SLOT || st == DTLS_FRAG_MISMATCH) {
        dec_conn_note(c, "%s: handshake fragment message_seq %u: %s", side_name(dir), f->message_seq,
                      dtls_fragment_status_name(st));
    }
    dtls_flight_message(s, or_unknown(name), repeated);
    struct dtls_message m;
    while (dtls_reasm_next(&s->ra[dir], &m)) {
        message_complete(c, dir, &m, r);
    }
    return repeated;
}

/* A handshake record's content: one or more fragments (RFC 6347 §4.2.2). */
static void handshake_content(struct dec_conn *c, enum tls_direction dir, const uint8_t *p, size_t len,
                              struct dec_record *r)
{
    size_t pos = 0;
    bool all_repeated = len > 0;
    while (pos < len) {
        struct dtls_fragment f;
        size_t used = 0;
        struct tls_error err = {0};
        if (dtls_fragment_parse(p + pos, len - pos, &f, &used, &err) != TLS_OK) {
            dec_fact_dtls_not_fragment(r, len - pos, err.reason);
            dec_conn_note(c, "%s: datagram %u: %s", side_name(dir), r->pub.datagram, err.reason);
            all_repeated = false;
            break;
        }
        if (!handshake_fragment(c, dir, &f, r)) {
            all_repeated = false;
        }
        pos += used;
    }
    r->pub.retransmission = all_repeated;
}

/* ---- records ---------------------------------------------------------------------------- */

/*
 * RFC 9147 §7:
 *   struct {
 *       uint64 epoch;
 *       uint64 sequence_number;
 *   } RecordNumber;
 *   struct {
 *       RecordNumber record_numbers<0..2^16-1>;
 *   } ACK;
 */
static void ack_content(const uint8_t *p, size_t len, bool nss_draft, struct dec_record *r)
{
    /* NSS 3.87 (draft 43, dtls13_keys.h) sends each record number as one uint64: epoch (16 bits)
       || sequence_number (48 bits). */
    size_t each = nss_draft ? 8 : 16;
    if (len < 2 || (size_t)(p[0] << 8 | p[1]) != len - 2 || (len - 2) % each != 0) {
        dec_fact_line(r, nss_draft ? DEC_LINE_DTLS_ACK_MALFORMED_DRAFT43 : DEC_LINE_DTLS_ACK_MALFORMED,
                      r->pub.dir);
        return;
    }
    dec_fact_dtls_ack(r, p, len, nss_draft);
}

/* A DTLS 1.3 protected record opened with the key log (dtls13_keys.c): its full epoch and
   sequence number, then its content as for any record. */
static bool dtls13_record(struct dec_conn *c, enum tls_direction dir, const struct dtls_record *rec,
                          struct dec_record *r)
{
    struct dtls13_opened o;
    const char *why = NULL;
    if (!c->dtls->d13.active || c->dec->opt.keylog == NULL) {
        return false;
    }
    if (!dtls13_open(c, dir, rec, &o, &why)) {
        dec_fact_dtls13_not_opened(r, why);
        return false;
    }
    r->pub.decrypted = true;
    r->pub.has_inner_type = true;
    r->pub.inner_type = o.type;
    r->pub.content_len = o.content_len;
    r->pub.padding_len = o.padding_len;
    r->pub.epoch = o.epoch;
    r->pub.sequence_number = o.sequence_number;
    r->inner = o.content;
    r->inner_len = o.content_len + 1 + o.padding_len;
    r->keys_name = o.epoch == DTLS13_EPOCH_HANDSHAKE ? "handshake" : "application";
    r->seq = o.sequence_number;
    dec_fact_dtls13_opened(r, rec->flags, rec->seq_bits, rec->sequence_number, o.epoch,
                           o.sequence_number, o.nonce == DTLS13_NONCE_EPOCH_SEQ);
    dec_fact_decrypted(r, dir, rec->type);
    if (o.type == TLS_CT_handshake) {
        handshake_content(c, dir, o.content, o.content_len, r);
    } else if (o.type == TLS_CT_ack) {
        ack_content(o.content, o.content_len, dtls13_nss_draft(c->version), r);
    } else {
        dec_record_content(c, dir, r, o.type, o.content, o.content_len);
    }
    return true;
}

static void ccs_record(struct dec_conn *c, enum tls_direction dir, const struct dtls_record *rec,
                       struct dec_record *r)
{
    struct dec_dtls *s = c->dtls;
    /* The CCS is the last record of its epoch: the sender's next records are in epoch + 1. A
       CCS in an epoch the sender has already left belongs to a flight sent again. */
    if (s->ccs_epoch_left[dir] && rec->epoch + 1 <= s->epoch[dir]) {
        r->pub.retransmission = true;
        s->after_repeated_ccs[dir] = true;
        dec_fact_dtls_epoch(r, TLS_FACT_DTLS_CCS_AGAIN, dir, rec->epoch, 0);
        return;
    }
    s->ccs_epoch_left[dir] = true;
    c->dir[dir].ccs_seen = true;
    if (s->epoch[dir] < rec->epoch + 1) {
        s->epoch[dir] = (uint16_t)(rec->epoch + 1);
    }
    dec_fact_dtls_epoch(r, TLS_FACT_DTLS_CCS, dir, (unsigned)rec->epoch + 1, 0);
}

/* A record of epoch > 0 (or a unified header): decrypted with the logged master secret when
   possible, otherwise described from its header. */
static void protected_record(struct dec_conn *c, enum tls_direction dir, const struct dtls_record *rec,
                             struct dec_record *r)
{
    struct dec_dtls *s = c->dtls;
    struct dec_direction *d = &c->dir[dir];
    r->pub.is_protected = true;
    d->protected_records++;
    if (rec->unified && dtls13_record(c, dir, rec, r)) {
        return;
    }
    if (rec->unified) {
        dec_fact_dtls_unified(r, rec->flags, rec->epoch, rec->cid_len, rec->seq_bits, rec->length);
        return;
    }
    dec_fact_dtls_epoch(r, TLS_FACT_DTLS_PROTECTED, dir, rec->epoch, 0);
    if (rec->cid != NULL) {
        dec_fact_dtls_cid(r, rec->cid, rec->cid_len);
        return;
    }
    struct tls_record tr = {
        .type = rec->type,
        .legacy_record_version = rec->version,
        .length = rec->length,
        .header = rec->header,
        .fragment = rec->fragment,
        .total_len = rec->total_len,
    };
    size_t plain_len = 0;
    /* RFC 6347 §4.1.2.1: the 64-bit sequence of the MAC / AEAD is epoch || sequence_number. */
    d->dtls_record_seq = (uint64_t)rec->epoch << 48 | rec->sequence_number;
    if (c->have_master_secret && rec->epoch == 1 && dec_tls12_open(c, dir, &tr, c->dec->open_buf, &plain_len)) {
        r->pub.decrypted = true;
        r->pub.content_len = plain_len;
        r->inner = c->dec->open_buf;
        r->inner_len = plain_len;
        r->keys_name = "DTLS 1.2 write";
        r->seq = d->dtls_record_seq;
        dec_fact_dtls_decrypted(r, dir, rec->epoch, rec->sequence_number, plain_len, rec->type);
        if (rec->type == TLS_CT_handshake) {
            handshake_content(c, dir, c->dec->open_buf, plain_len, r);
        } else {
            dec_record_content(c, dir, r, rec->type, c->dec->open_buf, plain_len);
        }
        return;
    }
    if (c->have_master_secret) {
        dec_fact_no_master_secret(r, "");
        dec_conn_note(c, "%s: datagram %u: epoch %u record does not decrypt with the logged master secret",
                      side_name(dir), r->pub.datagram, rec->epoch);
    }
    if (rec->type == TLS_CT_handshake) {
        /* Without keys: the first encrypted handshake record of an epoch is the Finished
           (RFC 5246 §7.4.9: the first message under the new keys); after a repeated CCS it is
           the Finished sent again. */
        r->pub.inferred = "finished";
        r->pub.inferred_label = s->after_repeated_ccs[dir] ? "finished (again)" : "finished";
        snprintf(r->pub.inference_reason, sizeof(r->pub.inference_reason),
                 "the first handshake message under the keys of a ChangeCipherSpec is the Finished "
                 "(RFC 5246 §7.4.9)%s", s->after_repeated_ccs[dir] ? "; it follows a repeated "
                 "ChangeCipherSpec, so it is sent again (RFC 6347 §4.2.4)" : "");
        r->pub.retransmission = s->after_repeated_ccs[dir];
        s->after_repeated_ccs[dir] = false;
        dtls_flight_message(s, "finished (encrypted)", r->pub.retransmission);
        d->sent_finished = true;
    }
}


static void process_record(struct dec_conn *c, enum tls_direction dir, const struct tls_stream_datagram *dg,
                           size_t offset, const struct dtls_record *rec)
{
    struct dec_dtls *s = c->dtls;
    struct dec_direction *d = &c->dir[dir];
    struct dec_record r;
    /* Messages completed by this record share the connection's one message buffer: their
       bytes are kept for the facts (dec_fact_keep). */
    dec_record_begin(c, &r, true);
    d->records++;
    c->records++;
    r.pub.conn_id = c->info.id;
    r.pub.dir = dir;
    r.pub.token = dg->token_index;
    r.pub.frame = dg->frame;
    r.pub.offset = offset;
    r.pub.outer_type = rec->type;
    r.pub.version = rec->version;
    r.pub.length = rec->length;
    r.pub.dtls = true;
    r.pub.unified_header = rec->unified;
    r.pub.epoch = rec->epoch;
    r.pub.sequence_number = rec->sequence_number;
    r.pub.datagram = dg->index;
    r.pub.bytes = rec->header; /* header and fragment are contiguous in the datagram */
    r.pub.bytes_len = rec->total_len;
    r.cid_len = rec->cid_len;
    dec_fact_dtls_header(&r, c->records, dir, dg, offset, rec);
    if (rec->unified) {
        s->unified_seen = true;
    } else {
        s->version = rec->version;
        if (rec->epoch > s->epoch[dir]) {
            s->epoch[dir] = rec->epoch;
        }
    }
    if (rec->type == TLS_CT_change_cipher_spec && !rec->unified) {
        ccs_record(c, dir, rec, &r);
    } else if (rec->unified || rec->epoch > 0) {
        protected_record(c, dir, rec, &r);
    } else if (rec->type == TLS_CT_handshake) {
        dec_fact_line(&r, DEC_LINE_DTLS_PLAINTEXT, dir);
        handshake_content(c, dir, rec->fragment, rec->length, &r);
    } else if (rec->type == TLS_CT_ack) {
        ack_content(rec->fragment, rec->length, dtls13_nss_draft(c->version), &r);
    } else {
        dec_record_content(c, dir, &r, rec->type, rec->fragment, rec->length);
    }
    /* A DTLS 1.3 record opened with the key log has its full epoch and sequence number: the
       same window applies to it (RFC 9147 §4.5.1). */
    struct dtls_record seen = *rec;
    if (rec->unified && r.pub.decrypted) {
        seen.unified = false;
        seen.epoch = r.pub.epoch;
        seen.sequence_number = r.pub.sequence_number;
    }
    if (dtls_seen_before(s, dir, &seen)) {
        /* The same epoch and sequence number again: a copy of one record (the network or the
           capture duplicated it), not a retransmission, which gets a new sequence number. */
        r.pub.retransmission = true;
        dec_fact_dtls_epoch(&r, TLS_FACT_DTLS_COPY, dir, seen.epoch, seen.sequence_number);
    }
    dtls_flight_record(s, r.pub.retransmission);
    if (r.pub.retransmission) {
        dec_fact_line(&r, DEC_LINE_DTLS_RETRANSMISSION, dir);
    }
    dec_output_record(c, &r);
    if (r.inner != NULL) {
        tls_wipe(c->dec->open_buf, r.inner_len);
    }
}

void dec_dtls_datagram(struct dec_conn *c, const struct tls_stream_datagram *dg)
{
    struct dec_dtls *s = c->dtls;
    enum tls_direction dir = dg->dir;
    if (s == NULL) {
        return;
    }
    s->datagrams[dir]++;
    if (dg->sent_len > s->largest[dir]) {
        s->largest[dir] = dg->sent_len;
        s->largest_frame[dir] = dg->frame != 0 ? dg->frame : dg->token_index;
    }
    dtls_flight_datagram(s, dir, dg->index, dg->sent_len);
    if (dg->sent_len > dg->len) {
        dec_conn_note(c, "%s: datagram %u (frame %llu) cut by the capture's snapshot length: %zu of %zu bytes",
                      side_name(dir), dg->index, (unsigned long long)dg->frame, dg->len, dg->sent_len);
    }
    size_t pos = 0;
    while (pos < dg->len) {
        struct dtls_record rec;
        struct tls_error err = {0};
        if (dtls_record_parse(dg->data + pos, dg->len - pos, s->cid_len[dir], &rec, &err) != TLS_OK) {
            dec_conn_note(c, "%s: datagram %u (frame %llu): %zu bytes at offset %zu are not a DTLS record "
                             "(%s); the rest of the datagram is skipped",
                          side_name(dir), dg->index, (unsigned long long)dg->frame, dg->len - pos, pos,
                          err.reason);
            return;
        }
        process_record(c, dir, dg, pos, &rec);
        pos += rec.total_len;
    }
}
