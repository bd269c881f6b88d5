/*
 * client_server_hello.c — the server's first answer: ServerHello (RFC 8446 §4.1.3) or
 * HelloRetryRequest (§4.1.4), and the handshake traffic keys that follow from it (§7.1, §7.3).
 *
 * Implementation notes
 * --------------------
 * Everything in a ServerHello is checked against what our ClientHello offered (client_offer.c):
 * the version (supported_versions, §4.2.1), the echoed session id, the cipher suite, every
 * extension (§4.2), the key share's group (§4.2.8). Only then is the (EC)DHE shared secret
 * computed and the key schedule advanced:
 *
 *             0
 *             |
 *             v
 *   PSK ->  HKDF-Extract = Early Secret
 *             |
 *             v
 *       Derive-Secret(., "derived", "")
 *             |
 *             v
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 *             |
 *             +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *             |                     = client_handshake_traffic_secret
 *             +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *                                   = server_handshake_traffic_secret
 *
 * From here on the server's records are protected with keys from server_handshake_traffic_secret
 * (App. A.1 "K_recv = handshake"). We also protect our own records (alerts, our second flight)
 * with client_handshake_traffic_secret from now on.
 *
 * A HelloRetryRequest instead fixes the cipher suite, names the group it wants a share for and
 * may carry a cookie; the transcript's ClientHello1 is replaced by its hash (message_hash,
 * §4.4.1) and ClientHello2 is sent.
 */
#include <string.h>

#include "crypto/util.h"
#include "handshake/client_internal.h"
#include "handshake/server_hello.h"

/* The key pair we sent for group, or NULL. */
static struct tls_kex *our_share(struct tls_client *c, uint16_t group)
{
    for (size_t i = 0; i < c->offer.key_share_count; i++) {
        if (c->offer.key_shares[i].group == group) {
            return &c->offer.key_shares[i];
        }
    }
    return NULL;
}

static bool offered_u16(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++) {
        if (list[i] == v) {
            return true;
        }
    }
    return false;
}

/* Checks shared by ServerHello and HelloRetryRequest (§4.1.3, §4.1.4, §4.2.1). */
static tls_result check_hello(struct tls_client *c, const struct tls_server_hello *sh,
                              uint8_t msg_type)
{
    /* §4.2.1: a TLS 1.3 ServerHello carries supported_versions; without it the server chose an
     * older version, and App. D.1 has a 1.3-only client abort with protocol_version. */
    const struct tls_extension *ext = tls_extensions_find(&sh->extensions, TLS_EXT_supported_versions);
    /* §4.1.4: "The value of selected_version in the HelloRetryRequest "supported_versions"
     * extension MUST be retained in the ServerHello, and a client MUST abort the handshake with
     * an "illegal_parameter" alert if the value changes." Dropping it after an HRR is such a
     * change (HRR-07), not a server that only speaks TLS 1.2. */
    if (ext == NULL && c->hello_retry_request) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.1.4: ServerHello after HelloRetryRequest dropped supported_versions");
    }
    if (ext == NULL) {
        return tls_client_fail(c, TLS_ALERT_protocol_version,
                               "RFC 8446 §4.2.1, App. D.1: the server did not select TLS 1.3 (no supported_versions)");
    }
    uint16_t selected_version;
    TRY(tls_ext_supported_versions_parse_sh(ext, &selected_version, &c->error));
    /* §4.2.1: "If the "supported_versions" extension in the ServerHello contains a version not
     * offered by the client or contains a version prior to TLS 1.3, the client MUST abort the
     * handshake with an "illegal_parameter" alert." */
    if (selected_version != TLS_VERSION_1_3) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.2.1: selected_version is not TLS 1.3, the only version offered");
    }
    /* §4.2: every extension must answer one we sent, and be allowed in this message. */
    TRY(tls_check_server_extensions((enum tls_handshake_type)msg_type, &sh->extensions,
                                    c->offer.extensions, c->offer.extension_count, &c->error));
    /* §4.1.3: "A client which receives a legacy_session_id_echo field that does not match what
     * it sent in the ClientHello MUST abort the handshake with an "illegal_parameter" alert." */
    if (sh->legacy_session_id_echo.len != c->offer.legacy_session_id_len ||
        memcmp(sh->legacy_session_id_echo.data, c->offer.legacy_session_id,
               c->offer.legacy_session_id_len) != 0) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.1.3: legacy_session_id_echo does not match");
    }
    /* §4.1.3: "A client which receives a cipher suite that was not offered MUST abort the
     * handshake with an "illegal_parameter" alert." */
    if (!offered_u16(c->offer.cipher_suites, c->offer.cipher_suite_count, sh->cipher_suite)) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.1.3: the server selected a cipher suite that was not offered");
    }
    /* §4.1.4: "...the client MUST check that the cipher suite supplied in the ServerHello is the
     * same as that in the HelloRetryRequest and otherwise abort the handshake with an
     * "illegal_parameter" alert." */
    if (c->hello_retry_request && sh->cipher_suite != c->suite->id) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.1.4: ServerHello cipher_suite differs from the HelloRetryRequest's");
    }
    c->suite = tls_cipher_suite_find(sh->cipher_suite);
    c->info.cipher_suite = sh->cipher_suite;
    return TLS_OK;
}

