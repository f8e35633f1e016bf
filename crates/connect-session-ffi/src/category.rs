//! `ConnectSessionCategory`: the C face of the core's category enum.

use std::ffi::{c_char, CStr};

use connect_session_core::{Category, Field, FieldValue, Value};

use crate::error::{ConnectSessionStatus, Failure};
use crate::fields::set_value;
use crate::guard::status;
use crate::handle::{get, get_mut, Handle, Opaque};
use crate::strings::{bytes_in, u32s_in, utf8, Out};

/// A category of provider (docs/contract.md, section 2). Each number is fixed
/// once shipped: the six of version 1 keep theirs and later ones take the next.
///
/// The type is `uint32_t` in C, so functions that take a category accept any
/// number and answer `CONNECT_SESSION_INVALID_ARGUMENT` for one that names no
/// enumerator.
#[repr(u32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectSessionCategory {
    /// `ats`: applicant tracking systems.
    CONNECT_SESSION_CATEGORY_ATS = 0,
    /// `hris`: HR information systems.
    CONNECT_SESSION_CATEGORY_HRIS = 1,
    /// `hris-legacy` (also read from `hrisLegacy`): the legacy HRIS API.
    CONNECT_SESSION_CATEGORY_HRIS_LEGACY = 2,
    /// `crm`: customer relationship management.
    CONNECT_SESSION_CATEGORY_CRM = 3,
    /// `marketing`: marketing platforms.
    CONNECT_SESSION_CATEGORY_MARKETING = 4,
    /// `stackone` (also read from `stackOne`): StackOne itself.
    CONNECT_SESSION_CATEGORY_STACKONE = 5,
    /// `iam`: identity and access management.
    CONNECT_SESSION_CATEGORY_IAM = 6,
    /// `lms`: learning management systems.
    CONNECT_SESSION_CATEGORY_LMS = 7,
    /// `documents`: document stores.
    CONNECT_SESSION_CATEGORY_DOCUMENTS = 8,
    /// `ticketing`: ticketing systems.
    CONNECT_SESSION_CATEGORY_TICKETING = 9,
    /// `screening`: background screening.
    CONNECT_SESSION_CATEGORY_SCREENING = 10,
    /// `messaging`: messaging platforms.
    CONNECT_SESSION_CATEGORY_MESSAGING = 11,
    /// `accounting`: accounting systems.
    CONNECT_SESSION_CATEGORY_ACCOUNTING = 12,
    /// `scheduling`: scheduling systems.
    CONNECT_SESSION_CATEGORY_SCHEDULING = 13,
}

use ConnectSessionCategory as C;

impl ConnectSessionCategory {
    /// Every enumerator, in number order.
    const ALL: [ConnectSessionCategory; 14] = [
        C::CONNECT_SESSION_CATEGORY_ATS,
        C::CONNECT_SESSION_CATEGORY_HRIS,
        C::CONNECT_SESSION_CATEGORY_HRIS_LEGACY,
        C::CONNECT_SESSION_CATEGORY_CRM,
        C::CONNECT_SESSION_CATEGORY_MARKETING,
        C::CONNECT_SESSION_CATEGORY_STACKONE,
        C::CONNECT_SESSION_CATEGORY_IAM,
        C::CONNECT_SESSION_CATEGORY_LMS,
        C::CONNECT_SESSION_CATEGORY_DOCUMENTS,
        C::CONNECT_SESSION_CATEGORY_TICKETING,
        C::CONNECT_SESSION_CATEGORY_SCREENING,
        C::CONNECT_SESSION_CATEGORY_MESSAGING,
        C::CONNECT_SESSION_CATEGORY_ACCOUNTING,
        C::CONNECT_SESSION_CATEGORY_SCHEDULING,
    ];

    /// The enumerator of a core category, if it has one (for Rust callers:
    /// tests and the fuzz oracle).
    pub fn from_core(category: Category) -> Option<Self> {
        C::ALL.into_iter().find(|c| Category::from(*c) == category)
    }

