/*
 * decode_infer.c — what a protected record most likely holds, without its keys (RFC 8446 §2,
 * §4.4, §4.6, §5.2; RFC 5246 §7.1, §7.4.9).
 *
 * Implementation notes
 * --------------------
 * Encryption hides the content type, not the size or the order. A TLS 1.3 protected record is
 *
 *     5 (header) + content + 1 (TLSInnerPlaintext.type) + padding + 16 (AEAD tag)
 *
 * so without padding (Schannel, OpenSSL, BoringSSL send none by default) a Finished (§4.4.4) is
 * 5 + 4 + Hash.length + 1 + 16 bytes: 58 under a SHA-256 suite, 74 under a SHA-384 one. That is
 * why a Schannel client's second flight is 80 bytes: a 6-byte ChangeCipherSpec (Appendix D.4)
 * and a 74-byte Finished of TLS_AES_256_GCM_SHA384. Likewise a KeyUpdate (§4.6.3) is 5 + 5 + 17
 * = 27 bytes and an alert 5 + 2 + 17 = 24.
 *
 * Order gives the rest (§2, Figure 1): the server's first protected records are its
 * EncryptedExtensions, Certificate, CertificateVerify and Finished, in that order (possibly
 * several in one record); the client's first protected record is its Finished (or its
 * Certificate when asked for one); a server record after the handshake and before any
 * application data is, in practice, a NewSessionTicket (§4.6.1): servers send tickets right
 * after they receive the client Finished. Each inference says why, and names the other
 * readings the evidence allows. In TLS 1.2 (RFC 5246 §7.1), the first encrypted handshake
 * record after a ChangeCipherSpec is the Finished.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode_internal.h"

#define INFER_TAG 16u
/* Content sizes of the fixed-size messages, as protected records (header excluded). */
#define INFER_FINISHED(hl) (4u + (hl) + 1u + INFER_TAG)
#define INFER_KEY_UPDATE (4u + 1u + 1u + INFER_TAG)
#define INFER_ALERT (2u + 1u + INFER_TAG)

static void set(struct dec_record *r, const char *what, const char *alternatives, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set(struct dec_record *r, const char *what, const char *alternatives, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->pub.inference_reason, sizeof(r->pub.inference_reason), fmt, ap);
    va_end(ap);
    r->pub.inferred = what;
    r->pub.inferred_label = what;
    r->pub.inferred_alternatives = alternatives;
}

/* TLS 1.2: after ChangeCipherSpec everything is encrypted (RFC 5246 §7.1). */
static void infer_tls12(struct dec_conn *c, enum tls_direction dir, struct dec_record *r)
{
    struct dec_direction *d = &c->dir[dir];
    switch (r->pub.outer_type) {
    case TLS_CT_handshake:
        if (!d->sent_finished) {
            d->sent_finished = true;
            set(r, "finished", NULL, "the first encrypted handshake record after ChangeCipherSpec "
                                     "is the Finished (RFC 5246 §7.4.9)");
        } else {
            set(r, "hello_request", "client_hello", "an encrypted handshake record after the "
                                                    "Finished: a renegotiation (RFC 5246 §7.4.1.1)");
        }
        break;
    case TLS_CT_alert:
        set(r, "alert", NULL, "an encrypted alert (outer type alert); close_notify is the usual one");
        break;
    default:
        d->sent_app_data = true;
        set(r, "application_data", NULL, "outer type application_data");
        break;
    }
}

/* The hash a Finished of this size implies, when the suite is not known (no ServerHello). */
static enum tls_hash_alg hash_from_finished_size(uint16_t length)
{
    if (length == INFER_FINISHED(48u)) {
        return TLS_HASH_SHA384;
    }
    if (length == INFER_FINISHED(32u)) {
        return TLS_HASH_SHA256;
    }
    return TLS_HASH_NONE;
}

static bool is_finished_size(struct dec_conn *c, uint16_t length, enum tls_hash_alg *alg)
{
    *alg = c->hash != TLS_HASH_NONE ? c->hash : hash_from_finished_size(length);
    return *alg != TLS_HASH_NONE && length == INFER_FINISHED(tls_hash_len(*alg));
}

static void infer_finished(struct dec_conn *c, const struct dec_direction *d, struct dec_record *r,
                           enum tls_hash_alg alg)
{
    size_t hl = tls_hash_len(alg);
    size_t total = (size_t)r->pub.length + 5;
    char ccs[96] = "";
    if (d->ccs_seen && d->protected_records == 1) {
        /* The compatibility CCS (Appendix D.4) is sent just before: 6 bytes more on the wire. */
        snprintf(ccs, sizeof(ccs), "; with the 6-byte ChangeCipherSpec before it the flight is %zu bytes",
                 total + 6);
    }
    set(r, "finished", NULL,
        "%zu bytes = 5 header + 4 Handshake header + %zu verify_data (%s%s) + 1 inner type "
        "+ 16 AEAD tag (RFC 8446 §4.4.4, §5.2)%s",
        total, hl, tls_hash_name(alg),
        c->suite == NULL ? (alg == TLS_HASH_SHA384 ? ": a SHA-384 suite, TLS_AES_256_GCM_SHA384"
                                                   : ": a SHA-256 suite")
                         : "", ccs);
}

