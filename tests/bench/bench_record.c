/*
 * bench_record.c — record-layer throughput (RFC 8446 §5.2 seal and open) as a ratio to raw
 * Mbed TLS AEAD, both measured in this run. A benchmark, not a test (tests/bench/README.md).
 *
 * This file includes Mbed TLS although it is not in src/crypto: the baseline is Mbed TLS itself,
 * called directly the way a record layer with no overhead at all would call it. The rule that
 * only src/crypto includes Mbed TLS is about the product; tests and benchmarks are not src/.
 *
 *   bench_record [ROUNDS]      (default 301)
 *
 * For each suite and each record size (1 KiB and 16 KiB of content), three ways to protect the
 * same records, each timed in CPU time over a batch of 256 KiB, back to back in each round (the
 * order rotating); a round gives a ratio per way, and the medians over all rounds are reported,
 * which on a shared machine is steadier than comparing separate long runs:
 *
 *   raw     one Mbed TLS context keyed once; per record mbedtls_gcm_crypt_and_tag (or
 *           mbedtls_chachapoly_encrypt_and_tag) on content || type, the 5-byte header as AAD;
 *           opening: mbedtls_gcm_auth_decrypt (mbedtls_chachapoly_auth_decrypt);
 *   ours    tls_record_write() (TLSInnerPlaintext built in the output, header, §5.3 nonce, seal)
 *           and tls_record_unprotect() (the §5 receive rules, open, §5.4 type scan) with the
 *           AEAD keyed once at tls_record_direction_install_keys();
 *   oneshot tls_aead_seal()/tls_aead_open() with the traffic keys, which key a fresh AEAD per
 *           call: what the record layer did per record before the key was kept (issue 8).
 *
 * Ratios are raw time / ours time (1.0: no overhead over Mbed TLS); MB/s are of content bytes,
 * from the median batch time. Correctness gate first: our
 * sealed record must equal Mbed TLS's sealing of content || type byte for byte, and open back.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>

#include "common/names.h"
#include "common/writer.h"
#include "crypto/aead.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "record/protect.h"
#include "record/record.h"

static uint8_t content[TLS_MAX_PLAINTEXT_LEN];
static uint8_t wire[TLS_MAX_RECORD_LEN + 64];
static uint8_t sealed[TLS_MAX_RECORD_LEN + 64]; /* one record sealed at seq 0, for opening */
static size_t sealed_len;
static uint8_t out[TLS_MAX_RECORD_LEN + 64];
static uint8_t inner[TLS_MAX_INNER_PLAINTEXT_LEN + 16];

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_record: %s\n", what);
    exit(1);
}

/* The raw baseline: one Mbed TLS context, keyed once; aligned as struct tls_aead aligns its
 * own (the GHASH tables are read per block: a worse alignment would handicap the baseline). */
struct raw {
    int gcm;
    alignas(max_align_t) mbedtls_gcm_context g;
    alignas(max_align_t) mbedtls_chachapoly_context c;
    uint8_t iv[TLS_IV_LEN];
};

static void raw_setup(struct raw *r, const struct tls_traffic_keys *k)
{
    r->gcm = k->suite->aead != TLS_AEAD_CHACHA20_POLY1305;
    memcpy(r->iv, k->iv, TLS_IV_LEN);
    mbedtls_gcm_init(&r->g);
    mbedtls_chachapoly_init(&r->c);
    int rc = r->gcm ? mbedtls_gcm_setkey(&r->g, MBEDTLS_CIPHER_ID_AES, k->key,
                                         (unsigned)(k->suite->key_len * 8))
                    : mbedtls_chachapoly_setkey(&r->c, k->key);
    if (rc != 0) {
        die("mbedtls setkey failed");
    }
}

static void raw_free(struct raw *r)
{
    mbedtls_gcm_free(&r->g);
    mbedtls_chachapoly_free(&r->c);
}

