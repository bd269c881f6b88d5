/*
 * decode.h — the TLS half of the passive decoder: byte streams (stream.h) to records, messages,
 * secrets and verdicts (RFC 8446 §4, §5, §7; RFC 5246 §7 for TLS 1.2 handshakes).
 *
 * Implementation notes
 * --------------------
 * The decoder is an observer of the same code the client runs: records are cut with
 * tls_record_deframe(), opened with tls_record_open(), handshake messages reassembled with
 * tls_reassembly_*() and parsed by the src/handshake parsers; the transcript and Finished
 * values come from src/handshake/transcript.h and src/crypto/key_schedule.h. The secrets come
 * from an NSS key log (keylog.h), matched by ClientHello.random: TLS 1.3 traffic secrets, or a
 * TLS 1.2 master secret (CLIENT_RANDOM), from which decode_tls12_keys.c derives the AEAD keys
 * and the Finished values with the RFC 5246 PRF.
 *
 * Keys per direction. A direction holds its current keys and at most one "pending" set that
 * the next record may already use: the client's handshake keys while it may still be sending
 * 0-RTT data (RFC 8446 §4.2.10: early data is rejected silently, so the capture alone does not
 * say which key the client's next record uses), the application keys after a Finished. A record
 * that fails with the current keys is tried with the pending ones; success promotes them.
 *
 * Without keys, each protected record still gets an *inference* (decode_infer.c) from its
 * position in the handshake, its size and the negotiated suite, marked as such.
 *
 * Memory: per connection, per direction, one record buffer (2^14 + 2048 + 5 bytes: TLS 1.2
 * allows 2048 bytes of expansion, RFC 5246 §6.2.3) and one handshake reassembly buffer
 * (reassembly.h); a connection's state is freed at its end. Output of a connection is kept until
 * its end (the ladder is printed before the details), bounded by TLS_DECODE_MAX_OUTPUT per
 * connection and TLS_DECODE_MAX_OUTPUT_TOTAL in all; past a bound, the output says it was cut.
 * In text, a connection whose output passes TLS_DECODE_TEXT_PART is written in parts as it goes
 * (ladder and records of each part), so nothing is cut; in JSON the first such connection has
 * its object opened and its records written as they come (its summary fields follow them), and
 * objects of connections ending meanwhile wait for it, bounded by TLS_DECODE_MAX_OUTPUT_TOTAL.
 */
#ifndef TLS13_DECODER_DECODE_H
#define TLS13_DECODER_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder/keylog.h"
#include "decoder/stream.h"
#include "record/reassembly.h"

#define TLS_DECODE_MAX_MESSAGES 16u            /* handshake messages listed per record */
#define TLS_DECODE_MAX_OUTPUT (4u << 20)       /* output bytes kept per connection */
#define TLS_DECODE_MAX_OUTPUT_TOTAL (64u << 20) /* output bytes kept for all live connections */
#define TLS_DECODE_TEXT_PART (1u << 20)        /* text: a long connection is written in parts */
#define TLS_DECODE_MAX_SHOWN_DATA 4096u        /* application data bytes shown per record */

enum tls_decode_format {
    TLS_DECODE_TEXT,
    TLS_DECODE_JSON,
    TLS_DECODE_HTML,   /* one self-contained page (docs/decoder-html.md) */
};

/* A Finished value (RFC 8446 §4.4.4) recomputed from the transcript and the logged secret. */
enum tls_finished_status {
    TLS_FINISHED_UNKNOWN = 0,   /* no secret, or the message was not seen */
    TLS_FINISHED_VERIFIED,
    TLS_FINISHED_FAILED,
};

