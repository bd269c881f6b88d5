/*
 * fuzz_record.c — the receive side of the record layer (RFC 8446 §5, §5.1-§5.4, §6): deframing,
 * the ChangeCipherSpec and outer-type rules, AEAD unprotection with fixed keys, TLSInnerPlaintext
 * padding removal, handshake reassembly across records and alert processing.
 *
 * Input: the bytes a server sends. They are processed the way the client core does: records are
 * read in the clear until the first handshake message arrives (the ServerHello); then, as a
 * client would after it, the read side switches to fixed handshake keys — RFC 8448 §3's server
 * handshake traffic key and iv (TLS_AES_128_GCM_SHA256), so that the RFC's own protected record
 * decrypts and its EncryptedExtensions..Finished reach the reassembler.
 *
 * Oracles: the error contract; a record never claims more bytes than were given; decrypted
 * content lies inside the output buffer; a popped message is exactly 4 + its length.
 */
#include <string.h>

#include "common/names.h"
#include "crypto/suite.h"
#include "fuzz.h"
#include "record/alert.h"
#include "record/protect.h"
#include "record/reassembly.h"
#include "rfc8448_s3.h"

/* Reads its argument so that ASan checks every byte of a view handed out by the record layer. */
static volatile uint8_t sink;

static void touch(const uint8_t *p, size_t n)
{
    uint8_t x = 0;
    for (size_t i = 0; i < n; i++) {
        x ^= p[i];
    }
    sink = x;
}

static void install_fixed_keys(struct tls_record_rx *rx)
{
    struct tls_traffic_keys keys;
    memset(&keys, 0, sizeof(keys));
    keys.suite = tls_cipher_suite_find(0x1301);
    FUZZ_CHECK(keys.suite != NULL, "TLS_AES_128_GCM_SHA256 not implemented");
    memcpy(keys.key, rfc8448_s3_server_handshake_key, sizeof(rfc8448_s3_server_handshake_key));
    memcpy(keys.iv, rfc8448_s3_server_handshake_iv, sizeof(rfc8448_s3_server_handshake_iv));
    tls_record_direction_install_keys(&rx->dir, &keys, NULL);
}

/* Pops and checks every complete message; returns how many, or -1 on a failure. */
static int pop_messages(struct tls_reassembly *ra)
{
    int count = 0;
    for (;;) {
        struct tls_error err = {0};
        struct tls_handshake_message msg;
        bool have = false;
        tls_result rc = tls_reassembly_next(ra, &msg, &have, &err);
        fuzz_check_result(rc, &err);
        if (rc != TLS_OK) {
            return -1;
        }
        if (!have) {
            return count;
        }
        FUZZ_CHECK(msg.total_len == TLS_HANDSHAKE_HEADER_LEN + (size_t)msg.length,
                   "popped message length disagrees with its header");
        FUZZ_CHECK(msg.length <= TLS_MAX_HANDSHAKE_MESSAGE_LEN, "message above the bound popped");
        touch(msg.bytes, msg.total_len);
        count++;
    }
}

/* Handles one unprotected record's content; false when the connection would end. */
static bool dispatch(struct tls_record_rx *rx, struct tls_reassembly *ra,
                     const struct tls_plaintext *pt, unsigned *user_canceled)
{
    struct tls_error err = {0};
    tls_result rc;
    if (pt->dropped || pt->type != TLS_CT_handshake) {
        /* §5.1: no other record type inside a fragmented handshake message. */
        rc = tls_reassembly_check_boundary(ra, TLS_REASSEMBLY_INTERLEAVE_REASON, &err);
        fuzz_check_result(rc, &err);
        if (rc != TLS_OK) {
            return false;
        }
    }
    if (pt->dropped) {
        return true;
    }
    switch (pt->type) {
    case TLS_CT_handshake: {
        rc = tls_reassembly_add(ra, pt->content, pt->length, &err);
        fuzz_check_result(rc, &err);
        int popped = rc == TLS_OK ? pop_messages(ra) : -1;
        if (popped < 0) {
            return false;
        }
        if (popped > 0 && !rx->dir.is_protected) {
            /* After the ServerHello the client changes keys: §5.1 boundary first. */
            rc = tls_reassembly_check_boundary(ra, NULL, &err);
            fuzz_check_result(rc, &err);
            if (rc != TLS_OK) {
                return false;
            }
            install_fixed_keys(rx);
        }
        return true;
    }
    case TLS_CT_alert: {
        struct tls_alert alert;
        enum tls_alert_action action;
        rc = tls_alert_process(pt->content, pt->length, user_canceled, &alert, &action, &err);
        if (rc != TLS_OK) {
            /* An error alert is the peer's (TLS_E_PEER_ALERT), not a local one. */
            FUZZ_CHECK(err.code == rc && err.reason != NULL, "alert failure without a reason");
            return false;
        }
        return action != TLS_ALERT_ACTION_closed;
    }
    default:
        touch(pt->content, pt->length);
        return true;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tls_reassembly ra;
    static uint8_t work[TLS_MAX_RECORD_LEN];
    struct tls_record_rx rx;
    tls_record_rx_init(&rx);
    rx.ccs_allowed = true; /* as after our first ClientHello (§5) */
    tls_reassembly_reset(&ra);
    unsigned user_canceled = 0;
    size_t pos = 0;
    for (;;) {
        struct tls_error err = {0};
        struct tls_record rec;
        size_t need = 0;
        tls_result rc = tls_record_deframe(data + pos, size - pos, rx.dir.is_protected, &rec,
                                           &need, &err);
        fuzz_check_result(rc, &err);
        if (rc != TLS_OK || need > 0) {
            break;
        }
        FUZZ_CHECK(rec.total_len == TLS_RECORD_HEADER_LEN + rec.length, "record length mismatch");
        FUZZ_CHECK(rec.total_len <= size - pos, "record claims bytes that were not given");
        pos += rec.total_len;
        struct tls_plaintext pt;
        rc = tls_record_unprotect(&rx, &rec, work, sizeof(work), &pt, &err);
        fuzz_check_result(rc, &err);
        if (rc != TLS_OK) {
            break;
        }
        FUZZ_CHECK(pt.length <= TLS_MAX_PLAINTEXT_LEN, "§5.4: content above 2^14 released");
        if (pt.length > 0) {
            bool in_work = pt.content >= work && pt.content + pt.length <= work + sizeof(work);
            bool in_rec = pt.content >= rec.fragment && pt.content + pt.length <= rec.fragment + rec.length;
            FUZZ_CHECK(in_work || in_rec, "content view outside both buffers");
        }
        if (!dispatch(&rx, &ra, &pt, &user_canceled)) {
            break;
        }
    }
    tls_record_direction_wipe(&rx.dir);
    return 0;
}
