/*
 * nss_keylog_shim.c — an LD_PRELOAD library that makes NSS's tstclnt write a key log, for the
 * DTLS 1.3 live test (tests/decoder/dtls13_live.sh). Test code: it links NSS, never our library.
 *
 * Why: Debian's libssl3 (NSS 3.87) is built without NSS_ALLOW_SSLKEYLOGFILE, so SSLKEYLOGFILE
 * is ignored (the library has no such string). NSS's experimental SSL_SecretCallback (sslexp.h)
 * hands every TLS 1.3 traffic secret to the application, with its DTLS epoch: 2 handshake, 3
 * application_traffic_secret_0. This wraps SSL_ResetHandshake, which tstclnt calls on every
 * socket, client or server (-P client|server), and installs the callback there.
 *
 * In a client, tstclnt calls SSL_SetURL (not SSL_ResetHandshake): that is wrapped too. There
 * $NSS_SHIM_RECORD_SIZE_LIMIT, when set, becomes the client's record_size_limit (RFC 8449, NSS's
 * SSL_RECORD_SIZE_LIMIT option): the server must then cut its handshake messages into that many
 * bytes per record, which gives fragmented DTLS handshake messages (tstclnt has no MTU option).
 *
 * The log goes to $NSS_SHIM_KEYLOG in the NSS key log format, except that the client_random is
 * not known to the callback (NSS has no public call for it): the lines carry 64 zeros, and the
 * test script puts the ClientHello.random read from the capture in their place.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nss/pk11pub.h>
#include <nss/ssl.h>
#include <nss/sslexp.h>

static int as_server;

static const char *label(PRUint16 epoch, SSLSecretDirection dir)
{
    /* The writer's side names the secret: a client writes with client_*, a server with server_*. */
    int client = (dir == ssl_secret_write) != as_server;
    if (epoch == 2) {
        return client ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET" : "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    }
    if (epoch == 3) {
        return client ? "CLIENT_TRAFFIC_SECRET_0" : "SERVER_TRAFFIC_SECRET_0";
    }
    if (epoch == 1 && client) {
        return "CLIENT_EARLY_TRAFFIC_SECRET";
    }
    return NULL;
}

static void PR_CALLBACK secret_cb(PRFileDesc *fd, PRUint16 epoch, SSLSecretDirection dir, PK11SymKey *secret,
                                  void *arg)
{
    (void)fd;
    (void)arg;
    const char *path = getenv("NSS_SHIM_KEYLOG");
    const char *name = label(epoch, dir);
    if (path == NULL || name == NULL || PK11_ExtractKeyValue(secret) != SECSuccess) {
        return;
    }
    SECItem *v = PK11_GetKeyData(secret);
    FILE *f = fopen(path, "a");
    if (v == NULL || f == NULL) {
        if (f != NULL) {
            fclose(f);
        }
        return;
    }
    fprintf(f, "%s %064d ", name, 0);
    for (unsigned i = 0; i < v->len; i++) {
        fprintf(f, "%02x", v->data[i]);
    }
    fprintf(f, "\n");
    fclose(f);
}

SECStatus SSL_ResetHandshake(PRFileDesc *fd, PRBool asServer)
{
    SECStatus (*real)(PRFileDesc *, PRBool) = NULL;
    void *sym = dlsym(RTLD_NEXT, "SSL_ResetHandshake");
    if (sym == NULL) {
        return SECFailure;
    }
    /* POSIX dlsym: an object pointer that holds a function's address (copied, not cast, for
       -Wpedantic) */
    memcpy(&real, &sym, sizeof(real));
    as_server = asServer ? 1 : 0;
    SECStatus rv = real(fd, asServer);
    if (rv == SECSuccess && SSL_SecretCallback(fd, secret_cb, NULL) != SECSuccess) {
        fprintf(stderr, "nss_keylog_shim: SSL_SecretCallback failed\n");
    }
    return rv;
}

SECStatus SSL_SetURL(PRFileDesc *fd, const char *url)
{
    SECStatus (*real)(PRFileDesc *, const char *) = NULL;
    void *sym = dlsym(RTLD_NEXT, "SSL_SetURL");
    if (sym == NULL) {
        return SECFailure;
    }
    memcpy(&real, &sym, sizeof(real));
    SECStatus rv = real(fd, url);
    const char *limit = getenv("NSS_SHIM_RECORD_SIZE_LIMIT");
    if (rv == SECSuccess && limit != NULL && SSL_OptionSet(fd, SSL_RECORD_SIZE_LIMIT, atoi(limit)) != SECSuccess) {
        fprintf(stderr, "nss_keylog_shim: SSL_RECORD_SIZE_LIMIT %s refused\n", limit);
    }
    if (rv == SECSuccess && getenv("NSS_SHIM_KEYLOG") != NULL) {
        as_server = 0;
        if (SSL_SecretCallback(fd, secret_cb, NULL) != SECSuccess) {
            fprintf(stderr, "nss_keylog_shim: SSL_SecretCallback failed\n");
        }
    }
    return rv;
}
