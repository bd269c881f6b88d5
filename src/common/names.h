/*
 * names.h — IANA code points and their names, each list written once.
 *
 * Each list below is an X-macro: X(name, value). From it come the C enum (TLS_HT_client_hello
 * = 1) and the name table the --explain trace, the decoder and the CLI print from. Names are
 * spelled as in RFC 8446 and the IANA TLS registries, so output can be grepped against the RFC.
 * TLS 1.2 code points appear too: the decoder explains TLS 1.2 captures (Schannel habits).
 */
#ifndef TLS13_COMMON_NAMES_H
#define TLS13_COMMON_NAMES_H

#include <stdbool.h>
#include <stdint.h>

/* RFC 8446 §5.1: enum { ... } ContentType; */
#define TLS_CONTENT_TYPE_LIST(X) \
    X(invalid, 0)                \
    X(change_cipher_spec, 20)    \
    X(alert, 21)                 \
    X(handshake, 22)             \
    X(application_data, 23)      \
    X(heartbeat, 24)             \
    X(tls12_cid, 25)             \
    X(ack, 26)

/* RFC 8446 §4 HandshakeType, plus the TLS 1.2 (RFC 5246) and DTLS types a capture may hold. */
#define TLS_HANDSHAKE_TYPE_LIST(X)   \
    X(hello_request, 0)              \
    X(client_hello, 1)               \
    X(server_hello, 2)               \
    X(hello_verify_request, 3)       \
    X(new_session_ticket, 4)         \
    X(end_of_early_data, 5)          \
    X(hello_retry_request, 6)        \
    X(encrypted_extensions, 8)       \
    X(certificate, 11)               \
    X(server_key_exchange, 12)       \
    X(certificate_request, 13)       \
    X(server_hello_done, 14)         \
    X(certificate_verify, 15)        \
    X(client_key_exchange, 16)       \
    X(finished, 20)                  \
    X(certificate_url, 21)           \
    X(certificate_status, 22)        \
    X(supplemental_data, 23)         \
    X(key_update, 24)                \
    X(compressed_certificate, 25)    \
    X(message_hash, 254)

/* IANA "TLS ExtensionType Values" (RFC 8446 §4.2 and earlier RFCs). */
#define TLS_EXTENSION_LIST(X)                        \
    X(server_name, 0)                                \
    X(max_fragment_length, 1)                        \
    X(client_certificate_url, 2)                     \
    X(trusted_ca_keys, 3)                            \
    X(truncated_hmac, 4)                             \
    X(status_request, 5)                             \
    X(user_mapping, 6)                               \
    X(supported_groups, 10)                          \
    X(ec_point_formats, 11)                          \
    X(srp, 12)                                       \
    X(signature_algorithms, 13)                      \
    X(use_srtp, 14)                                  \
    X(heartbeat, 15)                                 \
    X(application_layer_protocol_negotiation, 16)    \
    X(status_request_v2, 17)                         \
    X(signed_certificate_timestamp, 18)              \
    X(client_certificate_type, 19)                   \
    X(server_certificate_type, 20)                   \
    X(padding, 21)                                   \
    X(encrypt_then_mac, 22)                          \
    X(extended_master_secret, 23)                    \
    X(token_binding, 24)                             \
    X(cached_info, 25)                               \
    X(compress_certificate, 27)                      \
    X(record_size_limit, 28)                         \
    X(delegated_credential, 34)                      \
    X(session_ticket, 35)                            \
    X(pre_shared_key, 41)                            \
    X(early_data, 42)                                \
    X(supported_versions, 43)                        \
    X(cookie, 44)                                    \
    X(psk_key_exchange_modes, 45)                    \
    X(certificate_authorities, 47)                   \
    X(oid_filters, 48)                               \
    X(post_handshake_auth, 49)                       \
    X(signature_algorithms_cert, 50)                 \
    X(key_share, 51)                                 \
    X(next_protocol_negotiation, 13172)              \
    X(application_settings, 17513)                   \
    X(encrypted_client_hello, 65037)                 \
    X(renegotiation_info, 65281)

/* IANA "TLS Cipher Suites": the five TLS 1.3 suites (RFC 8446 §B.4) and common TLS 1.2 ones. */
#define TLS_CIPHER_SUITE_LIST(X)                                       \
    X(TLS_AES_128_GCM_SHA256, 0x1301)                                  \
    X(TLS_AES_256_GCM_SHA384, 0x1302)                                  \
    X(TLS_CHACHA20_POLY1305_SHA256, 0x1303)                            \
    X(TLS_AES_128_CCM_SHA256, 0x1304)                                  \
    X(TLS_AES_128_CCM_8_SHA256, 0x1305)                                \
    X(TLS_EMPTY_RENEGOTIATION_INFO_SCSV, 0x00ff)                       \
    X(TLS_FALLBACK_SCSV, 0x5600)                                       \
    X(TLS_RSA_WITH_RC4_128_MD5, 0x0004)                                \
    X(TLS_RSA_WITH_RC4_128_SHA, 0x0005)                                \
    X(TLS_RSA_WITH_3DES_EDE_CBC_SHA, 0x000a)                           \
    X(TLS_DHE_RSA_WITH_AES_128_CBC_SHA, 0x0033)                        \
    X(TLS_DHE_RSA_WITH_AES_256_CBC_SHA, 0x0039)                        \
    X(TLS_RSA_WITH_AES_128_CBC_SHA, 0x002f)                            \
    X(TLS_RSA_WITH_AES_256_CBC_SHA, 0x0035)                            \
    X(TLS_RSA_WITH_AES_128_CBC_SHA256, 0x003c)                         \
    X(TLS_RSA_WITH_AES_256_CBC_SHA256, 0x003d)                         \
    X(TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, 0x0067)                     \
    X(TLS_DHE_RSA_WITH_AES_256_CBC_SHA256, 0x006b)                     \
    X(TLS_RSA_WITH_AES_128_GCM_SHA256, 0x009c)                         \
    X(TLS_RSA_WITH_AES_256_GCM_SHA384, 0x009d)                         \
    X(TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, 0x009e)                     \
    X(TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, 0x009f)                     \
    X(TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 0xc009)                    \
    X(TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, 0xc00a)                    \
    X(TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, 0xc012)                     \
    X(TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, 0xc013)                      \
    X(TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, 0xc014)                      \
    X(TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 0xc023)                 \
    X(TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, 0xc024)                 \
    X(TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, 0xc027)                   \
    X(TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, 0xc028)                   \
    X(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0xc02b)                 \
    X(TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, 0xc02c)                 \
    X(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0xc02f)                   \
    X(TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 0xc030)                   \
    X(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0xcca8)             \
    X(TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0xcca9)           \
    X(TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0xccaa)

