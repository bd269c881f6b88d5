/* names.c — name tables generated from the X-macro lists in names.h and error.h. */
#include "common/names.h"

#include <stddef.h>
#include <string.h>

#include "common/error.h"

struct tls_name {
    unsigned value;
    const char *name;
};

#define TLS_ROW_(name, value) {(value), #name},

static const struct tls_name content_types[] = {TLS_CONTENT_TYPE_LIST(TLS_ROW_)};
static const struct tls_name handshake_types[] = {TLS_HANDSHAKE_TYPE_LIST(TLS_ROW_)};
static const struct tls_name extensions[] = {TLS_EXTENSION_LIST(TLS_ROW_)};
static const struct tls_name cipher_suites[] = {TLS_CIPHER_SUITE_LIST(TLS_ROW_)};
static const struct tls_name groups[] = {TLS_GROUP_LIST(TLS_ROW_)};
static const struct tls_name signature_schemes[] = {TLS_SIGNATURE_SCHEME_LIST(TLS_ROW_)};
static const struct tls_name alerts[] = {TLS_ALERT_LIST(TLS_ROW_)};
static const struct tls_name versions[] = {
    {0x0300, "SSL 3.0"},
    {TLS_VERSION_1_0, "TLS 1.0"},
    {TLS_VERSION_1_1, "TLS 1.1"},
    {TLS_VERSION_1_2, "TLS 1.2"},
    {TLS_VERSION_1_3, "TLS 1.3"},
    {0xfeff, "DTLS 1.0"},
    {0xfefd, "DTLS 1.2"},
    {0xfefc, "DTLS 1.3"},
    {0x7f2b, "DTLS 1.3 draft 43"}, /* draft-ietf-tls-dtls13-43, as NSS 3.87 sends it */
};

#undef TLS_ROW_

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *find_name(const struct tls_name *table, size_t n, unsigned value)
{
    for (size_t i = 0; i < n; i++) {
        if (table[i].value == value) {
            return table[i].name;
        }
    }
    return NULL;
}

static bool find_value(const struct tls_name *table, size_t n, const char *name, uint16_t *value)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].name, name) == 0) {
            *value = (uint16_t)table[i].value;
            return true;
        }
    }
    return false;
}

const char *tls_content_type_name(unsigned value)
{
    return find_name(content_types, COUNT(content_types), value);
}

const char *tls_handshake_type_name(unsigned value)
{
    return find_name(handshake_types, COUNT(handshake_types), value);
}

const char *tls_extension_name(unsigned value)
{
    return find_name(extensions, COUNT(extensions), value);
}

const char *tls_cipher_suite_name(unsigned value)
{
    return find_name(cipher_suites, COUNT(cipher_suites), value);
}

const char *tls_group_name(unsigned value)
{
    return find_name(groups, COUNT(groups), value);
}

const char *tls_signature_scheme_name(unsigned value)
{
    return find_name(signature_schemes, COUNT(signature_schemes), value);
}

const char *tls_alert_name(unsigned value)
{
    return find_name(alerts, COUNT(alerts), value);
}

const char *tls_version_name(unsigned value)
{
    return find_name(versions, COUNT(versions), value);
}

bool tls_cipher_suite_from_name(const char *name, uint16_t *value)
{
    return find_value(cipher_suites, COUNT(cipher_suites), name, value);
}

bool tls_group_from_name(const char *name, uint16_t *value)
{
    return find_value(groups, COUNT(groups), name, value);
}

bool tls_signature_scheme_from_name(const char *name, uint16_t *value)
{
    return find_value(signature_schemes, COUNT(signature_schemes), name, value);
}

bool tls_is_grease(unsigned value)
{
    /* RFC 8701 §2: both bytes equal, and each of the form 0x?A. */
    return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}
