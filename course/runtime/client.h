/*
 * client.h — the course client's connection state (client.c runs the handshake over it;
 * connect_main.c parses `tls-course connect`'s arguments and opens the socket).
 */
#ifndef TLS13_COURSE_CLIENT_H
#define TLS13_COURSE_CLIENT_H

#include "course_internal.h"

#define IN_CAP (2 * COURSE_MAX_RECORD_LEN)
#define HS_CAP (COURSE_TRANSCRIPT_CAP)

struct conn {
    int fd;
    struct course_impl impl;
    unsigned student_mask;
    bool verbose;
    uint8_t in[IN_CAP];               /* bytes received, not yet consumed */
    size_t in_len;
    uint8_t rec_bytes[COURSE_MAX_RECORD_LEN]; /* the current record, copied out of in[] */
    struct course_record rec;
    uint8_t work[COURSE_MAX_RECORD_LEN];      /* decrypted content */
    uint8_t hs[HS_CAP];               /* handshake bytes not yet made into whole messages */
    size_t hs_len;
    bool ccs_allowed;
    struct course_transcript transcript;
    const struct course_suite *suite;
    struct course_handshake_keys hs_keys;
    struct course_application_keys app_keys;
    struct course_direction rd, wr;   /* what we read and write with now */
    uint8_t client_random[32];        /* for the key log */
    FILE *keylog;                     /* NSS key log of the student's secrets, or NULL */
};

struct options {
    const char *host;
    const char *port;
    const char *cafile;
    const char *servername;
    const char *send;
    const char *keylog;
    bool insecure;
};

/* The handshake, one line of data, close_notify both ways; 0 on a clean close. */
int course_client_run(struct conn *c, const struct options *o);

#endif
