/*
 * client.c — `tls-course connect`: the course's own TLS 1.3 client, a straight-line handshake
 * (RFC 8446 §2, Figure 1) whose every exercise step goes through struct course_impl, so that it
 * runs on the student's code, the project's, or any mix of the two.
 *
 *        Client                                           Server
 *        ClientHello + key_share          -------->                       project (encoder, X25519)
 *                                                          ServerHello   records, transcript; project parses
 *        (handshake keys)                                                 handshake_keys
 *                                                   [ChangeCipherSpec]    records (dropped)
 *                                                {EncryptedExtensions}    decrypt, transcript
 *                                                        {Certificate}    project checks the chain
 *                                                  {CertificateVerify}    project checks the signature
 *                                 <--------                 {Finished}    finished
 *        (application keys)                                               application_keys
 *        [ChangeCipherSpec] {Finished}    -------->                       finished, decrypt (seal)
 *        [Application Data]               <------->  [Application Data]   decrypt
 *                                         <--------  NewSessionTicket...   post_handshake
 *        close_notify                     <------->       close_notify    post_handshake
 *
 * This is a course program: it prints, uses sockets and exits; it is not the project's client
 * (src/handshake/client*.c), which is sans-IO and checks far more. Each failure names the step
 * and, when the step was the student's, the exercise to look at.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "common/names.h"
#include "client.h"
#include "crypto/kex.h"
#include "crypto/rng.h"
#include "crypto/x509.h"
#include "handshake/certificate.h"
#include "handshake/certificate_verify.h"
#include "handshake/client_hello.h"
#include "handshake/key_update.h"
#include "handshake/server_hello.h"

/* Which exercise a step belongs to, and who ran it: for messages. */
static const char *who(const struct conn *c, enum course_exercise ex)
{
    return (c->student_mask & (1u << ex)) ? "your" : "the project's";
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tls-course: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return 1;
}

/*
 * The server ended the connection with a fatal alert: that is the server judging what *we* sent,
 * not a failure of the step that read the alert. Say what the alert means and which exercises
 * make the bytes it judged.
 */
static int peer_alert(course_result rc)
{
    char name[64];
    const char *why;
    switch (rc - COURSE_PEER_ALERT(0)) {
    case ALERT_BAD_RECORD_MAC:
        why = "the server could not open a record we sent (RFC 8446 §5.2): check the client's "
              "write key and iv (handshake_keys: client_handshake_traffic_secret; "
              "application_keys after the handshake) and encrypt_record()'s nonce and AAD (decrypt)";
        break;
    case ALERT_DECRYPT_ERROR:
        why = "the server's check of our Finished failed (RFC 8446 §4.4.4): check "
              "compute_verify_data() (finished) and the transcript it hashes (transcript)";
        break;
    case ALERT_DECODE_ERROR:
    case ALERT_UNEXPECTED_MESSAGE:
        why = "the server could not read a record or message we sent (RFC 8446 §5.1, §4): check "
              "encrypt_record()'s inner content type and length (decrypt)";
        break;
    default:
        why = "the server refused what we sent; `tls13 connect --explain` against the same "
              "server shows a connection that works, step by step";
        break;
    }
    return fail("the server sent a fatal alert, %s: %s", course_result_name(rc, name, sizeof(name)),
                why);
}

/* A step returned rc != OK: say which step, whose code, which exercise. */
static int step_failed(const struct conn *c, enum course_exercise ex, const char *fn,
                       course_result rc)
{
    char name[64];
    if (rc >= COURSE_PEER_ALERT(0) && rc < COURSE_PEER_ALERT(256)) {
        return peer_alert(rc);
    }
    if (rc == COURSE_TODO) {
        return fail("%s() is not written yet (TODO in %s.c, exercise %s)", fn,
                    course_exercise_names[ex], course_exercise_names[ex]);
    }
    const char *hint = "";
    if (ex == EX_DECRYPT && rc == COURSE_ALERT(ALERT_BAD_RECORD_MAC)) {
        hint = ": the key, the nonce (write_iv XOR sequence number) or the AAD (the record header) "
               "is not the sender's";
    }
    return fail("%s %s() failed: %s%s (exercise %s; `tls-course check %s` says more)", who(c, ex),
                fn, course_result_name(rc, name, sizeof(name)), hint, course_exercise_names[ex],
                course_exercise_names[ex]);
}

