/* quickstart.cpp: build a Create Connect Session request, print its canonical
 * JSON, read it back, read StackOne's answer, and handle a refused document.
 *
 *   c++ -std=c++17 quickstart.cpp $(pkg-config --cflags --libs connect_session) \
 *       -Wl,-rpath,"$(pkg-config --variable=libdir connect_session)"
 */
#include <iostream>

#include "connect_session.hpp"

namespace cs = connect_session;

int main() {
    try {
        cs::ConnectSessionCreate req("owner-8f3c2a", "Acme Corporation");
        req.set_categories({CONNECT_SESSION_CATEGORY_ATS, CONNECT_SESSION_CATEGORY_HRIS,
                            CONNECT_SESSION_CATEGORY_HRIS_LEGACY, CONNECT_SESSION_CATEGORY_CRM});
        req.set_expires_in(1800);
        req.set_metadata(
            R"({"source":"onboarding","tenant":{"id":"t-42","tier":"gold"},"tags":["a","b"],"retries":3})");
        req.set_origin_username("jane.doe@acme.example");
        req.set_provider("hibob");
        std::cout << req.to_json() << '\n';

        // The canonical JSON reads back to an equal request.
        if (cs::ConnectSessionCreate::from_json(req.to_json()) != req) {
            return 1;
        }

        // StackOne's answer to the request: the session it made, and the link that opens the hub.
        auto link = cs::ConnectSessionTokenAuthLink::from_json(R"({"account_id":"acc_4f2b9c1e7d3a",
            "auth_link_url":"https://hub.stackone.com/embedded/integrations?token=cst_8f3c2a9b1d",
            "categories":["ats","hris"],"created_at":"2024-12-02T04:42:35.999Z",
            "external_trigger_token":"ett_9b1c2d3e","id":123456,"integration_id":"int_01HX3QB7",
            "label":"Acme HRIS","metadata":{"source":"onboarding","tenant":{"id":"t-42"}},
            "organization_id":"org_01HX3Q9Z","origin_owner_id":"owner-8f3c2a",
            "origin_owner_name":"Acme Corporation","origin_username":"jane.doe@acme.example",
            "project_id":"proj_01HX3QA1","provider":"hibob","token":"cst_8f3c2a9b1d",
            "type":"production"})");
        std::cout << link.auth_link_url() << '\n';  // a view: link must outlive it

        // A refused document throws; the error carries the status and every problem.
        try {
            auto refused = cs::ConnectSessionCreate::from_json(R"({"origin_owner_id":"o","categories":["hirs"]})");
            return 1;  // not reached: from_json throws
        } catch (const cs::Error &e) {
            std::cerr << e.what() << '\n';  // e.status(), e.json() for programs
        }
    } catch (const cs::Error &e) {
        std::cerr << e.status_name() << ": " << e.what() << '\n';
        return 1;
    }
    return 0;
}
