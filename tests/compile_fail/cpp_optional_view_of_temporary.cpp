// expect: use of deleted function
// The same for the optional views (provider, metadata, extra keys).
#include <optional>
#include <string_view>

#include "connect_session.hpp"

namespace cs = connect_session;

int main() {
    const char *s = R"({"origin_owner_id":"o","origin_owner_name":"n","provider":"p"})";
#ifndef CONTROL
    std::optional<std::string_view> p = cs::ConnectSessionCreate::from_json(s).provider();
#else
    auto req = cs::ConnectSessionCreate::from_json(s);
    std::optional<std::string_view> p = req.provider();
#endif
    return p ? static_cast<int>(p->size()) : 0;
}