    /// The enumerator of a core category. The core's enum is open to new
    /// members; one without a number here is an internal error, which the
    /// test below rules out for every member of `Category::ALL`.
    pub(crate) fn of(category: Category) -> Result<Self, Failure> {
        C::from_core(category)
            .ok_or_else(|| Failure::internal(format!("category {category} has no C number")))
    }

    /// The wire value, NUL-terminated for C. The core's `as_str` is the
    /// source of the text; these copies add the NUL, and a test checks that
    /// they agree.
    fn name(self) -> &'static CStr {
        match self {
            C::CONNECT_SESSION_CATEGORY_ATS => c"ats",
            C::CONNECT_SESSION_CATEGORY_HRIS => c"hris",
            C::CONNECT_SESSION_CATEGORY_HRIS_LEGACY => c"hris-legacy",
            C::CONNECT_SESSION_CATEGORY_CRM => c"crm",
            C::CONNECT_SESSION_CATEGORY_MARKETING => c"marketing",
            C::CONNECT_SESSION_CATEGORY_STACKONE => c"stackone",
            C::CONNECT_SESSION_CATEGORY_IAM => c"iam",
            C::CONNECT_SESSION_CATEGORY_LMS => c"lms",
            C::CONNECT_SESSION_CATEGORY_DOCUMENTS => c"documents",
            C::CONNECT_SESSION_CATEGORY_TICKETING => c"ticketing",
            C::CONNECT_SESSION_CATEGORY_SCREENING => c"screening",
            C::CONNECT_SESSION_CATEGORY_MESSAGING => c"messaging",
            C::CONNECT_SESSION_CATEGORY_ACCOUNTING => c"accounting",
            C::CONNECT_SESSION_CATEGORY_SCHEDULING => c"scheduling",
        }
    }
}

impl From<ConnectSessionCategory> for Category {
    fn from(category: ConnectSessionCategory) -> Self {
        match category {
            C::CONNECT_SESSION_CATEGORY_ATS => Category::Ats,
            C::CONNECT_SESSION_CATEGORY_HRIS => Category::Hris,
            C::CONNECT_SESSION_CATEGORY_HRIS_LEGACY => Category::HrisLegacy,
            C::CONNECT_SESSION_CATEGORY_CRM => Category::Crm,
            C::CONNECT_SESSION_CATEGORY_MARKETING => Category::Marketing,
            C::CONNECT_SESSION_CATEGORY_STACKONE => Category::Stackone,
            C::CONNECT_SESSION_CATEGORY_IAM => Category::Iam,
            C::CONNECT_SESSION_CATEGORY_LMS => Category::Lms,
            C::CONNECT_SESSION_CATEGORY_DOCUMENTS => Category::Documents,
            C::CONNECT_SESSION_CATEGORY_TICKETING => Category::Ticketing,
            C::CONNECT_SESSION_CATEGORY_SCREENING => Category::Screening,
            C::CONNECT_SESSION_CATEGORY_MESSAGING => Category::Messaging,
            C::CONNECT_SESSION_CATEGORY_ACCOUNTING => Category::Accounting,
            C::CONNECT_SESSION_CATEGORY_SCHEDULING => Category::Scheduling,
        }
    }
}

/// Reads a category number from C, where any `uint32_t` can arrive.
pub(crate) fn category_from_raw(raw: u32, param: &str) -> Result<Category, Failure> {
    C::ALL
        .into_iter()
        .find(|c| *c as u32 == raw)
        .map(Category::from)
        .ok_or_else(|| {
            Failure::invalid_argument(format!(
                "{param} {raw} is not a ConnectSessionCategory (0 to {})",
                C::ALL.len() - 1
            ))
        })
}

/// The wire value of a category (`"hris-legacy"` for
/// `CONNECT_SESSION_CATEGORY_HRIS_LEGACY`).
///
/// - `category`: a `ConnectSessionCategory` value; any other number is
///   `CONNECT_SESSION_INVALID_ARGUMENT`.
/// - `out_name`: receives the text, borrowed from static storage (never
///   freed, valid for the life of the program); it is also NUL-terminated.
/// - `out_name_len`: receives its length in bytes, without the NUL.
///
/// # Safety
///
/// The out-pointers are NULL or valid for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_category_name(
    category: u32,
    out_name: *mut *const c_char,
    out_name_len: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: the caller passes NULL or pointers valid for writes.
        let (out_name, out_name_len) = unsafe {
            (
                Out::new(out_name, "out_name")?,
                Out::new(out_name_len, "out_name_len")?,
            )
        };
        let category = category_from_raw(category, "category")?;
        let name = C::of(category)?.name();
        out_name.write(name.as_ptr());
        out_name_len.write(name.to_bytes().len());
        Ok(())
    })
}

