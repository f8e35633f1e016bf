/* The C header on its own: `make test-header` compiles this file as C99 and
 * as C++17 with warnings as errors. */
#include "connect_session.h"
