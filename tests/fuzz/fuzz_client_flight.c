/*
 * fuzz_client_flight.c — the client core past the encryption: the fuzzer writes the *plaintext*
 * of the server's protected records, the harness seals it.
 *
 * With RFC 8448 §3's ClientHello and key share replayed and the RFC's ServerHello record in
 * front, the client's handshake keys are the RFC's, so whatever this harness seals with the
 * server's handshake traffic key (RFC 8448 §3) decrypts in the client. Mutations then reach what
 * fuzz_client.c cannot: EncryptedExtensions, Certificate, CertificateVerify and Finished
 * processing, message order in the state machine (App. A.1), coalesced and fragmented messages
 * (§5.1), padding and inner content types (§5.4). Only the exact RFC flight gets past Finished
 * (a changed transcript fails CertificateVerify or Finished), and then the records sealed with
 * the server's application traffic key reach tls_client_open(): NewSessionTicket, KeyUpdate,
 * application data, alerts.
 *
 * Input: chunks, each
 *     uint8  control;  bits 0-4 and 6: the inner ContentType (TLSInnerPlaintext.type);
 *                      bit 7: seal with the server application traffic key (else handshake key);
 *                      a change_cipher_spec(20) chunk is written as the plaintext CCS record
 *     uint16 length;   content bytes that follow (fewer if the input ends first)
 *     opaque content[length];
 * each sealed as one or more records (tls_record_write: at most 2^14 bytes each, sequence numbers
 * per key). A chunk the record layer refuses to write (an empty handshake chunk, an unknown type)
 * is left out. Oracles: those of client_driver.h.
 */
#include <stdlib.h>
#include <string.h>

#include "client_driver.h"
#include "common/names.h"
#include "crypto/suite.h"
#include "fuzz.h"
#include "record/protect.h"
#include "rfc8448_s3.h"

static void install(struct tls_record_direction *d, const uint8_t *key, const uint8_t *iv)
{
    struct tls_traffic_keys keys;
    memset(&keys, 0, sizeof(keys));
    keys.suite = tls_cipher_suite_find(0x1301); /* RFC 8448 §3: TLS_AES_128_GCM_SHA256 */
    FUZZ_CHECK(keys.suite != NULL, "TLS_AES_128_GCM_SHA256 not implemented");
    memcpy(keys.key, key, 16);
    memcpy(keys.iv, iv, 12);
    tls_record_direction_init(d);
    tls_record_direction_install_keys(d, &keys, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_record_direction handshake, application;
    install(&handshake, rfc8448_s3_server_handshake_key, rfc8448_s3_server_handshake_iv);
    install(&application, rfc8448_s3_server_application_key, rfc8448_s3_server_application_iv);

    /* Room for the ServerHello and every chunk with its record overhead (header, type, tag). */
    size_t cap = sizeof(rfc8448_s3_server_hello_record) + size +
                 (TLS_RECORD_HEADER_LEN + 1 + TLS_AEAD_TAG_LEN) * (size / 3 + size / 16384 + 2);
    uint8_t *stream = malloc(cap);
    FUZZ_CHECK(stream != NULL, "out of memory");
    struct tls_writer w;
    tls_writer_init(&w, stream, cap);
    tls_write_bytes(&w, rfc8448_s3_server_hello_record, sizeof(rfc8448_s3_server_hello_record));

    size_t pos = 0;
    while (pos + 3 <= size) {
        uint8_t control = data[pos];
        size_t len = (size_t)data[pos + 1] << 8 | data[pos + 2];
        pos += 3;
        if (len > size - pos) {
            len = size - pos;
        }
        struct tls_record_direction *d = (control & 0x80) ? &application : &handshake;
        size_t before = w.len;
        struct tls_error err = {0};
        if (tls_record_write(d, (uint8_t)(control & 0x7f), data + pos, len, 0, &w, &err) != TLS_OK) {
            w.len = before; /* refused: leave the chunk out (and any partial record) */
        }
        pos += len;
    }
    FUZZ_CHECK(tls_writer_result(&w, NULL) == TLS_OK, "stream buffer too small");
    fuzz_client_run(stream, w.len);
    free(stream);
    tls_record_direction_wipe(&handshake);
    tls_record_direction_wipe(&application);
    return 0;
}
