//! The payloads of every benchmark, and the peer: a plain serde_json struct
//! with the same fields, the way one would write it by hand.

use serde::{Deserialize, Serialize};

/// The reference payload (issue 5), about 330 bytes.
pub const REFERENCE: &[u8] = br#"{"categories":["ats","hris","hris-legacy","crm"],"expires_in":1800,"metadata":{"source":"onboarding","tenant":{"id":"t-42","tier":"gold"},"tags":["a","b"],"retries":3},"origin_owner_id":"owner-8f3c2a","origin_owner_name":"Acme Corporation","origin_username":"jane.doe@acme.example","provider":"hibob"}"#;

/// The minimal payload: the two required fields.
pub const MINIMAL: &[u8] = br#"{"origin_owner_id":"owner-1","origin_owner_name":"Acme"}"#;

/// A realistic response of "Create Connect Session" (issue 25), about 1.1 KB:
/// `tests/vectors/valid_token_auth_link_reference/input.json` with a fifth
/// metadata key; every field set. The Python benchmarks read the same file.
pub const TOKEN_AUTH_LINK: &[u8] =
    include_bytes!("../../data/token_auth_link.json").trim_ascii_end();

/// The categories, as a plain serde enum.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlainCategory {
    Ats,
    Hris,
    #[serde(alias = "hrisLegacy")]
    HrisLegacy,
    Crm,
    Iam,
    Marketing,
    Lms,
    #[serde(alias = "stackOne")]
    Stackone,
    Documents,
    Ticketing,
    Screening,
    Messaging,
    Accounting,
    Scheduling,
}

/// The open session type, as a plain serde enum would keep it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlainType {
    Production,
    Test,
    #[serde(untagged)]
    Other(String),
}

/// The same fields (contract version 2) on `#[derive(Serialize, Deserialize)]`,
/// metadata as a map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlainConnectSessionCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<PlainCategory>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    pub origin_owner_id: String,
    pub origin_owner_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_version: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub session_type: Option<PlainType>,
}

/// The response of "Create Connect Session" on `#[derive(Serialize, Deserialize)]`
/// (contract section 9): `created_at` an RFC 3339 `time::OffsetDateTime`, `id`
/// an `i64`, metadata as a map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlainConnectSessionTokenAuthLink {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    pub auth_link_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<PlainCategory>>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_trigger_token: Option<String>,
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    pub organization_id: String,
    pub origin_owner_id: String,
    pub origin_owner_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_username: Option<String>,
    pub project_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    pub token: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub session_type: Option<PlainType>,
}
