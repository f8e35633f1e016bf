/* quickstart.c: build a Create Connect Session request, print its canonical
 * JSON, read it back, read StackOne's answer, and handle a refused document.
 *
 *   cc -std=c99 quickstart.c $(pkg-config --cflags --libs connect_session) \
 *       -Wl,-rpath,"$(pkg-config --variable=libdir connect_session)"
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connect_session.h"

/* Text for the `const uint8_t *ptr, size_t len` parameters. */
#define TEXT(s) (const uint8_t *)(s), strlen(s)

/* Prints this thread's last error (one line per problem) to stderr. */
static void print_last_error(void) {
    size_t need = 0;
    char *msg;
    connect_session_last_error_message(NULL, 0, &need); /* size query */
    msg = malloc(need + 1);
    if (msg != NULL && connect_session_last_error_message(msg, need + 1, &need) == CONNECT_SESSION_OK) {
        fprintf(stderr, "%.*s\n", (int)need, msg);
    }
    free(msg);
}

int main(void) {
    const uint32_t categories[] = {CONNECT_SESSION_CATEGORY_ATS, CONNECT_SESSION_CATEGORY_HRIS,
                                   CONNECT_SESSION_CATEGORY_HRIS_LEGACY, CONNECT_SESSION_CATEGORY_CRM};
    const char *metadata =
        "{\"source\":\"onboarding\",\"tenant\":{\"id\":\"t-42\",\"tier\":\"gold\"},\"tags\":[\"a\",\"b\"],\"retries\":3}";
    /* StackOne's answer to the request: the session it made, and the link that opens the hub. */
    const char *answer =
        "{\"account_id\":\"acc_4f2b9c1e7d3a\","
        "\"auth_link_url\":\"https://hub.stackone.com/embedded/integrations?token=cst_8f3c2a9b1d\","
        "\"categories\":[\"ats\",\"hris\"],\"created_at\":\"2024-12-02T04:42:35.999Z\","
        "\"external_trigger_token\":\"ett_9b1c2d3e\",\"id\":123456,\"integration_id\":\"int_01HX3QB7\","
        "\"label\":\"Acme HRIS\",\"metadata\":{\"source\":\"onboarding\",\"tenant\":{\"id\":\"t-42\"}},"
        "\"organization_id\":\"org_01HX3Q9Z\",\"origin_owner_id\":\"owner-8f3c2a\","
        "\"origin_owner_name\":\"Acme Corporation\",\"origin_username\":\"jane.doe@acme.example\","
        "\"project_id\":\"proj_01HX3QA1\",\"provider\":\"hibob\",\"token\":\"cst_8f3c2a9b1d\","
        "\"type\":\"production\"}";
    const char *bad = "{\"origin_owner_id\":\"o\",\"categories\":[\"hirs\"]}";
    ConnectSessionCreate *req = NULL, *parsed = NULL, *refused = NULL;
    ConnectSessionTokenAuthLink *link = NULL;
    const char *url = NULL; /* a view into link, valid until it is freed */
    size_t url_len = 0;
    char *json = NULL; /* owned by us: connect_session_string_free */
    size_t json_len = 0;
    bool same = false;
    int rc = 0;

    if (connect_session_create_new(TEXT("owner-8f3c2a"), TEXT("Acme Corporation"), &req) != CONNECT_SESSION_OK ||
        connect_session_create_set_categories(req, categories, sizeof categories / sizeof *categories) != CONNECT_SESSION_OK ||
        connect_session_create_set_expires_in(req, 1800) != CONNECT_SESSION_OK ||
        connect_session_create_set_metadata(req, TEXT(metadata)) != CONNECT_SESSION_OK ||
        connect_session_create_set_origin_username(req, TEXT("jane.doe@acme.example")) != CONNECT_SESSION_OK ||
        connect_session_create_set_provider(req, TEXT("hibob")) != CONNECT_SESSION_OK ||
        connect_session_create_to_json(req, &json, &json_len) != CONNECT_SESSION_OK) {
        print_last_error();
        connect_session_create_free(req);
        return 1;
    }
    printf("%.*s\n", (int)json_len, json);

    /* The canonical JSON reads back to an equal request. */
    if (connect_session_create_from_json((const uint8_t *)json, json_len, &parsed) != CONNECT_SESSION_OK ||
        connect_session_create_equals(req, parsed, &same) != CONNECT_SESSION_OK || !same) {
        print_last_error();
        rc = 1;
    }

    if (connect_session_token_auth_link_from_json(TEXT(answer), &link) == CONNECT_SESSION_OK &&
        connect_session_token_auth_link_get_auth_link_url(link, &url, &url_len) == CONNECT_SESSION_OK) {
        printf("%.*s\n", (int)url_len, url);
    } else {
        print_last_error();
        rc = 1;
    }

    /* A refused document: nothing is returned, and the last error lists every
     * problem (connect_session_last_error_json has them as JSON). */
    if (connect_session_create_from_json(TEXT(bad), &refused) != CONNECT_SESSION_OK) {
        print_last_error();
    } else {
        rc = 1;
    }

    connect_session_string_free(json);
    connect_session_create_free(parsed);
    connect_session_token_auth_link_free(link);
    connect_session_create_free(refused); /* NULL: does nothing */
    connect_session_create_free(req);
    return rc;
}
