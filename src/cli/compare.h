/*
 * compare.h — `tls13 compare`'s renderers: the two profiles and their comparison
 * (src/decoder/profile.h) as text (compare_text.c), JSON (compare_json.c, docs/compare-json.md)
 * and one self-contained HTML page (compare_html.c).
 */
#ifndef TLS13_CLI_COMPARE_H
#define TLS13_CLI_COMPARE_H

#include <stdbool.h>
#include <stdio.h>

#include "decoder/profile.h"

/* Text: two columns `width` characters wide in all (a terminal), or a diff-like list. */
void compare_print_columns(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                           const struct tls_profile_diff *d, unsigned width);
void compare_print_list(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                        const struct tls_profile_diff *d);

void compare_print_json(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                        const struct tls_profile_diff *d);

void compare_print_html(FILE *out, const struct tls_profile *a, const struct tls_profile *b,
                        const struct tls_profile_diff *d);

/* Shared by the renderers. */
const char *compare_section_title(const char *section, bool dtls); /* dtls: either side is */
void compare_json_string(FILE *out, const char *s);

#endif
