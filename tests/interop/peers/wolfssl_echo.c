/*
 * wolfssl_echo.c — a TLS 1.3 echo server on wolfSSL (Debian libwolfssl-dev), an interop peer for
 * `tls13 connect` (tests/interop/run_peers.sh). Test code: it links wolfSSL, never our library.
 *
 *   wolfssl_echo -port P -cert C -key K [-groups x25519,secp256r1,secp384r1] [-alpn h2]
 *                [-verify-client CA] [-keyupdate] [-reset]
 *
 * Serves connections one after the other on 127.0.0.1:P, for ever: everything received is sent
 * back unchanged; the client's close_notify is answered with ours. Options:
 *   -groups         the key exchange groups accepted (fewer: a HelloRetryRequest)
 *   -alpn           the one protocol the server selects (RFC 7301)
 *   -verify-client  send a CertificateRequest naming CA; an empty Certificate is accepted
 *   -keyupdate      before echoing the first data, send KeyUpdate(update_requested) (§4.6.3)
 *   -reset          after echoing the first data: close_notify, then a TCP reset (SO_LINGER 0)
 *                   without waiting for the client's close_notify (RFC 8446 §6.1 allows it)
 * All three TLS 1.3 suites are enabled (the client chooses); wolfSSL sends a NewSessionTicket
 * after each handshake and resumes with it.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

struct options {
    int port;
    const char *cert, *key, *groups, *alpn, *verify_ca;
    int keyupdate, reset;
};

static void usage(void)
{
    fprintf(stderr, "usage: wolfssl_echo -port P -cert C -key K [-groups LIST] [-alpn P] "
                    "[-verify-client CA] [-keyupdate] [-reset]\n");
    exit(2);
}

static void parse(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof(*o));
    o->groups = "x25519,secp256r1,secp384r1";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-keyupdate") == 0) {
            o->keyupdate = 1;
        } else if (strcmp(a, "-reset") == 0) {
            o->reset = 1;
        } else if (v == NULL) {
            usage();
        } else if (strcmp(a, "-port") == 0) {
            o->port = atoi(v), i++;
        } else if (strcmp(a, "-cert") == 0) {
            o->cert = v, i++;
        } else if (strcmp(a, "-key") == 0) {
            o->key = v, i++;
        } else if (strcmp(a, "-groups") == 0) {
            o->groups = v, i++;
        } else if (strcmp(a, "-alpn") == 0) {
            o->alpn = v, i++;
        } else if (strcmp(a, "-verify-client") == 0) {
            o->verify_ca = v, i++;
        } else {
            usage();
        }
    }
    if (o->port == 0 || o->cert == NULL || o->key == NULL) {
        usage();
    }
}

/* "x25519,secp384r1" -> wolfSSL group ids */
static int parse_groups(const char *list, int *ids, int cap)
{
    char copy[256];
    snprintf(copy, sizeof(copy), "%s", list);
    int n = 0;
    for (char *t = strtok(copy, ","); t != NULL && n < cap; t = strtok(NULL, ",")) {
        if (strcmp(t, "x25519") == 0) {
            ids[n++] = WOLFSSL_ECC_X25519;
        } else if (strcmp(t, "secp256r1") == 0) {
            ids[n++] = WOLFSSL_ECC_SECP256R1;
        } else if (strcmp(t, "secp384r1") == 0) {
            ids[n++] = WOLFSSL_ECC_SECP384R1;
        } else {
            fprintf(stderr, "wolfssl_echo: unknown group %s\n", t);
            exit(2);
        }
    }
    return n;
}

static int listen_on(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0) {
        perror("wolfssl_echo: listen");
        exit(1);
    }
    return fd;
}

static void serve(WOLFSSL_CTX *ctx, const struct options *o, int fd)
{
    WOLFSSL *ssl = wolfSSL_new(ctx);
    if (ssl == NULL) {
        fprintf(stderr, "wolfssl_echo: wolfSSL_new failed\n");
        return;
    }
    wolfSSL_set_fd(ssl, fd);
    if (o->alpn != NULL) {
        wolfSSL_UseALPN(ssl, (char *)o->alpn, (unsigned)strlen(o->alpn),
                        WOLFSSL_ALPN_CONTINUE_ON_MISMATCH);
    }
    if (wolfSSL_accept(ssl) != WOLFSSL_SUCCESS) {
        char msg[80];
        fprintf(stderr, "wolfssl_echo: handshake failed: %s\n",
                wolfSSL_ERR_error_string((unsigned long)wolfSSL_get_error(ssl, 0), msg));
        wolfSSL_free(ssl);
        return;
    }
    fprintf(stderr, "wolfssl_echo: connected: %s, resumed %d\n", wolfSSL_get_cipher(ssl),
            wolfSSL_session_reused(ssl));
    static char buf[65536];
    int first = 1;
    for (;;) {
        int n = wolfSSL_read(ssl, buf, sizeof(buf));
        if (n <= 0) {
            break; /* close_notify (WOLFSSL_ERROR_ZERO_RETURN) or an error */
        }
        if (first && o->keyupdate && wolfSSL_update_keys(ssl) != WOLFSSL_SUCCESS) {
            fprintf(stderr, "wolfssl_echo: wolfSSL_update_keys failed\n");
        }
        if (wolfSSL_write(ssl, buf, n) != n) {
            fprintf(stderr, "wolfssl_echo: write failed\n");
            break;
        }
        first = 0;
        if (o->reset) {
            wolfSSL_shutdown(ssl); /* close_notify, not waiting for the client's */
            struct linger lg = {1, 0};
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)); /* close = RST */
            fprintf(stderr, "wolfssl_echo: sent close_notify and reset the connection\n");
            wolfSSL_free(ssl);
            return;
        }
    }
    wolfSSL_shutdown(ssl);
    wolfSSL_free(ssl);
}

int main(int argc, char **argv)
{
    struct options o;
    parse(argc, argv, &o);
    signal(SIGPIPE, SIG_IGN);
    wolfSSL_Init();
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLSv1_3_server_method());
    int groups[8];
    int ngroups = parse_groups(o.groups, groups, 8);
    if (ctx == NULL ||
        wolfSSL_CTX_use_certificate_file(ctx, o.cert, WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS ||
        wolfSSL_CTX_use_PrivateKey_file(ctx, o.key, WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS ||
        wolfSSL_CTX_set_cipher_list(ctx, "TLS13-AES128-GCM-SHA256:TLS13-AES256-GCM-SHA384:"
                                         "TLS13-CHACHA20-POLY1305-SHA256") != WOLFSSL_SUCCESS ||
        wolfSSL_CTX_set_groups(ctx, groups, ngroups) != WOLFSSL_SUCCESS) {
        fprintf(stderr, "wolfssl_echo: cannot set up the server (certificate, key, suites, groups)\n");
        return 1;
    }
    if (o.verify_ca != NULL) {
        /* request, not require: no WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT */
        if (wolfSSL_CTX_load_verify_locations(ctx, o.verify_ca, NULL) != WOLFSSL_SUCCESS) {
            fprintf(stderr, "wolfssl_echo: cannot load %s\n", o.verify_ca);
            return 1;
        }
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    } else {
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);
    }
    int lfd = listen_on(o.port);
    fprintf(stderr, "wolfssl_echo: listening on 127.0.0.1:%d (wolfSSL %s)\n", o.port,
            wolfSSL_lib_version());
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            continue;
        }
        /* No Nagle (as Go's net package): with -reset, a close_notify held back behind the
         * unacknowledged echo would be dropped by the reset instead of sent. */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        serve(ctx, &o, fd);
        close(fd);
    }
}
