#include "codes.h"

const char *close_label(int code)
{
    switch (code) {
    case CLOSE_GOING_AWAY: // hover 1001
        return "going away";
    case CLOSE_PROTOCOL_ERROR: // hover 1002
        return "protocol error";
    case CLOSE_UNSUPPORTED_DATA: // hover 1003
        return "unsupported data";
    default:
        return "CLOSE_NORMAL or another";
    }
}

int paint(int color)
{
    return color == GREEN;
}
