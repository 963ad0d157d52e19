//! Loading a [`MigrationPolicy`] from TOML or JSON text (feature `config`), and the
//! serde helpers that write algorithms by their registry names.

#[cfg(feature = "config")]
use alloc::string::{String, ToString};

#[cfg(feature = "config")]
use super::{ConfigError, MigrationPolicy};

#[cfg(feature = "config")]
impl MigrationPolicy {
    /// Parses and validates a TOML config. Errors name the key and the line.
    pub fn from_toml_str(text: &str) -> Result<Self, ConfigError> {
        let de = toml::Deserializer::parse(text).map_err(|e| toml_error(text, &e, ""))?;
        let policy: Self = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            toml_error(text, e.inner(), &path)
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// Parses and validates a JSON config. Errors name the key and the line.
    pub fn from_json_str(text: &str) -> Result<Self, ConfigError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let policy: Self = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner();
            let line = (inner.line() > 0).then_some(inner.line());
            let mut message = inner.to_string();
            // serde_json appends " at line L column C"; the line is reported separately.
            if let Some(i) = message.rfind(" at line ") {
                message.truncate(i);
            }
            ConfigError {
                key: if key == "." { String::new() } else { key },
                line,
                message,
            }
        })?;
        de.end().map_err(|e| ConfigError {
            key: String::new(),
            line: Some(e.line()),
            message: "trailing characters after the JSON value".into(),
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// Parses a config file's text, choosing JSON if it starts with `{`, else TOML.
    pub fn from_config_str(text: &str) -> Result<Self, ConfigError> {
        if text.trim_start().starts_with('{') {
            Self::from_json_str(text)
        } else {
            Self::from_toml_str(text)
        }
    }

    /// The policy as TOML (without the comments of [`MigrationPolicy::EXAMPLE_TOML`]).
    pub fn to_toml_string(&self) -> String {
        toml::to_string(self).expect("policy types serialize to TOML")
    }
}

#[cfg(feature = "config")]
fn toml_error(text: &str, e: &toml::de::Error, path: &str) -> ConfigError {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    ConfigError {
        key: if path == "." {
            String::new()
        } else {
            path.into()
        },
        line,
        message: e.message().trim_end().into(),
    }
}

/// Serde helpers: algorithms by registry name in configs.
#[cfg(feature = "serde")]
pub(crate) mod names {
    use alloc::{format, string::String, vec::Vec};

    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    use crate::id::{HashId, SigId};

    pub(crate) fn version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let v = u32::deserialize(d)?;
        if v != crate::policy::MigrationPolicy::VERSION {
            return Err(D::Error::custom(format!(
                "unsupported version {v} (this build reads {})",
                crate::policy::MigrationPolicy::VERSION
            )));
        }
        Ok(v)
    }

    pub(crate) mod hash {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(id: &HashId, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(id)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<HashId, D::Error> {
            let name = String::deserialize(d)?;
            HashId::from_name(&name)
                .ok_or_else(|| D::Error::custom(format!("unknown hash family {name:?}")))
        }
    }

    pub(crate) mod sig_opt {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(
            ids: &Option<Vec<SigId>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match ids {
                Some(ids) => s.collect_seq(ids.iter().map(alloc::string::ToString::to_string)),
                None => s.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Vec<SigId>>, D::Error> {
            let names = Vec::<String>::deserialize(d)?;
            names
                .iter()
                .map(|n| {
                    SigId::from_name(n).ok_or_else(|| {
                        D::Error::custom(format!("unknown signature algorithm {n:?}"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
        }
    }
}
