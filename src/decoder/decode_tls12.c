/*
 * decode_tls12.c — TLS 1.2 handshakes as Schannel captures show them (RFC 5246 §7.4; RFC 8422
 * §5.4, §5.7 ECDHE; RFC 5077 tickets; RFC 7627 extended master secret), and the resumption
 * diagnosis for both versions.
 *
 * Implementation notes
 * --------------------
 * The client is TLS 1.3 only, so the messages TLS 1.3 removed (ServerKeyExchange,
 * ServerHelloDone, ClientKeyExchange, the 1.2 forms of Certificate and NewSessionTicket) have no
 * parser in src/handshake; they are read here with the bounded reader, for display only.
 *
 * Resumption (RFC 5246 §7.3, §7.4.1.2; RFC 5077 §3.1): a client offers it with a non-empty
 * session_id or a session_ticket extension carrying a ticket; the server accepts by echoing the
 * session_id (or, for a ticket, by answering with ChangeCipherSpec right after ServerHello: the
 * abbreviated handshake). Why it was refused can sometimes be read off the capture: RFC 7627
 * §5.3 says a session without the extended master secret MUST NOT be resumed when the new
 * handshake uses it (Schannel enforces this since 2019), so a server that does not echo
 * extended_master_secret produces sessions a modern Schannel client will never resume.
 */
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "common/reader.h"
#include "decoder/decode_internal.h"

/*
 * The messages below are described field by field by the one message describer
 * (model_messages.c, TLS 1.2 forms) and printed by render_text.c; here is only what the decoder
 * concludes from them.
 *
 * RFC 5246 §7.4.2 (TLS 1.2: no request context, no per-certificate extensions):
 *      opaque ASN.1Cert<1..2^24-1>;
 *      struct {
 *          ASN.1Cert certificate_list<0..2^24-1>;
 *      } Certificate;
 * The first certificate's key signs the ServerKeyExchange.
 */
static void certificate12(struct dec_conn *c, enum tls_direction dir,
                          const struct tls_handshake_message *msg, struct dec_record *rd)
{
    struct tls_reader r;
    struct tls_reader list;
    struct tls_reader cert;
    struct tls_error err = {0};
    tls_reader_init(&r, msg->body, msg->length, &err);
    if (tls_read_vector(&r, 0, 0xffffff, &list, "Certificate.certificate_list") != TLS_OK) {
        dec_fact_not_parsed(rd, NULL, err.reason);
        return;
    }
    if (dir == TLS_DIR_SERVER_TO_CLIENT) {
        c->server_certificate = true;
    }
    if (tls_reader_remaining(&list) > 0) {
        if (tls_read_vector(&list, 1, 0xffffff, &cert, "ASN.1Cert") != TLS_OK) {
            dec_fact_not_parsed(rd, NULL, err.reason);
            return;
        }
        dec_certificate_leaf_key(c, dir, cert.data, cert.len);
    }
}

/*
 * RFC 8422 §5.4 (ECDHE), with RFC 5246 §4.7 / §7.4.3's signature:
 *      struct {
 *          ECCurveType    curve_type;        // named_curve (3)
 *          NamedCurve     namedcurve;
 *          opaque         point <1..2^8-1>;  // ECPoint public
 *      } ServerECDHParams;
 *      struct {
 *          ServerECDHParams params;
 *          digitally-signed struct { ... };  // SignatureAndHashAlgorithm + opaque signature<0..2^16-1>
 *      } ServerKeyExchange;
 * The curve is the connection's group; the signature is checked with the certificate's key.
 */
static void server_key_exchange(struct dec_conn *c, const struct tls_handshake_message *msg,
                                struct dec_record *rd)
{
    struct tls_reader r;
    struct tls_reader pub;
    struct tls_reader sig;
    struct tls_error err = {0};
    uint8_t curve_type = 0;
    uint16_t curve = 0;
    uint16_t alg = 0;
    tls_reader_init(&r, msg->body, msg->length, &err);
    if (tls_read_u8(&r, &curve_type, "ServerECDHParams.curve_type") != TLS_OK || curve_type != 3 ||
        tls_read_u16(&r, &curve, "ServerECDHParams.namedcurve") != TLS_OK ||
        tls_read_vector(&r, 1, 0xff, &pub, "ServerECDHParams.public") != TLS_OK) {
        dec_fact_note(rd, "not ECDHE with a named curve (DHE or other): not checked");
        return;
    }
    c->group = curve;
    size_t params_len = r.pos; /* curve_type, namedcurve and public: what is signed */
    if (tls_read_u16(&r, &alg, "SignatureAndHashAlgorithm") == TLS_OK &&
        tls_read_vector(&r, 0, 0xffff, &sig, "signature") == TLS_OK) {
        dec_verify_server_key_exchange(c, msg->body, params_len, alg, sig.data, sig.len, rd);
    }
}

/* RFC 5077 §3.3: struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } */
static void ticket12(struct dec_conn *c, const struct tls_handshake_message *msg,
                     struct dec_record *rd)
{
    struct tls_reader r;
    struct tls_reader ticket;
    struct tls_error err = {0};
    uint32_t hint = 0;
    tls_reader_init(&r, msg->body, msg->length, &err);
    c->sh_new_session_ticket = true;
    if (tls_read_u32(&r, &hint, "ticket_lifetime_hint") != TLS_OK ||
        tls_read_vector(&r, 0, 0xffff, &ticket, "ticket") != TLS_OK) {
        dec_fact_not_parsed(rd, NULL, err.reason);
    }
}

