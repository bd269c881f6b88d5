/*
 * variant_hs.c — the steps RFC 8448 §3 and §5 share, from the server's early secret to the
 * client's resumption_master_secret, and the close (see variant_hs.h).
 *
 * Per step, the RFC 8446 rule it applies:
 *
 *   early / handshake / master secrets, "derived"    §7.1 (no PSK: IKM of Hash.length zeros)
 *   ServerHello (key_share, supported_versions)      §4.1.3, §4.2.8, §4.2.1
 *   handshake and application traffic secrets        §7.1 Derive-Secret over the transcript
 *   write keys and ivs                               §7.3
 *   EncryptedExtensions, Certificate                 §4.3.1, §4.4.2
 *   CertificateVerify (rsa_pss_rsae_sha256)          §4.4.3, signed with RFC 8448 §2's key
 *   Finished (server, then client)                   §4.4.4
 *   resumption_master_secret                         §7.1
 *   records, protected with sequence numbers         §5.1, §5.2, §5.3
 */
#include "cli/variant_hs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/variant_rfc8448.h"
#include "common/names.h"
#include "crypto/rng.h"
#include "crypto/sign.h"
#include "crypto/suite.h"
#include "crypto/util.h"
#include "handshake/certificate.h"
#include "handshake/certificate_verify.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/finished.h"
#include "handshake/server_hello.h"

/* Ends a message written into m (w over m->b): records a failure, adds it to the transcript. */
void vhs_finish_msg(struct vhs *s, struct vhs_msg *m, const struct tls_writer *w, tls_result rc,
                    const char *what)
{
    m->len = 0;
    if (vt_ok(&s->g, rc, what) && vt_ok(&s->g, tls_writer_result(w, &s->g.err), what)) {
        m->len = w->len;
        vt_transcript_add(&s->g, m->b, m->len);
    }
}

/* "x25519" or "P-256", as RFC 8448 names the groups in its headings. */
static const char *group_text(uint16_t group)
{
    return group == TLS_GROUP_x25519 ? "x25519" : "P-256";
}

/* "create an ephemeral G key pair": the private key is generated, the public computed. */
void vhs_key_pair(struct vhs *s, const char *side, uint16_t group, struct tls_kex *kex)
{
    char name[64], heading[64];
    uint8_t priv[32];
    snprintf(name, sizeof(name), "%s %s private key", side, group_text(group));
    snprintf(heading, sizeof(heading), "create an ephemeral %s key pair", group_text(group));
    vt_fresh(&s->g, name, priv, sizeof(priv));
    /* RFC 7748 §5: X25519(k, 9), any 32 bytes are a private key (the scalar is clamped);
     * P-256: d * G, d must be in [1, n-1] (fails for one ID in about 2^32) */
    (void)vt_ok(&s->g, tls_kex_from_private(kex, group, priv, sizeof(priv), NULL),
                "variant: the key pair failed (a P-256 private key out of range)");
    vt_step(&s->g, side, heading);
    vt_value(&s->g, "private key", priv, sizeof(priv));
    vt_value(&s->g, "public key", kex->public_key, kex->public_len);
    tls_wipe(priv, sizeof(priv));
}

static void server_hello_message(struct vhs *s)
{
    uint8_t random[TLS_RANDOM_LEN], share[4 + TLS_MAX_KEY_SHARE_LEN];
    static const uint8_t tls13[] = {0x03, 0x04};
    struct tls_writer w;
    vt_fresh(&s->g, "server random", random, sizeof(random));
    /* §4.2.8: KeyShareServerHello { KeyShareEntry server_share } = group, key_exchange<1..> */
    size_t len = s->server_kex.public_len;
    share[0] = (uint8_t)(s->group >> 8);
    share[1] = (uint8_t)s->group;
    share[2] = (uint8_t)(len >> 8);
    share[3] = (uint8_t)len;
    memcpy(share + 4, s->server_kex.public_key, len);
    const struct tls_extension exts[] = {
        {TLS_EXT_key_share, {share, 4 + len}},
        {TLS_EXT_supported_versions, {tls13, sizeof(tls13)}}, /* §4.2.1: selected_version */
    };
    const struct tls_server_hello_config cfg = {
        0x0303, random, {NULL, 0}, TLS_SUITE_TLS_AES_128_GCM_SHA256, 0, exts, 2,
    };
    tls_writer_init(&w, s->sh.b, sizeof(s->sh.b));
    vhs_finish_msg(s, &s->sh, &w, tls_server_hello_encode(&w, &cfg, &s->g.err),
               "variant: ServerHello encoding failed");
    vt_step(&s->g, "server", "construct a ServerHello handshake message");
    vt_value(&s->g, "ServerHello", s->sh.b, s->sh.len);
}

