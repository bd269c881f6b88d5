/*
 * test_key_schedule.c — the RFC 8446 §7.1 key schedule, §7.3 traffic keys, §4.4.4 Finished,
 * §4.2.11.2 binders and §4.6.1 resumption PSK against every value of RFC 8448 §3-§7.
 *
 * The rows come from tests/unit/support/crypto_rfc8448_table.c: one row per value printed in
 * RFC 8448, each naming its section and line in tests/vectors/rfc/rfc8448.txt. Inputs come
 * from the trace too: the (EC)DHE shared secret is the IKM of 'extract secret "handshake"',
 * transcript hashes are the "hash" of each 'derive secret' step, and the Finished transcripts
 * are hashed here from the handshake messages the trace prints.
 */
#include "support/testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "crypto/hkdf.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "support/crypto_rfc8448_table.h"

#define BIG 4096

/* The assertion message of a row: section, line, step and where its inputs are. */
static const char *row_label(const struct ks_row *row, char *buf, size_t cap)
{
    snprintf(buf, cap, "RFC 8448 §%s line %d: %s (inputs: %s)", row->section, row->line,
             row->what, row->inputs);
    return buf;
}

/* Hash of the transcript of a row: message_hash(ClientHello1) first after an HRR (§4.4.1). */
static void row_transcript_hash(const struct ks_row *row, uint8_t out[TLS_MAX_HASH_LEN])
{
    static uint8_t msgs[BIG];
    size_t n = test_hex(row->input2, msgs, sizeof(msgs));
    struct tls_hash h;
    assert_int_equal(tls_hash_init(&h, TLS_HASH_SHA256, NULL), TLS_OK);
    if (row->prk != NULL) {
        /* RFC 8446 §4.4.1: message_hash(254) || 00 00 Hash.length || Hash(ClientHello1) */
        static uint8_t ch1[BIG];
        size_t ch1_len = test_hex(row->prk, ch1, sizeof(ch1));
        uint8_t mh[4 + 32] = {TLS_HT_message_hash, 0, 0, 32};
        assert_int_equal(tls_hash(TLS_HASH_SHA256, ch1, ch1_len, mh + 4, NULL), TLS_OK);
        assert_int_equal(tls_hash_update(&h, mh, sizeof(mh), NULL), TLS_OK);
    }
    assert_int_equal(tls_hash_update(&h, msgs, n, NULL), TLS_OK);
    assert_int_equal(tls_hash_peek(&h, out, NULL), TLS_OK);
    tls_hash_wipe(&h);
}

