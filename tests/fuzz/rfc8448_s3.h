/* rfc8448_s3.h — RFC 8448 §3's ClientHello and client key share (see rfc8448_s3.c). */
#ifndef TLS13_TESTS_FUZZ_RFC8448_S3_H
#define TLS13_TESTS_FUZZ_RFC8448_S3_H

#include <stdint.h>

extern const uint8_t rfc8448_s3_client_hello[196];
extern const uint8_t rfc8448_s3_client_private_key[32];

#endif
