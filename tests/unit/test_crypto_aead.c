/*
 * test_crypto_aead.c — record protection (RFC 8446 §5.2, §5.3; src/crypto/aead.c).
 *
 * Every protected record of RFC 8448 §3-§7 ("complete record" values whose outer type is
 * application_data) is opened with the RFC's keys and IVs at its sequence number; the result
 * must be the RFC's payload, then the inner content type, then zero padding (TLSInnerPlaintext,
 * §5.2). Sealing that plaintext again must give the record's bytes. Then one record is damaged
 * byte by byte (header = additional data, ciphertext, tag): every damage is bad_record_mac.
 *
 * The other two AEADs have no RFC 8448 vector; they are checked against RFC 8439 §2.8.2
 * (ChaCha20-Poly1305) and the GCM specification's test case 14 (AES-256-GCM, McGrew & Viega,
 * "The Galois/Counter Mode of Operation", 2005), both also reproduced with python3-cryptography.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/suite.h"
#include "support/crypto_rfc8448_table.h"

#define REC_MAX 1024

/* Traffic keys of a row (all of RFC 8448 is TLS_AES_128_GCM_SHA256). */
static void row_keys(const struct record_row *row, struct tls_traffic_keys *keys)
{
    memset(keys, 0, sizeof(*keys));
    keys->suite = tls_cipher_suite_find(TLS_SUITE_TLS_AES_128_GCM_SHA256);
    assert_int_equal(test_hex(row->key, keys->key, sizeof(keys->key)), 16);
    assert_int_equal(test_hex(row->iv, keys->iv, sizeof(keys->iv)), TLS_IV_LEN);
}

/* The TLSInnerPlaintext a row's record must hold: content || type || zeros (to the record's length). */
static size_t row_inner_plaintext(const struct record_row *row, size_t record_len, uint8_t *out)
{
    size_t payload_len = test_hex(row->payload, out, REC_MAX);
    size_t inner_len = record_len - 5 - TLS_AEAD_TAG_LEN;
    assert_true(inner_len >= payload_len + 1);
    out[payload_len] = row->content_type;
    memset(out + payload_len + 1, 0, inner_len - payload_len - 1);
    return inner_len;
}

static void every_rfc8448_record_opens_and_reseals(void **state)
{
    (void)state;
    size_t sections_seen = 0;
    const char *last = "";
    for (size_t i = 0; i < record_rows_count; i++) {
        const struct record_row *row = &record_rows[i];
        struct tls_traffic_keys keys;
        uint8_t record[REC_MAX], want[REC_MAX], got[REC_MAX], inplace[REC_MAX];
        char what[300];
        row_keys(row, &keys);
        size_t n = test_hex(row->record, record, sizeof(record));
        size_t inner_len = row_inner_plaintext(row, n, want);
        snprintf(what, sizeof(what),
                 "RFC 8448 §%s line %d: %s decrypted (payload line %d + type %u + padding; key "
                 "line %d, iv line %d, seq %llu)",
                 row->section, row->line, row->what, row->payload_line, row->content_type,
                 row->key_line, row->iv_line, (unsigned long long)row->seq);
        /* §5.2: additional_data is the record header itself */
        assert_int_equal(tls_aead_open(&keys, row->seq, record, 5, record + 5, n - 5, got, NULL), TLS_OK);
        assert_bytes_equal(got, inner_len, want, inner_len, what);

        /* in place: ciphertext and plaintext share the buffer */
        memcpy(inplace, record, n);
        assert_int_equal(tls_aead_open(&keys, row->seq, inplace, 5, inplace + 5, n - 5, inplace + 5, NULL),
                         TLS_OK);
        assert_bytes_equal(inplace + 5, inner_len, want, inner_len, what);

        /* sealing the plaintext again gives the RFC's record */
        snprintf(what, sizeof(what), "RFC 8448 §%s line %d: %s re-encrypted", row->section,
                 row->line, row->what);
        assert_int_equal(tls_aead_seal(&keys, row->seq, record, 5, want, inner_len, got, NULL), TLS_OK);
        assert_bytes_equal(got, inner_len + TLS_AEAD_TAG_LEN, record + 5, n - 5, what);
        memcpy(inplace, want, inner_len);
        assert_int_equal(tls_aead_seal(&keys, row->seq, record, 5, inplace, inner_len, inplace, NULL),
                         TLS_OK);
        assert_bytes_equal(inplace, inner_len + TLS_AEAD_TAG_LEN, record + 5, n - 5, what);

        if (strcmp(last, row->section) != 0) {
            sections_seen++;
            last = row->section;
        }
    }
    assert_int_equal(sections_seen, 5); /* §3, §4, §5, §6, §7 */
    assert_true(record_rows_count >= 27);
}

