/* record_vectors_keys.c — RFC 8448 traffic keys for the record tests (see record_vectors.h).
 * A file of its own so that tests not using keys do not link the crypto suite table. */
#include "support/record_vectors.h"

#include "support/testutil.h"

#include <string.h>

#include "crypto/suite.h"

void record_vector_keys(const char *json, const char *step, struct tls_traffic_keys *keys)
{
    struct record_vector key, iv;
    record_vector_load(json, step, "key expanded", 0, &key);
    record_vector_load(json, step, "iv expanded", 0, &iv);
    memset(keys, 0, sizeof(*keys));
    /* RFC 8448 §3 negotiates TLS_AES_128_GCM_SHA256 (cipher suite 0x1301 in the ServerHello). */
    keys->suite = tls_cipher_suite_find(0x1301);
    assert_non_null(keys->suite);
    assert_int_equal(key.len, keys->suite->key_len);
    assert_int_equal(iv.len, TLS_IV_LEN);
    memcpy(keys->key, key.bytes, key.len);
    memcpy(keys->iv, iv.bytes, iv.len);
}
