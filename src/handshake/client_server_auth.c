/*
 * client_server_auth.c — the server's encrypted flight and our answer: EncryptedExtensions
 * (RFC 8446 §4.3.1), CertificateRequest (§4.3.2), Certificate (§4.4.2), CertificateVerify
 * (§4.4.3), Finished (§4.4.4), then our Certificate (if asked) and Finished, and the application
 * traffic keys (§7.1).
 *
 * Implementation notes
 * --------------------
 * The server proves three things in this flight:
 *   Certificate        who it claims to be (a chain to a trusted CA, for the name we asked for);
 *   CertificateVerify  that it holds that certificate's private key, by signing the transcript;
 *   Finished           that it computed the same keys as we did, by a MAC over the transcript.
 * Only after the server Finished verifies is the handshake authenticated; nothing before it may be
 * trusted as application data (§2, §4.4.4).
 *
 * After the server Finished the schedule reaches the Master Secret:
 *
 *   Derive-Secret(Handshake Secret, "derived", "") -> HKDF-Extract(., 0) = Master Secret
 *        +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
 *        +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
 *        +-----> Derive-Secret(., "exp master",   ClientHello...server Finished)
 *        +-----> Derive-Secret(., "res master",   ClientHello...client Finished)
 */
#include <string.h>

#include "crypto/util.h"
#include "handshake/certificate.h"
#include "handshake/certificate_request.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_internal.h"
#include "handshake/encrypted_extensions.h"
#include "handshake/finished.h"

/* §4.3.1: extensions not needed to establish the keys; each checked against our offer. */
tls_result tls_client_on_encrypted_extensions(struct tls_client *c,
                                              const struct tls_handshake_message *msg,
                                              struct tls_writer *out)
{
    (void)out;
    struct tls_encrypted_extensions ee;
    TRY(tls_encrypted_extensions_parse(msg->body, msg->length, &ee, &c->error));
    TRY(tls_check_server_extensions(TLS_HT_encrypted_extensions, &ee.extensions,
                                    c->offer.extensions, c->offer.extension_count, &c->error));

    /* RFC 6066 §3: the server's acknowledgement of server_name is empty: "The
     * "extension_data" field of this extension SHALL be empty." (EE-05) */
    const struct tls_extension *server_name = tls_extensions_find(&ee.extensions, TLS_EXT_server_name);
    if (server_name != NULL) {
        TRY(tls_ext_empty_parse(server_name, &c->error));
    }
    /* RFC 7301 §3.1: the server's protocol must be one we offered; else the client aborts. */
    const struct tls_extension *alpn = tls_extensions_find(&ee.extensions,
                                                           TLS_EXT_application_layer_protocol_negotiation);
    if (alpn != NULL) {
        struct tls_bytes name;
        TRY(tls_ext_alpn_parse_ee(alpn, &name, &c->error));
        bool offered = false;
        for (size_t i = 0; i < c->offer.alpn_count; i++) {
            offered |= strlen(c->offer.alpn[i]) == name.len &&
                       memcmp(c->offer.alpn[i], name.data, name.len) == 0;
        }
        if (!offered) {
            return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                                   "RFC 7301 §3.1: the server selected an ALPN protocol we did not offer");
        }
        memcpy(c->info.alpn, name.data, name.len);
        c->info.alpn[name.len] = '\0';
    }
    /* §4.2.10: early_data in EE means the server accepted our 0-RTT data (client_psk.c). */
    TRY(tls_client_psk_on_encrypted_extensions(c, &ee.extensions));
    return tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len);
}

/* §4.3.2: the server asks for a client certificate. We have none: we will answer with an empty
 * Certificate (§4.4.2: "If the server requests client authentication but no suitable certificate
 * is available, the client MUST send a Certificate message containing no certificates"). */