static void raw_nonce(const struct raw *r, uint64_t seq, uint8_t nonce[TLS_IV_LEN])
{
    memcpy(nonce, r->iv, TLS_IV_LEN);
    for (size_t i = 0; i < 8; i++) {
        nonce[TLS_IV_LEN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
    }
}

/* Seals inner (n bytes) into dst: ciphertext then tag. */
static void raw_seal(struct raw *r, uint64_t seq, const uint8_t *aad, const uint8_t *src,
                     size_t n, uint8_t *dst)
{
    uint8_t nonce[TLS_IV_LEN];
    raw_nonce(r, seq, nonce);
    int rc = r->gcm ? mbedtls_gcm_crypt_and_tag(&r->g, MBEDTLS_GCM_ENCRYPT, n, nonce, TLS_IV_LEN,
                                                aad, 5, src, dst, TLS_AEAD_TAG_LEN, dst + n)
                    : mbedtls_chachapoly_encrypt_and_tag(&r->c, n, nonce, aad, 5, src, dst,
                                                         dst + n);
    if (rc != 0) {
        die("raw seal failed");
    }
}

static void raw_open(struct raw *r, uint64_t seq, const uint8_t *aad, const uint8_t *src,
                     size_t n, uint8_t *dst)
{
    uint8_t nonce[TLS_IV_LEN];
    raw_nonce(r, seq, nonce);
    int rc = r->gcm ? mbedtls_gcm_auth_decrypt(&r->g, n, nonce, TLS_IV_LEN, aad, 5, src + n,
                                               TLS_AEAD_TAG_LEN, src, dst)
                    : mbedtls_chachapoly_auth_decrypt(&r->c, n, nonce, aad, 5, src + n, src, dst);
    if (rc != 0) {
        die("raw open failed");
    }
}

enum way { RAW, OURS, ONESHOT, WAYS };

struct cell {
    struct raw raw;
    struct tls_traffic_keys keys;
    struct tls_record_direction tx;
    struct tls_record_rx rx;
    size_t len; /* content bytes per record */
};

/* Seals `count` records one way; returns CPU seconds. */
static double seal_batch(struct cell *c, enum way w, int count)
{
    size_t n = c->len + 1; /* content || type */
    double t0 = cpu_seconds();
    for (int i = 0; i < count; i++) {
        if (w == OURS) {
            struct tls_writer wr;
            tls_writer_init(&wr, wire, sizeof(wire));
            if (tls_record_write(&c->tx, TLS_CT_application_data, content, c->len, 0, &wr,
                                 NULL) != TLS_OK) {
                die("tls_record_write failed");
            }
        } else {
            /* the same work minus the record layer: header as AAD, content || type sealed */
            memcpy(inner, content, c->len);
            inner[c->len] = TLS_CT_application_data;
            if (w == RAW) {
                raw_seal(&c->raw, (uint64_t)i, sealed, inner, n, wire + 5);
            } else if (tls_aead_seal(&c->keys, (uint64_t)i, sealed, 5, inner, n, wire + 5, NULL) !=
                       TLS_OK) {
                die("tls_aead_seal failed");
            }
        }
    }
    return cpu_seconds() - t0;
}

/* Opens the record sealed at seq 0 `count` times one way; returns CPU seconds. */
static double open_batch(struct cell *c, enum way w, int count)
{
    size_t n = sealed_len - 5 - TLS_AEAD_TAG_LEN;
    double t0 = cpu_seconds();
    for (int i = 0; i < count; i++) {
        if (w == OURS) {
            struct tls_record rec;
            size_t need = 0;
            struct tls_plaintext pt;
            c->rx.dir.seq = 0; /* the same record again: its sequence number again */
            if (tls_record_deframe(sealed, sealed_len, true, &rec, &need, NULL) != TLS_OK ||
                tls_record_unprotect(&c->rx, &rec, out, sizeof(out), &pt, NULL) != TLS_OK) {
                die("tls_record_unprotect failed");
            }
        } else if (w == RAW) {
            raw_open(&c->raw, 0, sealed, sealed + 5, n, out);
        } else if (tls_aead_open(&c->keys, 0, sealed, 5, sealed + 5, n + TLS_AEAD_TAG_LEN, out, NULL) !=
                   TLS_OK) {
            die("tls_aead_open failed");
        }
    }
    return cpu_seconds() - t0;
}

/* Correctness gate: our record at seq 0 is Mbed TLS's sealing of content || type. */
static void gate(struct cell *c)
{
    struct tls_writer wr;
    tls_writer_init(&wr, sealed, sizeof(sealed));
    if (tls_record_write(&c->tx, TLS_CT_application_data, content, c->len, 0, &wr, NULL) !=
        TLS_OK) {
        die("gate: tls_record_write failed");
    }
    sealed_len = wr.len;
    memcpy(inner, content, c->len);
    inner[c->len] = TLS_CT_application_data;
    raw_seal(&c->raw, 0, sealed, inner, c->len + 1, wire);
    if (sealed_len != 5 + c->len + 1 + TLS_AEAD_TAG_LEN ||
        memcmp(wire, sealed + 5, sealed_len - 5) != 0) {
        die("gate: our record differs from Mbed TLS's AEAD output");
    }
    raw_open(&c->raw, 0, sealed, sealed + 5, c->len + 1, out);
    if (memcmp(out, inner, c->len + 1) != 0) {
        die("gate: Mbed TLS does not open our record to what was sealed");
    }
}

#define MAX_ROUNDS 10000
static double times[WAYS][MAX_ROUNDS];
static double ratio_ours[MAX_ROUNDS], ratio_oneshot[MAX_ROUNDS];

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n) (v is sorted in place). */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 301;
    if (rounds < 1 || rounds > MAX_ROUNDS) {
        die("usage: bench_record [ROUNDS]");
    }
    for (size_t i = 0; i < sizeof(content); i++) {
        content[i] = (uint8_t)(i * 131 + 7);
    }
    static const uint16_t suites[] = {0x1301, 0x1302, 0x1303};
    static const size_t sizes[] = {1024, TLS_MAX_PLAINTEXT_LEN};
    printf("%-30s %6s %-5s %11s %11s %11s %10s %13s\n", "suite", "bytes", "op", "raw MB/s",
           "ours MB/s", "1shot MB/s", "ours/raw", "oneshot/raw");
    for (size_t s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
        for (size_t z = 0; z < 2; z++) {
            struct cell c;
            memset(&c, 0, sizeof(c));
            c.len = sizes[z];
            uint8_t secret[TLS_MAX_HASH_LEN];
            memset(secret, 0x5c, sizeof(secret));
            const struct tls_cipher_suite *suite = tls_cipher_suite_find(suites[s]);
            if (suite == NULL || tls_traffic_keys_derive(suite, secret, &c.keys, NULL) != TLS_OK) {
                die("cannot derive traffic keys");
            }
            raw_setup(&c.raw, &c.keys);
            struct tls_traffic_keys tx_keys = c.keys, rx_keys = c.keys;
            tls_record_direction_init(&c.tx);
            tls_record_direction_install_keys(&c.tx, &tx_keys, NULL);
            tls_record_rx_init(&c.rx);
            tls_record_direction_install_keys(&c.rx.dir, &rx_keys, NULL);
            gate(&c);
            /* 256 KiB per batch (about a millisecond): the three ways run back to back, so
             * each round compares them under the same machine load; the medians of the
             * per-round ratios and times are reported */
            int count = (int)((256u << 10) / c.len);
            for (int op = 0; op < 2; op++) {
                for (int r = 0; r < rounds; r++) {
                    double t[WAYS];
                    for (int w = 0; w < WAYS; w++) {
                        /* rotate the order so no way always runs first after a switch */
                        enum way way = (enum way)((w + r) % WAYS);
                        t[way] = op == 0 ? seal_batch(&c, way, count) : open_batch(&c, way, count);
                    }
                    for (int w = 0; w < WAYS; w++) {
                        times[w][r] = t[w];
                    }
                    ratio_ours[r] = t[RAW] / t[OURS];
                    ratio_oneshot[r] = t[RAW] / t[ONESHOT];
                }
                double mb = (double)count * (double)c.len / 1e6;
                printf("%-30s %6zu %-5s %11.1f %11.1f %11.1f %10.3f %13.3f\n", suite->name, c.len,
                       op == 0 ? "seal" : "open", mb / median(times[RAW], rounds),
                       mb / median(times[OURS], rounds), mb / median(times[ONESHOT], rounds),
                       median(ratio_ours, rounds), median(ratio_oneshot, rounds));
                fflush(stdout);
            }
            raw_free(&c.raw);
            tls_record_direction_wipe(&c.tx);
            tls_record_direction_wipe(&c.rx.dir);
            tls_traffic_keys_wipe(&c.keys);
        }
    }
    return 0;
}
