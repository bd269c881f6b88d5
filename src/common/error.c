/* error.c — recording the first failure and its RFC reason (see error.h). */
#include "common/error.h"

#include <stddef.h>

tls_result tls_fail_code(struct tls_error *err, tls_result code, const char *reason)
{
    if (err != NULL && err->code == TLS_OK) {
        err->code = code;
        err->reason = reason != NULL ? reason : "unspecified";
    }
    return code;
}

tls_result tls_fail(struct tls_error *err, enum tls_alert_description alert, const char *reason)
{
    return tls_fail_code(err, TLS_E_ALERT(alert), reason);
}

enum tls_alert_description tls_result_alert(tls_result rc)
{
    if (TLS_IS_LOCAL_ALERT(rc)) {
        return (enum tls_alert_description)(rc - TLS_E_ALERT_BASE);
    }
    if (TLS_IS_PEER_ALERT(rc)) {
        return (enum tls_alert_description)(rc - TLS_E_PEER_ALERT_BASE);
    }
    return TLS_ALERT_internal_error;
}
