/*
 * render_text.c — the text renderer of the message describer (model.h): the field lines of
 * `tls13 decode`'s record details, one line per field in the RFC's order and names (RFC 8446 §4,
 * §4.2), indented by nesting.
 *
 * Implementation notes
 * --------------------
 * The fields come from tls_model_describe_message(), the describer the HTML page and `connect
 * --explain` render too; this file only chooses how they read as text:
 *   - a vector's length prefix (§3.4) is not a line: the bytes it counts are;
 *   - a run of list entries of one name (cipher_suite, named_group, signature_scheme) is one
 *     line, "cipher_suite (3): A, B, C";
 *   - a field without a value in words shows its bytes in hex (up to 64), or only its size.
 * Only text and HTML runs reach here (the page shows the text as each record's reading): a JSON
 * run records no facts and renders none (dec_record_begin).
 *
 * The record lines (header, protection, decryption, alert, data, ChangeCipherSpec, the SSL 2.0
 * and DTLS ones) are here too: the decoding code stores what it found as facts
 * (model_facts.h), and dec_text_record_facts() turns a record's facts into its detail text
 * when the output stage writes the record (decode_output.c). The decoding code formats nothing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls.h"

#define TEXT_MAX_HEX 64u /* bytes shown in hex for a field without a value in words */

/* One field's value as text: its words, or its bytes. */
static void field_value(struct dec_text *t, const struct tls_model_field *f, const uint8_t *body)
{
    if (f->value[0] != '\0') {
        dec_text_printf(t, "%s", f->value);
    } else if (f->length <= TEXT_MAX_HEX) {
        dec_text_hex(t, body + f->offset, f->length);
    } else {
        dec_text_printf(t, "%u bytes", (unsigned)f->length);
    }
}

static void dec_text_message_fields(struct tls_decoder *dec, struct dec_text *t, uint8_t msg_type,
                             const uint8_t *body, size_t len, bool tls12)
{
    if (body == NULL) {
        dec_text_printf(t, "      (fields not shown: more message bytes in this record than kept)\n");
        return;
    }
    if (dec->text_fields == NULL) {
        /* One array for the decoder's life, not one per record. */
        dec->text_fields = calloc(TLS_MODEL_MAX_FIELDS, sizeof(struct tls_model_field));
        if (dec->text_fields == NULL) {
            dec_text_printf(t, "      (fields not shown: out of memory)\n");
            return;
        }
    }
    struct tls_model_fields fs = {.items = dec->text_fields};
    tls_model_describe_message(&fs, msg_type, body, len, tls12);
    for (size_t i = 0; i < fs.count;) {
        const struct tls_model_field *f = &fs.items[i];
        size_t run = tls_model_field_run(&fs, i);
        if (!f->is_length) {
            dec_text_printf(t, "      %*s%s", 2 * f->depth, "", f->name);
            if (run > 1) {
                dec_text_printf(t, " (%zu)", run);
            }
            dec_text_printf(t, ": ");
            for (size_t k = 0; k < run; k++) {
                if (k > 0) {
                    dec_text_printf(t, ", ");
                }
                field_value(t, &fs.items[i + k], body);
            }
            dec_text_printf(t, "\n");
        }
        i += run;
    }
}

/* ---- record lines: what decode_record.c found, as text ---------------------------------- */

static const char *side_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

static const char *or_unknown(const char *name)
{
    return name != NULL ? name : "unknown";
}

/* "  #N client offset O [token T] [frame F]": the start of every record's detail. */
static void record_where(struct dec_text *t, uint64_t number, enum tls_direction dir,
                         uint64_t offset, unsigned token, uint64_t frame)
{
    dec_text_printf(t, "  #%llu %s offset %llu", (unsigned long long)number, side_name(dir),
                    (unsigned long long)offset);
    if (token != 0) {
        dec_text_printf(t, " token %u", token);
    }
    if (frame != 0) {
        dec_text_printf(t, " frame %llu", (unsigned long long)frame);
    }
}

static void dec_text_record_header(struct dec_text *t, const struct tls_model_fact *f)
{
    record_where(t, f->u.header.number, f->dir, f->u.header.offset, f->u.header.token,
                 f->u.header.frame);
    dec_text_printf(t, ": record type %s(%u), legacy_record_version 0x%04x, length %u\n",
                    or_unknown(tls_content_type_name(f->u.header.type)), f->u.header.type,
                    f->u.header.version, f->u.header.length);
}