/* What a HelloRetryRequest asks for: a key share for another group and/or a cookie (§4.1.4). */
static tls_result read_hrr_requests(struct tls_client *c, const struct tls_server_hello *hrr)
{
    const struct tls_extension *key_share = tls_extensions_find(&hrr->extensions, TLS_EXT_key_share);
    const struct tls_extension *cookie = tls_extensions_find(&hrr->extensions, TLS_EXT_cookie);
    /* §4.1.4: "Clients MUST abort the handshake with an "illegal_parameter" alert if the
     * HelloRetryRequest would not result in any change in the ClientHello." */
    if (key_share == NULL && cookie == NULL) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.1.4: HelloRetryRequest asks for no change (no key_share, no cookie)");
    }
    if (key_share != NULL) {
        uint16_t group;
        TRY(tls_ext_key_share_parse_hrr(key_share, &group, &c->error));
        /* §4.2.8: "...the client MUST verify that (1) the selected_group field corresponds to a
         * group which was provided in the "supported_groups" extension in the original
         * ClientHello and (2) the selected_group field does not correspond to a group which was
         * provided in the "key_share" extension in the original ClientHello. If either of these
         * checks fails, then the client MUST abort the handshake with an "illegal_parameter"
         * alert." */
        if (!offered_u16(c->offer.groups, c->offer.group_count, group)) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 8446 §4.2.8: HelloRetryRequest selected_group not in supported_groups");
        }
        if (our_share(c, group) != NULL) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 8446 §4.2.8: HelloRetryRequest selected_group already had a key share");
        }
        c->hrr_selected_group = group;
    }
    if (cookie != NULL) {
        struct tls_bytes value;
        /* cookie<1..2^16-1>: c->cookie holds the largest (TLS_MAX_COOKIE_LEN, client.h).
         * §4.2.2: "When sending the new ClientHello, the client MUST copy the contents of the
         * extension received in the HelloRetryRequest into a "cookie" extension in the new
         * ClientHello." (client_offer.c; HRR-13 if it cannot fit there.) */
        TRY(tls_ext_cookie_parse(cookie, &value, &c->error));
        memcpy(c->cookie, value.data, value.len);
        c->cookie_len = value.len;
    }
    return TLS_OK;
}

