/*
 * test_api.c: every function of connect_session.h, used right and misused:
 * NULL pointers, invalid UTF-8, bad indexes and enumerators, interior NULs,
 * undersized buffers, and the last-error rules.
 *
 * Built with -DEXPECTED_VERSION="x.y.z" (the workspace version).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "check.h"

#ifndef EXPECTED_VERSION
#error "build with -DEXPECTED_VERSION=\"x.y.z\""
#endif

/* An address the library must never write through or keep. */
static char sentinel_byte;
#define SENTINEL_HANDLE ((ConnectSessionCreate *)(void *)&sentinel_byte)
#define SENTINEL_HANDLE_OF(type) ((type *)(void *)&sentinel_byte)
#define SENTINEL_TEXT ((const char *)&sentinel_byte)

static const uint8_t BAD_UTF8[] = {'a', 0xff, 'b'};

static ConnectSessionCreate *new_request(void) {
    ConnectSessionCreate *req = NULL;
    CHECK_OK(connect_session_create_new(BYTES("owner-1"), BYTES("Acme"), &req));
    CHECK(req != NULL);
    return req;
}

/* The canonical JSON of `req`, compared with `want`. */
static int json_is(const ConnectSessionCreate *req, const char *want) {
    char *json = NULL;
    size_t len = 0;
    int same;
    if (connect_session_create_to_json(req, &json, &len) != CONNECT_SESSION_OK) {
        return 0;
    }
    same = len == strlen(want) && memcmp(json, want, len) == 0 && json[len] == '\0';
    if (!same) {
        fprintf(stderr, "  to_json: %.*s\n  expected: %s\n", (int)len, json, want);
    }
    connect_session_string_free(json);
    return same;
}

static void test_version_and_status_names(void) {
    const char *v = connect_session_version();
    char from_macros[64];
    CHECK(v != NULL && strcmp(v, EXPECTED_VERSION) == 0);
    /* The header's macros: the workspace version, and the library's. */
    CHECK(strcmp(CONNECT_SESSION_VERSION, EXPECTED_VERSION) == 0);
    CHECK(v != NULL && strcmp(v, CONNECT_SESSION_VERSION) == 0);
    snprintf(from_macros, sizeof from_macros, "%d.%d.%d", CONNECT_SESSION_VERSION_MAJOR,
             CONNECT_SESSION_VERSION_MINOR, CONNECT_SESSION_VERSION_PATCH);
    CHECK(strncmp(from_macros, EXPECTED_VERSION, strlen(from_macros)) == 0);
    CHECK(strlen(EXPECTED_VERSION) == strlen(from_macros) || EXPECTED_VERSION[strlen(from_macros)] == '-');
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_OK), "ok") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_SYNTAX), "syntax") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_MISSING_FIELD), "missing_field") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_INVALID_TYPE), "invalid_type") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_INVALID_VALUE), "invalid_value") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_UNKNOWN_FIELD), "unknown_field") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_DUPLICATE_KEY), "duplicate_key") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_TOO_DEEP), "too_deep") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_NULL_ARGUMENT), "null_argument") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_INVALID_UTF8), "invalid_utf8") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_INDEX_OUT_OF_RANGE), "index_out_of_range") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_BUFFER_TOO_SMALL), "buffer_too_small") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_INVALID_ARGUMENT), "invalid_argument") == 0);
    CHECK(strcmp(connect_session_status_name(CONNECT_SESSION_INTERNAL), "internal") == 0);
    CHECK(strcmp(connect_session_status_name(-1), "unknown") == 0);
    CHECK(strcmp(connect_session_status_name(8), "unknown") == 0);
    CHECK(strcmp(connect_session_status_name(99999), "unknown") == 0);
    /* Pinned numbers (docs/contract.md, section 6). */
    CHECK(CONNECT_SESSION_OK == 0);
    CHECK(CONNECT_SESSION_SYNTAX == 1 && CONNECT_SESSION_TOO_DEEP == 7);
    CHECK(CONNECT_SESSION_NULL_ARGUMENT == 100 && CONNECT_SESSION_INTERNAL == 200);
    /* Categories: the six of version 1 keep their numbers, the rest follow. */
    CHECK(CONNECT_SESSION_CATEGORY_ATS == 0 && CONNECT_SESSION_CATEGORY_MARKETING == 4 &&
          CONNECT_SESSION_CATEGORY_STACKONE == 5);
    CHECK(CONNECT_SESSION_CATEGORY_IAM == 6 && CONNECT_SESSION_CATEGORY_LMS == 7 &&
          CONNECT_SESSION_CATEGORY_DOCUMENTS == 8 && CONNECT_SESSION_CATEGORY_TICKETING == 9 &&
          CONNECT_SESSION_CATEGORY_SCREENING == 10 && CONNECT_SESSION_CATEGORY_MESSAGING == 11 &&
          CONNECT_SESSION_CATEGORY_ACCOUNTING == 12 && CONNECT_SESSION_CATEGORY_SCHEDULING == 13);
    CHECK(CONNECT_SESSION_TYPE_PRODUCTION == 0 && CONNECT_SESSION_TYPE_TEST == 1 && CONNECT_SESSION_TYPE_OTHER == 2);
}

