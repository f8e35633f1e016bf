/*
 * vector_model.h: the vector runners of one model, included once per model
 * by vector_models.h (generated), which defines MODEL_TYPE (the handle type),
 * MODEL_FN(verb) (the model's C function of that verb) and MODEL_RUN(name)
 * (the runner's name for this model) first. No include guard: each
 * inclusion defines another model's runners.
 */

/* A case whose document is valid: its to_json must be output.json, and the
 * output (compact and pretty) must read back to an equal value. */
static int MODEL_RUN(run_valid)(const char *name, const Bytes *input, int strict, const Bytes *want) {
    MODEL_TYPE *req = NULL, *again = NULL, *from_pretty = NULL, *copy = NULL;
    char *json = NULL, *pretty = NULL;
    size_t json_len = 0, pretty_len = 0;
    bool equal = false;
    int ok = 1;
    ConnectSessionStatus st =
        strict ? MODEL_FN(from_json_strict)((const uint8_t *)input->data, input->len, &req)
               : MODEL_FN(from_json)((const uint8_t *)input->data, input->len, &req);
    if (st != CONNECT_SESSION_OK) {
        fprintf(stderr, "%s: refused with %s\n", name, connect_session_status_name(st));
        print_last_error(stderr);
        return 0;
    }
    CHECK_OK(MODEL_FN(to_json)(req, &json, &json_len));
    if (json == NULL || !bytes_equal(json, json_len, want->data, want->len)) {
        show_mismatch(name, "to_json", json, json_len, want);
        ok = 0;
    }
    if (json != NULL) {
        CHECK(json[json_len] == '\0');
        CHECK_OK(MODEL_FN(from_json)((const uint8_t *)json, json_len, &again));
        CHECK_OK(MODEL_FN(equals)(req, again, &equal));
        ok &= equal;
    }
    CHECK_OK(MODEL_FN(to_json_pretty)(req, &pretty, &pretty_len));
    if (pretty != NULL) {
        CHECK_OK(MODEL_FN(from_json)((const uint8_t *)pretty, pretty_len, &from_pretty));
        equal = false;
        CHECK_OK(MODEL_FN(equals)(req, from_pretty, &equal));
        ok &= equal;
    }
    CHECK_OK(MODEL_FN(clone)(req, &copy));
    equal = false;
    CHECK_OK(MODEL_FN(equals)(copy, req, &equal));
    ok &= equal;
    if (!ok) {
        fprintf(stderr, "%s: failed\n", name);
    }
    connect_session_string_free(json);
    connect_session_string_free(pretty);
    MODEL_FN(free)(req);
    MODEL_FN(free)(again);
    MODEL_FN(free)(from_pretty);
    MODEL_FN(free)(copy);
    return ok;
}

/* A case whose document is refused: the status names the first error's
 * kind, nothing is returned, and the error JSON is errors.json. */
static int MODEL_RUN(run_invalid)(const char *name, const Bytes *input, int strict, const Bytes *want) {
    /* A value the library must not overwrite on failure. */
    static char sentinel;
    MODEL_TYPE *const untouched = (MODEL_TYPE *)(void *)&sentinel;
    MODEL_TYPE *req = untouched;
    char prefix[64];
    size_t json_len = 0, msg_len = 0;
    char *json, *msg;
    int ok = 1;
    ConnectSessionStatus st =
        strict ? MODEL_FN(from_json_strict)((const uint8_t *)input->data, input->len, &req)
               : MODEL_FN(from_json)((const uint8_t *)input->data, input->len, &req);
    if (st == CONNECT_SESSION_OK) {
        fprintf(stderr, "%s: accepted, but errors.json expects a refusal\n", name);
        MODEL_FN(free)(req);
        return 0;
    }
    if (req != untouched) {
        fprintf(stderr, "%s: the out-parameter was written on failure\n", name);
        ok = 0;
    }
    json = read_last_error(connect_session_last_error_json, &json_len);
    if (!bytes_equal(json, json_len, want->data, want->len)) {
        show_mismatch(name, "error JSON", json, json_len, want);
        ok = 0;
    }
    /* The status is the kind of the first error. */
    snprintf(prefix, sizeof prefix, "[{\"type\":\"%s\"", connect_session_status_name(st));
    if (json_len < strlen(prefix) || memcmp(json, prefix, strlen(prefix)) != 0) {
        fprintf(stderr, "%s: status %s is not the first error's type\n", name,
                connect_session_status_name(st));
        ok = 0;
    }
    msg = read_last_error(connect_session_last_error_message, &msg_len);
    if (msg_len == 0) {
        fprintf(stderr, "%s: empty error message\n", name);
        ok = 0;
    }
    free(json);
    free(msg);
    return ok;
}
