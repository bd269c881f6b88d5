/*
 * standalone_main.c — runs a fuzz harness without libFuzzer, on every ctest run.
 *
 *     fuzz_<target> CORPUS_DIR [MUTATIONS [CUTS]]
 *
 * For every file of CORPUS_DIR (in name order) it calls LLVMFuzzerTestOneInput on:
 *   1. the file itself,
 *   2. its prefixes: a truncation at every length (STYLE.md's first negative test), or for a seed
 *      longer than CUTS (default 512) bytes at CUTS evenly spaced lengths,
 *   3. its share of MUTATIONS (default 2000 per target) pseudo-random mutants: bit flips, byte
 *      overwrites, truncations, insertions, deletions, duplicated ranges, +-1 on a 16-bit length
 *      field, and splices with another seed; one to four of them stacked.
 * The generator has a fixed seed, so every run feeds exactly the same inputs: a failure here is
 * reproducible by running the same command, and on a crash (abort, SIGSEGV: what the sanitizers
 * and FUZZ_CHECK end with) the input being run is written to <program>.input in the working
 * directory, ready to be added to the corpus as a regression seed. Every input lives in its own heap buffer
 * of exactly its size, so AddressSanitizer and valgrind see any read past its end.
 *
 * This is not a fuzzer (nothing is learned from coverage); it keeps the harnesses compiling and
 * runs them under the test build's sanitizers. The real fuzzing is scripts/fuzz.sh.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#define MAX_SEEDS 256
#define MAX_INPUT (1u << 17)

struct seed {
    uint8_t *data;
    size_t len;
};

/* xorshift64*: small, fixed, the same on every platform. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1du;
}

/* Uniform enough in [0, n); n > 0. */
static size_t below(size_t n)
{
    return (size_t)(rnd() % n);
}

/* The input being run, and where a crash writes it: "<program>.input". */
static char input_path[4096] = "fuzz.input";
static const uint8_t *current;
static size_t current_len;

