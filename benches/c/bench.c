/* The C round trip (from_json + to_json + string_free + free) through the C ABI.
 * Prints one JSON line per payload: {"op","payload","impl","value","unit"}. The Rust
 * side of the comparison (benches/rust/src/bin/roundtrip.rs) times the same
 * operations the same way: batches of calls, the time per call of the fastest
 * batch (the two programs run in turn, several times: see mk/bench.mk). */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "connect_session.h"

#ifndef BATCHES /* lower both (-D) to run under a profiler */
#define BATCHES 31
#endif
#ifndef CALLS_PER_BATCH
#define CALLS_PER_BATCH 20000
#endif

static const char REFERENCE[] =
    "{\"categories\":[\"ats\",\"hris\",\"hris-legacy\",\"crm\"],\"expires_in\":1800,\"metadata\":"
    "{\"source\":\"onboarding\",\"tenant\":{\"id\":\"t-42\",\"tier\":\"gold\"},\"tags\":[\"a\",\"b\"],"
    "\"retries\":3},\"origin_owner_id\":\"owner-8f3c2a\",\"origin_owner_name\":\"Acme Corporation\","
    "\"origin_username\":\"jane.doe@acme.example\",\"provider\":\"hibob\"}";
static const char MINIMAL[] = "{\"origin_owner_id\":\"owner-1\",\"origin_owner_name\":\"Acme\"}";

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* One round trip; exits on any failure so a broken build cannot look fast. */
static void round_trip(const char *json, size_t len) {
    ConnectSessionCreate *req = NULL;
    char *out = NULL;
    size_t out_len = 0;
    if (connect_session_create_from_json((const uint8_t *)json, len, &req) != CONNECT_SESSION_OK ||
        connect_session_create_to_json(req, &out, &out_len) != CONNECT_SESSION_OK || out_len != len) {
        fprintf(stderr, "round trip failed\n");
        exit(1);
    }
    connect_session_string_free(out);
    connect_session_create_free(req);
}

static void bench(const char *name, const char *json) {
    size_t len = strlen(json);
    double best = -1;
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < CALLS_PER_BATCH; i++) {
            round_trip(json, len);
        }
        double per_call = (now_ns() - start) / CALLS_PER_BATCH;
        if (best < 0 || per_call < best) {
            best = per_call;
        }
    }
    printf("{\"op\":\"roundtrip\",\"payload\":\"%s\",\"impl\":\"connect_session\",\"value\":%.1f,\"unit\":\"ns\"}\n",
           name, best);
}

int main(void) {
    bench("reference", REFERENCE);
    bench("minimal", MINIMAL);
    return 0;
}
