/*
 * test_vectors.c: runs every case of tests/vectors/ through the C API.
 *
 * Usage: test_vectors [VECTORS_DIR]   (default: tests/vectors)
 *
 * Format (tests/vectors/README.md): one folder per case holding input.json
 * (raw bytes), an optional `mode` file (`strict`), an optional `model` file
 * (the model's name; ConnectSessionCreate when absent), and either output.json
 * (the exact canonical to_json) or errors.json (the exact error list, which
 * connect_session_last_error_json returns). One trailing newline is stripped
 * from the expected files; everything else is compared byte for byte.
 * Finding no case is a failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "check.h"

typedef struct {
    char *data;
    size_t len;
} Bytes;

/* Reads a whole file. Returns 0 when it does not exist, -1 on another error. */
static int read_file(const char *path, Bytes *out) {
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0;
    if (f == NULL) {
        return errno == ENOENT ? 0 : -1;
    }
    for (;;) {
        size_t n;
        if (cap - len < 4096) {
            char *bigger = realloc(data, cap * 2 + 4096);
            if (bigger == NULL) {
                free(data);
                fclose(f);
                return -1;
            }
            data = bigger;
            cap = cap * 2 + 4096;
        }
        n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            break;
        }
    }
    if (ferror(f)) {
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    out->data = data;
    out->len = len;
    return 1;
}

static void strip_one_newline(Bytes *b) {
    if (b->len > 0 && b->data[b->len - 1] == '\n') {
        b->len--;
    }
}

static int is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints expected and actual bytes of a mismatch. */
static void show_mismatch(const char *name, const char *what, const char *got, size_t got_len,
                          const Bytes *want) {
    fprintf(stderr, "%s: %s differs\n  got:      %.*s\n  expected: %.*s\n", name, what,
            (int)got_len, got, (int)want->len, want->data);
}

/* A model's runners, by its name (the `model` file of a case). */
typedef struct {
    const char *name;
    int (*run_valid)(const char *name, const Bytes *input, int strict, const Bytes *want);
    int (*run_invalid)(const char *name, const Bytes *input, int strict, const Bytes *want);
} VectorModel;

/* run_valid_<model> and run_invalid_<model> for each model, and VECTOR_MODELS. */
#include "vector_models.h"

static int run_case(const char *dir, const char *name) {
    char path[4096];
    Bytes input = {NULL, 0}, mode = {NULL, 0}, output = {NULL, 0}, errors = {NULL, 0}, model = {NULL, 0};
    int has_input, has_mode, has_output, has_errors, has_model, strict = 0, ok = 0;
    const VectorModel *runners = &VECTOR_MODELS[0];
    size_t i;

    snprintf(path, sizeof path, "%s/%s/input.json", dir, name);
    has_input = read_file(path, &input);
    snprintf(path, sizeof path, "%s/%s/mode", dir, name);
    has_mode = read_file(path, &mode);
    snprintf(path, sizeof path, "%s/%s/output.json", dir, name);
    has_output = read_file(path, &output);
    snprintf(path, sizeof path, "%s/%s/errors.json", dir, name);
    has_errors = read_file(path, &errors);
    snprintf(path, sizeof path, "%s/%s/model", dir, name);
    has_model = read_file(path, &model);

    if (has_model == 1) {
        strip_one_newline(&model);
        runners = NULL;
        for (i = 0; i < sizeof VECTOR_MODELS / sizeof *VECTOR_MODELS; i++) {
            if (strlen(VECTOR_MODELS[i].name) == model.len &&
                memcmp(VECTOR_MODELS[i].name, model.data, model.len) == 0) {
                runners = &VECTOR_MODELS[i];
            }
        }
    }
    if (runners == NULL || has_model < 0) {
        fprintf(stderr, "%s: unknown model \"%.*s\"\n", name, (int)model.len, model.data);
    } else if (has_input != 1 || has_mode < 0 || has_output < 0 || has_errors < 0) {
        fprintf(stderr, "%s: cannot read the case (input.json is required)\n", name);
    } else if (has_output == has_errors) {
        fprintf(stderr, "%s: needs exactly one of output.json and errors.json\n", name);
    } else {
        ok = 1;
        if (has_mode) {
            strip_one_newline(&mode);
            if (mode.len == 6 && memcmp(mode.data, "strict", 6) == 0) {
                strict = 1;
            } else {
                fprintf(stderr, "%s: unknown mode \"%.*s\"\n", name, (int)mode.len, mode.data);
                ok = 0;
            }
        }
        if (ok && has_output) {
            strip_one_newline(&output);
            ok = runners->run_valid(name, &input, strict, &output);
        } else if (ok) {
            strip_one_newline(&errors);
            ok = runners->run_invalid(name, &input, strict, &errors);
        }
    }
    free(input.data);
    free(mode.data);
    free(output.data);
    free(errors.data);
    free(model.data);
    return ok;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    DIR *d = opendir(dir);
    struct dirent *entry;
    char **names = NULL;
    size_t count = 0, cap = 0, i, passed = 0;

    if (d == NULL) {
        fprintf(stderr, "test_vectors: cannot open %s\n", dir);
        return EXIT_FAILURE;
    }
    while ((entry = readdir(d)) != NULL) {
        char path[4096];
        if (entry->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        if (!is_directory(path)) {
            continue;
        }
        if (count == cap) {
            char **bigger = realloc(names, (cap * 2 + 16) * sizeof *names);
            if (bigger == NULL) {
                abort();
            }
            names = bigger;
            cap = cap * 2 + 16;
        }
        names[count] = malloc(strlen(entry->d_name) + 1);
        if (names[count] == NULL) {
            abort();
        }
        strcpy(names[count], entry->d_name);
        count++;
    }
    closedir(d);
    if (count > 0) {
        qsort(names, count, sizeof *names, compare_names);
    }

    for (i = 0; i < count; i++) {
        int ok = run_case(dir, names[i]);
        CHECK(ok);
        passed += (size_t)ok;
        free(names[i]);
    }
    free(names);

    if (count == 0) {
        fprintf(stderr, "test_vectors: no case found in %s\n", dir);
        return EXIT_FAILURE;
    }
    printf("test_vectors: %lu cases in %s\n", (unsigned long)count, dir);
    printf("test_vectors: %lu passed, %lu failed\n", (unsigned long)passed,
           (unsigned long)(count - passed));
    return passed == count && check_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
