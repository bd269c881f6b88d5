/*
 * new_session_ticket.c — NewSessionTicket (RFC 8446 §4.6.1). See new_session_ticket.h.
 */
#include "handshake/new_session_ticket.h"

/*
 * RFC 8446 §4.6.1:
 *     struct {
 *         uint32 ticket_lifetime;
 *         uint32 ticket_age_add;
 *         opaque ticket_nonce<0..255>;
 *         opaque ticket<1..2^16-1>;
 *         Extension extensions<0..2^16-2>;
 *     } NewSessionTicket;
 */
tls_result tls_new_session_ticket_parse(const uint8_t *body, size_t len,
                                        struct tls_new_session_ticket *nst, struct tls_error *err)
{
    struct tls_reader r, nonce, ticket;
    tls_reader_init(&r, body, len, err);
    TRY(tls_read_u32(&r, &nst->ticket_lifetime, "NewSessionTicket.ticket_lifetime"));
    TRY(tls_read_u32(&r, &nst->ticket_age_add, "NewSessionTicket.ticket_age_add"));
    TRY(tls_read_vector(&r, 0, 255, &nonce, "NewSessionTicket.ticket_nonce"));
    /* An empty ticket is outside <1..2^16-1>: decode_error (checklist PH-06). */
    TRY(tls_read_vector(&r, 1, 0xffff, &ticket, "NewSessionTicket.ticket"));
    TRY(tls_extensions_read(&r, 0, 0xfffe, &nst->extensions, "NewSessionTicket.extensions"));
    TRY(tls_read_end(&r, "NewSessionTicket"));
    nst->ticket_nonce.data = nonce.data;
    nst->ticket_nonce.len = nonce.len;
    nst->ticket.data = ticket.data;
    nst->ticket.len = ticket.len;
    /* §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)." Reported,
     * not judged: the state machine decides what to do with such a ticket. */
    nst->lifetime_too_long = nst->ticket_lifetime > TLS_MAX_TICKET_LIFETIME;
    /* §4.2.10: in NewSessionTicket, early_data carries uint32 max_early_data_size. */
    const struct tls_extension *ed = tls_extensions_find(&nst->extensions, TLS_EXT_early_data);
    nst->has_early_data = ed != NULL;
    nst->max_early_data_size = 0;
    if (ed != NULL) {
        TRY(tls_ext_early_data_parse_nst(ed, &nst->max_early_data_size, err));
    }
    return TLS_OK;
}

tls_result tls_new_session_ticket_encode(struct tls_writer *w, uint32_t ticket_lifetime,
                                         uint32_t ticket_age_add, const struct tls_bytes *ticket_nonce,
                                         const struct tls_bytes *ticket,
                                         const struct tls_extension *exts, size_t n,
                                         struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_new_session_ticket);
    tls_write_u32(w, ticket_lifetime);
    tls_write_u32(w, ticket_age_add);
    struct tls_vector_mark nonce = tls_write_vector_begin(w, 255);
    tls_write_bytes(w, ticket_nonce->data, ticket_nonce->len);
    tls_write_vector_end(w, nonce);
    struct tls_vector_mark t = tls_write_vector_begin(w, 0xffff);
    tls_write_bytes(w, ticket->data, ticket->len);
    tls_write_vector_end(w, t);
    tls_extensions_write(w, 0xfffe, exts, n);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
