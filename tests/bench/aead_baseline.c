/*
 * aead_baseline.c — the raw AES-128-GCM decrypt throughput of mbedtls on this machine: the
 * ceiling for `tls13 decode` on a keyed capture, measured in the same benchmark run
 * (tests/bench/README.md).
 *
 *   aead_baseline TOTAL_BYTES [RECORD_BYTES]     (default record: 16384, the §5.1 maximum)
 *
 * One key is set up once; one record of RECORD_BYTES + 1 (TLSInnerPlaintext type) is sealed, then
 * opened again and again until TOTAL_BYTES of ciphertext were opened, each call with its tag
 * check, as a decoder must. Prints "bytes cpu_seconds" (user + system, getrusage). No TLS, no
 * parsing, no copies: what is left once everything else is free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <mbedtls/gcm.h>

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: aead_baseline TOTAL_BYTES [RECORD_BYTES]\n");
        return 2;
    }
    unsigned long long total = strtoull(argv[1], NULL, 10);
    size_t record = argc == 3 ? strtoul(argv[2], NULL, 10) : 16384;
    if (record == 0 || record > 16384) {
        fprintf(stderr, "aead_baseline: RECORD_BYTES must be 1..16384\n");
        return 2;
    }
    static unsigned char plain[16385], cipher[16385], out[16385];
    unsigned char key[16] = {1}, iv[12] = {2}, aad[5] = {23, 3, 3, 0, 0}, tag[16];
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
    double start = cpu_seconds();
    while (done < total) {
        if (mbedtls_gcm_auth_decrypt(&gcm, len, iv, sizeof iv, aad, sizeof aad, tag, sizeof tag,
                                     cipher, out) != 0) {
            fprintf(stderr, "aead_baseline: the record does not open\n");
            return 1;
        }
        done += 5 + len + sizeof tag;
    }
    double cpu = cpu_seconds() - start;
    mbedtls_gcm_free(&gcm);
    printf("%llu %.3f\n", done, cpu);
    return 0;
}
