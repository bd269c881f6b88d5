/*
 * input_internal.h — helpers shared by the input readers of src/decoder (not for other layers).
 */
#ifndef TLS13_DECODER_INPUT_INTERNAL_H
#define TLS13_DECODER_INPUT_INTERNAL_H

#include "decoder/stream.h"

/*
 * Records a failure to read an input: tls_fail(&ie->err, alert, reason) plus a line number
 * (0 if none) and a printf-style human message; returns the code. ie may be NULL.
 */
tls_result tls_input_fail(struct tls_input_error *ie, enum tls_alert_description alert,
                          const char *reason, unsigned long line, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