/* On a fatal signal: keep the input (only async-signal-safe calls), then die of the signal. */
static void save_input(int sig)
{
    int fd = open(input_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ssize_t ignored = write(fd, current, current_len);
        (void)ignored;
        close(fd);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void run_one(const uint8_t *data, size_t len)
{
    /* An exact-size copy: one byte past the end is outside the allocation. */
    uint8_t *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL) {
        abort();
    }
    if (len > 0) {
        memcpy(copy, data, len);
    }
    current = data;
    current_len = len;
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
}

/* Inserts k bytes at `at` (from src, or random when src is NULL) if they fit. */
static void insert_bytes(uint8_t *buf, size_t *len, size_t at, const uint8_t *src, size_t k)
{
    if (*len + k > MAX_INPUT) {
        return;
    }
    memmove(buf + at + k, buf + at, *len - at);
    for (size_t i = 0; i < k; i++) {
        buf[at + i] = src != NULL ? src[i] : (uint8_t)rnd();
    }
    *len += k;
}

/* One mutation of buf[0..*len) (capacity MAX_INPUT) in place. */
static void mutate_once(uint8_t *buf, size_t *len, const struct seed *seeds, size_t nseeds)
{
    static const uint8_t interesting[] = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
    size_t n = *len;
    switch (below(9)) {
    case 0: /* flip one bit */
        if (n > 0) {
            buf[below(n)] ^= (uint8_t)(1u << below(8));
        }
        break;
    case 1: /* overwrite a byte */
        if (n > 0) {
            buf[below(n)] = (uint8_t)rnd();
        }
        break;
    case 2: /* a boundary value */
        if (n > 0) {
            buf[below(n)] = interesting[below(sizeof(interesting))];
        }
        break;
    case 3: /* truncate */
        *len = below(n + 1);
        break;
    case 4: /* insert 1..16 random bytes */
        insert_bytes(buf, len, below(n + 1), NULL, 1 + below(16));
        break;
    case 5: /* delete a range */
        if (n > 0) {
            size_t at = below(n), k = 1 + below(n - at);
            memmove(buf + at, buf + at + k, n - at - k);
            *len = n - k;
        }
        break;
    case 6: /* duplicate a range somewhere else */
        if (n > 0) {
            uint8_t tmp[64];
            size_t from = below(n), k = 1 + below(n - from < 64 ? n - from : 64);
            memcpy(tmp, buf + from, k);
            insert_bytes(buf, len, below(n + 1), tmp, k);
        }
        break;
    case 7: /* +-1 on a big-endian 16-bit field: the length prefixes */
        if (n >= 2) {
            size_t at = below(n - 1);
            unsigned v = ((unsigned)buf[at] << 8 | buf[at + 1]) + (below(2) ? 1u : 0xffffu);
            buf[at] = (uint8_t)(v >> 8);
            buf[at + 1] = (uint8_t)v;
        }
        break;
    case 8: { /* splice: keep a prefix, continue with another seed's suffix */
        const struct seed *o = &seeds[below(nseeds)];
        size_t keep = below(n + 1), from = below(o->len + 1), k = o->len - from;
        if (keep + k <= MAX_INPUT) {
            memcpy(buf + keep, o->data + from, k);
            *len = keep + k;
        }
        break;
    }
    default:
        break;
    }
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    uint8_t *buf = malloc(MAX_INPUT);
    size_t n = buf != NULL ? fread(buf, 1, MAX_INPUT, f) : 0;
    fclose(f);
    *len = n;
    return buf;
}

/* Loads every regular file of dir, in name order. Returns how many. */
static size_t load_corpus(const char *dir, struct seed *seeds)
{
    struct dirent **names;
    int count = scandir(dir, &names, NULL, alphasort);
    if (count < 0) {
        fprintf(stderr, "cannot read corpus directory %s\n", dir);
        exit(2);
    }
    size_t n = 0;
    for (int i = 0; i < count; i++) {
        char path[4096];
        if (names[i]->d_name[0] != '.' && n < MAX_SEEDS &&
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) < (int)sizeof(path)) {
            seeds[n].data = read_file(path, &seeds[n].len);
            if (seeds[n].data != NULL) {
                n++;
            }
        }
        free(names[i]);
    }
    free(names);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS [CUTS]]\n", argv[0]);
        return 2;
    }
    const char *base = strrchr(argv[0], '/');
    snprintf(input_path, sizeof(input_path), "%s.input", base != NULL ? base + 1 : argv[0]);
    signal(SIGABRT, save_input);
    signal(SIGSEGV, save_input);
    signal(SIGBUS, save_input);
    signal(SIGFPE, save_input);
    signal(SIGILL, save_input);
    unsigned long total = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000;
    unsigned long cuts = argc > 3 ? strtoul(argv[3], NULL, 10) : 512;
    if (cuts == 0) {
        cuts = 1;
    }
    static struct seed seeds[MAX_SEEDS];
    size_t nseeds = load_corpus(argv[1], seeds);
    if (nseeds == 0) {
        fprintf(stderr, "no seeds in %s\n", argv[1]);
        return 2;
    }
    unsigned long per_seed = (total + nseeds - 1) / nseeds, runs = 0;
    uint8_t *buf = malloc(MAX_INPUT);
    if (buf == NULL) {
        return 2;
    }
    for (size_t s = 0; s < nseeds; s++) {
        size_t stride = seeds[s].len / cuts + 1;
        for (size_t cut = 0; cut <= seeds[s].len; cut += stride) {
            run_one(seeds[s].data, cut);
            runs++;
        }
        for (unsigned long m = 0; m < per_seed; m++) {
            size_t len = seeds[s].len;
            memcpy(buf, seeds[s].data, len);
            for (size_t k = 1 + below(4); k > 0; k--) {
                mutate_once(buf, &len, seeds, nseeds);
            }
            run_one(buf, len);
            runs++;
        }
    }
    for (size_t s = 0; s < nseeds; s++) {
        free(seeds[s].data);
    }
    free(buf);
    printf("%s: %zu seeds, %lu inputs, no failure\n", argv[0], nseeds, runs);
    return 0;
}