static void test_last_error_buffers(void) {
    ConnectSessionCreate *req = SENTINEL_HANDLE;
    char buf[256];
    size_t len = 12345, need = 0, json_need = 0;
    const char *msg = "json is NULL";
    const char *json = "[{\"type\":\"null_argument\",\"loc\":[],\"msg\":\"json is NULL\"}]";

    /* After a success: empty message, empty list. */
    connect_session_create_free(new_request());
    CHECK(last_message_is(""));
    CHECK(last_json_is("[]"));
    CHECK_OK(connect_session_last_error_message(NULL, 0, &len));
    CHECK(len == 0);

    CHECK_STATUS(connect_session_create_from_json(NULL, 3, &req), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(req == SENTINEL_HANDLE);

    /* Size query, then too small by one: nothing written, size reported. */
    CHECK_STATUS(connect_session_last_error_message(NULL, 0, &need), CONNECT_SESSION_BUFFER_TOO_SMALL);
    CHECK(need == strlen(msg));
    memset(buf, 'x', sizeof buf);
    len = 0;
    CHECK_STATUS(connect_session_last_error_message(buf, need - 1, &len), CONNECT_SESSION_BUFFER_TOO_SMALL);
    CHECK(len == need);
    CHECK(buf[0] == 'x' && buf[need - 2] == 'x');

    /* Exactly the size: the text, and no NUL. */
    len = 0;
    CHECK_OK(connect_session_last_error_message(buf, need, &len));
    CHECK(len == need && memcmp(buf, msg, need) == 0 && buf[need] == 'x');

    /* Room for the NUL: it is written. */
    CHECK_OK(connect_session_last_error_message(buf, sizeof buf, &len));
    CHECK(len == need && buf[need] == '\0' && strcmp(buf, msg) == 0);

    /* The JSON reader follows the same rules. */
    CHECK_STATUS(connect_session_last_error_json(NULL, 0, &json_need), CONNECT_SESSION_BUFFER_TOO_SMALL);
    CHECK(json_need == strlen(json));
    buf[0] = 'x';
    CHECK_STATUS(connect_session_last_error_json(buf, 1, &len), CONNECT_SESSION_BUFFER_TOO_SMALL);
    CHECK(len == json_need && buf[0] == 'x');
    CHECK_OK(connect_session_last_error_json(buf, json_need + 1, &len));
    CHECK(len == json_need && strcmp(buf, json) == 0);

    /* Misusing a reader neither clears nor replaces the error. */
    CHECK_STATUS(connect_session_last_error_message(buf, sizeof buf, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_last_error_message(NULL, 10, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_last_error_json(NULL, 10, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_last_error_json(buf, sizeof buf, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is(msg));

    /* So do the functions that cannot fail. */
    connect_session_create_free(NULL);
    connect_session_string_free(NULL);
    CHECK(connect_session_version() != NULL);
    CHECK(connect_session_status_name(0) != NULL);
    CHECK(last_message_is(msg));
    CHECK(last_json_is(json));

    /* A validation failure replaces it with the core's list. */
    CHECK_STATUS(connect_session_create_from_json(BYTES("{\"origin_owner_id\":\"o\"}"), &req),
                 CONNECT_SESSION_MISSING_FIELD);
    CHECK(last_json_has("[{\"type\":\"missing_field\",\"loc\":[\"origin_owner_name\"],\"msg\":\"", "}]"));
    CHECK(req == SENTINEL_HANDLE);

    /* The next fallible call clears it on entry. */
    connect_session_create_free(new_request());
    CHECK(last_message_is(""));
    CHECK(last_json_is("[]"));
}

static void test_new_and_text_inputs(void) {
    ConnectSessionCreate *req = SENTINEL_HANDLE;
    const char *ptr = NULL;
    size_t len = 0;
    static const uint8_t with_nul[] = {'a', 0, 'b'};

    CHECK_STATUS(connect_session_create_new(NULL, 3, BYTES("n"), &req), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("origin_owner_id is NULL"));
    CHECK(last_json_is("[{\"type\":\"null_argument\",\"loc\":[],\"msg\":\"origin_owner_id is NULL\"}]"));
    CHECK_STATUS(connect_session_create_new(BYTES("o"), NULL, 1, &req), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("origin_owner_name is NULL"));
    CHECK_STATUS(connect_session_create_new(BYTES("o"), BYTES("n"), NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_request is NULL"));
    CHECK_STATUS(connect_session_create_new(BAD_UTF8, sizeof BAD_UTF8, BYTES("n"), &req),
                 CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(connect_session_create_new(BYTES("o"), BAD_UTF8, sizeof BAD_UTF8, &req),
                 CONNECT_SESSION_INVALID_UTF8);
    CHECK(last_message_is("origin_owner_name is not valid UTF-8: invalid utf-8 sequence of 1 bytes from index 1"));
    CHECK_STATUS(connect_session_create_new(BYTES("o"), (const uint8_t *)"n", SIZE_MAX, &req),
                 CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK(req == SENTINEL_HANDLE);

    /* (NULL, 0) is the empty string. */
    CHECK_OK(connect_session_create_new(NULL, 0, NULL, 0, &req));
    CHECK(json_is(req, "{\"origin_owner_id\":\"\",\"origin_owner_name\":\"\"}"));
    connect_session_create_free(req);

    /* Interior NULs are kept, in and out. */
    req = NULL;
    CHECK_OK(connect_session_create_new(with_nul, sizeof with_nul, BYTES("n\xc3\xa9"), &req));
    CHECK_OK(connect_session_create_get_origin_owner_id(req, &ptr, &len));
    CHECK(bytes_equal(ptr, len, "a\0b", 3));
    CHECK_OK(connect_session_create_get_origin_owner_name(req, &ptr, &len));
    CHECK(bytes_equal(ptr, len, "n\xc3\xa9", 3));
    CHECK(json_is(req, "{\"origin_owner_id\":\"a\\u0000b\",\"origin_owner_name\":\"n\xc3\xa9\"}"));
    connect_session_create_free(req);
}

static void test_from_json(void) {
    ConnectSessionCreate *req = SENTINEL_HANDLE;
    static const uint8_t bad_utf8_doc[] = "{\"origin_owner_id\":\"\xff\",\"origin_owner_name\":\"n\"}";
    const char *doc = "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"beta\":true}";

    CHECK_STATUS(connect_session_create_from_json(NULL, 5, &req), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("json is NULL"));
    CHECK_STATUS(connect_session_create_from_json(BYTES("{}"), NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_request is NULL"));
    CHECK_STATUS(connect_session_create_from_json_strict(NULL, 1, &req), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_from_json_strict(BYTES("{}"), NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_from_json((const uint8_t *)"{", SIZE_MAX, &req),
                 CONNECT_SESSION_INVALID_ARGUMENT);
    /* (NULL, 0) is an empty document: a syntax error, not a NULL argument. */
    CHECK_STATUS(connect_session_create_from_json(NULL, 0, &req), CONNECT_SESSION_SYNTAX);
    /* JSON text is not checked as UTF-8 by the C layer: the parser reports it. */
    CHECK_STATUS(connect_session_create_from_json(bad_utf8_doc, sizeof bad_utf8_doc - 1, &req),
                 CONNECT_SESSION_SYNTAX);
    CHECK_STATUS(connect_session_create_from_json(BYTES("[{}]"), &req), CONNECT_SESSION_SYNTAX);
    CHECK(req == SENTINEL_HANDLE);

    /* Every problem is listed; the status is the first one's kind. */
    CHECK_STATUS(connect_session_create_from_json(BYTES("{\"origin_owner_name\":\"Acme\",\"categories\":[\"hirs\"]}"), &req),
                 CONNECT_SESSION_INVALID_VALUE);
    CHECK(last_json_has("[{\"type\":\"invalid_value\",\"loc\":[\"categories\",0],\"msg\":\"",
                        "},{\"type\":\"missing_field\",\"loc\":[\"origin_owner_id\"],\"msg\":\""));

    /* Strict mode refuses extra keys; the default keeps them. */
    CHECK_STATUS(connect_session_create_from_json_strict((const uint8_t *)doc, strlen(doc), &req),
                 CONNECT_SESSION_UNKNOWN_FIELD);
    CHECK(req == SENTINEL_HANDLE);
    CHECK_OK(connect_session_create_from_json((const uint8_t *)doc, strlen(doc), &req));
    CHECK(json_is(req, doc));
    connect_session_create_free(req);
    req = NULL;
    CHECK_OK(connect_session_create_from_json_strict(BYTES("{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\"}"), &req));
    connect_session_create_free(req);
}

static void test_to_json_clone_equals(void) {
    ConnectSessionCreate *req = new_request(), *copy = SENTINEL_HANDLE;
    char *json = (char *)SENTINEL_TEXT;
    size_t len = 777;
    bool equal = false;
    const char *pretty = "{\n  \"origin_owner_id\": \"owner-1\",\n  \"origin_owner_name\": \"Acme\"\n}";

    CHECK_STATUS(connect_session_create_to_json(NULL, &json, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("request is NULL"));
    CHECK_STATUS(connect_session_create_to_json(req, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_json is NULL"));
    CHECK_STATUS(connect_session_create_to_json(req, &json, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_json_len is NULL"));
    CHECK_STATUS(connect_session_create_to_json_pretty(NULL, &json, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_to_json_pretty(req, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_to_json_pretty(req, &json, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(json == SENTINEL_TEXT && len == 777);

    CHECK_OK(connect_session_create_to_json_pretty(req, &json, &len));
    CHECK(len == strlen(pretty) && strcmp(json, pretty) == 0);
    connect_session_string_free(json);

    CHECK_STATUS(connect_session_create_clone(NULL, &copy), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_clone(req, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_copy is NULL"));
    CHECK(copy == SENTINEL_HANDLE);
    CHECK_OK(connect_session_create_clone(req, &copy));
    CHECK(copy != req);

    CHECK_STATUS(connect_session_create_equals(NULL, req, &equal), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("a is NULL"));
    CHECK_STATUS(connect_session_create_equals(req, NULL, &equal), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("b is NULL"));
    CHECK_STATUS(connect_session_create_equals(req, copy, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_equal is NULL"));
    CHECK_OK(connect_session_create_equals(req, copy, &equal));
    CHECK(equal);
    CHECK_OK(connect_session_create_equals(req, req, &equal));
    CHECK(equal);

    /* The copy is independent. */
    CHECK_OK(connect_session_create_set_provider(copy, BYTES("hibob")));
    CHECK_OK(connect_session_create_equals(req, copy, &equal));
    CHECK(!equal);
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));

    connect_session_create_free(copy);
    connect_session_create_free(req);
}

static void test_categories(void) {
    ConnectSessionCreate *req = new_request();
    bool is_set = true;
    size_t count = 99, len = 0;
    ConnectSessionCategory c = CONNECT_SESSION_CATEGORY_CRM;
    const char *name = NULL;
    const uint32_t list[] = {CONNECT_SESSION_CATEGORY_STACKONE, CONNECT_SESSION_CATEGORY_ATS,
                             CONNECT_SESSION_CATEGORY_STACKONE};
    const uint32_t bad_list[] = {CONNECT_SESSION_CATEGORY_ATS, 14};
    uint32_t i;

    CHECK_OK(connect_session_create_get_categories_count(req, &is_set, &count));
    CHECK(!is_set && count == 0);
    CHECK_STATUS(connect_session_create_get_category(req, 0, &c), CONNECT_SESSION_INDEX_OUT_OF_RANGE);
    CHECK(c == CONNECT_SESSION_CATEGORY_CRM);

    CHECK_OK(connect_session_create_set_categories(req, list, 3));
    CHECK_OK(connect_session_create_get_categories_count(req, &is_set, &count));
    CHECK(is_set && count == 3);
    CHECK_OK(connect_session_create_get_category(req, 0, &c));
    CHECK(c == CONNECT_SESSION_CATEGORY_STACKONE);
    CHECK_OK(connect_session_create_get_category(req, 1, &c));
    CHECK(c == CONNECT_SESSION_CATEGORY_ATS);
    CHECK_STATUS(connect_session_create_get_category(req, 3, &c), CONNECT_SESSION_INDEX_OUT_OF_RANGE);
    CHECK(last_message_is("index 3 is out of range: categories has 3 item(s)"));
    CHECK_STATUS(connect_session_create_get_category(req, SIZE_MAX, &c), CONNECT_SESSION_INDEX_OUT_OF_RANGE);
    CHECK(c == CONNECT_SESSION_CATEGORY_ATS);

    /* A bad enumerator changes nothing. */
    CHECK_STATUS(connect_session_create_set_categories(req, bad_list, 2), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK(last_message_is("categories[1] 14 is not a ConnectSessionCategory (0 to 13)"));
    CHECK_STATUS(connect_session_create_add_category(req, 14), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK_STATUS(connect_session_create_add_category(req, UINT32_MAX), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK(json_is(req, "{\"categories\":[\"stackone\",\"ats\",\"stackone\"],\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));

    CHECK_OK(connect_session_create_add_category(req, CONNECT_SESSION_CATEGORY_HRIS_LEGACY));
    CHECK(json_is(req, "{\"categories\":[\"stackone\",\"ats\",\"stackone\",\"hris-legacy\"],\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));

    /* The whole list in one call: size query, too small (nothing written), exact. */
    {
        ConnectSessionCategory all[5] = {99, 99, 99, 99, 99};
        len = 12345;
        CHECK_STATUS(connect_session_create_get_categories(req, NULL, 0, &len), CONNECT_SESSION_BUFFER_TOO_SMALL);
        CHECK(len == 4);
        CHECK(last_message_is("buf holds 0 categories; the request has 4"));
        len = 0;
        CHECK_STATUS(connect_session_create_get_categories(req, all, 3, &len), CONNECT_SESSION_BUFFER_TOO_SMALL);
        CHECK(len == 4 && all[0] == 99 && all[2] == 99);
        len = 0;
        CHECK_OK(connect_session_create_get_categories(req, all, 5, &len));
        CHECK(len == 4 && all[0] == CONNECT_SESSION_CATEGORY_STACKONE && all[1] == CONNECT_SESSION_CATEGORY_ATS &&
              all[2] == CONNECT_SESSION_CATEGORY_STACKONE && all[3] == CONNECT_SESSION_CATEGORY_HRIS_LEGACY);
        CHECK(all[4] == 99);
        CHECK_STATUS(connect_session_create_get_categories(NULL, all, 5, &len), CONNECT_SESSION_NULL_ARGUMENT);
        CHECK_STATUS(connect_session_create_get_categories(req, NULL, 5, &len), CONNECT_SESSION_NULL_ARGUMENT);
        CHECK(last_message_is("buf is NULL"));
        CHECK_STATUS(connect_session_create_get_categories(req, all, 5, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    }

    /* NULLs. */
    CHECK_STATUS(connect_session_create_get_categories_count(NULL, &is_set, &count), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_categories_count(req, NULL, &count), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_is_set is NULL"));
    CHECK_STATUS(connect_session_create_get_categories_count(req, &is_set, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_count is NULL"));
    CHECK_STATUS(connect_session_create_get_category(NULL, 0, &c), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_category(req, 0, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_categories(NULL, list, 1), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_categories(req, NULL, 1), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("categories is NULL"));
    CHECK_STATUS(connect_session_create_add_category(NULL, 0), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_clear_categories(NULL), CONNECT_SESSION_NULL_ARGUMENT);

    /* (NULL, 0) sets the empty list, which is not the same as unset. */
    CHECK_OK(connect_session_create_set_categories(req, NULL, 0));
    CHECK_OK(connect_session_create_get_categories_count(req, &is_set, &count));
    CHECK(is_set && count == 0);
    CHECK(json_is(req, "{\"categories\":[],\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    CHECK_OK(connect_session_create_clear_categories(req));
    CHECK_OK(connect_session_create_get_categories_count(req, &is_set, &count));
    CHECK(!is_set && count == 0);
    len = 99;
    CHECK_OK(connect_session_create_get_categories(req, NULL, 0, &len)); /* unset: 0, OK */
    CHECK(len == 0);

    /* add on an unset list creates it. */
    CHECK_OK(connect_session_create_add_category(req, CONNECT_SESSION_CATEGORY_MARKETING));
    CHECK(json_is(req, "{\"categories\":[\"marketing\"],\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));

    /* Names, both ways, for every enumerator. */
    for (i = CONNECT_SESSION_CATEGORY_ATS; i <= CONNECT_SESSION_CATEGORY_SCHEDULING; i++) {
        ConnectSessionCategory back = 99;
        CHECK_OK(connect_session_category_name(i, &name, &len));
        CHECK(name != NULL && name[len] == '\0' && strlen(name) == len);
        CHECK_OK(connect_session_category_from_name((const uint8_t *)name, len, &back));
        CHECK(back == i);
    }
    CHECK_OK(connect_session_category_name(CONNECT_SESSION_CATEGORY_HRIS_LEGACY, &name, &len));
    CHECK(bytes_equal(name, len, "hris-legacy", 11));
    CHECK_OK(connect_session_category_from_name(BYTES("stackOne"), &c));
    CHECK(c == CONNECT_SESSION_CATEGORY_STACKONE);
    CHECK_OK(connect_session_category_from_name(BYTES("hrisLegacy"), &c));
    CHECK(c == CONNECT_SESSION_CATEGORY_HRIS_LEGACY);
    CHECK_STATUS(connect_session_category_from_name(BYTES("hirs"), &c), CONNECT_SESSION_INVALID_VALUE);
    /* The core's message: names the input and suggests the close value. */
    CHECK(last_json_has("[{\"type\":\"invalid_value\",\"loc\":[],\"msg\":\"", "hirs"));
    CHECK(last_json_has("[{\"type\":\"invalid_value\"", "\\\"hris\\\""));
    CHECK_STATUS(connect_session_category_from_name(NULL, 0, &c), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_category_from_name(NULL, 2, &c), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_category_from_name(BYTES("ats"), NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_category_from_name(BAD_UTF8, sizeof BAD_UTF8, &c), CONNECT_SESSION_INVALID_UTF8);
    CHECK(c == CONNECT_SESSION_CATEGORY_HRIS_LEGACY);
    CHECK_STATUS(connect_session_category_name(14, &name, &len), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK_STATUS(connect_session_category_name(0, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_category_name(0, &name, NULL), CONNECT_SESSION_NULL_ARGUMENT);

    connect_session_create_free(req);
}

static void test_expires_in(void) {
    ConnectSessionCreate *req = new_request();
    bool is_set = true;
    double seconds = -1;

    CHECK_OK(connect_session_create_get_expires_in(req, &is_set, &seconds));
    CHECK(!is_set && seconds == 0);
    CHECK_OK(connect_session_create_get_effective_expires_in(req, &seconds));
    CHECK(seconds == 1800);

    CHECK_STATUS(connect_session_create_set_expires_in(req, 0), CONNECT_SESSION_INVALID_VALUE);
    CHECK(last_json_has("[{\"type\":\"invalid_value\",\"loc\":[\"expires_in\"],\"msg\":\"", "\"}]"));
    CHECK_STATUS(connect_session_create_set_expires_in(req, -5), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_create_set_expires_in(req, NAN), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_create_set_expires_in(req, HUGE_VAL), CONNECT_SESSION_INVALID_VALUE);
    CHECK_OK(connect_session_create_get_expires_in(req, &is_set, &seconds));
    CHECK(!is_set);

    CHECK_OK(connect_session_create_set_expires_in(req, 0.5));
    CHECK_OK(connect_session_create_get_expires_in(req, &is_set, &seconds));
    CHECK(is_set && seconds == 0.5);
    CHECK(json_is(req, "{\"expires_in\":0.5,\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    CHECK_OK(connect_session_create_set_expires_in(req, DBL_MAX));
    CHECK(json_is(req, "{\"expires_in\":1.7976931348623157e+308,\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    CHECK_OK(connect_session_create_get_effective_expires_in(req, &seconds));
    CHECK(seconds == DBL_MAX);
    CHECK_OK(connect_session_create_clear_expires_in(req));
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));

    CHECK_STATUS(connect_session_create_get_expires_in(NULL, &is_set, &seconds), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_expires_in(req, NULL, &seconds), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_expires_in(req, &is_set, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_seconds is NULL"));
    CHECK_STATUS(connect_session_create_get_effective_expires_in(NULL, &seconds), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_effective_expires_in(req, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_expires_in(NULL, 1), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_clear_expires_in(NULL), CONNECT_SESSION_NULL_ARGUMENT);

    connect_session_create_free(req);
}

static void test_metadata(void) {
    ConnectSessionCreate *req = new_request();
    bool is_set = true;
    const char *ptr = SENTINEL_TEXT;
    size_t len = 5;
    const char *kept = "{\"n\":12345678901234567890123,\"f\":1.50,\"e\":1E2,\"s\":\"a\\u0000b\"}";

    CHECK_OK(connect_session_create_get_metadata(req, &is_set, &ptr, &len));
    CHECK(!is_set && ptr == NULL && len == 0);

    CHECK_OK(connect_session_create_set_metadata(req, BYTES("{ \"n\" : 12345678901234567890123, \"f\": 1.50, \"e\": 1E2, \"s\": \"a\\u0000b\" }")));
    CHECK_OK(connect_session_create_get_metadata(req, &is_set, &ptr, &len));
    CHECK(is_set && bytes_equal(ptr, len, kept, strlen(kept)));
    CHECK(strcmp(ptr, kept) == 0); /* NUL-terminated: a C string */

    /* Refused metadata changes nothing. */
    CHECK_STATUS(connect_session_create_set_metadata(req, BYTES("[1]")), CONNECT_SESSION_INVALID_TYPE);
    CHECK(last_json_has("[{\"type\":\"invalid_type\",\"loc\":[\"metadata\"],\"msg\":\"", "\"}]"));
    CHECK_STATUS(connect_session_create_set_metadata(req, BYTES("{\"a\":1,\"a\":2}")), CONNECT_SESSION_DUPLICATE_KEY);
    CHECK_STATUS(connect_session_create_set_metadata(req, BYTES("{")), CONNECT_SESSION_SYNTAX);
    CHECK_STATUS(connect_session_create_set_metadata(req, BAD_UTF8, sizeof BAD_UTF8), CONNECT_SESSION_SYNTAX);
    CHECK_STATUS(connect_session_create_set_metadata(req, NULL, 0), CONNECT_SESSION_SYNTAX);
    CHECK_OK(connect_session_create_get_metadata(req, &is_set, &ptr, &len));
    CHECK(is_set && bytes_equal(ptr, len, kept, strlen(kept)));

    CHECK_STATUS(connect_session_create_get_metadata(NULL, &is_set, &ptr, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_metadata(req, NULL, &ptr, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_metadata(req, &is_set, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_value is NULL"));
    CHECK_STATUS(connect_session_create_get_metadata(req, &is_set, &ptr, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_value_len is NULL"));
    CHECK_STATUS(connect_session_create_set_metadata(NULL, BYTES("{}")), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_metadata(req, NULL, 2), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("json is NULL"));
    CHECK_STATUS(connect_session_create_clear_metadata(NULL), CONNECT_SESSION_NULL_ARGUMENT);

    CHECK_OK(connect_session_create_clear_metadata(req));
    CHECK_OK(connect_session_create_get_metadata(req, &is_set, &ptr, &len));
    CHECK(!is_set && ptr == NULL && len == 0);
    connect_session_create_free(req);
}

typedef ConnectSessionStatus (*required_getter)(const ConnectSessionCreate *, const char **, size_t *);
typedef ConnectSessionStatus (*optional_getter)(const ConnectSessionCreate *, bool *, const char **, size_t *);
typedef ConnectSessionStatus (*text_setter)(ConnectSessionCreate *, const uint8_t *, size_t);
typedef ConnectSessionStatus (*clearer)(ConnectSessionCreate *);

static void check_required_text(required_getter get, text_setter set) {
    ConnectSessionCreate *req = new_request();
    const char *ptr = SENTINEL_TEXT;
    size_t len = 5;
    static const uint8_t with_nul[] = {'x', 0, 'y', 0};

    CHECK_OK(set(req, with_nul, sizeof with_nul));
    CHECK_OK(get(req, &ptr, &len));
    CHECK(bytes_equal(ptr, len, "x\0y\0", 4));
    CHECK(ptr[len] == '\0'); /* terminated after the length, interior NULs or not */
    CHECK_STATUS(set(req, BAD_UTF8, sizeof BAD_UTF8), CONNECT_SESSION_INVALID_UTF8);
    CHECK(last_message_is("value is not valid UTF-8: invalid utf-8 sequence of 1 bytes from index 1"));
    CHECK_STATUS(set(req, NULL, 1), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("value is NULL"));
    CHECK_STATUS(set(NULL, BYTES("v")), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_OK(get(req, &ptr, &len));
    CHECK(bytes_equal(ptr, len, "x\0y\0", 4));
    CHECK_OK(set(req, NULL, 0));
    CHECK_OK(get(req, &ptr, &len));
    CHECK(len == 0);
    ptr = SENTINEL_TEXT;
    len = 5;
    CHECK_STATUS(get(NULL, &ptr, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(get(req, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(get(req, &ptr, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(ptr == SENTINEL_TEXT && len == 5);
    connect_session_create_free(req);
}

static void check_optional_text(optional_getter get, text_setter set, clearer clear, const char *key) {
    ConnectSessionCreate *req = new_request();
    const char *ptr = SENTINEL_TEXT;
    size_t len = 5;
    bool is_set = true;
    char want[128];

    CHECK_OK(get(req, &is_set, &ptr, &len));
    CHECK(!is_set && ptr == NULL && len == 0);
    CHECK_OK(set(req, BYTES("caf\xc3\xa9")));
    CHECK_OK(get(req, &is_set, &ptr, &len));
    CHECK(is_set && bytes_equal(ptr, len, "caf\xc3\xa9", 5));
    /* A view is a C string too: "%s" and strlen stop at its end (valgrind and
     * ASan watch these reads). */
    CHECK(ptr[len] == '\0' && strlen(ptr) == len);
    snprintf(want, sizeof want, "%s", ptr);
    CHECK(strcmp(want, "caf\xc3\xa9") == 0);
    {
        /* Asking again gives the same view; it stays valid next to others. */
        const char *again = NULL, *owner = NULL;
        size_t again_len = 0, owner_len = 0;
        CHECK_OK(connect_session_create_get_origin_owner_id(req, &owner, &owner_len));
        CHECK_OK(get(req, &is_set, &again, &again_len));
        CHECK(again == ptr && again_len == len && strcmp(owner, "owner-1") == 0 && strcmp(ptr, again) == 0);
    }
    /* Known keys are written in the order of their names. */
    if (strcmp(key, "origin_owner_id") < 0) {
        snprintf(want, sizeof want, "{\"%s\":\"caf\xc3\xa9\",\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}", key);
    } else {
        snprintf(want, sizeof want, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"%s\":\"caf\xc3\xa9\"}", key);
    }
    CHECK(json_is(req, want));

    CHECK_STATUS(set(req, BAD_UTF8, sizeof BAD_UTF8), CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(set(req, NULL, 3), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(set(NULL, BYTES("v")), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(json_is(req, want));

    /* The empty string is set, not unset. */
    CHECK_OK(set(req, NULL, 0));
    CHECK_OK(get(req, &is_set, &ptr, &len));
    CHECK(is_set && len == 0);

    CHECK_STATUS(get(NULL, &is_set, &ptr, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(get(req, NULL, &ptr, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(get(req, &is_set, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(get(req, &is_set, &ptr, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(clear(NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_OK(clear(req));
    CHECK_OK(get(req, &is_set, &ptr, &len));
    CHECK(!is_set && ptr == NULL && len == 0);
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    connect_session_create_free(req);
}

static void test_text_fields(void) {
    check_required_text(connect_session_create_get_origin_owner_id, connect_session_create_set_origin_owner_id);
    check_required_text(connect_session_create_get_origin_owner_name, connect_session_create_set_origin_owner_name);
    check_optional_text(connect_session_create_get_origin_username, connect_session_create_set_origin_username,
                        connect_session_create_clear_origin_username, "origin_username");
    check_optional_text(connect_session_create_get_provider, connect_session_create_set_provider,
                        connect_session_create_clear_provider, "provider");
    check_optional_text(connect_session_create_get_account_id, connect_session_create_set_account_id,
                        connect_session_create_clear_account_id, "account_id");
    check_optional_text(connect_session_create_get_integration_id, connect_session_create_set_integration_id,
                        connect_session_create_clear_integration_id, "integration_id");
    check_optional_text(connect_session_create_get_label, connect_session_create_set_label,
                        connect_session_create_clear_label, "label");
    check_optional_text(connect_session_create_get_provider_version, connect_session_create_set_provider_version,
                        connect_session_create_clear_provider_version, "provider_version");
}

static void test_multiple(void) {
    ConnectSessionCreate *req = new_request();
    bool is_set = true, value = true;

    CHECK_OK(connect_session_create_get_multiple(req, &is_set, &value));
    CHECK(!is_set && !value);
    CHECK_OK(connect_session_create_set_multiple(req, true));
    CHECK_OK(connect_session_create_get_multiple(req, &is_set, &value));
    CHECK(is_set && value);
    CHECK(json_is(req, "{\"multiple\":true,\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    CHECK_OK(connect_session_create_set_multiple(req, false));
    CHECK(json_is(req, "{\"multiple\":false,\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    /* From JSON, only a boolean: 1 and "true" are the wrong type, and change nothing. */
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("multiple"), BYTES("1")), CONNECT_SESSION_INVALID_TYPE);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("multiple"), BYTES("\"true\"")), CONNECT_SESSION_INVALID_TYPE);
    CHECK(last_json_has("[{\"type\":\"invalid_type\",\"loc\":[\"multiple\"]", ""));
    CHECK_OK(connect_session_create_get_multiple(req, &is_set, &value));
    CHECK(is_set && !value);

    CHECK_STATUS(connect_session_create_get_multiple(NULL, &is_set, &value), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_multiple(req, NULL, &value), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_multiple(req, &is_set, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_multiple(NULL, true), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_clear_multiple(NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_OK(connect_session_create_clear_multiple(req));
    CHECK_OK(connect_session_create_get_multiple(req, &is_set, &value));
    CHECK(!is_set && !value);
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    connect_session_create_free(req);
}

static void test_type(void) {
    ConnectSessionCreate *req = new_request();
    bool is_set = true;
    ConnectSessionType kind = CONNECT_SESSION_TYPE_OTHER;
    const char *text = SENTINEL_TEXT;
    size_t len = 5;

    /* Unset: the enumerator is the server's default, the text (NULL, 0). */
    CHECK_OK(connect_session_create_get_type(req, &is_set, &kind));
    CHECK(!is_set && kind == CONNECT_SESSION_TYPE_PRODUCTION);
    CHECK_OK(connect_session_create_get_type_text(req, &is_set, &text, &len));
    CHECK(!is_set && text == NULL && len == 0);

    CHECK_OK(connect_session_create_set_type(req, BYTES("test")));
    CHECK_OK(connect_session_create_get_type(req, &is_set, &kind));
    CHECK(is_set && kind == CONNECT_SESSION_TYPE_TEST);
    CHECK_OK(connect_session_create_get_type_text(req, &is_set, &text, &len));
    CHECK(is_set && strcmp(text, "test") == 0 && len == 4);
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"type\":\"test\"}"));

    CHECK_OK(connect_session_create_set_type(req, BYTES("production")));
    CHECK_OK(connect_session_create_get_type(req, &is_set, &kind));
    CHECK(is_set && kind == CONNECT_SESSION_TYPE_PRODUCTION);

    /* The set is open: another string is kept exactly, case included. */
    CHECK_OK(connect_session_create_set_type(req, BYTES("PRODUCTION")));
    CHECK_OK(connect_session_create_get_type(req, &is_set, &kind));
    CHECK(is_set && kind == CONNECT_SESSION_TYPE_OTHER);
    CHECK_OK(connect_session_create_get_type_text(req, &is_set, &text, &len));
    CHECK(is_set && bytes_equal(text, len, "PRODUCTION", 10) && text[len] == '\0');
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"type\":\"PRODUCTION\"}"));

    CHECK_STATUS(connect_session_create_set_type(req, BAD_UTF8, sizeof BAD_UTF8), CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("type"), BYTES("1")), CONNECT_SESSION_INVALID_TYPE);
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"type\":\"PRODUCTION\"}"));
    CHECK_STATUS(connect_session_create_get_type(NULL, &is_set, &kind), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_type(req, &is_set, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_type_text(req, &is_set, NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_type(req, NULL, 1), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_clear_type(NULL), CONNECT_SESSION_NULL_ARGUMENT);

    CHECK_OK(connect_session_create_clear_type(req));
    CHECK_OK(connect_session_create_get_type_text(req, &is_set, &text, &len));
    CHECK(!is_set && text == NULL);
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}"));
    connect_session_create_free(req);
}

static void test_json_schema(void) {
    char *schema = (char *)SENTINEL_TEXT;
    size_t len = 0;

    CHECK_OK(connect_session_create_json_schema(&schema, &len));
    CHECK(schema != NULL && len > 100 && schema[len] == '\0' && strlen(schema) == len);
    CHECK(strstr(schema, "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"") != NULL);
    CHECK(strstr(schema, "\"scheduling\"") != NULL && strstr(schema, "\"provider\"") != NULL);
    connect_session_string_free(schema);
    CHECK_STATUS(connect_session_create_json_schema(NULL, &len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_json_schema(&schema, NULL), CONNECT_SESSION_NULL_ARGUMENT);
}

static void test_set_field_json(void) {
    ConnectSessionCreate *req = new_request();

    CHECK_OK(connect_session_create_set_field_json(req, BYTES("categories"), BYTES("[\"hrisLegacy\",\"crm\"]")));
    CHECK_OK(connect_session_create_set_field_json(req, BYTES("expires_in"), BYTES("1800.0")));
    CHECK_OK(connect_session_create_set_field_json(req, BYTES("provider"), BYTES("\"hibob\"")));
    CHECK(json_is(req, "{\"categories\":[\"hris-legacy\",\"crm\"],\"expires_in\":1800,\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"provider\":\"hibob\"}"));

    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("categories"), BYTES("[\"ats\",\"nope\"]")),
                 CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("origin_owner_id"), BYTES("null")),
                 CONNECT_SESSION_MISSING_FIELD);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("origin_owner_id"), BYTES("7")),
                 CONNECT_SESSION_INVALID_TYPE);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("beta"), BYTES("1")),
                 CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK(last_message_is("field \"beta\" is not a field of the model"));
    CHECK_STATUS(connect_session_create_set_field_json(req, BAD_UTF8, sizeof BAD_UTF8, BYTES("1")),
                 CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(connect_session_create_set_field_json(NULL, BYTES("provider"), BYTES("1")),
                 CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_field_json(req, NULL, 3, BYTES("1")), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("field is NULL"));
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("provider"), NULL, 3), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("json is NULL"));
    CHECK(json_is(req, "{\"categories\":[\"hris-legacy\",\"crm\"],\"expires_in\":1800,\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"provider\":\"hibob\"}"));

    /* null unsets an optional field. */
    CHECK_OK(connect_session_create_set_field_json(req, BYTES("expires_in"), BYTES("null")));
    CHECK_OK(connect_session_create_set_field_json(req, BYTES("categories"), BYTES("null")));
    CHECK(json_is(req, "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"provider\":\"hibob\"}"));
    connect_session_create_free(req);
}

static void test_extras(void) {
    ConnectSessionCreate *req = NULL;
    size_t count = 99, key_len = 0, json_len = 0;
    const char *key = SENTINEL_TEXT, *json = SENTINEL_TEXT;
    bool found = true, removed = true;

    CHECK_OK(connect_session_create_from_json(BYTES("{\"z\":null,\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"a\": [1, 2.50 ]}"), &req));
    CHECK_OK(connect_session_create_get_extra_count(req, &count));
    CHECK(count == 2);
    CHECK_OK(connect_session_create_get_extra_at(req, 0, &key, &key_len, &json, &json_len));
    CHECK(bytes_equal(key, key_len, "z", 1) && bytes_equal(json, json_len, "null", 4));
    CHECK_OK(connect_session_create_get_extra_at(req, 1, &key, &key_len, &json, &json_len));
    CHECK(bytes_equal(key, key_len, "a", 1) && bytes_equal(json, json_len, "[1,2.50]", 8));
    CHECK(strcmp(key, "a") == 0 && strcmp(json, "[1,2.50]") == 0); /* C strings too */
    key = SENTINEL_TEXT;
    CHECK_STATUS(connect_session_create_get_extra_at(req, 2, &key, &key_len, &json, &json_len),
                 CONNECT_SESSION_INDEX_OUT_OF_RANGE);
    CHECK(last_message_is("index 2 is out of range: the extra keys has 2 item(s)"));
    CHECK(key == SENTINEL_TEXT);

    CHECK_OK(connect_session_create_get_extra(req, BYTES("a"), &found, &json, &json_len));
    CHECK(found && bytes_equal(json, json_len, "[1,2.50]", 8));
    CHECK_OK(connect_session_create_get_extra(req, BYTES("missing"), &found, &json, &json_len));
    CHECK(!found && json == NULL && json_len == 0);

    /* Replace in place, append, refuse a model key and bad JSON. */
    CHECK_OK(connect_session_create_set_extra(req, BYTES("z"), BYTES("{\"k\" : \"\\u0000\"}")));
    CHECK_OK(connect_session_create_set_extra(req, BYTES("new"), BYTES("true")));
    CHECK(json_is(req, "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"z\":{\"k\":\"\\u0000\"},\"a\":[1,2.50],\"new\":true}"));
    CHECK_STATUS(connect_session_create_set_extra(req, BYTES("provider"), BYTES("\"x\"")), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_create_set_extra(req, BYTES("b"), BYTES("{\"x\":1,\"x\":1}")), CONNECT_SESSION_DUPLICATE_KEY);
    CHECK_STATUS(connect_session_create_set_extra(req, BYTES("b"), BYTES("nul")), CONNECT_SESSION_SYNTAX);
    CHECK_STATUS(connect_session_create_set_extra(req, BAD_UTF8, sizeof BAD_UTF8, BYTES("1")), CONNECT_SESSION_INVALID_UTF8);
    CHECK(last_message_is("key is not valid UTF-8: invalid utf-8 sequence of 1 bytes from index 1"));
    CHECK(json_is(req, "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"z\":{\"k\":\"\\u0000\"},\"a\":[1,2.50],\"new\":true}"));

    CHECK_OK(connect_session_create_remove_extra(req, BYTES("a"), &removed));
    CHECK(removed);
    CHECK_OK(connect_session_create_remove_extra(req, BYTES("a"), &removed));
    CHECK(!removed);
    CHECK(json_is(req, "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"z\":{\"k\":\"\\u0000\"},\"new\":true}"));

    /* NULLs and bad UTF-8 everywhere. */
    CHECK_STATUS(connect_session_create_get_extra_count(NULL, &count), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra_count(req, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra_at(NULL, 0, &key, &key_len, &json, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra_at(req, 0, NULL, &key_len, &json, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_key is NULL"));
    CHECK_STATUS(connect_session_create_get_extra_at(req, 0, &key, NULL, &json, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra_at(req, 0, &key, &key_len, NULL, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra_at(req, 0, &key, &key_len, &json, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_json_len is NULL"));
    CHECK_STATUS(connect_session_create_get_extra(NULL, BYTES("z"), &found, &json, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra(req, NULL, 1, &found, &json, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("key is NULL"));
    CHECK_STATUS(connect_session_create_get_extra(req, BYTES("z"), NULL, &json, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra(req, BYTES("z"), &found, NULL, &json_len), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra(req, BYTES("z"), &found, &json, NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_get_extra(req, BAD_UTF8, sizeof BAD_UTF8, &found, &json, &json_len), CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(connect_session_create_set_extra(NULL, BYTES("k"), BYTES("1")), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_extra(req, NULL, 1, BYTES("1")), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_extra(req, BYTES("k"), NULL, 1), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_remove_extra(NULL, BYTES("z"), &removed), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_remove_extra(req, NULL, 1, &removed), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_create_remove_extra(req, BYTES("z"), NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(last_message_is("out_removed is NULL"));
    CHECK_STATUS(connect_session_create_remove_extra(req, BAD_UTF8, sizeof BAD_UTF8, &removed), CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(connect_session_create_clear_extra(NULL), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK(json_is(req, "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"z\":{\"k\":\"\\u0000\"},\"new\":true}"));

    CHECK_OK(connect_session_create_clear_extra(req));
    CHECK_OK(connect_session_create_get_extra_count(req, &count));
    CHECK(count == 0);
    CHECK(json_is(req, "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\"}"));
    connect_session_create_free(req);
}

/* A change that fails changes nothing, the views borrowed from the handle
 * included: they stay readable (ASan and valgrind watch these reads) and
 * the same view is handed out again. */
static void test_failed_changes_keep_views(void) {
    ConnectSessionCreate *req = new_request();
    const char *owner = NULL, *label = NULL, *again = NULL;
    size_t owner_len = 0, label_len = 0, again_len = 0;
    bool is_set = false;
    CHECK_OK(connect_session_create_set_label(req, BYTES("label-1")));
    CHECK_OK(connect_session_create_get_origin_owner_id(req, &owner, &owner_len));
    CHECK_OK(connect_session_create_get_label(req, &is_set, &label, &label_len));
    CHECK_STATUS(connect_session_create_set_expires_in(req, -5), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_create_set_label(req, BAD_UTF8, sizeof BAD_UTF8), CONNECT_SESSION_INVALID_UTF8);
    CHECK_STATUS(connect_session_create_set_metadata(req, BYTES("[1]")), CONNECT_SESSION_INVALID_TYPE);
    CHECK_STATUS(connect_session_create_add_category(req, 14), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("origin_owner_id"), BYTES("null")),
                 CONNECT_SESSION_MISSING_FIELD);
    CHECK_STATUS(connect_session_create_set_field_json(req, BYTES("label"), BYTES("7")),
                 CONNECT_SESSION_INVALID_TYPE);
    CHECK(owner_len == 7 && strcmp(owner, "owner-1") == 0);
    CHECK(label_len == 7 && strcmp(label, "label-1") == 0);
    CHECK_OK(connect_session_create_get_origin_owner_id(req, &again, &again_len));
    CHECK(again == owner && again_len == owner_len);
    connect_session_create_free(req);
}

/* Calls made while the process exits, from an atexit handler (as from a C++
 * static's destructor), after the library's per-thread storage is gone: they
 * work, a failure still returns its status, and nothing aborts. Runs after
 * main has returned, so it reports by its exit status. */
static ConnectSessionCreate *exit_request = NULL;

static void calls_while_exiting(void) {
    ConnectSessionCreate *made = NULL;
    char *json = NULL;
    size_t len = 0;
    int ok = connect_session_create_from_json(BYTES("{}"), &made) == CONNECT_SESSION_MISSING_FIELD;
    ok = ok && made == NULL;
    ok = ok && connect_session_last_error_message(NULL, 0, &len) == CONNECT_SESSION_OK;
    ok = ok && connect_session_create_to_json(exit_request, &json, &len) == CONNECT_SESSION_OK;
    ok = ok && json != NULL && len > 0;
    connect_session_string_free(json);
    connect_session_create_free(exit_request);
    if (!ok) {
        fprintf(stderr, "test_api: a call while the process exits went wrong\n");
        _Exit(EXIT_FAILURE);
    }
}

static void test_calls_while_exiting(void) {
    exit_request = new_request();
    CHECK(atexit(calls_while_exiting) == 0);
    /* The last error holds a failure when the thread's storage goes. */
    ConnectSessionCreate *made = NULL;
    CHECK_STATUS(connect_session_create_from_json(BYTES("[]"), &made), CONNECT_SESSION_SYNTAX);
}

/* The canonical JSON of a session, compared with `want`. */
static int session_json_is(const ConnectSession *session, const char *want) {
    char *json = NULL;
    size_t len = 0;
    int same;
    if (connect_session_session_to_json(session, &json, &len) != CONNECT_SESSION_OK) {
        return 0;
    }
    same = len == strlen(want) && memcmp(json, want, len) == 0;
    if (!same) {
        fprintf(stderr, "  to_json: %.*s\n  expected: %s\n", (int)len, json, want);
    }
    connect_session_string_free(json);
    return same;
}

#define SESSION_KEYS "\"organization_id\":\"org-1\",\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\",\"project_id\":\"proj-1\""
#define SESSION_REST SESSION_KEYS "}"
#define LINK_WITH_ID "{\"auth_link_url\":\"u\",\"created_at\":\"2024-12-02T04:42:35Z\",\"id\":%s," SESSION_KEYS ",\"token\":\"t\"}"

/* The response models' new kinds (docs/contract.md section 9): the integer id
 * and the date-time created_at, as text and as an instant with its offset. */
static void test_responses(void) {
    ConnectSession *session = NULL;
    const char *text = NULL;
    size_t len = 0;
    int64_t id = 0, seconds = 0;
    uint32_t nanos = 0;
    int32_t offset = 0;

    CHECK_OK(connect_session_session_new(BYTES("2024-02-29t23:59:59.5+14:00"), INT64_MIN, BYTES("org-1"),
                                         BYTES("owner-1"), BYTES("Acme"), BYTES("proj-1"), &session));
    CHECK(session_json_is(session, "{\"created_at\":\"2024-02-29t23:59:59.5+14:00\",\"id\":-9223372036854775808," SESSION_REST));
    CHECK_OK(connect_session_session_get_id(session, &id));
    CHECK(id == INT64_MIN);
    CHECK_OK(connect_session_session_get_created_at(session, &text, &len));
    CHECK(len == 27 && memcmp(text, "2024-02-29t23:59:59.5+14:00", len) == 0);
    /* 2024-02-29T09:59:59Z: 1709164800 is that day's midnight. */
    CHECK_OK(connect_session_session_get_created_at_time(session, &seconds, &nanos, &offset));
    CHECK(seconds == 1709164800 + 35999 && nanos == 500000000 && offset == 14 * 60);

    /* Set natively: written canonically, the fraction without its trailing zeros. */
    CHECK_OK(connect_session_session_set_created_at_time(session, 0, 120000000, -12 * 60));
    CHECK_OK(connect_session_session_set_id(session, INT64_MAX));
    CHECK(session_json_is(session, "{\"created_at\":\"1969-12-31T12:00:00.12-12:00\",\"id\":9223372036854775807," SESSION_REST));
    CHECK_OK(connect_session_session_set_created_at_time(session, 1733114555, 0, 0));
    CHECK(session_json_is(session, "{\"created_at\":\"2024-12-02T04:42:35Z\",\"id\":9223372036854775807," SESSION_REST));
    CHECK_STATUS(connect_session_session_set_created_at_time(session, 0, 1000000000, 0), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK_STATUS(connect_session_session_set_created_at_time(session, 0, 0, 24 * 60), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK_STATUS(connect_session_session_set_created_at_time(session, 0, 0, -24 * 60), CONNECT_SESSION_INVALID_ARGUMENT);
    CHECK_OK(connect_session_session_set_created_at_time(session, 0, 0, 23 * 60 + 59));
    CHECK(session_json_is(session, "{\"created_at\":\"1970-01-01T23:59:00+23:59\",\"id\":9223372036854775807," SESSION_REST));
    /* Years outside 0000-9999, past the time crate's range or not. */
    CHECK_STATUS(connect_session_session_set_created_at_time(session, INT64_MAX, 0, 0), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_session_set_created_at_time(session, 253402300799, 0, 60), CONNECT_SESSION_INVALID_VALUE);
    CHECK_STATUS(connect_session_session_set_created_at_time(session, -62167219201, 0, 0), CONNECT_SESSION_INVALID_VALUE);
    CHECK(last_json_has("[{\"type\":\"invalid_value\",\"loc\":[\"created_at\"]", ""));

    /* Text is checked by the rule and changes nothing when refused. */
    CHECK_STATUS(connect_session_session_set_created_at(session, BYTES("2023-02-29T00:00:00Z")), CONNECT_SESSION_INVALID_VALUE);
    CHECK(last_json_has("[{\"type\":\"invalid_value\",\"loc\":[\"created_at\"]", ""));
    CHECK_STATUS(connect_session_session_set_created_at(session, BYTES("2024-12-02T04:42:35")), CONNECT_SESSION_INVALID_VALUE);
    CHECK_OK(connect_session_session_set_created_at(session, BYTES("2024-12-02T04:42:35.000000000Z")));
    CHECK(session_json_is(session, "{\"created_at\":\"2024-12-02T04:42:35.000000000Z\",\"id\":9223372036854775807," SESSION_REST));
    CHECK_STATUS(connect_session_session_get_id(NULL, &id), CONNECT_SESSION_NULL_ARGUMENT);
    CHECK_STATUS(connect_session_session_get_created_at_time(session, NULL, &nanos, &offset), CONNECT_SESSION_NULL_ARGUMENT);
    connect_session_session_free(session);

    /* A refused constructor does not write its out parameter. */
    session = SENTINEL_HANDLE_OF(ConnectSession);
    CHECK_STATUS(connect_session_session_new(BYTES("2024-13-01T00:00:00Z"), 1, BYTES("o"), BYTES("w"), BYTES("n"),
                                             BYTES("p"), &session),
                 CONNECT_SESSION_INVALID_VALUE);
    CHECK(session == SENTINEL_HANDLE_OF(ConnectSession));

    /* The integer's JSON: a literal in range, nothing else. */
    {
        ConnectSessionTokenAuthLink *link = NULL;
        static const char *const wrong_type[] = {"7.0", "7e0", "\"7\"", "true"};
        char doc[256];
        size_t i;
        for (i = 0; i < sizeof wrong_type / sizeof *wrong_type; i++) {
            snprintf(doc, sizeof doc, LINK_WITH_ID, wrong_type[i]);
            CHECK_STATUS(connect_session_token_auth_link_from_json((const uint8_t *)doc, strlen(doc), &link), CONNECT_SESSION_INVALID_TYPE);
            CHECK(link == NULL);
        }
        snprintf(doc, sizeof doc, LINK_WITH_ID, "9223372036854775808");
        CHECK_STATUS(connect_session_token_auth_link_from_json((const uint8_t *)doc, strlen(doc), &link), CONNECT_SESSION_INVALID_VALUE);
        CHECK(last_json_has("[{\"type\":\"invalid_value\",\"loc\":[\"id\"]", ""));
    }
}

int main(void) {
    test_version_and_status_names();
    test_last_error_buffers();
    test_new_and_text_inputs();
    test_from_json();
    test_to_json_clone_equals();
    test_categories();
    test_expires_in();
    test_metadata();
    test_text_fields();
    test_multiple();
    test_type();
    test_json_schema();
    test_set_field_json();
    test_extras();
    test_failed_changes_keep_views();
    test_calls_while_exiting();
    test_responses();
    return test_summary("test_api");
}
