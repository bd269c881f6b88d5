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
 * Only a text run reaches here: a JSON run does not build record details (decode_record.c).
 *
 * The record lines (header, protection, decryption, alert, data, ChangeCipherSpec) are here too:
 * decode_record.c finds the facts (struct dec_record, the record header, which case it is) and
 * calls these; it formats nothing itself.
 */
#include <stdlib.h>

#include "common/names.h"
#include "decoder/decode_internal.h"

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

void dec_text_message_fields(struct tls_decoder *dec, struct dec_text *t, uint8_t msg_type,
                             const uint8_t *body, size_t len, bool tls12)
{
    if (t->discard) {
        return; /* nobody reads it: do not describe at all */
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

void dec_text_record_header(struct dec_text *t, uint64_t number, enum tls_direction dir,
                            const struct dec_chunk_start *where, uint64_t offset,
                            const struct tls_record *rec)
{
    dec_text_printf(t, "  #%llu %s offset %llu", (unsigned long long)number, side_name(dir),
                    (unsigned long long)offset);
    if (where->token != 0) {
        dec_text_printf(t, " token %u", where->token);
    }
    if (where->frame != 0) {
        dec_text_printf(t, " frame %llu", (unsigned long long)where->frame);
    }
    dec_text_printf(t, ": record type %s(%u), legacy_record_version 0x%04x, length %u\n",
                    or_unknown(tls_content_type_name(rec->type)), rec->type,
                    rec->legacy_record_version, rec->length);
}

void dec_text_record_line(struct dec_text *t, enum dec_record_line line, enum tls_direction dir)
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
    default:
        break;
    }
}

void dec_text_ccs13(struct dec_text *t, unsigned value)
{
    dec_text_printf(t, "    ChangeCipherSpec (value %u): TLS 1.3 middlebox compatibility "
                       "(RFC 8446 App. D.4); not protected, not in the transcript\n", value);
}

void dec_text_decrypted(struct dec_text *t, enum tls_direction dir, const struct dec_record *r,
                        uint8_t outer_type)
{
    const struct tls_decoded_record *p = &r->pub;
    if (p->has_inner_type) {
        dec_text_printf(t, "    decrypted with the %s's %s traffic keys (seq %llu): "
                           "inner type %s(%u), content %zu bytes, padding %zu bytes\n",
                        side_name(dir), r->keys_name != NULL ? r->keys_name : "?",
                        (unsigned long long)r->seq, or_unknown(tls_content_type_name(p->inner_type)),
                        p->inner_type, p->content_len, p->padding_len);
        return;
    }
    const char *tn = tls_content_type_name(outer_type);
    dec_text_printf(t, "    decrypted with the %s's TLS 1.2 write key (seq %llu): %zu bytes of %s\n",
                    side_name(dir), (unsigned long long)r->seq, p->content_len,
                    tn != NULL ? tn : "?");
}

void dec_text_dtls13_opened(struct dec_text *t, uint8_t flags, unsigned seq_bits, uint64_t seq_sent,
                            unsigned epoch, uint64_t seq, bool nss_nonce)
{
    dec_text_printf(t, "    DTLS 1.3 unified header 0x%02x (RFC 9147 §4): epoch bits %u -> epoch %u; sequence "
                       "number %u bits sent as 0x%llx, unmasked (§4.2.3) and reconstructed (§4.2.2): %llu; "
                       "nonce %s\n", flags, flags & 3u, epoch, seq_bits, (unsigned long long)seq_sent,
                    (unsigned long long)seq,
                    nss_nonce ? "over epoch || sequence_number, as NSS 3.87 (draft 43) builds it, not the "
                                "RFC 9147 §4 one (sequence number only)"
                              : "over the sequence number (RFC 9147 §4)");
}

void dec_text_dtls13_not_opened(struct dec_text *t, const char *why)
{
    dec_text_printf(t, "    not opened: %s\n", why);
}

