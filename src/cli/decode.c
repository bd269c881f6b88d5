/*
 * decode.c — `tls13 decode [--keylog FILE] [--format text|json] [--show-data] INPUT...`
 *
 * Reads the key log (NSS format, SSLKEYLOGFILE) and hands each INPUT (pcap, pcapng or token
 * trace, detected from its content) to the decoder (src/decoder/decode.h), which writes to
 * stdout. Exit status: 0 when every input could be read, 1 when one could not, 2 on usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "decoder/decode.h"
#include "decoder/keylog.h"

static void decode_usage(FILE *out)
{
    fputs("usage: tls13 decode [--keylog FILE] [--format text|json] [--show-data] INPUT...\n"
          "  INPUT       a pcap, pcapng or token trace (format detected from its content)\n"
          "  --keylog    NSS key log (SSLKEYLOGFILE); sessions are matched by client random\n"
          "  --format    text (default: ladder, then every record) or json (docs/decoder-json.md)\n"
          "  --show-data print decrypted application data (hex and text)\n"
          "\n"
          "Without --keylog, protected records are inferred from their position and size\n"
          "(marked '?'); with it, they are decrypted and both Finished values are checked.\n"
          "\n"
          "exit status: 0 every input was read (whatever it held); 1 an input or the key log\n"
          "could not be read; 2 usage error.\n",
          out);
}

static void write_stdout(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    fwrite(text, 1, len, stdout);
}

/* Reads a whole (small) file; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096;
    size_t n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        char *grown = realloc(buf, cap * 2);
        if (grown == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

static int load_keylog(const char *path, struct tls_keylog *kl)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "tls13 decode: cannot read key log %s\n", path);
        return 1;
    }
    struct tls_error err = {0};
    unsigned long line = 0;
    tls_result rc = tls_keylog_parse(kl, text, len, &line, &err);
    free(text);
    if (rc != TLS_OK) {
        fprintf(stderr, "tls13 decode: %s line %lu: %s\n", path, line, err.reason);
        return 1;
    }
    return 0;
}

int tls13_cmd_decode(int argc, char **argv)
{
    struct tls_keylog kl;
    tls_keylog_init(&kl);
    struct tls_decode_options opt = {.format = TLS_DECODE_TEXT, .write = write_stdout};
    bool have_keylog = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--keylog") == 0 && i + 1 < argc) {
            if (load_keylog(argv[++i], &kl) != 0) {
                tls_keylog_free(&kl);
                return 1;
            }
            have_keylog = true;
        } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc &&
                   (strcmp(argv[i + 1], "text") == 0 || strcmp(argv[i + 1], "json") == 0)) {
            opt.format = strcmp(argv[++i], "json") == 0 ? TLS_DECODE_JSON : TLS_DECODE_TEXT;
        } else if (strcmp(argv[i], "--show-data") == 0) {
            opt.show_data = true;
        } else if (strcmp(argv[i], "--help") == 0) {
            decode_usage(stdout);
            tls_keylog_free(&kl);
            return 0;
        } else {
            decode_usage(stderr);
            tls_keylog_free(&kl);
            return 2;
        }
    }
    if (i == argc) {
        decode_usage(stderr);
        tls_keylog_free(&kl);
        return 2;
    }
    opt.keylog = have_keylog ? &kl : NULL;
    struct tls_decoder *dec = tls_decoder_new(&opt);
    int status = dec == NULL ? 1 : 0;
    for (; dec != NULL && i < argc; i++) {
        struct tls_input_error ie;
        memset(&ie, 0, sizeof(ie));
        if (tls_decoder_decode_file(dec, argv[i], &ie) != TLS_OK) {
            if (strncmp(ie.message, argv[i], strlen(argv[i])) == 0) {
                fprintf(stderr, "tls13 decode: %s\n", ie.message); /* names the file already */
            } else if (ie.message[0] != '\0') {
                fprintf(stderr, "tls13 decode: %s: %s\n", argv[i], ie.message);
            } else {
                fprintf(stderr, "tls13 decode: %s: %s\n", argv[i],
                        ie.err.reason != NULL ? ie.err.reason : "cannot be read");
            }
            status = 1;
        }
    }
    if (dec != NULL) {
        tls_decoder_finish(dec);
        tls_decoder_free(dec);
    }
    fflush(stdout);
    tls_keylog_free(&kl);
    return status;
}