/* Computes the value a row checks into got (ks: the section's running schedule); its length. */
static size_t compute_row(const struct ks_row *row, struct tls_key_schedule *ks, const uint8_t *in,
                          size_t in_len, uint8_t *got)
{
    static uint8_t in2[BIG];
    uint8_t prk[64];
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(0x1301); /* all of RFC 8448 */
    struct tls_traffic_keys keys;
    switch (row->kind) {
    case ROW_EARLY_SECRET:
        assert_int_equal(tls_ks_early(ks, TLS_HASH_SHA256, row->input != NULL ? in : NULL, in_len, NULL),
                         TLS_OK);
        memcpy(got, ks->secret, 32);
        return 32;
    case ROW_HANDSHAKE_SECRET:
        assert_int_equal(tls_ks_handshake(ks, in, in_len, NULL), TLS_OK);
        memcpy(got, ks->secret, 32);
        return 32;
    case ROW_MASTER_SECRET:
        assert_int_equal(tls_ks_master(ks, NULL), TLS_OK);
        memcpy(got, ks->secret, 32);
        return 32;
    case ROW_DERIVED:
        test_hex(row->prk, prk, sizeof(prk));
        assert_int_equal(tls_derive_secret(TLS_HASH_SHA256, prk, "derived", in, got, NULL), TLS_OK);
        return 32;
    case ROW_DERIVE:
        if (row->prk != NULL) { /* the schedule is at the secret the RFC derives from */
            size_t n = test_hex(row->prk, prk, sizeof(prk));
            assert_bytes_equal(ks->secret, 32, prk, n, row->what);
        }
        assert_int_equal(tls_ks_derive(ks, row->id, in, got, NULL), TLS_OK);
        return 32;
    case ROW_KEY:
    case ROW_IV:
        assert_int_equal(tls_traffic_keys_derive(suite, in, &keys, NULL), TLS_OK);
        memcpy(got, row->kind == ROW_KEY ? keys.key : keys.iv,
               row->kind == ROW_KEY ? suite->key_len : suite->iv_len);
        return row->kind == ROW_KEY ? suite->key_len : suite->iv_len;
    case ROW_FINISHED_KEY:
        assert_int_equal(tls_finished_key(TLS_HASH_SHA256, in, got, NULL), TLS_OK);
        return 32;
    case ROW_VERIFY_DATA:
        row_transcript_hash(row, in2);
        assert_int_equal(tls_finished_verify_data(TLS_HASH_SHA256, in, in2, got, NULL), TLS_OK);
        return 32;
    case ROW_BINDER_HASH:
        assert_int_equal(tls_hash(TLS_HASH_SHA256, in, in_len, got, NULL), TLS_OK);
        return 32;
    case ROW_RESUMPTION_PSK: {
        size_t nonce_len = test_hex(row->input2, in2, sizeof(in2));
        assert_int_equal(tls_resumption_psk(TLS_HASH_SHA256, in, in2, nonce_len, got, NULL), TLS_OK);
        return 32;
    }
    default:
        fail_msg("unknown row kind %d", (int)row->kind);
        return 0;
    }
}

/* Runs one row and compares with the RFC's value. */
static void run_row(const struct ks_row *row, struct tls_key_schedule *ks)
{
    char what[512];
    static uint8_t in[BIG], want[BIG];
    uint8_t got[64];
    size_t in_len = row->input != NULL ? test_hex(row->input, in, sizeof(in)) : 0;
    size_t want_len = test_hex(row->expected, want, sizeof(want));
    size_t got_len = compute_row(row, ks, in, in_len, got);
    assert_bytes_equal(got, got_len, want, want_len, row_label(row, what, sizeof(what)));
}

/* Every row of one RFC 8448 section, in the trace's order. Returns how many were checked. */
static size_t run_section(const char *section)
{
    struct tls_key_schedule ks;
    size_t n = 0;
    memset(&ks, 0, sizeof(ks));
    for (size_t i = 0; i < ks_rows_count; i++) {
        if (strcmp(ks_rows[i].section, section) == 0) {
            run_row(&ks_rows[i], &ks);
            n++;
        }
    }
    tls_ks_wipe(&ks);
    return n;
}

static void rfc8448_s3_simple_1rtt(void **state)
{
    (void)state;
    /* 3 extracts, 3 "derived", 6 Derive-Secrets, 4 keys + 4 ivs, 2 finished_key + 2 verify_data,
     * resumption PSK: every value RFC 8448 §3 prints for these steps */
    assert_int_equal(run_section("3"), 25);
}

static void rfc8448_s4_resumed_0rtt(void **state)
{
    (void)state;
    assert_int_equal(run_section("4"), 32); /* + binder hash, binder key, binder, 0-RTT keys */
}

static void rfc8448_s5_hello_retry_request(void **state)
{
    (void)state;
    assert_int_equal(run_section("5"), 24);
}

static void rfc8448_s6_client_authentication(void **state)
{
    (void)state;
    assert_int_equal(run_section("6"), 24);
}

static void rfc8448_s7_compatibility_mode(void **state)
{
    (void)state;
    assert_int_equal(run_section("7"), 24);
}

