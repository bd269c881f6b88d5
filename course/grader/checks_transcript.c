/*
 * checks_transcript.c — the graded checks of exercises transcript (RFC 8446 §4.4.1, with RFC
 * 8448 §5's HelloRetryRequest) and post_handshake (§4.6.1, §4.6.3, §6.1, §7.2).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crypto/key_schedule.h"
#include "handshake/new_session_ticket.h"

/* update_transcript() of one message; false (FAIL printed) unless it returns COURSE_OK. */
static bool feed(struct check *c, struct course_transcript *t, uint8_t type, const uint8_t *header,
                 const uint8_t *bytes, size_t len, const char *what)
{
    struct course_message m = {type, header, bytes, len};
    char why[300];
    snprintf(why, sizeof(why), "%s: every message is accepted (non-handshake ones are simply not "
             "kept)", what);
    return ck_rc(c, update_transcript(t, &m), COURSE_OK, "update_transcript()", why);
}

static bool hash_is(struct check *c, struct course_transcript *t, const struct tv *expected,
                    const char *after, const char *hint)
{
    uint8_t out[COURSE_MAX_HASH_LEN];
    char step[300];
    memset(out, 0, sizeof(out));
    if (!ck_rc(c, transcript_hash(t, c->v->suite->hash_len, out), COURSE_OK, "transcript_hash()",
               "a hash can always be computed")) {
        return false;
    }
    snprintf(step, sizeof(step), "Transcript-Hash(%s) = Hash(M1 || ... || Mn), whole handshake "
             "messages (4-byte header included), nothing else (RFC 8446 §4.4.1)", after);
    char name[120];
    snprintf(name, sizeof(name), "the transcript hash of %s", after);
    return ck_bytes(c, name, "update_transcript() + transcript_hash()", step,
                    expected, out, c->v->suite->hash_len, hint);
}

bool check_transcript(struct check *c)
{
    const struct vectors *v = c->v;
    struct course_transcript *t = calloc(1, sizeof(*t));
    static const uint8_t ccs_header[] = {CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1}, ccs_body[] = {1};
    const uint8_t *flight_header = v->server_flight_record.p;
    bool ok = t != NULL &&
        feed(c, t, CT_HANDSHAKE, v->client_hello_record.p, v->client_hello.p, v->client_hello.len,
             "the ClientHello") &&
        feed(c, t, CT_HANDSHAKE, v->server_hello_record.p, v->server_hello.p, v->server_hello.len,
             "the ServerHello") &&
        feed(c, t, CT_CHANGE_CIPHER_SPEC, ccs_header, ccs_body, 1, "a ChangeCipherSpec") &&
        hash_is(c, t, &v->c_hs_hash, "ClientHello, ServerHello",
                "transcript.c update_transcript(): keep whole handshake messages only: not the "
                "5-byte record header, not the ChangeCipherSpec (RFC 8446 §5: it is not a "
                "handshake message); `tls13 connect --explain` prints this hash for a live "
                "connection");
    /* The server's encrypted flight, one message at a time, with its record's header */
    const struct tv *flight[] = {&v->encrypted_extensions, &v->certificate, &v->certificate_verify,
                                 &v->server_finished};
    const char *names[] = {"EncryptedExtensions", "Certificate", "CertificateVerify", "server Finished"};
    for (int i = 0; ok && i < 4; i++) {
        ok = feed(c, t, CT_HANDSHAKE, flight_header, flight[i]->p, flight[i]->len, names[i]);
    }
    ok = ok && hash_is(c, t, &v->c_ap_hash, "ClientHello..server Finished",
                       "transcript.c: every handshake message of the server's encrypted flight, "
                       "decrypted, in order; still no record headers");
    /* Application data and an alert are no handshake messages; the client Finished is */
    static const uint8_t data_header[] = {CT_APPLICATION_DATA, 3, 3, 0, 22}, data[] = "hello";
    static const uint8_t alert_header[] = {CT_APPLICATION_DATA, 3, 3, 0, 19}, alert[] = {1, 0};
    ok = ok && feed(c, t, CT_APPLICATION_DATA, data_header, data, 5, "application data \"hello\"") &&
         feed(c, t, CT_ALERT, alert_header, alert, 2, "a close_notify alert") &&
         feed(c, t, CT_HANDSHAKE, v->client_finished_record.p, v->client_finished.p,
              v->client_finished.len, "the client Finished") &&
         hash_is(c, t, &v->res_master_hash, "ClientHello..client Finished",
                 "transcript.c: application data and alerts are not handshake messages; the "
                 "client Finished is (resumption_master_secret uses this hash)");
    /* RFC 8448 §5: ClientHello1 becomes message_hash after a HelloRetryRequest */
    if (ok && v->have_hrr) {
        static const uint8_t hs_header[] = {CT_HANDSHAKE, 3, 3, 0, 0};
        memset(t, 0, sizeof(*t));
        course_result rc = COURSE_OK;
        ok = feed(c, t, CT_HANDSHAKE, hs_header, v->hrr_client_hello1.p, v->hrr_client_hello1.len,
                  "ClientHello1 of RFC 8448 §5");
        if (ok) {
            rc = transcript_hello_retry(t, v->suite->hash_len);
            ok = ck_rc(c, rc, COURSE_OK, "transcript_hello_retry()", "ClientHello1 is in the transcript");
        }
        ok = ok &&
             feed(c, t, CT_HANDSHAKE, hs_header, v->hrr_retry_request.p, v->hrr_retry_request.len,
                  "the HelloRetryRequest of RFC 8448 §5") &&
             feed(c, t, CT_HANDSHAKE, hs_header, v->hrr_client_hello2.p, v->hrr_client_hello2.len,
                  "ClientHello2 of RFC 8448 §5") &&
             feed(c, t, CT_HANDSHAKE, hs_header, v->hrr_server_hello.p, v->hrr_server_hello.len,
                  "the ServerHello of RFC 8448 §5");
        if (ok) {
            uint8_t out[COURSE_MAX_HASH_LEN];
            memset(out, 0, sizeof(out));
            ok = ck_rc(c, transcript_hash(t, v->suite->hash_len, out), COURSE_OK, "transcript_hash()",
                       "a hash can always be computed") &&
                 ck_bytes(c, "the transcript hash after a HelloRetryRequest",
                          "transcript_hello_retry() + transcript_hash()",
                          "Transcript-Hash(ClientHello1, HelloRetryRequest, ClientHello2, ServerHello) "
                          "= Hash(message_hash || 00 00 Hash.length || Hash(ClientHello1) || "
                          "HelloRetryRequest || ClientHello2 || ServerHello) (RFC 8446 §4.4.1)",
                          &v->hrr_hello_hash, out, v->suite->hash_len,
                          "transcript.c transcript_hello_retry(): replace ClientHello1 by a 4+32-byte "
                          "message: type message_hash (254), a uint24 length of 32, then "
                          "Hash(ClientHello1)");
        }
    }
    free(t);
    return ok;
}

