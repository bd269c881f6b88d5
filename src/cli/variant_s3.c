/*
 * variant_s3.c — RFC 8448 §3 "Simple 1-RTT Handshake" with fresh values (see variant.h).
 *
 * Implementation notes
 * --------------------
 * The functions below follow §3's steps in §3's order, one helper call per step, with §3's
 * headings verbatim (the "(same as ...)" steps included, wrapped where the RFC wraps them), so
 * this file can be read side by side with the RFC. Per step, the RFC 8446 rule it applies:
 *
 *   ClientHello, ServerHello                         §4.1.2, §4.1.3 (x25519 key shares, §4.2.8)
 *   early / handshake / master secrets, "derived"    §7.1 (no PSK: IKM of Hash.length zeros)
 *   handshake and application traffic secrets        §7.1 Derive-Secret over the transcript
 *   write keys and ivs                               §7.3
 *   EncryptedExtensions, Certificate                 §4.3.1, §4.4.2
 *   CertificateVerify (rsa_pss_rsae_sha256)          §4.4.3, signed with RFC 8448 §2's key
 *   Finished (server, then client)                   §4.4.4
 *   resumption_master_secret, resumption PSK         §7.1, §4.6.1
 *   NewSessionTicket                                 §4.6.1
 *   records, protected with sequence numbers         §5.1, §5.2, §5.3
 *
 * Sequence numbers (§5.3): the server's handshake record is its record 0 under the handshake
 * keys; NewSessionTicket, application data and close_notify are records 0, 1 and 2 under its
 * application keys. The client's Finished is record 0 under its handshake keys, its
 * application data and close_notify records 0 and 1 under its application keys.
 */
#include "cli/variant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/variant_emit.h"
#include "cli/variant_rfc8448.h"
#include "common/names.h"
#include "crypto/kex.h"
#include "crypto/rng.h"
#include "crypto/sign.h"
#include "crypto/suite.h"
#include "crypto/util.h"
#include "handshake/certificate.h"
#include "handshake/certificate_verify.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/finished.h"
#include "handshake/new_session_ticket.h"
#include "handshake/server_hello.h"

#define MSG_CAP 1024

/* The domain string of the seed: a §5 variant, say, would use another. */
static const char seed_domain[] = "tls13 variant of RFC 8448 section 3";

struct msg {
    uint8_t b[MSG_CAP];
    size_t len;
};

/* Everything the handshake of §3 computes, one field per value the RFC names. */
struct s3 {
    struct vt g;
    struct tls_kex client_kex, server_kex;
    uint8_t early[TLS_MAX_HASH_LEN], derived_hs[TLS_MAX_HASH_LEN], handshake[TLS_MAX_HASH_LEN];
    uint8_t c_hs[TLS_MAX_HASH_LEN], s_hs[TLS_MAX_HASH_LEN];
    uint8_t derived_ms[TLS_MAX_HASH_LEN], master[TLS_MAX_HASH_LEN];
    uint8_t c_ap[TLS_MAX_HASH_LEN], s_ap[TLS_MAX_HASH_LEN], exp[TLS_MAX_HASH_LEN];
    uint8_t res[TLS_MAX_HASH_LEN], psk[TLS_MAX_HASH_LEN];
    uint8_t verify_data[TLS_MAX_HASH_LEN];
    uint8_t ticket_nonce[VARIANT_TICKET_NONCE_LEN];
    struct tls_record_direction client_write, server_write;
    struct msg ch, sh, ee, cert, cv, server_fin, client_fin, nst;
    uint8_t flight[4 * MSG_CAP]; /* EncryptedExtensions .. Finished, one record */
    size_t flight_len;
};

/* Ends a message written into m (w over m->b): records a failure, adds it to the transcript. */
static void finish_msg(struct s3 *s, struct msg *m, const struct tls_writer *w, tls_result rc,
                       const char *what)
{
    m->len = 0;
    if (vt_ok(&s->g, rc, what) && vt_ok(&s->g, tls_writer_result(w, &s->g.err), what)) {
        m->len = w->len;
        vt_transcript_add(&s->g, m->b, m->len);
    }
}

