/*
 * client_offer.c — what the client sends first: ClientHello (RFC 8446 §4.1.2), and the second
 * ClientHello after a HelloRetryRequest (§4.1.4).
 *
 * Implementation notes
 * --------------------
 * Everything the server later says is checked against what we offered: the cipher suite must be
 * one we sent (§4.1.3), its key share must be for a group we sent a share for (§4.2.8), every
 * extension it answers must be one we sent (§4.2). So the offer is recorded from the ClientHello
 * *bytes* (tls_client_offer in client_internal.h), whichever way they were made: built from the
 * configuration here, or replayed from a recorded trace by a test. One record of the offer, one
 * set of checks.
 *
 * Middlebox compatibility mode (Appendix D.4) is on by default: a 32-byte random
 * legacy_session_id, and a ChangeCipherSpec before our second flight.
 *
 * A ticket (config.ticket) adds pre_shared_key, always the last extension (§4.2.11), and
 * early_data when 0-RTT data goes along (§4.2.10); client_psk.c decides both and fills in the
 * binder once the rest of the message is final.
 */
#include <string.h>

#include "crypto/suite.h"
#include "crypto/x509_name.h"
#include "handshake/client_internal.h"

/* Defaults: the three groups this client implements, a key share for the first (x25519). */
static const uint16_t default_groups[] = {TLS_GROUP_x25519, TLS_GROUP_secp256r1, TLS_GROUP_secp384r1};

/*
 * signature_algorithms (§4.2.3): the schemes we can verify in CertificateVerify, then the
 * rsa_pkcs1_* schemes, which "refer solely to signatures which appear in certificates" — most
 * CAs still sign RSA certificates that way, so a client that left them out could not verify
 * ordinary chains. CertificateVerify itself refuses them (client_server_auth.c).
 */
static const uint16_t default_signature_schemes[] = {
    TLS_SIG_ecdsa_secp256r1_sha256, TLS_SIG_ecdsa_secp384r1_sha384, TLS_SIG_rsa_pss_rsae_sha256,
    TLS_SIG_rsa_pss_rsae_sha384,    TLS_SIG_rsa_pss_rsae_sha512,    TLS_SIG_rsa_pkcs1_sha256,
    TLS_SIG_rsa_pkcs1_sha384,       TLS_SIG_rsa_pkcs1_sha512,
};

/* psk_key_exchange_modes: psk_dhe_ke only (§4.2.9). Sent always: servers send tickets only to
 * clients that sent it. */
static const uint8_t psk_dhe_ke[] = {TLS_PSK_DHE_KE};

/* Copies a list of code points from the configuration (or the defaults) into the offer. */
static tls_result copy_list(struct tls_client *c, const uint16_t *list, size_t n,
                            const uint16_t *defaults, size_t default_n, uint16_t *dst,
                            size_t cap, size_t *count)
{
    if (list == NULL || n == 0) {
        list = defaults;
        n = default_n;
    }
    if (n > cap) {
        return tls_client_fail(c, TLS_ALERT_internal_error, "configuration: list too long");
    }
    memcpy(dst, list, n * sizeof(*dst));
    *count = n;
    return TLS_OK;
}

