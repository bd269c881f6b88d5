/* negative_server.c — the scripted server of the negative tests (see negative_server.h). */
#include "support/negative_server.h"

#include "support/testutil.h"

#include <string.h>

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/suite.h"
#include "handshake/certificate_verify.h"
#include "support/negative_sign.h"

static const char S3_FILE[] = "rfc8448-3-simple-1-rtt-handshake.json";
static const char S5_FILE[] = "rfc8448-5-helloretryrequest.json";
static const char S4_FILE[] = "rfc8448-4-resumed-0-rtt-handshake.json";

/* RFC 8448 §3 and §5 both negotiate TLS_AES_128_GCM_SHA256. */
#define NEG_SUITE 0x1301
#define NEG_HASH TLS_HASH_SHA256
#define NEG_HASH_LEN 32

static void load(struct neg_server *s, struct neg_msg *m, const char *step, const char *label,
                 int occurrence)
{
    size_t len;
    const uint8_t *b = rfc8448_value(s->v, step, label, occurrence, &len);
    assert_true(len <= sizeof(m->b));
    memcpy(m->b, b, len);
    m->len = len;
}

void neg_server_init(struct neg_server *s, enum neg_base base)
{
    memset(s, 0, sizeof(*s));
    s->base = base;
    s->v = rfc8448_load(base == NEG_BASE_S3 ? S3_FILE : base == NEG_BASE_S5 ? S5_FILE : S4_FILE);
    const char *ch = "{client}  construct a ClientHello handshake message";
    const char *sh = "{server}  construct a ServerHello handshake message";
    if (base == NEG_BASE_S4) {
        /* §4 shows the ClientHello without its binders under "construct"; the whole message
         * is the payload of the record it sends. */
        load(s, &s->ch[0], "{client}  send handshake record", "payload", 0);
    } else {
        load(s, &s->ch[0], ch, "ClientHello", 0);
    }
    int sh_occurrence = 0;
    if (base == NEG_BASE_S5) {
        load(s, &s->ch[1], ch, "ClientHello", 1);
        load(s, &s->hrr, sh, "ServerHello", 0); /* §5 labels the HRR a ServerHello too */
        sh_occurrence = 1;
    }
    load(s, &s->msg[NEG_SH], sh, "ServerHello", sh_occurrence);
    load(s, &s->msg[NEG_EE], "{server}  construct an EncryptedExtensions", "EncryptedExtensions", 0);
    if (base == NEG_BASE_S4) {
        /* A PSK handshake: no Certificate, no CertificateVerify (§2.2). */
        load(s, &s->msg[NEG_S4_FIN], "{server}  construct a Finished", "Finished", 0);
        s->count = 3;
        /* Our client sends no 0-RTT data, so it offers no early_data: the server's EE answers
         * without it (§4.2.10), and Finished covers that EE and the client's actual ClientHello. */
        neg_ext_remove(&s->msg[NEG_EE], 4, 42);
        s->fix_finished = true;
        return;
    }
    load(s, &s->msg[NEG_CERT], "{server}  construct a Certificate", "Certificate", 0);
    load(s, &s->msg[NEG_CV], "{server}  construct a CertificateVerify", "CertificateVerify", 0);
    load(s, &s->msg[NEG_FIN], "{server}  construct a Finished", "Finished", 0);
    s->count = 5;
}

void neg_server_free(struct neg_server *s)
{
    rfc8448_free(s->v);
}

/* ---- the server's key schedule (RFC 8446 §7.1) over the messages as they are now ---------------- */

