/*
 * client_psk.c — resumption with a ticket's PSK (RFC 8446 §2.2, §4.2.11) and 0-RTT early data
 * (§2.3, §4.2.10, §4.5): which ticket may be offered, its obfuscated age (§4.2.11.1), its binder
 * (§4.2.11.2), the client_early_traffic_secret and the early data records, EndOfEarlyData.
 *
 * Implementation notes
 * --------------------
 * A ticket (struct tls_ticket, stored by client_post_handshake.c) carries the PSK already
 * derived. Offering it adds one PskIdentity to the ClientHello; the server proves it knows the
 * PSK by answering with pre_shared_key, and we prove it with the binder:
 *
 *             0
 *             |
 *             v
 *   PSK ->  HKDF-Extract = Early Secret
 *             |
 *             +-----> Derive-Secret(., "res binder", "")         = binder_key
 *             |
 *             +-----> Derive-Secret(., "c e traffic", ClientHello) = client_early_traffic_secret
 *             |
 *             +-----> Derive-Secret(., "e exp master", ClientHello) = early_exporter_master_secret
 *
 *   binder = HMAC(finished_key(binder_key), Transcript-Hash(Truncate(ClientHello)))
 *
 * "Truncate" drops the binders list, which is the tail of the message because pre_shared_key is
 * the last extension (§4.2.11). The encoder writes zero binders with every length final;
 * we hash everything before them and then fill them in.
 *
 * Early data (App. A.1 "K_send = early data"): right after ClientHello1 our write key is the one
 * from client_early_traffic_secret; the data goes out as application_data records. We keep
 * writing under that key until the server has said whether it accepted the data:
 *   - HelloRetryRequest: rejected; ClientHello2 goes out in plaintext without early_data.
 *   - EncryptedExtensions without early_data: rejected; we switch to the handshake key at once.
 *   - EncryptedExtensions with early_data: accepted; after the server Finished we send
 *     EndOfEarlyData under the early key (§4.5), then switch to the handshake key.
 * The core never resends rejected data: §4.2.10 "A TLS implementation SHOULD NOT automatically
 * resend early data". It reports info.early_data_offered / early_data_accepted; the caller
 * decides.
 *
 * A ticket that may not be offered (expired, for another server, a hash we do not offer) is
 * simply not offered: the handshake falls back to a full one and an observer note says why.
 */
#include <string.h>

#include "crypto/suite.h"
#include "crypto/util.h"
#include "handshake/client_internal.h"
#include "handshake/end_of_early_data.h"

/* §4.6.1: "Clients MUST NOT cache tickets for longer than 7 days, regardless of the
 * ticket_lifetime" — a ticket from a file may claim more. */
#define TLS_MAX_TICKET_AGE_MS (604800ull * 1000ull)

/* DNS names compare without regard to ASCII case (RFC 4343). */
static bool same_name(const char *a, const char *b)
{
    a = a != NULL ? a : "";
    b = b != NULL ? b : "";
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (x != y) {
            return false;
        }
    }
    return *a == *b;
}

/* The reason config.ticket cannot be offered, or NULL when it can. */
static const char *ticket_unusable(const struct tls_client *c, const struct tls_ticket *t)
{
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(t->cipher_suite);
    if (suite == NULL || t->psk_len != tls_hash_len(suite->hash)) {
        return "ticket not offered: its cipher suite is unknown or its PSK has the wrong length";
    }
    if (t->ticket_len == 0 || t->ticket_len > TLS_MAX_TICKET_LEN) {
        return "ticket not offered: empty or oversized ticket";
    }
    /* §4.2.11: the server must select "a cipher suite indicating a Hash associated with the
     * PSK", so we need to offer at least one suite with the ticket's hash. */
    bool hash_offered = false;
    for (size_t i = 0; i < c->offer.cipher_suite_count; i++) {
        const struct tls_cipher_suite *s = tls_cipher_suite_find(c->offer.cipher_suites[i]);
        hash_offered |= s != NULL && s->hash == suite->hash;
    }
    if (!hash_offered) {
        return "ticket not offered: no offered cipher suite has the ticket's hash (RFC 8446 §4.2.11)";
    }
    /* §4.6.1: "Clients ... SHOULD only resume if the SNI value matches the one used in the
     * original session." */
    if (!same_name(t->server_name, c->config->server_name)) {
        return "ticket not offered: it was issued for another server name (RFC 8446 §4.6.1)";
    }
    if (c->now_ms < t->received_at_ms) {
        return "ticket not offered: the clock says it was received in the future";
    }
    /* §4.2.11.1: "Clients MUST NOT attempt to use tickets which have ages greater than the
     * "ticket_lifetime" value which was provided with the ticket." */
    uint64_t age_ms = c->now_ms - t->received_at_ms;
    uint64_t lifetime_ms = (uint64_t)t->ticket_lifetime * 1000u;
    if (age_ms > lifetime_ms || age_ms > TLS_MAX_TICKET_AGE_MS) {
        return "ticket not offered: older than its ticket_lifetime (RFC 8446 §4.2.11.1)";
    }
    return NULL;
}

