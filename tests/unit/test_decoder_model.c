/*
 * test_decoder_model.c — the model's field describer (src/decoder/model_fields.c,
 * model_messages.c) and the HTML page built from it, on real and on damaged bytes.
 *
 * The model's promise is that the fields of a record tile it: sorted by offset they start at 0,
 * follow each other without gap or overlap, and end at the record's end — whatever the bytes
 * are. Here: the records of RFC 8448 §3 and real captures, then the same bytes mutated (seeded,
 * reproducible) and cut, under every protection context; and the HTML page of damaged captures,
 * which must stay a whole page (ASan+UBSan in scripts/test.sh check the rest). DTLS records
 * (model_dtls.c) the same way: real records of a stored capture, cut at every length.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decoder/decode.h"
#include "decoder/model.h"
#include "support/decoder_tls_collect.h"

static struct tls_model_field field_store[TLS_MODEL_MAX_FIELDS];

/* The fields tile 0..len exactly once (the describer adds them in order). */
static void assert_tiles(const struct tls_model_fields *fs, size_t len, const char *what)
{
    uint32_t pos = 0;
    for (size_t i = 0; i < fs->count; i++) {
        const struct tls_model_field *f = &fs->items[i];
        if (f->offset != pos || f->length == 0) {
            fail_msg("%s: field %zu (%s) at %u+%u, expected offset %u", what, i, f->name,
                     f->offset, f->length, pos);
        }
        pos += f->length;
    }
    if (pos != len) {
        fail_msg("%s: fields end at %u, bytes at %zu", what, pos, len);
    }
}

/* RFC 8448 §3: the ClientHello record as sent (header + 196-byte message). */
static const char rfc8448_client_hello_record[] =
    "16030100c4010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef"
    "6283024dece7000006130113031302010000910000000b000900000673657276"
    "6572ff01000100000a00140012001d0017001800190100010101020103010400"
    "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e"
    "51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603"
    "020308040805080604010501060102010402050206020202002d00020101001c"
    "00024001";

static void client_hello_is_cut_to_its_rfc_fields(void **state)
{
    (void)state;
    uint8_t rec[256];
    size_t len = test_hex(rfc8448_client_hello_record, rec, sizeof(rec));
    struct tls_model_fields fs = {.items = field_store};
    struct tls_model_context ctx = {0};
    struct tls_model_hs_cursor cur = {0};
    tls_model_describe_record(&fs, rec, len, &ctx, &cur);
    assert_tiles(&fs, len, "RFC 8448 ClientHello");
    /* header (3 fields), msg_type, length, legacy_version, random, ... in RFC order */
    assert_string_equal(fs.items[0].name, "type");
    assert_string_equal(fs.items[1].name, "legacy_record_version");
    assert_string_equal(fs.items[3].name, "msg_type");
    assert_string_equal(fs.items[5].name, "legacy_version");
    assert_string_equal(fs.items[6].name, "random");
    assert_int_equal(fs.items[6].offset, 11);
    assert_int_equal(fs.items[6].length, 32);
    bool suite = false, sni = false, share = false;
    for (size_t i = 0; i < fs.count; i++) {
        suite |= strcmp(fs.items[i].value, "TLS_AES_128_GCM_SHA256(0x1301)") == 0;
        /* extensions a reader looks at first are cut further: SNI, key_share (§4.2.8) */
        sni |= strcmp(fs.items[i].name, "host_name") == 0 &&
               strcmp(fs.items[i].value, "server") == 0;
        share |= strcmp(fs.items[i].name, "key_exchange") == 0 && fs.items[i].length == 32;
        assert_int_equal(fs.items[i].message, i < 3 ? 0 : 1);
    }
    assert_true(suite);
    assert_true(sni);
    assert_true(share);
    assert_int_equal(cur.remaining, 0);
}

