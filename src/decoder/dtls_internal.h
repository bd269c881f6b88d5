/*
 * dtls_internal.h — the state of one DTLS connection, shared by dtls_decode.c (datagrams,
 * records, handshake fragments, the cookie) and dtls_flights.c (flights, copies of records, the
 * summary at the end). Internal to src/decoder.
 */
#ifndef TLS13_DECODER_DTLS_INTERNAL_H
#define TLS13_DECODER_DTLS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder/decode_internal.h"
#include "decoder/dtls.h"
#include "decoder/dtls13_keys.h"

#define DTLS_MAX_FLIGHTS 64u      /* flights listed at the end (later ones are counted) */
#define DTLS_WINDOW_EPOCHS 4u     /* epochs with a replay window (RFC 6347 §4.1.2.6) per side */
#define DTLS_FLIGHT_TEXT 160u

struct dtls_flight {
    enum tls_direction dir;
    unsigned first, last;         /* datagram indexes in that direction */
    size_t largest;
    unsigned fragments;           /* handshake fragments carried */
    unsigned repeated;            /* of which seen before (duplicates, retransmissions) */
    unsigned hs_datagrams;        /* datagrams that carried handshake fragments */
    unsigned hs_last;             /* the last of them */
    bool retransmission;          /* every record in it was a retransmission */
    bool any_new;
    char messages[DTLS_FLIGHT_TEXT]; /* "ServerHello, Certificate (3 fragments), ..." */
};

struct dec_dtls {
    struct dtls_reasm ra[2];
    uint16_t epoch[2];            /* highest epoch seen per direction */
    bool ccs_epoch_left[2];       /* a CCS was seen: its sender left epoch epoch[dir] - 1 */
    bool after_repeated_ccs[2];   /* the next encrypted handshake record repeats a Finished */
    size_t largest[2];
    uint64_t largest_frame[2];
    unsigned datagrams[2];
    uint16_t version;             /* record version of the last DTLSPlaintext seen */
    bool unified_seen;
    bool dtls13_noted;
    /* Connection IDs (RFC 9146 §3, RFC 9147 §9): the length of the CID in the records each side
       sends, which is the one its peer asked for in its hello's connection_id extension. */
    size_t cid_len[2];
    /* RFC 6347 §4.1.2.6: "a sliding receive window": per side and epoch, the highest sequence
       number seen and a bitmap of the 64 below it. Used to spot copies of a record. */
    struct {
        bool any;
        uint64_t top;
        uint64_t bits;            /* bit i: top - i was seen */
    } window[2][DTLS_WINDOW_EPOCHS];
    /* HelloVerifyRequest (RFC 6347 §4.2.1) */
    unsigned client_hellos;
    bool hvr;
    uint8_t cookie[255];
    size_t cookie_len;
    /* flights */
    struct dtls_flight flights[DTLS_MAX_FLIGHTS];
    unsigned flight_count;        /* flights started (may exceed DTLS_MAX_FLIGHTS) */
    unsigned retransmitted;       /* records labelled retransmission (or copy) */
    bool cookie_echoed;           /* a ClientHello after the HelloVerifyRequest echoed its cookie */
    enum tls_direction flight_dir; /* sender of the current flight */
    /* one message at a time: DTLS form for the transcript, TLS form for the describer */
    uint8_t msg[DTLS_HANDSHAKE_HEADER_LEN + DTLS_MAX_MESSAGE_LEN];
    uint8_t tls_body[DTLS_MAX_MESSAGE_LEN];
    /* DTLS 1.3 (RFC 9147): keys from the key log, the transcript's ClientHello (dtls13_keys.c) */
    struct dec_dtls13 d13;
};

/* dtls_flights.c: a datagram of dir (index from 1, its size) continues the current flight or
   starts the next one (RFC 6347 §4.2.4: a flight is what one side sends before waiting). */
void dtls_flight_datagram(struct dec_dtls *s, enum tls_direction dir, unsigned index, size_t len);
/* A handshake fragment of the current flight (its message name), new or repeated. */
void dtls_flight_message(struct dec_dtls *s, const char *name, bool repeated);
/* A record of the current flight: one that is not repeated makes the flight not a pure repeat. */
void dtls_flight_record(struct dec_dtls *s, bool repeated);
/* True when (epoch, sequence_number) was already seen from dir (RFC 6347 §4.1.2.6 window). */
bool dtls_seen_before(struct dec_dtls *s, enum tls_direction dir, const struct dtls_record *rec);

#endif
