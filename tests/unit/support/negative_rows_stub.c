#include "support/negative_rows.h"
static void none(struct neg_server *s) { (void)s; }
const struct neg_row neg_rows_post[] = {{"OK-00", "genuine", NEG_BASE_S3, none, NEG_ACCEPT, 0, 0}};
const size_t neg_rows_post_count = 0;
const struct neg_row neg_rows_accept[] = {{"OK-04", "genuine", NEG_BASE_S5, none, NEG_ACCEPT, 0, 0}};
const size_t neg_rows_accept_count = 1;