/* A message split over two records: the first part, then the continuation, cursor in between. */
static void message_across_records(void **state)
{
    (void)state;
    uint8_t rec[256];
    size_t len = test_hex(rfc8448_client_hello_record, rec, sizeof(rec));
    struct tls_model_fields fs = {.items = field_store};
    struct tls_model_context ctx = {0};
    struct tls_model_hs_cursor cur = {0};
    for (size_t cut = 5 + 1; cut < len; cut += 7) {
        uint8_t a[256], b[256];
        memcpy(a, rec, cut);
        a[3] = (uint8_t)((cut - 5) >> 8);
        a[4] = (uint8_t)(cut - 5);
        memcpy(b, rec, 5);
        memcpy(b + 5, rec + cut, len - cut);
        b[3] = (uint8_t)((len - cut) >> 8);
        b[4] = (uint8_t)(len - cut);
        memset(&cur, 0, sizeof(cur));
        tls_model_describe_record(&fs, a, cut, &ctx, &cur);
        assert_tiles(&fs, cut, "first part");
        tls_model_describe_record(&fs, b, 5 + len - cut, &ctx, &cur);
        assert_tiles(&fs, 5 + len - cut, "second part");
        /* the message ends with the second record: nothing is left pending */
        assert_int_equal(cur.remaining, 0);
        assert_int_equal(cur.header_have, 0);
    }
}

/* Mutated and cut bytes under every context: the tiling holds, nothing reads out of bounds. */
static void any_bytes_tile(void **state)
{
    (void)state;
    uint8_t orig[256], rec[256];
    size_t len = test_hex(rfc8448_client_hello_record, orig, sizeof(orig));
    struct tls_model_fields fs = {.items = field_store};
    struct tls_model_hs_cursor cur = {0};
    const struct tls_model_context ctxs[] = {
        {0},
        {.is_protected = true, .tag_len = 16},
        {.is_protected = true, .tag_len = 0},
        {.is_protected = true, .tls12 = true, .tag_len = 16, .explicit_nonce = true},
    };
    unsigned seed = 1;
    size_t runs = 0;
    for (int run = 0; run < 4000; run++) {
        memcpy(rec, orig, len);
        for (int i = 0; i < 1 + run % 6; i++) {
            seed = seed * 1103515245u + 12345u;
            rec[5 + (seed >> 8) % (len - 5)] = (uint8_t)(seed >> 20);
        }
        size_t cut = 5 + (size_t)(run * 7) % (len - 4);
        const struct tls_model_context *ctx = &ctxs[run % 4];
        tls_model_describe_record(&fs, rec, cut, ctx, &cur);
        assert_tiles(&fs, cut, "mutated record");
        /* the same bytes as decrypted content of each type, with a type byte and padding */
        size_t content = cut / 2;
        tls_model_describe_inner(&fs, rec, cut, (uint8_t)(20 + run % 5), content, run % 2 == 0,
                                 &cur);
        assert_tiles(&fs, run % 2 == 0 ? cut : content, "mutated plaintext");
        runs++;
    }
    assert_int_equal(runs, 4000);
}

static bool whole_page(const char *out)
{
    size_t n = strlen(out);
    const char *end = "</html>\n";
    size_t opened = 0, closed = 0;
    for (const char *p = out; (p = strstr(p, "<article")) != NULL; p++) {
        opened++;
    }
    for (const char *p = out; (p = strstr(p, "</article>")) != NULL; p++) {
        closed++;
    }
    return strncmp(out, "<!DOCTYPE html>", 15) == 0 && n > strlen(end) &&
           strcmp(out + n - strlen(end), end) == 0 && opened == closed;
}

/* The page of a capture cut anywhere, or with flipped bytes, is still a whole page. */
static void html_page_of_damaged_captures(void **state)
{
    (void)state;
    const char *capture = "captures/illustrated-aes256.pcap";
    const char *keylog = "captures/illustrated-aes256.keylog";
    size_t len = 0;
    uint8_t *orig = test_read_vector_file(capture, &len);
    uint8_t *bytes = malloc(len);
    assert_non_null(bytes);
    char path[64];
    snprintf(path, sizeof(path), "/tmp/tls13-decoder-model-%ld", (long)getpid());
    unsigned seed = 7;
    size_t stride = test_stride();
    for (size_t run = 0; run < 120; run += stride) {
        memcpy(bytes, orig, len);
        size_t n = run % 2 == 0 ? len * run / 120 : len;
        for (size_t i = 0; run % 2 == 1 && i < 1 + run % 5; i++) {
            seed = seed * 1103515245u + 12345u;
            bytes[(seed >> 4) % len] ^= (uint8_t)(1u << (seed % 8));
        }
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(bytes, 1, n, f), n);
        fclose(f);
        struct dtc *d = dtc_decode(path, keylog, TLS_DECODE_HTML);
        if (d->rc == TLS_OK && !whole_page(d->out)) {
            fail_msg("run %zu: the page is not whole", run);
        }
        dtc_free(d);
    }
    unlink(path);
    free(bytes);
    free(orig);
}

