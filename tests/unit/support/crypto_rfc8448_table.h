/*
 * crypto_rfc8448_table.h — RFC 8448 values as C rows, for the crypto tests
 * (test_key_schedule, test_crypto_aead, test_crypto_kex).
 *
 * All hex strings are lowercase without separators, exactly the bytes RFC 8448 prints.
 * Every row names its RFC 8448 section and the line of its value in tests/vectors/rfc/rfc8448.txt.
 */
#ifndef TLS13_TEST_CRYPTO_RFC8448_TABLE_H
#define TLS13_TEST_CRYPTO_RFC8448_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "common/names.h"
#include "crypto/key_schedule.h"

/* What a key-schedule row checks, and which fields it reads. */
enum ks_row_kind {
    ROW_EARLY_SECRET,     /* tls_ks_early(input = PSK, NULL = none, NULL) -> Early Secret */
    ROW_HANDSHAKE_SECRET, /* tls_ks_handshake(input = (EC)DHE shared secret, NULL) -> Handshake Secret */
    ROW_MASTER_SECRET,    /* tls_ks_master(NULL) -> Master Secret */
    ROW_DERIVED,          /* tls_derive_secret(prk, "derived", input = Hash(""), NULL) */
    ROW_DERIVE,           /* tls_ks_derive(id, input = transcript hash, NULL); prk = stage secret or NULL */
    ROW_KEY,              /* tls_traffic_keys_derive(input = traffic secret, NULL).key */
    ROW_IV,               /* tls_traffic_keys_derive(input = traffic secret, NULL).iv */
    ROW_FINISHED_KEY,     /* tls_finished_key(input = base key, NULL) */
    ROW_VERIFY_DATA,      /* tls_finished_verify_data(input = base key, Hash(input2 messages), NULL);
                           * prk, when set, is ClientHello1 of an HRR exchange: the transcript
                           * starts with message_hash(ClientHello1) (RFC 8446 §4.4.1) */
    ROW_BINDER_HASH,      /* Hash(input = truncated ClientHello) */
    ROW_RESUMPTION_PSK,   /* tls_resumption_psk(input = resumption_master_secret, input2 = nonce, NULL) */
};

struct ks_row {
    const char *section;  /* "3" .. "7" */
    int line;             /* line of the expected value in rfc8448.txt */
    enum ks_row_kind kind;
    enum tls_secret_id id;
    const char *what;     /* the RFC 8448 step and label */
    const char *inputs;   /* where the inputs are, as lines of rfc8448.txt */
    const char *prk;
    const char *input;
    const char *input2;
    const char *expected;
};

/* A protected record: decrypting complete_record with key/iv at seq gives payload || type || 0*. */
struct record_row {
    const char *section;
    int line;             /* line of the "complete record" */
    const char *what;
    int payload_line, key_line, iv_line;
    uint64_t seq;
    uint8_t content_type; /* TLSInnerPlaintext.type */
    const char *payload;
    const char *key;
    const char *iv;
    const char *record;
};

/* An ephemeral key pair of the trace. */
struct kex_row {
    const char *section;
    const char *side;     /* "client" / "server" */
    uint16_t group;
    int private_line, public_line;
    const char *private_key;
    const char *public_key;
};

/* The (EC)DHE shared secret: the IKM of extract secret "handshake". */
struct shared_row {
    const char *section;
    int line;
    const char *ikm;
};

extern const struct ks_row ks_rows[];
extern const size_t ks_rows_count;
extern const struct record_row record_rows[];
extern const size_t record_rows_count;
extern const struct kex_row kex_rows[];
extern const size_t kex_rows_count;
extern const struct shared_row shared_rows[];
extern const size_t shared_rows_count;

#endif
