/*
 * fuzz_new_session_ticket.c — NewSessionTicket parser (RFC 8446 §4.6.1).
 * Input: a message body. Oracles: the error contract, the reported flags agree with the fields,
 * and the round trip.
 */
#include "fuzz.h"
#include "handshake/new_session_ticket.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_new_session_ticket nst;
    tls_result rc = tls_new_session_ticket_parse(data, size, &nst, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return 0;
    }
    FUZZ_CHECK(nst.lifetime_too_long == (nst.ticket_lifetime > TLS_MAX_TICKET_LIFETIME),
               "lifetime_too_long disagrees with ticket_lifetime (§4.6.1)");
    FUZZ_CHECK(nst.has_early_data || nst.max_early_data_size == 0,
               "max_early_data_size without an early_data extension");
    FUZZ_CHECK(nst.ticket.len >= 1, "§4.6.1: empty ticket accepted");
    static uint8_t out[70000];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_new_session_ticket_encode(&w, nst.ticket_lifetime, nst.ticket_age_add,
                                             &nst.ticket_nonce, &nst.ticket, nst.extensions.list,
                                             nst.extensions.count, &enc_err) == TLS_OK,
               "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_new_session_ticket, data, size, out, w.len);
    return 0;
}
