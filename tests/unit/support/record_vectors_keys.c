/* record_vectors_keys.c — RFC 8448 traffic keys, and hand-made protected records, for the
 * record tests (see record_vectors.h). A file of its own so that tests that use no keys do not
 * link the crypto layer. */
#include "support/record_vectors.h"

#include "support/testutil.h"

#include <string.h>

#include "crypto/aead.h"
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

size_t record_seal_raw(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *inner,
                       size_t inner_len, uint8_t *out, size_t cap)
{
    size_t ciphertext_len = inner_len + TLS_AEAD_TAG_LEN;
    assert_true(5 + ciphertext_len <= cap);
    assert_true(ciphertext_len <= 0xffff);
    out[0] = 0x17; /* opaque_type = application_data */
    out[1] = 0x03;
    out[2] = 0x03;
    out[3] = (uint8_t)(ciphertext_len >> 8);
    out[4] = (uint8_t)ciphertext_len;
    if (inner_len > 0) {
        memmove(out + 5, inner, inner_len);
    }
    assert_int_equal(tls_aead_seal(keys, seq, out, 5, out + 5, inner_len, out + 5, NULL), 0);
    return 5 + ciphertext_len;
}
