/*
 * explain.c — the --explain observer: records (RFC 8446 §5), handshake messages (§4), secrets
 * (§7.1), client states (Appendix A.1) and the core's notes, printed as they happen.
 *
 * Implementation notes
 * --------------------
 * Output goes to one FILE* (stderr in the program, a memory stream in tests). Each event is one
 * block whose first line starts with a fixed-width tag, so a reader can skim the left column:
 *
 *   record   C->S  handshake(22)            226 bytes  plaintext                (RFC 8446 §5.1)
 *   message  C->S  client_hello(1)          222 bytes                           (RFC 8446 §4.1.2)
 *   secret   client_handshake_traffic_secret = Derive-Secret(Handshake Secret, "c hs traffic", ...)
 *   state    WAIT_SH -> WAIT_EE                                                  (RFC 8446 App. A.1)
 *   note     ...
 *
 * Secrets arrive by id and are described from TLS_SECRET_LIST (crypto/key_schedule.h), the
 * same X-macro the key schedule and the key log use: name, label, transcript span, RFC section.
 */
#include "cli/explain.h"

#include <string.h>

#include "common/names.h"
#include "handshake/server_hello.h"

/* Which extract output each stage's secrets come from, as RFC 8446 §7.1 names it. */
static const char *stage_secret_name(enum tls_ks_stage stage)
{
    switch (stage) {
    case TLS_KS_EARLY:
        return "Early Secret";
    case TLS_KS_HANDSHAKE:
        return "Handshake Secret";
    case TLS_KS_MASTER:
    case TLS_KS_NONE:
    default:
        return "Master Secret";
    }
}

/* How a secret that is not a Derive-Secret output comes to be (RFC 8446 §7.1, §7.2, §4.6.1, §7.4). */
static const char *formula(enum tls_secret_id id)
{
    switch (id) {
    case TLS_SECRET_early_secret:
        return "HKDF-Extract(0, PSK)   (PSK: HashLen zeros without resumption)";
    case TLS_SECRET_ecdhe_shared_secret:
        return "the key exchange's output: X25519 / ECDH with the server's key_share (§7.4)";
    case TLS_SECRET_handshake_secret:
        return "HKDF-Extract(Derive-Secret(Early Secret, \"derived\", \"\"), (EC)DHE shared secret)";
    case TLS_SECRET_master_secret:
        return "HKDF-Extract(Derive-Secret(Handshake Secret, \"derived\", \"\"), 0)";
    case TLS_SECRET_client_application_traffic_secret_N:
        return "HKDF-Expand-Label(client_application_traffic_secret_N-1, \"traffic upd\", \"\", Hash.length)";
    case TLS_SECRET_server_application_traffic_secret_N:
        return "HKDF-Expand-Label(server_application_traffic_secret_N-1, \"traffic upd\", \"\", Hash.length)";
    case TLS_SECRET_resumption_psk:
        return "HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce, Hash.length)";
    default:
        return NULL;
    }
}

static const char *arrow(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "C->S" : "S->C";
}

/* "handshake(22)" into buf; unknown code points print as "unknown(n)". */
static const char *named(char *buf, size_t cap, const char *name, unsigned value)
{
    snprintf(buf, cap, "%s(%u)", name != NULL ? name : "unknown", value);
    return buf;
}

void explain_hex(FILE *out, const char *label, const uint8_t *bytes, size_t len, size_t max)
{
    size_t shown = len < max ? len : max;
    fprintf(out, "           %-18s", label);
    for (size_t i = 0; i < shown; i++) {
        if (i > 0 && i % 24 == 0) {
            fprintf(out, "\n           %-18s", "");
        }
        fprintf(out, "%02x", bytes[i]);
    }
    fprintf(out, "%s\n", shown < len ? " ..." : "");
}

/* RFC 8446 §6: an alert record's two bytes, level and description, by name. */
static void explain_alert(struct explain *ex, const struct tls_record_info *rec)
{
    if (rec->inner_type != TLS_CT_alert || rec->content == NULL || rec->content_len != 2) {
        return;
    }
    char level[24], description[48];
    const char *level_name = rec->content[0] == TLS_ALERT_LEVEL_warning ? "warning"
                             : rec->content[0] == TLS_ALERT_LEVEL_fatal ? "fatal"
                                                                         : NULL;
    named(level, sizeof(level), level_name, rec->content[0]);
    named(description, sizeof(description), tls_alert_name(rec->content[1]), rec->content[1]);
    fprintf(ex->out, "           alert           %s %s%s\n", level, description,
            rec->content[1] == TLS_ALERT_close_notify
                ? ": the sender will send no more data (RFC 8446 §6.1)"
                : " (RFC 8446 §6.2)");
}

void explain_on_record(void *ctx, const struct tls_record_info *rec)
{
    struct explain *ex = ctx;
    char outer[40];
    named(outer, sizeof(outer), tls_content_type_name(rec->outer_type), rec->outer_type);
    if (!rec->protected_record) {
        /* RFC 8446 §5.1: TLSPlaintext, as sent before any key exists (and for CCS, §5) */
        fprintf(ex->out, "record   %s  %-24s %5zu bytes  %-22s(RFC 8446 §5.1)\n",
                arrow(rec->dir), outer, rec->length, "plaintext");
        explain_alert(ex, rec);
        return;
    }
    /* RFC 8446 §5.2: TLSCiphertext, always opaque_type application_data; the real type is
     * the last non-zero byte of TLSInnerPlaintext, after the content and before the padding. */
    char inner[40];
    named(inner, sizeof(inner), tls_content_type_name(rec->inner_type), rec->inner_type);
    fprintf(ex->out, "record   %s  %-24s %5zu bytes  %-22s(RFC 8446 §5.2)\n",
            arrow(rec->dir), outer, rec->length, "protected");
    fprintf(ex->out, "           inner type      %s: %zu content bytes + %zu zero padding"
            " + 1 type byte + 16 tag bytes\n",
            inner, rec->content_len, rec->padding_len);
    fprintf(ex->out, "           key             %s, sequence number %llu"
            " (nonce = iv XOR seq, RFC 8446 §5.3)\n",
            rec->key_name != NULL ? rec->key_name : "?", (unsigned long long)rec->seq);
    explain_alert(ex, rec);
}

