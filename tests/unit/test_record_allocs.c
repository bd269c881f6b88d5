/*
 * test_record_allocs.c — sealing and opening records allocates nothing (RFC 8446 §5.2 record
 * protection; STYLE.md "no heap per record anywhere on the record path"; issue 8).
 *
 * Every heap allocation of the process is counted: in a sanitizer build through the sanitizer's
 * malloc/free hooks, otherwise by defining malloc/calloc/realloc/free here, which the dynamic
 * linker binds ahead of the C library's for every library, Mbed TLS included; they count and
 * call glibc's own __libc_* functions. What is shown:
 *
 * Under valgrind, which puts its own malloc in front of everything, nothing can be counted: the
 * tests then skip, saying so (the sanitizer build that ctest runs does count).
 *
 *   - the counter sees Mbed TLS allocate: a one-shot AES-GCM seal (the AES context) counts >= 1,
 *     so the zeros below are measured, not missed;
 *   - installing a key costs at most one allocation (AES-GCM: the AES context; ChaCha20-
 *     Poly1305: none), and replacing or wiping it gives that back;
 *   - 64 records of 1 KiB and 64 of 16 KiB, each sealed by tls_record_write() and opened by
 *     tls_record_unprotect(), under every suite: 0 allocations.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"

#include "common/names.h"
#include "common/writer.h"
#include "crypto/aead.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "record/protect.h"
#include "record/record.h"

static volatile size_t allocs; /* malloc, calloc, realloc calls */
static volatile size_t frees;  /* free calls with a non-NULL pointer */

#if defined(__SANITIZE_ADDRESS__)
#define COUNT_WITH_SANITIZER_HOOKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COUNT_WITH_SANITIZER_HOOKS 1
#endif
#endif

#ifdef COUNT_WITH_SANITIZER_HOOKS
/* compiler-rt's sanitizer/allocator_interface.h (gcc 12 does not install the header). */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));

static void on_malloc(const volatile void *p, size_t n)
{
    (void)p;
    (void)n;
    allocs = allocs + 1;
}

static void on_free(const volatile void *p)
{
    if (p != NULL) {
        frees = frees + 1;
    }
}

static void start_counting(void)
{
    __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}
#else
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t count, size_t n);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

void *malloc(size_t n)
{
    allocs = allocs + 1;
    return __libc_malloc(n);
}

void *calloc(size_t count, size_t n)
{
    allocs = allocs + 1;
    return __libc_calloc(count, n);
}

void *realloc(void *p, size_t n)
{
    allocs = allocs + 1;
    return __libc_realloc(p, n);
}

void free(void *p)
{
    if (p != NULL) {
        frees = frees + 1;
    }
    __libc_free(p);
}

static void start_counting(void)
{
}
#endif

static bool counting; /* the probe in main() saw its own malloc counted */

static void skip_unless_counting(void)
{
    if (!counting) {
        print_message("malloc calls cannot be counted here (valgrind?): skipped\n");
        skip();
    }
}

static const uint16_t suites[] = {0x1301, 0x1302, 0x1303};
#define RECORDS 64

static uint8_t wire[TLS_MAX_RECORD_LEN + 64];
static uint8_t content[TLS_MAX_PLAINTEXT_LEN];

/* Traffic keys of the suite from a made-up traffic secret (the value does not matter here). */
static void make_keys(uint16_t suite_id, uint8_t fill, struct tls_traffic_keys *keys)
{
    uint8_t secret[TLS_MAX_HASH_LEN];
    memset(secret, fill, sizeof(secret));
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(suite_id);
    assert_non_null(suite);
    assert_int_equal(tls_traffic_keys_derive(suite, secret, keys, NULL), TLS_OK);
}

static void counter_sees_mbedtls(void **state)
{
    (void)state;
    skip_unless_counting();
    struct tls_traffic_keys keys;
    make_keys(0x1301, 0x11, &keys);
    uint8_t buf[64] = {0};
    size_t before = allocs;
    assert_int_equal(tls_aead_seal(&keys, 0, buf, 5, buf, 16, buf, NULL), TLS_OK);
    /* mbedtls_cipher_setup() allocates the AES context of a fresh GCM key */
    assert_true(allocs - before >= 1);
    tls_traffic_keys_wipe(&keys);
}

