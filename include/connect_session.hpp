// connect_session.hpp: header-only C++17 wrapper over connect_session.h.
//
// It owns handles and strings and turns statuses into exceptions; every
// decision about what is valid is the library's. Ownership in one line each:
//   - ConnectSessionCreate owns its handle (std::unique_ptr with a deleter that
//     calls connect_session_create_free); it is move-only, clone() copies.
//   - std::string and std::vector results (to_json, categories, ...) are
//     copies; the library's buffer is freed before they are returned.
//   - std::string_view results are views into the handle, valid until the
//     object is next changed (a set_, add_, clear_ or remove_ call that
//     returns; one that throws changes nothing), moved from, or destroyed (as
//     in the C API).
//     They are only offered on an lvalue: on a temporary, whose handle dies at
//     the end of the full expression, the call does not compile
//     (`ConnectSessionCreate::from_json(s).origin_owner_id()` is an error;
//     copy into a std::string from a named object instead).
//   - A failed call throws connect_session::Error (status, message, error
//     JSON) and leaves the object as it was, its views included.
// The class has the name of the C handle type, in this namespace: use it
// qualified (`namespace cs = connect_session; cs::ConnectSessionCreate`), since
// `using namespace connect_session;` makes the bare name ambiguous.
// Functions that return a value are [[nodiscard]]. A moved-from object holds
// no handle: using it throws Error with CONNECT_SESSION_NULL_ARGUMENT.
// Threads: as the C API (see "Thread safety" in connect_session.h): const
// member functions may run concurrently on one object, others may not.
#ifndef CONNECT_SESSION_HPP
#define CONNECT_SESSION_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connect_session.h"

namespace connect_session {

/// The status enum of the C API (CONNECT_SESSION_OK, ...).
using Status = ::ConnectSessionStatus;

/// A provider category (CONNECT_SESSION_CATEGORY_ATS, ...).
using Category = ::ConnectSessionCategory;

/// The session type as an enumerator (CONNECT_SESSION_TYPE_PRODUCTION, _TEST, _OTHER).
using SessionType = ::ConnectSessionType;

/// A failed call: the status, the message of the last error, and the error
/// list as JSON (`[{"type":..,"loc":[..],"msg":..}]`).
class Error : public std::runtime_error {
public:
    /// An error with the status a C call returned, its message and its error JSON.
    Error(Status status, const std::string &message, std::string json)
        : std::runtime_error(message), status_(status), json_(std::move(json)) {}

    /// The status the C call returned.
    [[nodiscard]] Status status() const noexcept { return status_; }

    /// The status as its snake_case name ("missing_field", "null_argument").
    [[nodiscard]] std::string_view status_name() const noexcept { return ::connect_session_status_name(status_); }

    /// Every problem as JSON, exactly as connect_session_last_error_json gives it.
    [[nodiscard]] const std::string &json() const noexcept { return json_; }

private:
    Status status_;
    std::string json_;
};

/// A date-time's instant and offset, as the C API gives them: seconds since
/// 1970-01-01T00:00:00Z, nanoseconds past that second, and the offset from
/// UTC in minutes (+60 for `+01:00`).
struct Instant {
    std::int64_t unix_seconds = 0;       ///< Seconds since the Unix epoch.
    std::uint32_t nanoseconds = 0;       ///< Nanoseconds past that second.
    std::int32_t offset_minutes = 0;     ///< Offset from UTC, in minutes.
};

namespace detail {

using LastErrorReader = Status (*)(char *, std::size_t, std::size_t *);

/// One text of this thread's last error, read with a size query first.
inline std::string last_error(LastErrorReader reader) {
    std::size_t len = 0;
    (void)reader(nullptr, 0, &len);  // the size query: its status repeats what len says
    std::string text(len, '\0');
    if (len > 0 && reader(text.data(), text.size(), &len) != CONNECT_SESSION_OK) {
        return std::string();
    }
    return text;
}

/// Throws Error unless `status` is CONNECT_SESSION_OK.
inline void check(Status status) {
    if (status != CONNECT_SESSION_OK) {
        throw Error(status, last_error(::connect_session_last_error_message),
                    last_error(::connect_session_last_error_json));
    }
}

inline const std::uint8_t *bytes(std::string_view text) noexcept {
    return reinterpret_cast<const std::uint8_t *>(text.data());
}

/// Frees a handle with its model's C function.
template <auto Free>
struct Deleter {
    template <class Handle>
    void operator()(Handle *handle) const noexcept {
        Free(handle);
    }
};

struct StringDeleter {
    void operator()(char *text) const noexcept { ::connect_session_string_free(text); }
};

/// Copies text the library allocated, then frees it.
inline std::string take(char *text, std::size_t len) {
    std::unique_ptr<char, StringDeleter> owned(text);
    return std::string(owned.get(), len);
}

/// A borrowed view of a handle's text (pointer plus length; may hold NULs).
inline std::string_view view(const char *ptr, std::size_t len) noexcept { return std::string_view(ptr, len); }

inline std::optional<std::string_view> view_if(bool is_set, const char *ptr, std::size_t len) {
    if (!is_set) {
        return std::nullopt;
    }
    return view(ptr, len);
}

// The bodies of the accessors, one per shape of C getter; each class's
// member functions name the C function.

/// The canonical JSON a `_to_json` function writes, copied.
template <class Handle>
inline std::string json(const Handle *handle, Status (*write)(const Handle *, char **, std::size_t *)) {
    char *text = nullptr;
    std::size_t len = 0;
    check(write(handle, &text, &len));
    return take(text, len);
}

/// A required field's text, as a view.
template <class Handle>
inline std::string_view text(const Handle *handle, Status (*get)(const Handle *, const char **, std::size_t *)) {
    const char *ptr = nullptr;
    std::size_t len = 0;
    check(get(handle, &ptr, &len));
    return view(ptr, len);
}

/// An optional field's text, as a view, or nothing when unset.
template <class Handle>
inline std::optional<std::string_view> text_if(const Handle *handle,
                                               Status (*get)(const Handle *, bool *, const char **, std::size_t *)) {
    bool is_set = false;
    const char *ptr = nullptr;
    std::size_t len = 0;
    check(get(handle, &is_set, &ptr, &len));
    return view_if(is_set, ptr, len);
}

/// A required field's number, boolean or enumerator (or an effective value).
template <class T, class Handle>
inline T scalar(const Handle *handle, Status (*get)(const Handle *, T *)) {
    T value{};
    check(get(handle, &value));
    return value;
}

/// An optional field's number, boolean or enumerator, or nothing when unset.
template <class T, class Handle>
inline std::optional<T> scalar_if(const Handle *handle, Status (*get)(const Handle *, bool *, T *)) {
    bool is_set = false;
    T value{};
    check(get(handle, &is_set, &value));
    return is_set ? std::optional<T>(value) : std::nullopt;
}

/// A required date-time's instant and offset.
template <class Handle>
inline Instant instant(const Handle *handle,
                       Status (*get)(const Handle *, std::int64_t *, std::uint32_t *, std::int32_t *)) {
    Instant value{};
    check(get(handle, &value.unix_seconds, &value.nanoseconds, &value.offset_minutes));
    return value;
}

/// An optional date-time's instant and offset, or nothing when unset.
template <class Handle>
inline std::optional<Instant> instant_if(
    const Handle *handle, Status (*get)(const Handle *, bool *, std::int64_t *, std::uint32_t *, std::int32_t *)) {
    bool is_set = false;
    Instant value{};
    check(get(handle, &is_set, &value.unix_seconds, &value.nanoseconds, &value.offset_minutes));
    return is_set ? std::optional<Instant>(value) : std::nullopt;
}

/// A categories field's list, copied (empty when unset).
template <class Handle>
inline std::vector<Category> categories(const Handle *handle,
                                        Status (*get)(const Handle *, Category *, std::size_t, std::size_t *)) {
    std::size_t len = 0;
    std::vector<Category> out;
    // Size, then fill; a change in between (another thread) is a misuse.
    Status status = get(handle, nullptr, 0, &len);
    if (status == CONNECT_SESSION_BUFFER_TOO_SMALL) {
        out.resize(len);
        status = get(handle, out.data(), out.size(), &len);
    }
    check(status);
    return out;
}

} // namespace detail

/// The library's version, e.g. "0.1.0".
[[nodiscard]] inline std::string_view version() noexcept { return ::connect_session_version(); }

/// The wire value of a category ("hris-legacy").
[[nodiscard]] inline std::string_view category_name(Category category) {
    const char *name = nullptr;
    std::size_t len = 0;
    detail::check(::connect_session_category_name(category, &name, &len));
    return std::string_view(name, len);
}

/// The category a wire value or alias names ("hrisLegacy" too).
[[nodiscard]] inline Category category_from_name(std::string_view name) {
    Category category{};
    detail::check(::connect_session_category_from_name(detail::bytes(name), name.size(), &category));
    return category;
}

// BEGIN GENERATED: models (make generate)

/// The body of StackOne's "Create Connect Session" request (POST /connect_sessions) (RAII over the C handle).
class ConnectSessionCreate {
public:
    /// A request with the required fields, each checked by its rule.
    ConnectSessionCreate(std::string_view origin_owner_id, std::string_view origin_owner_name) {
        ::ConnectSessionCreate *raw = nullptr;
        detail::check(::connect_session_create_new(detail::bytes(origin_owner_id), origin_owner_id.size(), detail::bytes(origin_owner_name), origin_owner_name.size(), &raw));
        handle_.reset(raw);
    }

