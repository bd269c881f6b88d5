/*
 * vectors_messages.h — the few fields of handshake messages the vector checker needs
 * (RFC 8446 §4.1.2, §4.1.3, §4.2.11, §4.6.1), read from a trace's message bytes.
 *
 * The checker treats messages as inputs and only looks inside for what decides a derivation:
 * the cipher suite (which hash), whether a ServerHello is a HelloRetryRequest (the transcript
 * is rewritten, §4.4.1), where a ClientHello's PSK binders start (the binder covers the
 * ClientHello truncated before them, §4.2.11.2), and a NewSessionTicket's ticket_nonce
 * (the resumption PSK, §4.6.1). Readers are bounded and tolerate a ClientHello cut before its
 * binders, the way RFC 8448 prints it.
 */
#ifndef TLS13_CLI_VECTORS_MESSAGES_H
#define TLS13_CLI_VECTORS_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * For a ClientHello offering pre_shared_key (the last extension, §4.2.11): *binders_at is
 * where the binders<33..2^16-1> vector starts (= the truncated ClientHello's length), and
 * *total_len the full message length its header declares (4 + length). RFC 8448 prints the
 * ClientHello already truncated, so *binders_at may equal msg_len. False when no PSK offered.
 */
bool vm_client_hello_psk(const uint8_t *msg, size_t msg_len, size_t *binders_at,
                         size_t *total_len);

/* ServerHello: its cipher_suite, and whether its random is §4.1.3's HelloRetryRequest value. */
bool vm_server_hello(const uint8_t *msg, size_t msg_len, uint16_t *cipher_suite, bool *is_hrr);

/* NewSessionTicket: a view of its ticket_nonce<0..255>. */
bool vm_ticket_nonce(const uint8_t *msg, size_t msg_len, const uint8_t **nonce, size_t *nonce_len);

/* Certificate: a view of the first CertificateEntry's cert_data (the end-entity certificate). */
bool vm_leaf_certificate(const uint8_t *msg, size_t msg_len, const uint8_t **der, size_t *der_len);

/* CertificateVerify: its algorithm (SignatureScheme) and a view of its signature. */
bool vm_certificate_verify(const uint8_t *msg, size_t msg_len, uint16_t *scheme,
                           const uint8_t **signature, size_t *signature_len);

/* The RFC 8446 §4 name of a handshake type ("ClientHello", "message_hash"), or "message". */
const char *vm_message_name(uint8_t msg_type);

#endif
