/*
 * variant_s5.c — RFC 8448 §5 "HelloRetryRequest" with fresh values (see variant.h).
 *
 * Implementation notes
 * --------------------
 * §5's client offers an x25519 share; the server prefers P-256 and answers with a
 * HelloRetryRequest (a ServerHello whose random is the special value of RFC 8446 §4.1.3)
 * carrying the selected group and a cookie; the client sends a second ClientHello with a P-256
 * share, the cookie echoed and padding. From there on the handshake is §3's (variant_hs.c)
 * with P-256 instead of x25519, without a NewSessionTicket or application data.
 *
 * The transcript rule this section exists to show (RFC 8446 §4.4.1): "When the server responds
 * to a ClientHello with a HelloRetryRequest, the value of ClientHello1 is replaced with a
 * special synthetic handshake message of handshake type "message_hash" containing
 * Hash(ClientHello1)". Every Transcript-Hash after the HelloRetryRequest starts with it.
 *
 * Generated from the seed, besides §3's names: "client P-256 private key", "server P-256
 * private key" and "cookie"; the server's random of the HelloRetryRequest is fixed by the RFC,
 * and both ClientHellos carry the same "client random", as in §5.
 */
#include "cli/variant.h"

#include <string.h>

#include "cli/variant_hs.h"
#include "cli/variant_rfc8448.h"
#include "common/names.h"
#include "handshake/server_hello.h"

static const char seed_domain[] = "tls13 variant of RFC 8448 section 5";

/* One of §5's ClientHellos (cookie NULL: the first) with kex's share, and its record. */
static void client_hello(struct vhs *s, struct vhs_msg *m, const struct tls_kex *kex,
                         const struct tls_bytes *cookie)
{
    struct tls_client_hello_config cfg;
    struct tls_key_share_entry share = {kex->group, {kex->public_key, kex->public_len}};
    struct tls_client_hello_layout layout;
    struct tls_writer w;
    variant_rfc8448_client_hello_s5(&cfg, cookie);
    memcpy(cfg.random, s->client_random, sizeof(cfg.random));
    cfg.key_shares = &share;
    cfg.key_shares_count = 1;
    tls_writer_init(&w, m->b, sizeof(m->b));
    vhs_finish_msg(s, m, &w, tls_client_hello_encode(&w, &cfg, &layout, &s->g.err),
                   "variant: ClientHello encoding failed");
    vt_step(&s->g, "client", "construct a ClientHello handshake message");
    vt_value(&s->g, "ClientHello", m->b, m->len);
    /* §5.1: 0x0301 MAY be used for the initial ClientHello only; §5 sends the second as 0x0303 */
    s->client_write.legacy_record_version = cookie == NULL ? 0x0301 : 0x0303;
    vt_record(&s->g, "client", "send handshake record", &s->client_write, TLS_CT_handshake, m->b,
              m->len);
}

/*
 * RFC 8446 §4.4.1: message_hash = handshake type 254, a 3-byte length of Hash.length, then
 * Hash(ClientHello1); it replaces ClientHello1 in the transcript.
 */
static void replace_client_hello1(struct vhs *s)
{
    struct vt *g = &s->g;
    uint8_t hash[TLS_MAX_HASH_LEN];
    vt_transcript_hash(g, hash);
    g->transcript[0] = TLS_HT_message_hash;
    g->transcript[1] = 0x00;
    g->transcript[2] = 0x00;
    g->transcript[3] = (uint8_t)g->hlen;
    memcpy(g->transcript + 4, hash, g->hlen);
    g->transcript_len = 4 + g->hlen;
}

