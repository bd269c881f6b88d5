/* util.c — wiping secrets and comparing MACs in constant time (see util.h). */
#include "crypto/util.h"

#include <mbedtls/platform_util.h>

void tls_wipe(void *p, size_t n)
{
    mbedtls_platform_zeroize(p, n);
}

bool tls_ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t diff = 0;
    for (size_t i = 0; i < n; i++) {
        diff |= (uint8_t)(a[i] ^ b[i]);
    }
    return diff == 0;
}