/* Transcript-Hash(ClientHello1 [, HRR, ClientHello2], msg[0..upto-1]) (§4.4.1). */
static void transcript_hash(const struct neg_server *s, size_t upto, uint8_t *out)
{
    struct tls_hash h;
    assert_int_equal(tls_hash_init(&h, NEG_HASH, NULL), TLS_OK);
    if (s->base == NEG_BASE_S5) {
        /* §4.4.1: ClientHello1 is replaced by message_hash(254) || 00 00 Hash.length || Hash(CH1). */
        uint8_t message_hash[4 + NEG_HASH_LEN] = {254, 0, 0, NEG_HASH_LEN};
        assert_int_equal(tls_hash(NEG_HASH, s->ch[0].b, s->ch[0].len, message_hash + 4, NULL), TLS_OK);
        tls_hash_update(&h, message_hash, sizeof(message_hash), NULL);
        tls_hash_update(&h, s->hrr.b, s->hrr.len, NULL);
        tls_hash_update(&h, s->ch[1].b, s->ch[1].len, NULL);
    } else {
        tls_hash_update(&h, s->ch[0].b, s->ch[0].len, NULL);
    }
    for (size_t i = 0; i < upto && i < NEG_MAX_MSGS; i++) {
        tls_hash_update(&h, s->msg[i].b, s->msg[i].len, NULL);
    }
    assert_int_equal(tls_hash_peek(&h, out, NULL), TLS_OK);
    tls_hash_wipe(&h);
}

static void handshake_schedule(const struct neg_server *s, struct tls_key_schedule *ks)
{
    size_t len;
    /* The (EC)DHE shared secret both sides computed in the RFC's trace. */
    const uint8_t *ecdhe = rfc8448_value(s->v, "{server}  extract secret \"handshake\"", "IKM", 0, &len);
    const uint8_t *psk = NULL;
    size_t psk_len = 0;
    if (s->base == NEG_BASE_S4) {
        /* §4's Early Secret = HKDF-Extract(0, PSK): the PSK from §3's ticket. */
        psk = rfc8448_value(s->v, "{client}  extract secret \"early\"", "IKM", 0, &psk_len);
    }
    assert_int_equal(tls_ks_early(ks, NEG_HASH, psk, psk_len, NULL), TLS_OK);
    assert_int_equal(tls_ks_handshake(ks, ecdhe, len, NULL), TLS_OK);
}

static void keys_from(const uint8_t *secret, struct tls_traffic_keys *keys)
{
    assert_int_equal(tls_traffic_keys_derive(tls_cipher_suite_find(NEG_SUITE), secret, keys, NULL), TLS_OK);
}

void neg_derive_handshake_keys(struct neg_server *s)
{
    struct tls_key_schedule ks;
    uint8_t hash[NEG_HASH_LEN];
    handshake_schedule(s, &ks);
    transcript_hash(s, 1, hash);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_server_handshake_traffic_secret, hash,
                                   s->server_hs_secret, NULL), TLS_OK);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_client_handshake_traffic_secret, hash,
                                   s->client_hs_secret, NULL), TLS_OK);
    keys_from(s->server_hs_secret, &s->server_hs);
    keys_from(s->client_hs_secret, &s->client_hs);
    s->hs_seq = 0;
    s->keys_ready = true;
}

void neg_derive_application_keys(struct neg_server *s)
{
    struct tls_key_schedule ks;
    uint8_t hash[NEG_HASH_LEN], client_app_secret[NEG_HASH_LEN];
    handshake_schedule(s, &ks);
    assert_int_equal(tls_ks_master(&ks, NULL), TLS_OK);
    transcript_hash(s, s->count, hash);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_server_application_traffic_secret_0, hash,
                                   s->server_app_secret, NULL), TLS_OK);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_client_application_traffic_secret_0, hash,
                                   client_app_secret, NULL), TLS_OK);
    keys_from(s->server_app_secret, &s->server_app);
    keys_from(client_app_secret, &s->client_app);
    s->app_seq = 0;
}

static void ensure_keys(struct neg_server *s)
{
    if (!s->keys_ready) {
        neg_derive_handshake_keys(s);
    }
}

void neg_recompute_finished(struct neg_server *s)
{
    ensure_keys(s);
    uint8_t hash[NEG_HASH_LEN], verify_data[NEG_HASH_LEN];
    transcript_hash(s, s->count - 1, hash);
    /* §4.4.4: verify_data = HMAC(finished_key(server_handshake_traffic_secret), Transcript-Hash) */
    assert_int_equal(tls_finished_verify_data(NEG_HASH, s->server_hs_secret, hash, verify_data, NULL), TLS_OK);
    neg_set(&s->msg[s->count - 1], 20, verify_data, sizeof(verify_data));
}

