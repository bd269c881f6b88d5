/*
 * vectors_state.h — what the vector checker remembers while it walks a trace (internal to
 * vectors_check.c and vectors_state.c; see vectors_check.h for the why).
 *
 * Per section: the cipher suite, the key pairs, the transcript of handshake messages, and the
 * checker's OWN key schedule (RFC 8446 §7.1), each value computed from inputs only, lazily, the
 * first time a step needs it. Per side: the handshake messages not yet sent in a record and
 * the current write keys with their sequence number (§5.3).
 */
#ifndef TLS13_CLI_VECTORS_STATE_H
#define TLS13_CLI_VECTORS_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/trace_rfc8448.h"
#include "cli/vectors_check.h"
#include "crypto/hash.h"
#include "crypto/kex.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "crypto/x509.h"

#define VC_MAX_OUT 8
#define VC_OUT_CAP (16384 + 256 + 5 + 1024) /* a whole TLSCiphertext, with room */
#define VC_MAX_KEYPAIRS 4
#define VC_MAX_NAMES 24
#define VC_HOW_CAP 320

enum vc_side { VC_CLIENT = 0, VC_SERVER = 1 };

struct vc_buf {
    uint8_t *p;
    size_t len, cap;
};

struct vc_secret {
    bool known;
    uint8_t v[TLS_MAX_HASH_LEN];
};

struct vc_keypair {
    bool have_private;   /* public computed from it; else public is the trace's (an input) */
    struct tls_kex kex;  /* group, keys */
};

struct vc_epoch {
    bool active;  /* records of this side are protected */
    bool known;   /* ... and the keys are known */
    struct tls_traffic_keys keys;
    uint64_t seq; /* §5.3: per direction, reset when the key changes */
};

/* One recomputed value of the step being checked, matched to the trace by label. */
struct vc_out {
    const char *label;
    bool known;
    bool verdict_only; /* checked by verifying it (a signature), not by recomputing it */
    bool verified;
    char how[VC_HOW_CAP];
    uint8_t *bytes; /* VC_OUT_CAP bytes of the engine's pool */
    size_t len;
};

/* Indices of the stage secrets of §7.1 (the extract outputs and the "derived" salts). */
enum vc_stage {
    VC_EARLY,
    VC_DERIVED_FOR_HANDSHAKE,
    VC_HANDSHAKE,
    VC_DERIVED_FOR_MASTER,
    VC_MASTER,
    VC_STAGE_COUNT,
};

struct vc_section {
    const struct tls_cipher_suite *suite; /* from the section's ServerHello; NULL if none */
    enum tls_hash_alg alg;
    size_t hlen;
    bool offers_psk;                      /* the first ClientHello has pre_shared_key */
    bool have_nonce;                      /* ticket_nonce of the section's NewSessionTicket */
    uint8_t nonce[255];
    size_t nonce_len;
    bool psk_generated;
    /* early-secret IKM and (EC)DHE shared secret: derived, or taken from the trace as input */
    bool have_early_ikm, have_shared;
    bool early_from_resumption;           /* the early IKM is a resumption PSK (binder key) */
    uint8_t early_ikm[TLS_MAX_HASH_LEN], shared[TLS_MAX_SHARED_SECRET_LEN];
    size_t shared_len;
    char early_ikm_how[VC_HOW_CAP], shared_how[VC_HOW_CAP];
    struct vc_secret stage[VC_STAGE_COUNT];
    struct vc_secret traffic[TLS_SECRET_COUNT];
    struct vc_secret finished[2];         /* verify_data computed by each side's step */
    struct vc_keypair keypairs[2][VC_MAX_KEYPAIRS];
    size_t keypair_count[2];
    bool have_leaf[2];                    /* each side's end-entity key, from its Certificate */
    struct tls_peer_key leaf[2];
    struct vc_buf transcript;             /* handshake messages, §4.4.1 (HRR rewrite done) */
    uint8_t names[VC_MAX_NAMES];          /* their types, to explain a transcript hash */
    size_t name_count;
    struct vc_buf pending[2];             /* messages constructed, not yet in a record */
    bool ch_psk, ch_partial;              /* last ClientHello offers a PSK; printed truncated */
    size_t ch_start, ch_binders_at, ch_total;
    size_t client_hellos;
    bool hrr;
    struct vc_epoch write[2];
};

struct vc_engine {
    const struct trace *t;
    vc_report_fn report;
    void *ctx;
    struct vc_summary *sum;
    const struct trace_section *section; /* the one being walked */
    struct vc_section s;
    struct vc_out out[VC_MAX_OUT];
    size_t out_count;
    bool oom;
    /* carried from section to section: the resumption PSK (§4.6.1) */
    bool have_resumption_psk;
    enum tls_hash_alg resumption_alg;
    uint8_t resumption_psk[TLS_MAX_HASH_LEN];
    /* last: the outputs' bytes, large and wiped per step rather than zeroed up front */
    uint8_t pool[VC_MAX_OUT][VC_OUT_CAP];
};

/* "client" / "server" */
const char *vc_side_name(enum vc_side side);

/* "send T record" (vectors_records.c): payload and complete record. */
void vc_step_record(struct vc_engine *e, const struct trace_step *step, enum vc_side side,
                    const char *kind);

/* --- outputs of the current step --- */
struct vc_out *vc_out_add(struct vc_engine *e, const char *label);
void vc_out_set(struct vc_out *o, const uint8_t *p, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void vc_out_input(struct vc_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A value checked by verification: PASS if verified, FAIL if not; nothing recomputed. */
void vc_out_verdict(struct vc_out *o, bool verified, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports every value of step, matched by label against the outputs; clears the outputs. */
void vc_report_step(struct vc_engine *e, const struct trace_step *step, const char *default_how);

/* --- trace access --- */
const struct trace_value *vc_value(const struct vc_engine *e, const struct trace_step *step,
                                   const char *label);
const uint8_t *vc_bytes(const struct vc_engine *e, const struct trace_value *v);

/* --- buffers --- */
bool vc_buf_append(struct vc_engine *e, struct vc_buf *b, const uint8_t *p, size_t n);

/* --- section state --- */
void vc_section_begin(struct vc_engine *e, const struct trace_section *sec);
void vc_section_end(struct vc_engine *e);
/* Adds a handshake message sent by side: transcript (with the §4.4.1 HRR rewrite), pending. */
void vc_add_message(struct vc_engine *e, enum vc_side side, const uint8_t *msg, size_t len);
/* Transcript-Hash of the first len bytes of the transcript, and a description of it. */
bool vc_transcript_hash(struct vc_engine *e, size_t len, uint8_t *out, char *how, size_t how_cap);
/* A stage secret, computed on first use from inputs (NULL when it cannot be). */
const uint8_t *vc_stage_secret(struct vc_engine *e, enum vc_stage stage);
/* The early-secret IKM / (EC)DHE shared secret if derivable (how says how). */
bool vc_early_ikm(struct vc_engine *e);
bool vc_shared_secret(struct vc_engine *e);
/* The resumption PSK of this section, if its inputs are known (carried to the next ones). */
void vc_carry_resumption_psk(struct vc_engine *e, const uint8_t *psk);

#endif
