/*
 * connect_io.c — moving bytes between a TCP socket, stdin/stdout and the client core
 * (RFC 8446 §4 handshake loop, §5 records as the unit of input, §6.1 closure).
 *
 * Implementation notes
 * --------------------
 * The core consumes whole records only (client.h). So every call is followed by the same three
 * steps: drop the `consumed` bytes from the front of `in`, send what was appended to `out`, and
 * decide whether to call again at once (it consumed something and bytes remain: maybe another
 * whole record) or to recv() more first (it consumed nothing: what is left is a partial record).
 *
 * Every buffer handed to send() and every chunk returned by recv() is also one token of the
 * --trace file, so the trace shows the records as the network actually split them.
 *
 * A peer that closes at once. RFC 8446 §6.1 lets each side close its write direction with
 * close_notify, and many servers (wolfSSL's and Erlang/OTP's among them) then close or reset TCP
 * without waiting for ours. The last thing we still owe such a peer is our own close_notify, or the
 * reply to a KeyUpdate that came with its last records (§4.6.3); sending it then fails with EPIPE
 * or ECONNRESET. That failure is only remembered (io->unsent_errno) and the received records are
 * still opened: if the peer's close_notify is among them the connection ended cleanly (exit 0,
 * with a note); if it is not, the failure is reported as before (exit 4). Data we fail to send
 * and every other send error stay errors at once.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli/connect_io.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli/trace_writer.h"
#include "common/names.h"

uint64_t connect_now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return 0;
    }
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void connect_format_failure(char *buf, size_t cap, const struct tls_error *e)
{
    if (e->code == TLS_OK) {
        snprintf(buf, cap, "tls13: protocol failure (no reason recorded)");
        return;
    }
    if (TLS_IS_MISUSE(e->code)) {
        snprintf(buf, cap, "tls13: API misuse (nothing sent): %s", e->reason);
        return;
    }
    /* a code in the peer range means the server sent the alert; any other, we did */
    const char *dir = TLS_IS_PEER_ALERT(e->code) ? "received" : "sent";
    const char *alert = tls_alert_name(tls_result_alert(e->code));
    snprintf(buf, cap, "tls13: %s (%s): %s%s%s%s", alert != NULL ? alert : "unknown_alert", dir,
             e->reason != NULL ? e->reason : "no reason recorded",
             e->field != NULL ? " [while reading " : "", e->field != NULL ? e->field : "",
             e->field != NULL ? "]" : "");
}

void connect_report_error(const struct tls_error *e)
{
    char line[512];
    connect_format_failure(line, sizeof(line), e);
    fprintf(stderr, "%s\n", line);
}

void connect_report_failure(const struct tls_client *c)
{
    connect_report_error(tls_client_error(c));
}

