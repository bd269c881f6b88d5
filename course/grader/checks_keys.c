/*
 * checks_keys.c — the graded checks of exercises handshake_keys (RFC 8446 §7.1, §7.3), finished
 * (§4.4.4) and application_keys (§7.1, §7.3), value by value against RFC 8448 §3 (or a variant
 * trace), in the order the key schedule computes them: the first value that differs is reported.
 */
#include <string.h>

#include "check.h"

#define EXPLAIN " (`tls13 connect --explain` prints this value for a live connection)"

static bool keys_of(struct check *c, const char *who, const struct course_direction *d,
                    const struct tv *secret, const struct tv *key, const struct tv *iv,
                    const char *call, const char *secret_name, const char *secret_step,
                    const char *hint)
{
    char name[120], step[300];
    size_t hl = c->v->suite->hash_len, kl = c->v->suite->key_len;
    if (!ck_bytes(c, secret_name, call, secret_step, secret, d->secret, hl, hint)) {
        return false;
    }
    snprintf(name, sizeof(name), "the %s write_key", who);
    snprintf(step, sizeof(step), "[sender]_write_key = HKDF-Expand-Label(%s, \"key\", \"\", key_length) "
             "(RFC 8446 §7.3)", secret_name);
    if (!ck_bytes(c, name, call, step, key, d->key, kl,
                  "key_length is the AEAD's key length (16 for AES-128-GCM), the context is empty")) {
        return false;
    }
    snprintf(name, sizeof(name), "the %s write_iv", who);
    snprintf(step, sizeof(step), "[sender]_write_iv = HKDF-Expand-Label(%s, \"iv\", \"\", iv_length) "
             "(RFC 8446 §7.3)", secret_name);
    if (!ck_bytes(c, name, call, step, iv, d->iv, COURSE_IV_LEN, "iv_length is 12")) {
        return false;
    }
    if (d->seq != 0) {
        ck_fail(c, "%s leaves the %s sequence number at %llu; new keys start at 0 (RFC 8446 §5.3)",
                call, who, (unsigned long long)d->seq);
        return false;
    }
    return true;
}

bool check_handshake_keys(struct check *c)
{
    const struct vectors *v = c->v;
    size_t hl = v->suite->hash_len, kl = v->suite->key_len;
    uint8_t out[COURSE_MAX_HASH_LEN];
    /* 1. HKDF-Expand-Label alone, on RFC 8448's own inputs */
    memset(out, 0, sizeof(out));
    if (!ck_rc(c, hkdf_expand_label(hl, v->c_hs_prk.p, "c hs traffic", v->c_hs_hash.p, hl, out, hl),
               COURSE_OK, "hkdf_expand_label()", "RFC 8448 §3's inputs are valid") ||
        !ck_bytes(c, "HKDF-Expand-Label(Handshake Secret, \"c hs traffic\", hash, 32)",
                  "hkdf_expand_label()",
                  "HKDF-Expand(Secret, HkdfLabel, Length) with HkdfLabel = uint16 length || "
                  "opaque label<7..255> = \"tls13 \" + Label || opaque context<0..255> (RFC 8446 §7.1)",
                  &v->c_hs_traffic, out, hl,
                  "handshake_keys.c hkdf_expand_label(): RFC 8448 prints the HkdfLabel it used as "
                  "'info' of the same step; the label has the \"tls13 \" prefix and each vector its "
                  "length byte")) {
        return false;
    }
    memset(out, 0, sizeof(out));
    if (!ck_rc(c, hkdf_expand_label(hl, v->server_hs_key_prk.p, "key", NULL, 0, out, kl), COURSE_OK,
               "hkdf_expand_label()", "an empty context is valid") ||
        !ck_bytes(c, "HKDF-Expand-Label(server_handshake_traffic_secret, \"key\", \"\", 16)",
                  "hkdf_expand_label()", "RFC 8446 §7.1 HkdfLabel with Length 16 and an empty "
                  "context (§7.3)", &v->server_hs_key, out, kl,
                  "the length field is the OUTPUT length (16 here), and the context vector is "
                  "present with length 0")) {
        return false;
    }
    /* 2. Derive-Secret */
    memset(out, 0, sizeof(out));
    if (!ck_rc(c, derive_secret(hl, v->derived_prk.p, "derived", v->derived_hash.p, out), COURSE_OK,
               "derive_secret()", "RFC 8448 §3's inputs are valid") ||
        !ck_bytes(c, "Derive-Secret(Early Secret, \"derived\", \"\")", "derive_secret()",
                  "Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, "
                  "Transcript-Hash(Messages), Hash.length) (RFC 8446 §7.1)",
                  &v->derived_secret, out, hl,
                  "handshake_keys.c derive_secret(): the context is the transcript hash given, and "
                  "the output length is Hash.length")) {
        return false;
    }
    /* 3. The whole step: get_handshake_cipher() */
    struct course_handshake_keys k;
    memset(&k, 0, sizeof(k));
    if (!ck_rc(c, get_handshake_cipher(v->suite, v->shared_secret.p, v->shared_secret.len,
                                       v->c_hs_hash.p, &k),
               COURSE_OK, "get_handshake_cipher()", "RFC 8448 §3's shared secret and hash are valid")) {
        return false;
    }
    const char *hint = "handshake_keys.c get_handshake_cipher()" EXPLAIN;
    return ck_bytes(c, "handshake_secret", "get_handshake_cipher()",
                    "Handshake Secret = HKDF-Extract(salt = Derive-Secret(Early Secret, \"derived\", \"\"), "
                    "IKM = (EC)DHE shared secret), Early Secret = HKDF-Extract(0, 0) (RFC 8446 §7.1)",
                    &v->handshake_secret, k.handshake_secret, hl,
                    "handshake_keys.c: without a PSK the Early Secret is HKDF-Extract(salt = 0, "
                    "IKM = Hash.length zero bytes); then \"derived\" with the hash of an EMPTY "
                    "transcript, Hash(\"\")") &&
           keys_of(c, "client", &k.client, &v->c_hs_traffic, &v->client_hs_key, &v->client_hs_iv,
                   "get_handshake_cipher()", "client_handshake_traffic_secret",
                   "Derive-Secret(Handshake Secret, \"c hs traffic\", ClientHello...ServerHello) "
                   "(RFC 8446 §7.1)", hint) &&
           keys_of(c, "server", &k.server, &v->s_hs_traffic, &v->server_hs_key, &v->server_hs_iv,
                   "get_handshake_cipher()", "server_handshake_traffic_secret",
                   "Derive-Secret(Handshake Secret, \"s hs traffic\", ClientHello...ServerHello) "
                   "(RFC 8446 §7.1)", hint);
}

