// test_wrapper.cpp: the C++17 wrapper (include/connect_session.hpp).
//
// Built with -DEXPECTED_VERSION="x.y.z" (the workspace version).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "connect_session.hpp"

#ifndef EXPECTED_VERSION
#error "build with -DEXPECTED_VERSION=\"x.y.z\""
#endif

namespace cs = connect_session;
using namespace std::string_view_literals;

static unsigned long passed = 0;
static unsigned long failed = 0;

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (cond) {                                                                        \
            ++passed;                                                                      \
        } else {                                                                           \
            ++failed;                                                                      \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                  \
    } while (0)

// Runs `body`, which must throw cs::Error with `status`; returns the error.
template <typename F>
static cs::Error expect_error(int line, cs::Status status, F &&body) {
    try {
        body();
    } catch (const cs::Error &e) {
        if (e.status() == status) {
            ++passed;
        } else {
            ++failed;
            std::fprintf(stderr, "%s:%d: threw %s, expected %s: %s\n", __FILE__, line,
                         std::string(e.status_name()).c_str(), connect_session_status_name(status), e.what());
        }
        return e;
    }
    ++failed;
    std::fprintf(stderr, "%s:%d: no exception, expected %s\n", __FILE__, line, connect_session_status_name(status));
    return cs::Error(CONNECT_SESSION_OK, "", "[]");
}

#define EXPECT_ERROR(status, ...) expect_error(__LINE__, status, [&] { __VA_ARGS__; })

static bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

static void test_types() {
    static_assert(!std::is_copy_constructible_v<cs::ConnectSessionCreate>);
    static_assert(!std::is_copy_assignable_v<cs::ConnectSessionCreate>);
    static_assert(std::is_nothrow_move_constructible_v<cs::ConnectSessionCreate>);
    static_assert(std::is_nothrow_move_assignable_v<cs::ConnectSessionCreate>);
    static_assert(std::is_base_of_v<std::runtime_error, cs::Error>);
    CHECK(cs::version() == EXPECTED_VERSION);
}

static void test_build_and_read() {
    cs::ConnectSessionCreate req("owner-1", "Acme");
    CHECK(req.to_json() == R"({"origin_owner_id":"owner-1","origin_owner_name":"Acme"})");
    CHECK(req.categories().empty() && !req.categories_is_set());
    CHECK(!req.expires_in().has_value());
    CHECK(req.effective_expires_in() == 1800);
    CHECK(!req.metadata().has_value());
    CHECK(!req.origin_username().has_value());
    CHECK(!req.provider().has_value());
    CHECK(req.extra_count() == 0);

    req.set_categories({CONNECT_SESSION_CATEGORY_ATS, CONNECT_SESSION_CATEGORY_HRIS_LEGACY});
    req.add_category(CONNECT_SESSION_CATEGORY_ATS);
    req.set_expires_in(0.5);
    req.set_metadata(R"({ "n": 1.50, "big": 12345678901234567890123 })");
    req.set_origin_username("jane\0doe"sv);
    req.set_provider("hibob");
    CHECK(req.to_json() ==
          R"({"categories":["ats","hris-legacy","ats"],"expires_in":0.5,"metadata":{"n":1.50,"big":12345678901234567890123},"origin_owner_id":"owner-1","origin_owner_name":"Acme","origin_username":"jane\u0000doe","provider":"hibob"})");

    std::vector<cs::Category> categories = req.categories();
    CHECK(categories.size() == 3 && req.categories_is_set());
    CHECK(categories == std::vector<cs::Category>({CONNECT_SESSION_CATEGORY_ATS, CONNECT_SESSION_CATEGORY_HRIS_LEGACY,
                                                   CONNECT_SESSION_CATEGORY_ATS}));
    // The idiom that once iterated a destroyed temporary: the vector is owned.
    std::vector<cs::Category> seen;
    for (auto c : cs::ConnectSessionCreate::from_json(req.to_json()).categories()) {
        seen.push_back(c);
    }
    CHECK(seen == categories);
    // A text read from a temporary is kept by copying it while the object lives.
    std::string owner = std::string(cs::ConnectSessionCreate::from_json(req.to_json()).clone().to_json());
    CHECK(owner == req.to_json());
    CHECK(req.expires_in() == 0.5);
    CHECK(req.metadata() == R"({"n":1.50,"big":12345678901234567890123})"sv);
    CHECK(req.origin_username() == "jane\0doe"sv);
    CHECK(req.origin_username()->size() == 8);
    CHECK(req.provider() == "hibob"sv);
    CHECK(req.origin_owner_id() == "owner-1");
    CHECK(req.origin_owner_name() == "Acme");

    req.set_origin_owner_id("o2");
    req.set_origin_owner_name(std::string_view());  // (NULL, 0): the empty string
    CHECK(req.origin_owner_id() == "o2");
    CHECK(req.origin_owner_name().empty());

    req.set_categories({});
    CHECK(req.categories_is_set() && req.categories().empty());
    req.clear_categories();
    req.clear_expires_in();
    req.clear_metadata();
    req.clear_origin_username();
    req.clear_provider();
    CHECK(req.to_json() == R"({"origin_owner_id":"o2","origin_owner_name":""})");

    req.set_field_json("categories", R"(["stackOne"])");
    CHECK(req.to_json() == R"({"categories":["stackone"],"origin_owner_id":"o2","origin_owner_name":""})");
    CHECK(starts_with(req.to_json_pretty(), "{\n  \"categories\": [\n"));
}