/* "create an ephemeral x25519 key pair": the private key is generated, the public computed. */
static void key_pair(struct s3 *s, const char *side, struct tls_kex *kex)
{
    char name[64];
    uint8_t priv[32];
    snprintf(name, sizeof(name), "%s x25519 private key", side);
    vt_fresh(&s->g, name, priv, sizeof(priv));
    /* RFC 7748 §5: X25519(k, 9); any 32 bytes are a private key (the scalar is clamped) */
    (void)vt_ok(&s->g, tls_kex_from_private(kex, TLS_GROUP_x25519, priv, sizeof(priv)),
                "variant: x25519 key pair failed");
    vt_step(&s->g, side, "create an ephemeral x25519 key pair");
    vt_value(&s->g, "private key", priv, sizeof(priv));
    vt_value(&s->g, "public key", kex->public_key, 32);
    tls_wipe(priv, sizeof(priv));
}

static void client_hello(struct s3 *s)
{
    struct tls_client_hello_config cfg;
    struct tls_key_share_entry share;
    struct tls_client_hello_layout layout;
    struct tls_writer w;
    key_pair(s, "client", &s->client_kex);
    variant_rfc8448_client_hello(&cfg);
    vt_fresh(&s->g, "client random", cfg.random, sizeof(cfg.random));
    share.group = TLS_GROUP_x25519;
    share.key_exchange.data = s->client_kex.public_key;
    share.key_exchange.len = s->client_kex.public_len;
    cfg.key_shares = &share;
    cfg.key_shares_count = 1;
    tls_writer_init(&w, s->ch.b, sizeof(s->ch.b));
    finish_msg(s, &s->ch, &w, tls_client_hello_encode(&w, &cfg, &layout, &s->g.err),
               "variant: ClientHello encoding failed");
    vt_step(&s->g, "client", "construct a ClientHello handshake message");
    vt_value(&s->g, "ClientHello", s->ch.b, s->ch.len);
    /* §5.1: "legacy_record_version ... MAY be 0x0301 for an initial ClientHello", as §3 does */
    s->client_write.legacy_record_version = 0x0301;
    vt_record(&s->g, "client", "send handshake record", &s->client_write, TLS_CT_handshake,
              s->ch.b, s->ch.len);
}

static void server_hello_message(struct s3 *s)
{
    uint8_t random[TLS_RANDOM_LEN], share[4 + 32];
    static const uint8_t tls13[] = {0x03, 0x04};
    struct tls_writer w;
    vt_fresh(&s->g, "server random", random, sizeof(random));
    /* §4.2.8: KeyShareServerHello { KeyShareEntry server_share } = group, key_exchange<1..> */
    share[0] = 0x00;
    share[1] = (uint8_t)TLS_GROUP_x25519;
    share[2] = 0x00;
    share[3] = 32;
    memcpy(share + 4, s->server_kex.public_key, 32);
    const struct tls_extension exts[] = {
        {TLS_EXT_key_share, {share, sizeof(share)}},
        {TLS_EXT_supported_versions, {tls13, sizeof(tls13)}}, /* §4.2.1: selected_version */
    };
    const struct tls_server_hello_config cfg = {
        0x0303, random, {NULL, 0}, TLS_SUITE_TLS_AES_128_GCM_SHA256, 0, exts, 2,
    };
    tls_writer_init(&w, s->sh.b, sizeof(s->sh.b));
    finish_msg(s, &s->sh, &w, tls_server_hello_encode(&w, &cfg, &s->g.err),
               "variant: ServerHello encoding failed");
    vt_step(&s->g, "server", "construct a ServerHello handshake message");
    vt_value(&s->g, "ServerHello", s->sh.b, s->sh.len);
}

static void server_hello(struct s3 *s)
{
    static const uint8_t no_psk[TLS_MAX_HASH_LEN]; /* §7.1: no PSK: Hash.length zeros */
    uint8_t shared[TLS_MAX_SHARED_SECRET_LEN];
    size_t shared_len = 0;
    struct vt *g = &s->g;
    vt_extract(g, "server", "extract secret \"early\"", NULL, no_psk, g->hlen, s->early);
    key_pair(s, "server", &s->server_kex);
    server_hello_message(s);
    vt_derived(g, "server", "derive secret for handshake \"tls13 derived\"", s->early,
               s->derived_hs);
    /* §7.4.2: the x25519 shared secret is the (EC)DHE input of the handshake secret */
    memset(shared, 0, sizeof(shared));
    (void)vt_ok(g, tls_kex_shared_secret(&s->server_kex, s->client_kex.public_key, 32, shared,
                                         &shared_len, &g->err),
                "variant: x25519 shared secret failed");
    vt_extract(g, "server", "extract secret \"handshake\"", s->derived_hs, shared, 32, s->handshake);
    tls_wipe(shared, sizeof(shared));
    vt_derive_secret(g, "server", "derive secret \"tls13 c hs traffic\"", s->handshake,
                     "c hs traffic", s->c_hs);
    vt_derive_secret(g, "server", "derive secret \"tls13 s hs traffic\"", s->handshake,
                     "s hs traffic", s->s_hs);
    vt_derived(g, "server", "derive secret for master \"tls13 derived\"", s->handshake,
               s->derived_ms);
    vt_extract(g, "server", "extract secret \"master\"", s->derived_ms, no_psk, g->hlen, s->master);
    vt_record(g, "server", "send handshake record", &s->server_write, TLS_CT_handshake, s->sh.b,
              s->sh.len);
}

