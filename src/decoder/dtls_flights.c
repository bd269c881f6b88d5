/*
 * dtls_flights.c — what a DTLS connection looked like as a whole (RFC 6347 §4.2.4, §4.1.2.6):
 * its flights (the datagrams one side sent before waiting for the other), which of them were
 * sent again, copies of records, and each side's largest datagram against Schannel's default
 * DTLS MTU. dtls_decode.c feeds it while decoding; dec_dtls_end() writes the summary notes.
 *
 * Implementation notes
 * --------------------
 * A flight is a run of consecutive datagrams from one side: DTLS sends a whole flight, then
 * waits (§4.2.4), so a change of sender ends one. A flight whose every handshake fragment was
 * seen before is a retransmission; one that repeats some and fills others was sent again after
 * a loss, often cut differently. In a token trace each datagram is one SSPI token, so the list
 * says which tokens of Schannel's SEC_I_MESSAGE_FRAGMENT loop were one flight.
 */
#include <stdio.h>
#include <string.h>

#include "decoder/dtls_internal.h"

static const char *side_name(enum tls_direction dir)
{
    return dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server";
}

static struct dtls_flight *current_flight(struct dec_dtls *s)
{
    if (s->flight_count == 0 || s->flight_count > DTLS_MAX_FLIGHTS) {
        return NULL;
    }
    return &s->flights[s->flight_count - 1];
}

/* A datagram of dir: it continues the current flight or starts the next one. */
void dtls_flight_datagram(struct dec_dtls *s, enum tls_direction dir, unsigned index, size_t len)
{
    struct dtls_flight *f = current_flight(s);
    if (s->flight_count == 0 || s->flight_dir != dir) {
        s->flight_count++;
        s->flight_dir = dir;
        f = current_flight(s);
        if (f == NULL) {
            return; /* past DTLS_MAX_FLIGHTS: counted only */
        }
        memset(f, 0, sizeof(*f));
        f->dir = dir;
        f->first = index;
        f->retransmission = true;
    }
    if (f == NULL) {
        return;
    }
    f->last = index;
    if (len > f->largest) {
        f->largest = len;
    }
}

void dtls_flight_message(struct dec_dtls *s, const char *name, bool repeated)
{
    struct dtls_flight *f = current_flight(s);
    if (f == NULL) {
        return;
    }
    f->fragments++;
    f->repeated += repeated ? 1u : 0u;
    if (f->hs_last != f->last || f->hs_datagrams == 0) {
        f->hs_datagrams++;
        f->hs_last = f->last;
    }
    if (!repeated) {
        f->any_new = true;
        f->retransmission = false;
    }
    size_t used = strlen(f->messages);
    /* The same name as the previous fragment: one message in several fragments. */
    size_t nl = strlen(name);
    if (used >= nl && strcmp(f->messages + used - nl, name) == 0) {
        return;
    }
    if (used + nl + 3 < sizeof(f->messages)) {
        snprintf(f->messages + used, sizeof(f->messages) - used, "%s%s", used > 0 ? ", " : "", name);
    }
}

void dtls_flight_record(struct dec_dtls *s, bool repeated)
{
    s->retransmitted += repeated ? 1u : 0u;
    struct dtls_flight *f = current_flight(s);
    if (f != NULL && !repeated) {
        f->retransmission = false;
        f->any_new = true;
    }
}

/* True when (epoch, sequence_number) was already seen from dir; records it otherwise. Records
   older than the window, or of a later epoch, are taken as new. */
bool dtls_seen_before(struct dec_dtls *s, enum tls_direction dir, const struct dtls_record *rec)
{
    if (rec->unified || rec->epoch >= DTLS_WINDOW_EPOCHS) {
        return false; /* DTLS 1.3 sequence numbers are encrypted (RFC 9147 §4.2.3) */
    }
    uint64_t q = rec->sequence_number;
    bool *any = &s->window[dir][rec->epoch].any;
    uint64_t *top = &s->window[dir][rec->epoch].top;
    uint64_t *bits = &s->window[dir][rec->epoch].bits;
    if (!*any || q > *top) {
        uint64_t shift = *any ? q - *top : 64;
        *bits = shift >= 64 ? 0 : *bits << shift;
        *bits |= 1;
        *top = q;
        *any = true;
        return false;
    }
    uint64_t back = *top - q;
    if (back >= 64) {
        return false;
    }
    bool seen = (*bits >> back) & 1u;
    *bits |= (uint64_t)1 << back;
    return seen;
}