/* --- post_handshake ---------------------------------------------------------------------- */

/* The input of the last post() call: the event's views point into it until the next call. */
static uint8_t *last_input;

static void post_release(void)
{
    free(last_input);
    last_input = NULL;
}

static bool post(struct check *c, struct course_direction *d, uint8_t type, const uint8_t *bytes,
                 size_t len, course_result want, enum course_event_type want_type, size_t want_used,
                 struct course_event *ev, const char *what)
{
    static const char *const names[] = {"COURSE_EVENT_NONE", "COURSE_EVENT_APPLICATION_DATA",
                                        "COURSE_EVENT_NEW_SESSION_TICKET", "COURSE_EVENT_KEY_UPDATE",
                                        "COURSE_EVENT_CLOSE_NOTIFY"};
    post_release();
    uint8_t *buf = malloc(len ? len : 1);
    last_input = buf;
    memcpy(buf, bytes, len);
    struct course_plaintext pt = {type, buf, len};
    size_t used = 0;
    memset(ev, 0, sizeof(*ev));
    bool ok = ck_rc(c, handle_post_handshake(d, &pt, &used, ev), want, "handle_post_handshake()", what);
    if (ok && want == COURSE_OK) {
        if (ev->type != want_type) {
            unsigned t = (unsigned)ev->type;
            ck_fail(c, "handle_post_handshake() reported %s, expected %s",
                    t < 5 ? names[t] : "an unknown event", names[want_type]);
            ck_note(c, "input:    %s", what);
            ok = false;
        } else if (used != want_used) {
            ck_fail(c, "handle_post_handshake() set *consumed = %zu, expected %zu", used, want_used);
            ck_note(c, "input:    %s", what);
            ck_note(c, "rule:     one handshake message is 4 + its uint24 length bytes (RFC 8446 §4); "
                       "data and alerts use the whole record");
            ok = false;
        } else if (want_type == COURSE_EVENT_APPLICATION_DATA &&
                   (ev->data_len != len || (len > 0 && (ev->data == NULL || memcmp(ev->data, buf, len) != 0)))) {
            ck_fail(c, "handle_post_handshake() must hand the whole record content over as data");
            ok = false;
        }
    }
    return ok;
}

static bool check_post_handshake_steps(struct check *c);

bool check_post_handshake(struct check *c)
{
    bool ok = check_post_handshake_steps(c);
    post_release();
    return ok;
}

