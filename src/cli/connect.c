/*
 * connect.c — `tls13 connect HOST[:PORT]`: the networked client around the sans-IO core
 * (client.h). RFC 8446 §2 (protocol overview), §4 (handshake loop), §6.1 (closure alerts).
 *
 * Implementation notes
 * --------------------
 * This file is the only one that moves bytes between the core and the world (BearSSL keeps its
 * blocking I/O in one such thin wrapper, too). The core never sees a socket: this loop reads
 * what arrived into `in`, hands it over, drops the bytes the core consumed, keeps the rest (a
 * partial record) for the next call, and sends whatever the core appended to `out`.
 *
 * Phases:
 *   1. handshake: tls_client_handshake() until HANDSHAKE_DONE or FATAL (connect_io.c);
 *   2. data: poll() the socket and stdin; stdin -> tls_client_seal() -> socket, socket ->
 *      tls_client_open() -> stdout;
 *   3. closure (RFC 8446 §6.1): at stdin EOF send close_notify and keep reading until the
 *      server's close_notify; TLS 1.3 closure is a half-close, so data may still arrive.
 *      A transport EOF without close_notify is a truncation and is reported as such.
 *
 * Exit statuses are in connect.h (enum connect_exit) and in --help.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli/connect.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"
#include "cli/connect_html.h"
#include "cli/connect_io.h"
#include "cli/explain.h"
#include "cli/file_read.h"
#include "cli/keylog.h"
#include "cli/session_file.h"
#include "common/names.h"
#include "crypto/rng.h"
#include "crypto/util.h"
#include "crypto/x509.h"

#define CONNECT_MAX_FILE (64u << 20) /* a CA bundle or early data file: far more than either needs */

/* Everything the run owns, so that one function can release it on every path. */
struct connect_run {
    struct connect_options opt;
    struct tls_drbg *drbg;
    struct tls_trust *trust;
    uint8_t *early_data;
    size_t early_data_len;
    struct tls_ticket ticket;   /* from --sess-in */
    struct keylog keylog;
    struct connect_html html;   /* --html */
    struct explain explain;
    struct tls_observer observer;
    struct connect_io io;
    struct tls_client *client;
};

/* The secret callback feeds both the key log and --explain; the others only --explain. */
static void fan_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                       const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                       const uint8_t *transcript_hash, size_t hash_len)
{
    struct connect_run *run = ctx;
    if (run->keylog.file != NULL) {
        keylog_on_secret(&run->keylog, id, generation, client_random, secret, secret_len,
                         transcript_hash, hash_len);
    }
    if (run->html.keys.file != NULL) {
        keylog_on_secret(&run->html.keys, id, generation, client_random, secret, secret_len,
                         transcript_hash, hash_len);
        connect_html_on_secret(&run->html, id, client_random, secret, secret_len);
    }
    if (run->explain.out != NULL) {
        explain_on_secret(&run->explain, id, generation, client_random, secret, secret_len,
                          transcript_hash, hash_len);
    }
}

static int file_error(const char *what, const char *path)
{
    fprintf(stderr, "tls13: %s %s: %s\n", what, path, strerror(errno));
    return CONNECT_EXIT_NETWORK;
}

/* --explain's callbacks, reached through the run (the observer has one ctx for all). */
static void fan_record(void *ctx, const struct tls_record_info *rec)
{
    explain_on_record(&((struct connect_run *)ctx)->explain, rec);
}

static void fan_message(void *ctx, enum tls_direction dir, const uint8_t *msg, size_t len)
{
    explain_on_message(&((struct connect_run *)ctx)->explain, dir, msg, len);
}

static void fan_state(void *ctx, enum tls_client_state from, enum tls_client_state to)
{
    explain_on_state(&((struct connect_run *)ctx)->explain, from, to);
}

static void fan_note(void *ctx, const char *text)
{
    explain_on_note(&((struct connect_run *)ctx)->explain, text);
}

