/*
 * fuzz_dtls.c — the decoder's DTLS record and handshake-fragment layer (src/decoder/dtls.h:
 * RFC 6347 §4.1, §4.2.2, §4.2.3; RFC 9147 §4), then the whole DTLS decoder on the same
 * datagrams (dtls_decode.c, keyless).
 *
 * Input: datagrams, each as 1 byte (bit 0: 0 client, 1 server; bits 1..7: the connection ID
 * length to assume for unified headers, mod 8) + 2-byte big-endian length + that many bytes
 * (cut short at the end of the input). Bit 7 of the input's first byte set: the decoder writes
 * the HTML page (render_html.c over model_dtls.c) instead of text. Bit 6 set: the decoder has
 * the key log of tests/vectors/captures/dtls/dtls13-nss-draft43-hrr (below), so datagrams from
 * that capture reach the DTLS 1.3 record opening (dtls13_keys.c: mask, sequence number
 * reconstruction, AEAD, inner plaintext) with the right keys.
 *
 * Oracles: a parsed record lies inside its datagram and its fragment inside the record; a failed
 * parse has a reason (fuzz.h's error contract); a parsed fragment lies inside the record and
 * inside its message; the reassembler hands out messages in strictly increasing message_seq
 * order per direction, each exactly as long as its length, with the RFC 6347 §4.2.6 header
 * (offset 0, fragment_length = length); and the decoder, fed the same datagrams as a DTLS token
 * trace, finishes with one connection; every parsed record's fields for the page
 * (model_dtls.c, RFC 6347 §4.1 / RFC 9147 §4 header, fragments) tile it exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/decode.h"
#include "decoder/dtls.h"
#include "decoder/model.h"
#include "fuzz.h"

#define MAX_DATAGRAMS 64u

static struct dtls_reasm reasm[2]; /* large: static, re-initialised per input */
static volatile uint8_t sink;
static struct tls_model_field fields[TLS_MODEL_MAX_FIELDS];

/* The page's fields of one record cover it from byte 0 to its end, in order, without gap. */
static void check_fields(const struct dtls_record *rec, int dir)
{
    struct tls_model_fields fs = {.items = fields};
    struct tls_model_dtls_context ctx = {
        .unified = rec->unified,
        .cid_len = rec->cid_len,
        .is_protected = rec->unified || rec->epoch > 0,
        .tls12 = dir != 0,
        .tag_len = dir != 0 ? 16u : 0u,
        .explicit_nonce = dir != 0,
        .repeated = rec->sequence_number,
    };
    tls_model_describe_dtls_record(&fs, rec->header, rec->total_len, &ctx);
    uint32_t at = 0;
    for (size_t i = 0; i < fs.count; i++) {
        FUZZ_CHECK(fs.items[i].offset == at && fs.items[i].length > 0, "fields do not tile");
        at += fs.items[i].length;
    }
    FUZZ_CHECK(at == rec->total_len, "fields do not end at the record's end");
}

static void check_message(const struct dtls_message *m, bool *have_last, uint16_t *last)
{
    FUZZ_CHECK(m->length <= DTLS_MAX_MESSAGE_LEN, "message longer than the bound");
    FUZZ_CHECK(m->header[0] == m->msg_type, "header type differs");
    uint32_t hl = (uint32_t)m->header[1] << 16 | (uint32_t)m->header[2] << 8 | m->header[3];
    uint32_t fo = (uint32_t)m->header[6] << 16 | (uint32_t)m->header[7] << 8 | m->header[8];
    uint32_t fl = (uint32_t)m->header[9] << 16 | (uint32_t)m->header[10] << 8 | m->header[11];
    FUZZ_CHECK(hl == m->length && fo == 0 && fl == m->length, "RFC 6347 §4.2.6 header wrong");
    FUZZ_CHECK((uint16_t)(m->header[4] << 8 | m->header[5]) == m->message_seq, "header message_seq differs");
    if (*have_last) {
        FUZZ_CHECK((uint16_t)(*last + 1) == m->message_seq, "messages not in message_seq order");
    }
    *have_last = true;
    *last = m->message_seq;
    uint8_t x = 0;
    for (uint32_t i = 0; i < m->length; i++) {
        x ^= m->body[i];
    }
    sink = x;
}

static void layer(const uint8_t *dg, size_t len, int dir, size_t cid_len, bool *have_last, uint16_t *last)
{
    size_t pos = 0;
    while (pos < len) {
        struct dtls_record rec;
        struct tls_error err = {0};
        tls_result rc = dtls_record_parse(dg + pos, len - pos, cid_len, &rec, &err);
        if (rc != TLS_OK) {
            fuzz_check_result(rc, &err);
            return;
        }
        FUZZ_CHECK(rec.total_len > 0 && rec.total_len <= len - pos, "record outside its datagram");
        FUZZ_CHECK(rec.fragment + rec.length == dg + pos + rec.total_len, "fragment not at the record's end");
        check_fields(&rec, dir);
        if (!rec.unified && rec.type == 22 && rec.epoch == 0) {
            size_t fp = 0;
            while (fp < rec.length) {
                struct dtls_fragment f;
                size_t used = 0;
                struct tls_error e2 = {0};
                tls_result r2 = dtls_fragment_parse(rec.fragment + fp, rec.length - fp, &f, &used, &e2);
                if (r2 != TLS_OK) {
                    fuzz_check_result(r2, &e2);
                    break;
                }
                FUZZ_CHECK(used <= rec.length - fp && used == DTLS_HANDSHAKE_HEADER_LEN + f.fragment_length,
                           "fragment outside its record");
                FUZZ_CHECK((uint64_t)f.fragment_offset + f.fragment_length <= f.length, "fragment outside its message");
                enum dtls_fragment_status st = dtls_reasm_add(&reasm[dir], &f);
                FUZZ_CHECK(dtls_fragment_status_name(st) != NULL, "status without a name");
                struct dtls_message m;
                while (dtls_reasm_next(&reasm[dir], &m)) {
                    check_message(&m, &have_last[dir], &last[dir]);
                }
                fp += used;
            }
        }
        pos += rec.total_len;
    }
}