bool check_application_keys(struct check *c)
{
    const struct vectors *v = c->v;
    struct course_application_keys k;
    memset(&k, 0, sizeof(k));
    if (!ck_rc(c, get_application_cipher(v->suite, v->handshake_secret.p, v->c_ap_hash.p, &k),
               COURSE_OK, "get_application_cipher()", "RFC 8448 §3's values are valid")) {
        return false;
    }
    const char *hint = "application_keys.c get_application_cipher()" EXPLAIN;
    return ck_bytes(c, "master_secret", "get_application_cipher()",
                    "Master Secret = HKDF-Extract(salt = Derive-Secret(Handshake Secret, \"derived\", "
                    "\"\"), IKM = 0) (RFC 8446 §7.1)",
                    &v->master_secret, k.master_secret, v->suite->hash_len,
                    "application_keys.c: \"derived\" uses the hash of an EMPTY transcript, and the IKM "
                    "is Hash.length zero bytes") &&
           keys_of(c, "client", &k.client, &v->c_ap_traffic, &v->client_ap_key, &v->client_ap_iv,
                   "get_application_cipher()", "client_application_traffic_secret_0",
                   "Derive-Secret(Master Secret, \"c ap traffic\", ClientHello...server Finished) "
                   "(RFC 8446 §7.1)", hint) &&
           keys_of(c, "server", &k.server, &v->s_ap_traffic, &v->server_ap_key, &v->server_ap_iv,
                   "get_application_cipher()", "server_application_traffic_secret_0",
                   "Derive-Secret(Master Secret, \"s ap traffic\", ClientHello...server Finished) "
                   "(RFC 8446 §7.1)", hint);
}

/* --- finished ---------------------------------------------------------------------------- */

static struct course_handshake_keys handshake_keys(const struct vectors *v)
{
    struct course_handshake_keys k;
    memset(&k, 0, sizeof(k));
    memcpy(k.handshake_secret, v->handshake_secret.p, v->suite->hash_len);
    k.client.suite = k.server.suite = v->suite;
    memcpy(k.client.secret, v->c_hs_traffic.p, v->suite->hash_len);
    memcpy(k.server.secret, v->s_hs_traffic.p, v->suite->hash_len);
    memcpy(k.client.key, v->client_hs_key.p, v->suite->key_len);
    memcpy(k.client.iv, v->client_hs_iv.p, COURSE_IV_LEN);
    memcpy(k.server.key, v->server_hs_key.p, v->suite->key_len);
    memcpy(k.server.iv, v->server_hs_iv.p, COURSE_IV_LEN);
    return k;
}

