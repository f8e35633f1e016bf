//! The extra keys of a model (keys outside it, kept in input order with
//! their canonical JSON values), held in one buffer: a document of many
//! small extra keys costs about its own size, not a few allocations and
//! some 40 bytes of bookkeeping per key.

use std::fmt;

/// Every entry back to back in one string: the key's length, the key
/// (decoded), the value's length, the value (canonical JSON). Lengths are
/// written 6 bits a byte in ASCII (`0x40` set on all but the last byte), so
/// the buffer stays a `str` and every part of it can be borrowed.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Extra {
    buf: String,
    len: usize,
}

/// One entry's place in the buffer.
struct Entry {
    start: usize,
    key: (usize, usize),
    value: (usize, usize),
}

impl Entry {
    fn end(&self) -> usize {
        self.value.1
    }
}

fn put_len(buf: &mut String, mut n: usize) {
    while n >= 0x40 {
        buf.push(char::from(0x40 | (n & 0x3f) as u8));
        n >>= 6;
    }
    buf.push(char::from(n as u8));
}

fn get_len(bytes: &[u8], pos: &mut usize) -> usize {
    let (mut n, mut shift) = (0usize, 0u32);
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        n |= usize::from(b & 0x3f).checked_shl(shift).unwrap_or(0);
        shift += 6;
        if b < 0x40 {
            break;
        }
    }
    n
}

impl Extra {
    /// Appends an entry (the caller knows the key is not there yet).
    pub(crate) fn push(&mut self, key: &str, value: &str) {
        put_len(&mut self.buf, key.len());
        self.buf.push_str(key);
        put_len(&mut self.buf, value.len());
        self.buf.push_str(value);
        self.len += 1;
    }

    /// The entry that starts at `start`, if one does.
    fn entry_at(&self, start: usize) -> Option<Entry> {
        let bytes = self.buf.as_bytes();
        if start >= bytes.len() {
            return None;
        }
        let mut pos = start;
        let key_len = get_len(bytes, &mut pos);
        let key = (pos, pos + key_len);
        pos = key.1;
        let value_len = get_len(bytes, &mut pos);
        Some(Entry {
            start,
            key,
            value: (pos, pos + value_len),
        })
    }

    fn text(&self, (from, to): (usize, usize)) -> &str {
        self.buf.get(from..to).unwrap_or_default()
    }

    fn find(&self, key: &str) -> Option<Entry> {
        let mut start = 0;
        while let Some(entry) = self.entry_at(start) {
            if self.text(entry.key) == key {
                return Some(entry);
            }
            start = entry.end();
        }
        None
    }

    /// The entries, in order.
    pub(crate) fn iter(&self) -> Iter<'_> {
        Iter {
            extra: self,
            next: 0,
            left: self.len,
        }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.find(key).map(|entry| self.text(entry.value))
    }

    /// Sets `key` to `value`, in place if it is there, else at the end.
    pub(crate) fn set(&mut self, key: &str, value: &str) {
        match self.find(key) {
            Some(entry) => {
                let mut len = String::new();
                put_len(&mut len, value.len());
                len.push_str(value);
                self.buf.replace_range(entry.key.1..entry.end(), &len);
            }
            None => self.push(key, value),
        }
    }

    /// Removes `key`, giving back its value.
    pub(crate) fn remove(&mut self, key: &str) -> Option<String> {
        let entry = self.find(key)?;
        let value = self.text(entry.value).to_owned();
        self.buf.replace_range(entry.start..entry.end(), "");
        self.len -= 1;
        Some(value)
    }

    /// Removes every entry.
    pub(crate) fn clear(&mut self) {
        *self = Extra::default();
    }

    /// About the length of the entries as JSON members (`"key":value` and a comma).
    pub(crate) fn json_len_hint(&self) -> usize {
        self.buf.len() + 4 * self.len
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The entries of an [`Extra`], in order: (key, canonical JSON value).
#[derive(Clone, Debug)]
pub(crate) struct Iter<'a> {
    extra: &'a Extra,
    next: usize,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let entry = self.extra.entry_at(self.next)?;
        self.next = entry.end();
        self.left = self.left.saturating_sub(1);
        Some((self.extra.text(entry.key), self.extra.text(entry.value)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_in_order_and_change_in_place() {
        let mut extra = Extra::default();
        let long = "k".repeat(5000);
        extra.push("a", "1");
        extra.push(&long, r#"{"x":[1,2]}"#);
        extra.push("", "\"é\"");
        let all: Vec<_> = extra.iter().collect();
        assert_eq!(
            all,
            [("a", "1"), (long.as_str(), r#"{"x":[1,2]}"#), ("", "\"é\"")]
        );
        assert_eq!(extra.iter().len(), 3);
        assert_eq!(extra.get(&long), Some(r#"{"x":[1,2]}"#));
        extra.set(&long, &"1".repeat(300));
        assert_eq!(extra.get(&long), Some("1".repeat(300).as_str()));
        extra.set("b", "null");
        assert_eq!(extra.remove("a"), Some("1".to_owned()));
        assert_eq!(extra.remove("a"), None);
        let keys: Vec<_> = extra.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, [long.as_str(), "", "b"]);
        assert!(format!("{extra:?}").len() > 5000);
        extra.clear();
        assert_eq!(extra.iter().next(), None);
    }
}