/*
 * The one message describer (tls_model_describe_message), which `decode`, `connect --explain`
 * and the page render: the RFC 8448 §3 ClientHello body whole, then cut at every length and
 * with a trailing byte. The fields tile whatever they get; a cut or an extra byte is
 * "malformed" (the renderers say "not decoded"), except the one cut that leaves a valid
 * ClientHello without extensions (RFC 8446 §4.1.2: 2 + 32 + 1 + 2 + 6 + 2 = 45 bytes).
 */
static void message_describer_whole_cut_and_trailing(void **state)
{
    (void)state;
    uint8_t rec[256];
    size_t len = test_hex(rfc8448_client_hello_record, rec, sizeof(rec));
    const uint8_t *body = rec + 9; /* record header (5) + handshake header (4) */
    size_t body_len = len - 9;
    assert_int_equal(body_len, 192); /* RFC 8448 §3: the handshake header says 0x0000c0 */
    struct tls_model_fields fs = {.items = field_store};
    tls_model_describe_message(&fs, 1, body, body_len, false);
    assert_tiles(&fs, body_len, "whole ClientHello body");
    assert_false(fs.malformed);
    /* offsets are within the body: legacy_version first, then random at 2 (§4.1.2) */
    assert_string_equal(fs.items[0].name, "legacy_version");
    assert_string_equal(fs.items[0].value, "TLS 1.2(0x0303)");
    assert_string_equal(fs.items[1].name, "random");
    assert_int_equal(fs.items[1].offset, 2);
    /* RFC 8448 §3 offers three suites: one run of three cipher_suite entries, depth 0 */
    size_t i = 0;
    while (i < fs.count && strcmp(fs.items[i].name, "cipher_suite") != 0) {
        i++;
    }
    assert_true(i < fs.count);
    assert_int_equal(tls_model_field_run(&fs, i), 3);
    assert_string_equal(fs.items[i + 2].value, "TLS_AES_256_GCM_SHA384(0x1302)");
    /* the length prefix before them is marked so, and is not part of the run */
    assert_true(fs.items[i - 1].is_length);
    assert_int_equal(tls_model_field_run(&fs, i - 1), 1);
    for (size_t n = 0; n < body_len; n++) {
        tls_model_describe_message(&fs, 1, body, n, false);
        assert_tiles(&fs, n, "cut ClientHello body");
        if (fs.malformed != (n != 45)) {
            fail_msg("cut to %zu bytes: malformed %d", n, fs.malformed);
        }
    }
    uint8_t longer[200];
    memcpy(longer, body, body_len);
    longer[body_len] = 0;
    tls_model_describe_message(&fs, 1, longer, body_len + 1, false);
    assert_tiles(&fs, body_len + 1, "ClientHello body and a trailing byte");
    assert_true(fs.malformed);
    assert_string_equal(fs.items[fs.count - 1].name, "unparsed");
}

/* tests/vectors/captures/dtls/dtls12-gnutls-hvr-mtu400.pcapng, frame 3 (UDP payload, as tshark's
   udp.payload prints it): gnutls-serv's HelloVerifyRequest, one record, one whole fragment. */
static const char gnutls_hvr_record[] =
    "16feff0000000000000000001f030000130000000000000013feff1045e235c19eb5cc4beb9eb4b52cd1600f";
/* The same capture, frame 8: the last fragment (bytes 750 to 787) of the server's Certificate. */
static const char gnutls_certificate_tail_record[] =
    "16fefd000000000000000400310b00031300020002ee000025649d0db9eeff8058dc28a40ca84b06da0fe4eab2"
    "1f5ebda1f348113b03da896f8b8061669b";

static size_t field_index(const struct tls_model_fields *fs, const char *name, size_t from)
{
    for (size_t i = from; i < fs->count; i++) {
        if (strcmp(fs->items[i].name, name) == 0) {
            return i;
        }
    }
    fail_msg("no field %s", name);
    return 0;
}

/* The same capture, frame 10: gnutls-serv's CertificateRequest, whole in one fragment. After the
   13-byte record header and the 12-byte fragment header, the 39-byte body in its RFC 5246 §7.4.4
   form (no certificate_request_context: that is TLS 1.3's, §4.3.2). */