static bool check_post_handshake_steps(struct check *c)
{
    const struct vectors *v = c->v;
    size_t hl = v->suite->hash_len;
    struct course_event ev;
    struct course_direction d;
    memset(&d, 0, sizeof(d));
    d.suite = v->suite;
    memcpy(d.secret, v->s_ap_traffic.p, hl);
    memcpy(d.key, v->server_ap_key.p, v->suite->key_len);
    memcpy(d.iv, v->server_ap_iv.p, COURSE_IV_LEN);
    d.seq = 1;
    /* 1. The NewSessionTicket of RFC 8448 §3 (the "extra message after the handshake") */
    struct tls_new_session_ticket nst;
    const uint8_t *m = v->nst_payload.p;
    size_t mlen = v->nst_payload.len;
    if (mlen < 4 || tls_new_session_ticket_parse(m + 4, mlen - 4, &nst, NULL) != 0) {
        ck_fail(c, "grader error: the trace's NewSessionTicket does not parse");
        return false;
    }
    char what[300];
    snprintf(what, sizeof(what), "%s: a NewSessionTicket (RFC 8446 §4.6.1), the message a server "
             "sends after the handshake", v->nst_payload.source);
    if (!post(c, &d, CT_HANDSHAKE, m, mlen, COURSE_OK, COURSE_EVENT_NEW_SESSION_TICKET, mlen, &ev, what)) {
        return false;
    }
    if (ev.ticket_lifetime != nst.ticket_lifetime || ev.ticket_age_add != nst.ticket_age_add) {
        ck_fail(c, "NewSessionTicket: ticket_lifetime %u, ticket_age_add %u; expected %u and %u",
                ev.ticket_lifetime, ev.ticket_age_add, nst.ticket_lifetime, nst.ticket_age_add);
        ck_note(c, "struct { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>; "
                   "opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; } (RFC 8446 §4.6.1); "
                   "the body starts after the 4-byte handshake header");
        return false;
    }
    if (!ck_bytes_computed(c, "ticket_nonce", "handle_post_handshake()", "NewSessionTicket.ticket_nonce "
                           "(RFC 8446 §4.6.1)", nst.ticket_nonce.data, nst.ticket_nonce.len,
                           "the project's tls_new_session_ticket_parse() of the trace's message",
                           ev.ticket_nonce, ev.ticket_nonce ? ev.ticket_nonce_len : 0,
                           "post_handshake.c: a 1-byte length, then the nonce") ||
        !ck_bytes_computed(c, "ticket", "handle_post_handshake()", "NewSessionTicket.ticket (RFC 8446 "
                           "§4.6.1)", nst.ticket.data, nst.ticket.len,
                           "the project's tls_new_session_ticket_parse() of the trace's message",
                           ev.ticket, ev.ticket ? ev.ticket_len : 0,
                           "post_handshake.c: a 2-byte length, then the ticket")) {
        return false;
    }
    /* 2. Two messages in one record: one at a time */
    uint8_t two[1024];
    if (2 * mlen <= sizeof(two)) {
        memcpy(two, m, mlen);
        memcpy(two + mlen, m, mlen);
        if (!post(c, &d, CT_HANDSHAKE, two, 2 * mlen, COURSE_OK, COURSE_EVENT_NEW_SESSION_TICKET, mlen,
                  &ev, "two NewSessionTickets in one record (RFC 8446 §5.1 lets a record hold "
                       "several handshake messages): handle the first, report its length")) {
            return false;
        }
    }
    /* 3. Data, close_notify, an error alert */
    static const uint8_t data[] = "olleh\n", close_notify[] = {1, 0}, fatal[] = {2, 40};
    static const uint8_t close_fatal[] = {2, 0};
    if (!post(c, &d, CT_APPLICATION_DATA, data, 6, COURSE_OK, COURSE_EVENT_APPLICATION_DATA, 6, &ev,
              "an application_data record \"olleh\\n\"") ||
        !post(c, &d, CT_ALERT, close_notify, 2, COURSE_OK, COURSE_EVENT_CLOSE_NOTIFY, 2, &ev,
              "alert 01 00, close_notify: RFC 8446 §6.1 \"the sender will not send any more "
              "messages on this connection\"") ||
        !post(c, &d, CT_ALERT, close_fatal, 2, COURSE_OK, COURSE_EVENT_CLOSE_NOTIFY, 2, &ev,
              "alert 02 00: close_notify at level fatal is still close_notify (RFC 8446 §6: "
              "\"the AlertLevel ... MUST be ignored\" for the meaning; closure alerts are by "
              "description)") ||
        !post(c, &d, CT_ALERT, fatal, 2, COURSE_PEER_ALERT(ALERT_HANDSHAKE_FAILURE), COURSE_EVENT_NONE,
              0, &ev, "alert 02 28, handshake_failure: an error alert from the peer ends the "
                      "connection (RFC 8446 §6.2): return COURSE_PEER_ALERT(description)")) {
        return false;
    }
    /* 4. KeyUpdate: update_requested, then not requested, then malformed */
    uint8_t next[COURSE_MAX_HASH_LEN];
    struct course_direction want = d;
    ref_update_traffic_keys(&want);
    memcpy(next, want.secret, hl);
    static const uint8_t ku_req[] = {HS_KEY_UPDATE, 0, 0, 1, 1}, ku_not[] = {HS_KEY_UPDATE, 0, 0, 1, 0};
    static const uint8_t ku_bad[] = {HS_KEY_UPDATE, 0, 0, 1, 2}, ku_long[] = {HS_KEY_UPDATE, 0, 0, 2, 0, 0};
    d.seq = 7;
    if (!post(c, &d, CT_HANDSHAKE, ku_req, 5, COURSE_OK, COURSE_EVENT_KEY_UPDATE, 5, &ev,
              "a KeyUpdate (handshake type 24, RFC 8446 §4.6.3) with update_requested: the "
              "sender now writes with its next traffic secret")) {
        return false;
    }
    if (!ev.update_requested) {
        ck_fail(c, "KeyUpdate with request_update = update_requested(1): ev->update_requested is false");
        ck_note(c, "RFC 8446 §4.6.3: \"If the request_update field is set to \"update_requested\", "
                   "then the receiver MUST send a KeyUpdate of its own with request_update set to "
                   "\"update_not_requested\" prior to sending its next Application Data record\"");
        return false;
    }
    const char *ku_step = "application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "
                          "\"traffic upd\", \"\", Hash.length) (RFC 8446 §7.2)";
    const char *ku_source = "the project's tls_next_traffic_secret() of the trace's "
                            "server_application_traffic_secret_0";
    if (!ck_bytes_computed(c, "server_application_traffic_secret_1", "handle_post_handshake() -> "
                           "update_traffic_keys()", ku_step, next, hl, ku_source, d.secret, hl,
                           "post_handshake.c update_traffic_keys(): the label is \"traffic upd\"; "
                           "the read direction's secret must be replaced") ||
        !ck_bytes_computed(c, "the new server write_key", "update_traffic_keys()",
                           "write_key = HKDF-Expand-Label(Secret, \"key\", \"\", key_length) (RFC 8446 §7.3)",
                           want.key, v->suite->key_len, ku_source, d.key, v->suite->key_len,
                           "post_handshake.c update_traffic_keys(): new key and iv from the new secret") ||
        !ck_bytes_computed(c, "the new server write_iv", "update_traffic_keys()",
                           "write_iv = HKDF-Expand-Label(Secret, \"iv\", \"\", iv_length) (RFC 8446 §7.3)",
                           want.iv, COURSE_IV_LEN, ku_source, d.iv, COURSE_IV_LEN, NULL)) {
        return false;
    }
    if (d.seq != 0) {
        ck_fail(c, "after a KeyUpdate the sequence number is %llu, expected 0",
                (unsigned long long)d.seq);
        ck_note(c, "RFC 8446 §5.3: the sequence number is \"set to zero at the beginning of a "
                   "connection and whenever the key is changed\"");
        return false;
    }
    return post(c, &d, CT_HANDSHAKE, ku_not, 5, COURSE_OK, COURSE_EVENT_KEY_UPDATE, 5, &ev,
                "a KeyUpdate with update_not_requested(0)") &&
           (ev.update_requested ? (ck_fail(c, "KeyUpdate with update_not_requested(0): "
                                              "ev->update_requested is true"), false)
                                : true) &&
           post(c, &d, CT_HANDSHAKE, ku_bad, 5, COURSE_ALERT(ALERT_ILLEGAL_PARAMETER), COURSE_EVENT_NONE,
                0, &ev, "a KeyUpdate with request_update 2: RFC 8446 §4.6.3 \"If an implementation "
                        "receives any other value, it MUST terminate the connection with an "
                        "\"illegal_parameter\" alert\"") &&
           post(c, &d, CT_HANDSHAKE, ku_long, 6, COURSE_ALERT(ALERT_DECODE_ERROR), COURSE_EVENT_NONE,
                0, &ev, "a KeyUpdate whose body is 2 bytes: the struct is one byte, a wrong length "
                        "is decode_error (RFC 8446 §6.2)") &&
           post(c, &d, CT_HANDSHAKE, v->server_finished.p, v->server_finished.len,
                COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE), COURSE_EVENT_NONE, 0, &ev,
                "a Finished after the handshake: only NewSessionTicket, KeyUpdate (and "
                "CertificateRequest, not offered here) may come (RFC 8446 §4.6): "
                "unexpected_message");
}