/* One record as decoded: what the JSON "records" list and the ladder show. */
struct tls_decoded_record {
    unsigned conn_id;
    enum tls_direction dir;
    unsigned token;                  /* traces: token index; captures: 0 */
    uint64_t offset;                 /* stream offset of the header */
    uint64_t frame;                  /* captures: packet number holding the first byte */
    uint8_t outer_type;              /* TLSPlaintext.type / opaque_type */
    uint16_t version;                /* legacy_record_version */
    uint16_t length;                 /* the header's length field */
    bool is_protected;               /* TLSCiphertext (1.3) or after ChangeCipherSpec (1.2) */
    bool decrypted;
    bool has_inner_type;             /* TLS 1.3 decrypted: a TLSInnerPlaintext type exists */
    uint8_t inner_type;              /* when has_inner_type: TLSInnerPlaintext.type */
    size_t content_len;              /* when decrypted: content length */
    size_t padding_len;              /* when decrypted: zero padding (RFC 8446 §5.4) */
    size_t message_count;            /* handshake messages completed in this record */
    struct {
        uint8_t type;
        uint32_t length;
        /* DTLS (RFC 6347 §4.2.2): one entry per handshake fragment in the record */
        uint16_t message_seq;
        uint32_t fragment_offset;
        uint32_t fragment_length;
        bool repeated;               /* its bytes were all seen before (retransmission or copy) */
    } messages[TLS_DECODE_MAX_MESSAGES];
    /* DTLS (dtls_decode.c): offset is then the record's offset in its datagram */
    bool dtls;
    bool unified_header;             /* DTLS 1.3 unified header (RFC 9147 §4) */
    uint16_t epoch;                  /* RFC 6347 §4.1; unified header: its low 2 bits */
    uint64_t sequence_number;        /* 48 bits; unified header: the 8 or 16 bits sent */
    unsigned datagram;               /* the datagram's index in its direction, from 1 */
    bool retransmission;             /* every handshake fragment in it was seen before, or it
                                        repeats a ChangeCipherSpec (RFC 6347 §4.2.4) */
    bool has_alert;
    uint8_t alert_level;
    uint8_t alert_description;
    const char *inferred;            /* keyless guess: a handshake type name or content type
                                        name, NULL when none; constant string */
    const char *inferred_alternatives; /* other readings the evidence allows, or NULL */
    const char *inferred_label;      /* what the ladder shows for it (a span of messages, say) */
    char inference_reason[400];      /* why (empty when no inference) */
    const char *detail;              /* multi-line text describing the record (NUL-terminated);
                                        "" in a JSON run, which does not print it */
    size_t detail_len;
    const uint8_t *bytes;            /* the record as sent: header (5 bytes; DTLS: 13, or the
                                        unified header) + fragment (a view,
                                        valid during the on_record call only) */
    size_t bytes_len;
    bool sslv2;                      /* an SSL 2.0-format record (RFC 5246 Appendix E.2): no
                                        content type (outer_type 0), version 0x0002 */
};

/* What is known about a connection at its end. */
struct tls_decoded_connection {
    const struct tls_stream_connection *conn;
    const char *input;               /* the input's name (path) */
    uint16_t version;                /* negotiated: 0x0304, 0x0303, ...; 0 unknown */
    uint16_t cipher_suite;           /* 0 unknown */
    uint16_t group;                  /* key_share group (1.3) or ServerKeyExchange curve (1.2) */
    bool hello_retry_request;
    bool resumed;                    /* PSK accepted (1.3) or abbreviated handshake (1.2) */
    enum tls_finished_status server_finished;
    enum tls_finished_status client_finished;
    /* The handshake signature with the sender's certificate key: CertificateVerify (1.3, when
       decrypted) or ServerKeyExchange (1.2). verified / failed / unknown (not checked). */
    enum tls_finished_status server_signature;
    enum tls_finished_status client_signature;
    bool keys_found;                 /* the key log had this connection's handshake secrets */
    unsigned key_updates[2];         /* per direction */
    const char *resumption;          /* human diagnosis (see decode_tls12.c), or NULL */
    const char *notes;               /* problems found (one per line), or "" */
    uint64_t records;
    /* DTLS (dtls_flights.c): set when dtls is true */
    bool dtls;
    size_t largest_datagram[2];      /* per direction: largest UDP payload (or token) in bytes */
    bool hello_verify_request;       /* RFC 6347 §4.2.1 cookie exchange seen */
    bool cookie_echoed;              /* and the next ClientHello carried that cookie */
    unsigned retransmitted_records;  /* records labelled retransmission (or copy) */
    unsigned flights;
};