static void test_v2_fields() {
    cs::ConnectSessionCreate req("o", "n");
    CHECK(!req.account_id() && !req.integration_id() && !req.label() && !req.multiple() && !req.type() &&
          !req.type_text());
    req.set_account_id("acc-1");
    req.set_integration_id("int-1");
    req.set_label("Main HRIS");
    req.set_multiple(true);
    req.set_type("test");
    req.set_categories({CONNECT_SESSION_CATEGORY_IAM, CONNECT_SESSION_CATEGORY_SCHEDULING});
    CHECK(req.to_json() ==
          R"({"account_id":"acc-1","categories":["iam","scheduling"],"integration_id":"int-1","label":"Main HRIS","multiple":true,"origin_owner_id":"o","origin_owner_name":"n","type":"test"})");
    CHECK(req.account_id() == "acc-1"sv && req.integration_id() == "int-1"sv && req.label() == "Main HRIS"sv);
    CHECK(req.multiple() == true);
    CHECK(req.type() == CONNECT_SESSION_TYPE_TEST && req.type_text() == "test"sv);
    req.set_type("Sandbox");
    CHECK(req.type() == CONNECT_SESSION_TYPE_OTHER && req.type_text() == "Sandbox"sv);
    CHECK(req.categories() == std::vector<cs::Category>({CONNECT_SESSION_CATEGORY_IAM, CONNECT_SESSION_CATEGORY_SCHEDULING}));
    CHECK(cs::category_name(CONNECT_SESSION_CATEGORY_SCHEDULING) == "scheduling");

    req.clear_account_id();
    req.clear_integration_id();
    req.clear_label();
    req.clear_multiple();
    req.clear_type();
    req.clear_categories();
    CHECK(req.to_json() == R"({"origin_owner_id":"o","origin_owner_name":"n"})");
    EXPECT_ERROR(CONNECT_SESSION_INVALID_TYPE, req.set_field_json("multiple", "1"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_UTF8, req.set_label("\xff"));

    const std::string schema = cs::ConnectSessionCreate::json_schema();
    CHECK(starts_with(schema, "{") && schema.find("\"origin_owner_id\"") != std::string::npos);
}

static void test_errors() {
    cs::ConnectSessionCreate req("o", "n");
    const std::string before = req.to_json();

    auto e = EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, req.set_expires_in(0));
    CHECK(e.status_name() == "invalid_value");
    CHECK(starts_with(e.json(), R"([{"type":"invalid_value","loc":["expires_in"],"msg":)"));
    CHECK(std::string_view(e.what()).find("[type=invalid_value]") != std::string_view::npos);

    EXPECT_ERROR(CONNECT_SESSION_INVALID_TYPE, req.set_metadata("[1]"));
    EXPECT_ERROR(CONNECT_SESSION_SYNTAX, req.set_metadata("{"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_UTF8, req.set_provider("\xff"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_ARGUMENT, req.add_category(static_cast<cs::Category>(14)));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_ARGUMENT, req.set_field_json("beta", "1"));
    EXPECT_ERROR(CONNECT_SESSION_MISSING_FIELD, req.set_field_json("origin_owner_id", "null"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, req.set_extra("provider", "1"));
    EXPECT_ERROR(CONNECT_SESSION_INDEX_OUT_OF_RANGE, (void)req.extra_at(0));
    CHECK(req.to_json() == before);

    e = EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, (void)cs::ConnectSessionCreate::from_json(R"({"categories":["hirs"]})"));
    // Every problem is in the JSON; the status is the first one's kind.
    CHECK(starts_with(e.json(), R"([{"type":")" + std::string(e.status_name()) + "\""));
    CHECK(e.json().find(R"("loc":["categories",0])") != std::string::npos);
    CHECK(e.json().find(R"("loc":["origin_owner_id"])") != std::string::npos);
    CHECK(e.json().find(R"("loc":["origin_owner_name"])") != std::string::npos);

    EXPECT_ERROR(CONNECT_SESSION_SYNTAX, (void)cs::ConnectSessionCreate::from_json("[{}]"));
    EXPECT_ERROR(CONNECT_SESSION_UNKNOWN_FIELD,
                 (void)cs::ConnectSessionCreate::from_json_strict(R"({"origin_owner_id":"o","origin_owner_name":"n","x":1})"));
}

