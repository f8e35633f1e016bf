/*
 * check.h: the tiny test harness of the C suites.
 *
 * CHECK(cond) records one check; a failed one prints where and what and the
 * program goes on, so one run shows every failure. CHECK_STATUS also prints
 * the status names and the library's last error. test_summary() prints the
 * closing "N passed, N failed" line and gives the exit code.
 */
#ifndef CONNECT_SESSION_TEST_CHECK_H
#define CONNECT_SESSION_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connect_session.h"

#if defined(__GNUC__)
#define CHECK_HELPER static __attribute__((unused))
#else
#define CHECK_HELPER static
#endif

static unsigned long check_passed = 0;
static unsigned long check_failed = 0;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond) {                                                            \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

/* Checks that `call` returns `expected`, printing both names and the last
 * error message when it does not. Evaluates `call` once. */
#define CHECK_STATUS(call, expected)                                           \
    do {                                                                       \
        ConnectSessionStatus check_got_ = (call);                              \
        ConnectSessionStatus check_want_ = (expected);                         \
        if (check_got_ == check_want_) {                                       \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__,  \
                    __LINE__, #call, connect_session_status_name(check_got_),  \
                    connect_session_status_name(check_want_));                 \
            print_last_error(stderr);                                          \
        }                                                                      \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, CONNECT_SESSION_OK)

/* Bytes of a string literal, for the `const uint8_t *` parameters. */
#define BYTES(literal) ((const uint8_t *)(literal)), (sizeof(literal) - 1)

/* Reads the last error (message or JSON) into a new buffer the caller frees
 * with free(); NUL-terminated, length in *len. Aborts on failure: the test
 * cannot go on without it. */
typedef ConnectSessionStatus (*last_error_reader)(char *, size_t, size_t *);

CHECK_HELPER char *read_last_error(last_error_reader reader, size_t *len) {
    size_t need = 0;
    ConnectSessionStatus st = reader(NULL, 0, &need);
    char *buf;
    if (st != CONNECT_SESSION_OK && st != CONNECT_SESSION_BUFFER_TOO_SMALL) {
        fprintf(stderr, "size query failed: %s\n", connect_session_status_name(st));
        abort();
    }
    buf = malloc(need + 1);
    if (buf == NULL) {
        abort();
    }
    if (reader(buf, need + 1, len) != CONNECT_SESSION_OK || *len != need) {
        fprintf(stderr, "reading the last error failed\n");
        abort();
    }
    return buf;
}

CHECK_HELPER void print_last_error(FILE *to) {
    size_t len = 0;
    char *msg = read_last_error(connect_session_last_error_message, &len);
    fprintf(to, "  last error: %.*s\n", (int)len, msg);
    free(msg);
}

/* True when the last error's message is exactly `want`. */
CHECK_HELPER int last_message_is(const char *want) {
    size_t len = 0;
    char *msg = read_last_error(connect_session_last_error_message, &len);
    int same = len == strlen(want) && memcmp(msg, want, len) == 0;
    if (!same) {
        fprintf(stderr, "  last error message: \"%.*s\", expected \"%s\"\n", (int)len, msg, want);
    }
    free(msg);
    return same;
}

/* True when the last error's JSON is exactly `want`. */
CHECK_HELPER int last_json_is(const char *want) {
    size_t len = 0;
    char *json = read_last_error(connect_session_last_error_json, &len);
    int same = len == strlen(want) && memcmp(json, want, len) == 0;
    if (!same) {
        fprintf(stderr, "  last error JSON: %.*s\n  expected:        %s\n", (int)len, json, want);
    }
    free(json);
    return same;
}

/* True when the last error's JSON starts with `prefix` and contains `part`
 * (for messages written by the core, which only the shared vectors pin). */
CHECK_HELPER int last_json_has(const char *prefix, const char *part) {
    size_t len = 0;
    char *json = read_last_error(connect_session_last_error_json, &len);
    int ok = len >= strlen(prefix) && memcmp(json, prefix, strlen(prefix)) == 0 &&
             strstr(json, part) != NULL;
    if (!ok) {
        fprintf(stderr, "  last error JSON: %.*s\n  expected it to start with %s and contain %s\n",
                (int)len, json, prefix, part);
    }
    free(json);
    return ok;
}

/* True when (ptr, len) holds exactly the `want_len` bytes at `want`. */
CHECK_HELPER int bytes_equal(const char *ptr, size_t len, const char *want, size_t want_len) {
    return len == want_len && (len == 0 || (ptr != NULL && memcmp(ptr, want, len) == 0));
}

CHECK_HELPER int test_summary(const char *name) {
    printf("%s: %lu passed, %lu failed\n", name, check_passed, check_failed);
    return check_failed == 0 && check_passed > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
