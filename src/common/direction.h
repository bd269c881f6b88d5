/*
 * direction.h — which way bytes travel on a connection, named from the client's side.
 * Shared by the client core (what it sends and receives) and the decoder (what it sees on the
 * wire), so that both speak of one direction type. The values are also array indexes.
 */
#ifndef TLS13_COMMON_DIRECTION_H
#define TLS13_COMMON_DIRECTION_H

enum tls_direction {
    TLS_DIR_CLIENT_TO_SERVER = 0, /* sent by the client */
    TLS_DIR_SERVER_TO_CLIENT = 1, /* sent by the server */
};

#endif
