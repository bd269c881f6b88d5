/*
 * test_client_psk_interop.c — resumption and 0-RTT against real servers on 127.0.0.1:
 * `openssl s_server -early_data` and `gnutls-serv --earlydata`, started by the test (DESIGN.md
 * "Real peers for tests"). Each test is skipped when its server program is not installed.
 *
 * Per server: a full handshake that stores the server's ticket, the ticket written and read back
 * as a session file (what --sess-out / --sess-in do), then a second connection that resumes with
 * it and sends 0-RTT data. Checked: the server accepted the PSK (info.resumed) and the early
 * data (info.early_data_accepted), and, for OpenSSL, that the server printed our early data.
 * A third case restarts the server (new ticket keys): the ticket is refused, the handshake is a
 * full one and the early data is reported rejected.
 *
 * The loop below is the one a caller of the core writes (client.h), with the caller's clock
 * given as now_ms to every call.
 */
#define _POSIX_C_SOURCE 200809L /* fork, pipes, sockets, mkdtemp, clock_gettime */

#include "support/testutil.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crypto/rng.h"
#include "handshake/client.h"
#include "handshake/session_file.h"

#define EARLY "early data sent with the ClientHello\n"

struct server {
    pid_t pid;
    int in_fd;   /* its stdin, kept open: both servers stop when it closes */
    int out_fd;  /* its stdout (and stderr) */
    int port;
    char dir[64];
};

