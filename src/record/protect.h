/*
 * protect.h — record payload protection (RFC 8446 §5.2, §5.3, §5.4) and the receive-side record
 * rules of §5 (ChangeCipherSpec, outer type, empty records).
 *
 * Each direction (our writes, the peer's writes) has its own state: the traffic keys, whether
 * protection is engaged, and the 64-bit sequence number that makes each record's nonce unique
 * (§5.3: nonce = write_iv XOR seq, computed in src/crypto/aead.c). The read side additionally
 * carries the counters that bound what a peer may make us do for nothing (CCS records and empty
 * records, see tls_record_unprotect()).
 *
 * Memory: nothing here allocates. Installing keys keys the AEAD once (crypto/aead.h: for AES-GCM
 * Mbed TLS allocates the AES context then), so that opening and sealing records allocate
 * nothing; tls_record_direction_wipe() gives it back. struct tls_plaintext is a view into either the received record (plaintext
 * records) or the caller's out buffer (decrypted records); it is valid until those bytes change.
 */
#ifndef TLS13_RECORD_PROTECT_H
#define TLS13_RECORD_PROTECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/writer.h"
#include "crypto/aead.h"
#include "crypto/key_schedule.h"
#include "record/record.h"

/* How many compatibility CCS records we drop before calling it a flood (BoringSSL: 32; DIV-8). */
#define TLS_MAX_CCS_RECORDS 32u
/* How many empty application_data records in a row we accept (BoringSSL kMaxEmptyRecords; DOS-01). */
#define TLS_MAX_EMPTY_RECORDS 32u

/* One direction of record protection (§5.2-§5.3). */
struct tls_record_direction {
    struct tls_traffic_keys keys;   /* write_key and write_iv of whoever writes this direction */
    struct tls_aead aead;           /* keys, set up for AEAD once per key (crypto/aead.h) */
    bool is_protected;              /* false until the first keys are installed */
    uint64_t seq;                   /* sequence number of the next record (§5.3) */
    uint16_t legacy_record_version; /* written in *plaintext* headers; 0x0303 after init. The
                                       client may set 0x0301 for its initial ClientHello (§5.1
                                       SHOULD). Protected headers always carry 0x0303. */
};

/* The read direction: protection plus the §5 receive rules' state. */
struct tls_record_rx {
    struct tls_record_direction dir;
    bool ccs_allowed;       /* set by the handshake: true after the first ClientHello was sent,
                               false once the peer's Finished was received (§5) */
    unsigned ccs_count;     /* compatibility CCS records dropped so far */
    unsigned empty_records; /* consecutive empty application_data records */
};

/* One received record after unprotection: the *true* content type and the content (a view). */
struct tls_plaintext {
    uint8_t type;            /* TLSInnerPlaintext.type (or TLSPlaintext.type if unprotected) */
    const uint8_t *content;  /* TLSInnerPlaintext.content, padding and type removed */
    size_t length;
    bool dropped;            /* a compatibility CCS that §5 says to "simply drop": no content,
                                nothing for the transcript. The handshake must still treat it as
                                a non-handshake record for tls_reassembly_check_boundary(). */
};

/* Plaintext direction, sequence number 0, legacy_record_version 0x0303. For fresh memory, or
 * to forget a direction whose contents were moved elsewhere (a struct copy): it frees nothing.
 * A direction that had keys installed ends with tls_record_direction_wipe(). */
void tls_record_direction_init(struct tls_record_direction *d);

/*
 * Engages protection with new keys (a key change: handshake keys, application keys, KeyUpdate).
 * The old keys are wiped and the sequence number restarts at 0 (§5.3). *keys is copied and then
 * wiped: the direction becomes the only holder of the secret key. The AEAD is keyed here, once
 * for all the records of this key; a failure to do so is returned (and recorded in err), and a
 * caller that goes on anyway has each record key its own AEAD instead.
 */
tls_result tls_record_direction_install_keys(struct tls_record_direction *d,
                                             struct tls_traffic_keys *keys, struct tls_error *err);

/* Wipes the keys and frees the keyed AEAD (§6: forget keys of failed connections), and returns
 * to the init state. */
void tls_record_direction_wipe(struct tls_record_direction *d);

/* Plaintext read direction, CCS not allowed yet, counters zero. */
void tls_record_rx_init(struct tls_record_rx *rx);

/*
 * Decrypts one TLSCiphertext (§5.2) and removes padding (§5.4). Only the cryptography and the
 * TLSInnerPlaintext rules; no CCS or outer-type policy (see tls_record_unprotect()).
 *
 * out (capacity out_cap >= rec->length) receives the decrypted TLSInnerPlaintext; it may be the
 * record's own fragment bytes (data + TLS_RECORD_HEADER_LEN of the deframed buffer) to decrypt in
 * place. pt->content then points into out. The sequence number advances only on success.
 * Failures: bad_record_mac (tag does not verify; out is wiped, nothing released),
 * record_overflow (TLSInnerPlaintext > 2^14 + 1), unexpected_message (no non-zero byte),
 * internal_error (sequence number would wrap, §5.3; out too small).
 */
tls_result tls_record_open(struct tls_record_direction *d, const struct tls_record *rec,
                           uint8_t *out, size_t out_cap, struct tls_plaintext *pt,
                           struct tls_error *err);

/*
 * The full receive rule set for one deframed record (§5, §5.1, §5.2, §5.4):
 *   - a plaintext CCS of exactly {0x01} while rx->ccs_allowed is dropped (pt->dropped), at most
 *     TLS_MAX_CCS_RECORDS times; any other CCS -> unexpected_message (checked before decrypting);
 *   - unprotected: application_data -> unexpected_message (§5.1 "always protected");
 *   - protected: outer type other than application_data(23) -> unexpected_message, then
 *     tls_record_open(); inner type change_cipher_spec or unknown -> unexpected_message;
 *   - zero-length handshake or alert content -> unexpected_message (§5.1, §5.4);
 *   - more than TLS_MAX_EMPTY_RECORDS empty application_data records in a row -> unexpected_message.
 * out/out_cap as for tls_record_open() (unused, may be NULL, while unprotected: pt->content then
 * points into rec->fragment).
 */
tls_result tls_record_unprotect(struct tls_record_rx *rx, const struct tls_record *rec,
                                uint8_t *out, size_t out_cap, struct tls_plaintext *pt,
                                struct tls_error *err);

/*
 * Appends content of the given type to w as one or more records of at most 2^14 content bytes
 * (§5.1). Unprotected: TLSPlaintext with d->legacy_record_version. Protected: TLSCiphertext
 * (type 23, 0x0303) sealing TLSInnerPlaintext = content || type || padding zero bytes (§5.4);
 * padding is per record and content + padding must fit 2^14 (else internal_error).
 * Refuses (internal_error) zero-length handshake/alert content (§5.1, §5.4), plaintext
 * application_data (§5.1), a sequence number that would wrap (§5.3) and a full writer
 * (w may then hold a partial record: discard w's output on any error).
 * len == 0 with application_data writes one empty record (§5.4 allows it).
 * change_cipher_spec is always written as one plaintext record with version 0x0303, even when d
 * is protected, and uses no sequence number (Appendix D.4 middlebox compatibility).
 */
tls_result tls_record_write(struct tls_record_direction *d, uint8_t type, const uint8_t *content,
                            size_t len, size_t padding, struct tls_writer *w,
                            struct tls_error *err);

#endif