tls_result tls_client_on_certificate_request(struct tls_client *c,
                                             const struct tls_handshake_message *msg,
                                             struct tls_writer *out)
{
    (void)out;
    struct tls_certificate_request cr;
    TRY(tls_certificate_request_parse(msg->body, msg->length, true, &cr, &c->error));
    /* §4.2: the table applies here too: a known extension the table does not list for CR
     * (key_share, supported_versions, ...) is illegal_parameter (EXT-01); unknown ones are
     * ignored, §4.3.2: "Clients MUST ignore unrecognized extensions" (OK-05). */
    TRY(tls_check_server_extensions(TLS_HT_certificate_request, &cr.extensions, c->offer.extensions,
                                    c->offer.extension_count, &c->error));
    c->certificate_requested = true;
    c->info.client_certificate_requested = true;
    c->certificate_request_context_len = cr.certificate_request_context.len;
    memcpy(c->certificate_request_context, cr.certificate_request_context.data,
           cr.certificate_request_context.len);
    return tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len);
}

/* §4.4.2: the server's chain; verified now (§4.4.2.4), its leaf key kept for CertificateVerify. */
tls_result tls_client_on_certificate(struct tls_client *c, const struct tls_handshake_message *msg,
                                     struct tls_writer *out)
{
    (void)out;
    struct tls_certificate cert;
    TRY(tls_certificate_parse(msg->body, msg->length, true, &cert, &c->error));
    /* §4.4.2: extensions in the leaf entry must answer ones we sent; we send none that apply
     * (status_request, signed_certificate_timestamp), so any is unsolicited (CRT-04). Unsolicited
     * or unknown extensions on other entries are tolerated (must-accept OK-10), but the §4.2
     * table holds for every entry: key_share there is illegal_parameter (EXT-03). */
    for (size_t i = 0; i < cert.count; i++) {
        struct tls_extensions exts;
        TRY(tls_extensions_parse_raw(cert.certificate_list[i].extensions.data,
                                     cert.certificate_list[i].extensions.len, &exts,
                                     "CertificateEntry.extensions", &c->error));
        if (i == 0) {
            TRY(tls_check_server_extensions(TLS_HT_certificate, &exts, c->offer.extensions,
                                            c->offer.extension_count, &c->error));
        } else {
            TRY(tls_check_extensions_allowed(TLS_HT_certificate, &exts, &c->error));
        }
    }

    const uint8_t *ders[TLS_MAX_CHAIN];
    size_t lens[TLS_MAX_CHAIN];
    size_t n = cert.count < TLS_MAX_CHAIN ? cert.count : TLS_MAX_CHAIN;
    for (size_t i = 0; i < n; i++) {
        ders[i] = cert.certificate_list[i].cert_data.data;
        lens[i] = cert.certificate_list[i].cert_data.len;
    }
    const struct tls_trust *trust = c->config->insecure ? NULL : c->config->trust;
    TRY(tls_x509_verify_chain(trust, ders, lens, n, c->config->server_name, &c->peer_key,
                              &c->error));
    tls_client_note(c, trust != NULL
                           ? "certificate chain verified against the trust anchors, usages and name checked (RFC 8446 §4.4.2.4, RFC 5280, RFC 9525)"
                           : "certificate chain NOT verified (--insecure)");
    return tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len);
}

/* Is scheme one we offered and one RFC 8446 allows in CertificateVerify? (§4.4.3, §4.2.3) */
static bool acceptable_cv_scheme(const struct tls_client *c, uint16_t scheme)
{
    bool offered = false;
    for (size_t i = 0; i < c->offer.signature_scheme_count; i++) {
        offered |= c->offer.signature_schemes[i] == scheme;
    }
    /* §4.2.3: rsa_pkcs1_* "refer solely to signatures which appear in certificates ... and are
     * not defined for use in signed TLS handshake messages"; SHA-1 "MUST NOT be used". */
    bool certificate_only = scheme == TLS_SIG_rsa_pkcs1_sha256 || scheme == TLS_SIG_rsa_pkcs1_sha384 ||
                            scheme == TLS_SIG_rsa_pkcs1_sha512 || scheme == TLS_SIG_rsa_pkcs1_sha1 ||
                            scheme == TLS_SIG_ecdsa_sha1;
    return offered && !certificate_only;
}

