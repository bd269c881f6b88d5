/*
 * test_decoder_dtls13.c — DTLS 1.3 records opened with a key log (src/decoder/dtls13_keys.c,
 * src/crypto/dtls13.c): the record number mask, and the stored NSS capture intact, keyless,
 * with wrong secrets, with every bit of a protected record flipped and every datagram cut.
 *
 * Sources of the expected values:
 *   RFC 9001 Appendix A.2 and A.5: QUIC header protection, the same AES-ECB and ChaCha20 mask
 *       construction as RFC 9147 §4.2.3 (hp key, 16-byte sample, first 5 mask bytes).
 *   tests/vectors/expected/dtls/dtls13-nss-draft43-hrr.pcapng.records: tshark 4.0.17, which
 *       dissects the plaintext records only (README in tests/vectors); the protected ones it shows
 *       as "Continuation Data".
 *   captures/dtls/dtls13-nss-draft43-hrr.pcapng, .keylog: NSS 3.87 tstclnt (README); the key log
 *       is NSS's own secrets (SSL_SecretCallback). That both Finished verify is the check that the
 *       records were opened right; NSS's server read "hello over DTLS 1.3" from the client's
 *       record, which the decoder must show.
 */
#include "support/testutil.h"
#include "support/token_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/dtls13.h"
#include "crypto/suite.h"
#include "decoder/decode.h"
#include "support/decoder_tls_collect.h"

#define NSS_CAPTURE "captures/dtls/dtls13-nss-draft43-hrr.pcapng"
#define NSS_KEYLOG "captures/dtls/dtls13-nss-draft43-hrr.keylog"
#define NSS_TRACE "traces/dtls13-nss-draft43-hrr.trace"
#define NSS_RECORDS 12u       /* 4 plaintext, 8 unified-header records */
#define NSS_PROTECTED 8u

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (s[0] != '\0' && s[1] != '\0' && hexval(s[0]) >= 0 && n < cap) {
        out[n++] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
        s += 2;
    }
    return n;
}

/* ---- the record number mask (RFC 9147 §4.2.3) ---------------------------------------------- */

static void mask_rfc9001_vectors(void **state)
{
    (void)state;
    uint8_t key[32], sample[16], want[5], mask[16];
    struct tls_error err = {0};
    /* RFC 9001 A.2: client Initial, AES-128 header protection */
    const struct tls_cipher_suite *aes = tls_cipher_suite_find(0x1301);
    unhex("9f50449e04a0e810283a1e9933adedd2", key, sizeof(key));
    unhex("d1b1c98dd7689fb8ec11d242b123dc9b", sample, sizeof(sample));
    unhex("437b9aec36", want, sizeof(want));
    assert_int_equal(tls_dtls13_record_number_mask(aes, key, sample, sizeof(sample), mask, &err), TLS_OK);
    assert_memory_equal(mask, want, sizeof(want));
    /* RFC 9001 A.5: ChaCha20 header protection (counter = sample[0..3] little endian) */
    const struct tls_cipher_suite *chacha = tls_cipher_suite_find(0x1303);
    unhex("25a282b9e82f06f21f488917a4fc8f1b73573685608597d0efcb076b0ab7a7a4", key, sizeof(key));
    unhex("5e5cd55c41f69080575d7999c25a5bfb", sample, sizeof(sample));
    unhex("aefefe7d03", want, sizeof(want));
    assert_int_equal(tls_dtls13_record_number_mask(chacha, key, sample, sizeof(sample), mask, &err), TLS_OK);
    assert_memory_equal(mask, want, sizeof(want));
    /* Fewer than 16 bytes of ciphertext: no mask, a reason. */
    for (size_t n = 0; n < 16; n++) {
        struct tls_error e = {0};
        assert_int_not_equal(tls_dtls13_record_number_mask(aes, key, sample, n, mask, &e), TLS_OK);
        assert_non_null(e.reason);
    }
}

/* ---- the stored NSS capture ---------------------------------------------------------------- */

/* The stored NSS capture's token trace: its 8 datagrams, one a token. */
static struct test_tokens *nss_tokens(void)
{
    struct test_tokens *t = malloc(sizeof(*t));
    assert_non_null(t);
    test_tokens_load(t, NSS_TRACE);
    assert_int_equal(t->n, 8);
    return t;
}

static void nss_tokens_free(struct test_tokens *t)
{
    test_tokens_free(t);
    free(t);
}

