/*
 * model_dtls.c — cuts a DTLS record into named byte ranges for the page: the DTLSPlaintext
 * header (RFC 6347 §4.1) or a DTLS 1.3 unified header (RFC 9147 §4), and handshake content as
 * fragments (RFC 6347 §4.2.2), each with its 12-byte header.
 *
 * Implementation notes
 * --------------------
 * A DTLS record is whole in its datagram and a fragment is whole in its record, so unlike TLS
 * (model_fields.c) no state crosses records: a fragment that is a whole message
 * (fragment_offset 0, fragment_length = length) is cut by the one message describer
 * (model_messages.c, with its DTLS ClientHello cookie and HelloVerifyRequest); any other
 * fragment is one field naming which bytes of which message it holds. The reassembled message
 * is described in the decoder's reading (dtls_decode.c), not cut again here.
 */
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/model_tiler.h"

static const char *or_unknown(const char *n)
{
    return n != NULL ? n : "unknown";
}

/* One fragment at the tiler's position (RFC 6347 §4.2.2). */
static void fragment(struct model_tiler *t, const struct tls_model_dtls_context *ctx, unsigned index)
{
    bool repeated = index < 64 && (ctx->repeated >> index & 1u) != 0;
    uint8_t type = (uint8_t)model_peek(t, 1);
    const char *name = or_unknown(tls_handshake_type_name(type));
    model_take(t, 1, "msg_type", "the handshake message type (HandshakeType)", NULL, "%s(%u)", name,
               type);
    uint32_t length = model_peek(t, 3);
    model_take(t, 3, "length", "the length of the whole message body, whatever part of it this "
               "fragment holds (uint24)", NULL, "%u", (unsigned)length);
    uint32_t seq = model_peek(t, 2);
    model_take(t, 2, "message_seq", "the message's number in its sender's handshake (0 for the first "
               "ClientHello); a retransmitted message keeps its number", NULL, "%u%s", (unsigned)seq,
               repeated ? " (seen before: a retransmission, RFC 6347 §4.2.4)" : "");
    uint32_t off = model_peek(t, 3);
    model_take(t, 3, "fragment_offset", "where in the message body this fragment's bytes start", NULL,
               "%u", (unsigned)off);
    uint32_t flen = model_peek(t, 3);
    model_take(t, 3, "fragment_length", "how many body bytes this fragment holds", NULL, "%u",
               (unsigned)flen);
    if (t->stopped) {
        return;
    }
    if (flen > t->len - t->pos) {
        model_rest(t, "unparsed", "fragment_length runs past the record", NULL);
        t->stopped = true;
        t->out->malformed = true;
        return;
    }
    if (off == 0 && flen == length) {
        struct model_tiler body = model_sub(t, flen);
        body.rfc = "§4";
        model_describe_message(&body, type);
        return;
    }
    char value[TLS_MODEL_VALUE_LEN];
    snprintf(value, sizeof(value), "bytes %u to %u of the %u-byte %s body (message_seq %u)%s",
             (unsigned)off, (unsigned)(off + flen), (unsigned)length, name, (unsigned)seq,
             repeated ? "; seen before: a retransmission (RFC 6347 §4.2.4)" : "");
    model_take(t, flen, "fragment", "a part of a message sent in several fragments; the receiver "
               "puts the message back together by message_seq and fragment_offset, in any order",
               NULL, "%s", value);
}

/* Handshake content: one or more fragments. */
static void fragments(struct model_tiler *t, const struct tls_model_dtls_context *ctx)
{
    unsigned index = 0;
    while (t->pos < t->len && !t->stopped) {
        t->message = (uint16_t)(index + 1);
        t->rfc = "RFC 6347 §4.2.2";
        if (t->len - t->pos < 12) {
            t->message = 0;
            model_rest(t, "unparsed", "fewer bytes than a fragment's 12-byte header", NULL);
            t->out->malformed = true;
            break;
        }
        fragment(t, ctx, index);
        index++;
    }
    t->message = 0;
}

static void content(struct model_tiler *t, uint8_t type, const struct tls_model_dtls_context *ctx)
{
    if (type == TLS_CT_handshake) {
        fragments(t, ctx);
    } else if (type == TLS_CT_ack) {
        /* RFC 9147 §7: struct { RecordNumber record_numbers<0..2^16-1>; } ACK; */
        size_t n = model_vector(t, 2, "record_numbers", "RFC 9147 §7");
        struct model_tiler list = model_sub(t, n);
        while (list.pos < list.len && !list.stopped) {
            model_take(&list, 16, "RecordNumber", "an acknowledged record: uint64 epoch, uint64 "
                       "sequence_number", "RFC 9147 §7", NULL);
        }
        model_rest(&list, "unparsed", "not a whole RecordNumber", "RFC 9147 §7");
    } else {
        model_content(t, type);
    }
    model_rest(t, "content", "content this describer does not cut finer", NULL);
}

