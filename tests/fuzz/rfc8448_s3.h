/* rfc8448_s3.h — RFC 8448 §3 values the harnesses share (see rfc8448_s3.c). */
#ifndef TLS13_TESTS_FUZZ_RFC8448_S3_H
#define TLS13_TESTS_FUZZ_RFC8448_S3_H

#include <stdint.h>

extern const uint8_t rfc8448_s3_client_hello[196];
extern const uint8_t rfc8448_s3_client_private_key[32];
extern const uint8_t rfc8448_s3_server_hello_record[95];
extern const uint8_t rfc8448_s3_server_handshake_key[16];
extern const uint8_t rfc8448_s3_server_handshake_iv[12];
extern const uint8_t rfc8448_s3_server_application_key[16];
extern const uint8_t rfc8448_s3_server_application_iv[12];

#endif
