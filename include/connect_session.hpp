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

struct HandleDeleter {
    void operator()(::ConnectSessionCreate *handle) const noexcept {
        ::connect_session_create_free(handle);
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

/// A Create Connect Session request (RAII over the C handle).
class ConnectSessionCreate {
public:
    /// A request with the two required fields.
    ConnectSessionCreate(std::string_view origin_owner_id, std::string_view origin_owner_name) {
        ::ConnectSessionCreate *raw = nullptr;
        detail::check(::connect_session_create_new(detail::bytes(origin_owner_id), origin_owner_id.size(),
                                                   detail::bytes(origin_owner_name),
                                                   origin_owner_name.size(), &raw));
        handle_.reset(raw);
    }

    /// Takes ownership of a handle from the C API (NULL gives an empty object).
    [[nodiscard]] static ConnectSessionCreate adopt(::ConnectSessionCreate *handle) noexcept {
        return ConnectSessionCreate(handle);
    }

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

    /// The JSON Schema (draft 2020-12) of the request's JSON, as compact JSON text.
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
    const ::ConnectSessionCreate *get() const && = delete;

    /// Gives up the C handle; the caller frees it with connect_session_create_free.
    [[nodiscard]] ::ConnectSessionCreate *release() noexcept { return handle_.release(); }

    /// The canonical compact JSON.
    [[nodiscard]] std::string to_json() const {
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_to_json(handle_.get(), &text, &len));
        return detail::take(text, len);
    }

    /// The canonical JSON indented with two spaces.
    [[nodiscard]] std::string to_json_pretty() const {
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_to_json_pretty(handle_.get(), &text, &len));
        return detail::take(text, len);
    }

    /// Same value (every field and extra key, in order).
    [[nodiscard]] bool operator==(const ConnectSessionCreate &other) const {
        bool equal = false;
        detail::check(::connect_session_create_equals(handle_.get(), other.handle_.get(), &equal));
        return equal;
    }

    /// Not the same value.
    [[nodiscard]] bool operator!=(const ConnectSessionCreate &other) const { return !(*this == other); }

    // -- categories

    /// The categories in order: an owning copy, empty when unset (see
    /// categories_is_set()), safe to iterate even on a temporary.
    [[nodiscard]] std::vector<Category> categories() const {
        std::size_t len = 0;
        std::vector<Category> out;
        // Size, then fill; a change in between (another thread) is a misuse.
        Status status = ::connect_session_create_get_categories(handle_.get(), nullptr, 0, &len);
        if (status == CONNECT_SESSION_BUFFER_TOO_SMALL) {
            out.resize(len);
            status = ::connect_session_create_get_categories(handle_.get(), out.data(), out.size(), &len);
        }
        detail::check(status);
        return out;
    }

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
    void add_category(Category category) {
        detail::check(::connect_session_create_add_category(handle_.get(), category));
    }

    /// Unsets the categories.
    void clear_categories() { detail::check(::connect_session_create_clear_categories(handle_.get())); }

    // -- expires_in

    /// Seconds, or nothing when unset.
    [[nodiscard]] std::optional<double> expires_in() const {
        bool is_set = false;
        double seconds = 0;
        detail::check(::connect_session_create_get_expires_in(handle_.get(), &is_set, &seconds));
        return is_set ? std::optional<double>(seconds) : std::nullopt;
    }

    /// expires_in, or the server's default when unset.
    [[nodiscard]] double effective_expires_in() const {
        double seconds = 0;
        detail::check(::connect_session_create_get_effective_expires_in(handle_.get(), &seconds));
        return seconds;
    }

    /// Sets expires_in (finite and > 0, else Error with CONNECT_SESSION_INVALID_VALUE).
    void set_expires_in(double seconds) {
        detail::check(::connect_session_create_set_expires_in(handle_.get(), seconds));
    }

    /// Unsets expires_in.
    void clear_expires_in() { detail::check(::connect_session_create_clear_expires_in(handle_.get())); }

    // -- metadata (as JSON text: an object, kept exactly)

