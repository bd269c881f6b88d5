/*
 * course_internal.h — the course runtime's own declarations (not for students).
 *
 * The runtime runs every exercise step through a table of function pointers, struct course_impl.
 * Each row is either the student's function (the symbol their exercise file defines) or the
 * project's adapter (reference.c: a thin wrapper over src/record, src/handshake, src/crypto).
 * `tls-course connect --only decrypt` uses the student's code for that exercise only, and
 * `tls-course check decrypt` calls the student's decrypt functions with values the project
 * computed; so each exercise can be done, run and graded alone.
 */
#ifndef TLS13_COURSE_INTERNAL_H
#define TLS13_COURSE_INTERNAL_H

#include <stdio.h>

#include "course.h"

enum course_exercise {
    EX_RECORDS,
    EX_HANDSHAKE_KEYS,
    EX_DECRYPT,
    EX_TRANSCRIPT,
    EX_FINISHED,
    EX_APPLICATION_KEYS,
    EX_POST_HANDSHAKE,
    EX_COUNT
};

/* "records", "handshake_keys", ...: the exercise names, in course order. */
extern const char *const course_exercise_names[EX_COUNT];
/* -1 if name is not an exercise. */
int course_exercise_find(const char *name);

struct course_impl {
    course_result (*read_record)(const uint8_t *, size_t, bool, struct course_record *, size_t *);
    course_result (*get_handshake_cipher)(const struct course_suite *, const uint8_t *, size_t,
                                          const uint8_t *, struct course_handshake_keys *);
    course_result (*decrypt_record)(struct course_direction *, const struct course_record *,
                                    uint8_t *, size_t, struct course_plaintext *);
    course_result (*encrypt_record)(struct course_direction *, uint8_t, const uint8_t *, size_t,
                                    uint8_t *, size_t, size_t *);
    course_result (*update_transcript)(struct course_transcript *, const struct course_message *);
    course_result (*transcript_hash)(const struct course_transcript *, size_t, uint8_t *);
    course_result (*transcript_hello_retry)(struct course_transcript *, size_t);
    course_result (*check_server_finished)(const struct course_handshake_keys *, const uint8_t *,
                                           const uint8_t *, size_t);
    course_result (*build_client_finished)(const struct course_handshake_keys *, const uint8_t *,
                                           uint8_t *, size_t, size_t *);
    course_result (*get_application_cipher)(const struct course_suite *, const uint8_t *,
                                            const uint8_t *, struct course_application_keys *);
    course_result (*handle_post_handshake)(struct course_direction *, const struct course_plaintext *,
                                           size_t *, struct course_event *);
    course_result (*update_traffic_keys)(struct course_direction *);
};

/* The table with the student's functions for exercises whose bit is set in student_mask
 * (1u << EX_...), the project's for the others. */
void course_impl_select(struct course_impl *impl, unsigned student_mask);

/* The project's implementation of each step (reference.c). */
course_result ref_read_record(const uint8_t *data, size_t len, bool ccs_allowed,
                              struct course_record *rec, size_t *consumed);
course_result ref_get_handshake_cipher(const struct course_suite *suite, const uint8_t *shared,
                                       size_t shared_len, const uint8_t *hello_hash,
                                       struct course_handshake_keys *out);
course_result ref_decrypt_record(struct course_direction *d, const struct course_record *rec,
                                 uint8_t *out, size_t out_cap, struct course_plaintext *pt);
course_result ref_encrypt_record_padded(struct course_direction *d, uint8_t type,
                                        const uint8_t *content, size_t len, size_t padding,
                                        uint8_t *out, size_t out_cap, size_t *out_len);
course_result ref_encrypt_record(struct course_direction *d, uint8_t type, const uint8_t *content,
                                 size_t len, uint8_t *out, size_t out_cap, size_t *out_len);
course_result ref_update_transcript(struct course_transcript *t, const struct course_message *m);
course_result ref_transcript_hash(const struct course_transcript *t, size_t hash_len, uint8_t *out);
course_result ref_transcript_hello_retry(struct course_transcript *t, size_t hash_len);
course_result ref_finished_key(size_t hash_len, const uint8_t *base_key, uint8_t *out);
course_result ref_compute_verify_data(size_t hash_len, const uint8_t *base_key,
                                      const uint8_t *transcript_hash, uint8_t *out);
course_result ref_check_server_finished(const struct course_handshake_keys *keys,
                                        const uint8_t *transcript_hash, const uint8_t *finished,
                                        size_t finished_len);
course_result ref_build_client_finished(const struct course_handshake_keys *keys,
                                        const uint8_t *transcript_hash, uint8_t *out,
                                        size_t out_cap, size_t *out_len);
course_result ref_get_application_cipher(const struct course_suite *suite,
                                         const uint8_t *handshake_secret,
                                         const uint8_t *handshake_hash,
                                         struct course_application_keys *out);
course_result ref_handle_post_handshake(struct course_direction *read,
                                        const struct course_plaintext *pt, size_t *consumed,
                                        struct course_event *ev);
course_result ref_update_traffic_keys(struct course_direction *d);
/* key and iv of d from d->secret (RFC 8446 §7.3), sequence number 0. */
course_result ref_traffic_keys(struct course_direction *d);

/* "COURSE_TODO", "alert decode_error(50)", "peer alert handshake_failure(40)", ... */
const char *course_result_name(course_result rc, char *buf, size_t cap);

/* Lowercase hex of p[0..n) into buf (truncated with "..." past cap); returns buf. */
const char *course_hex(const uint8_t *p, size_t n, char *buf, size_t cap);

/* tls-course connect ... (client.c); returns the process exit status. */
int course_connect_main(int argc, char **argv);
/* tls-course check EXERCISE ... (course/grader/check_main.c); returns the exit status. */
int course_check_main(int argc, char **argv);

#endif