/* Suites, groups and schemes from the configuration, checked against what is implemented. */
static tls_result choose_parameters(struct tls_client *c)
{
    const struct tls_client_config *cfg = c->config;
    struct tls_client_offer *o = &c->offer;
    size_t n_suites;
    const struct tls_cipher_suite *suites = tls_cipher_suites(&n_suites);
    uint16_t default_suites[TLS_MAX_SUITES];
    for (size_t i = 0; i < n_suites && i < TLS_MAX_SUITES; i++) {
        default_suites[i] = suites[i].id;
    }
    TRY(copy_list(c, cfg->cipher_suites, cfg->cipher_suite_count, default_suites, n_suites,
                  o->cipher_suites, TLS_MAX_SUITES, &o->cipher_suite_count));
    TRY(copy_list(c, cfg->groups, cfg->group_count, default_groups,
                  sizeof(default_groups) / sizeof(default_groups[0]), o->groups, TLS_MAX_GROUPS,
                  &o->group_count));
    TRY(copy_list(c, cfg->signature_schemes, cfg->signature_scheme_count,
                  default_signature_schemes,
                  sizeof(default_signature_schemes) / sizeof(default_signature_schemes[0]),
                  o->signature_schemes, TLS_MAX_SIG_SCHEMES, &o->signature_scheme_count));
    for (size_t i = 0; i < o->cipher_suite_count; i++) {
        if (tls_cipher_suite_find(o->cipher_suites[i]) == NULL) {
            return tls_client_fail(c, TLS_ALERT_internal_error,
                                   "configuration: cipher suite not implemented by this client");
        }
    }
    for (size_t i = 0; i < o->group_count; i++) {
        if (!tls_kex_supported(o->groups[i])) {
            return tls_client_fail(c, TLS_ALERT_internal_error,
                                   "configuration: group not implemented by this client");
        }
    }
    if (cfg->alpn_count > TLS_MAX_ALPN) {
        return tls_client_fail(c, TLS_ALERT_internal_error, "configuration: too many ALPN names");
    }
    for (size_t i = 0; i < cfg->alpn_count; i++) {
        size_t len = strlen(cfg->alpn[i]);
        if (len == 0 || len > TLS_MAX_ALPN_LEN) {
            return tls_client_fail(c, TLS_ALERT_internal_error,
                                   "configuration: ALPN name empty or too long");
        }
        memcpy(o->alpn[i], cfg->alpn[i], len + 1);
    }
    o->alpn_count = cfg->alpn_count;
    return TLS_OK;
}

tls_result tls_client_offer_init(struct tls_client *c)
{
    const struct tls_client_config *cfg = c->config;
    struct tls_client_offer *o = &c->offer;
    TRY(choose_parameters(c));
    /* Whether config.ticket can be offered (and early data sent with it): client_psk.c. */
    TRY(tls_client_psk_choose(c));
    if (c->replay != NULL) {
        /* Everything else comes from the replayed ClientHello (remember_offer below). */
        return TLS_OK;
    }

    /* §4.1.2: "random: 32 bytes generated by a secure random number generator." */
    TRY(tls_random(&cfg->rng, o->random, TLS_RANDOM_LEN, &c->error));

    /* App. D.4: "the client MUST send a non-empty session ID" in compatibility mode. */
    if (!cfg->no_middlebox_compat) {
        TRY(tls_random(&cfg->rng, o->legacy_session_id, TLS_MAX_SESSION_ID_LEN, &c->error));
        o->legacy_session_id_len = TLS_MAX_SESSION_ID_LEN;
    }

    /* §4.2.8: shares for the first key_share_count groups (default: one, for x25519). */
    size_t shares = cfg->key_share_count == 0 ? 1 : cfg->key_share_count;
    if (shares > o->group_count) {
        shares = o->group_count;
    }
    for (size_t i = 0; i < shares; i++) {
        TRY(tls_kex_generate(&o->key_shares[i], o->groups[i], &cfg->rng, &c->error));
    }
    o->key_share_count = shares;
    return TLS_OK;
}

/*
 * Encodes a ClientHello into c->hello, with our ticket as its pre_shared_key when we offer one
 * (§4.2.11: the last extension). The binder is written as zeros here: it covers the ClientHello
 * up to the binders, so tls_client_psk_write_binder() computes it once the rest is final.
 */