static void dec_text_record_line(struct dec_text *t, enum dec_record_line line, enum tls_direction dir)
{
    switch (line) {
    case DEC_LINE_PLAINTEXT:
        dec_text_printf(t, "    not protected: TLSPlaintext (RFC 8446 §5.1)\n");
        break;
    case DEC_LINE_PROTECTED13:
        dec_text_printf(t, "    protected: TLSCiphertext, the %s's content and type are "
                           "encrypted (RFC 8446 §5.2)\n", side_name(dir));
        break;
    case DEC_LINE_PROTECTED12:
        dec_text_printf(t, "    protected: encrypted under the keys of the %s's last "
                           "ChangeCipherSpec (RFC 5246 §6.2.3)\n", side_name(dir));
        break;
    case DEC_LINE_BAD_RECORD_MAC:
        dec_text_printf(t, "    does not decrypt with the logged keys (bad_record_mac)\n");
        break;
    case DEC_LINE_CONTINUES:
        dec_text_printf(t, "    (a handshake message continues in the next record)\n");
        break;
    case DEC_LINE_CCS12:
        dec_text_printf(t, "    ChangeCipherSpec (RFC 5246 §7.1): the %s's next records are "
                           "encrypted with the new keys\n", side_name(dir));
        break;
    case DEC_LINE_CCS13_NOT_ALLOWED:
        dec_text_printf(t, "    the peer MUST answer unexpected_message (RFC 8446 §5): "
                           "only the single byte 0x01, before the Finished, is allowed\n");
        break;
    case DEC_LINE_SSLV2_ENCRYPTED:
        dec_text_printf(t, "    encrypted (SSL 2.0, not decrypted here)\n");
        break;
    case DEC_LINE_SSLV2_SERVER_HELLO:
        dec_text_printf(t, "    SSL 2.0 SERVER-HELLO: the server speaks SSL 2.0\n");
        break;
    case DEC_LINE_SSLV2_CLIENT_MASTER_KEY:
        dec_text_printf(t, "    SSL 2.0 CLIENT-MASTER-KEY: the client's next records are encrypted\n");
        break;
    case DEC_LINE_DTLS_PLAINTEXT:
        dec_text_printf(t, "    not protected: epoch 0 (RFC 6347 §4.1)\n");
        break;
    case DEC_LINE_DTLS_CH_SHORT:
        dec_text_printf(t, "    ClientHello too short for its cookie (RFC 6347 §4.2.1)\n");
        break;
    case DEC_LINE_DTLS_RETRANSMISSION:
        dec_text_printf(t, "    => retransmission (RFC 6347 §4.2.4)\n");
        break;
    case DEC_LINE_DTLS_ACK_MALFORMED:
        dec_text_printf(t, "    ACK does not parse (RFC 9147 §7)\n");
        break;
    case DEC_LINE_DTLS_ACK_MALFORMED_DRAFT43:
        dec_text_printf(t, "    ACK does not parse (RFC 9147 §7, 8-byte record numbers of NSS's draft 43)\n");
        break;
    default:
        break;
    }
}

static void dec_text_ccs13(struct dec_text *t, unsigned value)
{
    dec_text_printf(t, "    ChangeCipherSpec (value %u): TLS 1.3 middlebox compatibility "
                       "(RFC 8446 App. D.4); not protected, not in the transcript\n", value);
}

static void dec_text_decrypted(struct dec_text *t, const struct tls_model_fact *f)
{
    enum tls_direction dir = f->dir;
    if (f->u.decrypted.has_inner_type) {
        dec_text_printf(t, "    decrypted with the %s's %s traffic keys (seq %llu): "
                           "inner type %s(%u), content %zu bytes, padding %zu bytes\n",
                        side_name(dir),
                        f->u.decrypted.keys_name != NULL ? f->u.decrypted.keys_name : "?",
                        (unsigned long long)f->u.decrypted.seq,
                        or_unknown(tls_content_type_name(f->u.decrypted.inner_type)),
                        f->u.decrypted.inner_type, f->u.decrypted.content_len,
                        f->u.decrypted.padding_len);
        return;
    }
    const char *tn = tls_content_type_name(f->u.decrypted.outer_type);
    dec_text_printf(t, "    decrypted with the %s's TLS 1.2 write key (seq %llu): %zu bytes of %s\n",
                    side_name(dir), (unsigned long long)f->u.decrypted.seq,
                    f->u.decrypted.content_len, tn != NULL ? tn : "?");
}

static void dec_text_no_master_secret(struct dec_text *t, const char *why)
{
    dec_text_printf(t, "    does not decrypt with the logged master secret%s%s\n",
                    *why != '\0' ? ": " : "", why);
}

static void dec_text_cbc(struct dec_text *t, bool etm, const char *mac_name, size_t padding)
{
    dec_text_printf(t, "    CBC (%s): %s verified, padding %zu bytes checked\n",
                    etm ? "encrypt_then_mac, RFC 7366" : "MAC-then-encrypt, RFC 5246 §6.2.3.2",
                    mac_name, padding);
}

static void dec_text_heartbeat(struct dec_text *t, unsigned type, size_t payload_length, size_t len)
{
    if (len < 3) {
        dec_text_printf(t, "    heartbeat: %zu bytes, too short for a HeartbeatMessage "
                           "(RFC 6520 §4: type and payload_length take 3)\n", len);
        return;
    }
    const char *tn = type == 1 ? "heartbeat_request" : type == 2 ? "heartbeat_response" : "unknown";
    dec_text_printf(t, "    HeartbeatMessage (RFC 6520 §4): type %s(%u), payload_length %zu, "
                       "%zu bytes in the record\n", tn, type, payload_length, len);
    if (payload_length + 3 > len) {
        dec_text_printf(t, "    payload_length reaches %zu bytes past the record: the "
                           "Heartbleed pattern (CVE-2014-0160)\n", payload_length + 3 - len);
    } else if (len - 3 - payload_length < 16) {
        dec_text_printf(t, "    padding %zu bytes: RFC 6520 §4 asks for at least 16\n",
                        len - 3 - payload_length);
    }
}

static void dec_text_alert(struct dec_text *t, const struct tls_model_fact *f)
{
    unsigned level = f->u.alert.level;
    if (f->u.alert.parse_error != NULL) {
        dec_text_printf(t, "    alert: %zu bytes, not an Alert (%s)\n", f->u.alert.len,
                        f->u.alert.parse_error);
        return;
    }
    dec_text_printf(t, "    Alert: level %s(%u), description %s(%u)\n",
                    level == 1 ? "warning" : level == 2 ? "fatal" : "unknown",
                    level, or_unknown(tls_alert_name(f->u.alert.description)),
                    f->u.alert.description);
}

