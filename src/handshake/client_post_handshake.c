/*
 * client_post_handshake.c — messages after the handshake (RFC 8446 §4.6): NewSessionTicket
 * (§4.6.1) and KeyUpdate (§4.6.3), in both directions.
 *
 * Implementation notes
 * --------------------
 * After the handshake the server may send handshake messages at any time, protected under the
 * application traffic keys. They are not errors and not application data: tls_client_open()
 * reports them as their own statuses. (Schannel reports a NewSessionTicket as SEC_I_RENEGOTIATE,
 * which has confused many: see docs/schannel-status-map.md.)
 *
 * NewSessionTicket: the ticket is an opaque label the server can later map back to a PSK; the
 * client derives that PSK right away (§4.6.1):
 *     PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)
 *
 * KeyUpdate: each side's application traffic secret moves one generation on (§7.2):
 *     application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N,
 *                                                        "traffic upd", "", Hash.length)
 * and the record keys are derived from it again (§7.3), sequence number back to 0.
 */
#include <string.h>

#include "crypto/util.h"
#include "handshake/client_internal.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"

/* §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)" — and clients
 * keep a ticket no longer than that whatever the server says. */
#define TLS_MAX_TICKET_LIFETIME_SECONDS 604800u

/* Copies a C string into a fixed buffer, truncating. */
static void copy_name(char *dst, size_t cap, const char *src)
{
    size_t n = src != NULL ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
    }
    if (n > 0) {
        memcpy(dst, src, n);
    }
    dst[n] = '\0';
}

tls_result tls_client_on_new_session_ticket(struct tls_client *c,
                                            const struct tls_handshake_message *msg,
                                            struct tls_writer *out)
{
    (void)out;
    struct tls_new_session_ticket nst;
    TRY(tls_new_session_ticket_parse(msg->body, msg->length, &nst, &c->error));
    /* §4.6.1: unknown extensions are ignored; known ones must be allowed in NST. */
    TRY(tls_check_server_extensions(TLS_HT_new_session_ticket, &nst.extensions,
                                    c->offer.extensions, c->offer.extension_count, &c->error));
    c->tickets_received++;
    /* §4.6.1: "The value of zero indicates that the ticket should be discarded immediately." */
    if (nst.ticket_lifetime == 0) {
        tls_client_note(c, "NewSessionTicket with ticket_lifetime 0: discarded (RFC 8446 §4.6.1)");
        return TLS_OK;
    }
    if (nst.ticket.len > TLS_MAX_TICKET_LEN) {
        tls_client_note(c, "NewSessionTicket larger than this client keeps (2048 bytes): not stored");
        return TLS_OK;
    }
    struct tls_ticket *t = &c->ticket;
    tls_wipe(t, sizeof(*t));
    enum tls_hash_alg alg = c->suite->hash;
    TRY(tls_resumption_psk(alg, c->resumption_master_secret, nst.ticket_nonce.data,
                           nst.ticket_nonce.len, t->psk, &c->error));
    t->psk_len = tls_hash_len(alg);
    t->cipher_suite = c->suite->id;
    t->ticket_lifetime = nst.ticket_lifetime > TLS_MAX_TICKET_LIFETIME_SECONDS
                             ? TLS_MAX_TICKET_LIFETIME_SECONDS
                             : nst.ticket_lifetime;
    t->ticket_age_add = nst.ticket_age_add;
    t->max_early_data_size = nst.has_early_data ? nst.max_early_data_size : 0;
    t->received_at_ms = c->now_ms;
    memcpy(t->ticket, nst.ticket.data, nst.ticket.len);
    t->ticket_len = nst.ticket.len;
    copy_name(t->server_name, sizeof(t->server_name), c->config->server_name);
    copy_name(t->alpn, sizeof(t->alpn), c->info.alpn);
    c->have_ticket = true;
    tls_client_emit_secret(c, TLS_SECRET_resumption_psk, 0, t->psk, 0, NULL);
    return TLS_OK;
}

/* Sends KeyUpdate under the current write key, then moves our write key one generation on. */
static tls_result send_key_update(struct tls_client *c, enum tls_key_update_request request,
                                  struct tls_writer *out)
{
    uint8_t msg[TLS_HANDSHAKE_HEADER_LEN + 1];
    struct tls_writer w;
    tls_writer_init(&w, msg, sizeof(msg));
    TRY(tls_key_update_encode(&w, request, &c->error));
    TRY(tls_client_send_handshake(c, msg, w.len, c->tx_key_name, out));
    tls_client_emit_message(c, TLS_DIR_CLIENT_TO_SERVER, msg, w.len);
    /* §4.6.3, §7.2: our next records use generation N+1 (client.c, sent_key_changes) */
    return tls_client_sent(c, TLS_HT_key_update);
}

/* How many KeyUpdates in a row, with no application data between, we accept (PH-05). */
#define TLS_MAX_KEY_UPDATES_IN_A_ROW 32u

tls_result tls_client_on_key_update(struct tls_client *c, const struct tls_handshake_message *msg,
                                    struct tls_writer *out)
{
    enum tls_key_update_request request;
    TRY(tls_key_update_parse(msg->body, msg->length, &request, &c->error));
    if (++c->key_updates_in_a_row > TLS_MAX_KEY_UPDATES_IN_A_ROW) {
        return tls_client_fail(c, TLS_ALERT_unexpected_message,
                               "RFC 8446 §4.6.3 (bounded by this client): too many KeyUpdates without data");
    }
    /* §4.6.3: the sender's next records use the next generation: the KeyUpdate row's read-key
     * column (client.c) moves our read key on once this handler returns. */
    /* §4.6.3: "If the request_update field is set to "update_requested", then the receiver MUST
     * send a KeyUpdate of its own with request_update set to "update_not_requested" prior to
     * sending its next Application Data record." We send it at once. */
    if (request == TLS_KEY_UPDATE_update_requested && !c->we_closed) {
        TRY(send_key_update(c, TLS_KEY_UPDATE_update_not_requested, out));
    }
    return TLS_OK;
}

tls_result tls_client_send_key_update(struct tls_client *c, bool request_peer_update,
                                      struct tls_writer *out)
{
    return send_key_update(c, request_peer_update ? TLS_KEY_UPDATE_update_requested
                                                  : TLS_KEY_UPDATE_update_not_requested,
                           out);
}