    /// The metadata's canonical JSON, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> metadata() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_metadata(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }

    std::optional<std::string_view> metadata() const && = delete;

    /// Sets the metadata from JSON text (an object, kept exactly).
    void set_metadata(std::string_view json) {
        detail::check(::connect_session_create_set_metadata(handle_.get(), detail::bytes(json), json.size()));
    }

    /// Unsets the metadata.
    void clear_metadata() { detail::check(::connect_session_create_clear_metadata(handle_.get())); }

    // -- multiple

    /// multiple, or nothing when unset (the server's default is false).
    [[nodiscard]] std::optional<bool> multiple() const {
        bool is_set = false;
        bool value = false;
        detail::check(::connect_session_create_get_multiple(handle_.get(), &is_set, &value));
        return is_set ? std::optional<bool>(value) : std::nullopt;
    }

    /// Sets multiple.
    void set_multiple(bool value) { detail::check(::connect_session_create_set_multiple(handle_.get(), value)); }

    /// Unsets multiple.
    void clear_multiple() { detail::check(::connect_session_create_clear_multiple(handle_.get())); }

    // -- type (an open set: production, test, or any other string kept as given)

    /// The session type as an enumerator (CONNECT_SESSION_TYPE_OTHER for a value outside the
    /// known ones; type_text() has its text), or nothing when unset.
    [[nodiscard]] std::optional<SessionType> type() const {
        bool is_set = false;
        SessionType kind{};
        detail::check(::connect_session_create_get_type(handle_.get(), &is_set, &kind));
        return is_set ? std::optional<SessionType>(kind) : std::nullopt;
    }

    /// The session type's text exactly as set, or nothing when unset (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> type_text() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_type_text(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> type_text() const && = delete;