/* tests/vectors/captures/dtls/dtls13-nss-draft43-hrr.keylog (NSS 3.87's secrets, README there) */
static const char nss_keylog[] =
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET 56a03ccb45201dce16693ebecec489810c73af6824ada2f758538f4e2c2104c4 d5f91f5c7e4c5f16b4d0c123d991481871f57d38480f7a6720bc9be8ba82871f\n"
    "SERVER_HANDSHAKE_TRAFFIC_SECRET 56a03ccb45201dce16693ebecec489810c73af6824ada2f758538f4e2c2104c4 96604e19706e627b7d5722a33ad8f63409f488a5cb9778ff99a285a47da27ca0\n"
    "CLIENT_TRAFFIC_SECRET_0 56a03ccb45201dce16693ebecec489810c73af6824ada2f758538f4e2c2104c4 c0bc24873c17144ab2d3eaa08060a7fd2382b21670d4bf9d64e0201afcd214fa\n"
    "SERVER_TRAFFIC_SECRET_0 56a03ccb45201dce16693ebecec489810c73af6824ada2f758538f4e2c2104c4 3c05f9c75e9b20268ed9e91bae7a0a2e6e7319f59c6c17a178b05a4587102f2c\n";

static const struct tls_keylog *keylog(void)
{
    static struct tls_keylog kl;
    static bool parsed;
    if (!parsed) {
        unsigned long bad = 0;
        tls_keylog_init(&kl);
        FUZZ_CHECK(tls_keylog_parse(&kl, nss_keylog, sizeof(nss_keylog) - 1, &bad, NULL) == TLS_OK,
                   "the stored key log does not parse");
        parsed = true;
    }
    return &kl;
}

static void discard(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
}

struct count {
    size_t connections;
};

static void on_connection_end(void *ctx, const struct tls_decoded_connection *dc)
{
    struct count *c = ctx;
    FUZZ_CHECK(dc->notes != NULL, "connection without notes string");
    c->connections++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dtls_reasm_init(&reasm[0]);
    dtls_reasm_init(&reasm[1]);
    bool have_last[2] = {false, false};
    uint16_t last[2] = {0, 0};
    /* The same datagrams as a DTLS token trace, for the decoder. */
    size_t cap = 2 * size + 4 * MAX_DATAGRAMS + 1;
    char *trace = malloc(cap);
    if (trace == NULL) {
        return 0;
    }
    size_t tl = 0;
    size_t pos = 0;
    unsigned n = 0;
    while (pos + 3 <= size && n < MAX_DATAGRAMS) {
        int dir = data[pos] & 1;
        size_t cid_len = (size_t)(data[pos] >> 1) % 8;
        size_t len = (size_t)data[pos + 1] << 8 | data[pos + 2];
        pos += 3;
        if (len > size - pos) {
            len = size - pos;
        }
        layer(data + pos, len, dir, cid_len, have_last, last);
        if (len > 0) {
            tl += (size_t)snprintf(trace + tl, cap - tl, "%c:", dir ? 'S' : 'C');
            for (size_t i = 0; i < len; i++) {
                static const char hex[] = "0123456789abcdef";
                trace[tl++] = hex[data[pos + i] >> 4];
                trace[tl++] = hex[data[pos + i] & 15];
            }
            trace[tl++] = '\n';
        }
        pos += len;
        n++;
    }
    trace[tl] = '\0';
    if (tl > 0) {
        struct count c = {0};
        struct tls_decode_options opt;
        memset(&opt, 0, sizeof(opt));
        opt.format = (data[0] & 0x80) != 0 ? TLS_DECODE_HTML : TLS_DECODE_TEXT;
        opt.keylog = (data[0] & 0x40) != 0 ? keylog() : NULL;
        opt.write = discard;
        opt.on_connection_end = on_connection_end;
        opt.observer_ctx = &c;
        struct tls_decoder *dec = tls_decoder_new(&opt);
        if (dec != NULL) {
            struct tls_input_error ie;
            memset(&ie, 0, sizeof(ie));
            tls_result rc = tls_decoder_decode_trace(dec, "fuzz", trace, tl, &ie);
            FUZZ_CHECK(rc == TLS_OK, "a well-formed trace was refused");
            FUZZ_CHECK(c.connections == 1, "a trace is one connection");
            tls_decoder_finish(dec);
            tls_decoder_free(dec);
        }
    }
    free(trace);
    return 0;
}
