// expect: ignoring return value.*nodiscard
// The wrapper's functions that return values are [[nodiscard]].
#include "connect_session.hpp"

int main() {
    connect_session::ConnectSessionCreate req("o", "n");
#ifndef CONTROL
    req.to_json();
#else
    (void)req.to_json();
#endif
    return 0;
}