size_t neg_expected_client_flight(struct neg_server *s, struct neg_msg *out)
{
    ensure_keys(s);
    size_t n = 0;
    uint8_t hash[NEG_HASH_LEN];
    for (size_t i = 0; i < s->count; i++) {
        if (s->msg[i].b[0] == 13) {
            /* §4.4.2: no certificate: an empty Certificate echoing the request's context. */
            uint8_t body[1 + 255 + 3];
            size_t context_len = s->msg[i].b[4];
            body[0] = (uint8_t)context_len;
            memcpy(body + 1, s->msg[i].b + 5, context_len);
            memset(body + 1 + context_len, 0, 3);
            neg_set(&out[n++], 11, body, 1 + context_len + 3);
        }
    }
    /* Transcript through the server Finished [and our Certificate, appended for the moment]. */
    assert_true(s->count < NEG_MAX_MSGS);
    if (n > 0) {
        s->msg[s->count] = out[0];
    }
    transcript_hash(s, s->count + n, hash);
    uint8_t verify_data[NEG_HASH_LEN];
    /* §4.4.4: verify_data = HMAC(finished_key(client_handshake_traffic_secret), Transcript-Hash) */
    assert_int_equal(tls_finished_verify_data(NEG_HASH, s->client_hs_secret, hash, verify_data, NULL), TLS_OK);
    neg_set(&out[n++], 20, verify_data, sizeof(verify_data));
    return n;
}

/* Index of the CertificateVerify in the flight. */
static size_t cv_index(const struct neg_server *s)
{
    size_t cv = 0;
    while (cv < s->count && s->msg[cv].b[0] != 15) {
        cv++;
    }
    assert_true(cv < s->count);
    return cv;
}

size_t neg_certificate_verify_content(struct neg_server *s, bool server_context,
                                      uint8_t content[NEG_CV_CONTENT_CAP])
{
    uint8_t hash[NEG_HASH_LEN];
    size_t content_len;
    struct tls_error err = {0};
    transcript_hash(s, cv_index(s), hash);
    /* §4.4.3: 64 spaces || context string || 0 || Transcript-Hash(... Certificate) */
    assert_int_equal(tls_certificate_verify_signed_content(server_context, hash, sizeof(hash), content,
                                                           NEG_CV_CONTENT_CAP, &content_len, &err),
                     TLS_OK);
    return content_len;
}

void neg_set_certificate_verify(struct neg_server *s, uint16_t scheme, const uint8_t *sig, size_t len)
{
    static uint8_t body[4 + 1024];
    assert_true(len <= 1024);
    body[0] = (uint8_t)(scheme >> 8);
    body[1] = (uint8_t)scheme;
    body[2] = (uint8_t)(len >> 8);
    body[3] = (uint8_t)len;
    memcpy(body + 4, sig, len);
    neg_set(&s->msg[cv_index(s)], 15, body, 4 + len);
}

void neg_resign_certificate_verify(struct neg_server *s, bool server_context)
{
    uint8_t content[NEG_CV_CONTENT_CAP];
    size_t content_len = neg_certificate_verify_content(s, server_context, content);
    uint8_t sig[NEG_RSA_SIG_LEN];
    neg_rsa_pss_sha256_sign(content, content_len, sig);
    neg_set_certificate_verify(s, 0x0804, sig, sizeof(sig)); /* rsa_pss_rsae_sha256 */
}

void neg_resign_certificate_verify_strict(struct neg_server *s)
{
    uint8_t content[NEG_CV_CONTENT_CAP];
    size_t content_len = neg_certificate_verify_content(s, true, content);
    uint8_t sig[NEG_RSA2048_SIG_LEN];
    neg_rsa2048_pss_sha256_sign(content, content_len, sig);
    neg_set_certificate_verify(s, 0x0804, sig, sizeof(sig)); /* rsa_pss_rsae_sha256 */
}

/* ---- records ---------------------------------------------------------------------------------- */

void neg_raw(struct neg_server *s, const uint8_t *bytes, size_t len)
{
    assert_true(s->stream_len + len <= sizeof(s->stream));
    memcpy(s->stream + s->stream_len, bytes, len);
    s->stream_len += len;
}

