#ifndef CODES_H
#define CODES_H

/* Close codes, counted on from the first (RFC 6455 section 7.4.1). */
enum close_code {
    CLOSE_NORMAL = 1000,
    CLOSE_GOING_AWAY,
    CLOSE_PROTOCOL_ERROR,
    CLOSE_UNSUPPORTED_DATA
};

enum color { RED, GREEN, BLUE };

#endif