static void test_ownership() {
    cs::ConnectSessionCreate a = cs::ConnectSessionCreate::from_json(R"({"origin_owner_id":"o","origin_owner_name":"n"})");
    cs::ConnectSessionCreate b = a.clone();
    CHECK(a == b);
    b.set_provider("p");
    CHECK(a != b);

    cs::ConnectSessionCreate moved = std::move(a);
    CHECK(moved.get() != nullptr);
    CHECK(a.get() == nullptr);  // NOLINT(bugprone-use-after-move): the documented moved-from state
    auto e = EXPECT_ERROR(CONNECT_SESSION_NULL_ARGUMENT, (void)a.to_json());
    CHECK(std::string_view(e.what()) == "request is NULL");

    a = std::move(b);
    CHECK(a.provider() == "p"sv);

    // A const object lends its handle read-only: the C functions that change
    // a handle do not take it.
    static_assert(std::is_same_v<decltype(std::as_const(a).get()), const ::ConnectSessionCreate *>);
    static_assert(std::is_same_v<decltype(a.get()), ::ConnectSessionCreate *>);
    std::size_t count = 0;
    bool has_categories = true;
    CHECK(::connect_session_create_get_categories_count(std::as_const(a).get(), &has_categories, &count) ==
          CONNECT_SESSION_OK);
    CHECK(!has_categories && count == 0);

    ::ConnectSessionCreate *raw = a.release();
    CHECK(a.get() == nullptr && raw != nullptr);
    cs::ConnectSessionCreate adopted = cs::ConnectSessionCreate::adopt(raw);
    CHECK(adopted.provider() == "p"sv);
}

static void test_extras_and_categories() {
    auto req = cs::ConnectSessionCreate::from_json(R"({"origin_owner_id":"o","origin_owner_name":"n","z":null,"a":[1, 2]})");
    CHECK(req.extra_count() == 2);
    CHECK(req.extra_at(0) == std::make_pair("z"sv, "null"sv));
    CHECK(req.extra_at(1) == std::make_pair("a"sv, "[1,2]"sv));
    CHECK(req.extra("a") == "[1,2]"sv);
    CHECK(!req.extra("missing").has_value());
    req.set_extra("a", "true");
    req.set_extra("b", R"({"k":"v"})");
    CHECK(req.to_json() == R"({"origin_owner_id":"o","origin_owner_name":"n","z":null,"a":true,"b":{"k":"v"}})");
    CHECK(req.remove_extra("z"));
    CHECK(!req.remove_extra("z"));
    req.clear_extra();
    CHECK(req.extra_count() == 0);

    CHECK(cs::category_name(CONNECT_SESSION_CATEGORY_HRIS_LEGACY) == "hris-legacy");
    CHECK(cs::category_from_name("stackOne") == CONNECT_SESSION_CATEGORY_STACKONE);
    EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, (void)cs::category_from_name("hirs"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_ARGUMENT, (void)cs::category_name(static_cast<cs::Category>(99)));
}

// A setter that throws changes nothing, the views handed out included.
static void test_failed_change_keeps_views() {
    cs::ConnectSessionCreate req("owner-1", "Acme");
    req.set_label("label-1");
    const std::string_view label = *req.label();
    const std::string_view owner = req.origin_owner_id();
    EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, req.set_expires_in(-5));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_UTF8, req.set_label("\xff"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_TYPE, req.set_field_json("label", "7"));
    CHECK(label == "label-1"sv && owner == "owner-1"sv);
    CHECK(req.origin_owner_id().data() == owner.data());
}

