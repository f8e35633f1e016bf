// The new field from C++ (tests/extending/run.sh builds it against its copy of
// the tree's headers and static library).
#include <cstdlib>
#include <iostream>
#include <string>

#include "connect_session.hpp"

namespace cs = connect_session;

#define REQUIRE(cond)                                                              \
    do {                                                                           \
        if (!(cond)) {                                                             \
            std::cerr << "c++: " << __FILE__ << ':' << __LINE__ << ": " #cond "\n"; \
            std::exit(1);                                                          \
        }                                                                          \
    } while (0)

int main(int argc, char **argv) {
    REQUIRE(argc == 3);  // expected canonical JSON, then a document refused for the field
    cs::ConnectSessionCreate req("owner-1", "Acme");
    REQUIRE(!req.origin_email());
    req.set_origin_email("jane@acme.example");
    REQUIRE(req.origin_email() == std::string_view("jane@acme.example"));
    REQUIRE(req.to_json() == argv[1]);
    REQUIRE(cs::ConnectSessionCreate::from_json(req.to_json()) == req);
    req.clear_origin_email();
    REQUIRE(!req.origin_email());
    try {
        (void)cs::ConnectSessionCreate::from_json(argv[2]);
        REQUIRE(!"from_json refused nothing");
    } catch (const cs::Error &e) {
        REQUIRE(e.status() == CONNECT_SESSION_INVALID_TYPE);
        REQUIRE(e.json().find(R"("loc":["origin_email"])") != std::string::npos);
    }
    std::cout << "c++: " << argv[1] << '\n';
}
