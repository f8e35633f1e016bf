// expect: ignoring return value of .connect_session_create_set_provider.
/* A status must be looked at (warn_unused_result through CONNECT_SESSION_MUST_USE). */
#include "connect_session.h"

int main(void) {
    ConnectSessionCreate *req = NULL;
    if (connect_session_create_new((const uint8_t *)"o", 1, (const uint8_t *)"n", 1, &req) != CONNECT_SESSION_OK) {
        return 1;
    }
#ifndef CONTROL
    connect_session_create_set_provider(req, (const uint8_t *)"p", 1);
#else
    if (connect_session_create_set_provider(req, (const uint8_t *)"p", 1) != CONNECT_SESSION_OK) {
        return 1;
    }
#endif
    connect_session_create_free(req);
    return 0;
}
