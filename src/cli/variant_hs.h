/*
 * variant_hs.h — the parts of a variant handshake that RFC 8448 §3 and §5 share (internal to
 * variant_*.c; see variant.h for what a variant is).
 *
 * §3 and §5 differ only before the ServerHello (§5: ClientHello, HelloRetryRequest, a second
 * ClientHello with a P-256 share) and after the client's resumption_master_secret (§3 sends a
 * NewSessionTicket and application data). From the server's early secret to the client's
 * "res master" they take the same steps with the same headings; those steps are here, written
 * against a struct vhs that holds every value RFC 8448 names.
 */
#ifndef TLS13_CLI_VARIANT_HS_H
#define TLS13_CLI_VARIANT_HS_H

#include <stddef.h>
#include <stdint.h>

#include "cli/variant.h"
#include "cli/variant_emit.h"
#include "common/writer.h"
#include "crypto/kex.h"

#define VHS_MSG_CAP 1024

struct vhs_msg {
    uint8_t b[VHS_MSG_CAP];
    size_t len;
};

struct vhs {
    struct vt g;
    uint16_t group;                 /* of the key shares that make the handshake secret */
    const struct tls_extension *ee_extensions; /* EncryptedExtensions' three, per section */
    struct tls_kex client_kex, server_kex, client_kex_first; /* first: §5's x25519 share */
    uint8_t client_random[32];
    uint8_t early[TLS_MAX_HASH_LEN], derived_hs[TLS_MAX_HASH_LEN], handshake[TLS_MAX_HASH_LEN];
    uint8_t c_hs[TLS_MAX_HASH_LEN], s_hs[TLS_MAX_HASH_LEN];
    uint8_t derived_ms[TLS_MAX_HASH_LEN], master[TLS_MAX_HASH_LEN];
    uint8_t c_ap[TLS_MAX_HASH_LEN], s_ap[TLS_MAX_HASH_LEN], exp[TLS_MAX_HASH_LEN];
    uint8_t res[TLS_MAX_HASH_LEN], psk[TLS_MAX_HASH_LEN];
    uint8_t verify_data[TLS_MAX_HASH_LEN];
    struct tls_record_direction client_write, server_write;
    struct vhs_msg ch1, hrr, ch, sh, ee, cert, cv, server_fin, client_fin, nst;
    uint8_t flight[4 * VHS_MSG_CAP]; /* EncryptedExtensions .. Finished, one record */
    size_t flight_len;
};

/* The steps of one section after the header: client_hello .. close. */
typedef void (*vhs_steps_fn)(struct vhs *s, const char *id);

/*
 * seed = SHA-256(domain || 0x00 || id), then steps(s, id) into out; the first failure of any
 * step (or running out of memory) is returned with its reason in err.
 */
tls_result vhs_generate(const char *domain, vhs_steps_fn steps, const char *id,
                        struct variant_text *out, struct tls_error *err);

/* The two sections (variant_s3.c, variant_s5.c); variant_generate() picks one. */
tls_result variant_generate_s3(const char *id, struct variant_text *out, struct tls_error *err);
tls_result variant_generate_s5(const char *id, struct variant_text *out, struct tls_error *err);

/* "create an ephemeral G key pair" (G: x25519 or P-256); the private key is generated as
 * HKDF-Expand(seed, "<side> <G> private key", 32). */
void vhs_key_pair(struct vhs *s, const char *side, uint16_t group, struct tls_kex *kex);

/* Ends a message written into m through w: records a failure, adds it to the transcript. */
void vhs_finish_msg(struct vhs *s, struct vhs_msg *m, const struct tls_writer *w, tls_result rc,
                    const char *what);

/* From the server's "extract secret \"early\"" to its ServerHello record (s->group's shares). */
void vhs_server_hello(struct vhs *s);
/* Handshake write keys, EncryptedExtensions, Certificate, CertificateVerify, Finished, record. */
void vhs_server_flight(struct vhs *s);
/* c/s ap traffic, exp master, the server's application write keys and handshake read keys. */
void vhs_server_application_keys(struct vhs *s);
/* The client's "(same as server)" steps, its Finished and record, application keys, res master. */
void vhs_client_finished(struct vhs *s);
/* close_notify both ways (§6.1), client first. */
void vhs_close(struct vhs *s);

#endif
