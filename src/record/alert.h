/*
 * alert.h — the Alert protocol (RFC 8446 §6, §6.1, §6.2).
 *
 *      enum { warning(1), fatal(2), (255) } AlertLevel;
 *
 *      struct {
 *          AlertLevel level;
 *          AlertDescription description;
 *      } Alert;
 *
 * TLS 1.3 divides alerts by description, not level: close_notify and user_canceled are
 * closure alerts (§6.1); everything else, at whatever level and even if unknown to us, is an
 * error alert that ends the connection (§6.2). The level is kept only for TLS 1.2's sake.
 */
#ifndef TLS13_RECORD_ALERT_H
#define TLS13_RECORD_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/writer.h"
#include "record/protect.h"

/* How many user_canceled alerts we ignore before giving up (BoringSSL kMaxWarningAlerts; DOS-02). */
#define TLS_MAX_USER_CANCELED_ALERTS 4u

#define TLS_ALERT_LEN 2u

struct tls_alert {
    uint8_t level;       /* AlertLevel: 1 warning, 2 fatal (other values kept as received) */
    uint8_t description; /* AlertDescription, possibly one we do not know */
};

/* What the receiver of a (non-error) alert should do. */
enum tls_alert_action {
    TLS_ALERT_ACTION_closed,  /* close_notify: the peer will send no more data (§6.1) */
    TLS_ALERT_ACTION_ignore,  /* user_canceled: ignore; a close_notify SHOULD follow (§6.1) */
};

/* Parses the content of one alert record: exactly 2 bytes, else decode_error (§5.1, ALR-01). */
tls_result tls_alert_parse(const uint8_t *content, size_t len, struct tls_alert *out,
                           struct tls_error *err);

/*
 * Decides what a received alert means (§6):
 *   close_notify (any level)   -> TLS_OK, *action = closed
 *   user_canceled (any level)  -> TLS_OK, *action = ignore, at most TLS_MAX_USER_CANCELED_ALERTS
 *                                 times (counted in *user_canceled_count), then unexpected_message
 *   anything else, any level   -> TLS_E_PEER_ALERT(description): an error alert; send nothing back
 */
tls_result tls_alert_receive(const struct tls_alert *alert, unsigned *user_canceled_count,
                             enum tls_alert_action *action, struct tls_error *err);

/* Parse then receive, for one alert record's content. */
tls_result tls_alert_process(const uint8_t *content, size_t len, unsigned *user_canceled_count,
                             struct tls_alert *out, enum tls_alert_action *action,
                             struct tls_error *err);

/* Appends one alert record to w, protected if d is (§6: "encrypted as specified by the current
 * connection state"). */
tls_result tls_alert_write(struct tls_record_direction *d, uint8_t level, uint8_t description,
                           struct tls_writer *w, struct tls_error *err);

/*
 * Appends the fatal alert a failure code calls for: TLS_E_ALERT(d) -> fatal d, TLS_E_INTERNAL ->
 * fatal internal_error. For TLS_E_PEER_ALERT (the peer already ended the connection) and TLS_OK
 * nothing is written and TLS_OK is returned.
 */
tls_result tls_alert_write_for_result(struct tls_record_direction *d, tls_result rc,
                                      struct tls_writer *w, struct tls_error *err);

#endif
