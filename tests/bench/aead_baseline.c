/*
 * aead_baseline.c — the raw AES-128-GCM decrypt throughput of mbedtls on this machine: the
 * ceiling for `tls13 decode` on a keyed capture, measured in the same benchmark run
 * (tests/bench/README.md).
 *
 *   aead_baseline TOTAL_BYTES [RECORD_BYTES [hot | cold | file PATH]]
 *                                          (defaults: 16384, the §5.1 maximum, and hot)
 *
 * One key is set up once; one record of RECORD_BYTES + 1 (TLSInnerPlaintext type) is sealed.
 * Records are then opened until TOTAL_BYTES of records (header, ciphertext, tag) were opened,
 * each call with its tag check, as a decoder must. Prints "bytes cpu_seconds" (user + system,
 * getrusage, of the opening loop only). No TLS, no parsing, no copies.
 *
 * hot: the one sealed record is opened again and again: its bytes stay in L1/L2. What is left
 *      once everything else is free, including getting the bytes from memory.
 * cold: the sealed record is first laid out again and again, header || ciphertext || tag, in a
 *      buffer of TOTAL_BYTES (set up before the clock starts), and each copy is opened once, in
 *      order, as a decoder meets a capture's records: every ciphertext byte is read once from
 *      beyond L2, as a capture's bytes are. (All copies hold the same bytes and nonce; what the
 *      caches do does not depend on the contents.) Still no file, no system call, no copy.
 * file: the same records are written to PATH first (so that they are in the page cache, as a
 *      capture that was just written or read is), then the clock starts: PATH is read with
 *      read(2) in pieces of 16 whole records (about 256 KiB, the decoder's stdio buffer) and
 *      each record is opened where it lies in that buffer. What any decoder of a capture file
 *      must do at least: get the bytes from the file once, and open them. PATH is removed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <mbedtls/gcm.h>

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

#define FILE_PIECE 16 /* records per read(2) in file mode */

#define TAG_LEN 16

/* n copies of one sealed record, header || ciphertext (len bytes) || tag, one after the other. */
static unsigned char *lay_out(size_t n, const unsigned char hdr[5], const unsigned char *cipher,
                              size_t len, const unsigned char tag[TAG_LEN])
{
    size_t step = 5 + len + TAG_LEN;
    unsigned char *buf = malloc(n * step);
    if (buf == NULL) {
        fprintf(stderr, "aead_baseline: out of memory for %zu records\n", n);
        exit(1);
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(buf + i * step, hdr, 5);
        memcpy(buf + i * step + 5, cipher, len);
        memcpy(buf + i * step + 5 + len, tag, TAG_LEN);
    }
    return buf;
}

static int usage(void)
{
    fprintf(stderr, "usage: aead_baseline TOTAL_BYTES [RECORD_BYTES [hot | cold | file PATH]]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 5) {
        return usage();
    }
    const char *mode = argc >= 4 ? argv[3] : "hot";
    const char *path = NULL;
    if (strcmp(mode, "file") == 0 && argc == 5) {
        path = argv[4];
    } else if (argc == 5 || (strcmp(mode, "hot") != 0 && strcmp(mode, "cold") != 0)) {
        return usage();
    }
    unsigned long long total = strtoull(argv[1], NULL, 10);
    size_t record = argc >= 3 ? strtoul(argv[2], NULL, 10) : 16384;
    if (record == 0 || record > 16384) {
        fprintf(stderr, "aead_baseline: RECORD_BYTES must be 1..16384\n");
        return 2;
    }
    static unsigned char plain[16385], cipher[16385], out[16385];
    unsigned char key[16] = {1}, iv[12] = {2}, aad[5] = {23, 3, 3, 0, 0}, tag[TAG_LEN];
    size_t len = record + 1;
    memset(plain, 'x', len);
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    if (mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 128) != 0 ||
        mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, len, iv, sizeof iv, aad, sizeof aad,
                                  plain, cipher, sizeof tag, tag) != 0) {
        fprintf(stderr, "aead_baseline: mbedtls GCM setup failed\n");
        return 1;
    }
    unsigned long long done = 0;
    double start, cpu;
    if (strcmp(mode, "hot") == 0) {
        start = cpu_seconds();
        while (done < total) {
            if (mbedtls_gcm_auth_decrypt(&gcm, len, iv, sizeof iv, aad, sizeof aad, tag,
                                         sizeof tag, cipher, out) != 0) {
                fprintf(stderr, "aead_baseline: the record does not open\n");
                return 1;
            }
            done += 5 + len + sizeof tag;
        }
        cpu = cpu_seconds() - start;
    } else {
        size_t step = 5 + len + sizeof tag;
        size_t n = (size_t)((total + step - 1) / step); /* as many records as hot opens */
        size_t per_read = strcmp(mode, "cold") == 0 ? n : FILE_PIECE;
        unsigned char *buf = lay_out(per_read < n ? per_read : n, aad, cipher, len, tag);
        int fd = -1;
        if (path != NULL) {
            fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
            for (size_t i = 0; fd >= 0 && i < n; i += per_read) {
                size_t k = n - i < per_read ? n - i : per_read;
                if (write(fd, buf, k * step) != (ssize_t)(k * step)) {
                    close(fd);
                    fd = -1;
                }
            }
            if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0) {
                fprintf(stderr, "aead_baseline: cannot write %s\n", path);
                return 1;
            }
        }
        start = cpu_seconds();
        for (size_t i = 0; i < n; i += per_read) {
            size_t k = n - i < per_read ? n - i : per_read;
            for (size_t got = 0; fd >= 0 && got < k * step;) {
                ssize_t m = read(fd, buf + got, k * step - got);
                if (m <= 0) {
                    fprintf(stderr, "aead_baseline: cannot read %s back\n", path);
                    return 1;
                }
                got += (size_t)m;
            }
            for (size_t j = 0; j < k; j++) {
                const unsigned char *r = buf + j * step;
                if (mbedtls_gcm_auth_decrypt(&gcm, len, iv, sizeof iv, r, 5, r + 5 + len, TAG_LEN,
                                             r + 5, out) != 0) {
                    fprintf(stderr, "aead_baseline: record %zu does not open\n", i + j);
                    return 1;
                }
                done += step;
            }
        }
        cpu = cpu_seconds() - start;
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        free(buf);
    }
    mbedtls_gcm_free(&gcm);
    printf("%llu %.3f\n", done, cpu);
    return 0;
}
