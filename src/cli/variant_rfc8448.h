/*
 * variant_rfc8448.h — what a `tls13 variant` trace keeps from RFC 8448 §3 (and §5) unchanged: the
 * server's RSA key (§2) and certificate, and the offer and answers of both sides (the
 * extensions of ClientHello, ServerHello, EncryptedExtensions and NewSessionTicket).
 *
 * Only the values RFC 8448 shows being *generated* change in a variant (randoms, ephemeral
 * keys, the RSA-PSS salt, ticket fields); everything here stays as the RFC prints it, so a
 * variant's messages have the same fields, lengths and extensions as §3's.
 */
#ifndef TLS13_CLI_VARIANT_RFC8448_H
#define TLS13_CLI_VARIANT_RFC8448_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/sign.h"
#include "handshake/client_hello.h"
#include "handshake/extensions.h"

/* RFC 8448 §2: "The server in most examples uses an RSA certificate with a private key of". */
extern const struct tls_rsa_private_key variant_rfc8448_rsa_key;

/* RFC 8448 §3's one certificate (DER, "CN=rsa", the public half of the key above). */
extern const uint8_t variant_rfc8448_certificate[432];

/*
 * §3's ClientHello without its random and key share (the caller fills them in): three
 * suites, nine groups, fifteen signature schemes, server_name "server", renegotiation_info,
 * session_ticket, psk_dhe_ke, record_size_limit, in §3's extension order.
 */
void variant_rfc8448_client_hello(struct tls_client_hello_config *cfg);

/*
 * §5's ClientHellos: three groups, no session_ticket; with a cookie (the HelloRetryRequest's,
 * RFC 8446 §4.2.2) the second one, which also carries 175 octets of padding (RFC 7685).
 */
void variant_rfc8448_client_hello_s5(struct tls_client_hello_config *cfg,
                                     const struct tls_bytes *cookie);

/* §5's HelloRetryRequest cookie: 114 opaque octets (generated in a variant). */
#define VARIANT_COOKIE_LEN 114u

/* §3's EncryptedExtensions: supported_groups, record_size_limit, an empty server_name. */
extern const struct tls_extension variant_rfc8448_ee_extensions[3];
/* §5's: the same with the server's groups secp256r1, secp384r1, x25519. */
extern const struct tls_extension variant_rfc8448_ee_extensions_s5[3];

/* §3's NewSessionTicket: ticket_lifetime 30 s, a 178-byte ticket, early_data 1024 octets. */
#define VARIANT_TICKET_LIFETIME 30u
#define VARIANT_TICKET_LEN 178u
#define VARIANT_TICKET_NONCE_LEN 2u
extern const struct tls_extension variant_rfc8448_nst_extensions[1];

#endif