/* Flip each byte of RFC 8448 §3's client alert record (line 847): header, ciphertext, tag. */
static void every_damaged_byte_is_bad_record_mac(void **state)
{
    (void)state;
    const struct record_row *row = NULL;
    for (size_t i = 0; i < record_rows_count; i++) {
        if (record_rows[i].line == 847) {
            row = &record_rows[i];
        }
    }
    assert_non_null(row);
    struct tls_traffic_keys keys;
    uint8_t record[REC_MAX], damaged[REC_MAX], out[REC_MAX];
    row_keys(row, &keys);
    size_t n = test_hex(row->record, record, sizeof(record));
    for (size_t at = 0; at < n; at++) {
        memcpy(damaged, record, n);
        damaged[at] ^= 0x01;
        memset(out, 0xaa, sizeof(out));
        tls_result rc = tls_aead_open(&keys, row->seq, damaged, 5, damaged + 5, n - 5, out, NULL);
        assert_int_equal(rc, TLS_E_ALERT(TLS_ALERT_bad_record_mac));
        /* nothing unauthenticated is released: the output is wiped */
        for (size_t k = 0; k < n - 5 - TLS_AEAD_TAG_LEN; k++) {
            assert_int_equal(out[k], 0);
        }
    }
    /* the right bytes at the wrong sequence number fail too (§5.3 nonce) */
    assert_int_equal(tls_aead_open(&keys, row->seq + 1, record, 5, record + 5, n - 5, out, NULL),
                     TLS_E_ALERT(TLS_ALERT_bad_record_mac));
    /* shorter than a tag: cannot be authentic */
    for (size_t len = 0; len < TLS_AEAD_TAG_LEN; len++) {
        assert_int_equal(tls_aead_open(&keys, row->seq, record, 5, record + 5, len, out, NULL),
                         TLS_E_ALERT(TLS_ALERT_bad_record_mac));
    }
    /* truncated by one byte */
    assert_int_equal(tls_aead_open(&keys, row->seq, record, 5, record + 5, n - 6, out, NULL),
                     TLS_E_ALERT(TLS_ALERT_bad_record_mac));
}

/* §5.3: nonce = iv XOR (seq, big-endian, left-padded to iv_length). */
static void nonce_is_iv_xor_padded_sequence_number(void **state)
{
    (void)state;
    struct tls_traffic_keys keys;
    uint8_t nonce[TLS_IV_LEN], want[TLS_IV_LEN];
    memset(&keys, 0, sizeof(keys));
    /* RFC 8448 §3 line 597: server application write iv */
    test_hex("cf782b88dd83549aadf1e984", keys.iv, sizeof(keys.iv));
    tls_aead_nonce(&keys, 0, nonce);
    assert_bytes_equal(nonce, TLS_IV_LEN, keys.iv, TLS_IV_LEN, "RFC 8446 §5.3: seq 0 nonce = iv");
    tls_aead_nonce(&keys, 1, nonce);
    test_hex("cf782b88dd83549aadf1e985", want, sizeof(want));
    assert_bytes_equal(nonce, TLS_IV_LEN, want, TLS_IV_LEN, "RFC 8446 §5.3: seq 1 (by hand)");
    tls_aead_nonce(&keys, 0x0102030405060708ULL, nonce);
    /* the first 4 bytes untouched; the last 8 XORed with 01..08 */
    test_hex("cf782b88 dc81579ea8f7ee8c", want, sizeof(want));
    assert_bytes_equal(nonce, TLS_IV_LEN, want, TLS_IV_LEN,
                       "RFC 8446 §5.3: seq 0x0102030405060708 (by hand)");
    tls_aead_nonce(&keys, UINT64_MAX, nonce);
    test_hex("cf782b88 227cab65520e167b", want, sizeof(want));
    assert_bytes_equal(nonce, TLS_IV_LEN, want, TLS_IV_LEN, "RFC 8446 §5.3: seq 2^64-1 (by hand)");
}

