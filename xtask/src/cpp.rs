//! The C++ wrapper's classes (`include/connect_session.hpp`, between its
//! markers): one move-only RAII class per model over its C handle, with the
//! accessors of each row's kind. Every call is the C function's; the class
//! only owns the handle and turns statuses into exceptions.

use std::fmt::Write as _;

use connect_session::{models, FieldDef, FieldKind, ModelDef};

use crate::text::{required, singular};
use crate::Output;

/// C++'s keywords: a wire key that is one takes a trailing underscore.
const KEYWORDS: &[&str] = &[
    "alignas",
    "alignof",
    "and",
    "asm",
    "auto",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "constexpr",
    "continue",
    "default",
    "delete",
    "do",
    "double",
    "else",
    "enum",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "nullptr",
    "operator",
    "or",
    "private",
    "protected",
    "public",
    "register",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "template",
    "this",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
    "xor",
];

fn ident(key: &str) -> String {
    if KEYWORDS.contains(&key) {
        format!("{key}_")
    } else {
        key.to_owned()
    }
}

pub(crate) fn outputs() -> Vec<Output> {
    let mut out = String::new();
    for model in models::ALL {
        class(&mut out, model);
    }
    vec![Output {
        path: "include/connect_session.hpp".to_owned(),
        region: Some("models"),
        content: out,
    }]
}

fn class(out: &mut String, model: &ModelDef) {
    let (name, p) = (model.name, model.value_name);
    let h = format!("connect_session_{}", model.c_name);
    let mut params = Vec::new();
    let mut args = Vec::new();
    for (_, field) in required(model) {
        let key = ident(field.key);
        match field.kind {
            FieldKind::Integer => {
                params.push(format!("std::int64_t {key}"));
                args.push(key);
            }
            FieldKind::Boolean => {
                params.push(format!("bool {key}"));
                args.push(key);
            }
            _ => {
                params.push(format!("std::string_view {key}"));
                args.push(format!("detail::bytes({key}), {key}.size()"));
            }
        }
    }
    let explicit = if params.len() == 1 { "explicit " } else { "" };
    let _ = write!(
        out,
        r#"
/// {doc} (RAII over the C handle).
class {name} {{
public:
    /// A {p} with the required fields, each checked by its rule.
    {explicit}{name}({params}) {{
        ::{name} *raw = nullptr;
        detail::check(::{h}_new({args}, &raw));
        handle_.reset(raw);
    }}

    /// Takes ownership of a handle from the C API (NULL gives an empty object).
    [[nodiscard]] static {name} adopt(::{name} *handle) noexcept {{ return {name}(handle); }}

    /// Parses a document, keeping keys outside the model.
    [[nodiscard]] static {name} from_json(std::string_view json) {{
        ::{name} *raw = nullptr;
        detail::check(::{h}_from_json(detail::bytes(json), json.size(), &raw));
        return {name}(raw);
    }}

    /// Parses a document in strict mode: keys outside the model are errors.
    [[nodiscard]] static {name} from_json_strict(std::string_view json) {{
        ::{name} *raw = nullptr;
        detail::check(::{h}_from_json_strict(detail::bytes(json), json.size(), &raw));
        return {name}(raw);
    }}

    /// The JSON Schema (draft 2020-12) of the model's JSON, as compact JSON text.
    [[nodiscard]] static std::string json_schema() {{
        char *text = nullptr;
        std::size_t len = 0;
        detail::check(::{h}_json_schema(&text, &len));
        return detail::take(text, len);
    }}

    /// Takes the other object's handle; the other holds none afterwards.
    {name}({name} &&) noexcept = default;
    /// Frees this object's handle and takes the other's.
    {name} &operator=({name} &&) noexcept = default;
    {name}(const {name} &) = delete;
    {name} &operator=(const {name} &) = delete;
    ~{name}() = default;

    /// A deep copy.
    [[nodiscard]] {name} clone() const {{
        ::{name} *raw = nullptr;
        detail::check(::{h}_clone(handle_.get(), &raw));
        return {name}(raw);
    }}

    /// The C handle, read-only, still owned by this object (so not offered on
    /// a temporary): for the C functions that take a `const {name} *`.
    [[nodiscard]] const ::{name} *get() const & noexcept {{ return handle_.get(); }}
    /// The C handle, still owned by this object, for any C function.
    [[nodiscard]] ::{name} *get() & noexcept {{ return handle_.get(); }}
    /// Deleted: the handle of a temporary dies with it.
    const ::{name} *get() const && = delete;

    /// Gives up the C handle; the caller frees it with {h}_free.
    [[nodiscard]] ::{name} *release() noexcept {{ return handle_.release(); }}

    /// The canonical compact JSON.
    [[nodiscard]] std::string to_json() const {{ return detail::json(handle_.get(), ::{h}_to_json); }}

    /// The canonical JSON indented with two spaces.
    [[nodiscard]] std::string to_json_pretty() const {{ return detail::json(handle_.get(), ::{h}_to_json_pretty); }}

    /// Same value (every field and extra key, in order).
    [[nodiscard]] bool operator==(const {name} &other) const {{
        bool equal = false;
        detail::check(::{h}_equals(handle_.get(), other.handle_.get(), &equal));
        return equal;
    }}

    /// Not the same value.
    [[nodiscard]] bool operator!=(const {name} &other) const {{ return !(*this == other); }}
"#,
        doc = model.doc.trim_end_matches('.'),
        params = params.join(", "),
        args = args.join(", "),
    );
    for field in model.fields {
        accessors(out, &h, field);
    }
    let _ = write!(
        out,
        r#"
    /// Sets a field of the model from JSON text ("null" unsets an optional one).
    void set_field_json(std::string_view field, std::string_view json) {{
        detail::check(::{h}_set_field_json(handle_.get(), detail::bytes(field), field.size(),
                                           detail::bytes(json), json.size()));
    }}

    // -- extra keys (JSON values, in input order)

    /// How many extra keys (keys outside the model) the {p} holds.
    [[nodiscard]] std::size_t extra_count() const {{
        std::size_t count = 0;
        detail::check(::{h}_get_extra_count(handle_.get(), &count));
        return count;
    }}

    /// The key and JSON value at `index` (views: lvalues only).
    [[nodiscard]] std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const & {{
        const char *key = nullptr, *json = nullptr;
        std::size_t key_len = 0, json_len = 0;
        detail::check(::{h}_get_extra_at(handle_.get(), index, &key, &key_len, &json, &json_len));
        return {{detail::view(key, key_len), detail::view(json, json_len)}};
    }}
    /// Deleted: a view of a temporary would dangle.
    std::pair<std::string_view, std::string_view> extra_at(std::size_t index) const && = delete;

    /// The JSON value of `key`, or nothing when not held (a view: lvalues only).
    [[nodiscard]] std::optional<std::string_view> extra(std::string_view key) const & {{
        bool found = false;
        const char *json = nullptr;
        std::size_t len = 0;
        detail::check(::{h}_get_extra(handle_.get(), detail::bytes(key), key.size(), &found, &json, &len));
        return detail::view_if(found, json, len);
    }}
    /// Deleted: a view of a temporary would dangle.
    std::optional<std::string_view> extra(std::string_view key) const && = delete;

    /// Sets an extra key to a JSON value (replaced in place if held, else appended).
    void set_extra(std::string_view key, std::string_view json) {{
        detail::check(::{h}_set_extra(handle_.get(), detail::bytes(key), key.size(), detail::bytes(json),
                                      json.size()));
    }}

    /// Removes `key`; true when it was held (not [[nodiscard]]: removing is
    /// the point, the answer is a bonus).
    bool remove_extra(std::string_view key) {{
        bool removed = false;
        detail::check(::{h}_remove_extra(handle_.get(), detail::bytes(key), key.size(), &removed));
        return removed;
    }}

    /// Removes every extra key.
    void clear_extra() {{ detail::check(::{h}_clear_extra(handle_.get())); }}

private:
    explicit {name}(::{name} *handle) noexcept : handle_(handle) {{}}

    std::unique_ptr<::{name}, detail::Deleter<::{h}_free>> handle_;
}};
"#
    );
}