void vhs_server_hello(struct vhs *s)
{
    static const uint8_t no_psk[TLS_MAX_HASH_LEN]; /* §7.1: no PSK: Hash.length zeros */
    uint8_t shared[TLS_MAX_SHARED_SECRET_LEN];
    size_t shared_len = 0;
    struct vt *g = &s->g;
    vt_extract(g, "server", "extract secret \"early\"", NULL, no_psk, g->hlen, s->early);
    vhs_key_pair(s, "server", s->group, &s->server_kex);
    server_hello_message(s);
    vt_derived(g, "server", "derive secret for handshake \"tls13 derived\"", s->early,
               s->derived_hs);
    /* §7.4.2: the (EC)DHE shared secret is the (EC)DHE input of the handshake secret */
    memset(shared, 0, sizeof(shared));
    (void)vt_ok(g, tls_kex_shared_secret(&s->server_kex, s->client_kex.public_key,
                                         s->client_kex.public_len, shared, &shared_len, &g->err),
                "variant: (EC)DHE shared secret failed");
    vt_extract(g, "server", "extract secret \"handshake\"", s->derived_hs, shared, shared_len,
               s->handshake);
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
static void to_flight(struct vhs *s, const struct vhs_msg *m)
{
    if (m->len <= sizeof(s->flight) - s->flight_len) {
        memcpy(s->flight + s->flight_len, m->b, m->len);
        s->flight_len += m->len;
    }
}

/* §4.4.3: the signature covers 64 spaces, the server context string, 0, Transcript-Hash. */
static void certificate_verify(struct vhs *s)
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
    if (vt_ok(g, tls_drbg_create_deterministic(&drbg, salt_seed, sizeof(salt_seed), NULL),
              "variant: DRBG failed")) {
        struct tls_rng rng = tls_drbg_rng(drbg);
        (void)vt_ok(g, tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha256, &variant_rfc8448_rsa_key,
                                        content, content_len, &rng, sig, sizeof(sig), &sig_len,
                                        &g->err),
                    "variant: RSA-PSS signing failed");
    }
    tls_drbg_free(drbg);
    tls_writer_init(&w, s->cv.b, sizeof(s->cv.b));
    vhs_finish_msg(s, &s->cv, &w,
               tls_certificate_verify_encode(&w, TLS_SIG_rsa_pss_rsae_sha256, sig, sig_len,
                                             &g->err),
               "variant: CertificateVerify encoding failed");
    vt_step(g, "server", "construct a CertificateVerify handshake message");
    vt_value(g, "CertificateVerify", s->cv.b, s->cv.len);
}

