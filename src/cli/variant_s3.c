/*
 * variant_s3.c — RFC 8448 §3 "Simple 1-RTT Handshake" with fresh values (see variant.h).
 *
 * Implementation notes
 * --------------------
 * The steps follow §3's in §3's order, one helper call per step, with §3's headings verbatim
 * (the "(same as ...)" steps included, wrapped where the RFC wraps them), so this file and
 * variant_hs.c can be read side by side with the RFC. This file holds what only §3 does: the
 * ClientHello with one x25519 share (§4.1.2), the NewSessionTicket and its resumption PSK
 * (§4.6.1), and the application data; variant_hs.c the rest.
 *
 * Sequence numbers (§5.3): the server's handshake record is its record 0 under the handshake
 * keys; NewSessionTicket, application data and close_notify are records 0, 1 and 2 under its
 * application keys. The client's Finished is record 0 under its handshake keys, its
 * application data and close_notify records 0 and 1 under its application keys.
 */
#include "cli/variant.h"

#include <string.h>

#include "cli/variant_hs.h"
#include "cli/variant_rfc8448.h"
#include "common/names.h"
#include "handshake/new_session_ticket.h"

/* The domain string of the seed (a §5 variant uses its own). */
static const char seed_domain[] = "tls13 variant of RFC 8448 section 3";

static void client_hello(struct vhs *s)
{
    struct tls_client_hello_config cfg;
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    struct tls_writer w;
    vhs_key_pair(s, "client", TLS_GROUP_x25519, &s->client_kex);
    variant_rfc8448_client_hello(&cfg);
    vt_fresh(&s->g, "client random", cfg.random, sizeof(cfg.random));
    share.group = TLS_GROUP_x25519;
    share.key_exchange.data = s->client_kex.public_key;
    share.key_exchange.len = s->client_kex.public_len;
    cfg.key_shares = &share;
    cfg.key_shares_count = 1;
    tls_writer_init(&w, s->ch.b, sizeof(s->ch.b));
    vhs_finish_msg(s, &s->ch, &w, tls_client_hello_encode(&w, &cfg, &layout, &s->g.err),
               "variant: ClientHello encoding failed");
    vt_step(&s->g, "client", "construct a ClientHello handshake message");
    vt_value(&s->g, "ClientHello", s->ch.b, s->ch.len);
    /* §5.1: "legacy_record_version ... MAY be 0x0301 for an initial ClientHello", as §3 does */
    s->client_write.legacy_record_version = 0x0301;
    vt_record(&s->g, "client", "send handshake record", &s->client_write, TLS_CT_handshake,
              s->ch.b, s->ch.len);
}

static void new_session_ticket(struct vhs *s)
{
    uint8_t age_add[4], ticket[VARIANT_TICKET_LEN], ticket_nonce[VARIANT_TICKET_NONCE_LEN];
    struct tls_writer w;
    struct vt *g = &s->g;
    vt_same(g, "server", "calculate finished \"tls13 finished\" (same as client)");
    vt_same(g, "server", "derive read traffic keys for application data (same as\n      client "
                         "application data write traffic keys)");
    vt_same(g, "server", "derive secret \"tls13 res master\" (same as client)");
    /* §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce,
     *                                  Hash.length) */
    vt_fresh(g, "ticket_nonce", ticket_nonce, sizeof(ticket_nonce));
    vt_expand_label(g, "server", "generate resumption secret \"tls13 resumption\"", s->res,
                    "resumption", ticket_nonce, sizeof(ticket_nonce), s->psk);
    vt_fresh(g, "ticket_age_add", age_add, sizeof(age_add));
    vt_fresh(g, "ticket", ticket, sizeof(ticket));
    const struct tls_bytes nonce = {ticket_nonce, sizeof(ticket_nonce)};
    const struct tls_bytes opaque_ticket = {ticket, sizeof(ticket)};
    uint32_t age = (uint32_t)age_add[0] << 24 | (uint32_t)age_add[1] << 16 |
                   (uint32_t)age_add[2] << 8 | age_add[3];
    tls_writer_init(&w, s->nst.b, sizeof(s->nst.b));
    s->nst.len = 0;
    if (vt_ok(g, tls_new_session_ticket_encode(&w, VARIANT_TICKET_LIFETIME, age, &nonce,
                                               &opaque_ticket, variant_rfc8448_nst_extensions, 1,
                                               &g->err),
              "variant: NewSessionTicket encoding failed")) {
        s->nst.len = w.len; /* post-handshake: not in the transcript (§4.4.1) */
    }
    vt_step(g, "server", "construct a NewSessionTicket handshake message");
    vt_value(g, "NewSessionTicket", s->nst.b, s->nst.len);
    vt_record(g, "server", "send handshake record", &s->server_write, TLS_CT_handshake, s->nst.b,
              s->nst.len);
    vt_same(g, "client", "generate resumption secret \"tls13 resumption\" (same as\n      server)");
}

/* §3's application data (50 octets 00..31) both ways. */
static void application_data(struct vhs *s)
{
    uint8_t data[50];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)i;
    }
    vt_record(&s->g, "client", "send application_data record", &s->client_write,
              TLS_CT_application_data, data, sizeof(data));
    vt_record(&s->g, "server", "send application_data record", &s->server_write,
              TLS_CT_application_data, data, sizeof(data));
}

static void header(struct vt *g, const char *id)
{
    vt_text(g, "# A variant of RFC 8448 section 3 \"Simple 1-RTT Handshake\", written by\n"
               "# `tls13 variant` for the ID \"%s\".\n", id);
    vt_text(g, "# The same steps, labels and octet counts as the RFC. The randoms, ephemeral\n"
               "# keys, RSA-PSS salt and ticket are HKDF-Expand(seed, name, length) with\n"
               "#   seed = SHA-256(\"%s\" || 0x00 || ID);\n"
               "# everything else is computed from them. Check it with `tls13 vectors FILE`.\n\n",
            seed_domain);
    vt_text(g, "3.  Simple 1-RTT Handshake\n\n"
               "   In this example, the simplest possible handshake is completed.  The\n"
               "   server is authenticated, but the client remains anonymous.  After\n"
               "   connecting, a few application data octets are exchanged.  The server\n"
               "   sends a session ticket that permits the use of 0-RTT data in any\n"
               "   resumed session.\n\n");
}

static void steps(struct vhs *s, const char *id)
{
    s->group = TLS_GROUP_x25519;
    s->ee_extensions = variant_rfc8448_ee_extensions;
    header(&s->g, id);
    client_hello(s);
    vhs_server_hello(s);
    vhs_server_flight(s);
    vhs_server_application_keys(s);
    vhs_client_finished(s);
    new_session_ticket(s);
    application_data(s);
    vhs_close(s);
}

tls_result variant_generate_s3(const char *id, struct variant_text *out, struct tls_error *err)
{
    return vhs_generate(seed_domain, steps, id, out, err);
}
