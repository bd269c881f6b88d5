/*
 * consumer.c — a program outside the tls13 tree that uses the installed library, as a
 * downstream project would: it finds it with pkg-config or find_package(tls13), includes the
 * headers under the tls13/ prefix, and completes a TLS 1.3 handshake through the public API
 * (handshake/client.h), then sends one line, reads the answer and closes with close_notify.
 *
 *   consumer HOST-IP PORT SERVERNAME CAFILE LINE      exit 0 when the answer came back
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tls13/common/writer.h>
#include <tls13/crypto/rng.h>
#include <tls13/crypto/x509.h>
#include <tls13/handshake/client.h>

static uint8_t in[1 << 17];
static size_t in_len;
static uint8_t out_buf[1 << 17];

static int die(const char *what, const struct tls_client *c)
{
    const struct tls_error *e = c != NULL ? tls_client_error(c) : NULL;
    fprintf(stderr, "consumer: %s%s%s\n", what, e != NULL && e->reason ? ": " : "",
            e != NULL && e->reason ? e->reason : "");
    return 1;
}

static int send_all(int fd, struct tls_writer *w)
{
    if (w->len > 0 && send(fd, out_buf, w->len, 0) != (ssize_t)w->len) {
        return -1;
    }
    tls_writer_init(w, out_buf, sizeof(out_buf));
    return 0;
}

static int receive(int fd)
{
    ssize_t n = recv(fd, in + in_len, sizeof(in) - in_len, 0);
    if (n <= 0) {
        return -1;
    }
    in_len += (size_t)n;
    return 0;
}

static void drop(size_t used)
{
    memmove(in, in + used, in_len - used);
    in_len -= used;
}

static char *read_pem(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 20);
    if (f == NULL || buf == NULL) {
        return NULL;
    }
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[(*len)++] = '\0'; /* mbedtls wants PEM NUL-terminated, length included */
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fputs("usage: consumer HOST-IP PORT SERVERNAME CAFILE LINE\n", stderr);
        return 2;
    }
    size_t pem_len = 0;
    char *pem = read_pem(argv[4], &pem_len);
    struct tls_trust *trust = NULL;
    struct tls_drbg *drbg = NULL;
    if (pem == NULL || tls_trust_create(&trust, (const uint8_t *)pem, pem_len, NULL) != TLS_OK ||
        tls_drbg_create(&drbg, "tls13 consumer", NULL) != TLS_OK) {
        return die("cannot load the CA file or seed the DRBG", NULL);
    }
    struct tls_client_config config = {
        .server_name = argv[3], .trust = trust, .rng = tls_drbg_rng(drbg),
    };
    struct tls_client *c = calloc(1, tls_client_size());
    if (c == NULL || tls_client_init(c, &config, 0) != TLS_OK) {
        return die("tls_client_init", c);
    }
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        return die("cannot connect", NULL);
    }
    /* The handshake: the same loop as Schannel's InitializeSecurityContext. */
    struct tls_writer w;
    tls_writer_init(&w, out_buf, sizeof(out_buf));
    size_t used = 0;
    enum tls_status st = tls_client_handshake(c, NULL, 0, &used, &w, 0);
    while (st == TLS_STATUS_CONTINUE || st == TLS_STATUS_NEED_MORE) {
        if (send_all(fd, &w) != 0 || (st == TLS_STATUS_NEED_MORE || in_len == 0 ? receive(fd) : 0) != 0) {
            return die("connection lost during the handshake", c);
        }
        st = tls_client_handshake(c, in, in_len, &used, &w, 0);
        drop(used);
    }
    if (st != TLS_STATUS_HANDSHAKE_DONE || send_all(fd, &w) != 0) {
        return die("handshake failed", c);
    }
    /* One line out, then records in until application data comes back. */
    char line[256];
    snprintf(line, sizeof(line), "%s\n", argv[5]);
    if (tls_client_seal(c, (const uint8_t *)line, strlen(line), &w, NULL) != TLS_OK || send_all(fd, &w) != 0) {
        return die("seal", c);
    }
    for (;;) {
        const uint8_t *data = NULL;
        size_t data_len = 0;
        st = tls_client_open(c, in, in_len, &used, &data, &data_len, &w, 0);
        drop(used);
        if (st == TLS_STATUS_APP_DATA) {
            printf("%.*s", (int)data_len, (const char *)data);
            break;
        }
        if (st == TLS_STATUS_FATAL || st == TLS_STATUS_CLOSED) {
            return die("no answer", c);
        }
        if (send_all(fd, &w) != 0 || (st == TLS_STATUS_NEED_MORE && receive(fd) != 0)) {
            return die("connection lost", c);
        }
    }
    tls_client_close(c, &w);
    send_all(fd, &w);
    close(fd);
    tls_client_wipe(c);
    free(c);
    tls_trust_free(trust);
    tls_drbg_free(drbg);
    free(pem);
    return 0;
}