/* The server's records between ServerHello and its Finished (§2, Figure 1). */
static void infer_server_flight(struct dec_conn *c, struct dec_direction *d, struct dec_record *r)
{
    enum tls_hash_alg alg;
    unsigned idx = d->handshake_records++;
    if (idx > 0 && is_finished_size(c, r->pub.length, &alg)) {
        d->sent_finished = true;
        infer_finished(c, d, r, alg);
        return;
    }
    if (idx == 0 && r->pub.length > 600) {
        set(r, "encrypted_extensions", "encrypted_extensions alone (unusually large)",
            "the server's first protected record starts with EncryptedExtensions (RFC 8446 §4.3.1); "
            "at %u bytes it most likely holds the whole flight: EncryptedExtensions, Certificate, "
            "CertificateVerify, Finished", r->pub.length);
        r->pub.inferred_label = "encrypted_extensions..finished";
    } else if (idx == 0) {
        set(r, "encrypted_extensions", NULL,
            "the server's first protected record: EncryptedExtensions comes first (RFC 8446 §4.3.1)");
    } else if (idx == 1 && !c->psk_accepted) {
        set(r, "certificate", "certificate_request",
            "the second protected server record of a full handshake (RFC 8446 §4.4.2)");
    } else if (idx == 2 && !c->psk_accepted) {
        set(r, "certificate_verify", "certificate",
            "follows the Certificate (RFC 8446 §4.4.3); signature-sized");
    } else {
        set(r, "handshake", "finished", "inside the server's first flight (RFC 8446 §2)");
    }
}

static void infer_after_handshake(struct dec_conn *c, enum tls_direction dir,
                                  struct dec_record *r)
{
    struct dec_direction *d = &c->dir[dir];
    uint16_t len = r->pub.length;
    if (len == INFER_ALERT) {
        set(r, "alert", "application_data", "%u bytes = 2-byte Alert + 1 inner type + 16 tag: an "
                                            "alert (close_notify at the end), RFC 8446 §6", len);
        return;
    }
    if (len == INFER_KEY_UPDATE) {
        set(r, "key_update", "application_data", "%u bytes = 5-byte KeyUpdate + 1 inner type + 16 "
                                                 "tag (RFC 8446 §4.6.3)", len);
        return;
    }
    bool ticket_sized = len >= 4u + 4u + 4u + 1u + 2u + 1u + 2u + 1u + INFER_TAG && len <= 1400u;
    /* Servers send their tickets back to back, all of one size (§4.6.1 allows several). */
    bool like_last_ticket = d->ticket_length != 0 && len == d->ticket_length;
    if (dir == TLS_DIR_SERVER_TO_CLIENT && ticket_sized && (!d->sent_app_data || like_last_ticket) &&
        (d->ticket_length == 0 || like_last_ticket)) {
        d->ticket_length = len;
        set(r, "new_session_ticket", "application_data",
            "%s: a NewSessionTicket (RFC 8446 §4.6.1), which servers send once the client "
            "Finished arrives; %u bytes fit lifetime, age_add, nonce, ticket and extensions",
            !c->have_server_hello ? "a lone server record while the handshake is not in the input "
                                    "(a token returned after the client Finished)"
            : like_last_ticket ? "the same size as the ticket before it"
                               : "the server's first record after the handshake", len);
        return;
    }
    d->sent_app_data = true;
    set(r, "application_data", NULL, "after the handshake");
}

void dec_infer(struct dec_conn *c, enum tls_direction dir, struct dec_record *r)
{
    struct dec_direction *d = &c->dir[dir];
    struct dec_direction *peer = &c->dir[1 - dir];
    if (c->have_server_hello && !c->tls13) {
        infer_tls12(c, dir, r);
    } else if (dir == TLS_DIR_CLIENT_TO_SERVER && !d->sent_finished) {
        enum tls_hash_alg alg;
        if (is_finished_size(c, r->pub.length, &alg)) {
            d->sent_finished = true;
            peer->sent_finished = true; /* the server's flight must be complete by now */
            infer_finished(c, d, r, alg);
        } else if (c->offered_early_data && r->pub.length == 4u + 1u + INFER_TAG) {
            set(r, "end_of_early_data", "application_data",
                "%u bytes = 4-byte EndOfEarlyData + 1 inner type + 16 tag, after 0-RTT data "
                "(RFC 8446 §4.5)", r->pub.length);
        } else if (c->offered_early_data && !peer->sent_finished) {
            set(r, "application_data", "finished", "sent before the server's flight: 0-RTT data "
                                                   "(RFC 8446 §4.2.10)");
        } else {
            set(r, "certificate", "finished",
                "the client's first protected record is not Finished-sized: a client Certificate "
                "(RFC 8446 §4.4.2) or a padded Finished");
        }
    } else if (dir == TLS_DIR_SERVER_TO_CLIENT && c->have_server_hello && !d->sent_finished &&
               !peer->sent_finished) {
        infer_server_flight(c, d, r);
    } else {
        infer_after_handshake(c, dir, r);
    }
    dec_fact_inference(r);
}
