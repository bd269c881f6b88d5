/*
 * pcap_lib.c — dlopen() of libpcap for the decoder (see pcap_lib.h for why).
 */
/* libpcap's headers use the BSD types u_char and u_int, which glibc declares only when asked. */
#define _DEFAULT_SOURCE

#include "decoder/pcap_lib.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Debian's soname first (libpcap0.8), then upstream's, then the development link. */
static const char *const sonames[] = {"libpcap.so.0.8", "libpcap.so.1", "libpcap.so"};

static struct pcap_lib lib;
static bool loaded;

/* ISO C has no conversion from void * to a function pointer; copying the bytes is the portable
 * way POSIX's dlsym() is meant to be used. */
static bool symbol(void *handle, const char *name, void *fn, size_t fn_size)
{
    void *sym = dlsym(handle, name);
    if (sym == NULL) {
        return false;
    }
    memcpy(fn, &sym, fn_size);
    return true;
}

#define SYMBOL(handle, name, field) symbol((handle), (name), &lib.field, sizeof(lib.field))

const struct pcap_lib *pcap_lib_get(char *err, size_t err_cap)
{
    if (loaded) {
        return &lib;
    }
    void *handle = NULL;
    for (size_t i = 0; handle == NULL && i < sizeof(sonames) / sizeof(sonames[0]); i++) {
        handle = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        snprintf(err, err_cap, "libpcap is not installed (Debian: libpcap0.8): %s", dlerror());
        return NULL;
    }
    if (!SYMBOL(handle, "pcap_open_offline", open_offline) ||
        !SYMBOL(handle, "pcap_fopen_offline", fopen_offline) ||
        !SYMBOL(handle, "pcap_next_ex", next_ex) || !SYMBOL(handle, "pcap_geterr", geterr) ||
        !SYMBOL(handle, "pcap_datalink", datalink) ||
        !SYMBOL(handle, "pcap_datalink_val_to_name", datalink_val_to_name) ||
        !SYMBOL(handle, "pcap_close", close) || !SYMBOL(handle, "pcap_file", file)) {
        snprintf(err, err_cap, "libpcap lacks a function the decoder needs: %s", dlerror());
        dlclose(handle);
        return NULL;
    }
    loaded = true; /* the handle stays open: the table points into it */
    return &lib;
}