static void dec_text_content(struct dec_text *t, uint8_t type, const uint8_t *content, size_t len,
                      bool show_data)
{
    if (type != TLS_CT_application_data) {
        dec_text_printf(t, "    content type %u: %zu bytes\n", type, len);
        return;
    }
    dec_text_printf(t, "    application_data: %zu bytes\n", len);
    /* The content is someone's data: shown only when asked (--show-data), and bounded. */
    if (!show_data || len == 0) {
        return;
    }
    size_t shown = len < TLS_DECODE_MAX_SHOWN_DATA ? len : TLS_DECODE_MAX_SHOWN_DATA;
    for (size_t i = 0; i < shown; i += 16) {
        size_t n = shown - i < 16 ? shown - i : 16;
        dec_text_printf(t, "      %04zx  ", i);
        dec_text_hex(t, content + i, n);
        dec_text_printf(t, "%*s  ", (int)(2 * (16 - n)), "");
        for (size_t j = 0; j < n; j++) {
            char ch = (char)content[i + j];
            dec_text_append(t, ch >= 0x20 && ch < 0x7f ? &ch : ".", 1);
        }
        dec_text_append(t, "\n", 1);
    }
    if (shown < len) {
        dec_text_printf(t, "      ... %zu more bytes not shown\n", len - shown);
    }
}

static void dec_text_reassembly_stopped(struct dec_text *t, const char *reason)
{
    dec_text_printf(t, "    handshake bytes not followed: %s\n", reason);
}

/* ---- verdicts: checks and inferences, as the decoder concluded them ---------------------- */

static void dec_text_inference(struct dec_text *t, const struct tls_model_fact *f)
{
    dec_text_printf(t, "    inferred without keys: %s", f->u.inference.inferred);
    if (f->u.inference.alternatives != NULL) {
        dec_text_printf(t, " (also possible: %s)", f->u.inference.alternatives);
    }
    dec_text_printf(t, "\n      why: %s\n", f->u.inference.reason);
}

static void dec_text_signature(struct dec_text *t, enum tls_direction dir,
                        enum tls_finished_status status, const char *reason)
{
    if (status == TLS_FINISHED_VERIFIED) {
        dec_text_printf(t, "      signature: verified with the %s certificate's public key\n",
                        side_name(dir));
    } else if (status == TLS_FINISHED_FAILED) {
        dec_text_printf(t, "      signature: DOES NOT VERIFY with the %s certificate's key (%s)\n",
                        side_name(dir), reason);
    } else if (reason != NULL) {
        dec_text_printf(t, "      signature not checked: %s\n", reason);
    } else {
        dec_text_printf(t, "      signature not checked: no %s certificate key\n", side_name(dir));
    }
}

static void dec_text_finished13(struct dec_text *t, enum tls_direction dir, enum tls_finished_status st,
                         const uint8_t *th, size_t thl, const uint8_t *expected, size_t hl)
{
    if (th == NULL) {
        dec_text_printf(t, "      not verified: no handshake traffic secret for this connection\n");
        return;
    }
    dec_text_printf(t, "      transcript hash: ");
    dec_text_hex(t, th, thl);
    dec_text_printf(t, "\n      recomputed (RFC 8446 §4.4.4, %s_handshake_traffic_secret): %s\n",
                    side_name(dir), st == TLS_FINISHED_VERIFIED ? "equal: verified"
                                                                : "DIFFERENT: failed");
    if (st == TLS_FINISHED_FAILED) {
        dec_text_printf(t, "      expected verify_data: ");
        dec_text_hex(t, expected, hl);
        dec_text_printf(t, "\n");
    }
}

static void dec_text_finished12(struct dec_text *t, enum tls_hash_alg prf_hash,
                         enum tls_finished_status st)
{
    /* TLS_HASH_NONE: the TLS 1.0/1.1 PRF over MD5 + SHA-1 of the messages (RFC 2246 §7.4.9) */
    dec_text_printf(t, "      recomputed (%s over the handshake messages): %s\n",
                    prf_hash == TLS_HASH_NONE ? "RFC 2246 §7.4.9, PRF with MD5 and SHA-1"
                    : prf_hash == TLS_HASH_SHA384 ? "RFC 5246 §7.4.9, PRF with SHA-384"
                                                  : "RFC 5246 §7.4.9, PRF with SHA-256",
                    st == TLS_FINISHED_VERIFIED ? "equal: verified" : "DIFFERENT: failed");
}

static void dec_text_note_line(struct dec_text *t, const char *line)
{
    dec_text_printf(t, "      %s\n", line);
}

/* A parser's objection to a message: "not a valid ClientHello: ..." or "not parsed: ...". */
static void dec_text_not_parsed(struct dec_text *t, const char *message, const char *reason)
{
    if (message != NULL) {
        dec_text_printf(t, "      not a valid %s: %s\n", message, reason);
    } else {
        dec_text_printf(t, "      not parsed: %s\n", reason);
    }
}

static void dec_text_negotiated(struct dec_text *t, uint16_t version)
{
    dec_text_printf(t, "      negotiated: %s\n", or_unknown(tls_version_name(version)));
}

static void dec_text_key_update(struct dec_text *t, enum tls_direction dir, unsigned next_generation)
{
    dec_text_printf(t, "      the %s's next records use application_traffic_secret_%u "
                       "(§7.2 \"traffic upd\")\n", side_name(dir), next_generation);
}

static void dec_text_message_header(struct dec_text *t, const char *name, uint8_t type, uint32_t length)
{
    dec_text_printf(t, "    Handshake %s(%u), length %u\n", or_unknown(name), type, (unsigned)length);
}