static char *keylog_text(void)
{
    size_t len = 0;
    char *k = (char *)test_read_vector_file(NSS_KEYLOG, &len);
    k = realloc(k, len + 1);
    k[len] = '\0';
    return k;
}

static size_t decrypted_unified(const struct dtc *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nrec; i++) {
        n += d->recs[i].unified_header && d->recs[i].decrypted;
    }
    return n;
}

static void capture_with_keys(void **state)
{
    (void)state;
    struct dtc *d = dtc_decode(NSS_CAPTURE, NSS_KEYLOG, TLS_DECODE_TEXT);
    assert_int_equal(d->rc, TLS_OK);
    assert_int_equal(d->nconn, 1);
    assert_int_equal(d->nrec, NSS_RECORDS);
    const struct tls_decoded_connection *s = &d->conns[0].summary;
    assert_int_equal(s->version, 0x7f2b); /* the ServerHello's supported_versions (tshark) */
    assert_int_equal(s->server_finished, TLS_FINISHED_VERIFIED);
    assert_int_equal(s->client_finished, TLS_FINISHED_VERIFIED);
    assert_int_equal(s->server_signature, TLS_FINISHED_VERIFIED);
    assert_int_equal(decrypted_unified(d), NSS_PROTECTED);
    /* tshark's plaintext records, in order (expected/dtls/...records) */
    size_t len = 0;
    char *want = (char *)test_read_vector_file("expected/dtls/dtls13-nss-draft43-hrr.pcapng.records", &len);
    want = realloc(want, len + 1);
    want[len] = '\0';
    size_t i = 0;
    for (char *w = want, *nl; *w != '\0'; w = nl + 1) {
        nl = strchr(w, '\n');
        assert_non_null(nl);
        *nl = '\0';
        while (i < d->nrec && d->recs[i].unified_header) {
            i++;
        }
        assert_true(i < d->nrec);
        const struct tls_decoded_record *r = &d->recs[i++];
        char got[128];
        snprintf(got, sizeof(got), "%s %u %u %u %llu %u/%u/%u/%u",
                 r->dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server", r->outer_type, r->length, r->epoch,
                 (unsigned long long)r->sequence_number, r->messages[0].type, r->messages[0].message_seq,
                 r->messages[0].fragment_offset, r->messages[0].fragment_length);
        assert_string_equal(got, w);
    }
    /* Protected records: epochs 2 then 3, sequence numbers from 0 in each (RFC 9147 §4.2.2). */
    unsigned next[2][4] = {{0}};
    for (size_t k = 0; k < d->nrec; k++) {
        const struct tls_decoded_record *r = &d->recs[k];
        if (!r->unified_header) {
            continue;
        }
        assert_true(r->epoch == 2 || r->epoch == 3);
        assert_int_equal(r->sequence_number, next[r->dir][r->epoch]++);
    }
    assert_int_equal(next[TLS_DIR_SERVER_TO_CLIENT][2], 4); /* EE, Certificate, CV, Finished */
    assert_int_equal(next[TLS_DIR_CLIENT_TO_SERVER][2], 1); /* Finished */
    /* What tstclnt read on its standard input and sent: "hello over DTLS 1.3\n", 20 bytes, in the
       client's first epoch 3 record. */
    bool hello = false;
    for (size_t k = 0; k < d->nrec; k++) {
        const struct tls_decoded_record *r = &d->recs[k];
        hello |= r->dir == TLS_DIR_CLIENT_TO_SERVER && r->epoch == 3 && r->sequence_number == 0 &&
                 r->has_inner_type && r->inner_type == 23 && r->content_len == 20;
    }
    assert_true(hello);
    assert_non_null(strstr(d->out, "DTLS 1.3 draft 43"));
    assert_non_null(strstr(d->out, "as NSS 3.87 (draft 43) builds it"));
    free(want);
    dtc_free(d);
}

static void capture_without_keys(void **state)
{
    (void)state;
    struct dtc *d = dtc_decode(NSS_CAPTURE, NULL, TLS_DECODE_JSON);
    assert_int_equal(d->rc, TLS_OK);
    assert_int_equal(d->nrec, NSS_RECORDS);
    assert_int_equal(decrypted_unified(d), 0);
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_UNKNOWN);
    dtc_free(d);
}

