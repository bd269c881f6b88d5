/*
 * extensions.h — extension blocks (RFC 8446 §4.2) and the extensions a TLS 1.3 client uses:
 * server_name (RFC 6066 §3), supported_versions (§4.2.1), cookie (§4.2.2),
 * signature_algorithms (§4.2.3), supported_groups (§4.2.7), key_share (§4.2.8),
 * psk_key_exchange_modes (§4.2.9), early_data (§4.2.10), pre_shared_key (§4.2.11) and
 * application_layer_protocol_negotiation (RFC 7301 §3.1). Others (status_request, unknown
 * code points) stay raw: type + opaque data.
 *
 * Implementation notes
 * --------------------
 * An extension block is parsed once into a table of (extension_type, extension_data view).
 * Each extension's data is then parsed on demand by the function for its type, so the
 * generic pass never needs to know every extension.
 *
 * Duplicates. RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a
 * given extension block." The RFC names no alert. This project sends illegal_parameter for a
 * duplicate in EVERY block (SH, HRR, EE, CR, CertificateEntry, NST, CH): the block decodes
 * fine, but its content is not allowed (§6: illegal_parameter "A field in the handshake was
 * incorrect or inconsistent with other fields"). BoringSSL sends the same for HRR and NST and
 * decode_error for SH (reference checklist SH-05); we choose one rule for all.
 *
 * Bounds. At most TLS_MAX_EXTENSIONS extensions per block (a real browser ClientHello has
 * about 20); more is refused with decode_error. Lists of uint16 (groups, schemes, versions,
 * cipher suites) are views with a count, so they have no fixed bound.
 *
 * Memory: every struct below holds views into the bytes that were parsed; they are valid as
 * long as those bytes are. Nothing is allocated.
 */
#ifndef TLS13_HANDSHAKE_EXTENSIONS_H
#define TLS13_HANDSHAKE_EXTENSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/names.h"
#include "common/reader.h"
#include "common/writer.h"
#include "handshake/handshake_msg.h"

#define TLS_MAX_EXTENSIONS 32

/*
 * RFC 8446 §4.2:
 *     struct {
 *         ExtensionType extension_type;
 *         opaque extension_data<0..2^16-1>;
 *     } Extension;
 */
struct tls_extension {
    uint16_t extension_type;
    struct tls_bytes extension_data;
};

/* One parsed extension block, in wire order. */
struct tls_extensions {
    size_t count;
    struct tls_extension list[TLS_MAX_EXTENSIONS];
    struct tls_bytes raw; /* the whole block without its 2-byte length */
};

/* A list of uint16 values (NamedGroup, SignatureScheme, ProtocolVersion, CipherSuite) as a view. */
struct tls_u16_list {
    const uint8_t *data; /* 2 * count bytes, big-endian */
    size_t count;
};

uint16_t tls_u16_list_get(const struct tls_u16_list *l, size_t i);
bool tls_u16_list_contains(const struct tls_u16_list *l, uint16_t v);

/*
 * Reads `Extension extensions<min..max>;` from r: the 2-byte length, every Extension, the
 * <min..max> bound (decode_error), more than TLS_MAX_EXTENSIONS (decode_error) and duplicate
 * types (illegal_parameter, see above). field names the block, e.g. "ServerHello.extensions".
 */
tls_result tls_extensions_read(struct tls_reader *r, size_t min, size_t max,
                               struct tls_extensions *out, const char *field);

/* The same for a block already cut out without its length prefix (e.g. CertificateEntry). */
tls_result tls_extensions_parse_raw(const uint8_t *data, size_t len, struct tls_extensions *out,
                                    const char *field, struct tls_error *err);

/* The extension of this type, or NULL when the block has none. */
const struct tls_extension *tls_extensions_find(const struct tls_extensions *e, uint16_t type);

/* Writes one Extension: type, then data with its 2-byte length. */
void tls_extension_write(struct tls_writer *w, uint16_t extension_type, const uint8_t *data,
                         size_t len);

/* Writes a whole Extension extensions<..max> block: the length prefix, then each in order. */
void tls_extensions_write(struct tls_writer *w, size_t max, const struct tls_extension *exts,
                          size_t n);

/* ---- the RFC 8446 §4.2 table ------------------------------------------------------------- */

/*
 * True when the §4.2 table lets extension_type appear in msg_type, one of TLS_HT_client_hello,
 * server_hello, hello_retry_request, encrypted_extensions, certificate (CT),
 * certificate_request, new_session_ticket. *known is set to whether this project knows a row
 * for extension_type at all (RFC 8446 table, plus RFC 8449 record_size_limit and the TLS
 * 1.2-only extensions, which are allowed in CH only).
 */
bool tls_extension_allowed_in(uint16_t extension_type, enum tls_handshake_type msg_type,
                              bool *known);

