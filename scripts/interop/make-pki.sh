#!/usr/bin/env bash
# make-pki.sh DIR — throwaway certificates for the interop tests (openssl CLI only).
#
# Creates in DIR (idempotent: files already there are kept):
#   ca.pem / ca.key               test CA (RSA 2048), the trust anchor the client is given
#   rsa.pem / rsa.key             leaf, RSA 2048 (rsaEncryption: signs rsa_pss_rsae_*, RFC 8446 §4.2.3)
#   ecdsa256.pem / ecdsa256.key   leaf, ECDSA P-256 (ecdsa_secp256r1_sha256)
#   ecdsa384.pem / ecdsa384.key   leaf, ECDSA P-384 (ecdsa_secp384r1_sha384)
#   other-ca.pem / other-ca.key   a second, unrelated CA (the client does not trust it)
#   other-rsa.pem / other-rsa.key leaf signed by other-ca (-> unknown_ca, RFC 8446 §6.2)
# Every leaf is for "localhost": subjectAltName DNS:localhost, IP:127.0.0.1; valid 30 days.
# Leaf files hold only the leaf; ca.pem is the anchor (servers send just the leaf).
set -euo pipefail

dir="${1:?usage: make-pki.sh DIR}"
mkdir -p "$dir"
cd "$dir"

days=30
san="subjectAltName=DNS:localhost,IP:127.0.0.1"

# make_ca NAME "CN" — self-signed CA (basicConstraints CA:TRUE, keyCertSign).
make_ca() {
    local name="$1" cn="$2"
    [ -s "$name.pem" ] && [ -s "$name.key" ] && return 0
    openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$days" \
        -keyout "$name.key" -out "$name.pem" -subj "/O=tls13 interop/CN=$cn" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# make_leaf NAME CA KEYSPEC... — a localhost server certificate signed by CA.
make_leaf() {
    local name="$1" ca="$2"
    shift 2
    [ -s "$name.pem" ] && [ -s "$name.key" ] && return 0
    openssl genpkey "$@" -out "$name.key" 2>/dev/null
    openssl req -new -key "$name.key" -out "$name.csr" -subj "/O=tls13 interop/CN=localhost" 2>/dev/null
    # the extensions a TLS server certificate carries (RFC 5280 §4.2.1.12 serverAuth)
    printf '%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
        "$san" > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial \
        -sha256 -days "$days" -extfile "$name.ext" -out "$name.pem" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
}

make_ca ca "tls13 interop test CA"
make_ca other-ca "tls13 interop UNRELATED CA"
make_leaf rsa ca -algorithm RSA -pkeyopt rsa_keygen_bits:2048
make_leaf ecdsa256 ca -algorithm EC -pkeyopt ec_paramgen_curve:P-256
make_leaf ecdsa384 ca -algorithm EC -pkeyopt ec_paramgen_curve:P-384
make_leaf other-rsa other-ca -algorithm RSA -pkeyopt rsa_keygen_bits:2048
rm -f ./*.srl
chmod 600 ./*.key
