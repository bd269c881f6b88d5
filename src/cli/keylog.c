/*
 * keylog.c — NSS key log lines (the SSLKEYLOGFILE format read by Wireshark), from the secrets
 * the client core reports as it derives them (RFC 8446 §7.1).
 */
#include "cli/keylog.h"

#include <string.h>

#include "crypto/util.h"
#include "handshake/client.h"

static void put_hex(char *out, const uint8_t *bytes, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
}

size_t keylog_format_line(char *buf, size_t cap, const char *nss_label,
                          const uint8_t client_random[32], const uint8_t *secret,
                          size_t secret_len)
{
    if (nss_label == NULL) {
        return 0;
    }
    size_t label_len = strlen(nss_label);
    /* LABEL SP 64 hex SP 2*len hex LF NUL */
    size_t need = label_len + 1 + 64 + 1 + 2 * secret_len + 1 + 1;
    if (need > cap) {
        return 0;
    }
    char *p = buf;
    memcpy(p, nss_label, label_len);
    p += label_len;
    *p++ = ' ';
    put_hex(p, client_random, 32);
    p += 64;
    *p++ = ' ';
    put_hex(p, secret, secret_len);
    p += 2 * secret_len;
    *p++ = '\n';
    *p = '\0';
    return (size_t)(p - buf);
}

void keylog_on_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                      const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                      const uint8_t *transcript_hash, size_t hash_len)
{
    (void)generation; /* the rows of generations N >= 1 have no NSS name */
    (void)transcript_hash;
    (void)hash_len;
    struct keylog *log = ctx;
    const struct tls_secret_info *info = tls_secret_info(id);
    const char *nss_label = info != NULL ? info->nss_label : NULL;
    /* big enough for the longest label and a SHA-384 secret */
    char line[64 + 1 + 64 + 1 + 2 * TLS_MAX_HASH_LEN + 2];
    size_t n = keylog_format_line(line, sizeof(line), nss_label, client_random, secret,
                                  secret_len);
    if (n == 0 || log == NULL || log->file == NULL) {
        return;
    }
    /* Flushed line by line: a capture tool may read the file while the connection runs. */
    if (fwrite(line, 1, n, log->file) == n && fflush(log->file) == 0) {
        log->lines++;
    }
    /* the line held a secret */
    tls_wipe(line, sizeof(line));
}