/// The category a wire value or accepted alias names (`"hrisLegacy"` is
/// `CONNECT_SESSION_CATEGORY_HRIS_LEGACY`).
///
/// - `name`, `name_len`: the text, borrowed for the call; not NUL-terminated.
///   (NULL, 0) is the empty string.
/// - `out_category`: receives the category.
///
/// An unknown name is `CONNECT_SESSION_INVALID_VALUE`, and the message lists
/// the valid values and suggests a close one.
///
/// # Safety
///
/// `name` is NULL or points to `name_len` readable bytes; `out_category` is
/// NULL or valid for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_category_from_name(
    name: *const u8,
    name_len: usize,
    out_category: *mut ConnectSessionCategory,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: the caller passes NULL or a pointer to `name_len` bytes,
        // and NULL or a pointer valid for writes.
        let (name, out_category) = unsafe {
            (
                bytes_in(name, name_len, "name")?,
                Out::new(out_category, "out_category")?,
            )
        };
        let name = utf8(name, "name")?;
        let category = name.parse::<Category>().map_err(|err| {
            Failure::api(
                ConnectSessionStatus::CONNECT_SESSION_INVALID_VALUE,
                err.to_string(),
            )
        })?;
        out_category.write(C::of(category)?);
        Ok(())
    })
}

/// The categories of the field at `index`: whether the list is set, and
/// how many it holds (0 when unset).
///
/// # Safety
///
/// `ptr` is NULL or a live handle; the out-pointers are NULL or valid for writes.
pub(crate) unsafe fn count<O: Opaque>(
    ptr: *const O,
    index: usize,
    out_is_set: *mut bool,
    out_count: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, out_is_set, out_count) = unsafe {
            (
                get(ptr, O::name())?,
                Out::new(out_is_set, "out_is_set")?,
                Out::new(out_count, "out_count")?,
            )
        };
        let list = list_of::<O>(model, index)?;
        out_is_set.write(list.is_some());
        out_count.write(list.map_or(0, <[_]>::len));
        Ok(())
    })
}

/// The list of categories of the field at `index`, `None` when unset.
fn list_of<O: Opaque>(
    model: &Handle<O::Def>,
    index: usize,
) -> Result<Option<&[Category]>, Failure> {
    let field =
        Field::<O::Def>::at(index).ok_or_else(|| Failure::internal(format!("no field {index}")))?;
    match model.get(field) {
        None => Ok(None),
        Some(FieldValue::Categories(list)) => Ok(Some(list)),
        Some(other) => Err(Failure::internal(format!(
            "a categories field holds {other:?}"
        ))),
    }
}

/// The category at `item` of the field at `index`;
/// `CONNECT_SESSION_INDEX_OUT_OF_RANGE` at or past the count.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `out_category` is NULL or valid for writes.
pub(crate) unsafe fn at<O: Opaque>(
    ptr: *const O,
    index: usize,
    item: usize,
    out_category: *mut ConnectSessionCategory,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, out_category) = unsafe {
            (
                get(ptr, O::name())?,
                Out::new(out_category, "out_category")?,
            )
        };
        let list = list_of::<O>(model, index)?.unwrap_or_default();
        let category = list
            .get(item)
            .ok_or_else(|| Failure::index("index", item, "categories", list.len()))?;
        out_category.write(ConnectSessionCategory::of(*category)?);
        Ok(())
    })
}