void dec_dtls_end(struct dec_conn *c)
{
    struct dec_dtls *s = c->dtls;
    if (s == NULL) {
        return;
    }
    for (int dir = 0; dir < 2; dir++) {
        if (dtls_reasm_pending(&s->ra[dir])) {
            dec_conn_note(c, "%s: a handshake message is incomplete at the end (fragments missing)",
                          side_name((enum tls_direction)dir));
        }
    }
    unsigned shown = s->flight_count < DTLS_MAX_FLIGHTS ? s->flight_count : DTLS_MAX_FLIGHTS;
    for (unsigned i = 0; i < shown; i++) {
        const struct dtls_flight *f = &s->flights[i];
        const char *unit = c->info.client_rule == TLS_CLIENT_BY_TRACE ? "token" : "datagram";
        char range[64];
        if (f->last > f->first) {
            snprintf(range, sizeof(range), "%ss %u to %u", unit, f->first, f->last);
        } else {
            snprintf(range, sizeof(range), "%s %u", unit, f->first);
        }
        char again[160] = "";
        if (f->retransmission && f->fragments > 0) {
            snprintf(again, sizeof(again), "; a retransmission (RFC 6347 §4.2.4)");
        } else if (f->repeated > 0) {
            snprintf(again, sizeof(again), "; sent again in part: %u of its %u fragments repeat earlier ones, "
                     "the others fill what was missing (RFC 6347 §4.2.4)", f->repeated, f->fragments);
        }
        dec_conn_note(c, "flight %u (%s): %s, largest %zu bytes%s%s%s%s", i + 1, side_name(f->dir), range,
                      f->largest, f->messages[0] != '\0' ? ": " : "", f->messages,
                      f->hs_datagrams > 1 ? " (one flight in several datagrams, as Schannel hands out "
                                            "one SEC_I_MESSAGE_FRAGMENT token per datagram)" : "",
                      again);
    }
    if (s->flight_count > shown) {
        dec_conn_note(c, "%u more flights not listed", s->flight_count - shown);
    }
    for (int dir = 0; dir < 2; dir++) {
        if (s->datagrams[dir] == 0) {
            continue;
        }
        size_t big = s->largest[dir];
        dec_conn_note(c, "%s: largest datagram %zu bytes (UDP payload, %s %llu): %s Schannel's default DTLS "
                         "MTU of %u bytes (SECPKG_ATTR_DTLS_MTU)%s",
                      side_name((enum tls_direction)dir), big,
                      c->info.client_rule == TLS_CLIENT_BY_TRACE ? "token" : "frame",
                      (unsigned long long)s->largest_frame[dir],
                      big <= DTLS_SCHANNEL_DEFAULT_MTU ? "within" : "LARGER than", DTLS_SCHANNEL_DEFAULT_MTU,
                      big <= DTLS_SCHANNEL_DEFAULT_MTU ? "" : ": Schannel with its default would have "
                                                              "fragmented this flight further");
    }
    if (s->hvr && s->client_hellos < 2) {
        dec_conn_note(c, "a HelloVerifyRequest was not answered by a second ClientHello in the capture");
    }
}

void dec_dtls_summary(const struct dec_conn *c, struct tls_decoded_connection *s)
{
    const struct dec_dtls *d = c->dtls;
    if (d == NULL) {
        return;
    }
    s->dtls = true;
    s->largest_datagram[0] = d->largest[0];
    s->largest_datagram[1] = d->largest[1];
    s->hello_verify_request = d->hvr;
    s->cookie_echoed = d->cookie_echoed;
    s->retransmitted_records = d->retransmitted;
    s->flights = d->flight_count;
}