/* The first protected record of the server (the EncryptedExtensions, epoch 2, sequence number
   0): its sequence number bytes XOR the §4.2.3 mask computed here from the key log's secret are
   zero. Independent of the decoder's reading. */
static void mask_on_the_capture(void **state)
{
    (void)state;
    struct test_tokens *t = nss_tokens();
    char *kl = keylog_text();
    char *line = strstr(kl, "SERVER_HANDSHAKE_TRAFFIC_SECRET ");
    assert_non_null(line);
    uint8_t secret[32];
    assert_int_equal(unhex(line + 31 + 1 + 64 + 1, secret, sizeof(secret)), 32);
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(0x1301);
    struct tls_dtls13_keys keys;
    memset(&keys, 0, sizeof(keys));
    assert_int_equal(tls_dtls13_keys_derive(suite, secret, &keys, NULL), TLS_OK);
    /* token 4 (index 3): the ServerHello record (13 + 131 bytes), then 0x2e: 16-bit sequence, length */
    const uint8_t *rec = t->bytes[3] + 13 + 131;
    assert_int_equal(rec[0], 0x2e);
    uint8_t mask[16];
    assert_int_equal(tls_dtls13_record_number_mask(suite, keys.sn_key, rec + 5, (size_t)(rec[3] << 8 | rec[4]), mask,
                                                   NULL), TLS_OK);
    assert_int_equal(rec[1] ^ mask[0], 0);
    assert_int_equal(rec[2] ^ mask[1], 0);
    tls_dtls13_keys_wipe(&keys);
    free(kl);
    nss_tokens_free(t);
}

/* Each secret of the key log with one bit flipped: the records under it stay closed and no
   Finished verifies that needed it. */
static void wrong_keylog(void **state)
{
    (void)state;
    static const char *const labels[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET ", "SERVER_HANDSHAKE_TRAFFIC_SECRET ",
                                         "CLIENT_TRAFFIC_SECRET_0 ", "SERVER_TRAFFIC_SECRET_0 "};
    for (size_t i = 0; i < 4; i++) {
        char *kl = keylog_text();
        char *secret = strstr(kl, labels[i]) + strlen(labels[i]) + 65;
        *secret = *secret == '0' ? '1' : '0';
        struct dtc *d = dtc_decode_with_keylog_text(NSS_CAPTURE, kl, TLS_DECODE_TEXT);
        assert_int_equal(d->rc, TLS_OK);
        assert_true(decrypted_unified(d) < NSS_PROTECTED);
        for (size_t k = 0; k < d->nrec; k++) {
            const struct tls_decoded_record *r = &d->recs[k];
            bool client = r->dir == TLS_DIR_CLIENT_TO_SERVER;
            bool under = r->unified_header && client == (i % 2 == 0) && r->epoch == (i < 2 ? 2 : 3);
            if (under) {
                assert_false(r->decrypted);
            }
        }
        if (i < 2) {
            assert_int_not_equal(i == 0 ? d->conns[0].summary.client_finished : d->conns[0].summary.server_finished,
                                 TLS_FINISHED_VERIFIED);
        }
        assert_non_null(strstr(d->out, "does not authenticate with the logged secret"));
        dtc_free(d);
        free(kl);
    }
}

/* True when a decrypted record of token k (its datagram in its direction) covers byte at. */
static bool decrypted_over(const struct dtc *d, const struct test_tokens *t, size_t k, size_t at)
{
    unsigned datagram = 0;
    for (size_t j = 0; j <= k; j++) {
        datagram += t->dir[j] == t->dir[k];
    }
    int dir = t->dir[k] == 'C' ? TLS_DIR_CLIENT_TO_SERVER : TLS_DIR_SERVER_TO_CLIENT;
    for (size_t i = 0; i < d->nrec; i++) {
        const struct tls_decoded_record *r = &d->recs[i];
        if ((int)r->dir == dir && r->datagram == datagram && r->decrypted && at >= r->offset &&
            at < r->offset + r->bytes_len) {
            return true;
        }
    }
    return false;
}

/* Every bit of every protected record flipped, one at a time: that record never decrypts (the
   AEAD covers the header through the AAD, the mask is keyed by the ciphertext), the others of
   the capture still do, and the decoder finishes. */