static void hello_retry_request(struct vhs *s, uint8_t cookie[VARIANT_COOKIE_LEN])
{
    static const uint8_t tls13[] = {0x03, 0x04};
    /* §4.2.8: KeyShareHelloRetryRequest { NamedGroup selected_group } */
    const uint8_t selected_group[] = {(uint8_t)(s->group >> 8), (uint8_t)s->group};
    /* §4.2.2: Cookie { opaque cookie<1..2^16-1> } */
    uint8_t cookie_ext[2 + VARIANT_COOKIE_LEN] = {0x00, VARIANT_COOKIE_LEN};
    struct tls_writer w;
    vt_fresh(&s->g, "cookie", cookie, VARIANT_COOKIE_LEN);
    memcpy(cookie_ext + 2, cookie, VARIANT_COOKIE_LEN);
    const struct tls_extension exts[] = {
        {TLS_EXT_key_share, {selected_group, sizeof(selected_group)}},
        {TLS_EXT_cookie, {cookie_ext, sizeof(cookie_ext)}},
        {TLS_EXT_supported_versions, {tls13, sizeof(tls13)}},
    };
    /* §4.1.3: the HelloRetryRequest is a ServerHello with the special random */
    const struct tls_server_hello_config cfg = {
        0x0303, tls_hello_retry_request_random, {NULL, 0}, TLS_SUITE_TLS_AES_128_GCM_SHA256, 0,
        exts, 3,
    };
    replace_client_hello1(s);
    tls_writer_init(&w, s->hrr.b, sizeof(s->hrr.b));
    vhs_finish_msg(s, &s->hrr, &w, tls_server_hello_encode(&w, &cfg, &s->g.err),
                   "variant: HelloRetryRequest encoding failed");
    vt_step(&s->g, "server", "construct a ServerHello handshake message");
    vt_value(&s->g, "ServerHello", s->hrr.b, s->hrr.len);
    vt_record(&s->g, "server", "send handshake record", &s->server_write, TLS_CT_handshake,
              s->hrr.b, s->hrr.len);
}

static void header(struct vt *g, const char *id)
{
    vt_text(g, "# A variant of RFC 8448 section 5 \"HelloRetryRequest\", written by\n"
               "# `tls13 variant --hrr` for the ID \"%s\".\n", id);
    vt_text(g, "# The same steps, labels and octet counts as the RFC. The randoms, ephemeral\n"
               "# keys, cookie and RSA-PSS salt are HKDF-Expand(seed, name, length) with\n"
               "#   seed = SHA-256(\"%s\" || 0x00 || ID);\n"
               "# everything else is computed from them. Check it with `tls13 vectors FILE`.\n\n",
            seed_domain);
    vt_text(g, "5.  HelloRetryRequest\n\n"
               "   In this example, the client initiates a handshake with an X25519\n"
               "   [RFC7748] share.  The server, however, prefers P-256\n"
               "   [FIPS.186-4.2013] and sends a HelloRetryRequest that requires the\n"
               "   client to generate a key share on the P-256 curve.\n\n"
               "   Note:  The HelloRetryRequest uses the same handshake message type as\n"
               "      a ServerHello and so is labeled as ServerHello here.\n\n");
}

static void steps(struct vhs *s, const char *id)
{
    uint8_t cookie[VARIANT_COOKIE_LEN];
    s->group = TLS_GROUP_secp256r1;
    s->ee_extensions = variant_rfc8448_ee_extensions_s5;
    header(&s->g, id);
    vt_fresh(&s->g, "client random", s->client_random, sizeof(s->client_random));
    vhs_key_pair(s, "client", TLS_GROUP_x25519, &s->client_kex_first);
    client_hello(s, &s->ch1, &s->client_kex_first, NULL);
    hello_retry_request(s, cookie);
    vhs_key_pair(s, "client", TLS_GROUP_secp256r1, &s->client_kex);
    const struct tls_bytes echoed = {cookie, sizeof(cookie)};
    client_hello(s, &s->ch, &s->client_kex, &echoed);
    vhs_server_hello(s);
    vhs_server_flight(s);
    vhs_server_application_keys(s);
    vhs_client_finished(s);
    vt_same(&s->g, "server", "calculate finished \"tls13 finished\" (same as client)");
    vt_same(&s->g, "server", "derive read traffic keys for application data (same as\n      "
                             "client application data write traffic keys)");
    vt_same(&s->g, "server", "derive secret \"tls13 res master\" (same as client)");
    vhs_close(s);
}

tls_result variant_generate_s5(const char *id, struct variant_text *out, struct tls_error *err)
{
    return vhs_generate(seed_domain, steps, id, out, err);
}