/*
 * Checks a server's extension block against what the client offered (offered[] = the
 * extension types of our ClientHello), implementing RFC 8446 §4.2:
 *  - in SH, HRR, EE and CT: a type not offered -> unsupported_extension ("MUST abort ... with an
 *    unsupported_extension alert"), except cookie in HRR (SH-06, EE-03, HRR-09, CRT-04);
 *  - then, in every message: a known type the table does not allow there -> illegal_parameter
 *    ("it MUST abort the handshake with an illegal_parameter alert") (SH-07, EE-01, EE-02);
 *  - in CR and NST, unknown types are ignored (§4.3.2, §4.6.1 "MUST ignore unrecognized").
 * msg_type: TLS_HT_server_hello, hello_retry_request, encrypted_extensions, certificate,
 * certificate_request or new_session_ticket.
 */
tls_result tls_check_server_extensions(enum tls_handshake_type msg_type,
                                       const struct tls_extensions *exts, const uint16_t *offered,
                                       size_t offered_count, struct tls_error *err);

/*
 * The §4.2 table alone, with no "did we offer it" rule: a known type the table does not allow in
 * msg_type -> illegal_parameter; unknown types pass. For blocks where unsolicited extensions are
 * tolerated but the table still applies: the CertificateEntry of a certificate after the leaf
 * (§4.4.2; must-accept OK-10 keeps status_request / unknown types there, EXT-03 refuses
 * key_share).
 */
tls_result tls_check_extensions_allowed(enum tls_handshake_type msg_type,
                                        const struct tls_extensions *exts, struct tls_error *err);

/* ---- individual extensions: each parse takes the extension_data bytes ---------------------- */

/* An extension whose data must be empty (server_name ack in EE, early_data in CH/EE,
 * post_handshake_auth): decode_error if not (EE-05). */
tls_result tls_ext_empty_parse(const struct tls_extension *ext, struct tls_error *err);

/*
 * RFC 6066 §3:
 *     struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName;
 *     enum { host_name(0), (255) } NameType;
 *     opaque HostName<1..2^16-1>;
 *     struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
 * Parse returns the first host_name (decoder use); encode writes one host_name entry.
 */
tls_result tls_ext_server_name_parse(const struct tls_extension *ext, struct tls_bytes *host_name,
                                     struct tls_error *err);
void tls_ext_server_name_write(struct tls_writer *w, const uint8_t *host_name, size_t len);

/*
 * RFC 8446 §4.2.1:
 *     struct {
 *         select (Handshake.msg_type) {
 *             case client_hello:
 *                  ProtocolVersion versions<2..254>;
 *             case server_hello: // and HelloRetryRequest
 *                  ProtocolVersion selected_version;
 *         };
 *     } SupportedVersions;
 */
tls_result tls_ext_supported_versions_parse_ch(const struct tls_extension *ext,
                                               struct tls_u16_list *versions, struct tls_error *err);
tls_result tls_ext_supported_versions_parse_sh(const struct tls_extension *ext,
                                               uint16_t *selected_version, struct tls_error *err);
void tls_ext_supported_versions_write_ch(struct tls_writer *w, const uint16_t *versions, size_t n);
void tls_ext_supported_versions_write_sh(struct tls_writer *w, uint16_t selected_version);

/*
 * RFC 8446 §4.2.2:
 *     struct { opaque cookie<1..2^16-1>; } Cookie;
 */
tls_result tls_ext_cookie_parse(const struct tls_extension *ext, struct tls_bytes *cookie,
                                struct tls_error *err);
void tls_ext_cookie_write(struct tls_writer *w, const uint8_t *cookie, size_t len);

/*
 * RFC 8446 §4.2.3:
 *     struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList;
 * (also signature_algorithms_cert). Odd lengths are decode_error.
 */
tls_result tls_ext_signature_algorithms_parse(const struct tls_extension *ext,
                                              struct tls_u16_list *schemes, struct tls_error *err);
void tls_ext_signature_algorithms_write(struct tls_writer *w, uint16_t extension_type,
                                        const uint16_t *schemes, size_t n);

/*
 * RFC 8446 §4.2.7:
 *     struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList;
 */
tls_result tls_ext_supported_groups_parse(const struct tls_extension *ext,
                                          struct tls_u16_list *groups, struct tls_error *err);
void tls_ext_supported_groups_write(struct tls_writer *w, const uint16_t *groups, size_t n);

/*
 * RFC 8446 §4.2.8:
 *     struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
 *     struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
 *     struct { NamedGroup selected_group; } KeyShareHelloRetryRequest;
 *     struct { KeyShareEntry server_share; } KeyShareServerHello;
 * Up to TLS_MAX_KEY_SHARES client shares; a repeated group is illegal_parameter
 * (§4.2.8 "Clients MUST NOT offer multiple KeyShareEntry values for the same group").
 */
#define TLS_MAX_KEY_SHARES 8