/* Seals one record of len bytes with tx and opens it with rx; checks the content came back. */
static void one_record(struct tls_record_direction *tx, struct tls_record_rx *rx, size_t len)
{
    struct tls_writer w;
    tls_writer_init(&w, wire, sizeof(wire));
    assert_int_equal(tls_record_write(tx, TLS_CT_application_data, content, len, 0, &w, NULL),
                     TLS_OK);
    struct tls_record rec;
    size_t need = 0;
    assert_int_equal(tls_record_deframe(wire, w.len, true, &rec, &need, NULL), TLS_OK);
    struct tls_plaintext pt;
    assert_int_equal(tls_record_unprotect(rx, &rec, wire + TLS_RECORD_HEADER_LEN,
                                          w.len - TLS_RECORD_HEADER_LEN, &pt, NULL),
                     TLS_OK);
    assert_int_equal(pt.type, TLS_CT_application_data);
    assert_int_equal(pt.length, len);
    assert_true(memcmp(pt.content, content, len) == 0);
}

static void records_allocate_nothing(void **state)
{
    (void)state;
    skip_unless_counting();
    for (size_t i = 0; i < sizeof(content); i++) {
        content[i] = (uint8_t)(i * 7 + 1);
    }
    for (size_t s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
        bool gcm = suites[s] != 0x1303;
        size_t allocs0 = allocs, frees0 = frees;
        struct tls_traffic_keys keys, keys_rx;
        make_keys(suites[s], 0x22, &keys);
        keys_rx = keys;
        struct tls_record_direction tx;
        struct tls_record_rx rx;
        tls_record_direction_init(&tx);
        tls_record_rx_init(&rx);

        /* installing: at most one allocation per key (AES-GCM's AES context) */
        size_t before = allocs;
        tls_record_direction_install_keys(&tx, &keys, NULL);
        tls_record_direction_install_keys(&rx.dir, &keys_rx, NULL);
        size_t counted = allocs - before;
        print_message("%s: installing two keys: %zu allocation(s)\n",
                      tls_cipher_suite_find(suites[s])->name, counted);
        assert_int_equal(counted, gcm ? 2 : 0);

        /* the record path: nothing */
        const size_t sizes[] = {1024, TLS_MAX_PLAINTEXT_LEN};
        for (size_t z = 0; z < 2; z++) {
            before = allocs;
            for (int r = 0; r < RECORDS; r++) {
                one_record(&tx, &rx, sizes[z]);
            }
            counted = allocs - before;
            print_message("%s: %d records of %zu bytes sealed and opened: %zu allocation(s)\n",
                          tls_cipher_suite_find(suites[s])->name, RECORDS, sizes[z], counted);
            assert_int_equal(counted, 0);
        }

        /* a key change (KeyUpdate, §4.6.3) frees the old key's context and keys the new one */
        make_keys(suites[s], 0x33, &keys);
        keys_rx = keys;
        before = allocs;
        size_t frees_before = frees;
        tls_record_direction_install_keys(&tx, &keys, NULL);
        tls_record_direction_install_keys(&rx.dir, &keys_rx, NULL);
        assert_int_equal(allocs - before, gcm ? 2 : 0);
        assert_int_equal(frees - frees_before, gcm ? 2 : 0);
        before = allocs;
        one_record(&tx, &rx, 1024);
        assert_int_equal(allocs - before, 0);

        /* wiping gives back everything this suite's keys took */
        tls_record_direction_wipe(&tx);
        tls_record_direction_wipe(&rx.dir);
        assert_int_equal(allocs - allocs0, frees - frees0);
    }
}

int main(void)
{
    /* stdio allocates stdout's buffer at its first use, and never frees it: get that done */
    print_message("counting heap allocations around the record layer\n");
    start_counting();
    /* probe: is a malloc call counted at all? (a volatile pointer: the pair is not optimized out) */
    void *(*volatile probe)(size_t) = malloc;
    size_t before = allocs;
    free(probe(16));
    counting = allocs - before == 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counter_sees_mbedtls),
        cmocka_unit_test(records_allocate_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