static size_t plain_record(uint8_t *out, size_t cap, uint8_t type, const uint8_t *content, size_t len)
{
    assert_true(5 + len <= cap);
    out[0] = type;
    out[1] = 0x03;
    out[2] = 0x03;
    out[3] = (uint8_t)(len >> 8);
    out[4] = (uint8_t)len;
    if (len > 0) {
        memcpy(out + 5, content, len);
    }
    return 5 + len;
}

void neg_plain(struct neg_server *s, uint8_t type, const uint8_t *content, size_t len)
{
    s->stream_len += plain_record(s->stream + s->stream_len, sizeof(s->stream) - s->stream_len,
                                  type, content, len);
}

void neg_post_plain(struct neg_server *s, uint8_t type, const uint8_t *content, size_t len)
{
    s->post_len += plain_record(s->post + s->post_len, sizeof(s->post) - s->post_len, type,
                                content, len);
}

/* TLSCiphertext (§5.2) around the given TLSInnerPlaintext bytes. */
static size_t seal(const struct tls_traffic_keys *keys, uint64_t seq, uint16_t version,
                   const uint8_t *inner, size_t inner_len, uint8_t *out, size_t cap)
{
    size_t length = inner_len + TLS_AEAD_TAG_LEN;
    assert_true(5 + length <= cap && length <= 0xffff);
    out[0] = 23; /* opaque_type = application_data */
    out[1] = (uint8_t)(version >> 8);
    out[2] = (uint8_t)version;
    out[3] = (uint8_t)(length >> 8);
    out[4] = (uint8_t)length;
    if (inner_len > 0) {
        memmove(out + 5, inner, inner_len);
    }
    assert_int_equal(tls_aead_seal(keys, seq, out, 5, out + 5, inner_len, out + 5, NULL), TLS_OK);
    return 5 + length;
}

/* content || inner_type || padding zeros, in a scratch buffer. */
static size_t inner_plaintext(uint8_t *inner, size_t cap, uint8_t inner_type, const uint8_t *content,
                              size_t len, size_t padding)
{
    assert_true(len + 1 + padding <= cap);
    if (len > 0) {
        memmove(inner, content, len);
    }
    inner[len] = inner_type;
    memset(inner + len + 1, 0, padding);
    return len + 1 + padding;
}

static uint8_t scratch[NEG_STREAM_CAP];

void neg_protected_inner(struct neg_server *s, const uint8_t *inner, size_t inner_len)
{
    ensure_keys(s);
    s->stream_len += seal(&s->server_hs, s->hs_seq++, 0x0303, inner, inner_len,
                          s->stream + s->stream_len, sizeof(s->stream) - s->stream_len);
}

void neg_protected_version(struct neg_server *s, uint8_t inner_type, const uint8_t *content,
                           size_t len, size_t padding, uint16_t version)
{
    ensure_keys(s);
    size_t n = inner_plaintext(scratch, sizeof(scratch), inner_type, content, len, padding);
    s->stream_len += seal(&s->server_hs, s->hs_seq++, version, scratch, n,
                          s->stream + s->stream_len, sizeof(s->stream) - s->stream_len);
}

void neg_protected(struct neg_server *s, uint8_t inner_type, const uint8_t *content, size_t len,
                   size_t padding)
{
    neg_protected_version(s, inner_type, content, len, padding, 0x0303);
}

size_t neg_concat(const struct neg_server *s, size_t from, size_t to, uint8_t *out)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        memcpy(out + n, s->msg[i].b, s->msg[i].len);
        n += s->msg[i].len;
    }
    return n;
}

void neg_frame_default(struct neg_server *s)
{
    static uint8_t flight[NEG_MAX_MSGS * NEG_MSG_CAP];
    if (s->base == NEG_BASE_S5) {
        neg_plain(s, 22, s->hrr.b, s->hrr.len);
    }
    neg_plain(s, 22, s->msg[0].b, s->msg[0].len);
    size_t n = neg_concat(s, 1, s->count, flight);
    if (n > 0) {
        neg_protected(s, 22, flight, n, 0);
    }
}

void neg_post(struct neg_server *s, uint8_t inner_type, const uint8_t *content, size_t len)
{
    size_t n = inner_plaintext(scratch, sizeof(scratch), inner_type, content, len, 0);
    s->post_len += seal(&s->server_app, s->app_seq++, 0x0303, scratch, n, s->post + s->post_len,
                        sizeof(s->post) - s->post_len);
}