/* RFC 8446 §4.2.7 NamedGroup (and RFC 8422 for the TLS 1.2 curves a capture may name). */
#define TLS_GROUP_LIST(X)  \
    X(sect163k1, 0x0001)   \
    X(secp192r1, 0x0013)   \
    X(secp224r1, 0x0015)   \
    X(secp256r1, 0x0017)   \
    X(secp384r1, 0x0018)   \
    X(secp521r1, 0x0019)   \
    X(x25519, 0x001d)      \
    X(x448, 0x001e)        \
    X(ffdhe2048, 0x0100)   \
    X(ffdhe3072, 0x0101)   \
    X(ffdhe4096, 0x0102)   \
    X(ffdhe6144, 0x0103)   \
    X(ffdhe8192, 0x0104)   \
    X(X25519MLKEM768, 0x11ec)

/* RFC 8446 §4.2.3 SignatureScheme. */
#define TLS_SIGNATURE_SCHEME_LIST(X)       \
    X(rsa_pkcs1_sha256, 0x0401)            \
    X(rsa_pkcs1_sha384, 0x0501)            \
    X(rsa_pkcs1_sha512, 0x0601)            \
    X(ecdsa_secp256r1_sha256, 0x0403)      \
    X(ecdsa_secp384r1_sha384, 0x0503)      \
    X(ecdsa_secp521r1_sha512, 0x0603)      \
    X(rsa_pss_rsae_sha256, 0x0804)         \
    X(rsa_pss_rsae_sha384, 0x0805)         \
    X(rsa_pss_rsae_sha512, 0x0806)         \
    X(ed25519, 0x0807)                     \
    X(ed448, 0x0808)                       \
    X(rsa_pss_pss_sha256, 0x0809)          \
    X(rsa_pss_pss_sha384, 0x080a)          \
    X(rsa_pss_pss_sha512, 0x080b)          \
    X(rsa_pkcs1_sha1, 0x0201)              \
    X(ecdsa_sha1, 0x0203)

enum tls_content_type {
#define TLS_X_(name, value) TLS_CT_##name = (value),
    TLS_CONTENT_TYPE_LIST(TLS_X_)
#undef TLS_X_
};

enum tls_handshake_type {
#define TLS_X_(name, value) TLS_HT_##name = (value),
    TLS_HANDSHAKE_TYPE_LIST(TLS_X_)
#undef TLS_X_
};

enum tls_extension_type {
#define TLS_X_(name, value) TLS_EXT_##name = (value),
    TLS_EXTENSION_LIST(TLS_X_)
#undef TLS_X_
};

enum tls_cipher_suite_id {
#define TLS_X_(name, value) TLS_SUITE_##name = (value),
    TLS_CIPHER_SUITE_LIST(TLS_X_)
#undef TLS_X_
};

enum tls_named_group {
#define TLS_X_(name, value) TLS_GROUP_##name = (value),
    TLS_GROUP_LIST(TLS_X_)
#undef TLS_X_
};

enum tls_signature_scheme {
#define TLS_X_(name, value) TLS_SIG_##name = (value),
    TLS_SIGNATURE_SCHEME_LIST(TLS_X_)
#undef TLS_X_
};

/* Protocol versions (RFC 8446 §4.2.1, App. D). */
#define TLS_VERSION_1_0 0x0301
#define TLS_VERSION_1_1 0x0302
#define TLS_VERSION_1_2 0x0303
#define TLS_VERSION_1_3 0x0304

/* Name of a code point, or NULL when the list does not have it. */
const char *tls_content_type_name(unsigned value);
const char *tls_handshake_type_name(unsigned value);
const char *tls_extension_name(unsigned value);
const char *tls_cipher_suite_name(unsigned value);
const char *tls_group_name(unsigned value);
const char *tls_signature_scheme_name(unsigned value);
const char *tls_alert_name(unsigned value);
const char *tls_version_name(unsigned value);

/* Reverse look-ups for command-line options: true and *value set when name is in the list. */
bool tls_cipher_suite_from_name(const char *name, uint16_t *value);
bool tls_group_from_name(const char *name, uint16_t *value);
bool tls_signature_scheme_from_name(const char *name, uint16_t *value);

/* RFC 8701 GREASE values (0x0a0a, 0x1a1a, ... 0xfafa) appear in real ClientHellos. */
bool tls_is_grease(unsigned value);

#endif
