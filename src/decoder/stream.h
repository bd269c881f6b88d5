/*
 * stream.h — the decoder's input: captures and token traces turned into byte streams.
 *
 * The passive decoder explains TLS records (RFC 8446 §5) that someone else exchanged. Before a
 * record can be parsed its bytes must be put back in the order they were sent, one stream per
 * direction of one connection. This header is that boundary: the input half (pcap/pcapng
 * captures through libpcap with TCP reassembly, RFC 9293; token traces) produces the events
 * below, the record/handshake half of the decoder consumes them.
 *
 * Implementation notes
 * --------------------
 * Events. For every connection the consumer sees, in this order:
 *
 *     on_connection            once: id, endpoints, which side is the client and why
 *     on_data / on_gap         any number, per direction, in stream order
 *     on_end                   once: how the connection ended, byte counts
 *
 * and on_note at any time for things a person should be told (a fragment we do not reassemble,
 * a truncated file, a capture that starts mid-stream). Events of different connections may
 * interleave, in the order the capture holds them.
 *
 * Offsets. Every byte of a direction has an absolute stream offset: 0 is the first byte after
 * the SYN (RFC 9293 §3.4: the SYN occupies the sequence number ISN, data starts at ISN+1), or
 * the first byte captured when the SYN is not in the capture. on_data chunks of one direction
 * are contiguous, except where an on_gap between them says how many bytes are missing.
 *
 * Who is the client. The client is the side that sent the first SYN (without ACK); a SYN+ACK
 * names its receiver as the client. Without a handshake in the capture, the first segment
 * that carries payload decides: if its bytes look like a ClientHello record (16 03 0x .. ..
 * 01: a handshake record whose first message is client_hello, RFC 8446 §5.1, §4) its sender is
 * the client; if they look like a ServerHello (.. 02) its sender is the server; otherwise the
 * side with the lower port is taken as the server (servers listen on well-known ports, clients
 * use ephemeral ones), and on equal ports the first sender is the client.
 *
 * Memory. Stream bytes are handed out as soon as they are contiguous; only out-of-order
 * segments are kept, at most TLS_STREAM_MAX_BUFFERED bytes per direction and
 * TLS_STREAM_MAX_BUFFERED_TOTAL in all. When a bound is hit, the reassembler gives up on the
 * missing bytes: it reports a gap and continues with what it holds. So memory is bounded by
 * these constants and TLS_STREAM_MAX_CONNECTIONS, never by the size of the capture.
 *
 * Token traces. A trace is one connection (id 1, endpoints "client" and "server", ports 0).
 * Each token is delivered as exactly one on_data call carrying its token index (1, 2, ... per
 * direction), so the consumer can report what each SSPI token is made of.
 *
 * Datagrams (DTLS, RFC 6347 §4.1.1). UDP has no stream to reassemble: a UDP flow (one pair of
 * address:port endpoints) becomes a connection as soon as one of its datagrams starts with a
 * plausible DTLS record (dtls.h dtls_plausible_record: by content, on any port). Its client is
 * the sender of a ClientHello (or the receiver of a ServerHello or HelloVerifyRequest), else by
 * the port rule. Such a connection (datagram = true) gets on_connection, then one on_datagram
 * per UDP datagram of either direction in capture order (instead of on_data), then on_end.
 * UDP flows that never carry a DTLS record produce no events, only a count: one note per input
 * "M UDP flows that are not DTLS". A token trace whose tokens start with DTLS records is read
 * the same way, one datagram per token (what Schannel's SEC_I_MESSAGE_FRAGMENT loop hands out).
 *
 * Views: the data pointer of an on_data or on_datagram call is valid only during that call.
 */
#ifndef TLS13_DECODER_STREAM_H
#define TLS13_DECODER_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/direction.h"
#include "common/error.h"

/* Bounds (see "Memory" above). */
#define TLS_STREAM_MAX_CONNECTIONS 1024u                /* further connections are reported, ignored */
#define TLS_STREAM_MAX_BUFFERED (1u << 20)              /* out-of-order bytes held per direction */
#define TLS_STREAM_MAX_BUFFERED_TOTAL (64u << 20)       /* out-of-order bytes held in all */
#define TLS_STREAM_MAX_TRACE_SIZE (16u << 20)           /* largest token trace file read */
#define TLS_STREAM_ADDR_LEN 46                          /* INET6_ADDRSTRLEN: longest address text */

/* The two directions of a connection: enum tls_direction (common/direction.h), also an index
 * into the arrays below. */

/* How the client was told apart from the server (see "Who is the client"). */
enum tls_stream_client_rule {
    TLS_CLIENT_BY_SYN,          /* sent the SYN (or received the SYN+ACK) */
    TLS_CLIENT_BY_HELLO,        /* its first payload looked like a ClientHello, or the peer's like a ServerHello */
    TLS_CLIENT_BY_PORT,         /* lower port taken as the server's */
    TLS_CLIENT_BY_TRACE,        /* token trace: C: and S: say it */
};