static void show(const struct conn *c, const char *name, const uint8_t *p, size_t n)
{
    char hex[2 * COURSE_MAX_HASH_LEN + 8];
    if (c->verbose) {
        fprintf(stderr, "  %-38s %s\n", name, course_hex(p, n, hex, sizeof(hex)));
    }
}

/* One NSS key log line (the SSLKEYLOGFILE format): what `tls13 decode --keylog` and Wireshark
 * read to decrypt a capture of this connection with the secrets YOUR code derived. */
static void keylog(const struct conn *c, const char *label, const uint8_t *secret)
{
    char r[2 * 32 + 1], s[2 * COURSE_MAX_HASH_LEN + 1];
    if (c->keylog != NULL) {
        fprintf(c->keylog, "%s %s %s\n", label, course_hex(c->client_random, 32, r, sizeof(r)),
                course_hex(secret, c->suite->hash_len, s, sizeof(s)));
        fflush(c->keylog);
    }
}

static int send_all(struct conn *c, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) {
            return fail("send failed: %s", strerror(errno));
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Sends content as one protected record with the write direction (exercise decrypt's seal). */
static int send_protected(struct conn *c, uint8_t type, const uint8_t *content, size_t len)
{
    static uint8_t out[COURSE_MAX_RECORD_LEN];
    size_t out_len = 0;
    course_result rc = c->impl.encrypt_record(&c->wr, type, content, len, out, sizeof(out), &out_len);
    if (rc != COURSE_OK) {
        return step_failed(c, EX_DECRYPT, "encrypt_record", rc);
    }
    if (out_len < COURSE_RECORD_HEADER_LEN + len + 1 + COURSE_TAG_LEN || out_len > sizeof(out)) {
        return fail("%s encrypt_record() wrote %zu bytes for %zu bytes of content (exercise decrypt)",
                    who(c, EX_DECRYPT), out_len, len);
    }
    return send_all(c, out, out_len);
}

/*
 * The next record, through read_record() (exercise records): receives until it has one, drops
 * what it says to drop, and copies the record out of the input buffer into c->rec.
 * Returns 0, 1 on failure, 2 on end of stream with nothing pending.
 */
static int next_record(struct conn *c)
{
    for (;;) {
        size_t consumed = 0;
        course_result rc = c->impl.read_record(c->in, c->in_len, c->ccs_allowed, &c->rec, &consumed);
        if (rc == COURSE_OK || rc == COURSE_DROP) {
            size_t expect = rc == COURSE_OK ? COURSE_RECORD_HEADER_LEN + (size_t)c->rec.length : consumed;
            if (consumed == 0 || consumed > c->in_len || consumed != expect) {
                return fail("%s read_record() set *consumed = %zu with %zu bytes buffered (record "
                            "length %u): it must be 5 + length (exercise records)",
                            who(c, EX_RECORDS), consumed, c->in_len, (unsigned)c->rec.length);
            }
            if (rc == COURSE_OK) {
                memcpy(c->rec_bytes, c->in, consumed);
                c->rec.header = c->rec_bytes;
                c->rec.fragment = c->rec_bytes + COURSE_RECORD_HEADER_LEN;
            } else if (c->verbose) {
                fprintf(stderr, "  record: change_cipher_spec dropped (RFC 8446 §5)\n");
            }
            memmove(c->in, c->in + consumed, c->in_len - consumed);
            c->in_len -= consumed;
            if (rc == COURSE_OK) {
                return 0;
            }
            continue;
        }
        if (rc != COURSE_NEED_MORE) {
            return step_failed(c, EX_RECORDS, "read_record", rc);
        }
        if (c->in_len == sizeof(c->in)) {
            return fail("%s read_record() still needs more with %zu bytes buffered (exercise records)",
                        who(c, EX_RECORDS), c->in_len);
        }
        ssize_t n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
        if (n == 0) {
            return c->in_len == 0 ? 2 : fail("connection closed inside a record");
        }
        if (n < 0) {
            return fail("recv failed: %s", errno == EAGAIN ? "timed out (10 s)" : strerror(errno));
        }
        c->in_len += (size_t)n;
    }
}

/* Decrypts c->rec with the read direction (exercise decrypt) into *pt. */
static int open_record(struct conn *c, struct course_plaintext *pt)
{
    if (c->rec.type != CT_APPLICATION_DATA) {
        if (c->rec.type == CT_ALERT && c->rec.length == 2) {
            return fail("the server sent a plaintext alert %s(%u)", tls_alert_name(c->rec.fragment[1]),
                        c->rec.fragment[1]);
        }
        return fail("a %s record arrived after the keys changed (RFC 8446 §5: unexpected_message)",
                    tls_content_type_name(c->rec.type));
    }
    course_result rc = c->impl.decrypt_record(&c->rd, &c->rec, c->work, sizeof(c->work), pt);
    if (rc != COURSE_OK) {
        return step_failed(c, EX_DECRYPT, "decrypt_record", rc);
    }
    if (pt->length > COURSE_MAX_PLAINTEXT_LEN || (pt->length > 0 && pt->content == NULL)) {
        return fail("%s decrypt_record() returned %zu bytes of content (exercise decrypt)",
                    who(c, EX_DECRYPT), pt->length);
    }
    return 0;
}

static int add_to_transcript(struct conn *c, uint8_t type, const uint8_t *bytes, size_t len)
{
    struct course_message m = {type, c->rec.header, bytes, len};
    course_result rc = c->impl.update_transcript(&c->transcript, &m);
    return rc == COURSE_OK ? 0 : step_failed(c, EX_TRANSCRIPT, "update_transcript", rc);
}

static int hash_transcript(struct conn *c, uint8_t *out, const char *what)
{
    course_result rc = c->impl.transcript_hash(&c->transcript, c->suite->hash_len, out);
    if (rc != COURSE_OK) {
        return step_failed(c, EX_TRANSCRIPT, "transcript_hash", rc);
    }
    show(c, what, out, c->suite->hash_len);
    return 0;
}


/* --- ClientHello ----------------------------------------------------------------------- */

static int send_client_hello(struct conn *c, const struct options *o, struct tls_kex *kex,
                             struct tls_drbg *drbg)
{
    static const uint16_t suites[] = {0x1301, 0x1302, 0x1303};
    static const uint16_t groups[] = {TLS_GROUP_x25519};
    static const uint16_t sigs[] = {
        TLS_SIG_ecdsa_secp256r1_sha256, TLS_SIG_ecdsa_secp384r1_sha384,
        TLS_SIG_rsa_pss_rsae_sha256,    TLS_SIG_rsa_pss_rsae_sha384,
        TLS_SIG_rsa_pss_rsae_sha512,    TLS_SIG_rsa_pkcs1_sha256,
    };
    struct tls_rng rng = tls_drbg_rng(drbg);
    uint8_t session_id[32];
    struct tls_client_hello_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    if (tls_kex_generate(kex, TLS_GROUP_x25519, &rng, NULL) != TLS_OK ||
        tls_random(&rng, cfg.random, sizeof(cfg.random), NULL) != TLS_OK ||
        tls_random(&rng, session_id, sizeof(session_id), NULL) != TLS_OK) {
        return fail("no randomness");
    }
    memcpy(c->client_random, cfg.random, sizeof(c->client_random));
    struct tls_key_share_entry share = {TLS_GROUP_x25519, {kex->public_key, kex->public_len}};
    /* A 32-byte legacy_session_id asks for middlebox compatibility mode (Appendix D.4): the
     * server then sends a ChangeCipherSpec, which read_record() must drop. */
    cfg.legacy_session_id = (struct tls_bytes){session_id, sizeof(session_id)};
    cfg.cipher_suites = suites;
    cfg.cipher_suites_count = 3;
    const char *sni = o->servername ? o->servername : o->host;
    cfg.server_name = (struct tls_bytes){(const uint8_t *)sni, strlen(sni)};
    cfg.supported_groups = groups;
    cfg.supported_groups_count = 1;
    cfg.key_shares = &share;
    cfg.key_shares_count = 1;
    cfg.signature_algorithms = sigs;
    cfg.signature_algorithms_count = sizeof(sigs) / sizeof(sigs[0]);

    uint8_t rec[2048];
    struct tls_writer w;
    struct tls_client_hello_layout layout;
    tls_writer_init(&w, rec + COURSE_RECORD_HEADER_LEN, sizeof(rec) - COURSE_RECORD_HEADER_LEN);
    if (tls_client_hello_encode(&w, &cfg, &layout, NULL) != TLS_OK) {
        return fail("cannot encode the ClientHello");
    }
    /* §5.1: the first ClientHello's record may say 0x0301 */
    rec[0] = CT_HANDSHAKE;
    rec[1] = 0x03;
    rec[2] = 0x01;
    rec[3] = (uint8_t)(w.len >> 8);
    rec[4] = (uint8_t)w.len;
    c->rec.header = rec;
    if (add_to_transcript(c, CT_HANDSHAKE, rec + COURSE_RECORD_HEADER_LEN, w.len) != 0) {
        return 1;
    }
    c->ccs_allowed = true;
    return send_all(c, rec, COURSE_RECORD_HEADER_LEN + w.len);
}

/* --- ServerHello ----------------------------------------------------------------------- */

static int receive_server_hello(struct conn *c, const struct tls_kex *kex)
{
    int r = next_record(c);
    if (r != 0) {
        return r == 2 ? fail("the server closed the connection before its ServerHello") : 1;
    }
    if (c->rec.type == CT_ALERT && c->rec.length == 2) {
        return fail("the server answered with alert %s(%u)", tls_alert_name(c->rec.fragment[1]),
                    c->rec.fragment[1]);
    }
    struct tls_handshake_msg msg;
    size_t used = 0;
    struct tls_server_hello sh;
    if (c->rec.type != CT_HANDSHAKE ||
        tls_handshake_msg_next(c->rec.fragment, c->rec.length, &msg, &used, NULL) != TLS_OK ||
        msg.msg_type != HS_SERVER_HELLO ||
        tls_server_hello_parse(msg.body.data, msg.body.len, &sh, NULL) != TLS_OK) {
        return fail("the first record is not a ServerHello (type %u, %u bytes)", c->rec.type,
                    (unsigned)c->rec.length);
    }
    if (sh.is_hello_retry_request) {
        return fail("the server sent a HelloRetryRequest: this course client offers x25519 only");
    }
    c->suite = course_suite_find(sh.cipher_suite);
    struct tls_key_share_entry share = {0, {NULL, 0}};
    uint16_t version = 0;
    for (size_t i = 0; i < sh.extensions.count; i++) {
        const struct tls_extension *e = &sh.extensions.list[i];
        if (e->extension_type == TLS_EXT_key_share) {
            (void)tls_ext_key_share_parse_sh(e, &share, NULL);
        } else if (e->extension_type == TLS_EXT_supported_versions) {
            (void)tls_ext_supported_versions_parse_sh(e, &version, NULL);
        }
    }
    if (c->suite == NULL || version != 0x0304 || share.group != TLS_GROUP_x25519) {
        return fail("the ServerHello does not select TLS 1.3 with x25519 and an offered suite");
    }
    fprintf(stderr, "tls-course: ServerHello: %s, x25519\n", c->suite->name);
    uint8_t shared[TLS_MAX_SHARED_SECRET_LEN];
    size_t shared_len = 0;
    if (tls_kex_shared_secret(kex, share.key_exchange.data, share.key_exchange.len, shared,
                              &shared_len, NULL) != TLS_OK) {
        return fail("bad x25519 share from the server (RFC 8446 §7.4.2)");
    }
    show(c, "(EC)DHE shared secret", shared, shared_len);
    if (add_to_transcript(c, CT_HANDSHAKE, msg.whole.data, msg.whole.len) != 0) {
        return 1;
    }
    uint8_t hello_hash[COURSE_MAX_HASH_LEN];
    if (hash_transcript(c, hello_hash, "Transcript-Hash(ClientHello..ServerHello)") != 0) {
        return 1;
    }
    course_result rc = c->impl.get_handshake_cipher(c->suite, shared, shared_len, hello_hash,
                                                    &c->hs_keys);
    if (rc != COURSE_OK) {
        return step_failed(c, EX_HANDSHAKE_KEYS, "get_handshake_cipher", rc);
    }
    show(c, "handshake_secret", c->hs_keys.handshake_secret, c->suite->hash_len);
    show(c, "client_handshake_traffic_secret", c->hs_keys.client.secret, c->suite->hash_len);
    show(c, "server_handshake_traffic_secret", c->hs_keys.server.secret, c->suite->hash_len);
    keylog(c, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", c->hs_keys.client.secret);
    keylog(c, "SERVER_HANDSHAKE_TRAFFIC_SECRET", c->hs_keys.server.secret);
    c->hs_keys.client.suite = c->suite;
    c->hs_keys.server.suite = c->suite;
    c->rd = c->hs_keys.server;
    c->wr = c->hs_keys.client;
    return 0;
}

/* --- the server's encrypted flight ------------------------------------------------------ */

struct server_auth {
    const struct tls_trust *trust;
    const char *hostname;
    struct tls_peer_key leaf;
    bool have_cert, have_cv;
};

/* One whole handshake message of the server's encrypted flight. Returns 0, 1 (failure), or 3
 * after the server's Finished (handshake_hash then holds ClientHello..server Finished). */
static int server_message(struct conn *c, struct server_auth *a, const uint8_t *m, size_t len,
                          uint8_t *handshake_hash)
{
    uint8_t h[COURSE_MAX_HASH_LEN];
    const uint8_t *body = m + COURSE_HANDSHAKE_HEADER_LEN;
    size_t body_len = len - COURSE_HANDSHAKE_HEADER_LEN;
    struct tls_error err = {0};
    if (c->verbose) {
        fprintf(stderr, "  message: %s (%zu bytes)\n", tls_handshake_type_name(m[0]), len);
    }
    switch (m[0]) {
    case HS_ENCRYPTED_EXTENSIONS:
        break;
    case HS_CERTIFICATE: {
        struct tls_certificate cert;
        const uint8_t *certs[TLS_MAX_CERTIFICATES];
        size_t lens[TLS_MAX_CERTIFICATES];
        if (tls_certificate_parse(body, body_len, true, &cert, &err) != TLS_OK) {
            return fail("bad Certificate message: %s", err.reason);
        }
        for (size_t i = 0; i < cert.count; i++) {
            certs[i] = cert.certificate_list[i].cert_data.data;
            lens[i] = cert.certificate_list[i].cert_data.len;
        }
        if (tls_x509_verify_chain(a->trust, certs, lens, cert.count, a->trust ? a->hostname : NULL,
                                  &a->leaf, &err) != TLS_OK) {
            return fail("the server's certificate is not accepted: %s", err.reason);
        }
        a->have_cert = true;
        break;
    }
    case HS_CERTIFICATE_VERIFY: {
        struct tls_certificate_verify cv;
        uint8_t content[TLS_CV_SIGNED_CONTENT_MAX];
        size_t n = 0;
        if (!a->have_cert || hash_transcript(c, h, "Transcript-Hash(..Certificate)") != 0 ||
            tls_certificate_verify_parse(body, body_len, &cv, &err) != TLS_OK ||
            tls_certificate_verify_signed_content(true, h, c->suite->hash_len, content,
                                                  sizeof(content), &n, &err) != TLS_OK) {
            return fail("bad CertificateVerify%s%s", err.reason ? ": " : "",
                        err.reason ? err.reason : "");
        }
        if (tls_sig_verify(cv.algorithm, &a->leaf, content, n, cv.signature.data, cv.signature.len,
                           &err) != TLS_OK) {
            return fail("the CertificateVerify signature does not verify over YOUR transcript "
                        "hash (%s): check exercise transcript", err.reason);
        }
        a->have_cv = true;
        break;
    }
    case HS_FINISHED: {
        if (!a->have_cv) {
            return fail("Finished before CertificateVerify (RFC 8446 §4.4)");
        }
        if (hash_transcript(c, h, "Transcript-Hash(..CertificateVerify)") != 0) {
            return 1;
        }
        course_result rc = c->impl.check_server_finished(&c->hs_keys, h, m, len);
        if (rc != COURSE_OK) {
            return step_failed(c, EX_FINISHED, "check_server_finished", rc);
        }
        if (add_to_transcript(c, CT_HANDSHAKE, m, len) != 0 ||
            hash_transcript(c, handshake_hash, "Transcript-Hash(..server Finished)") != 0) {
            return 1;
        }
        return 3;
    }
    case 13: /* certificate_request */
        return fail("the server asks for a client certificate: the course client has none");
    default:
        return fail("unexpected %s in the server's flight", tls_handshake_type_name(m[0]));
    }
    return add_to_transcript(c, CT_HANDSHAKE, m, len);
}

static int receive_server_flight(struct conn *c, struct server_auth *a, uint8_t *handshake_hash)
{
    for (;;) {
        struct course_plaintext pt;
        int r = next_record(c);
        if (r != 0) {
            return r == 2 ? fail("the server closed the connection during the handshake") : 1;
        }
        if (open_record(c, &pt) != 0) {
            return 1;
        }
        if (pt.type == CT_ALERT && pt.length == 2) {
            return fail("the server sent alert %s(%u) during the handshake",
                        tls_alert_name(pt.content[1]), pt.content[1]);
        }
        if (pt.type != CT_HANDSHAKE) {
            return fail("a %s record inside the handshake (inner type %u): did decrypt_record() "
                        "read the type from the right end (RFC 8446 §5.4)?",
                        tls_content_type_name(pt.type), pt.type);
        }
        if (pt.length > sizeof(c->hs) - c->hs_len) {
            return fail("handshake messages too large");
        }
        memcpy(c->hs + c->hs_len, pt.content, pt.length);
        c->hs_len += pt.length;
        /* pop whole messages: a record may hold several, a message may span records (§5.1) */
        size_t off = 0;
        while (c->hs_len - off >= COURSE_HANDSHAKE_HEADER_LEN) {
            const uint8_t *m = c->hs + off;
            size_t len = COURSE_HANDSHAKE_HEADER_LEN + ((size_t)m[1] << 16 | (size_t)m[2] << 8 | m[3]);
            if (c->hs_len - off < len) {
                break;
            }
            r = server_message(c, a, m, len, handshake_hash);
            off += len;
            if (r == 3) {
                if (off != c->hs_len) {
                    return fail("data after the server Finished in the same record (RFC 8446 §5.1)");
                }
                c->hs_len = 0;
                return 0;
            }
            if (r != 0) {
                return 1;
            }
        }
        memmove(c->hs, c->hs + off, c->hs_len - off);
        c->hs_len -= off;
    }
}

/* --- after the handshake --------------------------------------------------------------- */

/* Reads until close_notify; prints application data. answered: set when data arrived. */
static int read_post_handshake(struct conn *c, bool stop_after_data, bool *answered)
{
    for (;;) {
        struct course_plaintext pt;
        int r = next_record(c);
        if (r == 2) {
            return fail("the server closed TCP without close_notify (truncation, RFC 8446 §6.1)");
        }
        if (r != 0 || open_record(c, &pt) != 0) {
            return 1;
        }
        struct course_plaintext rest = pt;
        do {
            struct course_event ev;
            size_t used = 0;
            memset(&ev, 0, sizeof(ev));
            course_result rc = c->impl.handle_post_handshake(&c->rd, &rest, &used, &ev);
            if (rc != COURSE_OK) {
                return step_failed(c, EX_POST_HANDSHAKE, "handle_post_handshake", rc);
            }
            if (used == 0 || used > rest.length) {
                if (rest.length == 0 && ev.type == COURSE_EVENT_APPLICATION_DATA) {
                    break; /* an empty application_data record (§5.4 allows it) */
                }
                return fail("%s handle_post_handshake() set *consumed = %zu of %zu bytes "
                            "(exercise post_handshake)", who(c, EX_POST_HANDSHAKE), used, rest.length);
            }
            rest.content += used;
            rest.length -= used;
            switch (ev.type) {
            case COURSE_EVENT_APPLICATION_DATA:
                fwrite(ev.data, 1, ev.data_len, stdout);
                fflush(stdout);
                *answered = true;
                break;
            case COURSE_EVENT_NEW_SESSION_TICKET:
                fprintf(stderr, "tls-course: NewSessionTicket (RFC 8446 §4.6.1): lifetime %u s, "
                        "%zu-byte ticket; the \"extra message after the handshake\"\n",
                        ev.ticket_lifetime, ev.ticket_len);
                break;
            case COURSE_EVENT_KEY_UPDATE:
                fprintf(stderr, "tls-course: KeyUpdate from the server (RFC 8446 §4.6.3)%s\n",
                        ev.update_requested ? ", update requested: answering" : "");
                if (ev.update_requested) {
                    static const uint8_t ku[] = {HS_KEY_UPDATE, 0, 0, 1, 0};
                    if (send_protected(c, CT_HANDSHAKE, ku, sizeof(ku)) != 0) {
                        return 1;
                    }
                    rc = c->impl.update_traffic_keys(&c->wr);
                    if (rc != COURSE_OK) {
                        return step_failed(c, EX_POST_HANDSHAKE, "update_traffic_keys", rc);
                    }
                }
                break;
            case COURSE_EVENT_CLOSE_NOTIFY:
                fprintf(stderr, "tls-course: close_notify from the server\n");
                return 0;
            case COURSE_EVENT_NONE:
            default:
                break;
            }
        } while (rest.length > 0);
        if (stop_after_data && *answered) {
            return 0;
        }
    }
}

int course_client_run(struct conn *c, const struct options *o)
{
    struct tls_kex kex;
    struct tls_drbg *drbg = NULL;
    struct tls_trust *trust = NULL;
    int r = 1;
    memset(&kex, 0, sizeof(kex));
    if (o->cafile != NULL) {
        FILE *f = fopen(o->cafile, "rb");
        static uint8_t pem[65536];
        size_t n = f ? fread(pem, 1, sizeof(pem), f) : 0;
        if (f) {
            fclose(f);
        }
        if (n == 0 || tls_trust_create(&trust, pem, n, NULL) != TLS_OK) {
            return fail("cannot read CA certificates from %s", o->cafile);
        }
    }
    if (tls_drbg_create(&drbg, "tls-course", NULL) != TLS_OK) {
        tls_trust_free(trust);
        return fail("no randomness");
    }
    struct server_auth auth = {trust, o->servername ? o->servername : o->host, {0}, false, false};
    uint8_t handshake_hash[COURSE_MAX_HASH_LEN];
    uint8_t fin[4 + COURSE_MAX_HASH_LEN + 16];
    size_t fin_len = 0;
    course_result rc;
    bool answered = false;

    if (send_client_hello(c, o, &kex, drbg) != 0 || receive_server_hello(c, &kex) != 0 ||
        receive_server_flight(c, &auth, handshake_hash) != 0) {
        goto out;
    }
    c->ccs_allowed = false; /* §5: no CCS after the server's Finished */
    rc = c->impl.build_client_finished(&c->hs_keys, handshake_hash, fin, sizeof(fin), &fin_len);
    if (rc != COURSE_OK) {
        r = step_failed(c, EX_FINISHED, "build_client_finished", rc);
        goto out;
    }
    rc = c->impl.get_application_cipher(c->suite, c->hs_keys.handshake_secret, handshake_hash,
                                        &c->app_keys);
    if (rc != COURSE_OK) {
        r = step_failed(c, EX_APPLICATION_KEYS, "get_application_cipher", rc);
        goto out;
    }
    show(c, "client_application_traffic_secret_0", c->app_keys.client.secret, c->suite->hash_len);
    show(c, "server_application_traffic_secret_0", c->app_keys.server.secret, c->suite->hash_len);
    keylog(c, "CLIENT_TRAFFIC_SECRET_0", c->app_keys.client.secret);
    keylog(c, "SERVER_TRAFFIC_SECRET_0", c->app_keys.server.secret);
    c->app_keys.client.suite = c->suite;
    c->app_keys.server.suite = c->suite;
    /* Appendix D.4: in compatibility mode the client sends its CCS before its second flight */
    static const uint8_t ccs[] = {CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1};
    if (send_all(c, ccs, sizeof(ccs)) != 0 || send_protected(c, CT_HANDSHAKE, fin, fin_len) != 0) {
        goto out;
    }
    c->rd = c->app_keys.server;
    c->wr = c->app_keys.client;
    fprintf(stderr, "tls-course: handshake complete\n");

    const char *line = o->send ? o->send : "hello from the tls13 course\n";
    if (send_protected(c, CT_APPLICATION_DATA, (const uint8_t *)line, strlen(line)) != 0 ||
        read_post_handshake(c, true, &answered) != 0) {
        goto out;
    }
    static const uint8_t close_notify[] = {1, ALERT_CLOSE_NOTIFY};
    if (send_protected(c, CT_ALERT, close_notify, sizeof(close_notify)) != 0) {
        goto out;
    }
    shutdown(c->fd, SHUT_WR);
    if (read_post_handshake(c, false, &answered) != 0) {
        goto out;
    }
    fprintf(stderr, "tls-course: closed cleanly (close_notify both ways)\n");
    r = 0;
out:
    tls_kex_wipe(&kex);
    tls_drbg_free(drbg);
    tls_trust_free(trust);
    return r;
}

