/*
 * record.h — the TLS 1.3 record layer: framing (RFC 8446 §5, §5.1).
 *
 * The whole §5 pipeline, for a student
 * ------------------------------------
 * TCP gives us a stream of bytes with no boundaries. TLS cuts that stream into *records*, each
 * a 5-byte header and a body (RFC 8446 §5.1):
 *
 *      struct {
 *          ContentType type;                      1 byte: 20 CCS, 21 alert, 22 handshake, 23 data
 *          ProtocolVersion legacy_record_version; 2 bytes: 0x0303, "MUST be ignored"
 *          uint16 length;                         2 bytes
 *          opaque fragment[TLSPlaintext.length];
 *      } TLSPlaintext;
 *
 * Receiving one record goes through these steps, each in its own file:
 *
 *   1. Deframe (record.c, tls_record_deframe): find where the next record ends in the bytes
 *      received so far. Until the 5 header bytes are there we only know that more is needed.
 *      Once they are, the header is checked *before* waiting for the body: an unknown type is
 *      unexpected_message (§5) and a length above 2^14 (plaintext) or 2^14 + 256 (protected)
 *      is record_overflow (§5.1, §5.2) — a peer cannot make us wait for 64 KiB of garbage.
 *      Nothing is copied: the result is a view into the caller's bytes.
 *
 *   2. Unprotect (protect.c, tls_record_unprotect): before keys are installed the fragment is
 *      the content itself. Afterwards every record is a TLSCiphertext with outer type
 *      application_data(23), except the one compatibility ChangeCipherSpec (§5, Appendix D.4),
 *      which is recognized and dropped *before* any decryption is attempted. The body is
 *      decrypted with AEAD (AAD = the 5-byte header, nonce = write_iv XOR sequence number,
 *      §5.2-§5.3); the result is TLSInnerPlaintext = content || type || zeros, so the true
 *      content type is the last non-zero byte (§5.4).
 *
 *   3. Dispatch on the (inner) content type:
 *        alert(21)        -> alert.c: exactly one 2-byte Alert per record (§5.1, §6)
 *        handshake(22)    -> reassembly.c: messages may be split across records or several
 *                            may share one record; they are reassembled, then popped one by one
 *        application_data -> handed to the application (only after the handshake)
 *
 * Sending is the reverse (protect.c, tls_record_write): content is cut into records of at most
 * 2^14 bytes, and once keys are installed each becomes TLSInnerPlaintext, is sealed, and gets a
 * header with type 23 and legacy_record_version 0x0303.
 *
 * How a receive loop uses the pieces (the handshake layer owns rx, ra and the buffers):
 *
 *     TRY(tls_record_deframe(in, in_len, rx.dir.is_protected, &rec, &need, err));
 *     if (need > 0) -> wait for more input (keep the unconsumed bytes)
 *     TRY(tls_record_unprotect(&rx, &rec, work, sizeof(work), &pt, err));   // work: 2^14+256
 *     consume rec.total_len bytes of input
 *     if (pt.type != handshake) -> TRY(tls_reassembly_check_boundary(&ra, INTERLEAVE, err))
 *     if (pt.dropped)           -> next record (a compatibility CCS)
 *     handshake:        TRY(tls_reassembly_add(&ra, pt.content, pt.length, err)), then
 *                       tls_reassembly_next() until it has none; before installing new read
 *                       keys, TRY(tls_reassembly_check_boundary(&ra, NULL, err))
 *     alert:            tls_alert_process(pt.content, pt.length, ...)
 *     application_data: deliver pt.content (only once the handshake is complete)
 *
 * The handshake sets rx.ccs_allowed = true once its first ClientHello is sent and false once
 * the server Finished has been received (§5).
 *
 * Memory: nothing here allocates. Views returned by this layer point into the caller's buffers
 * and stay valid only until the caller changes or reuses those bytes (each header says exactly
 * until when).
 */
#ifndef TLS13_RECORD_RECORD_H
#define TLS13_RECORD_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* RFC 8446 §5.1: "uint16 length; ... The length MUST NOT exceed 2^14 bytes." */
#define TLS_MAX_PLAINTEXT_LEN 16384u
/* RFC 8446 §5.4: "the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets" */
#define TLS_MAX_INNER_PLAINTEXT_LEN (TLS_MAX_PLAINTEXT_LEN + 1u)
/* RFC 8446 §5.2: TLSCiphertext.length "MUST NOT exceed 2^14 + 256 bytes" */
#define TLS_MAX_CIPHERTEXT_LEN (TLS_MAX_PLAINTEXT_LEN + 256u)
/* type (1) + legacy_record_version (2) + length (2) */
#define TLS_RECORD_HEADER_LEN 5u
/* The largest record a peer may send us: a buffer this big holds any one record. */
#define TLS_MAX_RECORD_LEN (TLS_RECORD_HEADER_LEN + TLS_MAX_CIPHERTEXT_LEN)
/* RFC 8446 §5.1: legacy_record_version "MUST be set to 0x0303" (0x0301 allowed for the first CH) */
#define TLS_RECORD_LEGACY_VERSION 0x0303u

/*
 * One complete record found in a byte stream: a view, never a copy. All pointers point into
 * the data given to tls_record_deframe() and are valid as long as those bytes are.
 * The record always starts at data[0], so header == data and fragment == data + 5.
 */
struct tls_record {
    uint8_t type;                   /* outer ContentType (TLSPlaintext.type / opaque_type) */
    uint16_t legacy_record_version; /* as received; RFC 8446 §5.1: "MUST be ignored" */
    uint16_t length;                /* TLSPlaintext.length / TLSCiphertext.length */
    const uint8_t *header;          /* the 5 header bytes (the AAD of a protected record) */
    const uint8_t *fragment;        /* the length bytes after the header */
    size_t total_len;               /* 5 + length: how many stream bytes this record takes */
};

/*
 * Finds the first record in data[0..len).
 *
 *   returns TLS_OK and *need == 0:  *rec describes a complete record; consume rec->total_len.
 *   returns TLS_OK and *need > 0:   not enough bytes yet; at least *need more are required
 *                                   (exact once the header is complete; before that, the
 *                                   number of header bytes missing). *rec is zeroed.
 *   returns an error:               unexpected_message (unknown content type, §5) or
 *                                   record_overflow (length above the limit, §5.1/§5.2),
 *                                   decided from the header alone, before the body arrives.
 *
 * read_protected: whether the read direction has keys installed; it selects the length limit
 * (2^14 + 256 for a TLSCiphertext, 2^14 for a TLSPlaintext). Whether the type is allowed in
 * that state is checked later, by tls_record_unprotect(). legacy_record_version is ignored.
 */
tls_result tls_record_deframe(const uint8_t *data, size_t len, bool read_protected,
                              struct tls_record *rec, size_t *need, struct tls_error *err);

/* True for the four record types RFC 8446 §5 defines (20, 21, 22, 23). */
bool tls_record_type_known(uint8_t type);

#endif