/// The accessors of one row, by its kind.
fn accessors(out: &mut String, h: &str, field: &FieldDef) {
    let key = field.key;
    let id = ident(key);
    let c = format!("{h}_get_{key}");
    let set = format!("{h}_set_{key}");
    let _ = write!(out, "\n    // -- {key}: {}\n", field.doc);
    let req = field.required;
    let view_getter = |out: &mut String, name: &str, c: &str, what: &str| {
        if req {
            let _ = write!(
                out,
                "\n    /// {what} (a view: lvalues only).\n    \
                 [[nodiscard]] std::string_view {name}() const & {{ return detail::text(handle_.get(), ::{c}); }}\n    \
                 /// Deleted: a view of a temporary would dangle.\n    \
                 std::string_view {name}() const && = delete;\n"
            );
        } else {
            let _ = write!(
                out,
                "\n    /// {what}, or nothing when unset (a view: lvalues only).\n    \
                 [[nodiscard]] std::optional<std::string_view> {name}() const & {{ return detail::text_if(handle_.get(), ::{c}); }}\n    \
                 /// Deleted: a view of a temporary would dangle.\n    \
                 std::optional<std::string_view> {name}() const && = delete;\n"
            );
        }
    };
    let scalar_getter = |out: &mut String, ty: &str, what: &str| {
        if req {
            let _ = write!(
                out,
                "\n    /// {what}.\n    [[nodiscard]] {ty} {id}() const {{ return detail::scalar<{ty}>(handle_.get(), ::{c}); }}\n"
            );
        } else {
            let _ = write!(
                out,
                "\n    /// {what}, or nothing when unset.\n    \
                 [[nodiscard]] std::optional<{ty}> {id}() const {{ return detail::scalar_if<{ty}>(handle_.get(), ::{c}); }}\n"
            );
        }
    };
    let text_setter = |out: &mut String, what: &str| {
        let _ = write!(
            out,
            "\n    /// {what}\n    void set_{key}(std::string_view value) {{\n        \
             detail::check(::{set}(handle_.get(), detail::bytes(value), value.size()));\n    }}\n"
        );
    };
    let scalar_setter = |out: &mut String, ty: &str, what: &str| {
        let _ = write!(
            out,
            "\n    /// {what}\n    void set_{key}({ty} value) {{ detail::check(::{set}(handle_.get(), value)); }}\n"
        );
    };
    match field.kind {
        FieldKind::Text => {
            view_getter(out, &id, &c, key);
            text_setter(out, &format!("Sets {key}."));
        }
        FieldKind::Object => {
            view_getter(out, &id, &c, &format!("{key}'s canonical JSON"));
            let _ = write!(
                out,
                "\n    /// Sets {key} from JSON text (an object, kept exactly).\n    \
                 void set_{key}(std::string_view json) {{\n        \
                 detail::check(::{set}(handle_.get(), detail::bytes(json), json.size()));\n    }}\n"
            );
        }
        FieldKind::Boolean => {
            scalar_getter(out, "bool", key);
            scalar_setter(out, "bool", &format!("Sets {key}."));
        }
        FieldKind::Seconds => {
            scalar_getter(out, "double", &format!("{key} in seconds"));
            scalar_setter(
                out,
                "double",
                &format!(
                    "Sets {key} (finite and > 0, else Error with CONNECT_SESSION_INVALID_VALUE)."
                ),
            );
        }
        FieldKind::Integer => {
            scalar_getter(out, "std::int64_t", key);
            scalar_setter(out, "std::int64_t", &format!("Sets {key}."));
        }
        FieldKind::Type => {
            scalar_getter(
                out,
                "SessionType",
                &format!(
                    "{key} as an enumerator (CONNECT_SESSION_TYPE_OTHER for a value outside the known ones; \
                     {key}_text() has its text)"
                ),
            );
            view_getter(
                out,
                &format!("{key}_text"),
                &format!("{c}_text"),
                &format!("{key}'s text exactly as set"),
            );
            text_setter(out, &format!("Sets {key} from its text (\"production\", \"test\", or any string, kept as given)."));
        }
        FieldKind::DateTime => {
            view_getter(
                out,
                &id,
                &c,
                &format!("{key}'s RFC 3339 text, exactly as read"),
            );
            if req {
                let _ = write!(
                    out,
                    "\n    /// {key} as its instant and offset.\n    \
                     [[nodiscard]] Instant {key}_time() const {{ return detail::instant(handle_.get(), ::{c}_time); }}\n"
                );
            } else {
                let _ = write!(
                    out,
                    "\n    /// {key} as its instant and offset, or nothing when unset.\n    \
                     [[nodiscard]] std::optional<Instant> {key}_time() const {{ return detail::instant_if(handle_.get(), ::{c}_time); }}\n"
                );
            }
            text_setter(
                out,
                &format!("Sets {key} from RFC 3339 text, kept as given."),
            );
            let _ = write!(
                out,
                "\n    /// Sets {key} from an instant and an offset (written in one form).\n    \
                 void set_{key}_time(const Instant &value) {{\n        \
                 detail::check(::{set}_time(handle_.get(), value.unix_seconds, value.nanoseconds, value.offset_minutes));\n    }}\n"
            );
        }
        FieldKind::Categories => {
            let one = singular(key);
            let _ = write!(
                out,
                r#"
    /// The categories in order: an owning copy, empty when unset (see
    /// {key}_is_set()), safe to iterate even on a temporary.
    [[nodiscard]] std::vector<Category> {id}() const {{ return detail::categories(handle_.get(), ::{c}); }}

    /// Whether the list is set (an empty list `[]` is; an unset one is absent from the JSON).
    [[nodiscard]] bool {key}_is_set() const {{
        bool is_set = false;
        std::size_t count = 0;
        detail::check(::{c}_count(handle_.get(), &is_set, &count));
        return is_set;
    }}

    /// Sets the whole list (order and repeats kept; empty sets `[]`).
    void set_{key}(const std::vector<Category> &categories) {{
        std::vector<std::uint32_t> raw(categories.begin(), categories.end());
        detail::check(::{set}(handle_.get(), raw.data(), raw.size()));
    }}

    /// Appends one category, setting the list if it was unset.
    void add_{one}(Category category) {{ detail::check(::{h}_add_{one}(handle_.get(), category)); }}
"#
            );
        }
        kind => panic!("no C++ accessors for the kind {kind:?}"),
    }
    if !req {
        let _ = write!(
            out,
            "\n    /// Unsets {key}.\n    void clear_{key}() {{ detail::check(::{h}_clear_{key}(handle_.get())); }}\n"
        );
    }
    if field.default.is_some() {
        let ty = match field.kind {
            FieldKind::Seconds => "double",
            FieldKind::Boolean => "bool",
            FieldKind::Type => "SessionType",
            kind => panic!("no C++ effective getter for a default of kind {kind:?}"),
        };
        let _ = write!(
            out,
            "\n    /// {key}, or the server's default when unset.\n    \
             [[nodiscard]] {ty} effective_{key}() const {{ return detail::scalar<{ty}>(handle_.get(), ::{h}_get_effective_{key}); }}\n"
        );
    }
}