static const char gnutls_certificate_request_record[] =
    "16fefd000000000000000600330d00002700040000000000270201400020040108090804040308070501080a08"
    "05050308080601080b08060603020102030000";

/* RFC 5246 §7.4.4, built by hand: types rsa_sign and ecdsa_sign, two algorithms and one
   4-byte DistinguishedName, so that certificate_authorities has an entry. */
static const char certificate_request12_with_ca[] = "020140" "000404010403" "0006" "000430023100";

static void tls12_certificate_request_is_cut_to_rfc5246(void **state)
{
    (void)state;
    uint8_t rec[128];
    size_t len = test_hex(gnutls_certificate_request_record, rec, sizeof(rec));
    const uint8_t *body = rec + 25;
    size_t body_len = len - 25;
    assert_int_equal(body_len, 39); /* the fragment header says 0x000027 */
    struct tls_model_fields fs = {.items = field_store};
    tls_model_describe_message(&fs, 13, body, body_len, true);
    assert_tiles(&fs, body_len, "gnutls CertificateRequest");
    assert_false(fs.malformed);
    assert_string_equal(fs.items[0].name, "certificate_types length");
    assert_true(fs.items[0].is_length);
    size_t i = field_index(&fs, "ClientCertificateType", 0);
    assert_int_equal(tls_model_field_run(&fs, i), 2);
    assert_string_equal(fs.items[i + 1].value, "ecdsa_sign(64)");
    i = field_index(&fs, "SignatureAndHashAlgorithm", i);
    assert_int_equal(tls_model_field_run(&fs, i), 16);
    assert_string_equal(fs.items[i].value, "rsa_pkcs1_sha256(0x0401)");
    assert_string_equal(fs.items[fs.count - 1].name, "certificate_authorities length");
    assert_int_equal(fs.items[fs.count - 1].offset, 37); /* the empty list's 2-byte length */

    uint8_t ca[32];
    size_t ca_len = test_hex(certificate_request12_with_ca, ca, sizeof(ca));
    tls_model_describe_message(&fs, 13, ca, ca_len, true);
    assert_tiles(&fs, ca_len, "CertificateRequest with a CA");
    assert_false(fs.malformed);
    i = field_index(&fs, "DistinguishedName", 0);
    assert_int_equal(fs.items[i].offset, ca_len - 4);
    /* cut at every length, and one trailing byte: the fields still tile, and say malformed */
    for (size_t n = 0; n < ca_len; n++) {
        tls_model_describe_message(&fs, 13, ca, n, true);
        assert_tiles(&fs, n, "cut CertificateRequest");
        assert_true(fs.malformed);
    }
    ca[ca_len] = 0;
    tls_model_describe_message(&fs, 13, ca, ca_len + 1, true);
    assert_tiles(&fs, ca_len + 1, "CertificateRequest and a trailing byte");
    assert_true(fs.malformed);
}