/* May config.early_data go with this ticket? (§4.2.10, §4.6.1 max_early_data_size) */
static const char *early_data_unusable(const struct tls_client *c, const struct tls_ticket *t)
{
    if (t->max_early_data_size == 0) {
        return "early data not sent: the ticket does not allow 0-RTT (no max_early_data_size)";
    }
    if (c->config->early_data_len > t->max_early_data_size) {
        return "early data not sent: more than the ticket's max_early_data_size (RFC 8446 §4.6.1)";
    }
    /* §4.2.10: the 0-RTT ALPN protocol is the ticket's; we must offer it for the server to
     * be able to accept. */
    if (t->alpn[0] == '\0') {
        return NULL;
    }
    for (size_t i = 0; i < c->offer.alpn_count; i++) {
        if (strcmp(c->offer.alpn[i], t->alpn) == 0) {
            return NULL;
        }
    }
    return "early data not sent: the ticket's ALPN protocol is not offered (RFC 8446 §4.2.10)";
}

tls_result tls_client_psk_choose(struct tls_client *c)
{
    const struct tls_client_config *cfg = c->config;
    const struct tls_ticket *t = cfg->ticket;
    c->offer_ticket = false;
    c->send_early_data = false;
    if (t == NULL) {
        return TLS_OK;
    }
    const char *why = ticket_unusable(c, t);
    if (why != NULL) {
        tls_client_note(c, why);
        return TLS_OK;
    }
    c->offer_ticket = true;
    if (cfg->early_data == NULL || cfg->early_data_len == 0) {
        return TLS_OK;
    }
    why = early_data_unusable(c, t);
    if (why != NULL) {
        tls_client_note(c, why);
        return TLS_OK;
    }
    c->send_early_data = true;
    return TLS_OK;
}

void tls_client_psk_identity(const struct tls_client *c, struct tls_psk_identity *identity,
                             size_t *binder_len)
{
    const struct tls_ticket *t = c->config->ticket;
    /* The age as the ClientHello leaves: the now_ms of this call, so a caller that passes
     * the current time sends a fresh age (and ClientHello2 a recomputed one, §4.1.2). A server
     * compares it with its own view of the age: GnuTLS, for one, refuses 0-RTT if ours is the
     * larger. Two millisecond readings overstate the time between them by up to 1 ms (each is
     * truncated), so the age sent is their difference less 1 ms: never more than the true age,
     * which on a fast loopback the server's own view barely exceeds. A clock that went back
     * counts as age 0. */
    uint64_t now = c->now_ms;
    uint64_t age_ms = now > t->received_at_ms + 1 ? now - t->received_at_ms - 1 : 0;
    identity->identity.data = t->ticket;
    identity->identity.len = t->ticket_len;
    /* §4.2.11.1: "...taking the age in milliseconds and adding the "ticket_age_add" value that
     * was included with the ticket ..., modulo 2^32." */
    identity->obfuscated_ticket_age = (uint32_t)((age_ms + t->ticket_age_add) & 0xffffffffu);
    /* §4.2.11: "PskBinderEntry" is Hash.length bytes of the PSK's hash. */
    *binder_len = t->psk_len;
}

/*
 * The Early Secret from the ticket's PSK (§7.1), in the connection's key schedule (wiped with it
 * on failure; derive_handshake_keys() starts it again from the PSK the server accepted, if any).
 */
static tls_result ticket_early_secret(struct tls_client *c, struct tls_key_schedule *ks)
{
    const struct tls_ticket *t = c->config->ticket;
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(t->cipher_suite);
    if (suite == NULL) {
        return tls_client_fail(c, TLS_ALERT_internal_error, "RFC 8446 §4.2.11: ticket of an unknown cipher suite");
    }
    return tls_ks_early(ks, suite->hash, t->psk, t->psk_len, &c->error);
}

