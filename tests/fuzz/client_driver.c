/*
 * client_driver.c — runs the client core against a server byte stream (see client_driver.h).
 */
#include "client_driver.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "handshake/client.h"
#include "handshake/client_replay.h"
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

static void on_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                      const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                      const uint8_t *transcript_hash, size_t hash_len)
{
    (void)ctx;
    FUZZ_CHECK(tls_secret_info(id) != NULL, "a secret without a row in TLS_SECRET_LIST");
    (void)generation;
    touch(client_random, 32);
    touch(secret, secret_len);
    touch(transcript_hash, hash_len);
}

static const struct tls_observer observer = {
    .record = on_record,
    .message = on_message,
    .secret = on_secret,
};

/* What a run produced, to compare the whole-buffer run with the chunked one. */
struct outcome {
    enum tls_client_state state;
    tls_result code;
    uint64_t out_hash, app_hash; /* FNV-1a of every output byte / application data byte */
    size_t out_len, app_len;
    unsigned events[TLS_STATUS_MISUSE + 1];
};

static void fnv(uint64_t *h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        *h = (*h ^ p[i]) * 0x100000001b3u;
    }
}

/* One call in the current phase: handshake until CONNECTED, then open. */
static enum tls_status step(struct tls_client *c, uint8_t *in, size_t len, size_t *used,
                            struct tls_writer *w, struct outcome *o)
{
    enum tls_status st;
    if (tls_client_state(c) == TLS_CLIENT_CONNECTED) {
        const uint8_t *app = NULL;
        size_t app_len = 0;
        st = tls_client_open(c, in, len, used, &app, &app_len, w, 0);
        if (st == TLS_STATUS_APP_DATA) {
            FUZZ_CHECK(app_len == 0 || (app >= in && app + app_len <= in + len),
                       "application data view outside the input");
            touch(app, app_len);
            fnv(&o->app_hash, app, app_len);
            o->app_len += app_len;
        }
    } else {
        st = tls_client_handshake(c, in, len, used, w, 0);
    }
    FUZZ_CHECK(*used <= len, "consumed more than was given");
    fnv(&o->out_hash, w->buf, w->len);
    o->out_len += w->len;
    o->events[st]++;
    return st;
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
    FUZZ_CHECK(tls_client_handshake(c, none, 0, &used, w, 0) == TLS_STATUS_FATAL && w->len == 0,
               "a failed client produced output or recovered");
}

/* A client replaying RFC 8448 §3, its ClientHello already sent. */
static struct tls_client *start_client(struct tls_writer *w)
{
    static struct tls_client *c;
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
        .observer = &observer,
    };
    FUZZ_CHECK(tls_client_init_replay(c, &config, &replay, 0) == TLS_OK, "tls_client_init failed");
    size_t used = 0;
    FUZZ_CHECK(tls_client_handshake(c, NULL, 0, &used, w, 0) == TLS_STATUS_CONTINUE,
               "first call did not produce the ClientHello");
    return c;
}

/*
 * Feeds in[0..size) as a caller would: all of it (chunk 0), or growing by a few bytes each time
 * the client asks for more (chunk > 0: 1..chunk bytes, varying, so records split everywhere).
 */
static void run(uint8_t *in, size_t size, size_t chunk, struct outcome *o)
{
    static uint8_t out[1u << 16];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    memset(o, 0, sizeof(*o));
    o->out_hash = o->app_hash = 0xcbf29ce484222325u;
    struct tls_client *c = start_client(&w);
    size_t pos = 0, avail = chunk == 0 ? size : 0;
    for (unsigned long calls = 0; calls < 8ul * size + 8; calls++) {
        w.len = 0;
        size_t used = 0;
        enum tls_status st = step(c, in + pos, avail - pos, &used, &w, o);
        pos += used;
        if (st == TLS_STATUS_FATAL) {
            check_failed(c, &w);
            break;
        }
        if (st == TLS_STATUS_CLOSED) {
            break;
        }
        if (used == 0 && st == TLS_STATUS_NEED_MORE) {
            if (avail == size) {
                break;
            }
            size_t more = 1 + (calls * 7) % chunk;
            avail = more < size - avail ? avail + more : size;
        }
    }
    o->state = tls_client_state(c);
    o->code = tls_client_error(c)->code;
    tls_client_wipe(c);
}

void fuzz_client_run(uint8_t *in, size_t size)
{
    /* The core decrypts in place: keep the input for the second run. */
    uint8_t *copy = malloc(size > 0 ? size : 1);
    FUZZ_CHECK(copy != NULL, "out of memory");
    memcpy(copy, in, size);
    struct outcome whole, chunked;
    run(in, size, 0, &whole);
    run(copy, size, 7, &chunked);
    free(copy);
    /* DESIGN.md: the same bytes in one call or split anywhere give identical results. */
    FUZZ_CHECK(whole.state == chunked.state, "fragmentation changed the final state");
    FUZZ_CHECK(whole.code == chunked.code, "fragmentation changed the error");
    FUZZ_CHECK(whole.out_len == chunked.out_len && whole.out_hash == chunked.out_hash,
               "fragmentation changed what the client sent");
    FUZZ_CHECK(whole.app_len == chunked.app_len && whole.app_hash == chunked.app_hash,
               "fragmentation changed the application data");
    for (int st = TLS_STATUS_CONTINUE; st <= TLS_STATUS_FATAL; st++) {
        FUZZ_CHECK(st == TLS_STATUS_CONTINUE || whole.events[st] == chunked.events[st],
                   "fragmentation changed the events (tickets, key updates, data records)");
    }
}
