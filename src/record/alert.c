/*
 * alert.c — receiving and sending alerts (RFC 8446 §6, §6.1, §6.2).
 *
 * Implementation notes
 * --------------------
 * TLS 1.2 let the AlertLevel decide whether an alert was fatal. TLS 1.3 does not:
 * RFC 8446 §6: "All the alerts listed in Section 6.2 MUST be sent with AlertLevel=fatal and MUST
 * be treated as error alerts when received regardless of the AlertLevel in the message. Unknown
 * Alert types MUST be treated as error alerts." So the only alerts that do not end the connection
 * with an error are the two closure alerts of §6.1, and the level is never consulted.
 */
#include "record/alert.h"

#include <string.h>

#include "common/names.h"
#include "common/reader.h"

/*
 *  struct {
 *      AlertLevel level;
 *      AlertDescription description;
 *  } Alert;
 */
tls_result tls_alert_parse(const uint8_t *content, size_t len, struct tls_alert *out,
                           struct tls_error *err)
{
    memset(out, 0, sizeof(*out));
    /* RFC 8446 §5.1: "Alert messages (Section 6) MUST NOT be fragmented across records, and
     * multiple alert messages MUST NOT be coalesced into a single TLSPlaintext record. In other
     * words, a record with an Alert type MUST contain exactly one message." A record of any
     * other length cannot be decoded as one Alert (§6.2 decode_error; ALR-01). */
    if (len != TLS_ALERT_LEN) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "RFC 8446 §5.1: an alert record must hold exactly one 2-byte Alert");
    }
    struct tls_reader r;
    tls_reader_init(&r, content, len, err);
    TRY(tls_read_u8(&r, &out->level, "Alert.level"));
    TRY(tls_read_u8(&r, &out->description, "Alert.description"));
    return tls_read_end(&r, "Alert");
}

tls_result tls_alert_receive(const struct tls_alert *alert, unsigned *user_canceled_count,
                             enum tls_alert_action *action, struct tls_error *err)
{
    switch (alert->description) {
    case TLS_ALERT_close_notify:
        /* RFC 8446 §6.1: close_notify "notifies the recipient that the sender will not send any
         * more messages on this connection. Any data received after a closure alert has been
         * received MUST be ignored." The caller stops reading. */
        *action = TLS_ALERT_ACTION_closed;
        return TLS_OK;
    case TLS_ALERT_user_canceled:
        /* RFC 8446 §6.1: user_canceled "notifies the recipient that the sender is canceling the
         * handshake ... This alert SHOULD be followed by a "close_notify"." It is not an error, so
         * it is ignored, but only a few times: a peer must not keep us busy with them (DOS-02). */
        if (*user_canceled_count >= TLS_MAX_USER_CANCELED_ALERTS) {
            return tls_fail(err, TLS_ALERT_unexpected_message,
                            "RFC 8446 §6.1: too many user_canceled alerts (limit 4)");
        }
        (*user_canceled_count)++;
        *action = TLS_ALERT_ACTION_ignore;
        return TLS_OK;
    default:
        /* RFC 8446 §6: error alerts and unknown alerts end the connection whatever their level.
         * §6.2: "Upon transmission or receipt of a fatal alert message, both parties MUST
         * immediately close the connection." We send nothing back. */
        return tls_fail_code(err, TLS_E_PEER_ALERT(alert->description),
                             "RFC 8446 §6: the peer sent an error alert");
    }
}

tls_result tls_alert_process(const uint8_t *content, size_t len, unsigned *user_canceled_count,
                             struct tls_alert *out, enum tls_alert_action *action,
                             struct tls_error *err)
{
    TRY(tls_alert_parse(content, len, out, err));
    return tls_alert_receive(out, user_canceled_count, action, err);
}

tls_result tls_alert_write(struct tls_record_direction *d, uint8_t level, uint8_t description,
                           struct tls_writer *w, struct tls_error *err)
{
    /* RFC 8446 §6: "Like other messages, alert messages are encrypted as specified by the
     * current connection state." tls_record_write() protects it if d has keys. */
    const uint8_t alert[TLS_ALERT_LEN] = {level, description};
    return tls_record_write(d, TLS_CT_alert, alert, sizeof(alert), 0, w, err);
}

tls_result tls_alert_write_for_result(struct tls_record_direction *d, tls_result rc,
                                      struct tls_writer *w, struct tls_error *err)
{
    /* The peer already closed with its own alert (§6.2: "both parties MUST immediately close
     * the connection"), or there is nothing to report. */
    if (rc == TLS_OK || TLS_IS_PEER_ALERT(rc)) {
        return TLS_OK;
    }
    /* RFC 8446 §6.2: error alerts "MUST be sent with AlertLevel=fatal". tls_result_alert() maps
     * TLS_E_INTERNAL and any stray code to internal_error. */
    return tls_alert_write(d, TLS_ALERT_LEVEL_fatal, (uint8_t)tls_result_alert(rc), w, err);
}
