/*
 * post_handshake.c — exercise 7: what arrives after the handshake. NewSessionTicket (the
 * "extra 103-byte message" a Windows Schannel server sends after the client's Finished),
 * KeyUpdate, close_notify.
 *
 * RFC 8446 §4.6: "TLS also allows other messages to be sent after the main handshake.  These
 * messages use a handshake content type and are encrypted under the appropriate application
 * traffic key."
 *
 * RFC 8446 §4.6.1 (New Session Ticket Message): "At any time after the server has received the
 * client Finished message, it MAY send a NewSessionTicket message."
 *
 *      struct {
 *          uint32 ticket_lifetime;
 *          uint32 ticket_age_add;
 *          opaque ticket_nonce<0..255>;
 *          opaque ticket<1..2^16-1>;
 *          Extension extensions<0..2^16-2>;
 *      } NewSessionTicket;
 *
 * RFC 8446 §4.6.3 (Key and Initialization Vector Update):
 *
 *      enum {
 *          update_not_requested(0), update_requested(1), (255)
 *      } KeyUpdateRequest;
 *
 *      struct {
 *          KeyUpdateRequest request_update;
 *      } KeyUpdate;
 *
 *   "If an implementation receives any other value, it MUST terminate the connection with an
 *   "illegal_parameter" alert."  "If the request_update field is set to "update_requested",
 *   then the receiver MUST send a KeyUpdate of its own with request_update set to
 *   "update_not_requested" prior to sending its next Application Data record."  (The runtime
 *   sends it when you report update_requested, then calls your update_traffic_keys() on its
 *   write direction.)
 *
 * RFC 8446 §7.2 (Updating Traffic Secrets):
 *
 *      application_traffic_secret_N+1 =
 *          HKDF-Expand-Label(application_traffic_secret_N,
 *                            "traffic upd", "", Hash.length)
 *
 *   "Once client_/server_application_traffic_secret_N+1 and its associated traffic keys have
 *   been computed, implementations SHOULD delete client_/server_application_traffic_secret_N
 *   and its associated traffic keys."  New keys: new sequence number 0 (§5.3).
 *
 * RFC 8446 §6: "struct { AlertLevel level; AlertDescription description; } Alert;"
 * RFC 8446 §6.1: "close_notify:  This alert notifies the recipient that the sender will not
 * send any more messages on this connection."  §6.2: any other alert (error alert) ends the
 * connection: return COURSE_PEER_ALERT(description). A wrong length is decode_error.
 *
 * Any other handshake message after the handshake is unexpected_message here.
 *
 * The course gives you course_hkdf_expand_label() (course.h).
 *
 * Check it: `./tls-course check post_handshake`.
 */
#include "course.h"

course_result update_traffic_keys(struct course_direction *d)
{
    /* TODO: d->secret = next traffic secret; new d->key and d->iv from it; d->seq = 0. */
    (void)d;
    return COURSE_TODO;
}

course_result handle_post_handshake(struct course_direction *read, const struct course_plaintext *pt,
                                    size_t *consumed, struct course_event *ev)
{
    /* TODO: by pt->type: application data -> COURSE_EVENT_APPLICATION_DATA; an alert ->
     * close_notify or COURSE_PEER_ALERT; a handshake message (the FIRST one in pt->content) ->
     * NewSessionTicket (fill the ev->ticket_* fields) or KeyUpdate (update read's keys, set
     * ev->update_requested). Set *consumed to the bytes used. */
    (void)read;
    (void)pt;
    *consumed = 0;
    ev->type = COURSE_EVENT_NONE;
    return COURSE_TODO;
}