    /// Sets the session type from its text ("production", "test", or any string, kept as given).
    void set_type(std::string_view value) {
        detail::check(::connect_session_create_set_type(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets the session type.
    void clear_type() { detail::check(::connect_session_create_clear_type(handle_.get())); }

    // -- text fields (views: lvalues only)

    // BEGIN GENERATED: text fields (tests/generated.rs renders this block; make generate)

    /// account_id, or nothing when unset (a view: lvalues only).
    /// The id of an existing account to reconnect: the hub opens in edit mode for it.
    [[nodiscard]] std::optional<std::string_view> account_id() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_account_id(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> account_id() const && = delete;

    /// Sets account_id.
    void set_account_id(std::string_view value) {
        detail::check(::connect_session_create_set_account_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets account_id.
    void clear_account_id() { detail::check(::connect_session_create_clear_account_id(handle_.get())); }

    /// integration_id, or nothing when unset (a view: lvalues only).
    /// The id of the integration to connect with.
    [[nodiscard]] std::optional<std::string_view> integration_id() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_integration_id(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> integration_id() const && = delete;

    /// Sets integration_id.
    void set_integration_id(std::string_view value) {
        detail::check(::connect_session_create_set_integration_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets integration_id.
    void clear_integration_id() { detail::check(::connect_session_create_clear_integration_id(handle_.get())); }

    /// label, or nothing when unset (a view: lvalues only).
    /// The label given to the account this session creates.
    [[nodiscard]] std::optional<std::string_view> label() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_label(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> label() const && = delete;

    /// Sets label.
    void set_label(std::string_view value) {
        detail::check(::connect_session_create_set_label(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets label.
    void clear_label() { detail::check(::connect_session_create_clear_label(handle_.get())); }

    /// origin_owner_id (required; a view: lvalues only).
    /// The id of the account's owner in your system (required).
    [[nodiscard]] std::string_view origin_owner_id() const & {
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_origin_owner_id(handle_.get(), &ptr, &len));
        return detail::view(ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_id() const && = delete;

    /// Sets origin_owner_id.
    void set_origin_owner_id(std::string_view value) {
        detail::check(::connect_session_create_set_origin_owner_id(handle_.get(), detail::bytes(value), value.size()));
    }

    /// origin_owner_name (required; a view: lvalues only).
    /// The name of the account's owner in your system (required).
    [[nodiscard]] std::string_view origin_owner_name() const & {
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_origin_owner_name(handle_.get(), &ptr, &len));
        return detail::view(ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::string_view origin_owner_name() const && = delete;

    /// Sets origin_owner_name.
    void set_origin_owner_name(std::string_view value) {
        detail::check(::connect_session_create_set_origin_owner_name(handle_.get(), detail::bytes(value), value.size()));
    }

    /// origin_username, or nothing when unset (a view: lvalues only).
    /// The name of the user who creates the session, in your system.
    [[nodiscard]] std::optional<std::string_view> origin_username() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_origin_username(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> origin_username() const && = delete;

    /// Sets origin_username.
    void set_origin_username(std::string_view value) {
        detail::check(::connect_session_create_set_origin_username(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets origin_username.
    void clear_origin_username() { detail::check(::connect_session_create_clear_origin_username(handle_.get())); }

    /// provider, or nothing when unset (a view: lvalues only).
    /// The provider to connect to, skipping the hub's choice of provider.
    [[nodiscard]] std::optional<std::string_view> provider() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_provider(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> provider() const && = delete;

    /// Sets provider.
    void set_provider(std::string_view value) {
        detail::check(::connect_session_create_set_provider(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets provider.
    void clear_provider() { detail::check(::connect_session_create_clear_provider(handle_.get())); }

    /// provider_version, or nothing when unset (a view: lvalues only).
    /// The version of the provider's API to connect with.
    [[nodiscard]] std::optional<std::string_view> provider_version() const & {
        bool is_set = false;
        const char *ptr = nullptr;
        std::size_t len = 0;
        detail::check(::connect_session_create_get_provider_version(handle_.get(), &is_set, &ptr, &len));
        return detail::view_if(is_set, ptr, len);
    }
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> provider_version() const && = delete;

    /// Sets provider_version.
    void set_provider_version(std::string_view value) {
        detail::check(::connect_session_create_set_provider_version(handle_.get(), detail::bytes(value), value.size()));
    }

    /// Unsets provider_version.
    void clear_provider_version() { detail::check(::connect_session_create_clear_provider_version(handle_.get())); }
    // END GENERATED: text fields

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
        detail::check(
            ::connect_session_create_get_extra_at(handle_.get(), index, &key, &key_len, &json, &json_len));
        return {detail::view(key, key_len), detail::view(json, json_len)};
    }
    std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const && = delete;

    /// The JSON value of `key`, or nothing when not held (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> extra(std::string_view key) const & {
        bool found = false;
        const char *json = nullptr;
        std::size_t len = 0;
        detail::check(
            ::connect_session_create_get_extra(handle_.get(), detail::bytes(key), key.size(), &found, &json, &len));
        return detail::view_if(found, json, len);
    }

    std::optional<std::string_view> extra(std::string_view key) const && = delete;

    /// Sets an extra key to a JSON value (replaced in place if held, else appended).
    void set_extra(std::string_view key, std::string_view json) {
        detail::check(::connect_session_create_set_extra(handle_.get(), detail::bytes(key), key.size(),
                                                         detail::bytes(json), json.size()));
    }

    /// Removes `key`; true when it was held (not [[nodiscard]]: removing is
    /// the point, the answer is a bonus).
    bool remove_extra(std::string_view key) {
        bool removed = false;
        detail::check(
            ::connect_session_create_remove_extra(handle_.get(), detail::bytes(key), key.size(), &removed));
        return removed;
    }

    /// Removes every extra key.
    void clear_extra() { detail::check(::connect_session_create_clear_extra(handle_.get())); }

private:
    explicit ConnectSessionCreate(::ConnectSessionCreate *handle) noexcept : handle_(handle) {}

    std::unique_ptr<::ConnectSessionCreate, detail::HandleDeleter> handle_;
};

} // namespace connect_session

#endif // CONNECT_SESSION_HPP