/* One known answer for a suite without RFC 8448 records, plus tamper and in-place checks. */
static void known_answer(uint16_t suite_id, const char *key_hex, const char *iv_hex,
                         const char *aad_hex, const uint8_t *pt, size_t pt_len,
                         const char *ct_hex, const char *source)
{
    struct tls_traffic_keys keys;
    uint8_t aad[64], want[256], got[256], back[256];
    memset(&keys, 0, sizeof(keys));
    keys.suite = tls_cipher_suite_find(suite_id);
    assert_non_null(keys.suite);
    assert_int_equal(test_hex(key_hex, keys.key, sizeof(keys.key)), keys.suite->key_len);
    test_hex(iv_hex, keys.iv, sizeof(keys.iv));
    size_t aad_len = test_hex(aad_hex, aad, sizeof(aad));
    size_t want_len = test_hex(ct_hex, want, sizeof(want));
    assert_int_equal(tls_aead_seal(&keys, 0, aad, aad_len, pt, pt_len, got, NULL), TLS_OK);
    assert_bytes_equal(got, pt_len + TLS_AEAD_TAG_LEN, want, want_len, source);
    assert_int_equal(tls_aead_open(&keys, 0, aad, aad_len, want, want_len, back, NULL), TLS_OK);
    assert_bytes_equal(back, pt_len, pt, pt_len, source);
    /* in place, and a damaged tag */
    assert_int_equal(tls_aead_open(&keys, 0, aad, aad_len, got, want_len, got, NULL), TLS_OK);
    assert_bytes_equal(got, pt_len, pt, pt_len, source);
    want[want_len - 1] ^= 0x80;
    assert_int_equal(tls_aead_open(&keys, 0, aad, aad_len, want, want_len, back, NULL),
                     TLS_E_ALERT(TLS_ALERT_bad_record_mac));
}

static void chacha20_poly1305_rfc8439(void **state)
{
    (void)state;
    static const char pt[] = "Ladies and Gentlemen of the class of '99: If I could offer you only "
                             "one tip for the future, sunscreen would be it.";
    /* RFC 8439 §2.8.2; nonce 07000000 40414243 44454647 = iv at seq 0 */
    known_answer(TLS_SUITE_TLS_CHACHA20_POLY1305_SHA256,
                 "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
                 "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7", (const uint8_t *)pt,
                 strlen(pt),
                 "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                 "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                 "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                 "3ff4def08e4b7a9de576d26586cec64b6116"
                 "1ae10b594f09e26a7e902ecbd0600691",
                 "RFC 8439 §2.8.2: ChaCha20-Poly1305 ciphertext || tag");
}

static void aes_256_gcm_test_case_14(void **state)
{
    (void)state;
    static const uint8_t zeros[16] = {0};
    /* GCM spec (McGrew & Viega) Test Case 14: K = 0^256, IV = 0^96, P = 0^128, no AAD */
    known_answer(TLS_SUITE_TLS_AES_256_GCM_SHA384,
                 "0000000000000000000000000000000000000000000000000000000000000000",
                 "000000000000000000000000", "", zeros, sizeof(zeros),
                 "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919",
                 "GCM spec Test Case 14: AES-256-GCM ciphertext || tag");
}

/* Sealing and opening with no keys installed is a caller bug, not a crash. */
static void no_keys_is_internal_error(void **state)
{
    (void)state;
    struct tls_traffic_keys keys;
    uint8_t buf[32] = {0};
    memset(&keys, 0, sizeof(keys));
    assert_int_equal(tls_aead_seal(&keys, 0, buf, 5, buf, 1, buf, NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_aead_open(&keys, 0, buf, 5, buf, 17, buf, NULL), TLS_E_INTERNAL);
    struct tls_error err = {0};
    assert_int_equal(tls_aead_open(&keys, 0, buf, 5, buf, 17, buf, &err), TLS_E_INTERNAL);
    assert_string_equal(err.reason, "RFC 8446 §5.2: no traffic keys installed");
}

/* The suite table (RFC 8446 §B.4). */
static void suites_table(void **state)
{
    (void)state;
    size_t count = 0;
    const struct tls_cipher_suite *all = tls_cipher_suites(&count);
    assert_int_equal(count, 3);
    assert_int_equal(all[0].id, 0x1301); /* the MUST-implement suite first (§9.1) */
    const struct tls_cipher_suite *s = tls_cipher_suite_find(0x1302);
    assert_non_null(s);
    assert_int_equal(s->hash, TLS_HASH_SHA384);
    assert_int_equal(s->key_len, 32);
    assert_string_equal(tls_cipher_suite_find(0x1303)->name, "TLS_CHACHA20_POLY1305_SHA256");
    assert_null(tls_cipher_suite_find(0x1304)); /* CCM not implemented */
    assert_null(tls_cipher_suite_find(0xc02f)); /* a TLS 1.2 suite */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_rfc8448_record_opens_and_reseals),
        cmocka_unit_test(every_damaged_byte_is_bad_record_mac),
        cmocka_unit_test(nonce_is_iv_xor_padded_sequence_number),
        cmocka_unit_test(chacha20_poly1305_rfc8439),
        cmocka_unit_test(aes_256_gcm_test_case_14),
        cmocka_unit_test(no_keys_is_internal_error),
        cmocka_unit_test(suites_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