/* RFC 9147 §4: 0 0 1 C S L E E, [connection ID], sequence number (8 or 16 bits), [length]. */
static void unified_header(struct model_tiler *t, const struct tls_model_dtls_context *ctx)
{
    uint8_t flags = (uint8_t)model_peek(t, 1);
    model_take(t, 1, "unified_hdr", "001 then C (connection ID present), S (16-bit sequence number), "
               "L (length present), and the low two bits of the epoch", "RFC 9147 §4",
               "C=%u S=%u L=%u epoch bits %u", (flags & 0x10) != 0, (flags & 0x08) != 0,
               (flags & 0x04) != 0, flags & 0x03u);
    if ((flags & 0x10) != 0) {
        model_take(t, ctx->cid_len, "connection_id", "the connection ID the receiver asked for "
                   "(RFC 9146)", "RFC 9147 §4", NULL);
    }
    size_t seq_len = (flags & 0x08) != 0 ? 2 : 1;
    model_take(t, seq_len, "sequence_number", "the low bits of the record's sequence number, "
               "encrypted (record number encryption, RFC 9147 §4.2.3)", "RFC 9147 §4", NULL);
    if ((flags & 0x04) != 0) {
        model_take(t, 2, "length", "the length of the encrypted_record", "RFC 9147 §4", "%u",
                   (unsigned)model_peek(t, 2));
    }
    model_rest(t, "encrypted_record", "the DTLSInnerPlaintext (content, type, zeros) and the AEAD "
               "tag, under the TLS 1.3 traffic keys of this epoch", "RFC 9147 §4");
}

void tls_model_describe_dtls_record(struct tls_model_fields *out, const uint8_t *bytes,
                                    size_t len, const struct tls_model_dtls_context *ctx)
{
    out->count = 0;
    out->malformed = false;
    struct model_tiler t = {.out = out, .p = bytes, .len = len, .rfc = "RFC 6347 §4.1",
                            .tls12 = ctx->tls12, .dtls = true};
    if (ctx->unified) {
        unified_header(&t, ctx);
        return;
    }
    uint8_t type = (uint8_t)model_peek(&t, 1);
    model_take(&t, 1, "type", "the ContentType, in the clear in DTLS 1.0 and 1.2", NULL, "%s(%u)",
               or_unknown(tls_content_type_name(type)), type);
    uint32_t version = model_peek(&t, 2);
    model_take(&t, 2, "version", "the DTLS version as the ones' complement of the TLS one: 0xfeff "
               "DTLS 1.0, 0xfefd DTLS 1.2", NULL, "%s(0x%04x)",
               or_unknown(tls_version_name((uint16_t)version)), (unsigned)version);
    model_take(&t, 2, "epoch", "counts its sender's cipher state changes: 0 in the clear, 1 after "
               "its ChangeCipherSpec, ...", NULL, "%u", (unsigned)model_peek(&t, 2));
    uint64_t seq = (uint64_t)model_peek(&t, 2) << 32 | model_peek_at(&t, 2, 4);
    model_take(&t, 6, "sequence_number", "48 bits, counted per epoch from 0; sent in the clear "
               "because datagrams may be lost or reordered (it enters the nonce and MAC)", NULL,
               "%llu", (unsigned long long)seq);
    if (type == TLS_CT_tls12_cid) {
        model_take(&t, ctx->cid_len, "cid", "the connection ID the receiver asked for", "RFC 9146 §4",
                   NULL);
    }
    model_take(&t, 2, "length", "the length of the fragment that follows, in bytes", NULL, "%u",
               (unsigned)model_peek(&t, 2));
    if (t.stopped) {
        return;
    }
    if (ctx->is_protected || type == TLS_CT_tls12_cid) {
        model_aead12(&t, ctx->explicit_nonce, ctx->tag_len);
        return;
    }
    content(&t, type, ctx);
}

void tls_model_describe_dtls_plaintext(struct tls_model_fields *out, const uint8_t *plain,
                                       size_t len, uint8_t type,
                                       const struct tls_model_dtls_context *ctx)
{
    out->count = 0;
    out->malformed = false;
    struct model_tiler t = {.out = out, .p = plain, .len = len, .rfc = "RFC 6347 §4.1",
                            .tls12 = ctx->tls12, .dtls = true};
    content(&t, type, ctx);
}