/* §4.4.3: the signature over the transcript up to Certificate, by the leaf certificate's key. */
tls_result tls_client_on_certificate_verify(struct tls_client *c,
                                            const struct tls_handshake_message *msg,
                                            struct tls_writer *out)
{
    (void)out;
    struct tls_certificate_verify cv;
    TRY(tls_certificate_verify_parse(msg->body, msg->length, &cv, &c->error));
    /* §4.4.3: "...the signature algorithm MUST be one offered in the client's
     * "signature_algorithms" extension unless no valid certificate chain can be produced". */
    if (!acceptable_cv_scheme(c, cv.algorithm)) {
        return tls_client_fail(c, TLS_ALERT_illegal_parameter,
                               "RFC 8446 §4.4.3: CertificateVerify uses a scheme we did not offer or that is not allowed there");
    }
    uint8_t hash[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    TRY(tls_transcript_peek(&c->transcript, hash, &hash_len, &c->error));
    /* 64 spaces || "TLS 1.3, server CertificateVerify" || 0x00 || Transcript-Hash */
    uint8_t content[TLS_CV_SIGNED_CONTENT_MAX];
    size_t content_len;
    TRY(tls_certificate_verify_signed_content(true, hash, hash_len, content, sizeof(content),
                                              &content_len, &c->error));
    /* §4.4.3: "If the verification fails, the receiver MUST terminate the handshake with a
     * "decrypt_error" alert." (tls_sig_verify also refuses a scheme that does not fit the key.) */
    TRY(tls_sig_verify(cv.algorithm, &c->peer_key, content, content_len, cv.signature.data,
                       cv.signature.len, &c->error));
    c->info.signature_scheme = cv.algorithm;
    tls_client_note(c, "server CertificateVerify signature verified (RFC 8446 §4.4.3)");
    return tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len);
}

