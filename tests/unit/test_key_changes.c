/*
 * test_key_changes.c — the one table of key changes (src/handshake/key_changes.c) against the
 * right-hand side of RFC 8446 Appendix A.1's client diagram and §4.6.3.
 *
 * Every expected value below is read off RFC 8446 Appendix A.1 ("K_recv = handshake",
 * "[Send EndOfEarlyData] K_send = handshake", "Send Finished ... K_send = K_recv =
 * application"), §4.2.10 (0-RTT rejected by a HelloRetryRequest or by EncryptedExtensions
 * without early_data) and §4.6.3 (KeyUpdate: the sender's next records use generation N+1).
 */
#include "support/testutil.h"

#include "common/names.h"
#include "handshake/key_changes.h"

static void expect(enum tls_direction sender, uint8_t type, enum tls_key_change sender_writes,
                   enum tls_key_change receiver_writes)
{
    enum tls_key_change a = (enum tls_key_change)99, b = (enum tls_key_change)99;
    tls13_key_changes(sender, type, &a, &b);
    if (a != sender_writes || b != receiver_writes) {
        fail_msg("message %u from %s: got (%s, %s), want (%s, %s)", type,
                 sender == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server", tls_key_change_name(a),
                 tls_key_change_name(b), tls_key_change_name(sender_writes),
                 tls_key_change_name(receiver_writes));
    }
}

static void appendix_a1_key_changes(void **state)
{
    (void)state;
    const enum tls_direction S = TLS_DIR_SERVER_TO_CLIENT, C = TLS_DIR_CLIENT_TO_SERVER;
    /* App. A.1 "Recv ServerHello / K_recv = handshake"; the client's writes follow unless it
     * writes 0-RTT data ("K_send = early data" until EndOfEarlyData) */
    expect(S, TLS_HT_server_hello, TLS_KEY_TO_HANDSHAKE, TLS_KEY_TO_HANDSHAKE_UNLESS_EARLY);
    /* §4.2.10: a HelloRetryRequest or EncryptedExtensions without early_data rejects 0-RTT */
    expect(S, TLS_HT_hello_retry_request, TLS_KEY_KEEP, TLS_KEY_TO_PLAINTEXT_IF_EARLY);
    expect(S, TLS_HT_encrypted_extensions, TLS_KEY_KEEP, TLS_KEY_TO_HANDSHAKE_IF_EARLY_REJECTED);
    /* App. A.1 "Recv Finished ... K_send = K_recv = application" */
    expect(S, TLS_HT_finished, TLS_KEY_TO_APPLICATION, TLS_KEY_KEEP);
    expect(C, TLS_HT_finished, TLS_KEY_TO_APPLICATION, TLS_KEY_KEEP);
    /* App. A.1 "[Send EndOfEarlyData] K_send = handshake" */
    expect(C, TLS_HT_end_of_early_data, TLS_KEY_TO_HANDSHAKE, TLS_KEY_KEEP);
    /* §4.6.3 */
    expect(S, TLS_HT_key_update, TLS_KEY_TO_NEXT_GENERATION, TLS_KEY_KEEP);
    expect(C, TLS_HT_key_update, TLS_KEY_TO_NEXT_GENERATION, TLS_KEY_KEEP);
    /* Messages that change no key */
    expect(C, TLS_HT_client_hello, TLS_KEY_KEEP, TLS_KEY_KEEP);
    expect(S, TLS_HT_certificate, TLS_KEY_KEEP, TLS_KEY_KEEP);
    expect(S, TLS_HT_certificate_request, TLS_KEY_KEEP, TLS_KEY_KEEP);
    expect(S, TLS_HT_certificate_verify, TLS_KEY_KEEP, TLS_KEY_KEEP);
    expect(S, TLS_HT_new_session_ticket, TLS_KEY_KEEP, TLS_KEY_KEEP);
    expect(C, TLS_HT_certificate, TLS_KEY_KEEP, TLS_KEY_KEEP);
    /* a server never sends EndOfEarlyData: no row */
    expect(S, TLS_HT_end_of_early_data, TLS_KEY_KEEP, TLS_KEY_KEEP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appendix_a1_key_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