void vhs_server_flight(struct vhs *s)
{
    struct tls_traffic_keys keys;
    struct tls_certificate cert;
    struct tls_writer w;
    struct vt *g = &s->g;
    vt_traffic_keys(g, "server", "derive write traffic keys for handshake data", s->s_hs, &keys);
    tls_record_direction_install_keys(&s->server_write, &keys, NULL);

    tls_writer_init(&w, s->ee.b, sizeof(s->ee.b));
    vhs_finish_msg(s, &s->ee, &w,
               tls_encrypted_extensions_encode(&w, s->ee_extensions, 3, &g->err),
               "variant: EncryptedExtensions encoding failed");
    vt_step(g, "server", "construct an EncryptedExtensions handshake message");
    vt_value(g, "EncryptedExtensions", s->ee.b, s->ee.len);

    memset(&cert, 0, sizeof(cert));
    cert.count = 1;
    cert.certificate_list[0].cert_data.data = variant_rfc8448_certificate;
    cert.certificate_list[0].cert_data.len = sizeof(variant_rfc8448_certificate);
    tls_writer_init(&w, s->cert.b, sizeof(s->cert.b));
    vhs_finish_msg(s, &s->cert, &w, tls_certificate_encode(&w, &cert, &g->err),
               "variant: Certificate encoding failed");
    vt_step(g, "server", "construct a Certificate handshake message");
    vt_value(g, "Certificate", s->cert.b, s->cert.len);

    certificate_verify(s);

    vt_finished(g, "server", "calculate finished \"tls13 finished\"", s->s_hs, s->verify_data);
    tls_writer_init(&w, s->server_fin.b, sizeof(s->server_fin.b));
    vhs_finish_msg(s, &s->server_fin, &w, tls_finished_encode(&w, s->verify_data, g->hlen, &g->err),
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

void vhs_server_application_keys(struct vhs *s)
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
    tls_record_direction_install_keys(&s->server_write, &keys, NULL);
    /* the server reads the client's Finished with these: printed, not used here */
    vt_traffic_keys(g, "server", "derive read traffic keys for handshake data", s->c_hs, &unused);
    tls_traffic_keys_wipe(&unused);
}

/* The client repeats the server's derivations; §3 prints only the first of them again. */
static void client_catches_up(struct vhs *s)
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

void vhs_client_finished(struct vhs *s)
{
    struct tls_traffic_keys keys;
    struct tls_writer w;
    struct vt *g = &s->g;
    client_catches_up(s);
    /* §4.4.4: BaseKey of the client's Finished is client_handshake_traffic_secret */
    vt_finished(g, "client", "calculate finished \"tls13 finished\"", s->c_hs, s->verify_data);
    tls_writer_init(&w, s->client_fin.b, sizeof(s->client_fin.b));
    vhs_finish_msg(s, &s->client_fin, &w, tls_finished_encode(&w, s->verify_data, g->hlen, &g->err),
               "variant: Finished encoding failed");
    vt_step(g, "client", "construct a Finished handshake message");
    vt_value(g, "Finished", s->client_fin.b, s->client_fin.len);
    /* the client's write keys for handshake data (same as the server's read keys) */
    (void)vt_ok(g, tls_traffic_keys_derive(g->suite, s->c_hs, &keys, NULL), "variant: keys failed");
    tls_record_direction_install_keys(&s->client_write, &keys, NULL);
    vt_record(g, "client", "send handshake record", &s->client_write, TLS_CT_handshake,
              s->client_fin.b, s->client_fin.len);
    vt_traffic_keys(g, "client", "derive write traffic keys for application data", s->c_ap, &keys);
    tls_record_direction_install_keys(&s->client_write, &keys, NULL);
    /* §7.1: resumption_master_secret covers the transcript up to the client Finished */
    vt_derive_secret(g, "client", "derive secret \"tls13 res master\"", s->master, "res master",
                     s->res);
}

void vhs_close(struct vhs *s)
{
    /* §6.1: "Each party MUST send a "close_notify" alert before closing its write side" */
    static const uint8_t close_notify[] = {TLS_ALERT_LEVEL_warning, TLS_ALERT_close_notify};
    vt_record(&s->g, "client", "send alert record", &s->client_write, TLS_CT_alert, close_notify,
              sizeof(close_notify));
    vt_record(&s->g, "server", "send alert record", &s->server_write, TLS_CT_alert, close_notify,
              sizeof(close_notify));
}

static void wipe(struct vhs *s)
{
    tls_kex_wipe(&s->client_kex);
    tls_kex_wipe(&s->server_kex);
    tls_kex_wipe(&s->client_kex_first);
    tls_record_direction_wipe(&s->client_write);
    tls_record_direction_wipe(&s->server_write);
    tls_wipe(s, sizeof(*s));
}

tls_result vhs_generate(const char *domain, vhs_steps_fn steps, const char *id,
                        struct variant_text *out, struct tls_error *err)
{
    const char *problem = variant_id_problem(id);
    if (problem != NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, problem);
    }
    struct vhs *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "variant: out of memory");
    }
    struct vt *g = &s->g;
    g->out = out;
    g->suite = tls_cipher_suite_find(TLS_SUITE_TLS_AES_128_GCM_SHA256);
    g->alg = g->suite->hash;
    g->hlen = tls_hash_len(g->alg);
    /* seed = SHA-256(domain || 0x00 || ID) */
    uint8_t input[128 + 1 + VARIANT_ID_MAX];
    size_t domain_len = strlen(domain), id_len = strlen(id);
    if (domain_len > 128) {
        free(s);
        return tls_fail(err, TLS_ALERT_internal_error, "variant: domain string too long");
    }
    memcpy(input, domain, domain_len);
    input[domain_len] = 0x00;
    memcpy(input + domain_len + 1, id, id_len);
    (void)vt_ok(g, tls_hash(TLS_HASH_SHA256, input, domain_len + 1 + id_len, g->seed, err),
                "variant: SHA-256 failed");
    tls_record_direction_init(&s->client_write);
    tls_record_direction_init(&s->server_write);
    steps(s, id);
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
