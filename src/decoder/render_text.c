/*
 * render_text.c — the text renderer of the message describer (model.h): the field lines of
 * `tls13 decode`'s record details, one line per field in the RFC's order and names (RFC 8446 §4,
 * §4.2), indented by nesting.
 *
 * Implementation notes
 * --------------------
 * The fields come from tls_model_describe_message(), the describer the HTML page and `connect
 * --explain` render too; this file only chooses how they read as text:
 *   - a vector's length prefix (§3.4) is not a line: the bytes it counts are;
 *   - a run of list entries of one name (cipher_suite, named_group, signature_scheme) is one
 *     line, "cipher_suite (3): A, B, C";
 *   - a field without a value in words shows its bytes in hex (up to 64), or only its size.
 * Only a text run reaches here: a JSON run does not build record details (decode_record.c).
 */
#include <stdlib.h>

#include "decoder/decode_internal.h"

#define TEXT_MAX_HEX 64u /* bytes shown in hex for a field without a value in words */

/* One field's value as text: its words, or its bytes. */
static void field_value(struct dec_text *t, const struct tls_model_field *f, const uint8_t *body)
{
    if (f->value[0] != '\0') {
        dec_text_printf(t, "%s", f->value);
    } else if (f->length <= TEXT_MAX_HEX) {
        dec_text_hex(t, body + f->offset, f->length);
    } else {
        dec_text_printf(t, "%u bytes", (unsigned)f->length);
    }
}

void dec_text_message_fields(struct tls_decoder *dec, struct dec_text *t, uint8_t msg_type,
                             const uint8_t *body, size_t len)
{
    if (t->discard) {
        return; /* nobody reads it: do not describe at all */
    }
    if (dec->text_fields == NULL) {
        /* One array for the decoder's life, not one per record. */
        dec->text_fields = calloc(TLS_MODEL_MAX_FIELDS, sizeof(struct tls_model_field));
        if (dec->text_fields == NULL) {
            dec_text_printf(t, "      (fields not shown: out of memory)\n");
            return;
        }
    }
    struct tls_model_fields fs = {.items = dec->text_fields};
    tls_model_describe_message(&fs, msg_type, body, len);
    for (size_t i = 0; i < fs.count;) {
        const struct tls_model_field *f = &fs.items[i];
        size_t run = tls_model_field_run(&fs, i);
        if (!f->is_length) {
            dec_text_printf(t, "      %*s%s", 2 * f->depth, "", f->name);
            if (run > 1) {
                dec_text_printf(t, " (%zu)", run);
            }
            dec_text_printf(t, ": ");
            for (size_t k = 0; k < run; k++) {
                if (k > 0) {
                    dec_text_printf(t, ", ");
                }
                field_value(t, &fs.items[i + k], body);
            }
            dec_text_printf(t, "\n");
        }
        i += run;
    }
}
