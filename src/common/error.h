/*
 * error.h — one integer type for every failure, carrying the TLS alert (RFC 8446 §6).
 *
 * Implementation notes
 * --------------------
 * A TLS implementation that fails must tell its peer why, with an alert. So the error type
 * here is not "something went wrong" but "which alert does this failure mean":
 *
 *   0                         success (TLS_OK)
 *   TLS_E_ALERT(d)            we detected a problem and must send the fatal alert d
 *   TLS_E_PEER_ALERT(d)       the peer sent us alert d (we send nothing back)
 *   TLS_E_INTERNAL            our own fault (buffer too small, crypto failure); sent as internal_error
 *   TLS_E_MISUSE              the caller used an API out of order (e.g. sealing data before the
 *                             handshake): no alert, nothing sent, the connection unchanged — only
 *                             protocol failures end a connection
 *
 * A code alone does not tell a student which rule was broken, so every failure site also
 * records a constant reason string that names the RFC section, e.g.
 *   "RFC 8446 §4.1.3: legacy_session_id_echo does not match"
 * in a struct tls_error that the caller owns. tls_fail() records both and returns the code,
 * so a failure reads as one line:
 *
 *   return tls_fail(err, TLS_ALERT_illegal_parameter, "RFC 8446 §4.1.3: ...");
 *
 * Only the first failure is kept: later ones (cleanup paths) do not overwrite the cause.
 */
#ifndef TLS13_COMMON_ERROR_H
#define TLS13_COMMON_ERROR_H

#include <stdint.h>

typedef int tls_result;

#define TLS_OK 0

/* RFC 8446 §6: enum { close_notify(0), ... } AlertDescription. Spelled as in the RFC. */
#define TLS_ALERT_LIST(X)                       \
    X(close_notify, 0)                          \
    X(unexpected_message, 10)                   \
    X(bad_record_mac, 20)                       \
    X(decryption_failed_RESERVED, 21)           \
    X(record_overflow, 22)                      \
    X(decompression_failure_RESERVED, 30)       \
    X(handshake_failure, 40)                    \
    X(no_certificate_RESERVED, 41)              \
    X(bad_certificate, 42)                      \
    X(unsupported_certificate, 43)              \
    X(certificate_revoked, 44)                  \
    X(certificate_expired, 45)                  \
    X(certificate_unknown, 46)                  \
    X(illegal_parameter, 47)                    \
    X(unknown_ca, 48)                           \
    X(access_denied, 49)                        \
    X(decode_error, 50)                         \
    X(decrypt_error, 51)                        \
    X(export_restriction_RESERVED, 60)          \
    X(protocol_version, 70)                     \
    X(insufficient_security, 71)                \
    X(internal_error, 80)                       \
    X(inappropriate_fallback, 86)               \
    X(user_canceled, 90)                        \
    X(no_renegotiation_RESERVED, 100)           \
    X(missing_extension, 109)                   \
    X(unsupported_extension, 110)               \
    X(certificate_unobtainable_RESERVED, 111)   \
    X(unrecognized_name, 112)                   \
    X(bad_certificate_status_response, 113)     \
    X(bad_certificate_hash_value_RESERVED, 114) \
    X(unknown_psk_identity, 115)                \
    X(certificate_required, 116)                \
    X(no_application_protocol, 120)

enum tls_alert_description {
#define TLS_ALERT_ENUM_(name, value) TLS_ALERT_##name = (value),
    TLS_ALERT_LIST(TLS_ALERT_ENUM_)
#undef TLS_ALERT_ENUM_
};

/* RFC 8446 §6: enum { warning(1), fatal(2), (255) } AlertLevel; */
enum tls_alert_level {
    TLS_ALERT_LEVEL_warning = 1,
    TLS_ALERT_LEVEL_fatal = 2,
};

#define TLS_E_ALERT_BASE 0x100
#define TLS_E_PEER_ALERT_BASE 0x200
#define TLS_E_ALERT(desc) (TLS_E_ALERT_BASE + (int)(desc))
#define TLS_E_PEER_ALERT(desc) (TLS_E_PEER_ALERT_BASE + (int)(desc))
#define TLS_E_INTERNAL TLS_E_ALERT(TLS_ALERT_internal_error)
#define TLS_E_MISUSE 0x300

/* True when the code means "send alert"; tls_result_alert() then names which one. */
#define TLS_IS_LOCAL_ALERT(rc) ((rc) >= TLS_E_ALERT_BASE && (rc) < TLS_E_ALERT_BASE + 256)
#define TLS_IS_PEER_ALERT(rc) ((rc) >= TLS_E_PEER_ALERT_BASE && (rc) < TLS_E_PEER_ALERT_BASE + 256)
#define TLS_IS_MISUSE(rc) ((rc) == TLS_E_MISUSE)

/* Where a failure came from, for people: the RFC rule broken, and the field being read. */
struct tls_error {
    tls_result code;    /* TLS_OK until the first failure */
    const char *reason; /* constant string naming the RFC rule, never NULL after a failure */
    const char *field;  /* constant name of what was being parsed, or NULL */
};

/* Records the first failure (alert to send) in err, if err is not NULL, and returns its code. */
tls_result tls_fail(struct tls_error *err, enum tls_alert_description alert, const char *reason);

/* Same, for an already-built code (TLS_E_PEER_ALERT, TLS_E_INTERNAL, ...). */
tls_result tls_fail_code(struct tls_error *err, tls_result code, const char *reason);

/* The alert description a code carries (internal_error for TLS_E_INTERNAL and TLS_E_MISUSE).
 * rc must be non-zero. */
enum tls_alert_description tls_result_alert(tls_result rc);

/*
 * TRY(expr): evaluate expr, a tls_result; on failure return it from the enclosing function.
 * The only control flow it hides is that early return, written out where it happens.
 */
#define TRY(expr)                            \
    do {                                     \
        tls_result try_rc_ = (expr);         \
        if (try_rc_ != TLS_OK) {             \
            return try_rc_;                  \
        }                                    \
    } while (0)

#endif