static void dtls_records_are_cut_to_rfc6347_fields(void **state)
{
    (void)state;
    uint8_t rec[128];
    struct tls_model_fields fs = {.items = field_store};
    struct tls_model_dtls_context ctx = {.tls12 = false};
    size_t len = test_hex(gnutls_hvr_record, rec, sizeof(rec));
    assert_int_equal(len, 44); /* 13-byte header (RFC 6347 §4.1) + length 0x001f */
    tls_model_describe_dtls_record(&fs, rec, len, &ctx);
    assert_tiles(&fs, len, "HelloVerifyRequest record");
    assert_false(fs.malformed);
    /* RFC 6347 §4.1: type, version, epoch, sequence_number (48 bits), length */
    static const char *const header[] = {"type", "version", "epoch", "sequence_number", "length",
                                         "msg_type", "length", "message_seq", "fragment_offset",
                                         "fragment_length", "server_version", "cookie length",
                                         "cookie"};
    assert_int_equal(fs.count, sizeof(header) / sizeof(header[0]));
    for (size_t i = 0; i < fs.count; i++) {
        assert_string_equal(fs.items[i].name, header[i]);
    }
    assert_int_equal(fs.items[3].offset, 5);
    assert_int_equal(fs.items[3].length, 6);
    assert_string_equal(fs.items[1].value, "DTLS 1.0(0xfeff)");
    assert_string_equal(fs.items[5].value, "hello_verify_request(3)");
    assert_int_equal(fs.items[12].offset, 28); /* 13 + 12 + 2 + 1: the 16-byte cookie */
    assert_int_equal(fs.items[12].length, 16);
    assert_int_equal(fs.items[5].message, 1);
    /* cut at every length: still tiled; only the bare header (no fragment yet) is well formed */
    for (size_t n = 0; n < len; n++) {
        tls_model_describe_dtls_record(&fs, rec, n, &ctx);
        assert_tiles(&fs, n, "cut HelloVerifyRequest record");
        if (fs.malformed != (n != 13)) {
            fail_msg("cut to %zu bytes: malformed %d", n, fs.malformed);
        }
    }
    /* a trailing byte is not a fragment header */
    rec[len] = 0x0b;
    tls_model_describe_dtls_record(&fs, rec, len + 1, &ctx);
    assert_tiles(&fs, len + 1, "HelloVerifyRequest record and a trailing byte");
    assert_true(fs.malformed);
    assert_string_equal(fs.items[fs.count - 1].name, "unparsed");

    /* a partial fragment is one field saying which bytes of which message it holds */
    len = test_hex(gnutls_certificate_tail_record, rec, sizeof(rec));
    assert_int_equal(len, 62);
    ctx.tls12 = true;
    ctx.repeated = 1; /* as if the decoder had seen these bytes before */
    tls_model_describe_dtls_record(&fs, rec, len, &ctx);
    assert_tiles(&fs, len, "Certificate fragment record");
    assert_false(fs.malformed);
    size_t seq = field_index(&fs, "message_seq", 0);
    assert_string_equal(fs.items[seq].value, "2 (seen before: a retransmission, RFC 6347 §4.2.4)");
    size_t frag = field_index(&fs, "fragment", 0);
    assert_int_equal(fs.items[frag].offset, 25);
    assert_int_equal(fs.items[frag].length, 37);
    assert_non_null(strstr(fs.items[frag].value, "bytes 750 to 787 of the 787-byte certificate body"));
    for (size_t n = 0; n < len; n++) {
        tls_model_describe_dtls_record(&fs, rec, n, &ctx);
        assert_tiles(&fs, n, "cut Certificate fragment record");
    }
    /* epoch 1 with keys (AES-GCM): nonce_explicit, encrypted content, tag (RFC 5246 §6.2.3.3) */
    ctx = (struct tls_model_dtls_context){.is_protected = true, .tls12 = true, .tag_len = 16,
                                           .explicit_nonce = true};
    tls_model_describe_dtls_record(&fs, rec, len, &ctx);
    assert_tiles(&fs, len, "protected record");
    assert_string_equal(fs.items[5].name, "nonce_explicit");
    assert_string_equal(fs.items[fs.count - 1].name, "authentication tag");

    /* RFC 9147 §4 unified header 0x2c = 001 C=0 S=1 L=1 epoch bits 0, then a 16-bit
       sequence number, a length of 5 and 5 bytes of encrypted_record */
    static const uint8_t unified[] = {0x2c, 0x12, 0x34, 0x00, 0x05, 1, 2, 3, 4, 5};
    ctx = (struct tls_model_dtls_context){.unified = true, .is_protected = true};
    tls_model_describe_dtls_record(&fs, unified, sizeof(unified), &ctx);
    assert_tiles(&fs, sizeof(unified), "unified header record");
    assert_int_equal(fs.count, 4);
    assert_string_equal(fs.items[0].value, "C=0 S=1 L=1 epoch bits 0");
    assert_string_equal(fs.items[1].name, "sequence_number");
    assert_int_equal(fs.items[1].length, 2);
    assert_string_equal(fs.items[3].name, "encrypted_record");
    for (size_t n = 0; n < sizeof(unified); n++) {
        tls_model_describe_dtls_record(&fs, unified, n, &ctx);
        assert_tiles(&fs, n, "cut unified header record");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(client_hello_is_cut_to_its_rfc_fields),
        cmocka_unit_test(message_across_records),
        cmocka_unit_test(message_describer_whole_cut_and_trailing),
        cmocka_unit_test(any_bytes_tile),
        cmocka_unit_test(html_page_of_damaged_captures),
        cmocka_unit_test(dtls_records_are_cut_to_rfc6347_fields),
        cmocka_unit_test(tls12_certificate_request_is_cut_to_rfc5246),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