/* Appends m to the server's one protected handshake record. */
static void to_flight(struct s3 *s, const struct msg *m)
{
    if (m->len <= sizeof(s->flight) - s->flight_len) {
        memcpy(s->flight + s->flight_len, m->b, m->len);
        s->flight_len += m->len;
    }
}

/* §4.4.3: the signature covers 64 spaces, the server context string, 0, Transcript-Hash. */
static void certificate_verify(struct s3 *s)
{
    uint8_t hash[TLS_MAX_HASH_LEN], content[TLS_CV_SIGNED_CONTENT_MAX], sig[512], salt_seed[32];
    size_t content_len = 0, sig_len = 0;
    struct tls_drbg *drbg = NULL;
    struct tls_writer w;
    struct vt *g = &s->g;
    vt_transcript_hash(g, hash);
    (void)vt_ok(g, tls_certificate_verify_signed_content(true, hash, g->hlen, content,
                                                         sizeof(content), &content_len, &g->err),
                "variant: CertificateVerify content failed");
    /* RSASSA-PSS draws its salt from a DRBG seeded by the ID's seed: the same ID signs alike */
    vt_fresh(g, "RSA-PSS salt", salt_seed, sizeof(salt_seed));
    if (vt_ok(g, tls_drbg_create_deterministic(&drbg, salt_seed, sizeof(salt_seed)),
              "variant: DRBG failed")) {
        struct tls_rng rng = tls_drbg_rng(drbg);
        (void)vt_ok(g, tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha256, &variant_rfc8448_rsa_key,
                                        content, content_len, &rng, sig, sizeof(sig), &sig_len,
                                        &g->err),
                    "variant: RSA-PSS signing failed");
    }
    tls_drbg_free(drbg);
    tls_writer_init(&w, s->cv.b, sizeof(s->cv.b));
    finish_msg(s, &s->cv, &w,
               tls_certificate_verify_encode(&w, TLS_SIG_rsa_pss_rsae_sha256, sig, sig_len, &g->err),
               "variant: CertificateVerify encoding failed");
    vt_step(g, "server", "construct a CertificateVerify handshake message");
    vt_value(g, "CertificateVerify", s->cv.b, s->cv.len);
}

static void server_flight(struct s3 *s)
{
    struct tls_traffic_keys keys;
    struct tls_certificate cert;
    struct tls_writer w;
    struct vt *g = &s->g;
    vt_traffic_keys(g, "server", "derive write traffic keys for handshake data", s->s_hs, &keys);
    tls_record_direction_install_keys(&s->server_write, &keys);

    tls_writer_init(&w, s->ee.b, sizeof(s->ee.b));
    finish_msg(s, &s->ee, &w,
               tls_encrypted_extensions_encode(&w, variant_rfc8448_ee_extensions, 3, &g->err),
               "variant: EncryptedExtensions encoding failed");
    vt_step(g, "server", "construct an EncryptedExtensions handshake message");
    vt_value(g, "EncryptedExtensions", s->ee.b, s->ee.len);

    memset(&cert, 0, sizeof(cert));
    cert.count = 1;
    cert.certificate_list[0].cert_data.data = variant_rfc8448_certificate;
    cert.certificate_list[0].cert_data.len = sizeof(variant_rfc8448_certificate);
    tls_writer_init(&w, s->cert.b, sizeof(s->cert.b));
    finish_msg(s, &s->cert, &w, tls_certificate_encode(&w, &cert, &g->err),
               "variant: Certificate encoding failed");
    vt_step(g, "server", "construct a Certificate handshake message");
    vt_value(g, "Certificate", s->cert.b, s->cert.len);

    certificate_verify(s);

    vt_finished(g, "server", "calculate finished \"tls13 finished\"", s->s_hs, s->verify_data);
    tls_writer_init(&w, s->server_fin.b, sizeof(s->server_fin.b));
    finish_msg(s, &s->server_fin, &w, tls_finished_encode(&w, s->verify_data, g->hlen, &g->err),
               "variant: Finished encoding failed");
    vt_step(g, "server", "construct a Finished handshake message");
    vt_value(g, "Finished", s->server_fin.b, s->server_fin.len);

    to_flight(s, &s->ee);
    to_flight(s, &s->cert);
    to_flight(s, &s->cv);
    to_flight(s, &s->server_fin);
    vt_record(g, "server", "send handshake record", &s->server_write, TLS_CT_handshake, s->flight,
              s->flight_len);
}