struct tls_key_share_entry {
    uint16_t group;
    struct tls_bytes key_exchange;
};

struct tls_key_share_client_hello {
    size_t count;
    struct tls_key_share_entry client_shares[TLS_MAX_KEY_SHARES];
};

tls_result tls_ext_key_share_parse_ch(const struct tls_extension *ext,
                                      struct tls_key_share_client_hello *out, struct tls_error *err);
tls_result tls_ext_key_share_parse_sh(const struct tls_extension *ext,
                                      struct tls_key_share_entry *server_share, struct tls_error *err);
tls_result tls_ext_key_share_parse_hrr(const struct tls_extension *ext, uint16_t *selected_group,
                                       struct tls_error *err);
void tls_ext_key_share_write_ch(struct tls_writer *w, const struct tls_key_share_entry *shares,
                                size_t n);
void tls_ext_key_share_write_sh(struct tls_writer *w, const struct tls_key_share_entry *server_share);
void tls_ext_key_share_write_hrr(struct tls_writer *w, uint16_t selected_group);

/*
 * RFC 8446 §4.2.9:
 *     enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
 *     struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes;
 */
#define TLS_PSK_KE 0
#define TLS_PSK_DHE_KE 1
tls_result tls_ext_psk_key_exchange_modes_parse(const struct tls_extension *ext,
                                                struct tls_bytes *ke_modes, struct tls_error *err);
void tls_ext_psk_key_exchange_modes_write(struct tls_writer *w, const uint8_t *ke_modes, size_t n);

/*
 * RFC 8446 §4.2.10:
 *     struct {} Empty;
 *     struct {
 *         select (Handshake.msg_type) {
 *             case new_session_ticket:   uint32 max_early_data_size;
 *             case client_hello:         Empty;
 *             case encrypted_extensions: Empty;
 *         };
 *     } EarlyDataIndication;
 * CH/EE form: tls_ext_empty_parse().
 */
tls_result tls_ext_early_data_parse_nst(const struct tls_extension *ext,
                                        uint32_t *max_early_data_size, struct tls_error *err);

/*
 * RFC 8446 §4.2.11:
 *     struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
 *     opaque PskBinderEntry<32..255>;
 *     struct {
 *         PskIdentity identities<7..2^16-1>;
 *         PskBinderEntry binders<33..2^16-1>;
 *     } OfferedPsks;
 *     struct {
 *         select (Handshake.msg_type) {
 *             case client_hello: OfferedPsks;
 *             case server_hello: uint16 selected_identity;
 *         };
 *     } PreSharedKeyExtension;
 */
#define TLS_MAX_PSK_IDENTITIES 4

struct tls_psk_identity {
    struct tls_bytes identity;
    uint32_t obfuscated_ticket_age;
};

struct tls_offered_psks {
    size_t count; /* identities and binders: the counts must match (illegal_parameter) */
    struct tls_psk_identity identities[TLS_MAX_PSK_IDENTITIES];
    struct tls_bytes binders[TLS_MAX_PSK_IDENTITIES];
    struct tls_bytes binders_raw; /* the binders<33..2^16-1> vector INCLUDING its length */
};

tls_result tls_ext_pre_shared_key_parse_ch(const struct tls_extension *ext,
                                           struct tls_offered_psks *out, struct tls_error *err);
tls_result tls_ext_pre_shared_key_parse_sh(const struct tls_extension *ext,
                                           uint16_t *selected_identity, struct tls_error *err);
void tls_ext_pre_shared_key_write_sh(struct tls_writer *w, uint16_t selected_identity);

/*
 * Length of the binders<33..2^16-1> vector (2-byte prefix + each 1-byte-prefixed binder) for
 * binders of these lengths: the number of bytes at the END of a ClientHello that §4.2.11.2's
 * "Truncate(ClientHello1)" removes before hashing.
 */
size_t tls_psk_binders_len(const size_t *binder_lens, size_t n);

/*
 * RFC 7301 §3.1:
 *     opaque ProtocolName<1..2^8-1>;
 *     struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList;
 * Parse for CH: the raw list and its count. Parse for EE: RFC 7301 §3.1 "the
 * ProtocolNameList MUST contain exactly one ProtocolName" -> decode_error otherwise.
 */
tls_result tls_ext_alpn_parse_ch(const struct tls_extension *ext, struct tls_bytes *list,
                                 size_t *count, struct tls_error *err);
tls_result tls_ext_alpn_parse_ee(const struct tls_extension *ext, struct tls_bytes *protocol_name,
                                 struct tls_error *err);
/* Iterates a list returned by tls_ext_alpn_parse_ch(): the i-th ProtocolName. */
struct tls_bytes tls_ext_alpn_get(const struct tls_bytes *list, size_t i);
void tls_ext_alpn_write(struct tls_writer *w, const struct tls_bytes *protocol_names, size_t n);

#endif
