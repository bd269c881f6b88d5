/* record_vectors.c — RFC 8448 values for the record-layer tests (see record_vectors.h), looked up
 * through the shared RFC 8448 loader (support/rfc8448.h). */
#include "support/record_vectors.h"

#include "support/rfc8448.h"
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

void record_vector_load(const char *json, const char *step, const char *label,
                        unsigned occurrence, struct record_vector *v)
{
    /* json names the file relative to tests/vectors ("rfc8448/<file>"). */
    const char *slash = strrchr(json, '/');
    struct rfc8448 *set = rfc8448_load(slash != NULL ? slash + 1 : json);
    const struct rfc8448_entry *e = rfc8448_find(set, step, label, (int)occurrence);
    assert_true(e->len <= sizeof(v->bytes));
    memcpy(v->bytes, e->bytes, e->len);
    v->len = e->len;
    v->line = (unsigned)e->line;
    snprintf(v->what, sizeof(v->what), "%s", rfc8448_source(set, e));
    rfc8448_free(set);
}
