/* The new field from C (tests/extending/run.sh builds it against its copy of
 * the tree's header and static library). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connect_session.h"

#define REQUIRE(cond)                                             \
    do {                                                          \
        if (!(cond)) {                                            \
            fprintf(stderr, "c: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                              \
        }                                                         \
    } while (0)

static const char EMAIL[] = "jane@acme.example";

int main(int argc, char **argv) {
    REQUIRE(argc == 3); /* expected canonical JSON, then a document refused for the field */
    ConnectSessionCreate *req = NULL;
    REQUIRE(connect_session_create_new((const uint8_t *)"owner-1", 7, (const uint8_t *)"Acme", 4,
                                       &req) == CONNECT_SESSION_OK);
    bool is_set = true;
    const char *value = NULL;
    size_t len = 0;
    REQUIRE(connect_session_create_get_origin_email(req, &is_set, &value, &len) ==
            CONNECT_SESSION_OK);
    REQUIRE(!is_set);
    REQUIRE(connect_session_create_set_origin_email(req, (const uint8_t *)EMAIL, strlen(EMAIL)) ==
            CONNECT_SESSION_OK);
    REQUIRE(connect_session_create_get_origin_email(req, &is_set, &value, &len) ==
            CONNECT_SESSION_OK);
    REQUIRE(is_set && len == strlen(EMAIL) && memcmp(value, EMAIL, len) == 0);

    char *json = NULL;
    size_t json_len = 0;
    REQUIRE(connect_session_create_to_json(req, &json, &json_len) == CONNECT_SESSION_OK);
    REQUIRE(json_len == strlen(argv[1]) && memcmp(json, argv[1], json_len) == 0);
    printf("c: %s\n", json);
    connect_session_string_free(json);
    connect_session_create_free(req);

    ConnectSessionCreate *refused = NULL;
    REQUIRE(connect_session_create_from_json((const uint8_t *)argv[2], strlen(argv[2]), &refused) ==
            CONNECT_SESSION_INVALID_TYPE);
    REQUIRE(refused == NULL);
    char errors[512];
    size_t errors_len = 0;
    REQUIRE(connect_session_last_error_json(errors, sizeof errors, &errors_len) ==
            CONNECT_SESSION_OK);
    REQUIRE(strstr(errors, "\"loc\":[\"origin_email\"]") != NULL);
    return 0;
}
