/*
 * test_decoder_tls10.c — TLS 1.0 and 1.1 CBC records and 3DES (src/decoder/decode_tls12_cbc.c,
 * decode_tls10.c, crypto/prf10.c) on real connections, and what the decoder does with broken
 * ones.
 *
 * The inputs are token traces with one TLS record per token, cut from captures made with
 * OpenSSL 3.0.19 and GnuTLS 3.7.9 (tests/vectors/README.md; each trace's header gives the
 * command): TLS 1.0 AES-128-CBC MAC-then-encrypt (IV chained across records, RFC 2246
 * §6.2.3.2), TLS 1.1 AES-128-CBC with encrypt_then_mac (explicit IV, RFC 4346; RFC 7366), and
 * TLS 1.0 3DES-EDE-CBC MAC-then-encrypt (8-byte blocks). On the captures themselves the records
 * are compared with tshark by decoder_tshark and decoder_live; here:
 *   - unchanged, every protected record opens and both Finished verify (RFC 2246 §7.4.9);
 *   - one bit flipped anywhere in a protected record (IV, ciphertext, MAC or padding): that
 *     record does not open, a bad MAC or bad padding is reported, and no plaintext is released;
 *   - the record cut to every shorter length (header length adjusted): it does not open;
 *   - a wrong master secret in the key log: nothing opens, no Finished is claimed.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/decode.h"
#include "support/decoder_tls_collect.h"

#define MAX_TOKENS 32
#define MAX_TOKEN_LEN 2048

struct token {
    char dir; /* 'C' or 'S' */
    uint8_t bytes[MAX_TOKEN_LEN];
    size_t len;
};

struct trace {
    struct token tok[MAX_TOKENS];
    size_t n;
    char *keylog;
};

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads a one-record-per-token trace (lowercase hex, as the stored ones are) and its key log. */
static struct trace *trace_load(const char *name)
{
    char path[256];
    size_t len = 0;
    struct trace *t = calloc(1, sizeof(*t));
    assert_non_null(t);
    snprintf(path, sizeof(path), "traces/%s.trace", name);
    char *text = (char *)test_read_vector_file(path, &len);
    int hi = -1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '#') {
            while (i < len && text[i] != '\n') {
                i++;
            }
        } else if ((c == 'C' || c == 'S') && i + 1 < len && text[i + 1] == ':') {
            assert_true(t->n < MAX_TOKENS);
            t->tok[t->n++].dir = c;
            i++;
        } else if (hexval(c) >= 0) {
            assert_true(t->n > 0);
            struct token *k = &t->tok[t->n - 1];
            if (hi < 0) {
                hi = hexval(c);
            } else {
                assert_true(k->len < MAX_TOKEN_LEN);
                k->bytes[k->len++] = (uint8_t)(hi << 4 | hexval(c));
                hi = -1;
            }
        }
    }
    free(text);
    snprintf(path, sizeof(path), "captures/%s.keylog", name);
    t->keylog = (char *)test_read_vector_file(path, &len);
    t->keylog = realloc(t->keylog, len + 1);
    t->keylog[len] = '\0';
    return t;
}

static void trace_free(struct trace *t)
{
    free(t->keylog);
    free(t);
}

/* The trace as text again, and decoded with keylog. */
static struct dtc *trace_decode(const struct trace *t, const char *keylog)
{
    size_t cap = 64;
    for (size_t i = 0; i < t->n; i++) {
        cap += 8 + 2 * t->tok[i].len;
    }
    char *text = malloc(cap);
    assert_non_null(text);
    size_t used = 0;
    for (size_t i = 0; i < t->n; i++) {
        used += (size_t)snprintf(text + used, cap - used, "%c: ", t->tok[i].dir);
        for (size_t j = 0; j < t->tok[i].len; j++) {
            used += (size_t)snprintf(text + used, cap - used, "%02x", t->tok[i].bytes[j]);
        }
        used += (size_t)snprintf(text + used, cap - used, "\n");
    }
    struct dtc *d = dtc_decode_trace_keyed(text, keylog, TLS_DECODE_TEXT);
    free(text);
    assert_int_equal(d->rc, TLS_OK);
    return d;
}

static const char *const traces[] = {
    "tls10-rsa-aes-128-cbc-mte",
    "tls11-rsa-aes-128-cbc-etm",
    "tls10-ecdhe-rsa-3des-cbc-mte",
};

/* Unchanged: one record per token, every protected one opened, both Finished verified. */
static void intact_traces_open(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(traces) / sizeof(traces[0]); k++) {
        struct trace *t = trace_load(traces[k]);
        struct dtc *d = trace_decode(t, t->keylog);
        assert_int_equal(d->nrec, t->n);
        assert_int_equal(d->nconn, 1);
        size_t prot = 0;
        for (size_t i = 0; i < d->nrec; i++) {
            prot += d->recs[i].is_protected;
            assert_int_equal(d->recs[i].decrypted, d->recs[i].is_protected);
        }
        assert_true(prot >= 5); /* two Finished, application data both ways, an alert */
        const struct tls_decoded_connection *s = &d->conns[0].summary;
        if (s->client_finished != TLS_FINISHED_VERIFIED || s->server_finished != TLS_FINISHED_VERIFIED) {
            fail_msg("%s: Finished not verified (RFC 2246 §7.4.9): %s", traces[k], d->conns[0].notes);
        }
        assert_true(s->version == 0x0301 || s->version == 0x0302);
        dtc_free(d);
        trace_free(t);
    }
}