/* RFC 5246 §7.4.1.3 / RFC 8446 §4.1.3: a ServerHello's compression method other than null. */
static void text_compression(struct dec_text *t, uint8_t method, bool tls13)
{
    const char *name = method == 1 ? "DEFLATE" : method == 64 ? "LZS" : "unknown";
    if (tls13) {
        dec_text_printf(t, "      compression %s(%u): RFC 8446 §4.1.3 says legacy_compression_method "
                           "MUST be 0; a TLS 1.3 client aborts with illegal_parameter\n", name, method);
        return;
    }
    dec_text_printf(t, "      compression: %s(%u) (RFC 5246 §7.4.1.3%s)\n", name, method,
                    method == 1 ? ", RFC 3749" : "");
}

/* ---- SSL 2.0 records (RFC 5246 Appendix E.2) --------------------------------------------- */

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void text_sslv2_client_hello(struct dec_text *t, const struct tls_model_fact *f)
{
    uint16_t version = f->u.sslv2_hello.version;
    const char *vn = tls_version_name(version);
    dec_text_printf(t, "    SSLv2-format ClientHello (RFC 5246 Appendix E.2): version %s(0x%04x), "
                       "%zu cipher specs, session_id %zu bytes, challenge %zu bytes\n",
                    vn != NULL ? vn : (version == 0x0002 ? "SSL 2.0" : "unknown"), version,
                    f->u.sslv2_hello.cs / 3, f->u.sslv2_hello.sid, f->u.sslv2_hello.chal);
    const uint8_t *spec = f->u.sslv2_hello.specs;
    for (size_t i = 0; i < f->u.sslv2_hello.cs; i += 3) {
        /* A V2CipherSpec with a zero first byte is a TLS cipher suite (Appendix E.2). */
        const char *n = spec[i] == 0 ? tls_cipher_suite_name(be16(spec + i + 1)) : NULL;
        dec_text_printf(t, "      cipher spec %02x%02x%02x%s%s\n", spec[i], spec[i + 1],
                        spec[i + 2], n != NULL ? " " : spec[i] != 0 ? " (SSL 2.0 cipher kind)" : "",
                        n != NULL ? n : "");
    }
}

/* ---- DTLS records (RFC 6347, RFC 9147) ---------------------------------------------------- */

static void text_dtls_header(struct dec_text *t, const struct tls_model_fact *f)
{
    dec_text_printf(t, "  #%llu %s datagram %u", (unsigned long long)f->u.dtls.number, side_name(f->dir),
                    f->u.dtls.datagram);
    if (f->u.dtls.token != 0) {
        dec_text_printf(t, " token %u", f->u.dtls.token);
    }
    if (f->u.dtls.frame != 0) {
        dec_text_printf(t, " frame %llu", (unsigned long long)f->u.dtls.frame);
    }
    if (f->u.dtls.unified) {
        dec_text_printf(t, " offset %zu: DTLS 1.3 ciphertext, epoch bits %u, sequence_number bits 0x%llx, "
                           "length %u\n", f->u.dtls.offset, f->u.dtls.epoch,
                        (unsigned long long)f->u.dtls.sequence_number, f->u.dtls.length);
        return;
    }
    dec_text_printf(t, " offset %zu: record type %s(%u), version %s(0x%04x), epoch %u, sequence_number %llu, "
                       "length %u\n", f->u.dtls.offset, or_unknown(tls_content_type_name(f->u.dtls.type)),
                    f->u.dtls.type, or_unknown(tls_version_name(f->u.dtls.version)), f->u.dtls.version,
                    f->u.dtls.epoch, (unsigned long long)f->u.dtls.sequence_number, f->u.dtls.length);
}

static void text_hex_or_absent(struct dec_text *t, const uint8_t *p, size_t n)
{
    if (p != NULL) {
        dec_text_hex(t, p, n);
    } else {
        dec_text_printf(t, "(not kept)");
    }
}

static void text_dtls_hvr(struct dec_text *t, const struct tls_model_fact *f)
{
    if (!f->u.hvr.ok) {
        dec_text_printf(t, "      HelloVerifyRequest does not parse (RFC 6347 §4.2.1)\n");
        return;
    }
    uint16_t v = f->u.hvr.version;
    dec_text_printf(t, "      server_version: %s(0x%04x)\n      cookie: %zu bytes ", or_unknown(tls_version_name(v)),
                    v, f->u.hvr.cookie_len);
    text_hex_or_absent(t, f->u.hvr.cookie, f->u.hvr.cookie_len);
    dec_text_printf(t, "\n      (RFC 6347 §4.2.1: before keeping any state the server asks the client to "
                       "prove it receives at its address: the client must send its ClientHello again "
                       "with this cookie. A server makes it from the client's address and ClientHello "
                       "fields, which is why Schannel's AcceptSecurityContext needs the client's "
                       "address in a SECBUFFER_EXTRA buffer. This ClientHello and this "
                       "HelloVerifyRequest are not part of the Finished hash, RFC 6347 §4.2.6.)\n");
}

static void text_dtls_cookie(struct dec_text *t, const struct tls_model_fact *f)
{
    size_t cookie_len = f->u.cookie.len;
    dec_text_printf(t, "      cookie: %zu bytes", cookie_len);
    if (cookie_len > 0) {
        dec_text_printf(t, " ");
        text_hex_or_absent(t, f->u.cookie.cookie, cookie_len);
    }
    if (f->u.cookie.hvr_seen) {
        dec_text_printf(t, "\n      (RFC 6347 §4.2.1: %s)\n",
                        f->u.cookie.same ? "the cookie of the HelloVerifyRequest, echoed: the client proved its "
                                           "address; the handshake proper starts here"
                                         : "NOT the cookie of the HelloVerifyRequest: a server answers this with "
                                           "another HelloVerifyRequest or drops it");
    } else {
        dec_text_printf(t, "%s\n", cookie_len == 0 ? " (empty: no cookie asked for yet)" : "");
    }
}

