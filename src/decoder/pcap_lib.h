/*
 * pcap_lib.h — libpcap, loaded the first time a capture is read rather than when tls13 starts.
 *
 * Implementation notes
 * --------------------
 * libpcap pulls in a dozen libraries of its own (libdbus, libsystemd, libgcrypt, ...) whose
 * loading was more than half of `tls13 connect`'s start-up and peak memory, although connect
 * never reads a capture. So the decoder does not link libpcap: it opens it with dlopen() when
 * `decode` meets its first pcap or pcapng file, and calls it through the table below. The
 * decoding itself is still libpcap's (DESIGN.md: no hand-written pcap reader).
 */
#ifndef TLS13_DECODER_PCAP_LIB_H
#define TLS13_DECODER_PCAP_LIB_H

#include <pcap/pcap.h>
#include <stddef.h>

/* The libpcap functions pcap_input.c uses, with libpcap's own signatures. */
struct pcap_lib {
    pcap_t *(*open_offline)(const char *fname, char *errbuf);
    pcap_t *(*fopen_offline)(FILE *fp, char *errbuf);
    int (*next_ex)(pcap_t *p, struct pcap_pkthdr **hdr, const u_char **data);
    char *(*geterr)(pcap_t *p);
    int (*datalink)(pcap_t *p);
    const char *(*datalink_val_to_name)(int dlt);
    void (*close)(pcap_t *p);
    FILE *(*file)(pcap_t *p);
};

/*
 * The loaded library (loaded once, then kept for the life of the process), or NULL with a
 * one-line reason in err ("libpcap is not installed (Debian: libpcap0.8): ...").
 */
const struct pcap_lib *pcap_lib_get(char *err, size_t err_cap);

#endif