const char *explain_message_section(unsigned handshake_type)
{
    switch (handshake_type) {
    case TLS_HT_client_hello: return "4.1.2";
    case TLS_HT_server_hello: return "4.1.3";
    case TLS_HT_new_session_ticket: return "4.6.1";
    case TLS_HT_end_of_early_data: return "4.5";
    case TLS_HT_encrypted_extensions: return "4.3.1";
    case TLS_HT_certificate: return "4.4.2";
    case TLS_HT_certificate_request: return "4.3.2";
    case TLS_HT_certificate_verify: return "4.4.3";
    case TLS_HT_finished: return "4.4.4";
    case TLS_HT_key_update: return "4.6.3";
    case TLS_HT_message_hash: return "4.4.1";
    default: return NULL;
    }
}

/* RFC 8446 §4.1.3: a ServerHello whose random is SHA-256("HelloRetryRequest") is an HRR. */
static bool is_hello_retry_request(const uint8_t *msg, size_t len)
{
    return len >= 4 + 2 + TLS_RANDOM_LEN && msg[0] == TLS_HT_server_hello &&
           memcmp(msg + 6, tls_hello_retry_request_random, TLS_RANDOM_LEN) == 0;
}

void explain_on_message(void *ctx, enum tls_direction dir, const uint8_t *msg, size_t len)
{
    struct explain *ex = ctx;
    if (len < 4) {
        fprintf(ex->out, "message  %s  (%zu bytes, shorter than a Handshake header)\n",
                arrow(dir), len);
        return;
    }
    /* RFC 8446 §4: struct { HandshakeType msg_type; uint24 length; ... } Handshake; */
    unsigned type = msg[0];
    size_t body_len = (size_t)msg[1] << 16 | (size_t)msg[2] << 8 | msg[3];
    char name[48];
    const char *section = explain_message_section(type);
    if (is_hello_retry_request(msg, len)) {
        snprintf(name, sizeof(name), "server_hello(2)=HRR");
        section = "4.1.4";
    } else {
        named(name, sizeof(name), tls_handshake_type_name(type), type);
    }
    char body[32];
    snprintf(body, sizeof(body), "(body %zu)", body_len);
    fprintf(ex->out, "message  %s  %-24s %5zu bytes  %-22s(RFC 8446 §%s)\n", arrow(dir), name, len,
            body, section != NULL ? section : "4");
    if (body_len != len - 4) {
        fprintf(ex->out, "           (the header says %zu body bytes, %zu are here)\n", body_len,
                len - 4);
    }
    explain_message_fields(ex->out, dir, type, msg + 4, len - 4);
    if (type == TLS_HT_server_hello && dir == TLS_DIR_SERVER_TO_CLIENT) {
        explain_note_server_hello(ex, msg + 4, len - 4);
    }
}

void explain_on_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                       const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                       const uint8_t *transcript_hash, size_t hash_len)
{
    (void)client_random;
    struct explain *ex = ctx;
    const struct tls_secret_info *info = tls_secret_info(id);
    if (info == NULL) {
        return;
    }
    /* A generation N >= 1 is printed with its number: client_application_traffic_secret_1. */
    char name[64];
    size_t base = strlen(info->name);
    if (info->kind == TLS_SECRET_KIND_EXPAND && info->name[base - 1] == 'N') {
        snprintf(name, sizeof(name), "%.*s%u", (int)(base - 1), info->name, generation);
    } else {
        snprintf(name, sizeof(name), "%s", info->name);
    }
    fprintf(ex->out, "secret   %s  (RFC 8446 %s)\n", name, info->section);
    if (info->kind == TLS_SECRET_KIND_DERIVE) {
        /* RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) =
         *   HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) */
        fprintf(ex->out, "           = Derive-Secret(%s, \"%s\", %s)\n",
                stage_secret_name(info->stage), info->label, info->span);
    } else if (formula(id) != NULL) {
        fprintf(ex->out, "           = %s\n", formula(id));
    }
    if (transcript_hash != NULL) {
        explain_hex(ex->out, "transcript hash", transcript_hash, hash_len, 64);
    }
    explain_hex(ex->out, "value", secret, secret_len, 64);
    if (info->nss_label != NULL) {
        fprintf(ex->out, "           %-18s%s\n", "key log name", info->nss_label);
    }
    explain_key_steps(ex, id, secret, secret_len, transcript_hash, hash_len);
}

void explain_on_state(void *ctx, enum tls_client_state from, enum tls_client_state to)
{
    struct explain *ex = ctx;
    char change[64];
    snprintf(change, sizeof(change), "%s -> %s", tls_client_state_name(from),
             tls_client_state_name(to));
    fprintf(ex->out, "state    %-66s(RFC 8446 App. A.1)\n", change);
}

void explain_on_note(void *ctx, const char *text)
{
    struct explain *ex = ctx;
    fprintf(ex->out, "note     %s\n", text);
}

struct tls_observer explain_observer(struct explain *ex)
{
    struct tls_observer o = {
        .ctx = ex,
        .record = explain_on_record,
        .message = explain_on_message,
        .secret = explain_on_secret,
        .state = explain_on_state,
        .note = explain_on_note,
    };
    return o;
}