/* The Master Secret and the secrets derived from the transcript through the server Finished. */
static tls_result derive_application_secrets(struct tls_client *c)
{
    uint8_t hash[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    TRY(tls_transcript_peek(&c->transcript, hash, &hash_len, &c->error));
    TRY(tls_ks_master(&c->key_schedule, &c->error));
    tls_client_emit_secret(c, TLS_SECRET_master_secret, 0, c->key_schedule.secret, 0, NULL);
    TRY(tls_ks_derive(&c->key_schedule, TLS_SECRET_client_application_traffic_secret_0, hash,
                      c->client_application_traffic_secret, &c->error));
    TRY(tls_ks_derive(&c->key_schedule, TLS_SECRET_server_application_traffic_secret_0, hash,
                      c->server_application_traffic_secret, &c->error));
    TRY(tls_ks_derive(&c->key_schedule, TLS_SECRET_exporter_master_secret, hash,
                      c->exporter_master_secret, &c->error));
    tls_client_emit_secret(c, TLS_SECRET_client_application_traffic_secret_0, 0,
                           c->client_application_traffic_secret, 0, hash);
    tls_client_emit_secret(c, TLS_SECRET_server_application_traffic_secret_0, 0,
                           c->server_application_traffic_secret, 0, hash);
    tls_client_emit_secret(c, TLS_SECRET_exporter_master_secret, 0, c->exporter_master_secret, 0,
                           hash);
    return TLS_OK;
}

/* Our second flight (§4.4): [Certificate (empty)] Finished, under client_handshake_traffic_secret. */
static tls_result send_client_flight(struct tls_client *c, struct tls_writer *out)
{
    enum tls_hash_alg alg = c->suite->hash;
    const char *key = tls_secret_info(TLS_SECRET_client_handshake_traffic_secret)->name;
    uint8_t msg[TLS_EMPTY_CERTIFICATE_MAX];
    struct tls_writer w;

    /* §4.5: EndOfEarlyData under the 0-RTT key if the server accepted early data; then
     * App. A.1 "K_send = handshake" (client_psk.c). */
    TRY(tls_client_psk_end_early_data(c, out));
    /* App. D.4: the compatibility CCS "immediately before its second flight". */
    TRY(tls_client_send_compat_ccs(c, out));
    if (c->certificate_requested) {
        tls_writer_init(&w, msg, sizeof(msg));
        TRY(tls_certificate_encode_empty(&w, c->certificate_request_context,
                                         c->certificate_request_context_len, &c->error));
        TRY(tls_client_add_transcript(c, TLS_DIR_CLIENT_TO_SERVER, msg, w.len));
        TRY(tls_client_send_handshake(c, msg, w.len, key, out));
    }

    /* §4.4.4: verify_data = HMAC(finished_key(client_handshake_traffic_secret), Transcript-Hash) */
    uint8_t hash[TLS_MAX_HASH_LEN];
    uint8_t verify_data[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    TRY(tls_transcript_peek(&c->transcript, hash, &hash_len, &c->error));
    TRY(tls_finished_verify_data(alg, c->client_handshake_traffic_secret, hash, verify_data, &c->error));
    uint8_t finished[TLS_HANDSHAKE_HEADER_LEN + TLS_MAX_HASH_LEN];
    tls_writer_init(&w, finished, sizeof(finished));
    TRY(tls_finished_encode(&w, verify_data, hash_len, &c->error));
    tls_client_note(c, "client Finished: verify_data = HMAC(finished_key, Transcript-Hash(ClientHello..server Finished)) (RFC 8446 §4.4.4)");
    TRY(tls_client_add_transcript(c, TLS_DIR_CLIENT_TO_SERVER, finished, w.len));
    TRY(tls_client_send_handshake(c, finished, w.len, key, out));
    tls_wipe(verify_data, sizeof(verify_data));
    /* App. A.1 "Send Finished, K_send = application" */
    TRY(tls_client_sent(c, TLS_HT_finished));

    /* resumption_master_secret covers the transcript through the client Finished. */
    TRY(tls_transcript_peek(&c->transcript, hash, &hash_len, &c->error));
    TRY(tls_ks_derive(&c->key_schedule, TLS_SECRET_resumption_master_secret, hash,
                      c->resumption_master_secret, &c->error));
    tls_client_emit_secret(c, TLS_SECRET_resumption_master_secret, 0, c->resumption_master_secret,
                           0, hash);
    return TLS_OK;
}

/* §4.4.4: the server's Finished: the MAC that authenticates the whole handshake. */
tls_result tls_client_on_finished(struct tls_client *c, const struct tls_handshake_message *msg,
                                  struct tls_writer *out)
{
    enum tls_hash_alg alg = c->suite->hash;
    struct tls_bytes verify_data;
    TRY(tls_finished_parse(msg->body, msg->length, tls_hash_len(alg), &verify_data, &c->error));

    uint8_t hash[TLS_MAX_HASH_LEN];
    uint8_t expected[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    TRY(tls_transcript_peek(&c->transcript, hash, &hash_len, &c->error));
    TRY(tls_finished_verify_data(alg, c->server_handshake_traffic_secret, hash, expected, &c->error));
    /* §4.4.4: "Recipients of Finished messages MUST verify that the contents are correct and if
     * incorrect MUST terminate the connection with a "decrypt_error" alert." Compared in constant
     * time, so timing does not reveal how much of a forgery was right. */
    bool ok = tls_ct_equal(expected, verify_data.data, hash_len);
    tls_wipe(expected, sizeof(expected));
    if (!ok) {
        return tls_client_fail(c, TLS_ALERT_decrypt_error,
                               "RFC 8446 §4.4.4: server Finished verify_data is wrong");
    }
    tls_client_note(c, "server Finished verified: HMAC(finished_key(server_handshake_traffic_secret), Transcript-Hash) matches (RFC 8446 §4.4.4)");
    TRY(tls_client_add_transcript(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len));

    /* §5: no compatibility CCS may follow the server's Finished. */
    c->rx.ccs_allowed = false;
    (void)out; /* our flight is the row's answer: tls_client_send_second_flight() */
    return derive_application_secrets(c);
}

/* The answer to the server Finished (App. A.1): [EndOfEarlyData] [Certificate] Finished, each
 * key change made as it is sent (client.c, sent_key_changes); then the handshake secrets go. */
tls_result tls_client_send_second_flight(struct tls_client *c,
                                         const struct tls_handshake_message *msg,
                                         struct tls_writer *out)
{
    (void)msg;
    TRY(send_client_flight(c, out));
    tls_wipe(c->client_handshake_traffic_secret, sizeof(c->client_handshake_traffic_secret));
    tls_wipe(c->server_handshake_traffic_secret, sizeof(c->server_handshake_traffic_secret));
    tls_ks_wipe(&c->key_schedule);
    tls_transcript_wipe(&c->transcript);
    return TLS_OK;
}