struct tls_stream_connection {
    unsigned id;                                /* 1, 2, ... in order of first appearance */
    char client_addr[TLS_STREAM_ADDR_LEN];      /* "192.0.2.1", "::1"; "client" for a trace */
    uint16_t client_port;                       /* 0 for a trace */
    char server_addr[TLS_STREAM_ADDR_LEN];
    uint16_t server_port;
    enum tls_stream_client_rule client_rule;
    bool datagram;                              /* DTLS over UDP (or a DTLS token trace) */
};

/* One UDP datagram of a DTLS connection. */
struct tls_stream_datagram {
    unsigned conn_id;
    enum tls_direction dir;
    const uint8_t *data;        /* the UDP payload captured; view, valid during the call only */
    size_t len;
    size_t sent_len;            /* the payload as sent (UDP length - 8); > len when cut by snaplen */
    unsigned index;             /* 1, 2, ... per direction (traces: the token index) */
    unsigned token_index;       /* traces: token index; captures: 0 */
    uint64_t frame;             /* captures: packet number, from 1; traces: 0 */
};

/* Contiguous bytes of one direction. */
struct tls_stream_chunk {
    unsigned conn_id;
    enum tls_direction dir;
    uint64_t offset;            /* stream offset of data[0] */
    const uint8_t *data;        /* view, valid during the call only */
    size_t len;                 /* > 0 */
    unsigned token_index;       /* traces: 1, 2, ... per direction; captures: 0 */
    uint64_t frame;             /* captures: number (from 1) of the packet that carried data[0]; traces: 0 */
};

enum tls_stream_end_reason {
    TLS_STREAM_END_FIN,         /* both sides sent FIN and every byte before it was seen */
    TLS_STREAM_END_RST,         /* a RST was seen */
    TLS_STREAM_END_CAPTURE,     /* the capture ended first (or the file was cut off) */
    TLS_STREAM_END_TRACE,       /* end of a token trace */
};

struct tls_stream_end {
    unsigned conn_id;
    enum tls_stream_end_reason reason;
    bool fin[2];                /* per direction: a FIN was reached in order */
    uint64_t bytes[2];          /* per direction: bytes delivered through on_data */
    uint64_t missing[2];        /* per direction: bytes reported missing through on_gap */
    unsigned tokens[2];         /* per direction: tokens (traces only) */
    uint8_t fin_rank[2];        /* per direction: 1 = sent the first FIN, 2 = the second, 0 = none */
    bool rst[2];                /* per direction: sent the RST that ended the connection */
};

/*
 * The consumer. Any callback may be NULL. ctx is passed back unchanged.
 *   on_connection  a new connection; the client/server roles are final
 *   on_data        the next contiguous bytes of one direction
 *   on_gap         `missing` bytes starting at stream offset `offset` will never be delivered
 *                  (lost, not captured, or given up on at a buffering bound)
 *   on_end         the connection is over; no more events for conn_id
 *   on_note        a message for people; conn_id 0 means it concerns the whole input
 *   on_datagram    a datagram connection's next UDP datagram (see "Datagrams")
 */
struct tls_stream_callbacks {
    void *ctx;
    void (*on_connection)(void *ctx, const struct tls_stream_connection *conn);
    void (*on_data)(void *ctx, const struct tls_stream_chunk *chunk);
    void (*on_gap)(void *ctx, unsigned conn_id, enum tls_direction dir, uint64_t offset,
                   uint64_t missing);
    void (*on_end)(void *ctx, const struct tls_stream_end *end);
    void (*on_note)(void *ctx, unsigned conn_id, const char *message);
    void (*on_datagram)(void *ctx, const struct tls_stream_datagram *dg);
    /* End of a capture: how many UDP flows held no DTLS record (said once per input). */
    void (*on_udp_skipped)(void *ctx, unsigned flows);
    /* Optional: every so many packets, the input bytes read so far; false stops the reading. */
    bool (*on_progress)(void *ctx, uint64_t bytes_read);
};

/*
 * Why an input could not be read: the tls_error (constant reason), plus the line of a token
 * trace the error is on (0 when not a trace) and a human message with the details.
 */
struct tls_input_error {
    struct tls_error err;
    unsigned long line;
    char message[256];
};

/* What the input file is, from its first bytes. */
enum tls_input_format {
    TLS_INPUT_PCAP,             /* magic a1b2c3d4 / a1b23c4d / a1b2cd34, either byte order */
    TLS_INPUT_PCAPNG,           /* Section Header Block type 0a0d0d0a */
    TLS_INPUT_TOKEN_TRACE,      /* anything else */
};

/* The format of an input whose first `len` bytes are `head` (len may be < 4). */
enum tls_input_format tls_input_detect_format(const uint8_t *head, size_t len);