void dec_text_no_master_secret(struct dec_text *t, const char *why)
{
    dec_text_printf(t, "    does not decrypt with the logged master secret%s%s\n",
                    *why != '\0' ? ": " : "", why);
}

void dec_text_cbc(struct dec_text *t, bool etm, const char *mac_name, size_t padding)
{
    dec_text_printf(t, "    CBC (%s): %s verified, padding %zu bytes checked\n",
                    etm ? "encrypt_then_mac, RFC 7366" : "MAC-then-encrypt, RFC 5246 §6.2.3.2",
                    mac_name, padding);
}

void dec_text_heartbeat(struct dec_text *t, unsigned type, size_t payload_length, size_t len)
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

void dec_text_alert(struct dec_text *t, const struct tls_decoded_record *p, size_t len,
                    const char *parse_error)
{
    if (parse_error != NULL) {
        dec_text_printf(t, "    alert: %zu bytes, not an Alert (%s)\n", len, parse_error);
        return;
    }
    dec_text_printf(t, "    Alert: level %s(%u), description %s(%u)\n",
                    p->alert_level == 1 ? "warning" : p->alert_level == 2 ? "fatal" : "unknown",
                    p->alert_level, or_unknown(tls_alert_name(p->alert_description)),
                    p->alert_description);
}

void dec_text_content(struct dec_text *t, uint8_t type, const uint8_t *content, size_t len,
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

void dec_text_reassembly_stopped(struct dec_text *t, const char *reason)
{
    dec_text_printf(t, "    handshake bytes not followed: %s\n", reason);
}

/* ---- verdicts: checks and inferences, as the decoder concluded them ---------------------- */

void dec_text_inference(struct dec_text *t, const struct tls_decoded_record *p)
{
    dec_text_printf(t, "    inferred without keys: %s", p->inferred);
    if (p->inferred_alternatives != NULL) {
        dec_text_printf(t, " (also possible: %s)", p->inferred_alternatives);
    }
    dec_text_printf(t, "\n      why: %s\n", p->inference_reason);
}

void dec_text_signature(struct dec_text *t, enum tls_direction dir,
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

void dec_text_finished13(struct dec_text *t, enum tls_direction dir, enum tls_finished_status st,
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

void dec_text_finished12(struct dec_text *t, enum tls_hash_alg prf_hash,
                         enum tls_finished_status st)
{
    dec_text_printf(t, "      recomputed (RFC 5246 §7.4.9, PRF with %s over the handshake "
                       "messages): %s\n", tls_hash_name(prf_hash),
                    st == TLS_FINISHED_VERIFIED ? "equal: verified" : "DIFFERENT: failed");
}

void dec_text_note_line(struct dec_text *t, const char *line)
{
    dec_text_printf(t, "      %s\n", line);
}

/* A parser's objection to a message: "not a valid ClientHello: ..." or "not parsed: ...". */
void dec_text_not_parsed(struct dec_text *t, const char *message, const char *reason)
{
    if (message != NULL) {
        dec_text_printf(t, "      not a valid %s: %s\n", message, reason);
    } else {
        dec_text_printf(t, "      not parsed: %s\n", reason);
    }
}

void dec_text_negotiated(struct dec_text *t, uint16_t version)
{
    dec_text_printf(t, "      negotiated: %s\n", or_unknown(tls_version_name(version)));
}

void dec_text_key_update(struct dec_text *t, enum tls_direction dir, unsigned next_generation)
{
    dec_text_printf(t, "      the %s's next records use application_traffic_secret_%u "
                       "(§7.2 \"traffic upd\")\n", side_name(dir), next_generation);
}

void dec_text_message_header(struct dec_text *t, const char *name, uint8_t type, uint32_t length)
{
    dec_text_printf(t, "    Handshake %s(%u), length %u\n", or_unknown(name), type, (unsigned)length);
}