/* The table must hold the values the brief names: binder, early traffic, resumption PSK, ... */
static void table_covers_every_kind(void **state)
{
    (void)state;
    size_t seen[ROW_RESUMPTION_PSK + 1] = {0};
    size_t ids[TLS_SECRET_COUNT] = {0};
    for (size_t i = 0; i < ks_rows_count; i++) {
        seen[ks_rows[i].kind]++;
        if (ks_rows[i].kind == ROW_DERIVE) {
            ids[ks_rows[i].id]++;
        }
    }
    assert_int_equal(ks_rows_count, 129);
    for (size_t k = 0; k <= ROW_RESUMPTION_PSK; k++) {
        assert_true(seen[k] > 0);
    }
    /* every Derive-Secret of TLS_SECRET_LIST but the external binder key has an RFC 8448 value */
    for (size_t id = 0; id < TLS_SECRET_COUNT; id++) {
        if (id != TLS_SECRET_binder_key_ext &&
            tls_secret_info((enum tls_secret_id)id)->kind == TLS_SECRET_KIND_DERIVE) {
            assert_true(ids[id] > 0);
        }
    }
}

/*
 * RFC 8446 §7.2 "traffic upd": RFC 8448 has no KeyUpdate, so there is no published vector.
 * This is a SELF-CONSISTENCY check only: tls_next_traffic_secret() must equal
 * HKDF-Expand-Label(secret, "traffic upd", "", 32) computed by hand from tls_hkdf_expand_label,
 * starting from RFC 8448 §3's client_application_traffic_secret_0 (line 544).
 */
static void traffic_update_is_expand_label(void **state)
{
    (void)state;
    uint8_t secret0[32], by_hand[32], got[32], got2[32], info[64];
    size_t info_len;
    bool found = false;
    for (size_t i = 0; i < ks_rows_count; i++) {
        if (ks_rows[i].line == 544 && strcmp(ks_rows[i].section, "3") == 0) {
            test_hex(ks_rows[i].expected, secret0, sizeof(secret0));
            found = true;
        }
    }
    assert_true(found);
    assert_int_equal(tls_hkdf_expand_label(TLS_HASH_SHA256, secret0, "traffic upd", NULL, 0,
                                           by_hand, 32, NULL),
                     TLS_OK);
    assert_int_equal(tls_next_traffic_secret(TLS_HASH_SHA256, secret0, got, NULL), TLS_OK);
    assert_bytes_equal(got, 32, by_hand, 32,
                       "self-consistency (no RFC 8448 vector): RFC 8446 §7.2 application_traffic_secret_1");
    /* the HkdfLabel is length 32, "tls13 traffic upd", empty context */
    assert_int_equal(tls_hkdf_label("traffic upd", NULL, 0, 32, info, sizeof(info), &info_len, NULL),
                     TLS_OK);
    uint8_t want_info[64];
    size_t want_len = test_hex("0020 11 746c7331332074726166666963207570 64 00", want_info,
                               sizeof(want_info));
    assert_bytes_equal(info, info_len, want_info, want_len,
                       "RFC 8446 §7.1 HkdfLabel for \"traffic upd\" (by hand)");
    /* a second update moves on again and is not the identity */
    assert_int_equal(tls_next_traffic_secret(TLS_HASH_SHA256, got, got2, NULL), TLS_OK);
    assert_memory_not_equal(got, got2, 32);
    assert_memory_not_equal(got, secret0, 32);
}

