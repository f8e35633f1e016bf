/*
 * test_threads.c: the C ABI used from several threads at once, built with
 * ThreadSanitizer (`make test-c-tsan`).
 *
 * 1. Separate handles: every thread parses, changes, clones, compares and
 *    serializes handles of its own, and checks every byte it gets back.
 * 2. One shared handle, read-only: every thread reads every field, clones it,
 *    compares and serializes it at the same time, and checks the bytes
 *    against what the main thread read before the threads started.
 * 3. The last error is per thread: all threads fail at once with errors of
 *    different kinds, wait for each other, then each reads back its own.
 * 4. 100,000 levels of nesting, parsed on threads with a 1 MiB stack (this
 *    unoptimized, instrumented build needs the most stack of any; a release
 *    build needs under 96 KiB): refused as too deep, never a stack overflow.
 *
 * Prints "N passed, N failed" and exits non-zero on any failure; TSan makes
 * the run fail (exit code 66) on any data race it sees.
 *
 * `test_threads --race` instead breaks the rule on purpose (every thread
 * writes the one shared handle) to prove that the sanitizer sees into the
 * library: the make target expects that run to be reported.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connect_session.h"

#define THREADS 8
#define ROUNDS 300

static pthread_mutex_t counts_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long passed = 0;
static unsigned long failed = 0;

static void record(bool ok, const char *what, int thread, int round) {
    pthread_mutex_lock(&counts_lock);
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "thread %d round %d: %s\n", thread, round, what);
    }
    pthread_mutex_unlock(&counts_lock);
}

#define CHECK(cond) record((cond), #cond, id, round)

static ConnectSessionStatus parse(const char *json, ConnectSessionCreate **out) {
    return connect_session_create_from_json((const uint8_t *)json, strlen(json), out);
}

static bool view_is(const char *ptr, size_t len, const char *want) {
    return len == strlen(want) && (len == 0 || memcmp(ptr, want, len) == 0);
}

/* The last error of this thread as JSON, in a caller-freed buffer. */
static char *last_error_json(void) {
    size_t len = 0;
    connect_session_last_error_json(NULL, 0, &len);
    char *buf = malloc(len + 1);
    if (buf == NULL) {
        return NULL;
    }
    if (connect_session_last_error_json(buf, len + 1, &len) != CONNECT_SESSION_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* ---- 1. separate handles ------------------------------------------------- */

static void *own_handles(void *arg) {
    int id = *(const int *)arg;
    char doc[512], want[512], provider[64];
    for (int round = 0; round < ROUNDS; round++) {
        snprintf(doc, sizeof doc,
                 "{\"origin_owner_name\":\"n\",\"metadata\":{\"t\":%d,\"r\":%d.50},"
                 "\"categories\":[\"hrisLegacy\",\"ats\"],\"origin_owner_id\":\"owner-%d-%d\","
                 "\"x\":[%d]}",
                 id, round, id, round, round);
        ConnectSessionCreate *req = NULL;
        CHECK(parse(doc, &req) == CONNECT_SESSION_OK);
        if (req == NULL) {
            continue;
        }
        snprintf(provider, sizeof provider, "provider-%d-%d", id, round);
        CHECK(connect_session_create_set_provider(req, (const uint8_t *)provider,
                                                  strlen(provider)) == CONNECT_SESSION_OK);
        CHECK(connect_session_create_set_expires_in(req, 60.0 + round) == CONNECT_SESSION_OK);

        ConnectSessionCreate *copy = NULL;
        CHECK(connect_session_create_clone(req, &copy) == CONNECT_SESSION_OK);
        bool equal = false;
        CHECK(connect_session_create_equals(req, copy, &equal) == CONNECT_SESSION_OK && equal);

        snprintf(want, sizeof want,
                 "{\"categories\":[\"hris-legacy\",\"ats\"],\"expires_in\":%d,"
                 "\"metadata\":{\"t\":%d,\"r\":%d.50},\"origin_owner_id\":\"owner-%d-%d\","
                 "\"origin_owner_name\":\"n\",\"provider\":\"%s\",\"x\":[%d]}",
                 60 + round, id, round, id, round, provider, round);
        char *json = NULL;
        size_t len = 0;
        CHECK(connect_session_create_to_json(copy, &json, &len) == CONNECT_SESSION_OK);
        CHECK(json != NULL && view_is(json, len, want));
        connect_session_string_free(json);

        const char *ptr = NULL;
        bool is_set = false;
        CHECK(connect_session_create_get_provider(req, &is_set, &ptr, &len) == CONNECT_SESSION_OK);
        CHECK(is_set && view_is(ptr, len, provider));

        /* A bad value fails on this thread only and changes nothing. */
        CHECK(connect_session_create_set_expires_in(copy, -1.0) == CONNECT_SESSION_INVALID_VALUE);
        CHECK(connect_session_create_equals(req, copy, &equal) == CONNECT_SESSION_OK && equal);

        connect_session_create_free(copy);
        connect_session_create_free(req);
    }
    return NULL;
}

/* ---- 2. one shared handle, read-only --------------------------------------- */

static const ConnectSessionCreate *shared;
static char *shared_json;
static size_t shared_json_len;
static char *shared_pretty;
static size_t shared_pretty_len;

static void *read_shared(void *arg) {
    int id = *(const int *)arg;
    for (int round = 0; round < ROUNDS; round++) {
        char *json = NULL;
        size_t len = 0;
        CHECK(connect_session_create_to_json(shared, &json, &len) == CONNECT_SESSION_OK);
        CHECK(json != NULL && len == shared_json_len && memcmp(json, shared_json, len) == 0);
        connect_session_string_free(json);
        CHECK(connect_session_create_to_json_pretty(shared, &json, &len) == CONNECT_SESSION_OK);
        CHECK(json != NULL && len == shared_pretty_len && memcmp(json, shared_pretty, len) == 0);
        connect_session_string_free(json);

        const char *ptr = NULL;
        bool is_set = false;
        CHECK(connect_session_create_get_origin_owner_id(shared, &ptr, &len) == CONNECT_SESSION_OK);
        CHECK(view_is(ptr, len, "owner-8f3c2a"));
        CHECK(connect_session_create_get_metadata(shared, &is_set, &ptr, &len) == CONNECT_SESSION_OK);
        CHECK(is_set && view_is(ptr, len, "{\"source\":\"onboarding\",\"n\":1.50}"));
        ConnectSessionCategory category = CONNECT_SESSION_CATEGORY_ATS;
        CHECK(connect_session_create_get_category(shared, 2, &category) == CONNECT_SESSION_OK);
        CHECK(category == CONNECT_SESSION_CATEGORY_HRIS_LEGACY);
        const char *key = NULL;
        size_t key_len = 0;
        CHECK(connect_session_create_get_extra_at(shared, 0, &key, &key_len, &ptr, &len) ==
              CONNECT_SESSION_OK);
        CHECK(view_is(key, key_len, "beta") && view_is(ptr, len, "{\"on\":true}"));

        ConnectSessionCreate *copy = NULL;
        CHECK(connect_session_create_clone(shared, &copy) == CONNECT_SESSION_OK);
        bool equal = false;
        CHECK(connect_session_create_equals(shared, copy, &equal) == CONNECT_SESSION_OK && equal);
        /* Changing one's own copy leaves the shared handle alone. */
        CHECK(connect_session_create_set_provider(copy, (const uint8_t *)"other", 5) ==
              CONNECT_SESSION_OK);
        CHECK(connect_session_create_equals(shared, copy, &equal) == CONNECT_SESSION_OK && !equal);
        connect_session_create_free(copy);
    }
    return NULL;
}

/* ---- 3. the last error is per thread --------------------------------------- */

static pthread_barrier_t all_failed;

static void *own_last_error(void *arg) {
    int id = *(const int *)arg;
    static const char *const docs[] = {
        "{\"origin_owner_id\":",                                       /* syntax */
        "{\"origin_owner_name\":\"n\"}",                               /* missing_field */
        "{\"origin_owner_id\":1,\"origin_owner_name\":\"n\"}",         /* invalid_type */
        "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"expires_in\":0}", /* invalid_value */
    };
    static const char *const kinds[] = {"\"type\":\"syntax\"", "\"type\":\"missing_field\"",
                                        "\"type\":\"invalid_type\"", "\"type\":\"invalid_value\""};
    for (int round = 0; round < ROUNDS / 10; round++) {
        int which = (id + round) % 4;
        ConnectSessionCreate *req = NULL;
        CHECK(parse(docs[which], &req) != CONNECT_SESSION_OK && req == NULL);
        pthread_barrier_wait(&all_failed); /* every thread has failed ... */
        char *json = last_error_json();    /* ... and each reads its own error */
        CHECK(json != NULL && strstr(json, kinds[which]) != NULL);
        free(json);
        pthread_barrier_wait(&all_failed);
    }
    return NULL;
}

/* ---- the self-check: a real data race ------------------------------------ */

static ConnectSessionCreate *racy;

static void *write_shared(void *arg) {
    int id = *(const int *)arg;
    for (int round = 0; round < ROUNDS; round++) {
        CHECK(connect_session_create_set_expires_in(racy, 1.0 + id) == CONNECT_SESSION_OK);
    }
    return NULL;
}

/* ---- 4. deep nesting on a small stack --------------------------------------- */

#define DEEP 100000

/* "head" + DEEP nested objects or arrays around 1 + "tail", in a malloc'd buffer. */
static char *nested(const char *head, char open, const char *tail, size_t *out_len) {
    size_t head_len = strlen(head), tail_len = strlen(tail);
    size_t level = open == '{' ? 5 : 1; /* {"a": or [ */
    char *doc = malloc(head_len + (level + 1) * DEEP + 1 + tail_len);
    if (doc == NULL) {
        return NULL;
    }
    size_t len = head_len;
    memcpy(doc, head, head_len);
    for (int i = 0; i < DEEP; i++) {
        memcpy(doc + len, open == '{' ? "{\"a\":" : "[", level);
        len += level;
    }
    doc[len++] = '1';
    memset(doc + len, open == '{' ? '}' : ']', DEEP);
    len += DEEP;
    memcpy(doc + len, tail, tail_len);
    *out_len = len + tail_len;
    return doc;
}

static void *deep_nesting(void *arg) {
    int id = *(const int *)arg;
    int round = 0;
    static const char *const heads[] = {
        "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"metadata\":{\"m\":",
        "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"x\":",
        "{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\",\"categories\":",
        "{\"origin_owner_name\":\"n\",\"origin_owner_id\":",
    };
    char open = id % 2 ? '[' : '{';
    size_t len = 0, metadata_len = 0;
    char *doc = nested(heads[id % 4], open, id % 4 == 0 ? "}}" : "}", &len);
    char *metadata = nested("{\"m\":", open, "}", &metadata_len);
    CHECK(doc != NULL && metadata != NULL);
    if (doc != NULL && metadata != NULL) {
        ConnectSessionCreate *req = NULL;
        CHECK(connect_session_create_from_json((const uint8_t *)doc, len, &req) ==
                  CONNECT_SESSION_TOO_DEEP &&
              req == NULL);
        ConnectSessionCreate *base = NULL;
        CHECK(parse("{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\"}", &base) ==
              CONNECT_SESSION_OK);
        CHECK(connect_session_create_set_metadata(base, (const uint8_t *)metadata, metadata_len) ==
              CONNECT_SESSION_TOO_DEEP);
        connect_session_create_free(base);
    }
    free(metadata);
    free(doc);
    return NULL;
}

static void run_with_stack(void *(*body)(void *), size_t stack) {
    pthread_t threads[THREADS];
    int ids[THREADS];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (stack > 0) {
        pthread_attr_setstacksize(&attr, stack);
    }
    for (int i = 0; i < THREADS; i++) {
        ids[i] = i;
        if (pthread_create(&threads[i], &attr, body, &ids[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            exit(2);
        }
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    pthread_attr_destroy(&attr);
}

static void run(void *(*body)(void *)) {
    run_with_stack(body, 0);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--race") == 0) {
        if (parse("{\"origin_owner_id\":\"o\",\"origin_owner_name\":\"n\"}", &racy) !=
            CONNECT_SESSION_OK) {
            return 2;
        }
        run(write_shared);
        connect_session_create_free(racy);
        return 0;
    }
    run(own_handles);

    const char *doc =
        "{\"categories\":[\"ats\",\"hris\",\"hris-legacy\",\"crm\"],\"expires_in\":1800,"
        "\"metadata\":{\"source\":\"onboarding\",\"n\":1.50},\"origin_owner_id\":\"owner-8f3c2a\","
        "\"origin_owner_name\":\"Acme Corporation\",\"beta\":{\"on\":true}}";
    ConnectSessionCreate *req = NULL;
    if (parse(doc, &req) != CONNECT_SESSION_OK ||
        connect_session_create_to_json(req, &shared_json, &shared_json_len) != CONNECT_SESSION_OK ||
        connect_session_create_to_json_pretty(req, &shared_pretty, &shared_pretty_len) !=
            CONNECT_SESSION_OK) {
        fprintf(stderr, "setting up the shared handle failed\n");
        return 2;
    }
    shared = req;
    run(read_shared);
    connect_session_create_free(req);
    connect_session_string_free(shared_json);
    connect_session_string_free(shared_pretty);

    pthread_barrier_init(&all_failed, NULL, THREADS);
    run(own_last_error);
    pthread_barrier_destroy(&all_failed);

    run_with_stack(deep_nesting, 1024 * 1024);

    printf("%lu passed, %lu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