// The endpoint's other models (contract section 9): the same wrapper, made from the same table.
static void test_responses() {
    static_assert(!std::is_copy_constructible_v<cs::ConnectSessionTokenAuthLink>);
    static_assert(std::is_nothrow_move_constructible_v<cs::ConnectSession>);
    static_assert(std::is_nothrow_move_assignable_v<cs::ConnectSessionAuthenticate>);

    cs::ConnectSessionAuthenticate auth("cst_1");
    CHECK(auth.to_json() == R"({"token":"cst_1"})");
    CHECK(cs::ConnectSessionAuthenticate::from_json(auth.to_json()) == auth);
    EXPECT_ERROR(CONNECT_SESSION_INVALID_UTF8, (void)cs::ConnectSessionAuthenticate("\xff"));
    EXPECT_ERROR(CONNECT_SESSION_MISSING_FIELD, (void)cs::ConnectSessionAuthenticate::from_json("{}"));

    // A leap day, a fraction and the largest offset: the text is kept as given.
    cs::ConnectSessionTokenAuthLink link("https://hub.example/?t=1", "2024-02-29T12:00:00.500+14:00", INT64_MIN,
                                         "org", "owner-1", "Acme", "proj", "cst_1");
    CHECK(link.created_at() == "2024-02-29T12:00:00.500+14:00"sv);
    const cs::Instant when = link.created_at_time();
    CHECK(when.unix_seconds == 1709157600 && when.nanoseconds == 500000000 && when.offset_minutes == 14 * 60);
    CHECK(link.id() == INT64_MIN);
    link.set_metadata(R"({"price":1.50,"n":12345678901234567890123})");
    CHECK(link.to_json() ==
          R"({"auth_link_url":"https://hub.example/?t=1","created_at":"2024-02-29T12:00:00.500+14:00",)"
          R"("id":-9223372036854775808,"metadata":{"price":1.50,"n":12345678901234567890123},)"
          R"("organization_id":"org","origin_owner_id":"owner-1","origin_owner_name":"Acme",)"
          R"("project_id":"proj","token":"cst_1"})");
    CHECK(cs::ConnectSessionTokenAuthLink::from_json_strict(link.to_json()) == link);
    CHECK(link.clone() == link);

    // A refused change leaves the field as it was.
    EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, link.set_created_at("2024-02-30T00:00:00Z"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, link.set_created_at("2024-02-29T12:00:00"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_ARGUMENT, link.set_created_at_time({0, 0, 24 * 60}));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_ARGUMENT, link.set_created_at_time({0, 1000000000, 0}));
    CHECK(link.created_at() == "2024-02-29T12:00:00.500+14:00"sv);
    link.set_created_at_time({0, 0, -12 * 60});
    CHECK(link.created_at() == "1969-12-31T12:00:00-12:00"sv);
    link.set_id(INT64_MAX);
    CHECK(link.id() == INT64_MAX);
    EXPECT_ERROR(CONNECT_SESSION_INVALID_TYPE, link.set_field_json("id", "7.0"));
    EXPECT_ERROR(CONNECT_SESSION_INVALID_VALUE, link.set_field_json("id", "9223372036854775808"));
    CHECK(link.id() == INT64_MAX);

    auto session = cs::ConnectSession::from_json(
        R"({"created_at":"2024-12-02T04:42:35.999z","id":7,"organization_id":"org","origin_owner_id":"o",)"
        R"("origin_owner_name":"n","project_id":"p","zz":[1.0]})");
    CHECK(session.created_at() == "2024-12-02T04:42:35.999z"sv);
    CHECK(session.extra_count() == 1 && session.extra_at(0).second == "[1.0]"sv);
    EXPECT_ERROR(CONNECT_SESSION_UNKNOWN_FIELD,
                 (void)cs::ConnectSession::from_json_strict(R"({"created_at":"2024-12-02T04:42:35Z","id":7,)"
                                                      R"("organization_id":"org","origin_owner_id":"o",)"
                                                      R"("origin_owner_name":"n","project_id":"p","zz":1})"));
}

int main() {
    test_types();
    try {
        test_build_and_read();
        test_v2_fields();
        test_errors();
        test_ownership();
        test_extras_and_categories();
        test_failed_change_keeps_views();
        test_responses();
    } catch (const cs::Error &e) {
        ++failed;
        std::fprintf(stderr, "unexpected %s: %s\n", std::string(e.status_name()).c_str(), e.what());
    }
    std::printf("test_wrapper: %lu passed, %lu failed\n", passed, failed);
    return failed == 0 && passed > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