/* tls_ks_derive refuses a label of another stage; stages cannot be skipped or repeated. */
static void stages_are_enforced(void **state)
{
    (void)state;
    struct tls_key_schedule ks;
    struct tls_error err = {0};
    uint8_t hash[32] = {0}, out[32], shared[32] = {1};
    memset(&ks, 0, sizeof(ks));
    /* nothing before the Early Secret */
    assert_int_equal(tls_ks_handshake(&ks, shared, 32, NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_ks_master(&ks, NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_binder_key_res, hash, out, NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_ks_early(&ks, TLS_HASH_SHA256, NULL, 0, NULL), TLS_OK);
    /* at Early: handshake and master labels are refused, with a reason */
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_client_handshake_traffic_secret, hash,
                                           out, &err),
                     TLS_E_INTERNAL);
    assert_non_null(err.reason);
    assert_non_null(strstr(err.reason, "§7.1"));
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_resumption_master_secret, hash, out, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_ks_master(&ks, NULL), TLS_E_INTERNAL); /* cannot skip Handshake */
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_client_early_traffic_secret, hash, out, NULL), TLS_OK);
    assert_int_equal(tls_ks_handshake(&ks, shared, 32, NULL), TLS_OK);
    /* at Handshake: early labels are gone (the Early Secret was overwritten) */
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_client_early_traffic_secret, hash, out, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_exporter_master_secret, hash, out, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_ks_handshake(&ks, shared, 32, NULL), TLS_E_INTERNAL); /* not twice */
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_server_handshake_traffic_secret, hash, out, NULL),
                     TLS_OK);
    assert_int_equal(tls_ks_master(&ks, NULL), TLS_OK);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_server_handshake_traffic_secret, hash, out, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_exporter_master_secret, hash, out, NULL), TLS_OK);
    tls_ks_wipe(&ks);
    assert_int_equal(ks.stage, TLS_KS_NONE);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_exporter_master_secret, hash, out, NULL),
                     TLS_E_INTERNAL);
}

/* The one table of labels: NSS names resolve to the right rows; ids index the table. */
static void secret_table_lookups(void **state)
{
    (void)state;
    const struct tls_secret_info *info =
        tls_secret_info_by_nss_label("CLIENT_HANDSHAKE_TRAFFIC_SECRET");
    assert_non_null(info);
    assert_int_equal(info->id, TLS_SECRET_client_handshake_traffic_secret);
    assert_int_equal(info->stage, TLS_KS_HANDSHAKE);
    assert_string_equal(info->label, "c hs traffic");
    assert_string_equal(info->name, "client_handshake_traffic_secret");
    assert_non_null(tls_secret_info_by_nss_label("SERVER_TRAFFIC_SECRET_0"));
    assert_null(tls_secret_info_by_nss_label("CLIENT_RANDOM"));
    assert_null(tls_secret_info_by_nss_label(""));
    for (int id = 0; id < TLS_SECRET_COUNT; id++) {
        assert_int_equal(tls_secret_info((enum tls_secret_id)id)->id, id);
    }
    assert_null(tls_secret_info(TLS_SECRET_COUNT));
}

/*
 * Every secret has one row, one name: the row says its kind, label, transcript span and RFC
 * section. Spans are RFC 8446 §7.1's Messages arguments; labels its Derive-Secret labels, §7.2's
 * "traffic upd" and §4.6.1's "resumption".
 */