/* Opens the key log (--keylog, else $SSLKEYLOGFILE), --trace and sets up the observer. */
static int open_observers(struct connect_run *run)
{
    const char *keylog = run->opt.keylog != NULL ? run->opt.keylog : getenv("SSLKEYLOGFILE");
    if (keylog != NULL && keylog[0] != '\0') {
        /* appended to, as NSS and browsers do; created 0600 because it holds traffic secrets */
        int fd = open(keylog, O_WRONLY | O_CREAT | O_APPEND, 0600);
        run->keylog.file = fd >= 0 ? fdopen(fd, "a") : NULL;
        if (run->keylog.file == NULL) {
            if (fd >= 0) {
                close(fd);
            }
            return file_error("cannot open key log", keylog);
        }
    }
    if (run->opt.trace != NULL) {
        run->io.trace = fopen(run->opt.trace, "w");
        if (run->io.trace == NULL) {
            return file_error("cannot open trace", run->opt.trace);
        }
    }
    if (run->opt.html != NULL && connect_html_open(&run->html, run->opt.html, &run->io.trace) != 0) {
        return file_error("cannot open", run->opt.html);
    }
    run->observer.ctx = run;
    run->observer.secret = fan_secret;
    if (run->opt.explain) {
        run->explain.out = stderr;
        run->observer.record = fan_record;
        run->observer.message = fan_message;
        run->observer.state = fan_state;
        run->observer.note = fan_note;
    }
    return CONNECT_EXIT_OK;
}

/* Trust anchors (unless --insecure), randomness, and --sess-in / --early-data. */
static int load_inputs(struct connect_run *run)
{
    if (!run->opt.insecure) {
        size_t len = 0;
        uint8_t *pem = cli_read_file(run->opt.cafile, CONNECT_MAX_FILE, &len);
        if (pem == NULL) {
            return file_error("cannot read CA file", run->opt.cafile);
        }
        struct tls_error err = {0};
        tls_result rc = tls_trust_create(&run->trust, pem, len, &err);
        free(pem);
        if (rc != TLS_OK) {
            fprintf(stderr, "tls13: no usable CA certificate in %s (%s)\n", run->opt.cafile,
                    err.reason);
            return CONNECT_EXIT_NETWORK;
        }
    }
    struct tls_error drbg_err = {0};
    if (tls_drbg_create(&run->drbg, "tls13 connect", &drbg_err) != TLS_OK) {
        fprintf(stderr, "tls13: cannot seed the random generator (%s)\n", drbg_err.reason);
        return CONNECT_EXIT_NETWORK;
    }
    if (run->opt.sess_in != NULL) {
        char err[160];
        if (session_file_load(run->opt.sess_in, &run->ticket, err, sizeof(err)) != 0) {
            fprintf(stderr, "tls13: --sess-in %s: %s\n", run->opt.sess_in, err);
            return CONNECT_EXIT_NETWORK;
        }
    }
    if (run->opt.early_data != NULL) {
        run->early_data = cli_read_file(run->opt.early_data, CONNECT_MAX_FILE, &run->early_data_len);
        if (run->early_data == NULL) {
            return file_error("cannot read early data", run->opt.early_data);
        }
    }
    return CONNECT_EXIT_OK;
}

static void fill_config(struct connect_run *run, struct tls_client_config *cfg)
{
    const struct connect_options *o = &run->opt;
    memset(cfg, 0, sizeof(*cfg));
    cfg->server_name = o->servername;
    cfg->cipher_suites = o->cipher_suites;
    cfg->cipher_suite_count = o->cipher_suite_count;
    cfg->groups = o->groups;
    cfg->group_count = o->group_count;
    cfg->key_share_count = 1; /* the first group only; HRR (RFC 8446 §4.1.4) covers the rest */
    cfg->alpn = o->alpn_count > 0 ? o->alpn : NULL;
    cfg->alpn_count = o->alpn_count;
    cfg->trust = run->trust;
    cfg->insecure = o->insecure;
    cfg->rng = tls_drbg_rng(run->drbg);
    bool observe = o->explain || run->keylog.file != NULL || o->html != NULL;
    cfg->observer = observe ? &run->observer : NULL;
    cfg->ticket = o->sess_in != NULL ? &run->ticket : NULL;
    cfg->early_data = run->early_data;
    cfg->early_data_len = run->early_data_len;
}