void neg_post_next_generation(struct neg_server *s)
{
    assert_int_equal(tls_next_traffic_secret(NEG_HASH, s->server_app_secret, s->server_app_secret, NULL),
                     TLS_OK);
    keys_from(s->server_app_secret, &s->server_app);
    s->app_seq = 0;
}

/* ---- editing ---------------------------------------------------------------------------------- */

void neg_fix_length(struct neg_msg *m)
{
    size_t body = m->len - 4;
    m->b[1] = (uint8_t)(body >> 16);
    m->b[2] = (uint8_t)(body >> 8);
    m->b[3] = (uint8_t)body;
}

void neg_splice(struct neg_msg *m, size_t at, size_t del, const uint8_t *ins, size_t ins_len)
{
    assert_true(at + del <= m->len && m->len - del + ins_len <= sizeof(m->b));
    memmove(m->b + at + ins_len, m->b + at + del, m->len - at - del);
    if (ins_len > 0) {
        memcpy(m->b + at, ins, ins_len);
    }
    m->len = m->len - del + ins_len;
    neg_fix_length(m);
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

size_t neg_hello_extensions_at(const struct neg_msg *m)
{
    /* header(4) legacy_version(2) random(32) legacy_session_id_echo<0..32> cipher_suite(2)
     * legacy_compression_method(1) */
    return 4 + 2 + 32 + 1 + m->b[4 + 2 + 32] + 2 + 1;
}

size_t neg_ext_find(const struct neg_msg *m, size_t block_at, uint16_t type)
{
    size_t end = block_at + 2 + get16(m->b + block_at);
    for (size_t p = block_at + 2; p + 4 <= end; p += 4 + get16(m->b + p + 2)) {
        if (get16(m->b + p) == type) {
            return p;
        }
    }
    return 0;
}

void neg_ext_add(struct neg_msg *m, size_t block_at, uint16_t type, const uint8_t *data, size_t len)
{
    uint8_t ext[NEG_MSG_CAP];
    put16(ext, type);
    put16(ext + 2, len);
    if (len > 0) {
        memcpy(ext + 4, data, len);
    }
    size_t block = get16(m->b + block_at);
    neg_splice(m, block_at + 2 + block, 0, ext, 4 + len);
    put16(m->b + block_at, block + 4 + len);
}

void neg_ext_remove(struct neg_msg *m, size_t block_at, uint16_t type)
{
    size_t at = neg_ext_find(m, block_at, type);
    assert_true(at != 0);
    size_t n = 4 + get16(m->b + at + 2);
    size_t block = get16(m->b + block_at);
    neg_splice(m, at, n, NULL, 0);
    put16(m->b + block_at, block - n);
}

void neg_ext_set(struct neg_msg *m, size_t block_at, uint16_t type, const uint8_t *data, size_t len)
{
    size_t at = neg_ext_find(m, block_at, type);
    assert_true(at != 0);
    size_t old = get16(m->b + at + 2);
    size_t block = get16(m->b + block_at);
    neg_splice(m, at + 4, old, data, len);
    put16(m->b + at + 2, len);
    put16(m->b + block_at, block - old + len);
}

void neg_insert(struct neg_server *s, size_t at, const uint8_t *bytes, size_t len)
{
    assert_true(s->count < NEG_MAX_MSGS && at <= s->count && len <= NEG_MSG_CAP);
    memmove(&s->msg[at + 1], &s->msg[at], (s->count - at) * sizeof(s->msg[0]));
    memcpy(s->msg[at].b, bytes, len);
    s->msg[at].len = len;
    s->count++;
}

void neg_remove(struct neg_server *s, size_t at)
{
    assert_true(at < s->count);
    memmove(&s->msg[at], &s->msg[at + 1], (s->count - at - 1) * sizeof(s->msg[0]));
    s->count--;
}

void neg_set(struct neg_msg *m, uint8_t type, const uint8_t *body, size_t len)
{
    assert_true(4 + len <= sizeof(m->b));
    m->b[0] = type;
    if (len > 0) {
        memmove(m->b + 4, body, len);
    }
    m->len = 4 + len;
    neg_fix_length(m);
}