/* Token i was not opened, and a reason is among the notes (reasons: the bad MAC or padding,
   or a record too short for the suite); other records may fail too (TLS 1.0 chains the IV). */
static void assert_refused(const struct dtc *d, size_t i, const char *what, size_t at, bool bit_flip)
{
    if (i >= d->nrec || d->recs[i].decrypted || d->recs[i].content_len != 0) {
        fail_msg("%s at byte %zu: record %zu was opened", what, at, i + 1);
    }
    const char *notes = d->conns[0].notes;
    bool named = strstr(notes, "bad MAC") != NULL || strstr(notes, "bad padding") != NULL;
    if (!bit_flip) {
        named = named || strstr(notes, "too short or not a whole number of blocks") != NULL;
    }
    if (!named) {
        fail_msg("%s at byte %zu of record %zu: no reason given: %s", what, at, i + 1, notes);
    }
}

/* The protected records to break: the client's Finished and the first protected record of the
   server after its Finished (application data). */
static void targets(const struct dtc *d, size_t out[2])
{
    out[0] = out[1] = SIZE_MAX;
    for (size_t i = 0; i < d->nrec; i++) {
        const struct tls_decoded_record *r = &d->recs[i];
        if (r->is_protected && r->dir == TLS_DIR_CLIENT_TO_SERVER && out[0] == SIZE_MAX) {
            out[0] = i;
        }
        if (r->is_protected && r->dir == TLS_DIR_SERVER_TO_CLIENT && r->outer_type == 23 && out[1] == SIZE_MAX) {
            out[1] = i;
        }
    }
    assert_true(out[0] != SIZE_MAX && out[1] != SIZE_MAX);
}

static void bit_flips_refused(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(traces) / sizeof(traces[0]); k++) {
        struct trace *t = trace_load(traces[k]);
        struct dtc *d = trace_decode(t, t->keylog);
        size_t tg[2];
        targets(d, tg);
        dtc_free(d);
        for (size_t w = 0; w < 2; w++) {
            struct token *tok = &t->tok[tg[w]];
            /* every byte of the fragment: IV (TLS 1.1), ciphertext, MAC, padding */
            for (size_t at = 5; at < tok->len; at++) {
                uint8_t bit = (uint8_t)(1u << (at % 8));
                tok->bytes[at] ^= bit;
                d = trace_decode(t, t->keylog);
                assert_refused(d, tg[w], traces[k], at, true);
                dtc_free(d);
                tok->bytes[at] ^= bit;
            }
        }
        trace_free(t);
    }
}

static void truncations_refused(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(traces) / sizeof(traces[0]); k++) {
        struct trace *t = trace_load(traces[k]);
        struct dtc *d = trace_decode(t, t->keylog);
        size_t tg[2];
        targets(d, tg);
        dtc_free(d);
        struct token *tok = &t->tok[tg[0]];
        struct token keep = *tok;
        for (size_t l = 1; l < keep.len - 5; l++) {
            /* a whole record of length l: the fragment's first l bytes */
            tok->len = 5 + l;
            tok->bytes[3] = (uint8_t)(l >> 8);
            tok->bytes[4] = (uint8_t)l;
            d = trace_decode(t, t->keylog);
            assert_refused(d, tg[0], traces[k], l, false);
            dtc_free(d);
        }
        *tok = keep;
        trace_free(t);
    }
}

static void wrong_master_secret(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(traces) / sizeof(traces[0]); k++) {
        struct trace *t = trace_load(traces[k]);
        char *secret = strrchr(t->keylog, ' ');
        assert_non_null(secret);
        secret[1] = secret[1] == '0' ? '1' : '0';
        struct dtc *d = trace_decode(t, t->keylog);
        size_t prot = 0;
        for (size_t i = 0; i < d->nrec; i++) {
            assert_false(d->recs[i].decrypted);
            prot += d->recs[i].is_protected;
        }
        assert_true(prot >= 5);
        assert_int_equal(d->conns[0].summary.client_finished, TLS_FINISHED_UNKNOWN);
        assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_UNKNOWN);
        const char *notes = d->conns[0].notes;
        if (strstr(notes, "bad MAC") == NULL && strstr(notes, "bad padding") == NULL) {
            fail_msg("%s: a wrong master secret gives no reason: %s", traces[k], notes);
        }
        dtc_free(d);
        trace_free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intact_traces_open),
        cmocka_unit_test(bit_flips_refused),
        cmocka_unit_test(truncations_refused),
        cmocka_unit_test(wrong_master_secret),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
