//! The date-time kind (contract section 9): an RFC 3339 `date-time` with an
//! explicit offset, kept as the text read.
//!
//! The calendar is the `time` crate's (its strict `Rfc3339` format: month
//! and day ranges, leap years, hours and offsets), chosen for its
//! correctness, its upkeep and its small footprint. It reads a little more
//! than the contract allows, which is refused here first, by the text's
//! shape alone: a space for the `T`, more than 9 digits of fraction, and a
//! leap second (`:60`), which it reads as `:59`.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::errors::Quoted;

/// An RFC 3339 date-time with an explicit offset (`Z`, `z` or `±hh:mm`), as
/// the API writes `created_at`: `2024-12-02T04:42:35.999Z`.
///
/// It keeps the text it was read from, which is what it writes back (two
/// values are equal when their texts are), and gives the instant typed
/// ([`value`](Self::value)). One made from a typed value is written in one
/// form: `YYYY-MM-DDTHH:MM:SS`, the fraction with its trailing zeros
/// dropped (none when zero), then `Z` for offset zero or `±hh:mm`.
///
/// ```
/// use connect_session::DateTime;
///
/// let read: DateTime = "2024-12-02t04:42:35.50+01:00".parse()?;
/// assert_eq!(read.as_str(), "2024-12-02t04:42:35.50+01:00");
/// assert_eq!(read.value().unix_timestamp(), 1733110955);
/// let made = DateTime::try_from(read.value())?;
/// assert_eq!(made.as_str(), "2024-12-02T04:42:35.5+01:00");
/// assert!("2023-02-29T00:00:00Z".parse::<DateTime>().is_err());
/// # Ok::<(), connect_session::DateTimeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: CompactString,
}

/// The Unix epoch, which stands for a required date-time never set (every
/// model sets them all).
pub(crate) static EPOCH: DateTime = DateTime {
    text: CompactString::const_new("1970-01-01T00:00:00Z"),
};

/// Why a text or a value is not a date-time this crate accepts; its message
/// is the `invalid_value` message of a document that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError(String);

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTimeError {
    fn of_text(text: &str, why: &str) -> Self {
        DateTimeError(format!(
            "expected an RFC 3339 date-time with an offset such as \"2024-12-02T04:42:35Z\", \
             found {} ({why})",
            Quoted(text)
        ))
    }

    pub(crate) fn of_value(why: &str) -> Self {
        DateTimeError(format!(
            "this date-time cannot be written in RFC 3339: {why}"
        ))
    }

    pub(crate) fn into_message(self) -> String {
        self.0
    }
}

/// The first problem the text's shape shows that the `time` crate would not
/// refuse: where the separator, fraction and seconds sit in
/// `YYYY-MM-DDTHH:MM:SS[.fffffffff]offset`.
fn shape_problem(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let at = |i: usize, b: u8| bytes.get(i) == Some(&b);
    if !(at(4, b'-') && at(7, b'-') && at(13, b':') && at(16, b':')) {
        // Not laid out as a date-time at all: the `time` crate says so.
        return None;
    }
    if bytes.get(10).is_some_and(|&b| b != b'T' && b != b't') {
        return Some("the date and the time must be separated by T");
    }
    if bytes.get(17..19) == Some(b"60") {
        return Some("second 60, a leap second, is not accepted");
    }
    if bytes.get(19) == Some(&b'.') {
        let digits = bytes
            .get(20..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits > 9 {
            return Some("at most 9 digits of fraction");
        }
    }
    None
}

/// What the `time` crate says is wrong, in this crate's words (its own
/// wording may change between releases; the shared vectors pin these).
fn parse_problem(err: &time::error::Parse) -> String {
    use time::error::{Parse, ParseFromDescription, TryFromParsed};
    match err {
        Parse::TryFromParsed(TryFromParsed::ComponentRange(range)) => {
            format!("{} out of range", range.name().replace('_', " "))
        }
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent(name))
            if name.starts_with("offset") =>
        {
            "an offset is required: Z, or +hh:mm or -hh:mm with hh from 00 to 23".into()
        }
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent("subsecond")) => {
            "a `.` must be followed by 1 to 9 digits of fraction".into()
        }
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent("separator")) => {
            "the date must be followed by T and a time".into()
        }
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent(name)) => {
            format!("its {name} is not written with the digits RFC 3339 asks for")
        }
        Parse::ParseFromDescription(ParseFromDescription::UnexpectedTrailingCharacters {
            ..
        }) => "characters after its offset".into(),
        _ => "not in the form YYYY-MM-DDTHH:MM:SS[.fraction] followed by Z or \u{b1}hh:mm".into(),
    }
}

