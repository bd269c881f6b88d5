// go_echo.go — a TLS 1.3 echo server on Go's crypto/tls (standard library only), an interop
// peer for `tls13 connect` (tests/interop/run_peers.sh).
//
//	go_echo -port P -cert C -key K [-groups x25519,secp256r1,secp384r1] [-alpn h2]
//	        [-verify-client] [-reset]
//
// Serves connections one after the other on 127.0.0.1:P, for ever: everything received is sent
// back unchanged; the client's close_notify is answered with ours (Close). Options:
//
//	-groups         the key exchange groups the server accepts (fewer: a HelloRetryRequest)
//	-alpn           the protocols the server selects from (RFC 7301)
//	-verify-client  send a CertificateRequest; an empty Certificate is accepted (RFC 8446 §4.3.2)
//	-reset          after echoing the first data: close_notify, then a TCP reset (SO_LINGER 0)
//	                without waiting for the client's close_notify (RFC 8446 §6.1 allows it)
//
// TLS 1.3 only; Go enables all three TLS 1.3 cipher suites and cannot restrict them, the client
// does. Session tickets are on (Go's default), so resumption works across connections. Go has no
// API to send a KeyUpdate; it answers the client's.
package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
)

var groupIDs = map[string]tls.CurveID{
	"x25519": tls.X25519, "secp256r1": tls.CurveP256, "secp384r1": tls.CurveP384,
}

func main() {
	port := flag.Int("port", 0, "port on 127.0.0.1")
	cert := flag.String("cert", "", "certificate (PEM)")
	key := flag.String("key", "", "private key (PEM)")
	groups := flag.String("groups", "x25519,secp256r1,secp384r1", "key exchange groups")
	alpn := flag.String("alpn", "", "ALPN protocols, comma separated")
	verifyClient := flag.Bool("verify-client", false, "send a CertificateRequest")
	reset := flag.Bool("reset", false, "close_notify and a TCP reset after the first echo")
	flag.Parse()

	pair, err := tls.LoadX509KeyPair(*cert, *key)
	if err != nil {
		log.Fatal(err)
	}
	cfg := &tls.Config{
		Certificates: []tls.Certificate{pair},
		MinVersion:   tls.VersionTLS13,
		MaxVersion:   tls.VersionTLS13,
	}
	for _, g := range strings.Split(*groups, ",") {
		id, ok := groupIDs[g]
		if !ok {
			log.Fatalf("unknown group %q", g)
		}
		cfg.CurvePreferences = append(cfg.CurvePreferences, id)
	}
	if *alpn != "" {
		cfg.NextProtos = strings.Split(*alpn, ",")
	}
	if *verifyClient {
		cfg.ClientAuth = tls.RequestClientCert
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "go_echo: listening on %s (Go crypto/tls)\n", ln.Addr())
	for {
		raw, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		serve(raw.(*net.TCPConn), tls.Server(raw, cfg), *reset)
	}
}

func serve(raw *net.TCPConn, conn *tls.Conn, reset bool) {
	defer conn.Close()
	if err := conn.Handshake(); err != nil {
		log.Printf("handshake: %v", err)
		return
	}
	st := conn.ConnectionState()
	log.Printf("connected: suite %s, resumed %v, alpn %q", tls.CipherSuiteName(st.CipherSuite),
		st.DidResume, st.NegotiatedProtocol)
	buf := make([]byte, 65536)
	for {
		n, err := conn.Read(buf)
		if n > 0 {
			if _, werr := conn.Write(buf[:n]); werr != nil {
				log.Printf("write: %v", werr)
				return
			}
			if reset {
				conn.CloseWrite() // close_notify
				raw.SetLinger(0)  // then RST instead of FIN
				raw.Close()
				log.Printf("sent close_notify and reset the connection")
				return
			}
		}
		if err == io.EOF {
			return // the client's close_notify: Close answers with ours
		}
		if err != nil {
			log.Printf("read: %v", err)
			return
		}
	}
}