static uint64_t clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static bool have_program(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* A throwaway ECDSA certificate for "localhost" in a fresh temporary directory. */
static void make_certificate(struct server *s)
{
    strcpy(s->dir, "/tmp/tls13-psk-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
             "-subj /CN=localhost -keyout %s/key.pem -out %s/cert.pem >/dev/null 2>&1",
             s->dir, s->dir);
    assert_int_equal(system(cmd), 0);
}

/* A free port on 127.0.0.1 (bound and released; gnutls-serv cannot report one itself). */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* Runs argv under `timeout 30`, so that a server outlives no failed test by long. */
static void start(struct server *s, char *const argv[])
{
    char *with_timeout[24] = {"timeout", "30"};
    for (size_t i = 0; argv[i] != NULL && i + 3 < 24; i++) {
        with_timeout[i + 2] = argv[i];
    }
    int in[2], out[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    s->pid = fork();
    assert_true(s->pid >= 0);
    if (s->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(out[1], 2);
        close(in[1]);
        close(out[0]);
        execvp(with_timeout[0], with_timeout);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    s->in_fd = in[1];
    s->out_fd = out[0];
}

/* Reads the server's output until it contains want (or 5 s pass); the text read is in buf. */
static bool read_until(struct server *s, const char *want, char *buf, size_t cap)
{
    size_t n = strlen(buf);
    uint64_t end = clock_ms() + 5000;
    while (strstr(buf, want) == NULL && clock_ms() < end && n + 1 < cap) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(s->out_fd, &fds);
        struct timeval tv = {0, 100000};
        if (select(s->out_fd + 1, &fds, NULL, NULL, &tv) <= 0) {
            continue;
        }
        ssize_t r = read(s->out_fd, buf + n, cap - n - 1);
        if (r <= 0) {
            break;
        }
        n += (size_t)r;
        buf[n] = '\0';
    }
    return strstr(buf, want) != NULL;
}

static void stop(struct server *s)
{
    close(s->in_fd);
    kill(s->pid, SIGTERM);
    waitpid(s->pid, NULL, 0);
    close(s->out_fd);
    if (s->dir[0] != '\0') {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", s->dir);
        assert_int_equal(system(cmd), 0);
    }
}

static int connect_to(int port)
{
    for (int attempt = 0; attempt < 50; attempt++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0) {
            struct timeval tv = {0, 500000}; /* silence after the handshake ends a connection */
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
            return fd;
        }
        close(fd);
        sleep_ms(100); /* the server may still be starting */
    }
    fail_msg("cannot connect to 127.0.0.1:%d", port);
    return -1;
}

static void send_all(int fd, struct tls_writer *w)
{
    assert_int_equal(send(fd, w->buf, w->len, 0), (ssize_t)w->len);
    w->len = 0;
}

/*
 * One connection: handshake, one line of 1-RTT data, then reads until the server's tickets have
 * arrived (or 0.5 s of silence). *ticket_out (if not NULL) gets the last ticket; *info the session.
 */
static void run_connection(int port, const struct tls_ticket *ticket, const char *early,
                           struct tls_ticket *ticket_out, struct tls_session_info *info)
{
    struct tls_drbg *drbg;
    assert_int_equal(tls_drbg_create(&drbg, "test_client_psk_interop", NULL), TLS_OK);
    struct tls_client_config config = {
        .server_name = "localhost",
        .insecure = true, /* a throwaway self-signed certificate */
        .rng = tls_drbg_rng(drbg),
        .ticket = ticket,
        .early_data = (const uint8_t *)early,
        .early_data_len = early != NULL ? strlen(early) : 0,
    };
    struct tls_client *c = malloc(tls_client_size());
    static uint8_t out[65536], in[65536];
    struct tls_writer w;
    size_t have = 0, used;
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_client_init(c, &config, clock_ms()), TLS_OK);
    int fd = connect_to(port);
    enum tls_status st = tls_client_handshake(c, NULL, 0, &used, &w, clock_ms());
    send_all(fd, &w);
    while (st != TLS_STATUS_HANDSHAKE_DONE) {
        ssize_t n = recv(fd, in + have, sizeof(in) - have, 0);
        assert_true(n > 0);
        have += (size_t)n;
        st = tls_client_handshake(c, in, have, &used, &w, clock_ms());
        memmove(in, in + used, have - used);
        have -= used;
        if (st == TLS_STATUS_FATAL) {
            fail_msg("handshake failed: %s", tls_client_error(c)->reason);
        }
        send_all(fd, &w);
    }
    *info = *tls_client_info(c);
    assert_int_equal(tls_client_seal(c, (const uint8_t *)"1-RTT line\n", 11, &w, NULL), TLS_OK);
    send_all(fd, &w);
    for (;;) {
        while (have > 0) {
            const uint8_t *data;
            size_t data_len;
                st = tls_client_open(c, in, have, &used, &data, &data_len, &w, clock_ms());
            memmove(in, in + used, have - used);
            have -= used;
            assert_int_not_equal(st, TLS_STATUS_FATAL);
            if (st == TLS_STATUS_TICKET && ticket_out != NULL) {
                *ticket_out = *tls_client_ticket(c);
            }
            if (st == TLS_STATUS_NEED_MORE || st == TLS_STATUS_CLOSED) {
                break;
            }
        }
        ssize_t n = recv(fd, in + have, sizeof(in) - have, 0);
        if (n <= 0) {
            break; /* 0.5 s of silence: the tickets, if any, have come */
        }
        have += (size_t)n;
    }
    assert_int_equal(tls_client_close(c, &w), TLS_OK);
    send(fd, out, w.len, 0);
    close(fd);
    tls_client_wipe(c);
    free(c);
    tls_drbg_free(drbg);
}

/* The ticket through the session file format, as --sess-out then --sess-in would move it. */
static void through_session_file(const struct tls_ticket *t, struct tls_ticket *back)
{
    static uint8_t text[TLS_SESSION_FILE_MAX_LEN];
    struct tls_writer w;
    struct tls_error err = {0};
    tls_writer_init(&w, text, sizeof(text));
    assert_int_equal(tls_session_file_encode(t, &w, &err), TLS_OK);
    assert_int_equal(tls_session_file_parse(text, w.len, back, &err), TLS_OK);
}

/* Full handshake, then resumption with 0-RTT through a session file; returns the session. */
static void resume_with_early_data(int port_first, int port_second, struct tls_session_info *info)
{
    struct tls_ticket ticket, stored;
    struct tls_session_info first;
    memset(&ticket, 0, sizeof(ticket));
    run_connection(port_first, NULL, NULL, &ticket, &first);
    assert_false(first.resumed);
    assert_true(ticket.ticket_len > 0);
    assert_true(ticket.max_early_data_size >= strlen(EARLY));
    through_session_file(&ticket, &stored);
    run_connection(port_second, &stored, EARLY, NULL, info);
    assert_true(info->early_data_offered);
}

