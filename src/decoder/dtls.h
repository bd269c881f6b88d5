/*
 * dtls.h — DTLS records and handshake fragments, as a passive observer reads them
 * (RFC 6347 §4.1, §4.2.2, §4.2.3 for DTLS 1.0 and 1.2; RFC 9147 §4, §5.2, §7 for DTLS 1.3).
 *
 * Implementation notes
 * --------------------
 * DTLS is TLS over datagrams: each UDP datagram carries one or more whole records, never part
 * of one (RFC 6347 §4.1.1: "Each DTLS record MUST fit within a single datagram"). So there is
 * no byte stream to put back together, only records; what DTLS adds is in three places:
 *
 *   the record header   an explicit epoch (bumped by each ChangeCipherSpec) and a 48-bit
 *                       sequence number per epoch (RFC 6347 §4.1), because datagrams are lost
 *                       and reordered and the receiver must know which record it holds;
 *   the handshake       every message carries message_seq, fragment_offset and
 *   header              fragment_length (RFC 6347 §4.2.2), so a message larger than the path
 *                       MTU is cut into fragments that travel in separate records, and a flight
 *                       that was lost is sent again (§4.2.4) with the same message_seq;
 *   DTLS 1.3            encrypted records get a short "unified header" (RFC 9147 §4) whose
 *                       first byte's bits say what follows: a connection ID, an 8- or 16-bit
 *                       sequence number, a length.
 *
 * This file holds the pure parts: the two record headers, the handshake fragment header and a
 * reassembler of fragments (any order, overlapping, duplicated) into whole messages. Nothing
 * here allocates: the reassembler is a caller-owned struct of fixed arrays, so its memory is
 * bounded by the constants below whatever the input (a message longer than
 * DTLS_MAX_MESSAGE_LEN, or more than DTLS_REASM_SLOTS messages in progress, is reported, not
 * buffered). Parsed records and fragments are views into the caller's datagram, valid while
 * it is.
 */
#ifndef TLS13_DECODER_DTLS_H
#define TLS13_DECODER_DTLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/names.h" /* TLS_CT_ack (26, RFC 9147 §7), TLS_CT_tls12_cid (25, RFC 9146) */

#define DTLS_RECORD_HEADER_LEN 13u        /* RFC 6347 §4.1 DTLSPlaintext header */
#define DTLS_HANDSHAKE_HEADER_LEN 12u     /* RFC 6347 §4.2.2 Handshake header */
#define DTLS_MAX_RECORD_LEN (16384u + 2048u) /* RFC 6347 §4.1 -> RFC 5246 §6.2.3 */
#define DTLS_MAX_MESSAGE_LEN 32768u       /* longest handshake message reassembled (bound; DTLS
                                             certificate chains are kept well below it) */
#define DTLS_REASM_SLOTS 4u               /* messages in progress at once, per direction (bound) */
#define DTLS_MAX_CID_LEN 255u             /* RFC 9146 §3: ConnectionId cid<0..2^8-1> */
#define DTLS_SCHANNEL_DEFAULT_MTU 1096u   /* Schannel's SECPKG_ATTR_DTLS_MTU default (seed 002) */

/* Versions as they appear on the wire (one's complement of the TLS ones, RFC 6347 §4.1). */
#define DTLS_VERSION_1_0 0xfeffu
#define DTLS_VERSION_1_2 0xfefdu
#define DTLS_VERSION_1_3 0xfefcu

/* RFC 9147 §4 unified header, first byte 001CSLEE. */
#define DTLS_UH_FIXED_MASK 0xe0u
#define DTLS_UH_FIXED 0x20u
#define DTLS_UH_C 0x10u                   /* connection ID present */
#define DTLS_UH_S 0x08u                   /* 16-bit sequence number (else 8-bit) */
#define DTLS_UH_L 0x04u                   /* length present (else: to the end of the datagram) */
#define DTLS_UH_EPOCH 0x03u               /* low two bits of the epoch */

/*
 * One record at the front of a datagram.
 *
 * RFC 6347 §4.1:                                RFC 9147 §4 (DTLS 1.3, protected records):
 *   struct {                                      struct {
 *       ContentType type;                             opaque unified_hdr[variable];
 *       ProtocolVersion version;                      opaque encrypted_record[length];
 *       uint16 epoch;                             } DTLSCiphertext;
 *       uint48 sequence_number;
 *       uint16 length;
 *       opaque fragment[DTLSPlaintext.length];
 *   } DTLSPlaintext;
 */
struct dtls_record {
    bool unified;                 /* a DTLS 1.3 unified header (then type is 23 by convention) */
    uint8_t type;                 /* ContentType (plaintext header) */
    uint16_t version;             /* plaintext header: 0xfeff, 0xfefd; unified: 0 */
    uint16_t epoch;               /* plaintext: the epoch; unified: its low 2 bits */
    uint64_t sequence_number;     /* plaintext: 48 bits; unified: the low 8 or 16 bits as sent
                                     (encrypted, RFC 9147 §4.2.3, unless the keys are known) */
    uint8_t seq_bits;             /* 48, 16 or 8 */
    uint8_t flags;                /* unified: the first byte */
    const uint8_t *cid;           /* unified with C set, or a tls12_cid (25) record (RFC 9146 §4):
                                     the connection ID, else NULL */
    size_t cid_len;
    bool length_present;          /* plaintext: always; unified: the L bit */
    uint16_t length;              /* bytes of the fragment / encrypted_record */
    const uint8_t *header;        /* the header bytes (AAD in DTLS 1.3) */
    size_t header_len;
    const uint8_t *fragment;
    size_t total_len;             /* header + fragment: how far the datagram was consumed */
};