static void text_dtls_fragment(struct dec_text *t, const struct tls_model_fact *f)
{
    dec_text_printf(t, "    fragment %s(%u): message_seq %u, fragment_offset %u, fragment_length %u "
                       "of length %u: %s\n",
                    f->u.fragment.name, f->u.fragment.type, f->u.fragment.message_seq, f->u.fragment.offset,
                    f->u.fragment.fragment_length, f->u.fragment.length,
                    dtls_fragment_status_name((enum dtls_fragment_status)f->u.fragment.status));
    if (f->u.fragment.status == DTLS_FRAG_RETRANSMISSION) {
        dec_text_printf(t, "      (message_seq %u was already complete: a retransmitted flight, "
                           "RFC 6347 §4.2.4)\n", f->u.fragment.message_seq);
    }
}

/* RFC 9147 §7: RecordNumber record_numbers<0..2^16-1>, each uint64 epoch, uint64 sequence_number. */
static void text_dtls_ack(struct dec_text *t, const uint8_t *p, size_t len, bool nss_draft)
{
    /* NSS 3.87 (draft 43, dtls13_keys.h) sends each record number as one uint64: epoch (16 bits)
       || sequence_number (48 bits); RFC 9147 §7 as two uint64. */
    size_t each = nss_draft ? 8 : 16;
    dec_text_printf(t, "    ACK (RFC 9147 §7%s): %zu record numbers acknowledged:",
                    nss_draft ? "; NSS draft 43: epoch || sequence_number in 8 bytes" : "",
                    (len - 2) / each);
    for (size_t i = 2; i + each <= len && i < 2 + each * 8; i += each) {
        uint64_t e = 0, q = 0;
        for (size_t k = 0; k < 8; k++) {
            e = e << 8 | p[i + k];
            q = nss_draft ? 0 : q << 8 | p[i + 8 + k];
        }
        if (nss_draft) {
            q = e & 0xffffffffffffu;
            e >>= 48;
        }
        dec_text_printf(t, " (%llu, %llu)", (unsigned long long)e, (unsigned long long)q);
    }
    dec_text_printf(t, "%s\n", len - 2 > each * 8 ? " ..." : "");
}

static void text_dtls13_opened(struct dec_text *t, const struct tls_model_fact *f)
{
    dec_text_printf(t, "    DTLS 1.3 unified header 0x%02x (RFC 9147 §4): epoch bits %u -> epoch %u; sequence "
                       "number %u bits sent as 0x%llx, unmasked (§4.2.3) and reconstructed (§4.2.2): %llu; "
                       "nonce %s\n", f->u.dtls13.flags, f->u.dtls13.flags & 3u, f->u.dtls13.epoch,
                    f->u.dtls13.seq_bits, (unsigned long long)f->u.dtls13.seq_sent,
                    (unsigned long long)f->u.dtls13.sequence_number,
                    f->u.dtls13.nss_nonce ? "over epoch || sequence_number, as NSS 3.87 (draft 43) builds it, "
                                            "not the RFC 9147 §4 one (sequence number only)"
                                          : "over the sequence number (RFC 9147 §4)");
}

static void text_dtls_unified(struct dec_text *t, const struct tls_model_fact *f)
{
    uint8_t flags = f->u.unified.flags;
    dec_text_printf(t, "    DTLS 1.3 unified header (RFC 9147 §4): 0x%02x = 001 C=%u S=%u L=%u "
                       "epoch bits %u; connection ID %zu bytes; sequence number %u bits "
                       "(encrypted, §4.2.3); %u bytes of encrypted_record (content type "
                       "inside)\n",
                    flags, !!(flags & DTLS_UH_C), !!(flags & DTLS_UH_S), !!(flags & DTLS_UH_L),
                    f->u.unified.epoch, f->u.unified.cid_len, f->u.unified.seq_bits, f->u.unified.length);
}

/* ---- a record's facts, in the order they were found ---------------------------------------- */