tls_result tls_client_psk_write_binder(struct tls_client *c, uint8_t *msg, size_t len)
{
    struct tls_key_schedule *ks = &c->key_schedule;
    uint8_t empty_hash[TLS_MAX_HASH_LEN];
    uint8_t binder_key[TLS_MAX_HASH_LEN];
    uint8_t hash[TLS_MAX_HASH_LEN];
    uint8_t binder[TLS_MAX_HASH_LEN];
    size_t truncated_len, hash_len;
    TRY(tls_client_hello_truncated_len(msg, len, &truncated_len, &c->error));
    TRY(ticket_early_secret(c, ks));
    /* binder_key = Derive-Secret(Early Secret, "res binder", ""): "" hashes to Hash(""). */
    tls_result rc = tls_hash(ks->alg, NULL, 0, empty_hash, &c->error);
    if (rc == TLS_OK) {
        rc = tls_ks_derive(ks, TLS_SECRET_binder_key_res, empty_hash, binder_key, &c->error);
    }
    /* §4.2.11.2: Transcript-Hash(Truncate(ClientHello1)), or after an HRR
     * Transcript-Hash(ClientHello1, HelloRetryRequest, Truncate(ClientHello2)) — the transcript
     * already holds message_hash(ClientHello1) and the HRR. */
    if (rc == TLS_OK) {
        rc = tls_transcript_peek_with(&c->transcript, ks->alg, msg, truncated_len, hash, &hash_len,
                                      &c->error);
    }
    /* §4.2.11.2: "computed in the same way as the Finished message (Section 4.4.4) but with the
     * BaseKey being the binder_key". */
    if (rc == TLS_OK) {
        rc = tls_finished_verify_data(ks->alg, binder_key, hash, binder, &c->error);
    }
    if (rc == TLS_OK) {
        struct tls_bytes b = {binder, hash_len};
        tls_client_emit_secret(c, TLS_SECRET_binder_key_res, 0, binder_key, 0, NULL);
        tls_client_note(c, "PSK binder = HMAC(finished_key(binder_key), Transcript-Hash(Truncate(ClientHello))) (RFC 8446 §4.2.11.2)");
        rc = tls_client_hello_set_binders(msg, len, truncated_len, &b, 1, &c->error);
    }
    tls_wipe(binder_key, sizeof(binder_key));
    tls_wipe(binder, sizeof(binder));
    return rc;
}

/* Installs our write key from client_early_traffic_secret: the ticket's suite, not a
 * negotiated one (§4.2.10 "The parameters for the 0-RTT data ... are those associated with the
 * PSK in use"). */
static tls_result install_early_key(struct tls_client *c, const uint8_t *secret)
{
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(c->config->ticket->cipher_suite);
    struct tls_traffic_keys keys;
    TRY(tls_traffic_keys_derive(suite, secret, &keys, &c->error));
    tls_result rc = tls_record_direction_install_keys(&c->tx, &keys, &c->error);
    tls_traffic_keys_wipe(&keys);
    c->tx_key_name = tls_secret_info(TLS_SECRET_client_early_traffic_secret)->name;
    c->early_write_key = true;
    return rc;
}

