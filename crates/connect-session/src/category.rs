//! The provider categories a session may connect to (docs/contract.md section 2).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::errors::Quoted;

/// A category of provider.
///
/// Written as its wire value (`"hris-legacy"`); read from the wire value or
/// one of the camelCase spellings the API's own examples use (`"hrisLegacy"`,
/// `"stackOne"`).
///
/// ```
/// use connect_session::ConnectSessionCreateCategories as Category;
///
/// let c: Category = "hrisLegacy".parse().unwrap();
/// assert_eq!(c, Category::HrisLegacy);
/// assert_eq!(c.as_str(), "hris-legacy");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ConnectSessionCreateCategories {
    /// Applicant tracking systems (`ats`).
    Ats,
    /// HR information systems (`hris`).
    Hris,
    /// The legacy HRIS API (`hris-legacy`).
    HrisLegacy,
    /// Customer relationship management (`crm`).
    Crm,
    /// Identity and access management (`iam`).
    Iam,
    /// Marketing platforms (`marketing`).
    Marketing,
    /// Learning management systems (`lms`).
    Lms,
    /// StackOne itself (`stackone`).
    Stackone,
    /// Document stores (`documents`).
    Documents,
    /// Ticketing systems (`ticketing`).
    Ticketing,
    /// Background screening (`screening`).
    Screening,
    /// Messaging platforms (`messaging`).
    Messaging,
    /// Accounting systems (`accounting`).
    Accounting,
    /// Scheduling systems (`scheduling`).
    Scheduling,
}

/// A shorter name for [`ConnectSessionCreateCategories`].
pub type Category = ConnectSessionCreateCategories;

/// Spellings accepted on input besides the wire values, and what they mean.
const ALIASES: [(&str, Category); 2] = [
    ("hrisLegacy", Category::HrisLegacy),
    ("stackOne", Category::Stackone),
];

impl ConnectSessionCreateCategories {
    /// Every category, in the API's own order (contract section 2). Bindings
    /// build their lists of values from this.
    pub const ALL: [Category; 14] = [
        Category::Ats,
        Category::Hris,
        Category::HrisLegacy,
        Category::Crm,
        Category::Iam,
        Category::Marketing,
        Category::Lms,
        Category::Stackone,
        Category::Documents,
        Category::Ticketing,
        Category::Screening,
        Category::Messaging,
        Category::Accounting,
        Category::Scheduling,
    ];

    /// The canonical wire value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Ats => "ats",
            Category::Hris => "hris",
            Category::HrisLegacy => "hris-legacy",
            Category::Crm => "crm",
            Category::Iam => "iam",
            Category::Marketing => "marketing",
            Category::Lms => "lms",
            Category::Stackone => "stackone",
            Category::Documents => "documents",
            Category::Ticketing => "ticketing",
            Category::Screening => "screening",
            Category::Messaging => "messaging",
            Category::Accounting => "accounting",
            Category::Scheduling => "scheduling",
        }
    }

    /// The camelCase spellings accepted on input besides the wire values, with
    /// the category each names (for the JSON Schema and the bindings).
    pub const ALIASES: [(&'static str, Category); 2] = ALIASES;

    /// Reads a wire value or an alias; `None` for anything else.
    pub fn from_wire(s: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == s)
                    .map(|(_, c)| *c)
            })
    }
}

// `ALL` lists every variant, in declaration order: a category left out of it
// fails the build here.
// Indexing in a constant fails the build, never a run.
#[allow(clippy::indexing_slicing)]
const _: () = {
    let mut i = 0;
    while i < Category::ALL.len() {
        assert!(
            Category::ALL[i] as usize == i,
            "Category::ALL is out of order"
        );
        i += 1;
    }
    assert!(Category::Scheduling as usize == Category::ALL.len() - 1);
};

impl fmt::Display for ConnectSessionCreateCategories {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no category; its message lists the valid values and
/// suggests a close one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCategory {
    given: String,
}

impl UnknownCategory {
    /// The string that was given.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The canonical value closest to what was given, if one is close.
    ///
    /// ```
    /// use connect_session::ConnectSessionCreateCategories as Category;
    ///
    /// let err = "hirs".parse::<Category>().unwrap_err();
    /// assert_eq!(err.suggestion(), Some(Category::Hris));
    /// ```
    pub fn suggestion(&self) -> Option<Category> {
        // Within 2 edits of a spelling (11 characters at most), or none.
        if self.given.len() > 4 * 13 {
            return None;
        }
        let given = self.given.to_lowercase();
        let spellings = Category::ALL
            .iter()
            .map(|c| (c.as_str(), *c))
            .chain(ALIASES.iter().copied());
        spellings
            .map(|(spelling, c)| (strsim::osa_distance(&given, &spelling.to_lowercase()), c))
            .filter(|(distance, _)| *distance <= 2 && *distance < given.chars().count())
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, c)| c)
    }
}

impl fmt::Display for UnknownCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown category {}", Quoted(&self.given))?;
        if let Some(close) = self.suggestion() {
            write!(f, " (did you mean {:?}?)", close.as_str())?;
        }
        f.write_str("; expected one of")?;
        for (i, c) in Category::ALL.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}{:?}", c.as_str())?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCategory {}

impl FromStr for ConnectSessionCreateCategories {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::from_wire(s).ok_or_else(|| UnknownCategory {
            given: s.to_owned(),
        })
    }
}

impl Serialize for ConnectSessionCreateCategories {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ConnectSessionCreateCategories {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_round_trips_through_its_wire_value() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(c));
        }
    }

    #[test]
    fn aliases_read_as_canonical() {
        assert_eq!("stackOne".parse::<Category>(), Ok(Category::Stackone));
        assert_eq!("hrisLegacy".parse::<Category>(), Ok(Category::HrisLegacy));
        assert!("HRIS".parse::<Category>().is_err());
    }

    #[test]
    fn suggestions_pick_the_closest_value() {
        let suggest = |s: &str| s.parse::<Category>().unwrap_err().suggestion();
        assert_eq!(suggest("hirs"), Some(Category::Hris));
        assert_eq!(suggest("ATS"), Some(Category::Ats));
        assert_eq!(suggest("stack-one"), Some(Category::Stackone));
        assert_eq!(suggest("hris_legacy"), Some(Category::HrisLegacy));
        assert_eq!(suggest("payroll"), None);
        assert_eq!(suggest(""), None);
    }

    #[test]
    fn message_names_the_valid_values() {
        let err = "hirs".parse::<Category>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown category \"hirs\" (did you mean \"hris\"?); expected one of \"ats\", \"hris\", \
             \"hris-legacy\", \"crm\", \"iam\", \"marketing\", \"lms\", \"stackone\", \"documents\", \
             \"ticketing\", \"screening\", \"messaging\", \"accounting\", \"scheduling\""
        );
    }
}
