// The C++ wrapper on its own: `make test-header` compiles this file as C++17
// with warnings as errors.
#include "connect_session.hpp"