static void text_fact(struct tls_decoder *dec, struct dec_text *t, const struct tls_model_fact *f)
{
    switch (f->kind) {
    case TLS_FACT_RECORD_HEADER:
        dec_text_record_header(t, f);
        break;
    case TLS_FACT_LINE:
        dec_text_record_line(t, f->u.line, f->dir);
        break;
    case TLS_FACT_MORE:
        dec_text_printf(t, "    (%zu more facts about this record not shown)\n", f->u.more);
        break;
    case TLS_FACT_DECRYPTED:
        dec_text_decrypted(t, f);
        break;
    case TLS_FACT_NO_MASTER_SECRET:
        dec_text_no_master_secret(t, f->u.text);
        break;
    case TLS_FACT_CBC:
        dec_text_cbc(t, f->u.cbc.etm, f->u.cbc.mac_name, f->u.cbc.padding);
        break;
    case TLS_FACT_INFERENCE:
        dec_text_inference(t, f);
        break;
    case TLS_FACT_CCS13:
        dec_text_ccs13(t, f->u.value);
        break;
    case TLS_FACT_ALERT:
        dec_text_alert(t, f);
        break;
    case TLS_FACT_HEARTBEAT:
        dec_text_heartbeat(t, f->u.heartbeat.type, f->u.heartbeat.payload_length, f->u.heartbeat.len);
        break;
    case TLS_FACT_CONTENT:
        dec_text_content(t, f->u.content.type, f->u.content.data, f->u.content.len,
                         f->u.content.show_data);
        break;
    case TLS_FACT_REASSEMBLY_STOPPED:
        dec_text_reassembly_stopped(t, f->u.text);
        break;
    case TLS_FACT_MESSAGE_HEADER:
        dec_text_message_header(t, f->u.message.name, f->u.message.type, f->u.message.length);
        break;
    case TLS_FACT_MESSAGE_FIELDS:
        dec_text_message_fields(dec, t, f->u.fields.type, f->u.fields.body, f->u.fields.len,
                                f->u.fields.tls12);
        break;
    case TLS_FACT_NOTE:
        dec_text_note_line(t, f->u.text);
        break;
    case TLS_FACT_NOT_PARSED:
        dec_text_not_parsed(t, f->u.not_parsed.message, f->u.not_parsed.reason);
        break;
    case TLS_FACT_NEGOTIATED:
        dec_text_negotiated(t, (uint16_t)f->u.value);
        break;
    case TLS_FACT_COMPRESSION:
        text_compression(t, f->u.compression.method, f->u.compression.tls13);
        break;
    case TLS_FACT_KEY_UPDATE:
        dec_text_key_update(t, f->dir, f->u.value);
        break;
    case TLS_FACT_SIGNATURE:
        dec_text_signature(t, f->dir, (enum tls_finished_status)f->u.signature.status,
                           f->u.signature.reason);
        break;
    case TLS_FACT_FINISHED13:
        dec_text_finished13(t, f->dir, (enum tls_finished_status)f->u.finished13.status,
                            f->u.finished13.have_secret ? f->u.finished13.th : NULL,
                            f->u.finished13.thl, f->u.finished13.expected, f->u.finished13.hl);
        break;
    case TLS_FACT_FINISHED12:
        dec_text_finished12(t, f->u.finished12.prf_hash,
                            (enum tls_finished_status)f->u.finished12.status);
        break;
    case TLS_FACT_SSLV2_HEADER:
        record_where(t, f->u.sslv2.number, f->dir, f->u.sslv2.offset, f->u.sslv2.token,
                     f->u.sslv2.frame);
        dec_text_printf(t, ": SSL 2.0 record, %zu-byte header, length %zu\n", f->u.sslv2.hdr,
                        f->u.sslv2.len);
        break;
    case TLS_FACT_SSLV2_CLIENT_HELLO:
        text_sslv2_client_hello(t, f);
        break;
    case TLS_FACT_SSLV2_MESSAGE:
        dec_text_printf(t, "    SSL 2.0 message type %u\n", f->u.value);
        break;
    case TLS_FACT_DTLS_HEADER:
        text_dtls_header(t, f);
        break;
    case TLS_FACT_DTLS_HVR_HEADER:
        dec_text_printf(t, "    Handshake hello_verify_request(3), length %u, message_seq %u\n",
                        (unsigned)f->u.hvr_header.length, f->u.hvr_header.message_seq);
        break;
    case TLS_FACT_DTLS_HVR:
        text_dtls_hvr(t, f);
        break;
    case TLS_FACT_DTLS_REASSEMBLED:
        dec_text_printf(t, "    %s (message_seq %u) reassembled from %u fragments\n",
                        f->u.reassembled.name, f->u.reassembled.message_seq, f->u.reassembled.fragments);
        break;
    case TLS_FACT_DTLS_COOKIE:
        text_dtls_cookie(t, f);
        break;
    case TLS_FACT_DTLS_FRAGMENT:
        text_dtls_fragment(t, f);
        break;
    case TLS_FACT_DTLS_NOT_FRAGMENT:
        dec_text_printf(t, "    %zu bytes that are not a handshake fragment: %s\n", f->u.not_fragment.len,
                        f->u.not_fragment.reason);
        break;
    case TLS_FACT_DTLS_ACK:
        text_dtls_ack(t, f->u.ack.data, f->u.ack.len, f->u.ack.nss_draft);
        break;
    case TLS_FACT_DTLS_CCS:
        dec_text_printf(t, "    ChangeCipherSpec (RFC 6347 §4.1, RFC 5246 §7.1): the %s's next "
                           "records are in epoch %u, under the new keys, with sequence numbers from 0\n",
                        side_name(f->dir), f->u.epoch.epoch);
        break;
    case TLS_FACT_DTLS_CCS_AGAIN:
        dec_text_printf(t, "    ChangeCipherSpec again (epoch %u already left): part of a "
                           "retransmitted flight (RFC 6347 §4.2.4)\n", f->u.epoch.epoch);
        break;
    case TLS_FACT_DTLS_UNIFIED:
        text_dtls_unified(t, f);
        break;
    case TLS_FACT_DTLS_PROTECTED:
        dec_text_printf(t, "    protected: epoch %u, under the keys of the %s's ChangeCipherSpec "
                           "(RFC 6347 §4.1)\n", f->u.epoch.epoch, side_name(f->dir));
        break;
    case TLS_FACT_DTLS_CID:
        dec_text_printf(t, "    tls12_cid record (RFC 9146 §4): connection ID ");
        dec_text_hex(t, f->u.cid.cid, f->u.cid.len);
        dec_text_printf(t, "; the real content type is inside the encryption (not opened here)\n");
        break;
    case TLS_FACT_DTLS_DECRYPTED:
        dec_text_printf(t, "    decrypted with the %s's write key (nonce and AAD with epoch %u, "
                           "sequence_number %llu): %zu bytes of %s\n",
                        side_name(f->dir), f->u.dtls_decrypted.epoch,
                        (unsigned long long)f->u.dtls_decrypted.sequence_number, f->u.dtls_decrypted.len,
                        or_unknown(tls_content_type_name(f->u.dtls_decrypted.type)));
        break;
    case TLS_FACT_DTLS13_OPENED:
        text_dtls13_opened(t, f);
        break;
    case TLS_FACT_DTLS13_NOT_OPENED:
        dec_text_printf(t, "    not opened: %s\n", f->u.text);
        break;
    case TLS_FACT_DTLS_COPY:
        dec_text_printf(t, "    a copy of a record already seen (same epoch %u and sequence_number "
                           "%llu): RFC 6347 §4.1.2.6 replay detection discards it\n",
                        f->u.epoch.epoch, (unsigned long long)f->u.epoch.sequence_number);
        break;
    default:
        break;
    }
}