static void every_bit_flipped(void **state)
{
    (void)state;
    struct test_tokens *t = nss_tokens();
    char *kl = keylog_text();
    size_t runs = 0, stride = test_stride();
    for (size_t k = 0; k < t->n; k++) {
        size_t start = t->bytes[k][0] == 0x16 ? 13u + (size_t)(t->bytes[k][11] << 8 | t->bytes[k][12]) : 0;
        for (size_t bit = start * 8; bit < t->len[k] * 8; bit += stride) {
            char *text = test_tokens_text(t, NULL, t->n, SIZE_MAX, 0, k, bit);
            struct dtc *d = dtc_decode_trace_keyed(text, kl, TLS_DECODE_JSON);
            assert_int_equal(d->rc, TLS_OK);
            if (decrypted_over(d, t, k, bit / 8)) {
                fail_msg("token %zu bit %zu flipped: a record over it still decrypted", k + 1, bit);
            }
            assert_true(decrypted_unified(d) >= NSS_PROTECTED - 4); /* the other datagrams' records */
            free(text);
            dtc_free(d);
            runs++;
        }
    }
    assert_true(runs * stride > 2000);
    free(kl);
    nss_tokens_free(t);
}

/* Every datagram cut at every length: no record is opened past the cut, the decoder finishes,
   and the Finished of a cut flight does not verify. */
static void every_truncation(void **state)
{
    (void)state;
    struct test_tokens *t = nss_tokens();
    char *kl = keylog_text();
    size_t stride = test_stride();
    for (size_t k = 0; k < t->n; k++) {
        /* where the token's protected records start (after a plaintext ServerHello record) */
        size_t start = t->bytes[k][0] == 0x16 ? 13u + (size_t)(t->bytes[k][11] << 8 | t->bytes[k][12]) : 0;
        for (size_t cut = 0; cut < t->len[k]; cut += stride) {
            char *text = test_tokens_text(t, NULL, t->n, k, cut, SIZE_MAX, 0);
            struct dtc *d = dtc_decode_trace_keyed(text, kl, TLS_DECODE_JSON);
            assert_int_equal(d->rc, TLS_OK);
            if (start < t->len[k]) { /* a protected record was cut: it is not opened */
                assert_true(decrypted_unified(d) < NSS_PROTECTED);
            }
            if (k == 3) { /* the server's flight: SH ... Finished */
                assert_int_not_equal(d->conns[0].summary.server_finished, TLS_FINISHED_VERIFIED);
            }
            free(text);
            dtc_free(d);
        }
    }
    free(kl);
    nss_tokens_free(t);
}

/* Replaces supported_versions 7f2b (NSS's draft 43) with fefc (RFC 9147 §5.3) in a hello. */
static void to_rfc_version(uint8_t *p, size_t len)
{
    static const uint8_t draft[] = {0x00, 0x2b, 0x00, 0x02, 0x7f, 0x2b};
    for (size_t i = 0; i + sizeof(draft) <= len; i++) {
        if (memcmp(p + i, draft, sizeof(draft)) == 0) {
            p[i + 4] = 0xfe;
            p[i + 5] = 0xfc;
            return;
        }
    }
    fail_msg("no supported_versions 0x7f2b in the hello");
}

/* The RFC 9147 reading (version 0xfefc), which no Debian peer speaks: the capture's hellos with
   0xfefc, then a record made here as RFC 9147 §4 builds it: EncryptedExtensions (empty,
   message_seq 2) under the logged server handshake secret, AEAD nonce over the sequence number
   only (0), the unified header 0x2e as AAD with the sequence number in the clear, then the
   sequence number masked (§4.2.3). The decoder must open it with the RFC nonce and say so. */