void dec_print_tls12_message(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_record *rd)
{
    dec_fact_message_fields(rd, msg->msg_type, msg->body, msg->length, true);
    switch (msg->msg_type) {
    case TLS_HT_certificate:
        certificate12(c, dir, msg, rd);
        break;
    case TLS_HT_server_key_exchange:
        server_key_exchange(c, msg, rd);
        break;
    case TLS_HT_server_hello_done:
        dec_fact_note(rd, "the server's flight is complete (RFC 5246 §7.4.5)");
        break;
    case TLS_HT_certificate_request:
        dec_fact_note(rd, "the server asks for a client certificate (RFC 5246 §7.4.4)");
        break;
    case TLS_HT_new_session_ticket:
        ticket12(c, msg, rd);
        break;
    case TLS_HT_certificate_status:
        dec_fact_note(rd, "an OCSP response (RFC 6066 §8)");
        break;
    case TLS_HT_hello_request:
        dec_fact_note(rd, "the server asks for renegotiation (RFC 5246 §7.4.1.1)");
        break;
    default:
        break;
    }
}

/* TLS 1.3: offered with pre_shared_key, accepted when the ServerHello selects an identity. */
static void diagnose_tls13(struct dec_conn *c)
{
    if (!c->offered_psk) {
        c->resumption = "not offered (no pre_shared_key in the ClientHello): full handshake";
        return;
    }
    if (c->psk_accepted) {
        c->resumption = "offered and accepted: the ServerHello selected a PSK (RFC 8446 §4.2.11), "
                        "no Certificate/CertificateVerify";
        return;
    }
    c->resumption = "offered (pre_shared_key) but not accepted: the ServerHello has no "
                    "pre_shared_key, full handshake";
}

static void diagnose_tls12(struct dec_conn *c)
{
    char *b = c->resumption_buf;
    size_t cap = sizeof(c->resumption_buf);
    bool offered = c->session_id_len > 0 || c->offered_ticket;
    int n = snprintf(b, cap, "%s",
                     !offered ? "not offered (empty session_id, no ticket)"
                     : c->offered_ticket ? "offered with a session ticket (RFC 5077)"
                                         : "offered with a session_id (RFC 5246 §7.4.1.2)");
    size_t used = n > 0 ? (size_t)n : 0;
    bool accepted = offered && (c->sh_echoes_session_id || c->abbreviated);
    if (offered) {
        n = snprintf(b + used, cap - used, accepted
                         ? "; accepted: abbreviated handshake (session resumed, RFC 5246 §7.3)"
                         : "; not accepted: the ServerHello does not echo the session_id, full handshake");
        used += n > 0 ? (size_t)n : 0;
    }
    if (!accepted && used < cap) {
        /* RFC 5246 §7.4.1.3: an empty session_id means the session "will not be cached and
           therefore cannot be resumed". */
        n = snprintf(b + used, cap - used, c->sh_session_id_len == 0
                         ? "; the server sent an empty session_id: this session cannot be resumed by ID"
                         : "; the server gave this session a %zu-byte session_id (the server offers resumption by ID)",
                     c->sh_session_id_len);
        used += n > 0 ? (size_t)n : 0;
    }
    if (!accepted && c->offered_ems && !c->sh_ems && used < cap) {
        n = snprintf(b + used, cap - used,
                     "; the server does not echo extended_master_secret: RFC 7627 §5.3 forbids "
                     "resuming such sessions and Schannel clients (since 2019) do not resume them");
        used += n > 0 ? (size_t)n : 0;
    }
    if (!accepted && used < cap && c->offered_ticket_ext && !c->sh_ticket_ext) {
        snprintf(b + used, cap - used, "; the server does not support session tickets (no "
                                       "session_ticket in its ServerHello)");
    } else if (!accepted && used < cap && c->sh_new_session_ticket) {
        snprintf(b + used, cap - used, "; the server issued a new ticket (NewSessionTicket)");
    }
    c->resumption = b;
}

void dec_resumption_diagnose(struct dec_conn *c)
{
    if (!c->have_client_hello || !c->have_server_hello) {
        c->resumption = NULL;
        return;
    }
    if (c->tls13) {
        diagnose_tls13(c);
        return;
    }
    diagnose_tls12(c);
}

/*
 * RFC 5246 §7.4.1.3: compression_method "The single compression algorithm selected by the
 * server from the list in ClientHello.compression_methods"; RFC 3749 §2 defines DEFLATE(1).
 * TLS 1.3 forbids any but null (RFC 8446 §4.1.3 "MUST have the value 0"); before it, a
 * compressed connection is legal but exposes secrets to CRIME (RFC 7457 §2.6), and its records
 * hold compressed fragments, which this decoder does not inflate.
 */
void dec_server_hello_compression(struct dec_conn *c, uint8_t method, struct dec_record *rd)
{
    const char *name = method == 1 ? "DEFLATE" : method == 64 ? "LZS" : "unknown";
    c->compression = method;
    dec_fact_compression(rd, method, c->tls13);
    if (c->tls13) {
        dec_conn_note(c, "server: a TLS 1.3 ServerHello with legacy_compression_method %u (RFC 8446 "
                         "§4.1.3: MUST be 0)", method);
        return;
    }
    dec_conn_note(c, "server: chose compression %s(%u): the records carry compressed data (not inflated "
                     "here) and the connection is open to CRIME (RFC 7457 §2.6)", name, method);
}