/* True when data starts with something that looks like a DTLS record: a plaintext header
   of type 20..26, version fe ff / fe fd, length that fits; or a unified header with L set
   whose length fits. Used to recognise DTLS flows by content, on any port. */
bool dtls_plausible_record(const uint8_t *data, size_t len);

/*
 * Parses the record at the front of data (a datagram's remaining bytes). cid_len is the
 * length of connection IDs on this flow (negotiated, RFC 9146 / RFC 9147 §9; 0 when unknown):
 * a unified header with C set, or a DTLS 1.2 tls12_cid record (RFC 9146 §4), needs it. Errors (decode_error): header cut short, length past
 * the datagram, a record longer than DTLS_MAX_RECORD_LEN, an unknown first byte.
 */
tls_result dtls_record_parse(const uint8_t *data, size_t len, size_t cid_len, struct dtls_record *rec,
                             struct tls_error *err);

/*
 * RFC 6347 §4.2.2:
 *   struct {
 *       HandshakeType msg_type;
 *       uint24 length;
 *       uint16 message_seq;
 *       uint24 fragment_offset;
 *       uint24 fragment_length;
 *       select (HandshakeType) { ... } body;   -- fragment_length bytes of it
 *   } Handshake;
 */
struct dtls_fragment {
    uint8_t msg_type;
    uint32_t length;              /* of the whole message body */
    uint16_t message_seq;
    uint32_t fragment_offset;
    uint32_t fragment_length;
    const uint8_t *data;          /* fragment_length bytes */
};

/* Parses one fragment at the front of data (a handshake record's content); *used is how many
   bytes it took. Errors (decode_error): header cut short, fragment past the record,
   fragment_offset + fragment_length past length. */
tls_result dtls_fragment_parse(const uint8_t *data, size_t len, struct dtls_fragment *f, size_t *used,
                               struct tls_error *err);

/* What a fragment did to the reassembler. */
enum dtls_fragment_status {
    DTLS_FRAG_NEW,                /* added bytes to a message still incomplete */
    DTLS_FRAG_COMPLETED,          /* completed a message (now ready for dtls_reasm_next) */
    DTLS_FRAG_DUPLICATE,          /* nothing new: every byte was already held (a copy) */
    DTLS_FRAG_RETRANSMISSION,     /* of a message already delivered (message_seq passed) */
    DTLS_FRAG_MISMATCH,           /* msg_type or length differ from earlier fragments: ignored */
    DTLS_FRAG_TOO_LARGE,          /* message longer than DTLS_MAX_MESSAGE_LEN: not reassembled */
    DTLS_FRAG_NO_SLOT,            /* DTLS_REASM_SLOTS messages already in progress: dropped */
};

struct dtls_reasm_slot {
    bool in_use;
    bool complete;
    uint16_t message_seq;
    uint8_t msg_type;
    uint32_t length;
    uint32_t received;                         /* distinct body bytes held */
    unsigned fragments;                        /* fragments that added bytes */
    uint8_t have[DTLS_MAX_MESSAGE_LEN / 8];    /* one bit per body byte held */
    uint8_t header[DTLS_HANDSHAKE_HEADER_LEN]; /* as if sent in one fragment (RFC 6347 §4.2.6) */
    uint8_t body[DTLS_MAX_MESSAGE_LEN];
};

/* One direction's handshake messages, put back together and handed out in message_seq order
   (RFC 6347 §4.2.2: the receiver processes them in order). */
struct dtls_reasm {
    bool started;                 /* next_seq is known (set by the first fragment seen) */
    bool delivered;               /* a message was handed out: next_seq no longer moves back */
    uint16_t next_seq;            /* the message_seq to deliver next */
    struct dtls_reasm_slot slots[DTLS_REASM_SLOTS];
};

/* A whole message, as the transcript hashes it in DTLS (RFC 6347 §4.2.6: header with
   fragment_offset 0 and fragment_length = length). Views into the reassembler, valid until the
   next add. */
struct dtls_message {
    uint8_t msg_type;
    uint16_t message_seq;
    uint32_t length;
    const uint8_t *header;        /* DTLS_HANDSHAKE_HEADER_LEN bytes */
    const uint8_t *body;          /* length bytes */
    unsigned fragments;           /* how many fragments it came in */
};

void dtls_reasm_init(struct dtls_reasm *ra);

/* Adds one fragment. */
enum dtls_fragment_status dtls_reasm_add(struct dtls_reasm *ra, const struct dtls_fragment *f);

/* The next message in message_seq order, when complete: true and *msg set; its slot is
   released by the next call to dtls_reasm_add or dtls_reasm_next. */
bool dtls_reasm_next(struct dtls_reasm *ra, struct dtls_message *msg);

/* True when some message is held incomplete (or complete but waiting for an earlier one). */
bool dtls_reasm_pending(const struct dtls_reasm *ra);

/* "new", "completed", "duplicate", ... for reports. */
const char *dtls_fragment_status_name(enum dtls_fragment_status s);

#endif