static void rfc9147_record(void **state)
{
    (void)state;
    struct test_tokens *t = nss_tokens();
    to_rfc_version(t->bytes[1], t->len[1]);          /* HelloRetryRequest */
    to_rfc_version(t->bytes[3], 13 + 131);           /* ServerHello */
    char *kl = keylog_text();
    char *line = strstr(kl, "SERVER_HANDSHAKE_TRAFFIC_SECRET ");
    uint8_t secret[32];
    assert_int_equal(unhex(line + 31 + 1 + 64 + 1, secret, sizeof(secret)), 32);
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(0x1301);
    struct tls_dtls13_keys keys;
    memset(&keys, 0, sizeof(keys));
    assert_int_equal(tls_dtls13_keys_derive(suite, secret, &keys, NULL), TLS_OK);
    /* DTLSInnerPlaintext: handshake fragment (RFC 9147 §5.2) || type 22 */
    const uint8_t inner[] = {8, 0, 0, 2, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 22};
    assert_true(t->len[3] >= 13 + 131 + 5 + sizeof(inner) + TLS_AEAD_TAG_LEN);
    uint8_t *rec = t->bytes[3] + 13 + 131;
    rec[0] = 0x2e; /* 001 C=0 S=1 L=1, epoch bits 2 */
    rec[1] = 0;
    rec[2] = 0;
    rec[3] = 0;
    rec[4] = (uint8_t)(sizeof(inner) + TLS_AEAD_TAG_LEN);
    assert_int_equal(tls_aead_seal(&keys.aead, 0, rec, 5, inner, sizeof(inner), rec + 5, NULL), TLS_OK);
    uint8_t mask[16];
    assert_int_equal(tls_dtls13_record_number_mask(suite, keys.sn_key, rec + 5, rec[4], mask, NULL), TLS_OK);
    rec[1] ^= mask[0];
    rec[2] ^= mask[1];
    t->len[3] = 13 + 131 + 5 + rec[4];
    char *text = test_tokens_text(t, NULL, 4, SIZE_MAX, 0, SIZE_MAX, 0);
    struct dtc *d = dtc_decode_trace_keyed(text, kl, TLS_DECODE_TEXT);
    assert_int_equal(d->rc, TLS_OK);
    assert_int_equal(d->conns[0].summary.version, 0xfefc);
    const struct tls_decoded_record *r = &d->recs[d->nrec - 1];
    assert_true(r->unified_header && r->decrypted);
    assert_int_equal(r->epoch, 2);
    assert_int_equal(r->sequence_number, 0);
    assert_int_equal(r->inner_type, 22);
    assert_int_equal(r->message_count, 1);
    assert_int_equal(r->messages[0].type, 8);
    assert_int_equal(r->messages[0].message_seq, 2);
    assert_non_null(strstr(d->out, "nonce over the sequence number (RFC 9147 §4)"));
    assert_null(strstr(d->out, "as NSS 3.87 (draft 43) builds it"));
    dtc_free(d);
    free(text);
    tls_dtls13_keys_wipe(&keys);
    free(kl);
    nss_tokens_free(t);
}

/* The server's application data datagram (token 6) delivered twice, as a network that duplicates
   datagrams does: the copy decrypts to the same epoch 3 and sequence number and is labelled a
   copy (RFC 9147 §4.5.1 replay detection), the first is not. */
static void duplicated_datagram(void **state)
{
    (void)state;
    struct test_tokens *t = nss_tokens();
    assert_int_equal(t->dir[5], 'S');
    assert_int_equal(t->bytes[5][0] & 0xe3, 0x23); /* a unified header, epoch bits 3 */
    const size_t order[] = {0, 1, 2, 3, 4, 5, 5, 6, 7}; /* token 5 twice */
    char *kl = keylog_text();
    char *text = test_tokens_text(t, order, sizeof(order) / sizeof(order[0]), SIZE_MAX, 0, SIZE_MAX, 0);
    struct dtc *d = dtc_decode_trace_keyed(text, kl, TLS_DECODE_JSON);
    assert_int_equal(d->rc, TLS_OK);
    const struct tls_decoded_record *first = NULL, *copy = NULL;
    for (size_t i = 0; i < d->nrec; i++) {
        const struct tls_decoded_record *r = &d->recs[i];
        if (r->dir == TLS_DIR_SERVER_TO_CLIENT && r->unified_header && r->epoch == 3 && r->sequence_number == 0) {
            if (first == NULL) {
                first = r;
            } else {
                copy = r;
            }
        }
    }
    assert_non_null(first);
    assert_non_null(copy);
    assert_true(first->decrypted && copy->decrypted);
    assert_false(first->retransmission);
    assert_true(copy->retransmission);
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_VERIFIED);
    dtc_free(d);
    free(text);
    free(kl);
    nss_tokens_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mask_rfc9001_vectors), cmocka_unit_test(capture_with_keys),
        cmocka_unit_test(capture_without_keys), cmocka_unit_test(mask_on_the_capture),
        cmocka_unit_test(wrong_keylog),         cmocka_unit_test(every_bit_flipped),
        cmocka_unit_test(every_truncation),     cmocka_unit_test(rfc9147_record),
        cmocka_unit_test(duplicated_datagram),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
