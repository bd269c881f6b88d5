/*
 * client_driver.c — runs the client core against a server byte stream (see client_driver.h).
 */
#include "client_driver.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "handshake/client.h"
#include "rfc8448_s3.h"

static volatile uint8_t sink;

static void touch(const uint8_t *p, size_t n)
{
    uint8_t x = 0;
    for (size_t i = 0; p != NULL && i < n; i++) {
        x ^= p[i];
    }
    sink = x;
}

static void on_record(void *ctx, const struct tls_record_info *rec)
{
    (void)ctx;
    touch(rec->bytes, rec->bytes_len);
}

static void on_message(void *ctx, enum tls_direction dir, const uint8_t *msg, size_t len)
{
    (void)ctx;
    (void)dir;
    touch(msg, len);
}

static void on_secret(void *ctx, const char *name, const char *nss_label, const uint8_t *client_random,
                      const uint8_t *secret, size_t secret_len, const uint8_t *transcript_hash,
                      size_t hash_len)
{
    (void)ctx;
    (void)name;
    (void)nss_label;
    touch(client_random, 32);
    touch(secret, secret_len);
    touch(transcript_hash, hash_len);
}

static const struct tls_observer observer = {
    .record = on_record,
    .message = on_message,
    .secret = on_secret,
};

/* One call in the current phase: handshake until CONNECTED, then open. */
static enum tls_status step(struct tls_client *c, uint8_t *in, size_t len, size_t *used,
                            struct tls_writer *w)
{
    if (tls_client_state(c) == TLS_CLIENT_CONNECTED) {
        const uint8_t *app = NULL;
        size_t app_len = 0;
        enum tls_status st = tls_client_open(c, in, len, used, &app, &app_len, w);
        if (st == TLS_STATUS_APP_DATA) {
            FUZZ_CHECK(app_len == 0 || (app >= in && app + app_len <= in + len),
                       "application data view outside the input");
            touch(app, app_len);
        }
        return st;
    }
    return tls_client_handshake(c, in, len, used, w);
}

static void check_failed(struct tls_client *c, struct tls_writer *w)
{
    const struct tls_error *e = tls_client_error(c);
    FUZZ_CHECK(e->code != TLS_OK && e->reason != NULL, "FATAL without an error and reason");
    FUZZ_CHECK(tls_client_state(c) == TLS_CLIENT_FAILED, "FATAL but not in the FAILED state");
    /* client.h: "every later call returns FATAL again without output". */
    size_t used = 0;
    w->len = 0;
    uint8_t none[1] = {0};
    FUZZ_CHECK(tls_client_handshake(c, none, 0, &used, w) == TLS_STATUS_FATAL && w->len == 0,
               "a failed client produced output or recovered");
}

void fuzz_client_run(uint8_t *in, size_t size)
{
    static struct tls_client *c;
    static uint8_t out[1u << 16];
    if (c == NULL) {
        c = malloc(tls_client_size());
        FUZZ_CHECK(c != NULL, "out of memory");
    }
    static const struct tls_client_replay replay = {
        .client_hello = {rfc8448_s3_client_hello},
        .client_hello_len = {sizeof(rfc8448_s3_client_hello)},
        .key_share_private = {rfc8448_s3_client_private_key},
        .key_share_private_len = {sizeof(rfc8448_s3_client_private_key)},
    };
    /* RFC 8448's certificate is self-signed for "server": no chain to check (as in
     * test_client_replay); CertificateVerify and Finished are still verified. */
    static const struct tls_client_config config = {
        .insecure = true,
        .replay = &replay,
        .observer = &observer,
    };
    FUZZ_CHECK(tls_client_init(c, &config) == TLS_OK, "tls_client_init failed");
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    size_t used = 0;
    FUZZ_CHECK(tls_client_handshake(c, NULL, 0, &used, &w) == TLS_STATUS_CONTINUE,
               "first call did not produce the ClientHello");
    size_t pos = 0;
    for (unsigned calls = 0; calls < 4 * size + 4; calls++) {
        w.len = 0;
        used = 0;
        enum tls_status st = step(c, in + pos, size - pos, &used, &w);
        FUZZ_CHECK(used <= size - pos, "consumed more than was given");
        pos += used;
        if (st == TLS_STATUS_FATAL) {
            check_failed(c, &w);
            break;
        }
        if (st == TLS_STATUS_CLOSED || (used == 0 && st == TLS_STATUS_NEED_MORE)) {
            break;
        }
    }
    tls_client_wipe(c);
}