static void release(struct connect_run *run)
{
    if (run->client != NULL) {
        tls_client_wipe(run->client);
        free(run->client);
    }
    connect_io_close(&run->io);
    if (run->keylog.file != NULL) {
        fclose(run->keylog.file);
    }
    tls_trust_free(run->trust);
    tls_drbg_free(run->drbg);
    free(run->early_data);
    tls_wipe(&run->ticket, sizeof(run->ticket)); /* it held a PSK */
}

/* After a clean close: --sess-out gets the last ticket, if the server sent one. */
static int save_session(struct connect_run *run)
{
    const struct tls_ticket *t = tls_client_ticket(run->client);
    if (run->opt.sess_out == NULL) {
        return CONNECT_EXIT_OK;
    }
    if (t == NULL) {
        fprintf(stderr, "tls13: --sess-out: the server sent no NewSessionTicket; %s not written\n",
                run->opt.sess_out);
        return CONNECT_EXIT_OK;
    }
    char err[160];
    if (session_file_save(run->opt.sess_out, t, err, sizeof(err)) != 0) {
        fprintf(stderr, "tls13: --sess-out %s: %s\n", run->opt.sess_out, err);
        return CONNECT_EXIT_NETWORK;
    }
    return CONNECT_EXIT_OK;
}

static int run_connection(struct connect_run *run)
{
    int rc = open_observers(run);
    if (rc == CONNECT_EXIT_OK) {
        rc = load_inputs(run);
    }
    if (rc != CONNECT_EXIT_OK) {
        return rc;
    }
    struct tls_client_config cfg;
    fill_config(run, &cfg);
    run->client = malloc(tls_client_size());
    if (run->client == NULL) {
        fputs("tls13: out of memory\n", stderr);
        return CONNECT_EXIT_NETWORK;
    }
    if (tls_client_init(run->client, &cfg, connect_now_ms()) != TLS_OK) {
        connect_report_failure(run->client);
        return CONNECT_EXIT_TLS;
    }
    run->io.early_data = run->early_data;
    run->io.early_data_len = run->early_data_len;
    rc = connect_io_open(&run->io, &run->opt);
    if (rc != CONNECT_EXIT_OK) {
        return rc;
    }
    rc = connect_io_run(&run->io, run->client, &run->opt);
    if (rc == CONNECT_EXIT_OK) {
        rc = save_session(run);
    }
    return rc;
}

int tls13_cmd_connect(int argc, char **argv)
{
    struct connect_run *run = calloc(1, sizeof(*run));
    if (run == NULL) {
        fputs("tls13: out of memory\n", stderr);
        return CONNECT_EXIT_NETWORK;
    }
    char err[200];
    int rc = connect_parse_args(argc, argv, &run->opt, err, sizeof(err));
    if (rc != CONNECT_EXIT_OK) {
        fprintf(stderr, "tls13 connect: %s (see 'tls13 connect --help')\n", err);
        free(run);
        return rc;
    }
    if (run->opt.help || run->opt.version) {
        if (run->opt.help) {
            cli_print_help(&tls13_connect_command, stdout);
        } else {
            puts(tls13_version());
        }
        free(run);
        return CONNECT_EXIT_OK;
    }
    /* a peer that closes while we write must give an error from send(), not kill us */
    signal(SIGPIPE, SIG_IGN);
    run->io.fd = -1;
    rc = run_connection(run);
    release(run);
    /* The page shows whatever was exchanged, a failed handshake too: that is when it helps. */
    if (run->html.page != NULL) {
        char name[CONNECT_MAX_HOST + 32];
        snprintf(name, sizeof(name), "tls13 connect %s:%u", run->opt.host, run->opt.port);
        if (connect_html_write(&run->html, run->opt.trace, name) != 0 && rc == CONNECT_EXIT_OK) {
            rc = CONNECT_EXIT_NETWORK;
        }
    }
    connect_html_free(&run->html);
    free(run);
    return rc;
}
