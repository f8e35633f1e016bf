// expect: no match for .operator\*.
// `for (auto c : *req.categories())` once iterated a destroyed temporary (an
// optional<vector> dereferenced in the range-init). categories() now returns
// the vector itself, owned by the caller: there is nothing to dereference.
#include "connect_session.hpp"

int main() {
    auto req = connect_session::ConnectSessionCreate::from_json(
        R"({"origin_owner_id":"o","origin_owner_name":"n","categories":["ats"]})");
    int n = 0;
#ifndef CONTROL
    for (auto c : *req.categories()) {
#else
    for (auto c : req.categories()) {
#endif
        n += static_cast<int>(c);
    }
    return n;
}
