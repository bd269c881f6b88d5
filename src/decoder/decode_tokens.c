/*
 * decode_tokens.c — what each token of a token trace is made of.
 *
 * Implementation notes
 * --------------------
 * A token is one buffer handed over in one call: what InitializeSecurityContext or
 * AcceptSecurityContext returned, or what DecryptMessage was given. TLS does not know about
 * tokens: a token may hold several records (Schannel's 80-byte client flight is a
 * ChangeCipherSpec record and a Finished record) and a record may span tokens (the caller gave
 * half a record; Schannel answered SEC_E_INCOMPLETE_MESSAGE). So after the ladder, a trace's
 * report lists each token with the records, or parts of records, it holds.
 *
 * Only trace inputs keep this list (captures have packets, not tokens); its size is bounded by
 * the trace file's (TLS_STREAM_MAX_TRACE_SIZE).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/decode_internal.h"

/* Grows an array of n elements of size sz to hold one more; false when out of memory. */
static bool grow(void **array, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap) {
        return true;
    }
    size_t want = *cap == 0 ? 16 : *cap * 2;
    void *p = realloc(*array, want * sz);
    if (p == NULL) {
        return false;
    }
    *array = p;
    *cap = want;
    return true;
}

void dec_tokens_chunk(struct dec_conn *c, enum tls_direction dir, unsigned token, uint64_t offset,
                      size_t len)
{
    if (token == 0) {
        return; /* a capture: no tokens */
    }
    struct dec_token *last = c->token_count > 0 ? &c->tokens[c->token_count - 1] : NULL;
    if (last != NULL && last->dir == dir && last->index == token) {
        last->len += len; /* the same token delivered in pieces */
        return;
    }
    if (!grow((void **)&c->tokens, &c->token_cap, c->token_count, sizeof(*c->tokens))) {
        return;
    }
    c->tokens[c->token_count++] = (struct dec_token){dir, token, offset, len};
}

void dec_tokens_record(struct dec_conn *c, const struct tls_decoded_record *r, const char *label)
{
    if (r->token == 0 ||
        !grow((void **)&c->token_records, &c->token_record_cap, c->token_record_count,
              sizeof(*c->token_records))) {
        return;
    }
    struct dec_token_record *tr = &c->token_records[c->token_record_count++];
    tr->dir = r->dir;
    tr->number = c->records;
    tr->offset = r->offset;
    tr->total = TLS_RECORD_HEADER_LEN + (uint32_t)r->length;
    size_t n = strlen(label) < sizeof(tr->label) - 1 ? strlen(label) : sizeof(tr->label) - 1;
    memcpy(tr->label, label, n);
    tr->label[n] = '\0';
}

void dec_tokens_free(struct dec_conn *c)
{
    free(c->tokens);
    free(c->token_records);
    c->tokens = NULL;
    c->token_records = NULL;
    c->token_count = c->token_cap = c->token_record_count = c->token_record_cap = 0;
}