static void server_application_keys(struct s3 *s)
{
    struct tls_traffic_keys keys, unused;
    struct vt *g = &s->g;
    vt_derive_secret(g, "server", "derive secret \"tls13 c ap traffic\"", s->master,
                     "c ap traffic", s->c_ap);
    vt_derive_secret(g, "server", "derive secret \"tls13 s ap traffic\"", s->master,
                     "s ap traffic", s->s_ap);
    vt_derive_secret(g, "server", "derive secret \"tls13 exp master\"", s->master, "exp master",
                     s->exp);
    vt_traffic_keys(g, "server", "derive write traffic keys for application data", s->s_ap, &keys);
    tls_record_direction_install_keys(&s->server_write, &keys);
    /* the server reads the client's Finished with these: printed, not used here */
    vt_traffic_keys(g, "server", "derive read traffic keys for handshake data", s->c_hs, &unused);
    tls_traffic_keys_wipe(&unused);
}

/* The client repeats the server's derivations; §3 prints only the first of them again. */
static void client_catches_up(struct s3 *s)
{
    static const char *const same[] = {
        "extract secret \"handshake\" (same as server handshake\n      secret)",
        "derive secret \"tls13 c hs traffic\" (same as server)",
        "derive secret \"tls13 s hs traffic\" (same as server)",
        "derive secret for master \"tls13 derived\" (same as server)",
        "extract secret \"master\" (same as server master secret)",
        "derive read traffic keys for handshake data (same as server\n      handshake data write "
        "traffic keys)",
        "calculate finished \"tls13 finished\" (same as server)",
        "derive secret \"tls13 c ap traffic\" (same as server)",
        "derive secret \"tls13 s ap traffic\" (same as server)",
        "derive secret \"tls13 exp master\" (same as server)",
        "derive write traffic keys for handshake data (same as\n      server handshake data read "
        "traffic keys)",
        "derive read traffic keys for application data (same as\n      server application data "
        "write traffic keys)",
    };
    uint8_t derived[TLS_MAX_HASH_LEN];
    vt_same(&s->g, "client", "extract secret \"early\" (same as server early secret)");
    vt_derived(&s->g, "client", "derive secret for handshake \"tls13 derived\"", s->early, derived);
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        vt_same(&s->g, "client", same[i]);
    }
}

static void client_finished(struct s3 *s)
{
    struct tls_traffic_keys keys;
    struct tls_writer w;
    struct vt *g = &s->g;
    client_catches_up(s);
    /* §4.4.4: BaseKey of the client's Finished is client_handshake_traffic_secret */
    vt_finished(g, "client", "calculate finished \"tls13 finished\"", s->c_hs, s->verify_data);
    tls_writer_init(&w, s->client_fin.b, sizeof(s->client_fin.b));
    finish_msg(s, &s->client_fin, &w, tls_finished_encode(&w, s->verify_data, g->hlen, &g->err),
               "variant: Finished encoding failed");
    vt_step(g, "client", "construct a Finished handshake message");
    vt_value(g, "Finished", s->client_fin.b, s->client_fin.len);
    /* the client's write keys for handshake data (same as the server's read keys) */
    (void)vt_ok(g, tls_traffic_keys_derive(g->suite, s->c_hs, &keys), "variant: keys failed");
    tls_record_direction_install_keys(&s->client_write, &keys);
    vt_record(g, "client", "send handshake record", &s->client_write, TLS_CT_handshake,
              s->client_fin.b, s->client_fin.len);
    vt_traffic_keys(g, "client", "derive write traffic keys for application data", s->c_ap, &keys);
    tls_record_direction_install_keys(&s->client_write, &keys);
    /* §7.1: resumption_master_secret covers the transcript up to the client Finished */
    vt_derive_secret(g, "client", "derive secret \"tls13 res master\"", s->master, "res master",
                     s->res);
}