    /// Takes ownership of a handle from the C API (NULL gives an empty object).
    [[nodiscard]] static ConnectSessionCreate adopt(::ConnectSessionCreate *handle) noexcept { return ConnectSessionCreate(handle); }

    /// Parses a document, keeping keys outside the model.
    [[nodiscard]] static ConnectSessionCreate from_json(std::string_view json) {
        ::ConnectSessionCreate *raw = nullptr;
        detail::check(::connect_session_create_from_json(detail::bytes(json), json.size(), &raw));
        return ConnectSessionCreate(raw);
    }

    /// Parses a document in strict mode: keys outside the model are errors.
    [[nodiscard]] static ConnectSessionCreate from_json_strict(std::string_view json) {
        ::ConnectSessionCreate *raw = nullptr;
        detail::check(::connect_session_create_from_json_strict(detail::bytes(json), json.size(), &raw));
        return ConnectSessionCreate(raw);
    }

    /// The JSON Schema (draft 2020-12) of the model's JSON, as compact JSON text.
    [[nodiscard]] static std::string json_schema() {
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_json_schema(&text, &len));
        return detail::take(text, len);
    }

    /// Takes the other object's handle; the other holds none afterwards.
    ConnectSessionCreate(ConnectSessionCreate &&) noexcept = default;
    /// Frees this object's handle and takes the other's.
    ConnectSessionCreate &operator=(ConnectSessionCreate &&) noexcept = default;
    ConnectSessionCreate(const ConnectSessionCreate &) = delete;
    ConnectSessionCreate &operator=(const ConnectSessionCreate &) = delete;
    ~ConnectSessionCreate() = default;

    /// A deep copy.
    [[nodiscard]] ConnectSessionCreate clone() const {
        ::ConnectSessionCreate *raw = nullptr;
        detail::check(::connect_session_create_clone(handle_.get(), &raw));
        return ConnectSessionCreate(raw);
    }

    /// The C handle, read-only, still owned by this object (so not offered on
    /// a temporary): for the C functions that take a `const ConnectSessionCreate *`.
    [[nodiscard]] const ::ConnectSessionCreate *get() const & noexcept { return handle_.get(); }
    /// The C handle, still owned by this object, for any C function.
    [[nodiscard]] ::ConnectSessionCreate *get() & noexcept { return handle_.get(); }
    /// Deleted: the handle of a temporary dies with it.
    const ::ConnectSessionCreate *get() const && = delete;

    /// Gives up the C handle; the caller frees it with connect_session_create_free.
    [[nodiscard]] ::ConnectSessionCreate *release() noexcept { return handle_.release(); }

    /// The canonical compact JSON.
    [[nodiscard]] std::string to_json() const { return detail::json(handle_.get(), ::connect_session_create_to_json); }

    /// The canonical JSON indented with two spaces.
    [[nodiscard]] std::string to_json_pretty() const { return detail::json(handle_.get(), ::connect_session_create_to_json_pretty); }

    /// Same value (every field and extra key, in order).
    [[nodiscard]] bool operator==(const ConnectSessionCreate &other) const {
        bool equal = false;
        detail::check(::connect_session_create_equals(handle_.get(), other.handle_.get(), &equal));
        return equal;
    }

    /// Not the same value.
    [[nodiscard]] bool operator!=(const ConnectSessionCreate &other) const { return !(*this == other); }

    // -- account_id: The id of an existing account to reconnect: the hub opens in edit mode for it.

    /// account_id, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> account_id() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_account_id); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> account_id() const && = delete;

