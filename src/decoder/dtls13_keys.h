/*
 * dtls13_keys.h — DTLS 1.3 records opened with the TLS 1.3 key log labels (RFC 9147 §4, §4.2.2,
 * §4.2.3, §5.9). Internal to src/decoder.
 *
 * Implementation notes
 * --------------------
 * A DTLS 1.3 protected record carries only the low 2 bits of its epoch and the low 8 or 16
 * bits of its sequence number, the latter encrypted. To open one, the decoder:
 *
 *   1. picks the epoch from the 2 bits (§4.2.2): 2 is the handshake epoch, keyed by
 *      {CLIENT,SERVER}_HANDSHAKE_TRAFFIC_SECRET, 3 the first application epoch, keyed by
 *      {CLIENT,SERVER}_TRAFFIC_SECRET_0 (§6.1); later epochs (KeyUpdate) are not opened;
 *   2. derives write_key, write_iv and sn_key from the secret with the "dtls13" label prefix
 *      (§5.9, crypto/dtls13.h), once per direction and epoch;
 *   3. removes the record number mask (§4.2.3): the first 16 bytes of ciphertext, encrypted
 *      with sn_key, are XORed onto the sequence number bytes;
 *   4. reconstructs the full 64-bit sequence number as the one closest to one plus the highest
 *      opened so far in that epoch whose low bits are those sent (§4.2.2);
 *   5. opens the AEAD with the unified header as sent but with the unmasked sequence number as
 *      additional data (§4: "prior to record number encryption"), and the per-record nonce of
 *      RFC 8446 §5.3 over that sequence number (§4: "unlike DTLS 1.2, the epoch is not
 *      included"). NSS 3.87, which speaks the last draft (draft-ietf-tls-dtls13-43, version
 *      0x7f2b), puts epoch || sequence_number (16 + 48 bits) into the nonce as DTLS 1.2 does:
 *      when the RFC nonce fails, that one is tried, and the record says which opened it;
 *   6. strips the DTLSInnerPlaintext padding (§4, as RFC 8446 §5.4): the real content type is
 *      the last non-zero byte.
 *
 * The transcript of DTLS 1.3 (§5.2) hashes each handshake message with the 4-byte TLS header,
 * without message_seq, fragment_offset and fragment_length; the ClientHello is kept in that
 * form until the ServerHello says which version the transcript belongs to.
 *
 * What NSS 3.87 sends, measured on its tstclnt (tests/decoder/dtls13_live.sh), is the last draft
 * (supported_versions 0x7f2b, draft-ietf-tls-dtls13-43) with three differences from RFC 9147,
 * each followed here for that version only: the nonce over epoch || sequence_number (above),
 * the transcript over the messages with their 12-byte DTLS headers (the DTLS 1.2 rule of RFC
 * 6347 §4.2.6, not §5.2; after a HelloRetryRequest its message_hash has such a header too), and
 * ACK record numbers of 8 bytes, epoch (16 bits) || sequence number
 * (48 bits), instead of §7's two uint64. The unified header, the "dtls13" labels, the record
 * number mask and the epochs are as in the RFC.
 *
 * Memory: one struct dec_dtls13 inside the connection's struct dec_dtls; each direction's two
 * AEAD keys are set up once (tls_aead_setup) and freed with the connection; nothing per record.
 */
#ifndef TLS13_DECODER_DTLS13_KEYS_H
#define TLS13_DECODER_DTLS13_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/direction.h"
#include "crypto/aead.h"
#include "crypto/dtls13.h"
#include "decoder/dtls.h"

struct dec_conn;
struct dec_record;

#define DTLS13_EPOCH_HANDSHAKE 2u   /* RFC 9147 §6.1 */
#define DTLS13_EPOCH_APPLICATION 3u

enum dtls13_nonce {
    DTLS13_NONCE_RFC9147,           /* write_iv XOR sequence_number (§4) */
    DTLS13_NONCE_EPOCH_SEQ,         /* write_iv XOR (epoch << 48 | sequence_number): NSS 3.87 */
};

struct dtls13_epoch_keys {
    bool tried;                     /* the key log was looked up */
    bool ready;
    struct tls_aead aead;
    uint8_t sn_key[TLS_MAX_KEY_LEN];
    bool any;                       /* a record was opened */
    uint64_t top;                   /* the highest sequence number opened (§4.2.2) */
    enum dtls13_nonce nonce;        /* the form that opened the last record */
};

struct dec_dtls13 {
    bool active;                    /* the ServerHello chose DTLS 1.3 (or its draft 43) */
    bool tls_form_transcript;       /* RFC 9147 §5.2 transcript (0xfefc; not NSS's draft 43) */
    struct dtls13_epoch_keys keys[2][2]; /* [direction][epoch 2, epoch 3] */
    uint8_t client_hello[4 + DTLS_MAX_MESSAGE_LEN]; /* the last ClientHello, TLS form (§5.2) */
    size_t client_hello_len;
};

/* What opening a record found. */
struct dtls13_opened {
    uint16_t epoch;
    uint64_t sequence_number;       /* reconstructed, 64 bits */
    uint8_t type;                   /* DTLSInnerPlaintext.type */
    const uint8_t *content;         /* in the decoder's open_buf */
    size_t content_len;
    size_t padding_len;
    enum dtls13_nonce nonce;
};

/* DTLS 1.3 on the wire: 0xfefc (RFC 9147 §5.3), or 0x7f2b, draft-ietf-tls-dtls13-43 (NSS 3.87). */
bool dtls13_version(uint16_t version);
const char *dtls13_version_label(uint16_t version);
/* 0x7f2b: the draft 43 that NSS 3.87 speaks, whose differences from RFC 9147 are followed. */
bool dtls13_nss_draft(uint16_t version);

/* A complete handshake message of the connection: the ClientHello is kept in TLS form; a
   ServerHello choosing DTLS 1.3 restarts the transcript with it (§5.2). */
void dtls13_hello(struct dec_conn *c, uint8_t msg_type, const uint8_t *body, size_t len);

/* Opens a unified-header record with the key log (steps 1-6 above). False, with *why set to a
   constant reason, when it cannot: no key log line, an epoch not opened here, too short for the
   mask, or no nonce form authenticates it (then nothing of the plaintext is kept). */
bool dtls13_open(struct dec_conn *c, enum tls_direction dir, const struct dtls_record *rec,
                 struct dtls13_opened *out, const char **why);

/* NSS 3.87 (draft 43) after a HelloRetryRequest: message_hash (RFC 8446 §4.4.1) with a 12-byte
   DTLS header (message_seq 0, fragment_offset 0, fragment_length Hash.length) over ClientHello1
   with its own 12-byte header. The transcript must hold exactly ClientHello1, its hash chosen. */
bool dtls13_draft_message_hash(struct dec_conn *c);

/* Frees the AEAD keys and wipes everything. */
void dtls13_free(struct dec_dtls13 *d);

#endif