static tls_result encode_client_hello(struct tls_client *c, struct tls_client_hello_config *hello,
                                      size_t *len)
{
    struct tls_psk_identity identity;
    size_t binder_len;
    if (c->offer_ticket) {
        tls_client_psk_identity(c, &identity, &binder_len);
        hello->psk_identities = &identity;
        hello->psk_binder_lens = &binder_len;
        hello->psk_count = 1;
    }
    struct tls_writer w;
    struct tls_client_hello_layout layout;
    struct tls_error err = {0};
    tls_writer_init(&w, c->hello, sizeof(c->hello));
    if (tls_client_hello_encode(&w, hello, &layout, &err) != TLS_OK) {
        /* c->hello holds the largest extensions<8..2^16-1> block §4.1.2 allows, so with a
         * cookie the only way to overflow is a cookie too long to sit in that block next to
         * our other extensions: §4.2.2 says we MUST echo it, §4.1.2 that we cannot. The
         * server's HelloRetryRequest asked for an impossible ClientHello: illegal_parameter
         * (§6: "inconsistent with other fields"). (HRR-13) */
        if (hello->cookie.len > 0 && w.overflow) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 8446 §4.2.2, §4.1.2: the HelloRetryRequest cookie is too long to echo in ClientHello.extensions<8..2^16-1>");
        }
        return tls_client_fail(c, tls_result_alert(err.code), err.reason);
    }
    *len = w.len;
    return TLS_OK;
}

/* Builds ClientHello(1 or 2) from the configuration into c->hello. */
static tls_result build_client_hello(struct tls_client *c, bool second, size_t *len)
{
    const struct tls_client_config *cfg = c->config;
    struct tls_client_offer *o = &c->offer;
    struct tls_key_share_entry shares[TLS_MAX_GROUPS];
    for (size_t i = 0; i < o->key_share_count; i++) {
        shares[i].group = o->key_shares[i].group;
        shares[i].key_exchange.data = o->key_shares[i].public_key;
        shares[i].key_exchange.len = o->key_shares[i].public_len;
    }
    struct tls_bytes alpn[TLS_MAX_ALPN];
    for (size_t i = 0; i < o->alpn_count; i++) {
        alpn[i].data = (const uint8_t *)o->alpn[i];
        alpn[i].len = strlen(o->alpn[i]);
    }
    struct tls_client_hello_config hello = {
        .legacy_session_id = {o->legacy_session_id, o->legacy_session_id_len},
        .cipher_suites = o->cipher_suites,
        .cipher_suites_count = o->cipher_suite_count,
        .supported_groups = o->groups,
        .supported_groups_count = o->group_count,
        .key_shares = shares,
        .key_shares_count = o->key_share_count,
        .signature_algorithms = o->signature_schemes,
        .signature_algorithms_count = o->signature_scheme_count,
        .psk_key_exchange_modes = psk_dhe_ke,
        .psk_key_exchange_modes_count = sizeof(psk_dhe_ke),
        .alpn_protocols = alpn,
        .alpn_protocols_count = o->alpn_count,
        /* §4.1.2: ClientHello2 carries the HRR's cookie verbatim (§4.2.2). */
        .cookie = {second ? c->cookie : NULL, second ? c->cookie_len : 0},
        /* §4.2.10: "A client MUST NOT include the "early_data" extension in its followup
         * ClientHello" (send_early_data is cleared by a HelloRetryRequest). */
        .early_data = !second && c->send_early_data,
    };
    memcpy(hello.random, o->random, TLS_RANDOM_LEN);
    /* RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in "HostName"": an IP
     * server_name is checked against the certificate's iPAddress entries (RFC 9525 §6.4) but not
     * sent. */
    struct tls_reference_id ref;
    if (cfg->server_name != NULL) {
        tls_reference_id_init(&ref, cfg->server_name);
    }
    if (cfg->server_name != NULL && !ref.is_ip) {
        hello.server_name.data = (const uint8_t *)cfg->server_name;
        hello.server_name.len = strlen(cfg->server_name);
    }
    return encode_client_hello(c, &hello, len);
}