int connect_io_open(struct connect_io *io, const struct connect_options *opt)
{
    char port[8];
    snprintf(port, sizeof(port), "%u", (unsigned)opt->port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    int gai = getaddrinfo(opt->host, port, &hints, &res);
    if (gai != 0) {
        fprintf(stderr, "tls13: cannot resolve %s: %s\n", opt->host, gai_strerror(gai));
        return CONNECT_EXIT_NETWORK;
    }
    int saved = 0;
    for (struct addrinfo *ai = res; ai != NULL && io->fd < 0; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            io->fd = fd;
            break;
        }
        saved = errno;
        if (fd >= 0) {
            close(fd);
        }
    }
    freeaddrinfo(res);
    if (io->fd < 0) {
        fprintf(stderr, "tls13: cannot connect to %s port %s: %s\n", opt->host, port,
                strerror(saved));
        return CONNECT_EXIT_NETWORK;
    }
    /* handshake flights are small and answered at once: do not let Nagle hold them back */
    int one = 1;
    setsockopt(io->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (io->trace != NULL) {
        char comment[CONNECT_MAX_HOST + 120];
        snprintf(comment, sizeof(comment),
                 "tls13 connect %s port %s (server_name %s): C: client sent, S: server sent",
                 opt->host, port, opt->servername != NULL ? opt->servername : "none");
        trace_write_comment(io->trace, comment);
    }
    return CONNECT_EXIT_OK;
}

void connect_io_close(struct connect_io *io)
{
    if (io->fd >= 0) {
        close(io->fd);
        io->fd = -1;
    }
    if (io->trace != NULL) {
        fclose(io->trace);
        io->trace = NULL;
    }
}

/* The peer closed or reset TCP: what send() says when the peer's socket is gone. */
static bool peer_gone(int err)
{
    return err == EPIPE || err == ECONNRESET;
}

/*
 * Sends all of buf (one trace token). With after_close, buf is our close_notify or a KeyUpdate
 * reply: a peer that is gone is remembered in io->unsent_errno, not reported (see the notes at
 * the top); once that happened nothing more is sent.
 */
static int send_all(struct connect_io *io, const uint8_t *buf, size_t len, bool after_close)
{
    if (len == 0 || (after_close && io->unsent_errno != 0)) {
        return CONNECT_EXIT_OK;
    }
    if (io->trace != NULL) {
        trace_write_token(io->trace, 'C', buf, len);
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = send(io->fd, buf + done, len - done, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && after_close && peer_gone(errno)) {
            io->unsent_errno = errno;
            return CONNECT_EXIT_OK;
        }
        if (n < 0) {
            fprintf(stderr, "tls13: send failed: %s\n", strerror(errno));
            return CONNECT_EXIT_NETWORK;
        }
        done += (size_t)n;
    }
    return CONNECT_EXIT_OK;
}

/* Sends what the core appended to out. */
static int flush_out(struct connect_io *io, const struct tls_writer *out)
{
    return send_all(io, io->out, out->len, false);
}

/* Sends our close_notify or a KeyUpdate reply: a peer already gone is decided on later. */
static int flush_out_after_close(struct connect_io *io, const struct tls_writer *out)
{
    return send_all(io, io->out, out->len, true);
}

/*
 * The transport ended (or failed) before the peer's close_notify. If our close_notify or a
 * KeyUpdate reply had already failed to go out, that failure came first: report it.
 */
static int unsent_failure(const struct connect_io *io)
{
    fprintf(stderr, "tls13: send failed: %s\n", strerror(io->unsent_errno));
    return CONNECT_EXIT_NETWORK;
}

/* Receives one chunk behind what is kept in `in` (one trace token). 0 on EOF. */
static int recv_more(struct connect_io *io, bool *eof)
{
    *eof = false;
    if (io->in_len == sizeof(io->in)) {
        /* cannot happen with a core that consumes every whole record; say so if it does */
        fputs("tls13: receive buffer full without a whole record\n", stderr);
        return CONNECT_EXIT_TLS;
    }
    ssize_t n;
    do {
        n = recv(io->fd, io->in + io->in_len, sizeof(io->in) - io->in_len, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && io->unsent_errno != 0) {
        return unsent_failure(io);
    }
    if (n < 0) {
        fprintf(stderr, "tls13: receive failed: %s\n", strerror(errno));
        return CONNECT_EXIT_NETWORK;
    }
    if (n == 0) {
        *eof = true;
        return CONNECT_EXIT_OK;
    }
    if (io->trace != NULL) {
        trace_write_token(io->trace, 'S', io->in + io->in_len, (size_t)n);
    }
    io->in_len += (size_t)n;
    return CONNECT_EXIT_OK;
}

/* Drops the first `used` bytes of in: the core has consumed them. */
static void drop_input(struct connect_io *io, size_t used)
{
    memmove(io->in, io->in + used, io->in_len - used);
    io->in_len -= used;
}

static int truncated(void)
{
    fputs("tls13: truncated: connection closed without close_notify (RFC 8446 §6.1)\n", stderr);
    return CONNECT_EXIT_TRUNCATED;
}

/* RFC 8446 §4: ClientHello, then the server's flight, then our Finished. */
static int run_handshake(struct connect_io *io, struct tls_client *c)
{
    for (;;) {
        struct tls_writer out;
        tls_writer_init(&out, io->out, sizeof(io->out));
        size_t used = 0;
        enum tls_status st = tls_client_handshake(c, io->in_len > 0 ? io->in : NULL, io->in_len,
                                                  &used, &out, connect_now_ms());
        drop_input(io, used);
        /* on FATAL, out holds the alert: send it before reporting */
        int rc = flush_out(io, &out);
        if (st == TLS_STATUS_HANDSHAKE_DONE || rc != CONNECT_EXIT_OK) {
            return rc;
        }
        if (st == TLS_STATUS_FATAL || st == TLS_STATUS_CLOSED) {
            connect_report_failure(c);
            return CONNECT_EXIT_TLS;
        }
        if (used > 0 && io->in_len > 0) {
            continue; /* more whole records may be waiting behind the one consumed */
        }
        bool eof = false;
        rc = recv_more(io, &eof);
        if (rc != CONNECT_EXIT_OK) {
            return rc;
        }
        if (eof) {
            return truncated();
        }
    }
}

/* Writes all of data to stdout (unbuffered: the user sees data as it arrives). */
static int write_stdout(const uint8_t *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(STDOUT_FILENO, data + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fprintf(stderr, "tls13: cannot write to stdout: %s\n", strerror(errno));
            return CONNECT_EXIT_NETWORK;
        }
        done += (size_t)n;
    }
    return CONNECT_EXIT_OK;
}

/* Opens every whole record in `in`: data to stdout, tickets kept, KeyUpdate answered. */
static int open_records(struct connect_io *io, struct tls_client *c)
{
    while (io->in_len > 0 && !io->peer_closed) {
        struct tls_writer out;
        tls_writer_init(&out, io->out, sizeof(io->out));
        size_t used = 0, data_len = 0;
        const uint8_t *data = NULL;
        /* the clock at each call: a ticket's arrival time is read now */
        enum tls_status st = tls_client_open(c, io->in, io->in_len, &used, &data, &data_len, &out,
                                             connect_now_ms());
        /* data is a view into in: write it out before in moves */
        int rc = st == TLS_STATUS_APP_DATA ? write_stdout(data, data_len) : CONNECT_EXIT_OK;
        drop_input(io, used);
        if (rc == CONNECT_EXIT_OK && st == TLS_STATUS_FATAL) {
            rc = flush_out(io, &out); /* the fatal alert */
        } else if (rc == CONNECT_EXIT_OK) {
            rc = flush_out_after_close(io, &out); /* a KeyUpdate reply (§4.6.3), if any */
        }
        if (rc != CONNECT_EXIT_OK) {
            return rc;
        }
        if (st == TLS_STATUS_FATAL) {
            connect_report_failure(c);
            return CONNECT_EXIT_TLS;
        }
        io->peer_closed = st == TLS_STATUS_CLOSED;
        if (used == 0) {
            return CONNECT_EXIT_OK; /* a partial record: recv more */
        }
    }
    return CONNECT_EXIT_OK;
}

/* RFC 8446 §6.1: close_notify ends our direction; reading may go on. */
static int send_close_notify(struct connect_io *io, struct tls_client *c)
{
    struct tls_writer out;
    tls_writer_init(&out, io->out, sizeof(io->out));
    if (tls_client_close(c, &out) != TLS_OK) {
        connect_report_failure(c);
        return CONNECT_EXIT_TLS;
    }
    io->close_sent = true;
    return flush_out_after_close(io, &out);
}

/* One read of stdin: seal it, or at EOF send close_notify. */
static int pump_stdin(struct connect_io *io, struct tls_client *c)
{
    ssize_t n;
    do {
        n = read(STDIN_FILENO, io->plain, sizeof(io->plain));
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        /* EOF (or an unreadable stdin): nothing more to send */
        return send_close_notify(io, c);
    }
    struct tls_writer out;
    tls_writer_init(&out, io->out, sizeof(io->out));
    struct tls_error err = {0};
    if (tls_client_seal(c, io->plain, (size_t)n, &out, &err) != TLS_OK) {
        connect_report_error(&err);
        return CONNECT_EXIT_TLS;
    }
    return flush_out(io, &out);
}

/* Data phase: until the server's close_notify, or EOF (truncation), or a failure. */
static int run_data(struct connect_io *io, struct tls_client *c)
{
    int rc = open_records(io, c); /* records that arrived with the server's last flight */
    while (rc == CONNECT_EXIT_OK && !io->peer_closed) {
        struct pollfd p[2] = {{.fd = io->fd, .events = POLLIN}, {.fd = STDIN_FILENO, .events = POLLIN}};
        nfds_t n = io->close_sent ? 1 : 2;
        if (poll(p, n, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            fprintf(stderr, "tls13: poll failed: %s\n", strerror(errno));
            return CONNECT_EXIT_NETWORK;
        }
        if (n == 2 && p[1].revents != 0) {
            rc = pump_stdin(io, c);
        }
        if (rc == CONNECT_EXIT_OK && p[0].revents != 0) {
            bool eof = false;
            rc = recv_more(io, &eof);
            if (rc == CONNECT_EXIT_OK && eof) {
                return io->unsent_errno != 0 ? unsent_failure(io) : truncated();
            }
            if (rc == CONNECT_EXIT_OK) {
                rc = open_records(io, c);
            }
        }
    }
    /* the server closed first: answer with our close_notify before closing the socket */
    if (rc == CONNECT_EXIT_OK && !io->close_sent) {
        rc = send_close_notify(io, c);
    }
    if (rc == CONNECT_EXIT_OK && io->unsent_errno != 0) {
        /* RFC 8446 §6.1: the peer's close_notify came in; it did not wait for ours. */
        fprintf(stderr, "tls13: note: the server closed TCP after its close_notify (%s); "
                "ours was not delivered, which RFC 8446 §6.1 allows\n", strerror(io->unsent_errno));
    }
    return rc;
}

/* One line on stderr with what was negotiated, so that scripts and people can check it. */
static void print_summary(const struct tls_client *c, const struct connect_options *opt)
{
    const struct tls_session_info *i = tls_client_info(c);
    const char *suite = tls_cipher_suite_name(i->cipher_suite);
    const char *group = tls_group_name(i->group);
    const char *scheme = tls_signature_scheme_name(i->signature_scheme);
    /* A resumed handshake has no Certificate: the PSK from the earlier, verified connection
     * authenticates the server (RFC 8446 §2.2). */
    const char *auth = i->resumed        ? "authenticated by the resumption PSK"
                       : opt->insecure   ? "certificate NOT verified (--insecure)"
                                         : "certificate verified";
    fprintf(stderr, "tls13: connected: %s %s group %s signature %s%s%s%s%s%s, %s\n",
            tls_version_name(i->version) != NULL ? tls_version_name(i->version) : "?",
            suite != NULL ? suite : "?", group != NULL ? group : "none",
            scheme != NULL ? scheme : "none", i->hello_retry_request ? ", HelloRetryRequest" : "",
            i->resumed ? ", resumed" : "", i->early_data_accepted ? ", 0-RTT accepted" : "",
            i->alpn[0] != '\0' ? ", alpn " : "", i->alpn, auth);
}

/*
 * --sess-in / --early-data when the server did not resume or took no 0-RTT data: say so (the
 * handshake was a full one, still verified), and send the early data as ordinary data now:
 * RFC 8446 §4.2.10 leaves retransmission to the application, and a user expects it delivered.
 */
static int after_resumption_attempt(struct connect_io *io, struct tls_client *c,
                                    const struct connect_options *opt)
{
    const struct tls_session_info *i = tls_client_info(c);
    if (opt->sess_in != NULL && !i->resumed) {
        fprintf(stderr, "tls13: note: --sess-in %s: not resumed (the server declined the ticket, "
                "or the client core does not offer PSKs yet, RFC 8446 §4.2.11); full handshake done\n",
                opt->sess_in);
    }
    if (io->early_data == NULL || i->early_data_accepted) {
        return CONNECT_EXIT_OK;
    }
    fputs("tls13: note: --early-data: no 0-RTT (RFC 8446 §4.2.10); sending it as ordinary data\n",
          stderr);
    struct tls_writer out;
    tls_writer_init(&out, io->out, sizeof(io->out));
    for (size_t done = 0; done < io->early_data_len; done += CONNECT_STDIN_CHUNK) {
        size_t n = io->early_data_len - done;
        n = n < CONNECT_STDIN_CHUNK ? n : CONNECT_STDIN_CHUNK;
        out.len = 0;
        struct tls_error err = {0};
        if (tls_client_seal(c, io->early_data + done, n, &out, &err) != TLS_OK) {
            connect_report_error(&err);
            return CONNECT_EXIT_TLS;
        }
        int rc = flush_out(io, &out);
        if (rc != CONNECT_EXIT_OK) {
            return rc;
        }
    }
    return CONNECT_EXIT_OK;
}

int connect_io_run(struct connect_io *io, struct tls_client *c, const struct connect_options *opt)
{
    int rc = run_handshake(io, c);
    if (rc != CONNECT_EXIT_OK) {
        return rc;
    }
    print_summary(c, opt);
    rc = after_resumption_attempt(io, c, opt);
    if (rc != CONNECT_EXIT_OK) {
        return rc;
    }
    if (opt->key_update) {
        /* RFC 8446 §4.6.3: update our key and ask the server to update its own */
        struct tls_writer out;
        tls_writer_init(&out, io->out, sizeof(io->out));
        struct tls_error err = {0};
        if (tls_client_key_update(c, true, &out, &err) != TLS_OK) {
            connect_report_error(&err);
            return CONNECT_EXIT_TLS;
        }
        rc = flush_out(io, &out);
    }
    return rc == CONNECT_EXIT_OK ? run_data(io, c) : rc;
}