/*
 * What only an endpoint knows of a TLS 1.3 key schedule (RFC 8446 §7.1): no key log carries
 * these, and a passive observer cannot compute them. `connect --html` hands its own to the
 * decoder, so the page of its connection shows every §7.1 step: the Early Secret, the "derived"
 * salts, the (EC)DHE input, the Handshake Secret and the Master Secret. The decoder recomputes
 * each Extract from the one before and says whether the values agree.
 */
#define TLS_DECODE_MAX_ECDHE 66u   /* the largest (EC)DHE shared secret kept (P-521) */

struct tls_decode_stage_secrets {
    uint8_t client_random[32];       /* the connection they belong to (ClientHello.random) */
    size_t len;                      /* Hash.length of the suite; 0: nothing here */
    bool have_early, have_handshake, have_master;
    uint8_t early_secret[TLS_MAX_HASH_LEN];
    uint8_t handshake_secret[TLS_MAX_HASH_LEN];
    uint8_t master_secret[TLS_MAX_HASH_LEN];
    uint8_t ecdhe[TLS_DECODE_MAX_ECDHE]; /* the (EC)DHE shared secret (§7.4), IKM of the
                                            Handshake Secret */
    size_t ecdhe_len;
};

/* Receives the decoded output. The decoder formats into it with write(). */
struct tls_decode_options {
    enum tls_decode_format format;
    bool show_data;                  /* print application data (up to TLS_DECODE_MAX_SHOWN_DATA) */
    const struct tls_keylog *keylog; /* may be NULL */
    void (*write)(void *ctx, const char *text, size_t len);
    void *write_ctx;
    /* Optional observers (tests): every record, then every connection at its end. */
    void (*on_record)(void *ctx, const struct tls_decoded_record *rec);
    void (*on_connection_end)(void *ctx, const struct tls_decoded_connection *dc);
    void *observer_ctx;
    /*
     * Optional observers (`tls13 compare`, tests), with observer_ctx:
     *   on_message     every complete handshake message, plaintext or decrypted, as it is
     *                  reassembled: before the on_record of the record that completes it. The
     *                  view (header included, msg->bytes) is valid during the call only.
     *   on_stream_end  how the transport ended (FIN, RST, end of capture or trace), before the
     *                  connection's on_connection_end.
     */
    void (*on_message)(void *ctx, unsigned conn_id, enum tls_direction dir,
                       const struct tls_handshake_message *msg);
    void (*on_stream_end)(void *ctx, const struct tls_stream_end *end);
    /*
     * Optional: called now and then while a capture is read, with the bytes of the file read so
     * far and the connections seen; returning false stops reading that input there (what was
     * decoded is still finished and written, as for a capture cut short). The program uses it
     * for a progress line and to stop cleanly on Ctrl-C.
     */
    bool (*progress)(void *ctx, uint64_t bytes_read, unsigned connections);
    void *progress_ctx;
    /* Optional: an endpoint's own key schedule values (above), shown in the HTML page. */
    const struct tls_decode_stage_secrets *stage_secrets;
};

struct tls_decoder;

/* NULL when out of memory. */
struct tls_decoder *tls_decoder_new(const struct tls_decode_options *opt);

/* Decodes one input (pcap, pcapng or token trace); every connection in it ends before return. */
tls_result tls_decoder_decode_file(struct tls_decoder *dec, const char *path,
                                   struct tls_input_error *ie);

/* The same for a token trace in memory (tests). */
tls_result tls_decoder_decode_trace(struct tls_decoder *dec, const char *name, const char *text,
                                    size_t len, struct tls_input_error *ie);

/* Writes what closes the output (the JSON array's ']'); call once after the last input. */
void tls_decoder_finish(struct tls_decoder *dec);

void tls_decoder_free(struct tls_decoder *dec);

/* "verified" / "failed" / "unknown". */
const char *tls_finished_status_name(enum tls_finished_status s);

#endif
