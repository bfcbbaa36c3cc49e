//! A person's revisions, from their change records (`store/change.rs`): profile edits,
//! merges and unmerges in one history, newest first.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::store::change::{self, state_of, Entity, FieldChange, Revision};
use crate::store::db::Store;

impl Store {
    /// Every recorded revision of the person, newest first (a person merged away
    /// too); none for one not edited since revisions were recorded. An id that is
    /// neither a person nor a recorded one is `not_found`.
    pub fn person_history(&self, id: PersonId) -> Result<Vec<Revision>> {
        let live = match self.person_profile(id) {
            Ok(p) => Some(state_of(Entity::Person, &p)?),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let exists = live.is_some();
        let out = change::history(&self.conn, Entity::Person, &id.to_string(), live, words)?;
        if out.is_empty() && !exists {
            return Err(Error::NotFound {
                what: "person",
                id: id.to_string(),
            });
        }
        Ok(out)
    }
}

/// A person revision's changes in words: "Affiliation Quincy Institute → Chatham
/// House", "Notes edited". Contact details are private: only that they changed.
pub fn words(changes: &[FieldChange], _state: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in changes {
        let field = c.field.split(['.', '[']).next().unwrap_or_default();
        let label = match field {
            "name" => "Name",
            "honorific" => "Honorific",
            "affiliation" => "Affiliation",
            "baseCity" => "Based in",
            "baseTimeZone" => "Zone",
            "expertise" => "Expertise",
            "languages" => "Languages",
            "gender" | "genderSource" => "Gender",
            "notes" => "Notes",
            "email" => "Email",
            "phone" => "Phone",
            other => other,
        };
        let phrase = match field {
            "notes" | "email" | "phone" | "gender" | "genderSource" => format!("{label} edited"),
            _ => format!("{label} {} → {}", shown(&c.from), shown(&c.to)),
        };
        if !out.contains(&phrase) {
            out.push(phrase);
        }
    }
    out
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) if s.is_empty() => "(none)".into(),
        Value::String(s) => s.chars().take(60).collect(),
        Value::Array(a) if a.is_empty() => "(none)".into(),
        Value::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