static void openssl_resumption_with_0rtt(void **state)
{
    (void)state;
    if (!have_program("openssl")) {
        skip();
    }
    struct server s;
    char cert[96], key[96], buf[16384] = "";
    make_certificate(&s);
    snprintf(cert, sizeof(cert), "%s/cert.pem", s.dir);
    snprintf(key, sizeof(key), "%s/key.pem", s.dir);
    char *argv[] = {"openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key,
                    "-tls1_3", "-early_data", "-naccept", "2", NULL};
    start(&s, argv);
    assert_true(read_until(&s, "ACCEPT 127.0.0.1:", buf, sizeof(buf)));
    s.port = atoi(strstr(buf, "ACCEPT 127.0.0.1:") + strlen("ACCEPT 127.0.0.1:"));
    struct tls_session_info info;
    resume_with_early_data(s.port, s.port, &info);
    assert_true(info.resumed);
    assert_true(info.early_data_accepted);
    /* s_server prints what it received as early data. */
    assert_true(read_until(&s, EARLY, buf, sizeof(buf)));
    stop(&s);
}

static void gnutls_resumption_with_0rtt(void **state)
{
    (void)state;
    if (!have_program("gnutls-serv") || !have_program("openssl")) {
        skip();
    }
    struct server s;
    char cert[96], key[96], port[16];
    make_certificate(&s);
    snprintf(cert, sizeof(cert), "%s/cert.pem", s.dir);
    snprintf(key, sizeof(key), "%s/key.pem", s.dir);
    s.port = free_port();
    snprintf(port, sizeof(port), "%d", s.port);
    char *argv[] = {"gnutls-serv", "-p", port, "--x509certfile", cert, "--x509keyfile", key,
                    "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3", "--earlydata", NULL};
    start(&s, argv);
    struct tls_session_info info;
    /* GnuTLS accepts 0-RTT only if our ticket age is not larger than its own view of it:
     * received_at_ms and obfuscated_ticket_age must follow the clock (the now_ms of each call). */
    resume_with_early_data(s.port, s.port, &info);
    assert_true(info.resumed);
    assert_true(info.early_data_accepted);
    stop(&s);
}

/* A restarted server has new ticket keys: full handshake, early data rejected, no error. */
static void openssl_restarted_server_rejects(void **state)
{
    (void)state;
    if (!have_program("openssl")) {
        skip();
    }
    struct server a, b = {.dir = ""};
    char cert[96], key[96], buf_a[16384] = "", buf_b[16384] = "";
    make_certificate(&a);
    snprintf(cert, sizeof(cert), "%s/cert.pem", a.dir);
    snprintf(key, sizeof(key), "%s/key.pem", a.dir);
    char *argv[] = {"openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key,
                    "-tls1_3", "-early_data", "-naccept", "1", NULL};
    start(&a, argv);
    start(&b, argv);
    assert_true(read_until(&a, "ACCEPT 127.0.0.1:", buf_a, sizeof(buf_a)));
    assert_true(read_until(&b, "ACCEPT 127.0.0.1:", buf_b, sizeof(buf_b)));
    a.port = atoi(strstr(buf_a, "ACCEPT 127.0.0.1:") + strlen("ACCEPT 127.0.0.1:"));
    b.port = atoi(strstr(buf_b, "ACCEPT 127.0.0.1:") + strlen("ACCEPT 127.0.0.1:"));
    struct tls_session_info info;
    resume_with_early_data(a.port, b.port, &info);
    assert_false(info.resumed);
    assert_false(info.early_data_accepted);
    stop(&a);
    stop(&b);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    alarm(60); /* a hung server must not hang the test run */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(openssl_resumption_with_0rtt),
        cmocka_unit_test(gnutls_resumption_with_0rtt),
        cmocka_unit_test(openssl_restarted_server_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