static void secret_table_names_every_secret_once(void **state)
{
    (void)state;
    for (int i = 0; i < TLS_SECRET_COUNT; i++) {
        const struct tls_secret_info *a = tls_secret_info((enum tls_secret_id)i);
        assert_non_null(a->name);
        assert_non_null(a->section);
        assert_true(a->section[0] != '\0');
        if (a->kind == TLS_SECRET_KIND_DERIVE) {
            assert_non_null(a->label);
            assert_non_null(a->span);
        }
        for (int j = i + 1; j < TLS_SECRET_COUNT; j++) {
            const struct tls_secret_info *b = tls_secret_info((enum tls_secret_id)j);
            assert_string_not_equal(a->name, b->name);
            if (a->nss_label != NULL && b->nss_label != NULL) {
                assert_string_not_equal(a->nss_label, b->nss_label);
            }
        }
    }
    /* RFC 8446 §7.1 */
    assert_string_equal(tls_secret_info(TLS_SECRET_client_handshake_traffic_secret)->span,
                        "ClientHello...ServerHello");
    assert_string_equal(tls_secret_info(TLS_SECRET_resumption_master_secret)->span,
                        "ClientHello...client Finished");
    assert_string_equal(tls_secret_info(TLS_SECRET_exporter_master_secret)->span,
                        "ClientHello...server Finished");
    assert_string_equal(tls_secret_info(TLS_SECRET_client_early_traffic_secret)->span, "ClientHello");
    assert_int_equal(tls_secret_info(TLS_SECRET_early_secret)->kind, TLS_SECRET_KIND_EXTRACT);
    assert_int_equal(tls_secret_info(TLS_SECRET_handshake_secret)->kind, TLS_SECRET_KIND_EXTRACT);
    assert_int_equal(tls_secret_info(TLS_SECRET_master_secret)->kind, TLS_SECRET_KIND_EXTRACT);
    assert_int_equal(tls_secret_info(TLS_SECRET_ecdhe_shared_secret)->kind, TLS_SECRET_KIND_INPUT);
    /* RFC 8446 §7.2, §4.6.1 */
    assert_string_equal(tls_secret_info(TLS_SECRET_client_application_traffic_secret_N)->label,
                        "traffic upd");
    assert_string_equal(tls_secret_info(TLS_SECRET_resumption_psk)->label, "resumption");
    assert_string_equal(tls_secret_info(TLS_SECRET_resumption_psk)->section, "§4.6.1");
    /* Only Derive-Secret rows are computed by tls_ks_derive(), even at their stage. */
    struct tls_key_schedule ks;
    struct tls_error err = {0};
    uint8_t hash[32] = {0}, out[32];
    memset(&ks, 0, sizeof(ks));
    assert_int_equal(tls_ks_early(&ks, TLS_HASH_SHA256, NULL, 0, NULL), TLS_OK);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_early_secret, hash, out, &err), TLS_E_INTERNAL);
    assert_string_equal(err.reason, "RFC 8446 §7.1: not a Derive-Secret output of the key schedule");
    tls_ks_wipe(&ks);
}

/* RFC 8446 §7.5 exporter: self-consistency with Derive-Secret + HKDF-Expand-Label by hand. */
static void exporter_matches_definition(void **state)
{
    (void)state;
    uint8_t ems[32], empty[32], ctx_hash[32], tmp[32], want[20], got[20];
    test_hex("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50", ems, 32);
    assert_int_equal(tls_hash(TLS_HASH_SHA256, NULL, 0, empty, NULL), TLS_OK);
    assert_int_equal(tls_hash(TLS_HASH_SHA256, (const uint8_t *)"ctx", 3, ctx_hash, NULL), TLS_OK);
    assert_int_equal(tls_derive_secret(TLS_HASH_SHA256, ems, "EXPORTER-test", empty, tmp, NULL), TLS_OK);
    assert_int_equal(tls_hkdf_expand_label(TLS_HASH_SHA256, tmp, "exporter", ctx_hash, 32, want,
                                           sizeof(want), NULL),
                     TLS_OK);
    assert_int_equal(tls_exporter(TLS_HASH_SHA256, ems, "EXPORTER-test", (const uint8_t *)"ctx", 3,
                                  got, sizeof(got), NULL),
                     TLS_OK);
    assert_bytes_equal(got, sizeof(got), want, sizeof(want),
                       "self-consistency: RFC 8446 §7.5 TLS-Exporter from RFC 8448 §3 line 582");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc8448_s3_simple_1rtt),
        cmocka_unit_test(rfc8448_s4_resumed_0rtt),
        cmocka_unit_test(rfc8448_s5_hello_retry_request),
        cmocka_unit_test(rfc8448_s6_client_authentication),
        cmocka_unit_test(rfc8448_s7_compatibility_mode),
        cmocka_unit_test(table_covers_every_kind),
        cmocka_unit_test(traffic_update_is_expand_label),
        cmocka_unit_test(stages_are_enforced),
        cmocka_unit_test(secret_table_lookups),
        cmocka_unit_test(secret_table_names_every_secret_once),
        cmocka_unit_test(exporter_matches_definition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