bool check_finished(struct check *c)
{
    const struct vectors *v = c->v;
    size_t hl = v->suite->hash_len;
    uint8_t buf[COURSE_TRANSCRIPT_CAP / 4], cv_hash[COURSE_MAX_HASH_LEN], out[COURSE_MAX_HASH_LEN];
    char hex[2 * COURSE_MAX_HASH_LEN + 8];
    /* Transcript-Hash(ClientHello..CertificateVerify): the project hashes the trace's messages */
    const struct tv *msgs[] = {&v->client_hello, &v->server_hello, &v->encrypted_extensions,
                               &v->certificate, &v->certificate_verify};
    size_t n = 0;
    for (size_t i = 0; i < 5; i++) {
        if (msgs[i]->len > sizeof(buf) - n) {
            ck_fail(c, "grader error: messages too large");
            return false;
        }
        memcpy(buf + n, msgs[i]->p, msgs[i]->len);
        n += msgs[i]->len;
    }
    course_hash(hl, buf, n, cv_hash);
    const char *cv_source = "the project's Transcript-Hash of the trace's ClientHello, ServerHello, "
                            "EncryptedExtensions, Certificate, CertificateVerify";
    /* 1. verify_data for the server's Finished */
    memset(out, 0, sizeof(out));
    if (!ck_rc(c, compute_verify_data(hl, v->s_hs_traffic.p, cv_hash, out), COURSE_OK,
               "compute_verify_data()", "valid inputs")) {
        return false;
    }
    if (!ck_bytes(c, "verify_data (server Finished)", "compute_verify_data()",
                  "verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, "
                  "CertificateVerify*)), finished_key = HKDF-Expand-Label(BaseKey, \"finished\", \"\", "
                  "Hash.length) (RFC 8446 §4.4.4)",
                  &v->server_verify_data, out, hl,
                  "finished.c compute_verify_data(); `tls13 connect --explain` prints the Finished "
                  "computation of a live connection")) {
        ck_note(c, "inputs:   BaseKey = server_handshake_traffic_secret %s",
                course_hex(v->s_hs_traffic.p, hl, hex, sizeof(hex)));
        ck_note(c, "          transcript hash %s (%s)", course_hex(cv_hash, hl, hex, sizeof(hex)),
                cv_source);
        ck_note(c, "          finished_key should be %s (%s)",
                course_hex(v->server_finished_key.p, hl, hex, sizeof(hex)),
                v->server_finished_key.source);
        return false;
    }
    /* 2. check_server_finished(): the right Finished, a changed one, a short one */
    struct course_handshake_keys k = handshake_keys(v);
    uint8_t fin[4 + COURSE_MAX_HASH_LEN];
    memcpy(fin, v->server_finished.p, v->server_finished.len);
    course_result rc = check_server_finished(&k, cv_hash, fin, v->server_finished.len);
    if (!ck_rc(c, rc, COURSE_OK, "check_server_finished()",
               "this is the server Finished of the trace, and it is right: verify_data = "
               "HMAC(finished_key, Transcript-Hash(ClientHello..CertificateVerify)) with finished_key "
               "from the SERVER's handshake traffic secret (RFC 8446 §4.4: the Finished of each side "
               "uses that side's secret as BaseKey)")) {
        if (rc != COURSE_TODO) {
            ck_note(c, "expected verify_data %s (%s)",
                    course_hex(v->server_verify_data.p, hl, hex, sizeof(hex)),
                    v->server_verify_data.source);
            ck_note(c, "common causes: finished_key from keys->client.secret (the client's, used for "
                       "the CLIENT's Finished); comparing the whole message instead of the "
                       "Hash.length bytes after its 4-byte header");
        }
        return false;
    }
    fin[4 + hl / 2] ^= 0x80;
    if (!ck_rc(c, check_server_finished(&k, cv_hash, fin, v->server_finished.len),
               COURSE_ALERT(ALERT_DECRYPT_ERROR), "check_server_finished()",
               "one bit of verify_data changed: RFC 8446 §4.4.4 \"Recipients of Finished messages "
               "MUST verify that the contents are correct and if incorrect MUST terminate the "
               "connection with a \"decrypt_error\" alert\"")) {
        return false;
    }
    fin[4 + hl / 2] ^= 0x80;
    fin[3] = (uint8_t)(hl - 1);
    if (!ck_rc(c, check_server_finished(&k, cv_hash, fin, v->server_finished.len - 1),
               COURSE_ALERT(ALERT_DECODE_ERROR), "check_server_finished()",
               "a Finished with a 31-byte verify_data: the struct is opaque verify_data[Hash.length] "
               "(RFC 8446 §4.4.4), and a message of the wrong length is decode_error (§6.2)")) {
        return false;
    }
    /* 3. The client's Finished message */
    size_t out_len = 0;
    uint8_t msg[64 + COURSE_MAX_HASH_LEN];
    memset(msg, 0, sizeof(msg));
    if (!ck_rc(c, build_client_finished(&k, v->c_ap_hash.p, msg, sizeof(msg), &out_len), COURSE_OK,
               "build_client_finished()", "valid inputs")) {
        return false;
    }
    if (!ck_bytes(c, "the client Finished message", "build_client_finished()",
                  "Finished = HandshakeType finished(20) || uint24 length || verify_data, verify_data "
                  "= HMAC(finished_key, Transcript-Hash(ClientHello..server Finished)), finished_key "
                  "from client_handshake_traffic_secret (RFC 8446 §4.4.4)",
                  &v->client_finished, msg, out_len > sizeof(msg) ? sizeof(msg) : out_len,
                  "finished.c build_client_finished(): the client's BaseKey is the client's handshake "
                  "traffic secret; the transcript now ends with the server's Finished")) {
        ck_note(c, "          client finished_key should be %s (%s)",
                course_hex(v->client_finished_key.p, hl, hex, sizeof(hex)),
                v->client_finished_key.source);
        return false;
    }
    return true;
}