/* §4.1.4: the server wants a different key share and/or a cookie. Sends ClientHello2. */
static tls_result on_hello_retry_request(struct tls_client *c,
                                         const struct tls_handshake_message *msg,
                                         const struct tls_server_hello *hrr, struct tls_writer *out)
{
    /* §4.1.4: "If a client receives a second HelloRetryRequest in the same connection ..., it
     * MUST abort the handshake with an "unexpected_message" alert." */
    if (c->hello_retry_request) {
        return tls_client_fail(c, TLS_ALERT_unexpected_message,
                               "RFC 8446 §4.1.4: a second HelloRetryRequest");
    }
    TRY(check_hello(c, hrr, TLS_HT_hello_retry_request));
    c->hello_retry_request = true;
    c->info.hello_retry_request = true;

    TRY(read_hrr_requests(c, hrr));

    /* §4.4.1: the suite is now fixed; ClientHello1 becomes message_hash(Hash(ClientHello1)). */
    TRY(tls_transcript_select(&c->transcript, c->suite->hash, &c->error));
    TRY(tls_transcript_replace_client_hello1(&c->transcript, &c->error));
    TRY(tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len));

    /* ClientHello2: one key share, for the selected group (§4.1.2 "If a "key_share" extension
     * was supplied in the HelloRetryRequest, replacing the list of shares with a list containing
     * a single KeyShareEntry from the indicated group"). */
    if (c->hrr_selected_group != 0 && c->replay == NULL) {
        for (size_t i = 0; i < c->offer.key_share_count; i++) {
            tls_kex_wipe(&c->offer.key_shares[i]);
        }
        TRY(tls_kex_generate(&c->offer.key_shares[0], c->hrr_selected_group, &c->config->rng, &c->error));
        c->offer.key_share_count = 1;
    }
    /* §4.2.10: any 0-RTT data is rejected; a ticket of another hash is dropped (client_psk.c). */
    tls_client_psk_on_hello_retry_request(c);
    tls_client_note(c, "HelloRetryRequest: ClientHello1 replaced by message_hash in the transcript (RFC 8446 §4.4.1); sending ClientHello2");
    (void)out; /* ClientHello2 is the row's answer: tls_client_send_client_hello2() */
    return TLS_OK;
}

/* The answer to a HelloRetryRequest (App. A.1 "Send ClientHello"), once 0-RTT keys are left. */
tls_result tls_client_send_client_hello2(struct tls_client *c,
                                         const struct tls_handshake_message *msg,
                                         struct tls_writer *out)
{
    (void)msg;
    /* App. D.4: the compatibility CCS goes "immediately after a HelloRetryRequest". */
    TRY(tls_client_send_compat_ccs(c, out));
    return tls_client_send_client_hello(c, true, out);
}

/* key_share / pre_shared_key in a ServerHello (§4.2.8, §4.2.11); sets *kex (NULL for psk_ke). */
static tls_result check_key_exchange(struct tls_client *c, const struct tls_server_hello *sh,
                                     struct tls_key_share_entry *share, struct tls_kex **kex)
{
    const struct tls_extension *psk = tls_extensions_find(&sh->extensions, TLS_EXT_pre_shared_key);
    if (psk != NULL) {
        uint16_t selected_identity;
        TRY(tls_ext_pre_shared_key_parse_sh(psk, &selected_identity, &c->error));
        /* §4.2.11: "Clients MUST verify that the server's selected_identity is within the range
         * supplied by the client" ... "the server's selected cipher suite indicates a Hash
         * associated with the PSK" */
        if (selected_identity != 0) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 8446 §4.2.11: selected_identity is not an identity we offered");
        }
        const struct tls_cipher_suite *ticket_suite =
            tls_cipher_suite_find(c->config->ticket->cipher_suite);
        if (ticket_suite == NULL || ticket_suite->hash != c->suite->hash) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 8446 §4.2.11: cipher suite hash differs from the ticket's");
        }
        c->psk_accepted = true;
        c->info.resumed = true;
    }
    const struct tls_extension *key_share = tls_extensions_find(&sh->extensions, TLS_EXT_key_share);
    if (key_share == NULL) {
        /* We offer psk_dhe_ke only, so a key share is always needed (§4.2.9). */
        if (c->psk_accepted) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 8446 §4.2.11, §4.2.9: PSK accepted without a key share, but only psk_dhe_ke was offered");
        }
        return tls_client_fail(c, TLS_ALERT_missing_extension,
                               "RFC 8446 §4.2.8, §9.2: ServerHello has neither key_share nor pre_shared_key");
    }
    TRY(tls_ext_key_share_parse_sh(key_share, share, &c->error));
    /* §4.2.8: "If using (EC)DHE key establishment and a HelloRetryRequest containing a
     * "key_share" extension was received by the client, the client MUST verify that the
     * selected NamedGroup in the ServerHello is the same as that in the HelloRetryRequest." */
    if (c->hrr_selected_group != 0 && share->group != c->hrr_selected_group) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.2.8: ServerHello key_share group differs from the HelloRetryRequest's");
    }
    /* §4.2.8: "...the client MUST verify that the selected NamedGroup in the ServerHello is
     * the same as ... one of the groups ... in the key_share extension of the ClientHello." */
    *kex = our_share(c, share->group);
    if (*kex == NULL) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.2.8: ServerHello key_share is for a group we sent no share for");
    }
    c->info.group = share->group;
    return TLS_OK;
}

