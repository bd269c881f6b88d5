/*
 * render_html.h — the fixed parts of the HTML page (render_html_page.c): everything before the
 * first connection (doctype, inline style) and after the last (inline script). The page fetches
 * nothing: no fonts, no scripts, no images.
 */
#ifndef TLS13_DECODER_RENDER_HTML_H
#define TLS13_DECODER_RENDER_HTML_H

extern const char tls_html_page_head[];
extern const char tls_html_page_tail[];

#endif