    /// Sets account_id.
    void set_account_id(std::string_view value) {
        detail::check(::connect_session_create_set_account_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets account_id.
    void clear_account_id() { detail::check(::connect_session_create_clear_account_id(handle_.get())); }

    // -- categories: The categories of provider the hub offers, in order (repeats kept). Unset: every category.

    /// The categories in order: an owning copy, empty when unset (see
    /// categories_is_set()), safe to iterate even on a temporary.
    [[nodiscard]] std::vector<Category> categories() const { return detail::categories(handle_.get(), ::connect_session_create_get_categories); }

    /// Whether the list is set (an empty list `[]` is; an unset one is absent from the JSON).
    [[nodiscard]] bool categories_is_set() const {
        bool is_set = false;
        std::size_t count = 0;
        detail::check(::connect_session_create_get_categories_count(handle_.get(), &is_set, &count));
        return is_set;
    }

    /// Sets the whole list (order and repeats kept; empty sets `[]`).
    void set_categories(const std::vector<Category> &categories) {
        std::vector<std::uint32_t> raw(categories.begin(), categories.end());
        detail::check(::connect_session_create_set_categories(handle_.get(), raw.data(), raw.size()));
    }

    /// Appends one category, setting the list if it was unset.
    void add_category(Category category) { detail::check(::connect_session_create_add_category(handle_.get(), category)); }

    /// Unsets categories.
    void clear_categories() { detail::check(::connect_session_create_clear_categories(handle_.get())); }

    // -- expires_in: How long the session is valid, in seconds: finite and greater than 0. Unset: the server's default of 1800.

    /// expires_in in seconds, or nothing when unset.
    [[nodiscard]] std::optional<double> expires_in() const { return detail::scalar_if<double>(handle_.get(), ::connect_session_create_get_expires_in); }

    /// Sets expires_in (finite and > 0, else Error with CONNECT_SESSION_INVALID_VALUE).
    void set_expires_in(double value) { detail::check(::connect_session_create_set_expires_in(handle_.get(), value)); }

    /// Unsets expires_in.
    void clear_expires_in() { detail::check(::connect_session_create_clear_expires_in(handle_.get())); }

    /// expires_in, or the server's default when unset.
    [[nodiscard]] double effective_expires_in() const { return detail::scalar<double>(handle_.get(), ::connect_session_create_get_effective_expires_in); }

    // -- integration_id: The id of the integration to connect with.

    /// integration_id, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> integration_id() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_integration_id); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> integration_id() const && = delete;

    /// Sets integration_id.
    void set_integration_id(std::string_view value) {
        detail::check(::connect_session_create_set_integration_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets integration_id.
    void clear_integration_id() { detail::check(::connect_session_create_clear_integration_id(handle_.get())); }

    // -- label: The label given to the account this session creates.

    /// label, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> label() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_label); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> label() const && = delete;

    /// Sets label.
    void set_label(std::string_view value) {
        detail::check(::connect_session_create_set_label(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets label.
    void clear_label() { detail::check(::connect_session_create_clear_label(handle_.get())); }

    // -- metadata: Free-form JSON object stored with the account, kept exactly (key order, nesting and number text).

    /// metadata's canonical JSON, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> metadata() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_metadata); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> metadata() const && = delete;

    /// Sets metadata from JSON text (an object, kept exactly).
    void set_metadata(std::string_view json) {
        detail::check(::connect_session_create_set_metadata(handle_.get(), detail::bytes(json), json.size()));
    }

    /// Unsets metadata.
    void clear_metadata() { detail::check(::connect_session_create_clear_metadata(handle_.get())); }

    // -- multiple: Whether the session may connect more than one account. Unset: the server's default of false.

    /// multiple, or nothing when unset.
    [[nodiscard]] std::optional<bool> multiple() const { return detail::scalar_if<bool>(handle_.get(), ::connect_session_create_get_multiple); }

    /// Sets multiple.
    void set_multiple(bool value) { detail::check(::connect_session_create_set_multiple(handle_.get(), value)); }

    /// Unsets multiple.
    void clear_multiple() { detail::check(::connect_session_create_clear_multiple(handle_.get())); }

    /// multiple, or the server's default when unset.
    [[nodiscard]] bool effective_multiple() const { return detail::scalar<bool>(handle_.get(), ::connect_session_create_get_effective_multiple); }

    // -- origin_owner_id: The id of the account's owner in your system (required).

    /// origin_owner_id (a view: lvalues only).
    [[nodiscard]] std::string_view origin_owner_id() const & { return detail::text(handle_.get(), ::connect_session_create_get_origin_owner_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_id() const && = delete;

    /// Sets origin_owner_id.
    void set_origin_owner_id(std::string_view value) {
        detail::check(::connect_session_create_set_origin_owner_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_owner_name: The name of the account's owner in your system (required).

    /// origin_owner_name (a view: lvalues only).
    [[nodiscard]] std::string_view origin_owner_name() const & { return detail::text(handle_.get(), ::connect_session_create_get_origin_owner_name); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_name() const && = delete;

    /// Sets origin_owner_name.
    void set_origin_owner_name(std::string_view value) {
        detail::check(::connect_session_create_set_origin_owner_name(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_username: The name of the user who creates the session, in your system.

    /// origin_username, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> origin_username() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_origin_username); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> origin_username() const && = delete;

    /// Sets origin_username.
    void set_origin_username(std::string_view value) {
        detail::check(::connect_session_create_set_origin_username(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets origin_username.
    void clear_origin_username() { detail::check(::connect_session_create_clear_origin_username(handle_.get())); }

    // -- provider: The provider to connect to, skipping the hub's choice of provider.

    /// provider, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> provider() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_provider); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> provider() const && = delete;

    /// Sets provider.
    void set_provider(std::string_view value) {
        detail::check(::connect_session_create_set_provider(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets provider.
    void clear_provider() { detail::check(::connect_session_create_clear_provider(handle_.get())); }

    // -- provider_version: The version of the provider's API to connect with.

    /// provider_version, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> provider_version() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_provider_version); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> provider_version() const && = delete;

    /// Sets provider_version.
    void set_provider_version(std::string_view value) {
        detail::check(::connect_session_create_set_provider_version(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets provider_version.
    void clear_provider_version() { detail::check(::connect_session_create_clear_provider_version(handle_.get())); }

    // -- type: The kind of account: "production" or "test"; any other string is kept as given. Unset: the server's default of "production".

    /// type as an enumerator (CONNECT_SESSION_TYPE_OTHER for a value outside the known ones; type_text() has its text), or nothing when unset.
    [[nodiscard]] std::optional<SessionType> type() const { return detail::scalar_if<SessionType>(handle_.get(), ::connect_session_create_get_type); }

    /// type's text exactly as set, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> type_text() const & { return detail::text_if(handle_.get(), ::connect_session_create_get_type_text); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> type_text() const && = delete;

    /// Sets type from its text ("production", "test", or any string, kept as given).
    void set_type(std::string_view value) {
        detail::check(::connect_session_create_set_type(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets type.
    void clear_type() { detail::check(::connect_session_create_clear_type(handle_.get())); }

    /// type, or the server's default when unset.
    [[nodiscard]] SessionType effective_type() const { return detail::scalar<SessionType>(handle_.get(), ::connect_session_create_get_effective_type); }

    /// Sets a field of the model from JSON text ("null" unsets an optional one).
    void set_field_json(std::string_view field, std::string_view json) {
        detail::check(::connect_session_create_set_field_json(handle_.get(), detail::bytes(field), field.size(),
                                           detail::bytes(json), json.size()));
    }

    // -- extra keys (JSON values, in input order)

    /// How many extra keys (keys outside the model) the request holds.
    [[nodiscard]] std::size_t extra_count() const {
        std::size_t count = 0;
        detail::check(::connect_session_create_get_extra_count(handle_.get(), &count));
        return count;
    }

    /// The key and JSON value at `index` (views: lvalues only).
    [[nodiscard]] std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const & {
        const char *key = nullptr, *json = nullptr;
        std::size_t key_len = 0, json_len = 0;
        detail::check(::connect_session_create_get_extra_at(handle_.get(), index, &key, &key_len, &json, &json_len));
        return {detail::view(key, key_len), detail::view(json, json_len)};
    }
    /// Deleted: a view of a temporary would dangle.
    std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const && = delete;

    /// The JSON value of `key`, or nothing when not held (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> extra(std::string_view key) const & {
        bool found = false;
        const char *json = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_extra(handle_.get(), detail::bytes(key), key.size(), &found, &json, &len));
        return detail::view_if(found, json, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> extra(std::string_view key) const && = delete;

    /// Sets an extra key to a JSON value (replaced in place if held, else appended).
    void set_extra(std::string_view key, std::string_view json) {
        detail::check(::connect_session_create_set_extra(handle_.get(), detail::bytes(key), key.size(), detail::bytes(json),
                                      json.size()));
    }

    /// Removes `key`; true when it was held (not [[nodiscard]]: removing is
    /// the point, the answer is a bonus).
    bool remove_extra(std::string_view key) {
        bool removed = false;
        detail::check(::connect_session_create_remove_extra(handle_.get(), detail::bytes(key), key.size(), &removed));
        return removed;
    }

    /// Removes every extra key.
    void clear_extra() { detail::check(::connect_session_create_clear_extra(handle_.get())); }

private:
    explicit ConnectSessionCreate(::ConnectSessionCreate *handle) noexcept : handle_(handle) {}

    std::unique_ptr<::ConnectSessionCreate, detail::Deleter<::connect_session_create_free>> handle_;
};

/// The body of StackOne's "Authenticate Connect Session" request (POST /connect_sessions/authenticate) (RAII over the C handle).
class ConnectSessionAuthenticate {
public:
    /// A request with the required fields, each checked by its rule.
    explicit ConnectSessionAuthenticate(std::string_view token) {
        ::ConnectSessionAuthenticate *raw = nullptr;
        detail::check(::connect_session_authenticate_new(detail::bytes(token), token.size(), &raw));
        handle_.reset(raw);
    }

    /// Takes ownership of a handle from the C API (NULL gives an empty object).
    [[nodiscard]] static ConnectSessionAuthenticate adopt(::ConnectSessionAuthenticate *handle) noexcept { return ConnectSessionAuthenticate(handle); }

    /// Parses a document, keeping keys outside the model.
    [[nodiscard]] static ConnectSessionAuthenticate from_json(std::string_view json) {
        ::ConnectSessionAuthenticate *raw = nullptr;
        detail::check(::connect_session_authenticate_from_json(detail::bytes(json), json.size(), &raw));
        return ConnectSessionAuthenticate(raw);
    }

    /// Parses a document in strict mode: keys outside the model are errors.
    [[nodiscard]] static ConnectSessionAuthenticate from_json_strict(std::string_view json) {
        ::ConnectSessionAuthenticate *raw = nullptr;
        detail::check(::connect_session_authenticate_from_json_strict(detail::bytes(json), json.size(), &raw));
        return ConnectSessionAuthenticate(raw);
    }

    /// The JSON Schema (draft 2020-12) of the model's JSON, as compact JSON text.
    [[nodiscard]] static std::string json_schema() {
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_authenticate_json_schema(&text, &len));
        return detail::take(text, len);
    }

    /// Takes the other object's handle; the other holds none afterwards.
    ConnectSessionAuthenticate(ConnectSessionAuthenticate &&) noexcept = default;
    /// Frees this object's handle and takes the other's.
    ConnectSessionAuthenticate &operator=(ConnectSessionAuthenticate &&) noexcept = default;
    ConnectSessionAuthenticate(const ConnectSessionAuthenticate &) = delete;
    ConnectSessionAuthenticate &operator=(const ConnectSessionAuthenticate &) = delete;
    ~ConnectSessionAuthenticate() = default;

    /// A deep copy.
    [[nodiscard]] ConnectSessionAuthenticate clone() const {
        ::ConnectSessionAuthenticate *raw = nullptr;
        detail::check(::connect_session_authenticate_clone(handle_.get(), &raw));
        return ConnectSessionAuthenticate(raw);
    }

    /// The C handle, read-only, still owned by this object (so not offered on
    /// a temporary): for the C functions that take a `const ConnectSessionAuthenticate *`.
    [[nodiscard]] const ::ConnectSessionAuthenticate *get() const & noexcept { return handle_.get(); }
    /// The C handle, still owned by this object, for any C function.
    [[nodiscard]] ::ConnectSessionAuthenticate *get() & noexcept { return handle_.get(); }
    /// Deleted: the handle of a temporary dies with it.
    const ::ConnectSessionAuthenticate *get() const && = delete;

    /// Gives up the C handle; the caller frees it with connect_session_authenticate_free.
    [[nodiscard]] ::ConnectSessionAuthenticate *release() noexcept { return handle_.release(); }

    /// The canonical compact JSON.
    [[nodiscard]] std::string to_json() const { return detail::json(handle_.get(), ::connect_session_authenticate_to_json); }

    /// The canonical JSON indented with two spaces.
    [[nodiscard]] std::string to_json_pretty() const { return detail::json(handle_.get(), ::connect_session_authenticate_to_json_pretty); }

    /// Same value (every field and extra key, in order).
    [[nodiscard]] bool operator==(const ConnectSessionAuthenticate &other) const {
        bool equal = false;
        detail::check(::connect_session_authenticate_equals(handle_.get(), other.handle_.get(), &equal));
        return equal;
    }

    /// Not the same value.
    [[nodiscard]] bool operator!=(const ConnectSessionAuthenticate &other) const { return !(*this == other); }

    // -- token: The session token that creating the session returned (required).

    /// token (a view: lvalues only).
    [[nodiscard]] std::string_view token() const & { return detail::text(handle_.get(), ::connect_session_authenticate_get_token); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view token() const && = delete;

    /// Sets token.
    void set_token(std::string_view value) {
        detail::check(::connect_session_authenticate_set_token(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Sets a field of the model from JSON text ("null" unsets an optional one).
    void set_field_json(std::string_view field, std::string_view json) {
        detail::check(::connect_session_authenticate_set_field_json(handle_.get(), detail::bytes(field), field.size(),
                                           detail::bytes(json), json.size()));
    }

    // -- extra keys (JSON values, in input order)

    /// How many extra keys (keys outside the model) the request holds.
    [[nodiscard]] std::size_t extra_count() const {
        std::size_t count = 0;
        detail::check(::connect_session_authenticate_get_extra_count(handle_.get(), &count));
        return count;
    }

    /// The key and JSON value at `index` (views: lvalues only).
    [[nodiscard]] std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const & {
        const char *key = nullptr, *json = nullptr;
        std::size_t key_len = 0, json_len = 0;
        detail::check(::connect_session_authenticate_get_extra_at(handle_.get(), index, &key, &key_len, &json, &json_len));
        return {detail::view(key, key_len), detail::view(json, json_len)};
    }
    /// Deleted: a view of a temporary would dangle.
    std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const && = delete;

    /// The JSON value of `key`, or nothing when not held (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> extra(std::string_view key) const & {
        bool found = false;
        const char *json = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_authenticate_get_extra(handle_.get(), detail::bytes(key), key.size(), &found, &json, &len));
        return detail::view_if(found, json, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> extra(std::string_view key) const && = delete;

    /// Sets an extra key to a JSON value (replaced in place if held, else appended).
    void set_extra(std::string_view key, std::string_view json) {
        detail::check(::connect_session_authenticate_set_extra(handle_.get(), detail::bytes(key), key.size(), detail::bytes(json),
                                      json.size()));
    }

    /// Removes `key`; true when it was held (not [[nodiscard]]: removing is
    /// the point, the answer is a bonus).
    bool remove_extra(std::string_view key) {
        bool removed = false;
        detail::check(::connect_session_authenticate_remove_extra(handle_.get(), detail::bytes(key), key.size(), &removed));
        return removed;
    }

    /// Removes every extra key.
    void clear_extra() { detail::check(::connect_session_authenticate_clear_extra(handle_.get())); }

private:
    explicit ConnectSessionAuthenticate(::ConnectSessionAuthenticate *handle) noexcept : handle_(handle) {}

    std::unique_ptr<::ConnectSessionAuthenticate, detail::Deleter<::connect_session_authenticate_free>> handle_;
};

/// The response of StackOne's "Create Connect Session" request: the session created, its token and the link that opens the hub (RAII over the C handle).
class ConnectSessionTokenAuthLink {
public:
    /// A response with the required fields, each checked by its rule.
    ConnectSessionTokenAuthLink(std::string_view auth_link_url, std::string_view created_at, std::int64_t id, std::string_view organization_id, std::string_view origin_owner_id, std::string_view origin_owner_name, std::string_view project_id, std::string_view token) {
        ::ConnectSessionTokenAuthLink *raw = nullptr;
        detail::check(::connect_session_token_auth_link_new(detail::bytes(auth_link_url), auth_link_url.size(), detail::bytes(created_at), created_at.size(), id, detail::bytes(organization_id), organization_id.size(), detail::bytes(origin_owner_id), origin_owner_id.size(), detail::bytes(origin_owner_name), origin_owner_name.size(), detail::bytes(project_id), project_id.size(), detail::bytes(token), token.size(), &raw));
        handle_.reset(raw);
    }

    /// Takes ownership of a handle from the C API (NULL gives an empty object).
    [[nodiscard]] static ConnectSessionTokenAuthLink adopt(::ConnectSessionTokenAuthLink *handle) noexcept { return ConnectSessionTokenAuthLink(handle); }

    /// Parses a document, keeping keys outside the model.
    [[nodiscard]] static ConnectSessionTokenAuthLink from_json(std::string_view json) {
        ::ConnectSessionTokenAuthLink *raw = nullptr;
        detail::check(::connect_session_token_auth_link_from_json(detail::bytes(json), json.size(), &raw));
        return ConnectSessionTokenAuthLink(raw);
    }

    /// Parses a document in strict mode: keys outside the model are errors.
    [[nodiscard]] static ConnectSessionTokenAuthLink from_json_strict(std::string_view json) {
        ::ConnectSessionTokenAuthLink *raw = nullptr;
        detail::check(::connect_session_token_auth_link_from_json_strict(detail::bytes(json), json.size(), &raw));
        return ConnectSessionTokenAuthLink(raw);
    }

    /// The JSON Schema (draft 2020-12) of the model's JSON, as compact JSON text.
    [[nodiscard]] static std::string json_schema() {
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_token_auth_link_json_schema(&text, &len));
        return detail::take(text, len);
    }

    /// Takes the other object's handle; the other holds none afterwards.
    ConnectSessionTokenAuthLink(ConnectSessionTokenAuthLink &&) noexcept = default;
    /// Frees this object's handle and takes the other's.
    ConnectSessionTokenAuthLink &operator=(ConnectSessionTokenAuthLink &&) noexcept = default;
    ConnectSessionTokenAuthLink(const ConnectSessionTokenAuthLink &) = delete;
    ConnectSessionTokenAuthLink &operator=(const ConnectSessionTokenAuthLink &) = delete;
    ~ConnectSessionTokenAuthLink() = default;

    /// A deep copy.
    [[nodiscard]] ConnectSessionTokenAuthLink clone() const {
        ::ConnectSessionTokenAuthLink *raw = nullptr;
        detail::check(::connect_session_token_auth_link_clone(handle_.get(), &raw));
        return ConnectSessionTokenAuthLink(raw);
    }

    /// The C handle, read-only, still owned by this object (so not offered on
    /// a temporary): for the C functions that take a `const ConnectSessionTokenAuthLink *`.
    [[nodiscard]] const ::ConnectSessionTokenAuthLink *get() const & noexcept { return handle_.get(); }
    /// The C handle, still owned by this object, for any C function.
    [[nodiscard]] ::ConnectSessionTokenAuthLink *get() & noexcept { return handle_.get(); }
    /// Deleted: the handle of a temporary dies with it.
    const ::ConnectSessionTokenAuthLink *get() const && = delete;

    /// Gives up the C handle; the caller frees it with connect_session_token_auth_link_free.
    [[nodiscard]] ::ConnectSessionTokenAuthLink *release() noexcept { return handle_.release(); }

    /// The canonical compact JSON.
    [[nodiscard]] std::string to_json() const { return detail::json(handle_.get(), ::connect_session_token_auth_link_to_json); }

    /// The canonical JSON indented with two spaces.
    [[nodiscard]] std::string to_json_pretty() const { return detail::json(handle_.get(), ::connect_session_token_auth_link_to_json_pretty); }

    /// Same value (every field and extra key, in order).
    [[nodiscard]] bool operator==(const ConnectSessionTokenAuthLink &other) const {
        bool equal = false;
        detail::check(::connect_session_token_auth_link_equals(handle_.get(), other.handle_.get(), &equal));
        return equal;
    }

    /// Not the same value.
    [[nodiscard]] bool operator!=(const ConnectSessionTokenAuthLink &other) const { return !(*this == other); }

    // -- account_id: The id of the account the session reconnects, if it was given one.

    /// account_id, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> account_id() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_account_id); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> account_id() const && = delete;

    /// Sets account_id.
    void set_account_id(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_account_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets account_id.
    void clear_account_id() { detail::check(::connect_session_token_auth_link_clear_account_id(handle_.get())); }

    // -- auth_link_url: The link that opens the hub for this session, kept as given (required).

    /// auth_link_url (a view: lvalues only).
    [[nodiscard]] std::string_view auth_link_url() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_auth_link_url); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view auth_link_url() const && = delete;

    /// Sets auth_link_url.
    void set_auth_link_url(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_auth_link_url(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- categories: The categories of provider the hub offers, in order (repeats kept).

    /// The categories in order: an owning copy, empty when unset (see
    /// categories_is_set()), safe to iterate even on a temporary.
    [[nodiscard]] std::vector<Category> categories() const { return detail::categories(handle_.get(), ::connect_session_token_auth_link_get_categories); }

    /// Whether the list is set (an empty list `[]` is; an unset one is absent from the JSON).
    [[nodiscard]] bool categories_is_set() const {
        bool is_set = false;
        std::size_t count = 0;
        detail::check(::connect_session_token_auth_link_get_categories_count(handle_.get(), &is_set, &count));
        return is_set;
    }

    /// Sets the whole list (order and repeats kept; empty sets `[]`).
    void set_categories(const std::vector<Category> &categories) {
        std::vector<std::uint32_t> raw(categories.begin(), categories.end());
        detail::check(::connect_session_token_auth_link_set_categories(handle_.get(), raw.data(), raw.size()));
    }

    /// Appends one category, setting the list if it was unset.
    void add_category(Category category) { detail::check(::connect_session_token_auth_link_add_category(handle_.get(), category)); }

    /// Unsets categories.
    void clear_categories() { detail::check(::connect_session_token_auth_link_clear_categories(handle_.get())); }

    // -- created_at: When the session was created: an RFC 3339 date-time with an offset (required).

    /// created_at's RFC 3339 text, exactly as read (a view: lvalues only).
    [[nodiscard]] std::string_view created_at() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_created_at); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view created_at() const && = delete;

    /// created_at as its instant and offset.
    [[nodiscard]] Instant created_at_time() const { return detail::instant(handle_.get(), ::connect_session_token_auth_link_get_created_at_time); }

    /// Sets created_at from RFC 3339 text, kept as given.
    void set_created_at(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_created_at(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Sets created_at from an instant and an offset (written in one form).
    void set_created_at_time(const Instant &value) {
        detail::check(::connect_session_token_auth_link_set_created_at_time(handle_.get(), value.unix_seconds, value.nanoseconds, value.offset_minutes));
    }

    // -- external_trigger_token: A token with which a system outside the hub can start the connection.

    /// external_trigger_token, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> external_trigger_token() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_external_trigger_token); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> external_trigger_token() const && = delete;

    /// Sets external_trigger_token.
    void set_external_trigger_token(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_external_trigger_token(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets external_trigger_token.
    void clear_external_trigger_token() { detail::check(::connect_session_token_auth_link_clear_external_trigger_token(handle_.get())); }

    // -- id: The session's id: a signed 64-bit integer (required).

    /// id.
    [[nodiscard]] std::int64_t id() const { return detail::scalar<std::int64_t>(handle_.get(), ::connect_session_token_auth_link_get_id); }

    /// Sets id.
    void set_id(std::int64_t value) { detail::check(::connect_session_token_auth_link_set_id(handle_.get(), value)); }

    // -- integration_id: The id of the integration the session connects with.

    /// integration_id, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> integration_id() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_integration_id); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> integration_id() const && = delete;

    /// Sets integration_id.
    void set_integration_id(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_integration_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets integration_id.
    void clear_integration_id() { detail::check(::connect_session_token_auth_link_clear_integration_id(handle_.get())); }

    // -- label: The label given to the account the session creates.

    /// label, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> label() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_label); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> label() const && = delete;

    /// Sets label.
    void set_label(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_label(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets label.
    void clear_label() { detail::check(::connect_session_token_auth_link_clear_label(handle_.get())); }

    // -- metadata: The metadata given when the session was created, kept exactly (key order, nesting and number text).

    /// metadata's canonical JSON, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> metadata() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_metadata); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> metadata() const && = delete;

    /// Sets metadata from JSON text (an object, kept exactly).
    void set_metadata(std::string_view json) {
        detail::check(::connect_session_token_auth_link_set_metadata(handle_.get(), detail::bytes(json), json.size()));
    }

    /// Unsets metadata.
    void clear_metadata() { detail::check(::connect_session_token_auth_link_clear_metadata(handle_.get())); }

    // -- organization_id: The id of the StackOne organization the session belongs to (required).

    /// organization_id (a view: lvalues only).
    [[nodiscard]] std::string_view organization_id() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_organization_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view organization_id() const && = delete;

    /// Sets organization_id.
    void set_organization_id(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_organization_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_owner_id: The id of the account's owner in your system (required).

    /// origin_owner_id (a view: lvalues only).
    [[nodiscard]] std::string_view origin_owner_id() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_origin_owner_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_id() const && = delete;

    /// Sets origin_owner_id.
    void set_origin_owner_id(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_origin_owner_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_owner_name: The name of the account's owner in your system (required).

    /// origin_owner_name (a view: lvalues only).
    [[nodiscard]] std::string_view origin_owner_name() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_origin_owner_name); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_name() const && = delete;

    /// Sets origin_owner_name.
    void set_origin_owner_name(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_origin_owner_name(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_username: The name of the user who created the session, in your system.

    /// origin_username, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> origin_username() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_origin_username); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> origin_username() const && = delete;

    /// Sets origin_username.
    void set_origin_username(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_origin_username(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets origin_username.
    void clear_origin_username() { detail::check(::connect_session_token_auth_link_clear_origin_username(handle_.get())); }

    // -- project_id: The id of the StackOne project the session belongs to (required).

    /// project_id (a view: lvalues only).
    [[nodiscard]] std::string_view project_id() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_project_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view project_id() const && = delete;

    /// Sets project_id.
    void set_project_id(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_project_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- provider: The provider the session connects to.

    /// provider, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> provider() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_provider); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> provider() const && = delete;

    /// Sets provider.
    void set_provider(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_provider(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets provider.
    void clear_provider() { detail::check(::connect_session_token_auth_link_clear_provider(handle_.get())); }

    // -- token: The session token, which the hub authenticates with (required).

    /// token (a view: lvalues only).
    [[nodiscard]] std::string_view token() const & { return detail::text(handle_.get(), ::connect_session_token_auth_link_get_token); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view token() const && = delete;

    /// Sets token.
    void set_token(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_token(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- type: The kind of account: "production" or "test"; any other string is kept as given.

    /// type as an enumerator (CONNECT_SESSION_TYPE_OTHER for a value outside the known ones; type_text() has its text), or nothing when unset.
    [[nodiscard]] std::optional<SessionType> type() const { return detail::scalar_if<SessionType>(handle_.get(), ::connect_session_token_auth_link_get_type); }

    /// type's text exactly as set, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> type_text() const & { return detail::text_if(handle_.get(), ::connect_session_token_auth_link_get_type_text); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> type_text() const && = delete;

    /// Sets type from its text ("production", "test", or any string, kept as given).
    void set_type(std::string_view value) {
        detail::check(::connect_session_token_auth_link_set_type(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets type.
    void clear_type() { detail::check(::connect_session_token_auth_link_clear_type(handle_.get())); }

    /// Sets a field of the model from JSON text ("null" unsets an optional one).
    void set_field_json(std::string_view field, std::string_view json) {
        detail::check(::connect_session_token_auth_link_set_field_json(handle_.get(), detail::bytes(field), field.size(),
                                           detail::bytes(json), json.size()));
    }

    // -- extra keys (JSON values, in input order)

    /// How many extra keys (keys outside the model) the response holds.
    [[nodiscard]] std::size_t extra_count() const {
        std::size_t count = 0;
        detail::check(::connect_session_token_auth_link_get_extra_count(handle_.get(), &count));
        return count;
    }

    /// The key and JSON value at `index` (views: lvalues only).
    [[nodiscard]] std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const & {
        const char *key = nullptr, *json = nullptr;
        std::size_t key_len = 0, json_len = 0;
        detail::check(::connect_session_token_auth_link_get_extra_at(handle_.get(), index, &key, &key_len, &json, &json_len));
        return {detail::view(key, key_len), detail::view(json, json_len)};
    }
    /// Deleted: a view of a temporary would dangle.
    std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const && = delete;

    /// The JSON value of `key`, or nothing when not held (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> extra(std::string_view key) const & {
        bool found = false;
        const char *json = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_token_auth_link_get_extra(handle_.get(), detail::bytes(key), key.size(), &found, &json, &len));
        return detail::view_if(found, json, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> extra(std::string_view key) const && = delete;

    /// Sets an extra key to a JSON value (replaced in place if held, else appended).
    void set_extra(std::string_view key, std::string_view json) {
        detail::check(::connect_session_token_auth_link_set_extra(handle_.get(), detail::bytes(key), key.size(), detail::bytes(json),
                                      json.size()));
    }

    /// Removes `key`; true when it was held (not [[nodiscard]]: removing is
    /// the point, the answer is a bonus).
    bool remove_extra(std::string_view key) {
        bool removed = false;
        detail::check(::connect_session_token_auth_link_remove_extra(handle_.get(), detail::bytes(key), key.size(), &removed));
        return removed;
    }

    /// Removes every extra key.
    void clear_extra() { detail::check(::connect_session_token_auth_link_clear_extra(handle_.get())); }

private:
    explicit ConnectSessionTokenAuthLink(::ConnectSessionTokenAuthLink *handle) noexcept : handle_(handle) {}

    std::unique_ptr<::ConnectSessionTokenAuthLink, detail::Deleter<::connect_session_token_auth_link_free>> handle_;
};

/// The response of StackOne's "Authenticate Connect Session" request: the session the token belongs to (RAII over the C handle).
class ConnectSession {
public:
    /// A response with the required fields, each checked by its rule.
    ConnectSession(std::string_view created_at, std::int64_t id, std::string_view organization_id, std::string_view origin_owner_id, std::string_view origin_owner_name, std::string_view project_id) {
        ::ConnectSession *raw = nullptr;
        detail::check(::connect_session_session_new(detail::bytes(created_at), created_at.size(), id, detail::bytes(organization_id), organization_id.size(), detail::bytes(origin_owner_id), origin_owner_id.size(), detail::bytes(origin_owner_name), origin_owner_name.size(), detail::bytes(project_id), project_id.size(), &raw));
        handle_.reset(raw);
    }

    /// Takes ownership of a handle from the C API (NULL gives an empty object).
    [[nodiscard]] static ConnectSession adopt(::ConnectSession *handle) noexcept { return ConnectSession(handle); }

    /// Parses a document, keeping keys outside the model.
    [[nodiscard]] static ConnectSession from_json(std::string_view json) {
        ::ConnectSession *raw = nullptr;
        detail::check(::connect_session_session_from_json(detail::bytes(json), json.size(), &raw));
        return ConnectSession(raw);
    }

    /// Parses a document in strict mode: keys outside the model are errors.
    [[nodiscard]] static ConnectSession from_json_strict(std::string_view json) {
        ::ConnectSession *raw = nullptr;
        detail::check(::connect_session_session_from_json_strict(detail::bytes(json), json.size(), &raw));
        return ConnectSession(raw);
    }

    /// The JSON Schema (draft 2020-12) of the model's JSON, as compact JSON text.
    [[nodiscard]] static std::string json_schema() {
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_session_json_schema(&text, &len));
        return detail::take(text, len);
    }

    /// Takes the other object's handle; the other holds none afterwards.
    ConnectSession(ConnectSession &&) noexcept = default;
    /// Frees this object's handle and takes the other's.
    ConnectSession &operator=(ConnectSession &&) noexcept = default;
    ConnectSession(const ConnectSession &) = delete;
    ConnectSession &operator=(const ConnectSession &) = delete;
    ~ConnectSession() = default;

    /// A deep copy.
    [[nodiscard]] ConnectSession clone() const {
        ::ConnectSession *raw = nullptr;
        detail::check(::connect_session_session_clone(handle_.get(), &raw));
        return ConnectSession(raw);
    }

    /// The C handle, read-only, still owned by this object (so not offered on
    /// a temporary): for the C functions that take a `const ConnectSession *`.
    [[nodiscard]] const ::ConnectSession *get() const & noexcept { return handle_.get(); }
    /// The C handle, still owned by this object, for any C function.
    [[nodiscard]] ::ConnectSession *get() & noexcept { return handle_.get(); }
    /// Deleted: the handle of a temporary dies with it.
    const ::ConnectSession *get() const && = delete;

    /// Gives up the C handle; the caller frees it with connect_session_session_free.
    [[nodiscard]] ::ConnectSession *release() noexcept { return handle_.release(); }

    /// The canonical compact JSON.
    [[nodiscard]] std::string to_json() const { return detail::json(handle_.get(), ::connect_session_session_to_json); }

    /// The canonical JSON indented with two spaces.
    [[nodiscard]] std::string to_json_pretty() const { return detail::json(handle_.get(), ::connect_session_session_to_json_pretty); }

    /// Same value (every field and extra key, in order).
    [[nodiscard]] bool operator==(const ConnectSession &other) const {
        bool equal = false;
        detail::check(::connect_session_session_equals(handle_.get(), other.handle_.get(), &equal));
        return equal;
    }

    /// Not the same value.
    [[nodiscard]] bool operator!=(const ConnectSession &other) const { return !(*this == other); }

    // -- account_id: The id of the account the session reconnects, if it was given one.

    /// account_id, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> account_id() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_account_id); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> account_id() const && = delete;

    /// Sets account_id.
    void set_account_id(std::string_view value) {
        detail::check(::connect_session_session_set_account_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets account_id.
    void clear_account_id() { detail::check(::connect_session_session_clear_account_id(handle_.get())); }

    // -- categories: The categories of provider the hub offers, in order (repeats kept).

    /// The categories in order: an owning copy, empty when unset (see
    /// categories_is_set()), safe to iterate even on a temporary.
    [[nodiscard]] std::vector<Category> categories() const { return detail::categories(handle_.get(), ::connect_session_session_get_categories); }

    /// Whether the list is set (an empty list `[]` is; an unset one is absent from the JSON).
    [[nodiscard]] bool categories_is_set() const {
        bool is_set = false;
        std::size_t count = 0;
        detail::check(::connect_session_session_get_categories_count(handle_.get(), &is_set, &count));
        return is_set;
    }

    /// Sets the whole list (order and repeats kept; empty sets `[]`).
    void set_categories(const std::vector<Category> &categories) {
        std::vector<std::uint32_t> raw(categories.begin(), categories.end());
        detail::check(::connect_session_session_set_categories(handle_.get(), raw.data(), raw.size()));
    }

    /// Appends one category, setting the list if it was unset.
    void add_category(Category category) { detail::check(::connect_session_session_add_category(handle_.get(), category)); }

    /// Unsets categories.
    void clear_categories() { detail::check(::connect_session_session_clear_categories(handle_.get())); }

    // -- created_at: When the session was created: an RFC 3339 date-time with an offset (required).

    /// created_at's RFC 3339 text, exactly as read (a view: lvalues only).
    [[nodiscard]] std::string_view created_at() const & { return detail::text(handle_.get(), ::connect_session_session_get_created_at); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view created_at() const && = delete;

    /// created_at as its instant and offset.
    [[nodiscard]] Instant created_at_time() const { return detail::instant(handle_.get(), ::connect_session_session_get_created_at_time); }

    /// Sets created_at from RFC 3339 text, kept as given.
    void set_created_at(std::string_view value) {
        detail::check(::connect_session_session_set_created_at(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Sets created_at from an instant and an offset (written in one form).
    void set_created_at_time(const Instant &value) {
        detail::check(::connect_session_session_set_created_at_time(handle_.get(), value.unix_seconds, value.nanoseconds, value.offset_minutes));
    }

    // -- external_trigger_token: A token with which a system outside the hub can start the connection.

    /// external_trigger_token, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> external_trigger_token() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_external_trigger_token); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> external_trigger_token() const && = delete;

    /// Sets external_trigger_token.
    void set_external_trigger_token(std::string_view value) {
        detail::check(::connect_session_session_set_external_trigger_token(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets external_trigger_token.
    void clear_external_trigger_token() { detail::check(::connect_session_session_clear_external_trigger_token(handle_.get())); }

    // -- id: The session's id: a signed 64-bit integer (required).

    /// id.
    [[nodiscard]] std::int64_t id() const { return detail::scalar<std::int64_t>(handle_.get(), ::connect_session_session_get_id); }

    /// Sets id.
    void set_id(std::int64_t value) { detail::check(::connect_session_session_set_id(handle_.get(), value)); }

    // -- integration_id: The id of the integration the session connects with.

    /// integration_id, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> integration_id() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_integration_id); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> integration_id() const && = delete;

    /// Sets integration_id.
    void set_integration_id(std::string_view value) {
        detail::check(::connect_session_session_set_integration_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets integration_id.
    void clear_integration_id() { detail::check(::connect_session_session_clear_integration_id(handle_.get())); }

    // -- label: The label given to the account the session creates.

    /// label, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> label() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_label); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> label() const && = delete;

    /// Sets label.
    void set_label(std::string_view value) {
        detail::check(::connect_session_session_set_label(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets label.
    void clear_label() { detail::check(::connect_session_session_clear_label(handle_.get())); }

    // -- metadata: The metadata given when the session was created, kept exactly (key order, nesting and number text).

    /// metadata's canonical JSON, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> metadata() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_metadata); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> metadata() const && = delete;

    /// Sets metadata from JSON text (an object, kept exactly).
    void set_metadata(std::string_view json) {
        detail::check(::connect_session_session_set_metadata(handle_.get(), detail::bytes(json), json.size()));
    }

    /// Unsets metadata.
    void clear_metadata() { detail::check(::connect_session_session_clear_metadata(handle_.get())); }

    // -- organization_id: The id of the StackOne organization the session belongs to (required).

    /// organization_id (a view: lvalues only).
    [[nodiscard]] std::string_view organization_id() const & { return detail::text(handle_.get(), ::connect_session_session_get_organization_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view organization_id() const && = delete;

    /// Sets organization_id.
    void set_organization_id(std::string_view value) {
        detail::check(::connect_session_session_set_organization_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_owner_id: The id of the account's owner in your system (required).

    /// origin_owner_id (a view: lvalues only).
    [[nodiscard]] std::string_view origin_owner_id() const & { return detail::text(handle_.get(), ::connect_session_session_get_origin_owner_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_id() const && = delete;

    /// Sets origin_owner_id.
    void set_origin_owner_id(std::string_view value) {
        detail::check(::connect_session_session_set_origin_owner_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_owner_name: The name of the account's owner in your system (required).

    /// origin_owner_name (a view: lvalues only).
    [[nodiscard]] std::string_view origin_owner_name() const & { return detail::text(handle_.get(), ::connect_session_session_get_origin_owner_name); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_name() const && = delete;

    /// Sets origin_owner_name.
    void set_origin_owner_name(std::string_view value) {
        detail::check(::connect_session_session_set_origin_owner_name(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- origin_username: The name of the user who created the session, in your system.

    /// origin_username, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> origin_username() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_origin_username); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> origin_username() const && = delete;

    /// Sets origin_username.
    void set_origin_username(std::string_view value) {
        detail::check(::connect_session_session_set_origin_username(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets origin_username.
    void clear_origin_username() { detail::check(::connect_session_session_clear_origin_username(handle_.get())); }

    // -- project_id: The id of the StackOne project the session belongs to (required).

    /// project_id (a view: lvalues only).
    [[nodiscard]] std::string_view project_id() const & { return detail::text(handle_.get(), ::connect_session_session_get_project_id); }
    /// Deleted: a view of a temporary would dangle.
    std::string_view project_id() const && = delete;

    /// Sets project_id.
    void set_project_id(std::string_view value) {
        detail::check(::connect_session_session_set_project_id(handle_.get(), detail::bytes(value), value.size()));
    }

    // -- provider: The provider the session connects to.

    /// provider, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> provider() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_provider); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> provider() const && = delete;

    /// Sets provider.
    void set_provider(std::string_view value) {
        detail::check(::connect_session_session_set_provider(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets provider.
    void clear_provider() { detail::check(::connect_session_session_clear_provider(handle_.get())); }

    // -- type: The kind of account: "production" or "test"; any other string is kept as given.

    /// type as an enumerator (CONNECT_SESSION_TYPE_OTHER for a value outside the known ones; type_text() has its text), or nothing when unset.
    [[nodiscard]] std::optional<SessionType> type() const { return detail::scalar_if<SessionType>(handle_.get(), ::connect_session_session_get_type); }

    /// type's text exactly as set, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> type_text() const & { return detail::text_if(handle_.get(), ::connect_session_session_get_type_text); }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> type_text() const && = delete;

    /// Sets type from its text ("production", "test", or any string, kept as given).
    void set_type(std::string_view value) {
        detail::check(::connect_session_session_set_type(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets type.
    void clear_type() { detail::check(::connect_session_session_clear_type(handle_.get())); }

    /// Sets a field of the model from JSON text ("null" unsets an optional one).
    void set_field_json(std::string_view field, std::string_view json) {
        detail::check(::connect_session_session_set_field_json(handle_.get(), detail::bytes(field), field.size(),
                                           detail::bytes(json), json.size()));
    }

    // -- extra keys (JSON values, in input order)

    /// How many extra keys (keys outside the model) the response holds.
    [[nodiscard]] std::size_t extra_count() const {
        std::size_t count = 0;
        detail::check(::connect_session_session_get_extra_count(handle_.get(), &count));
        return count;
    }

    /// The key and JSON value at `index` (views: lvalues only).
    [[nodiscard]] std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const & {
        const char *key = nullptr, *json = nullptr;
        std::size_t key_len = 0, json_len = 0;
        detail::check(::connect_session_session_get_extra_at(handle_.get(), index, &key, &key_len, &json, &json_len));
        return {detail::view(key, key_len), detail::view(json, json_len)};
    }
    /// Deleted: a view of a temporary would dangle.
    std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const && = delete;

    /// The JSON value of `key`, or nothing when not held (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> extra(std::string_view key) const & {
        bool found = false;
        const char *json = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_session_get_extra(handle_.get(), detail::bytes(key), key.size(), &found, &json, &len));
        return detail::view_if(found, json, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> extra(std::string_view key) const && = delete;

    /// Sets an extra key to a JSON value (replaced in place if held, else appended).
    void set_extra(std::string_view key, std::string_view json) {
        detail::check(::connect_session_session_set_extra(handle_.get(), detail::bytes(key), key.size(), detail::bytes(json),
                                      json.size()));
    }

    /// Removes `key`; true when it was held (not [[nodiscard]]: removing is
    /// the point, the answer is a bonus).
    bool remove_extra(std::string_view key) {
        bool removed = false;
        detail::check(::connect_session_session_remove_extra(handle_.get(), detail::bytes(key), key.size(), &removed));
        return removed;
    }

    /// Removes every extra key.
    void clear_extra() { detail::check(::connect_session_session_clear_extra(handle_.get())); }

private:
    explicit ConnectSession(::ConnectSession *handle) noexcept : handle_(handle) {}

    std::unique_ptr<::ConnectSession, detail::Deleter<::connect_session_session_free>> handle_;
};
// END GENERATED: models

} // namespace connect_session

#endif // CONNECT_SESSION_HPP