/*
 * Reads the file at path, detects its format and produces the events above for everything in
 * it. Besides src/cli, the decoder is the one layer allowed to open files, because libpcap
 * reads captures by path; a token trace is read here too so that one call serves every input.
 * Returns TLS_OK when the input could be read (damaged packets and connections are reported
 * through on_note and on_gap, not as failures), or an error with details in *ie.
 */
tls_result tls_decoder_read_input(const char *path, const struct tls_stream_callbacks *cb,
                                  struct tls_input_error *ie);

/* A capture file through libpcap (pcap or pcapng). Same contract as tls_decoder_read_input. */
tls_result tls_pcap_read_file(const char *path, const struct tls_stream_callbacks *cb,
                              struct tls_input_error *ie);

/*
 * A token trace held in memory (pure: no I/O). The whole text is checked before any event is
 * produced, so an error (bad hex digit, odd digit count, bytes before the first C:/S:, an empty
 * token) produces no events and names its line in ie->line.
 */
tls_result tls_token_trace_read(const char *text, size_t len, const struct tls_stream_callbacks *cb,
                                struct tls_input_error *ie);

/* ---- Where TLS starts ---------------------------------------------------------------- */

enum tls_start_status {
    TLS_START_FOUND,            /* records begin at .offset */
    TLS_START_NEED_MORE,        /* cannot tell yet: call again with more bytes (all of them) */
    TLS_START_NOT_FOUND,        /* no plausible TLS record in these bytes */
};

enum tls_start_prefix {
    TLS_PREFIX_NONE,            /* TLS from the first byte */
    TLS_PREFIX_HTTP,            /* an HTTP message (CONNECT request or its response) */
    TLS_PREFIX_TPKT,            /* RDP: TPKT packets (RFC 1006) carrying X.224 */
    TLS_PREFIX_UNKNOWN,         /* other bytes, skipped up to a plausible record */
    /* STARTTLS: an application protocol in the clear, then TLS on the same connection */
    TLS_PREFIX_SMTP,            /* EHLO ... STARTTLS (RFC 3207) */
    TLS_PREFIX_SMTP_OR_FTP,     /* a "220" greeting: the other direction or later lines decide */
    TLS_PREFIX_FTP,             /* AUTH TLS (RFC 4217 §4) */
    TLS_PREFIX_IMAP,            /* tag STARTTLS (RFC 3501 §6.2.1) */
    TLS_PREFIX_POP3,            /* STLS (RFC 2595 §4) */
    TLS_PREFIX_XMPP,            /* <starttls/> <proceed/> (RFC 6120 §5) */
    TLS_PREFIX_LDAP,            /* StartTLS extended operation (RFC 4511 §4.14) */
    TLS_PREFIX_POSTGRES,        /* SSLRequest and its 'S' (PostgreSQL protocol, 53.2.10) */
    TLS_PREFIX_MYSQL,           /* server greeting, client SSLRequest (MySQL client/server protocol) */
};

struct tls_start {
    enum tls_start_status status;
    size_t offset;              /* when FOUND: stream offset of the first record header */
    enum tls_start_prefix prefix;
};

/*
 * Given the first `len` bytes of one direction, finds where TLS records begin. The rule:
 *   1. a plausible record header at offset 0: TLS starts there (no prefix);
 *   2. an HTTP message (a request line "CONNECT ..." or any upper-case method, or a status
 *      line "HTTP/"): skip through the first "\r\n\r\n";
 *   3. TPKT (03 00 len16, RFC 1006 §6, len >= 7 including the header, as RDP's X.224
 *      Connection Request/Confirm travel): skip whole TPKT packets;
 *   2a. (before 2) a STARTTLS family recognised by its first bytes (see tls_start.c: SMTP,
 *      FTP, IMAP, POP3 and XMPP by their commands or greetings, skipped as text up to the first
 *      byte that is not text; LDAP by its BER LDAPMessage, PostgreSQL by its 8-byte
 *      SSLRequest or its 'S' answer, MySQL by its packet headers, skipped whole);
 *   4. otherwise scan for a confirmed plausible header.
 * After steps 2 and 3 the header found must be plausible too (or more bytes are needed).
 * A plausible header (RFC 8446 §5.1) is: type 20..23, version 03 00..04, length 1..2^14+2048.
 * In step 4 it must also be confirmed: followed right after its body by another plausible
 * header, or (a handshake record) starting with a client_hello/server_hello header whose
 * 24-bit length is below 2^16. The first confirmed header wins. NEED_MORE means a prefix or a
 * candidate is still incomplete; once the direction has ended, NEED_MORE means "not found".
 */
void tls_find_tls_start(const uint8_t *data, size_t len, struct tls_start *out);

/* True when `data` starts with a plausible TLS record header (step 1 above). */
bool tls_plausible_record_header(const uint8_t *data, size_t len);

/* The same for a record after the first one: heartbeat(24) too (RFC 6520), which no
   connection starts with. */
bool tls_plausible_next_record_header(const uint8_t *data, size_t len);

#endif