/* Records what a ClientHello offered, from its bytes (see the implementation notes). */
static tls_result remember_offer(struct tls_client *c, const uint8_t *msg, size_t len)
{
    struct tls_client_offer *o = &c->offer;
    struct tls_client_hello ch;
    TRY(tls_client_hello_parse(msg + TLS_HANDSHAKE_HEADER_LEN, len - TLS_HANDSHAKE_HEADER_LEN, &ch,
                               &c->error));
    memcpy(o->random, ch.random, TLS_RANDOM_LEN);
    memcpy(c->info.client_random, ch.random, TLS_RANDOM_LEN);
    o->legacy_session_id_len = ch.legacy_session_id.len;
    memcpy(o->legacy_session_id, ch.legacy_session_id.data, ch.legacy_session_id.len);
    o->cipher_suite_count = 0;
    for (size_t i = 0; i < ch.cipher_suites.count && i < TLS_MAX_SUITES; i++) {
        o->cipher_suites[o->cipher_suite_count++] = tls_u16_list_get(&ch.cipher_suites, i);
    }
    o->extension_count = 0;
    for (size_t i = 0; i < ch.extensions.count; i++) {
        o->extensions[o->extension_count++] = ch.extensions.list[i].extension_type;
    }
    const struct tls_extension *ext = tls_extensions_find(&ch.extensions, TLS_EXT_supported_groups);
    if (ext != NULL) {
        struct tls_u16_list groups;
        TRY(tls_ext_supported_groups_parse(ext, &groups, &c->error));
        o->group_count = 0;
        for (size_t i = 0; i < groups.count && i < TLS_MAX_GROUPS; i++) {
            o->groups[o->group_count++] = tls_u16_list_get(&groups, i);
        }
    }
    ext = tls_extensions_find(&ch.extensions, TLS_EXT_signature_algorithms);
    if (ext != NULL) {
        struct tls_u16_list schemes;
        TRY(tls_ext_signature_algorithms_parse(ext, &schemes, &c->error));
        o->signature_scheme_count = 0;
        for (size_t i = 0; i < schemes.count && i < TLS_MAX_SIG_SCHEMES; i++) {
            o->signature_schemes[o->signature_scheme_count++] = tls_u16_list_get(&schemes, i);
        }
    }
    o->psk_offered = tls_extensions_find(&ch.extensions, TLS_EXT_pre_shared_key) != NULL;
    o->early_data_offered = tls_extensions_find(&ch.extensions, TLS_EXT_early_data) != NULL;
    return TLS_OK;
}

/*
 * Replay with a template (tls_client_replay.client_hello_is_template): the recorded ClientHello
 * re-encoded with every extension raw and in order, except pre_shared_key and early_data, which
 * are ours (the same choices build_client_hello() makes), and in ClientHello2 the cookie, which
 * is the one the HelloRetryRequest actually carried.
 */
static tls_result rebuild_from_template(struct tls_client *c, bool second, const uint8_t *msg,
                                        size_t msg_len, size_t *len)
{
    struct tls_client_hello ch;
    TRY(tls_client_hello_parse(msg + TLS_HANDSHAKE_HEADER_LEN, msg_len - TLS_HANDSHAKE_HEADER_LEN,
                               &ch, &c->error));
    struct tls_extension extras[TLS_MAX_EXTENSIONS];
    uint16_t order[TLS_MAX_EXTENSIONS];
    size_t n = 0, n_order = 0;
    for (size_t i = 0; i < ch.extensions.count; i++) {
        uint16_t type = ch.extensions.list[i].extension_type;
        if (type == TLS_EXT_pre_shared_key) {
            continue; /* ours, appended last by the encoder */
        }
        if (type == TLS_EXT_early_data) {
            if (!second && c->send_early_data) {
                order[n_order++] = type; /* built in, at the recorded position */
            }
            continue;
        }
        if (type == TLS_EXT_cookie && second && c->cookie_len > 0) {
            order[n_order++] = type; /* the cookie actually received (§4.2.2), in its place */
            continue;
        }
        extras[n++] = ch.extensions.list[i];
        order[n_order++] = type;
    }
    struct tls_client_hello_config hello = {
        .legacy_session_id = ch.legacy_session_id,
        .cipher_suites_count = 0,
        .extra_extensions = extras,
        .extra_extensions_count = n,
        .extension_order = order,
        .extension_order_count = n_order,
        .early_data = !second && c->send_early_data,
        .cookie = {second ? c->cookie : NULL, second ? c->cookie_len : 0},
    };
    uint16_t suites[TLS_MAX_SUITES];
    for (size_t i = 0; i < ch.cipher_suites.count && i < TLS_MAX_SUITES; i++) {
        suites[hello.cipher_suites_count++] = tls_u16_list_get(&ch.cipher_suites, i);
    }
    hello.cipher_suites = suites;
    memcpy(hello.random, ch.random, TLS_RANDOM_LEN);
    return encode_client_hello(c, &hello, len);
}

