/*
 * explain_fields.c — the fields of each handshake message, for --explain (RFC 8446 §4, §4.2
 * extensions), rendered from the decoder's message describer (decoder/model.h).
 *
 * Implementation notes
 * --------------------
 * This is display code: it decides and describes nothing itself. tls_model_describe_message()
 * (src/decoder/model_messages.c) cuts the message into its RFC fields, the same cut `tls13
 * decode` prints in its record details and the HTML page shows byte by byte; here each field
 * becomes one line in --explain's left-column layout:
 *   - a vector's length prefix (§3.4) is not a line: the bytes it counts are;
 *   - a run of list entries of one name (cipher_suite, named_group, ...) is one line;
 *   - a field without a value in words shows its bytes in hex.
 * A message the describer cannot cut finer is its "body" field; bytes that do not parse as the
 * RFC's structure are named "unparsed", so nothing is hidden.
 */
#include "cli/explain.h"

#include <stdlib.h>

#include "decoder/model.h"

#define INDENT "           "
#define MAX_HEX 32u /* bytes of a field shown in hex */

static void print_field_line(FILE *out, const struct tls_model_fields *fs, size_t i, size_t run,
                             const uint8_t *body)
{
    const struct tls_model_field *f = &fs->items[i];
    char label[64];
    int n = snprintf(label, sizeof(label), "%*s%s", 2 * f->depth, "", f->name);
    if (n >= 18 && (size_t)n + 1 < sizeof(label)) {
        label[n] = ' '; /* a long name still leaves a space before its value */
        label[n + 1] = '\0';
    }
    if (f->value[0] == '\0' && run == 1) {
        explain_hex(out, label, body + f->offset, f->length, MAX_HEX);
        return;
    }
    fprintf(out, INDENT "%-18s", label);
    for (size_t k = 0; k < run; k++) {
        const struct tls_model_field *e = &fs->items[i + k];
        if (e->value[0] != '\0') {
            fprintf(out, "%s%s", k > 0 ? " " : "", e->value);
        } else {
            fprintf(out, "%s%u bytes", k > 0 ? " " : "", (unsigned)e->length);
        }
    }
    fputc('\n', out);
}

void explain_message_fields(FILE *out, enum tls_direction dir, unsigned handshake_type,
                            const uint8_t *body, size_t len)
{
    (void)dir; /* the describer reads a message the same from either side */
    static struct tls_model_field items[TLS_MODEL_MAX_FIELDS]; /* display is single-threaded */
    struct tls_model_fields fs = {.items = items};
    tls_model_describe_message(&fs, (uint8_t)handshake_type, body, len, false); /* TLS 1.3 */
    for (size_t i = 0; i < fs.count;) {
        size_t run = tls_model_field_run(&fs, i);
        if (!fs.items[i].is_length) {
            print_field_line(out, &fs, i, run, body);
        }
        i += run;
    }
    if (fs.malformed) {
        fprintf(out, INDENT "%-18s%s\n", "not decoded", "the message does not parse as RFC 8446 "
                "gives its structure: the bytes from there are \"unparsed\"");
    }
}
