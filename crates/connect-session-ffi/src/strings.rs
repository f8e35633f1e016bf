//! Crossing the boundary: byte strings in, out-parameters, and the strings
//! this library allocates for the caller.
//!
//! Text goes both ways as pointer plus length, so a value holding U+0000
//! is never cut short. Text this library allocates is also NUL-terminated,
//! and remembers its own length so that `connect_session_string_free` needs
//! only the pointer.

use std::ffi::c_char;
use std::mem::{size_of, MaybeUninit};

use crate::error::Failure;

/// Reads the input byte string `ptr[0..len]`.
///
/// `(NULL, 0)` is the empty string, as C and C++ callers expect of an empty
/// span (`std::string_view{}` has a NULL `data()`); NULL with a non-zero
/// length is `CONNECT_SESSION_NULL_ARGUMENT`, named after `param`.
///
/// # Safety
///
/// `ptr` is NULL or points to `len` readable bytes that stay unchanged for `'a`.
#[inline]
pub(crate) unsafe fn bytes_in<'a>(
    ptr: *const u8,
    len: usize,
    param: &str,
) -> Result<&'a [u8], Failure> {
    if len > isize::MAX as usize {
        return Err(Failure::too_long(param, len));
    }
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::null(param))
        };
    }
    // SAFETY: `ptr` is not NULL, `len` fits an isize, and the caller
    // guarantees `len` readable bytes that outlive `'a`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Reads the input byte string `ptr[0..len]` as an array of `u32`.
///
/// # Safety
///
/// `ptr` is NULL or points to `len` readable `u32` values that stay
/// unchanged for `'a` (a misaligned pointer is refused).
pub(crate) unsafe fn u32s_in<'a>(
    ptr: *const u32,
    len: usize,
    param: &str,
) -> Result<&'a [u32], Failure> {
    if len > isize::MAX as usize / size_of::<u32>() {
        return Err(Failure::invalid_argument(format!(
            "{param}_len {len} is larger than PTRDIFF_MAX / sizeof(uint32_t)"
        )));
    }
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::null(param))
        };
    }
    if !ptr.is_aligned() {
        return Err(Failure::misaligned(param, std::mem::align_of::<u32>()));
    }
    // SAFETY: as for `bytes_in`, and `ptr` is aligned.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Checks an input byte string (not JSON) as UTF-8.
pub(crate) fn utf8<'a>(bytes: &'a [u8], param: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes).map_err(|err| Failure::utf8(param, err))
}

/// An out-parameter: checked for NULL on entry, written only on success.
#[derive(Debug)]
pub(crate) struct Out<'a, T>(&'a mut MaybeUninit<T>);

impl<T> Out<'_, T> {
    /// Checks `ptr` for NULL and alignment, naming `param`.
    ///
    /// # Safety
    ///
    /// `ptr` is NULL or valid for writing one `T` for the rest of the call.
    #[inline]
    pub(crate) unsafe fn new(ptr: *mut T, param: &str) -> Result<Self, Failure> {
        if !ptr.is_aligned() {
            return Err(Failure::misaligned(param, std::mem::align_of::<T>()));
        }
        // SAFETY: `MaybeUninit<T>` has the layout of `T`; `ptr` is aligned,
        // and the caller guarantees that a non-NULL `ptr` is valid for
        // writes. The target need not be initialised: it is only written.
        match unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() } {
            Some(slot) => Ok(Out(slot)),
            None => Err(Failure::null(param)),
        }
    }

    /// Writes the result (without reading or dropping what was there).
    pub(crate) fn write(self, value: T) {
        self.0.write(value);
    }
}

/// The bytes in front of every string handed to the caller: the length and
/// the capacity of its allocation, so that `connect_session_string_free`
/// needs only the pointer.
const HEADER: usize = 2 * size_of::<usize>();

/// What the header's place holds until the header is written.
const HEADER_PLACE: &str = match std::str::from_utf8(&[0; HEADER]) {
    Ok(zeros) => zeros,
    Err(_) => panic!("NUL bytes are UTF-8"),
};

/// Hands the caller the text that `write` appends to an empty string (about
/// `len_hint` bytes), NUL-terminated; returns it with its length (without the
/// NUL). The text is written in place after a header, so nothing is copied.
/// The caller frees it with [`free_owned`] (`connect_session_string_free`).
pub(crate) fn owned_with(len_hint: usize, write: impl FnOnce(&mut String)) -> (*mut c_char, usize) {
    let mut text = String::with_capacity(HEADER + len_hint + 1);
    text.push_str(HEADER_PLACE);
    write(&mut text);
    let len = text.len() - HEADER;
    text.push('\0');
    let mut bytes = std::mem::ManuallyDrop::new(text.into_bytes());
    let (base, total, capacity) = (bytes.as_mut_ptr(), bytes.len(), bytes.capacity());
    // SAFETY: the allocation holds at least `HEADER` bytes (its first two
    // words), written here; `base` is aligned for bytes only.
    unsafe {
        base.cast::<usize>().write_unaligned(total);
        base.add(size_of::<usize>())
            .cast::<usize>()
            .write_unaligned(capacity);
    }
    // SAFETY: the text starts `HEADER` bytes into the allocation.
    (unsafe { base.add(HEADER) }.cast::<c_char>(), len)
}

/// Frees a string made by [`owned_with`]; NULL does nothing.
///
/// # Safety
///
/// `ptr` is NULL or a pointer returned by [`owned_with`] and not freed since.
pub(crate) unsafe fn free_owned(ptr: *mut c_char) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: `ptr` came from `owned_with`, which placed the text `HEADER`
    // bytes into its allocation, right after the header.
    let base = unsafe { ptr.cast::<u8>().sub(HEADER) };
    let mut header = [0u8; HEADER];
    // SAFETY: the first `HEADER` bytes of the allocation hold the header.
    unsafe { std::ptr::copy_nonoverlapping(base, header.as_mut_ptr(), HEADER) };
    let (total, capacity) = header.split_at(size_of::<usize>());
    let word = |bytes: &[u8]| {
        let mut word = [0u8; size_of::<usize>()];
        word.copy_from_slice(bytes);
        usize::from_ne_bytes(word)
    };
    // SAFETY: these are the pointer, length and capacity of the `Vec<u8>`
    // that `owned_with` leaked; it is rebuilt once, to be freed.
    drop(unsafe { Vec::from_raw_parts(base, word(total), word(capacity)) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_strings_are_nul_terminated_and_keep_interior_nuls() {
        let (ptr, len) = owned_with(3, |out| out.push_str("a\0b"));
        assert_eq!(len, 3);
        // SAFETY: `owned` allocated `len + 1` bytes of text at `ptr`.
        let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len + 1) };
        assert_eq!(bytes, b"a\0b\0");
        // SAFETY: made by `owned`, freed once.
        unsafe { free_owned(ptr) };
    }

    #[test]
    fn empty_and_null_inputs() {
        // SAFETY: NULL with length 0 reads nothing.
        assert_eq!(unsafe { bytes_in(std::ptr::null(), 0, "x") }, Ok(&[][..]));
        // SAFETY: NULL is refused before any read.
        let err = unsafe { bytes_in(std::ptr::null(), 1, "x") }.unwrap_err();
        assert_eq!(
            err.status(),
            crate::ConnectSessionStatus::CONNECT_SESSION_NULL_ARGUMENT
        );
    }
}