void dec_text_record_facts(struct tls_decoder *dec, struct dec_text *t, const struct tls_model_facts *fs)
{
    for (size_t i = 0; i < fs->count; i++) {
        text_fact(dec, t, &fs->items[i]);
    }
}

/* ---- connections: ladder, parts, the whole text of a connection --------------------------- */

static const char *name_or(const char *n, const char *fallback)
{
    return n != NULL ? n : fallback;
}

/* What the ladder shows for a record: its messages, or its inner/outer type, or the guess. */
void dec_record_label(const struct tls_decoded_record *r, struct dec_text *t)
{
    if (r->message_count > 0) {
        for (size_t i = 0; i < r->message_count; i++) {
            dec_text_printf(t, "%s%s", i == 0 ? "" : ", ",
                            name_or(tls_handshake_type_name(r->messages[i].type), "unknown"));
        }
    } else if (r->has_alert) {
        dec_text_printf(t, "alert %s", name_or(tls_alert_name(r->alert_description), "unknown"));
    } else if (r->decrypted) {
        dec_text_printf(t, "%s", name_or(tls_content_type_name(r->has_inner_type ? r->inner_type
                                                                                 : r->outer_type),
                                         "unknown"));
    } else if (r->inferred != NULL) {
        dec_text_printf(t, "%s?", r->inferred_label != NULL ? r->inferred_label : r->inferred);
    } else {
        dec_text_printf(t, "%s", r->sslv2 ? "SSL 2.0" : name_or(tls_content_type_name(r->outer_type), "unknown"));
    }
    static const char *const outer_short[] = {"ccs", "alert", "hs", "app"};
    const char *outer = r->outer_type >= 20 && r->outer_type <= 23 ? outer_short[r->outer_type - 20]
                        : r->sslv2 ? "sslv2" : r->outer_type == 24 ? "hb" : "?";
    if (r->dtls && r->message_count == 1 && r->messages[0].fragment_length != r->messages[0].length) {
        dec_text_printf(t, " (fragment %u+%u of %u)", r->messages[0].fragment_offset,
                        r->messages[0].fragment_length, r->messages[0].length);
    }
    if (r->dtls) {
        dec_text_printf(t, "%s [%s %u e%u/%" PRIu64 "%s]", r->retransmission ? " RETRANSMITTED" : "", outer,
                        r->length, r->epoch, r->sequence_number,
                        r->decrypted ? " decrypted" : r->is_protected ? " encrypted" : "");
        return;
    }
    dec_text_printf(t, " [%s %u%s]", outer, r->length,
                    r->decrypted ? " decrypted" : r->is_protected ? " encrypted" : "");
}

void dec_text_ladder_line(struct dec_conn *c, const struct tls_decoded_record *r)
{
    struct dec_text label = {0};
    dec_record_label(r, &label);
    const char *l = label.data != NULL ? label.data : "";
    dec_tokens_record(c, r, l);
    if (r->dir == TLS_DIR_CLIENT_TO_SERVER) {
        dec_text_printf(&c->ladder, "  %4" PRIu64 "  %-46s ---->\n", c->records, l);
    } else {
        dec_text_printf(&c->ladder, "  %4" PRIu64 "  %*s <----  %s\n", c->records, 46, "", l);
    }
    dec_text_free(&label);
}

/* The head of a part of a long connection (decode_output.c decides when one is written). */
void dec_text_part(struct dec_conn *c, struct dec_text *t)
{
    dec_text_printf(t, "Connection %u (%s), part %u, records %" PRIu64 " to %" PRIu64
                       " (the summary follows the last part):\n\n  ladder:\n",
                    c->info.id, c->dec->input, c->parts, c->part_first_record, c->records);
    dec_text_append(t, c->ladder.data, c->ladder.len);
    dec_text_printf(t, "\n  records:\n");
    dec_text_append(t, c->details.data, c->details.len);
    dec_text_printf(t, "\n");
}

static const char *client_rule_name(enum tls_stream_client_rule rule)
{
    switch (rule) {
    case TLS_CLIENT_BY_SYN:
        return "it sent the SYN";
    case TLS_CLIENT_BY_HELLO:
        return "it sent the ClientHello";
    case TLS_CLIENT_BY_PORT:
        return "guessed: the server has the lower port";
    case TLS_CLIENT_BY_TRACE:
    default:
        return "C: tokens of the trace";
    }
}

/* "Connection N (input): client A, server B (client: why)". */
static void text_endpoints(struct dec_conn *c, const struct tls_decoded_connection *s, struct dec_text *t)
{
    dec_text_printf(t, "Connection %u (%s): client ", c->info.id, s->input);
    dec_text_endpoint(t, c->info.client_addr, c->info.client_port);
    dec_text_printf(t, ", server ");
    dec_text_endpoint(t, c->info.server_addr, c->info.server_port);
    dec_text_printf(t, " (client: %s)%s\n", client_rule_name(c->info.client_rule),
                    c->info.datagram ? ", DTLS over UDP" : "");
}