static void new_session_ticket(struct s3 *s)
{
    uint8_t age_add[4], ticket[VARIANT_TICKET_LEN];
    struct tls_writer w;
    struct vt *g = &s->g;
    vt_same(g, "server", "calculate finished \"tls13 finished\" (same as client)");
    vt_same(g, "server", "derive read traffic keys for application data (same as\n      client "
                         "application data write traffic keys)");
    vt_same(g, "server", "derive secret \"tls13 res master\" (same as client)");
    /* §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) */
    vt_fresh(g, "ticket_nonce", s->ticket_nonce, sizeof(s->ticket_nonce));
    vt_expand_label(g, "server", "generate resumption secret \"tls13 resumption\"", s->res,
                    "resumption", s->ticket_nonce, sizeof(s->ticket_nonce), s->psk);
    vt_fresh(g, "ticket_age_add", age_add, sizeof(age_add));
    vt_fresh(g, "ticket", ticket, sizeof(ticket));
    const struct tls_bytes nonce = {s->ticket_nonce, sizeof(s->ticket_nonce)};
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

/* §3's application data (50 octets 00..31) both ways, then close_notify both ways (§6.1). */
static void application_data_and_close(struct s3 *s)
{
    static const uint8_t close_notify[] = {TLS_ALERT_LEVEL_warning, TLS_ALERT_close_notify};
    uint8_t data[50];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)i;
    }
    vt_record(&s->g, "client", "send application_data record", &s->client_write,
              TLS_CT_application_data, data, sizeof(data));
    vt_record(&s->g, "server", "send application_data record", &s->server_write,
              TLS_CT_application_data, data, sizeof(data));
    vt_record(&s->g, "client", "send alert record", &s->client_write, TLS_CT_alert, close_notify,
              sizeof(close_notify));
    vt_record(&s->g, "server", "send alert record", &s->server_write, TLS_CT_alert, close_notify,
              sizeof(close_notify));
}

static void header(struct vt *g, const char *id)
{
    vt_text(g, "# A variant of RFC 8448 section 3 \"Simple 1-RTT Handshake\", written by\n"
               "# `tls13 variant` for the ID \"%s\".\n", id);
    vt_text(g, "# The same steps, labels and octet counts as the RFC. The randoms, ephemeral keys,\n"
               "# RSA-PSS salt and ticket are HKDF-Expand(seed, name, length) with\n"
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

static void wipe(struct s3 *s)
{
    tls_kex_wipe(&s->client_kex);
    tls_kex_wipe(&s->server_kex);
    tls_record_direction_wipe(&s->client_write);
    tls_record_direction_wipe(&s->server_write);
    tls_wipe(s, sizeof(*s));
}

tls_result variant_generate(const char *id, struct variant_text *out, struct tls_error *err)
{
    const char *problem = variant_id_problem(id);
    if (problem != NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, problem);
    }
    struct s3 *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "variant: out of memory");
    }
    struct vt *g = &s->g;
    g->out = out;
    g->suite = tls_cipher_suite_find(TLS_SUITE_TLS_AES_128_GCM_SHA256);
    g->alg = g->suite->hash;
    g->hlen = tls_hash_len(g->alg);
    /* seed = SHA-256(domain || 0x00 || ID) */
    uint8_t input[sizeof(seed_domain) + VARIANT_ID_MAX];
    size_t id_len = strlen(id);
    memcpy(input, seed_domain, sizeof(seed_domain)); /* with its NUL: the 0x00 separator */
    memcpy(input + sizeof(seed_domain), id, id_len);
    (void)vt_ok(g, tls_hash(TLS_HASH_SHA256, input, sizeof(seed_domain) + id_len, g->seed),
                "variant: SHA-256 failed");
    tls_record_direction_init(&s->client_write);
    tls_record_direction_init(&s->server_write);

    header(g, id);
    client_hello(s);
    server_hello(s);
    server_flight(s);
    server_application_keys(s);
    client_finished(s);
    new_session_ticket(s);
    application_data_and_close(s);

    tls_result rc = g->failed;
    if (rc == TLS_OK && out->oom) {
        rc = tls_fail(&g->err, TLS_ALERT_internal_error, "variant: out of memory");
    }
    if (rc != TLS_OK) {
        (void)tls_fail_code(err, rc, g->err.reason != NULL ? g->err.reason : "variant failed");
    }
    wipe(s);
    free(s);
    return rc;
}
