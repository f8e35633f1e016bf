// expect: use of deleted function
// A string_view into an object destroyed at the end of the statement was a
// heap-use-after-free; views are only offered on lvalues.
#include <string_view>

#include "connect_session.hpp"

namespace cs = connect_session;

int main() {
    const char *s = R"({"origin_owner_id":"o","origin_owner_name":"n"})";
#ifndef CONTROL
    std::string_view id = cs::ConnectSessionCreate::from_json(s).origin_owner_id();
#else
    auto req = cs::ConnectSessionCreate::from_json(s);
    std::string_view id = req.origin_owner_id();
#endif
    return static_cast<int>(id.size());
}