void dec_text_connection(struct dec_conn *c, const struct tls_decoded_connection *s, struct dec_text *t)
{
    if (c->info.client_rule == TLS_CLIENT_BY_TRACE) {
        dec_text_printf(t, "Connection %u (%s): token trace, C: tokens from the client, S: from the "
                           "server\n", c->info.id, s->input);
    } else {
        text_endpoints(c, s, t);
    }
    dec_text_printf(t, "  version %s, cipher_suite %s, group %s%s\n",
                    name_or(tls_version_name(s->version), "unknown"),
                    name_or(tls_cipher_suite_name(s->cipher_suite), "unknown"),
                    name_or(tls_group_name(s->group), "unknown"),
                    s->hello_retry_request ? ", after a HelloRetryRequest" : "");
    if (c->tls13 || !c->have_server_hello || c->have_master_secret) {
        dec_text_printf(t, "  server Finished: %s, client Finished: %s; keys: %s\n",
                        tls_finished_status_name(s->server_finished),
                        tls_finished_status_name(s->client_finished),
                        s->keys_found ? "from the key log" : "none (protected records inferred)");
    }
    if (s->server_signature != TLS_FINISHED_UNKNOWN || s->client_signature != TLS_FINISHED_UNKNOWN) {
        dec_text_printf(t, "  server signature: %s, client signature: %s (%s, with the certificate keys)\n",
                        tls_finished_status_name(s->server_signature),
                        tls_finished_status_name(s->client_signature),
                        c->tls13 ? "CertificateVerify" : "ServerKeyExchange");
    }
    if (s->key_updates[0] + s->key_updates[1] > 0) {
        dec_text_printf(t, "  KeyUpdates: client %u, server %u\n", s->key_updates[0], s->key_updates[1]);
    }
    if (s->resumption != NULL) {
        dec_text_printf(t, "  resumption: %s\n", s->resumption);
    }
    if (c->parts > 0) {
        dec_text_printf(t, "  (records 1 to %" PRIu64 " are in parts 1 to %u above)\n",
                        c->part_first_record - 1, c->parts);
    }
    dec_text_printf(t, "\n  ladder (%" PRIu64 " records; [outer type, length]; ? = inferred without keys):\n"
                       "        %-46s        %s\n", s->records, "client", "server");
    dec_text_append(t, c->ladder.data != NULL ? c->ladder.data : "", c->ladder.len);
    dec_text_tokens(c, t);
    dec_text_printf(t, "\n  records:\n");
    dec_text_append(t, c->details.data != NULL ? c->details.data : "", c->details.len);
    if (c->ladder.truncated || c->details.truncated) {
        dec_text_printf(t, "  (output of this connection truncated at %u bytes)\n", TLS_DECODE_MAX_OUTPUT);
    }
    if (c->notes.len > 0) {
        dec_text_printf(t, "\n  notes:\n");
        const char *p = c->notes.data;
        while (*p != '\0') {
            const char *nl = strchr(p, '\n');
            size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
            dec_text_printf(t, "    - %.*s\n", (int)n, p);
            p += n + (nl != NULL ? 1 : 0);
        }
    }
    dec_text_printf(t, "\n");
}

/* One token's line: its size, then each record it holds, whole or in part. */
static void print_token(const struct dec_conn *c, const struct dec_token *tk, struct dec_text *t)
{
    dec_text_printf(t, "    %s%-4u %6" PRIu64 " bytes:", tk->dir == TLS_DIR_CLIENT_TO_SERVER ? "C" : "S",
                    tk->index, tk->len);
    uint64_t end = tk->offset + tk->len, covered = 0;
    for (size_t i = 0; i < c->token_record_count; i++) {
        const struct dec_token_record *r = &c->token_records[i];
        uint64_t r_end = r->offset + r->total;
        if (r->dir != tk->dir || r_end <= tk->offset || r->offset >= end) {
            continue;
        }
        uint64_t from = r->offset > tk->offset ? r->offset : tk->offset;
        uint64_t to = r_end < end ? r_end : end;
        covered += to - from;
        if (from == r->offset && to == r_end) {
            dec_text_printf(t, " #%" PRIu64 " %s (%u bytes);", r->number, r->label, r->total);
        } else {
            dec_text_printf(t, " bytes %" PRIu64 "..%" PRIu64 " of #%" PRIu64 " %s (%u bytes);",
                            from - r->offset, to - r->offset - 1, r->number, r->label, r->total);
        }
    }
    if (covered < tk->len) {
        dec_text_printf(t, " %" PRIu64 " bytes in no record (a prefix, or the end of the input)",
                        tk->len - covered);
    }
    dec_text_printf(t, "\n");
}

void dec_text_tokens(const struct dec_conn *c, struct dec_text *t)
{
    if (c->token_count == 0) {
        return;
    }
    dec_text_printf(t, "\n  tokens (C: client, S: server; each one buffer handed over in one call):\n");
    for (size_t i = 0; i < c->token_count; i++) {
        print_token(c, &c->tokens[i], t);
    }
}


void dec_text_skipped(const struct tls_decoder *dec, const struct dec_skipped *k, struct dec_text *t)
{
    dec_text_printf(t, "skipped (%s):", dec->input);
    if (k->tcp_without_tls > 0) {
        dec_text_printf(t, " %u TCP flow%s without TLS (no TLS record in either direction)",
                        k->tcp_without_tls, k->tcp_without_tls == 1 ? "" : "s");
    }
    if (k->udp_not_dtls > 0) {
        dec_text_printf(t, "%s %u UDP flow%s that %s not DTLS", k->tcp_without_tls > 0 ? ";" : "",
                        k->udp_not_dtls, k->udp_not_dtls == 1 ? "" : "s", k->udp_not_dtls == 1 ? "is" : "are");
    }
    dec_text_printf(t, "\n");
}

void dec_text_input_note(const struct tls_decoder *dec, const char *message, struct dec_text *t)
{
    dec_text_printf(t, "note (%s): %s\n", dec->input, message);
}