/* The two Early Secret values that depend on ClientHello1, emitted; the traffic one kept in out. */
static tls_result derive_early_secrets(struct tls_client *c, uint8_t *client_early_traffic_secret)
{
    struct tls_key_schedule *ks = &c->key_schedule;
    uint8_t hash[TLS_MAX_HASH_LEN];
    uint8_t early_exporter_master_secret[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    TRY(ticket_early_secret(c, ks));
    /* Derive-Secret(Early Secret, "c e traffic", ClientHello): the transcript holds exactly
     * ClientHello1 now, hashed with the ticket's hash. */
    tls_result rc = tls_transcript_peek_with(&c->transcript, ks->alg, NULL, 0, hash, &hash_len,
                                             &c->error);
    if (rc == TLS_OK) {
        rc = tls_ks_derive(ks, TLS_SECRET_client_early_traffic_secret, hash,
                                   client_early_traffic_secret, &c->error);
    }
    if (rc == TLS_OK) {
        rc = tls_ks_derive(ks, TLS_SECRET_early_exporter_master_secret, hash,
                                   early_exporter_master_secret, &c->error);
    }
    if (rc == TLS_OK) {
        /* Both have NSS key log names, so a capture of the 0-RTT records can be decrypted too. */
        tls_client_emit_secret(c, TLS_SECRET_client_early_traffic_secret, 0,
                               client_early_traffic_secret, 0, hash);
        tls_client_emit_secret(c, TLS_SECRET_early_exporter_master_secret, 0,
                               early_exporter_master_secret, 0, hash);
    }
    tls_wipe(early_exporter_master_secret, sizeof(early_exporter_master_secret));
    return rc;
}

tls_result tls_client_send_early_data(struct tls_client *c, struct tls_writer *out)
{
    if (!c->send_early_data) {
        return TLS_OK;
    }
    uint8_t secret[TLS_MAX_HASH_LEN];
    tls_result rc = derive_early_secrets(c, secret);
    if (rc == TLS_OK) {
        rc = install_early_key(c, secret);
    }
    tls_wipe(secret, sizeof(secret));
    TRY(rc);
    /* App. D.4: "If offering early data, the record is placed immediately after the first
     * ClientHello." */
    TRY(tls_client_send_compat_ccs(c, out));
    /* §2.3: the 0-RTT data, as application_data records under the early key. */
    TRY(tls_client_send(c, TLS_CT_application_data, c->config->early_data,
                        c->config->early_data_len, c->tx_key_name, out));
    c->info.early_data_offered = true;
    tls_client_note(c, "0-RTT: application data sent under client_early_traffic_secret (RFC 8446 §2.3, §4.2.10)");
    return TLS_OK;
}

void tls_client_psk_on_hello_retry_request(struct tls_client *c)
{
    /* §4.2.10: "A client MUST NOT include the "early_data" extension in its followup
     * ClientHello." The server skipped our early data; ClientHello2 is written in plaintext. */
    c->send_early_data = false;
    if (c->early_write_key) {
        /* back to plaintext: the HelloRetryRequest row's write-key column (client.c) */
        tls_client_note(c, "HelloRetryRequest: the 0-RTT data was rejected (RFC 8446 §4.2.10)");
    }
    /* §4.1.2: ClientHello2 may remove "any PSKs which are incompatible with the server's
     * indicated cipher suite" — and a binder over a transcript of another hash cannot be
     * computed, so an incompatible ticket is dropped. */
    if (c->offer_ticket) {
        const struct tls_cipher_suite *t = tls_cipher_suite_find(c->config->ticket->cipher_suite);
        if (t == NULL || t->hash != c->suite->hash) {
            c->offer_ticket = false;
            tls_client_note(c, "HelloRetryRequest selected a suite of another hash: ticket not offered again");
        }
    }
}

tls_result tls_client_psk_on_encrypted_extensions(struct tls_client *c,
                                                  const struct tls_extensions *extensions)
{
    const struct tls_extension *early = tls_extensions_find(extensions, TLS_EXT_early_data);
    if (early == NULL) {
        /* §4.2.10: rejected (or never offered). Our next records are the second flight. */
        if (c->early_write_key) {
            /* on to the handshake key: the EncryptedExtensions row's write-key column */
            tls_client_note(c, "EncryptedExtensions without early_data: the 0-RTT data was rejected (RFC 8446 §4.2.10)");
        }
        return TLS_OK;
    }
    /* §4.2.10 EncryptedExtensions form: "struct {} Empty". */
    TRY(tls_ext_empty_parse(early, &c->error));
    /* §4.2.11: "If the server supplies an "early_data" extension, the client MUST verify that
     * the server's selected_identity is 0. If any other value is returned, the client MUST abort
     * the handshake with an "illegal_parameter" alert." No PSK accepted is no identity 0. */
    if (!c->psk_accepted || !c->early_write_key) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.2.11, §4.2.10: early_data accepted without our first PSK");
    }
    /* §4.2.10: the server "MUST verify that ... the selected cipher suite ... the selected ALPN
     * protocol" are the PSK's; a server that did not has accepted data we protected for
     * different parameters. */
    if (c->suite->id != c->config->ticket->cipher_suite ||
        strcmp(c->info.alpn, c->config->ticket->alpn) != 0) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.2.10: early data accepted with a cipher suite or ALPN protocol other than the ticket's");
    }
    c->info.early_data_accepted = true;
    tls_client_note(c, "EncryptedExtensions has early_data: the server accepted the 0-RTT data (RFC 8446 §4.2.10)");
    return TLS_OK;
}

tls_result tls_client_psk_end_early_data(struct tls_client *c, struct tls_writer *out)
{
    if (!c->early_write_key) {
        return TLS_OK;
    }
    /* §4.5: "If the server sent an "early_data" extension in EncryptedExtensions, the client
     * MUST send an EndOfEarlyData message after receiving the server Finished." It is the last
     * message under the 0-RTT key, and part of the transcript. */
    uint8_t msg[TLS_HANDSHAKE_HEADER_LEN];
    struct tls_writer w;
    tls_writer_init(&w, msg, sizeof(msg));
    TRY(tls_end_of_early_data_encode(&w, &c->error));
    TRY(tls_client_add_transcript(c, TLS_DIR_CLIENT_TO_SERVER, msg, w.len));
    TRY(tls_client_send_handshake(c, msg, w.len, c->tx_key_name, out));
    tls_client_note(c, "EndOfEarlyData sent under the 0-RTT key; now K_send = handshake (RFC 8446 §4.5, App. A.1)");
    return tls_client_sent(c, TLS_HT_end_of_early_data);
}