/// Copies every category of the field at `index` into `buf`, in order.
/// `CONNECT_SESSION_BUFFER_TOO_SMALL`, writing nothing, when `cap` is less
/// than the count, which `*out_len` receives either way.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `buf` is NULL or valid for writing `cap`
/// categories; `out_len` is NULL or valid for writes.
pub(crate) unsafe fn all<O: Opaque>(
    ptr: *const O,
    index: usize,
    buf: *mut ConnectSessionCategory,
    cap: usize,
    out_len: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, out_len) = unsafe { (get(ptr, O::name())?, Out::new(out_len, "out_len")?) };
        if buf.is_null() && cap > 0 {
            return Err(Failure::null("buf"));
        }
        if !buf.is_aligned() {
            return Err(Failure::misaligned(
                "buf",
                std::mem::align_of::<ConnectSessionCategory>(),
            ));
        }
        let list = list_of::<O>(model, index)?.unwrap_or_default();
        let len = list.len();
        out_len.write(len);
        if cap < len {
            return Err(Failure::api(
                ConnectSessionStatus::CONNECT_SESSION_BUFFER_TOO_SMALL,
                format!("buf holds {cap} categories; the {} has {len}", O::name()),
            ));
        }
        // Every number first, so that a failure writes nothing.
        let numbers = list
            .iter()
            .map(|c| C::of(*c))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, number) in numbers.into_iter().enumerate() {
            // SAFETY: `buf` is aligned, not NULL (len > 0 here, so cap > 0)
            // and valid for `cap >= len > i` writes.
            unsafe { buf.add(i).write(number) };
        }
        Ok(())
    })
}

/// Sets the whole list of the field at `index`, in order, repeats kept; a
/// number that names no category is `CONNECT_SESSION_INVALID_ARGUMENT`.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `categories` is NULL or points to
/// `categories_len` readable `uint32_t`.
pub(crate) unsafe fn set<O: Opaque>(
    ptr: *mut O,
    index: usize,
    categories: *const u32,
    categories_len: usize,
) -> ConnectSessionStatus {
    // SAFETY: per the contract above, for the handle and (in the closure,
    // which this block covers) the array.
    unsafe {
        set_value(ptr, index, || {
            let raw = u32s_in(categories, categories_len, "categories")?;
            let list = raw
                .iter()
                .enumerate()
                .map(|(i, c)| category_from_raw(*c, &format!("categories[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Categories(list))
        })
    }
}

/// Appends one category to the field at `index`, setting the list if it was unset.
///
/// # Safety
///
/// `ptr` is NULL or a live handle.
pub(crate) unsafe fn add<O: Opaque>(
    ptr: *mut O,
    index: usize,
    category: u32,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let model = unsafe { get_mut(ptr, O::name())? };
        let category = category_from_raw(category, "category")?;
        let mut list = list_of::<O>(model, index)?.unwrap_or_default().to_vec();
        list.push(category);
        let field = Field::<O::Def>::at(index)
            .ok_or_else(|| Failure::internal(format!("no field {index}")))?;
        model.try_change(|model| model.set(field, Value::Categories(list)))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_category_has_a_number_and_the_same_name() {
        for c in Category::ALL {
            let ffi = C::of(c).unwrap();
            assert_eq!(Category::from(ffi), c);
            assert_eq!(category_from_raw(ffi as u32, "x"), Ok(c));
            assert_eq!(ffi.name().to_str(), Ok(c.as_str()));
        }
        assert_eq!(C::ALL.len(), Category::ALL.len());
    }

    #[test]
    fn numbers_are_dense_and_the_first_six_keep_theirs() {
        for (i, c) in C::ALL.into_iter().enumerate() {
            assert_eq!(c as u32 as usize, i);
        }
        let v1 = [
            Category::Ats,
            Category::Hris,
            Category::HrisLegacy,
            Category::Crm,
        ];
        for (i, c) in v1.into_iter().enumerate() {
            assert_eq!(C::of(c).unwrap() as u32 as usize, i);
        }
        assert_eq!(C::of(Category::Marketing).unwrap() as u32, 4);
        assert_eq!(C::of(Category::Stackone).unwrap() as u32, 5);
        assert_eq!(C::of(Category::Iam).unwrap() as u32, 6);
        assert!(category_from_raw(C::ALL.len() as u32, "x").is_err());
        assert!(category_from_raw(u32::MAX, "x").is_err());
    }
}