/* Early Secret -> Handshake Secret -> the two handshake traffic secrets, keys installed. */
static tls_result derive_handshake_keys(struct tls_client *c, const uint8_t *ecdhe, size_t ecdhe_len)
{
    enum tls_hash_alg alg = c->suite->hash;
    const uint8_t *psk = NULL;
    size_t psk_len = 0;
    if (c->psk_accepted) {
        psk = c->config->ticket->psk;
        psk_len = c->config->ticket->psk_len;
    }
    /* Early Secret = HKDF-Extract(salt = 0, IKM = PSK or 0) */
    TRY(tls_ks_early(&c->key_schedule, alg, psk, psk_len, &c->error));
    /* The observer sees each input of the §7.1 chain, so --explain can show every step. */
    tls_client_emit_secret(c, TLS_SECRET_early_secret, 0, c->key_schedule.secret, 0, NULL);
    tls_client_emit_secret(c, TLS_SECRET_ecdhe_shared_secret, 0, ecdhe, ecdhe_len, NULL);
    /* Handshake Secret = HKDF-Extract(salt = Derive-Secret(Early, "derived", ""), IKM = (EC)DHE) */
    TRY(tls_ks_handshake(&c->key_schedule, ecdhe, ecdhe_len, &c->error));
    tls_client_emit_secret(c, TLS_SECRET_handshake_secret, 0, c->key_schedule.secret, 0, NULL);

    uint8_t hash[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    TRY(tls_transcript_peek(&c->transcript, hash, &hash_len, &c->error));
    TRY(tls_ks_derive(&c->key_schedule, TLS_SECRET_client_handshake_traffic_secret, hash,
                      c->client_handshake_traffic_secret, &c->error));
    TRY(tls_ks_derive(&c->key_schedule, TLS_SECRET_server_handshake_traffic_secret, hash,
                      c->server_handshake_traffic_secret, &c->error));
    tls_client_emit_secret(c, TLS_SECRET_client_handshake_traffic_secret, 0,
                           c->client_handshake_traffic_secret, 0, hash);
    tls_client_emit_secret(c, TLS_SECRET_server_handshake_traffic_secret, 0,
                           c->server_handshake_traffic_secret, 0, hash);

    /* §7.3: their keys are installed by the dispatcher, from the ServerHello row's key columns
     * (App. A.1 "K_recv = handshake"; K_send too, unless we write 0-RTT data). */
    return TLS_OK;
}

tls_result tls_client_on_server_hello(struct tls_client *c, const struct tls_handshake_message *msg,
                                      struct tls_writer *out)
{
    struct tls_server_hello sh;
    TRY(tls_server_hello_parse(msg->body, msg->length, &sh, &c->error));
    if (sh.is_hello_retry_request) {
        return on_hello_retry_request(c, msg, &sh, out);
    }
    TRY(check_hello(c, &sh, TLS_HT_server_hello));
    struct tls_key_share_entry share;
    struct tls_kex *kex = NULL;
    TRY(check_key_exchange(c, &sh, &share, &kex));

    /* The suite is known now: keep only its hash in the transcript (unless the HRR did). */
    if (!c->hello_retry_request) {
        TRY(tls_transcript_select(&c->transcript, c->suite->hash, &c->error));
    }
    TRY(tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len));

    /* §7.4: the (EC)DHE shared secret; the peer's share is validated there (§4.2.8.2, §7.4.2). */
    uint8_t shared[TLS_MAX_SHARED_SECRET_LEN];
    size_t shared_len = 0;
    TRY(tls_kex_shared_secret(kex, share.key_exchange.data, share.key_exchange.len, shared,
                              &shared_len, &c->error));
    tls_result rc = derive_handshake_keys(c, shared, shared_len);
    tls_wipe(shared, sizeof(shared));
    /* Our ephemeral private keys are no longer needed. */
    for (size_t i = 0; i < TLS_MAX_GROUPS; i++) {
        tls_kex_wipe(&c->offer.key_shares[i]);
    }
    return rc;
}