impl DateTime {
    /// Checks `text` and keeps it as it is.
    pub fn parse(text: &str) -> Result<DateTime, DateTimeError> {
        if let Some(why) = shape_problem(text) {
            return Err(DateTimeError::of_text(text, why));
        }
        match OffsetDateTime::parse(text, &Rfc3339) {
            Ok(_) => Ok(DateTime {
                text: CompactString::new(text),
            }),
            Err(err) => Err(DateTimeError::of_text(text, &parse_problem(&err))),
        }
    }

    /// The text, as read or as written from a typed value.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant and its offset.
    pub fn value(&self) -> OffsetDateTime {
        // Checked when made: the fallback is never taken.
        OffsetDateTime::parse(&self.text, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

impl TryFrom<OffsetDateTime> for DateTime {
    type Error = DateTimeError;

    /// Written in the one form of a typed value. Refused: a year outside
    /// 0000-9999 and an offset that is not a whole number of minutes, which
    /// RFC 3339 cannot write.
    fn try_from(value: OffsetDateTime) -> Result<Self, Self::Error> {
        let year = value.year();
        if !(0..=9999).contains(&year) {
            return Err(DateTimeError::of_value(&format!(
                "the year {year} is outside 0000-9999"
            )));
        }
        let offset: UtcOffset = value.offset();
        if offset.seconds_past_minute() != 0 {
            return Err(DateTimeError::of_value(
                "its offset is not a whole number of minutes",
            ));
        }
        let mut text = format!(
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            u8::from(value.month()),
            value.day(),
            value.hour(),
            value.minute(),
            value.second()
        );
        let nanos = value.nanosecond();
        if nanos != 0 {
            let fraction = format!("{nanos:09}");
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        if offset.is_utc() {
            text.push('Z');
        } else {
            let minutes = offset.whole_minutes();
            let sign = if minutes < 0 { '-' } else { '+' };
            let minutes = minutes.unsigned_abs();
            text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        Ok(DateTime {
            text: CompactString::from(text),
        })
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DateTime").field(&&*self.text).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> String {
        DateTime::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn the_contract_s_edges_are_told_apart() {
        for ok in [
            "2024-02-29T00:00:00Z",
            "2024-12-02T04:42:35.999Z",
            "2024-01-01t00:00:00z",
            "2024-01-01T00:00:00+14:00",
            "2024-01-01T00:00:00-12:00",
            "2024-01-01T00:00:00.123456789Z",
            "0000-01-01T00:00:00Z",
        ] {
            assert_eq!(DateTime::parse(ok).unwrap().as_str(), ok);
        }
        assert!(problem("2024-13-01T00:00:00Z").ends_with("(month out of range)"));
        assert!(problem("2023-02-29T00:00:00Z").ends_with("(day out of range)"));
        assert!(problem("2024-01-01T24:00:00Z").ends_with("(hour out of range)"));
        assert!(problem("2024-06-30T23:59:60Z").contains("leap second"));
        assert!(problem("2024-01-01 00:00:00Z").contains("separated by T"));
        assert!(problem("2024-01-01T00:00:00.1234567890Z").contains("9 digits"));
        assert!(problem("2024-01-01T00:00:00").contains("offset is required"));
        assert!(problem("2024-1-01T00:00:00Z").contains("month is not written"));
        assert!(problem("").contains("year is not written"));
    }

    #[test]
    fn typed_values_are_written_in_one_form() {
        let read = DateTime::parse("2024-12-02T04:42:35.500-00:00").unwrap();
        assert_eq!(
            DateTime::try_from(read.value()).unwrap().as_str(),
            "2024-12-02T04:42:35.5Z"
        );
        let read = DateTime::parse("1999-12-31T23:59:59-05:30").unwrap();
        assert_eq!(
            DateTime::try_from(read.value()).unwrap().as_str(),
            "1999-12-31T23:59:59-05:30"
        );
        let odd = read
            .value()
            .replace_offset(UtcOffset::from_hms(1, 0, 30).unwrap());
        assert!(DateTime::try_from(odd).is_err());
    }
}