/* Replay: the recorded ClientHello and a key pair rebuilt from the recorded private key. */
static tls_result replay_client_hello(struct tls_client *c, bool second, const uint8_t **msg,
                                      size_t *len)
{
    const struct tls_client_replay *replay = c->replay;
    int i = second ? 1 : 0;
    if (replay->client_hello[i] == NULL || replay->client_hello_len[i] > sizeof(c->hello)) {
        return tls_client_fail(c, TLS_ALERT_internal_error, "replay: no recorded ClientHello");
    }
    *msg = c->hello;
    if (replay->client_hello_is_template) {
        TRY(rebuild_from_template(c, second, replay->client_hello[i], replay->client_hello_len[i],
                                  len));
    } else {
        memcpy(c->hello, replay->client_hello[i], replay->client_hello_len[i]);
        *len = replay->client_hello_len[i];
    }

    struct tls_client_hello ch;
    TRY(tls_client_hello_parse(c->hello + TLS_HANDSHAKE_HEADER_LEN, *len - TLS_HANDSHAKE_HEADER_LEN,
                               &ch, &c->error));
    const struct tls_extension *ext = tls_extensions_find(&ch.extensions, TLS_EXT_key_share);
    struct tls_key_share_client_hello shares;
    if (ext == NULL || tls_ext_key_share_parse_ch(ext, &shares, &c->error) != TLS_OK ||
        shares.count == 0) {
        return tls_client_fail(c, TLS_ALERT_internal_error, "replay: ClientHello has no key share");
    }
    struct tls_kex *kex = &c->offer.key_shares[0];
    TRY(tls_kex_from_private(kex, shares.client_shares[0].group, replay->key_share_private[i],
                             replay->key_share_private_len[i], &c->error));
    if (kex->public_len != shares.client_shares[0].key_exchange.len ||
        memcmp(kex->public_key, shares.client_shares[0].key_exchange.data, kex->public_len) != 0) {
        return tls_client_fail(c, TLS_ALERT_internal_error,
                               "replay: private key does not match the recorded key share");
    }
    c->offer.key_share_count = 1;
    return TLS_OK;
}

tls_result tls_client_send_client_hello(struct tls_client *c, bool second, struct tls_writer *out)
{
    const uint8_t *msg = c->hello;
    size_t len = 0;
    if (c->replay != NULL) {
        TRY(replay_client_hello(c, second, &msg, &len));
    } else {
        TRY(build_client_hello(c, second, &len));
    }
    TRY(remember_offer(c, msg, len));
    if (c->offer.psk_offered && !c->offer_ticket) {
        /* Only a verbatim replay can get here: a binder we did not compute. */
        return tls_client_fail(c, TLS_ALERT_internal_error,
                               "replay: a recorded pre_shared_key needs client_hello_is_template and a usable ticket");
    }
    if (c->offer_ticket) {
        /* §4.2.11.2: the binder, over everything before it (the length fields are final). */
        TRY(tls_client_psk_write_binder(c, c->hello, len));
    }
    TRY(tls_client_add_transcript(c, TLS_DIR_CLIENT_TO_SERVER, msg, len));

    /* §5.1: legacy_record_version "MAY also be 0x0301" for an initial ClientHello, for servers
     * that choke on 0x0303 there; every later record says 0x0303. */
    c->tx.legacy_record_version = second ? TLS_VERSION_1_2 : TLS_VERSION_1_0;
    TRY(tls_client_send_handshake(c, msg, len, NULL, out));
    c->tx.legacy_record_version = TLS_VERSION_1_2;

    /* §5: a compatibility ChangeCipherSpec may now arrive, until the server's Finished. */
    c->rx.ccs_allowed = true;
    /* §2.3: 0-RTT data follows ClientHello1 at once (App. A.1 "K_send = early data"). */
    return second ? TLS_OK : tls_client_send_early_data(c, out);
}
