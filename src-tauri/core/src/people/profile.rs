//! The full directory record of a person: honorific, expertise, languages, where they
//! are based, private contact details, and the optional fields for the balance report.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::store::change::{state_of, Entity, Operation};
use crate::store::db::Store;
use crate::text::{self, limits, names::name_key};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GenderSource {
    /// The person told us.
    #[serde(rename = "self")]
    SelfIdentified,
    /// A producer's judgement.
    Inferred,
}

impl GenderSource {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            GenderSource::SelfIdentified => "self",
            GenderSource::Inferred => "inferred",
        }
    }
}

impl std::str::FromStr for GenderSource {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "self" | "self-identified" => Ok(GenderSource::SelfIdentified),
            "inferred" => Ok(GenderSource::Inferred),
            _ => Err(Error::validation(
                "genderSource",
                "is \"self\" or \"inferred\"",
            )),
        }
    }
}

/// A person as the directory shows them. Contact details are private: nothing that
/// exports or lists people includes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersonProfile {
    pub name: String,
    pub honorific: Option<String>,
    pub affiliation: Option<String>,
    pub expertise: Vec<String>,
    pub languages: Vec<String>,
    pub base_city: Option<String>,
    /// IANA zone of a remote guest.
    pub base_time_zone: Option<String>,
    pub notes: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Self-described, free text; only for the balance report.
    pub gender: Option<String>,
    pub gender_source: Option<GenderSource>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredProfile {
    pub id: PersonId,
    pub revision: i64,
    #[serde(flatten)]
    pub profile: PersonProfile,
    /// When the person's row was first written and last changed: part of the state a
    /// desk exchanges, as a programme's are, so every member's row carries the same.
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PersonProfile {
    pub(crate) fn validate(&self) -> Result<PersonProfile> {
        let line = |f: &str, v: &Option<String>, max| text::optional_line(f, v.as_deref(), max);
        let tags = |f: &str, v: &[String]| -> Result<Vec<String>> {
            if v.len() > 50 {
                return Err(Error::validation(f, "at most 50 entries"));
            }
            let mut out: Vec<String> = Vec::new();
            for t in v {
                if let Some(t) = text::optional_line(f, Some(t), 100)? {
                    if !out.iter().any(|o| name_key(o) == name_key(&t)) {
                        out.push(t);
                    }
                }
            }
            Ok(out)
        };
        let base_time_zone = match line("baseTimeZone", &self.base_time_zone, 64)? {
            Some(z) => Some(
                crate::programme::airtime::parse_zone(&z)
                    .map_err(|e| match e {
                        Error::Validation { message, .. } => {
                            Error::validation("baseTimeZone", message)
                        }
                        e => e,
                    })?
                    .name(),
            ),
            None => None,
        };
        let email = line("email", &self.email, 254)?;
        if let Some(e) = &email {
            if !e.contains('@') || e.contains(char::is_whitespace) {
                return Err(Error::validation(
                    "email",
                    format!("{e:?} is not an email address"),
                ));
            }
        }
        let gender = line("gender", &self.gender, 100)?;
        Ok(PersonProfile {
            name: text::required_line("name", &self.name, limits::NAME)?,
            honorific: line("honorific", &self.honorific, 50)?,
            affiliation: line("affiliation", &self.affiliation, limits::AFFILIATION)?,
            expertise: tags("expertise", &self.expertise)?,
            languages: tags("languages", &self.languages)?,
            base_city: line("baseCity", &self.base_city, 200)?,
            base_time_zone,
            notes: text::multi_line("notes", &self.notes, limits::NOTES)?,
            email,
            phone: line("phone", &self.phone, 50)?,
            gender_source: gender.as_ref().and(self.gender_source),
            gender,
        })
    }
}

impl Store {
    pub fn person_profile(&self, id: PersonId) -> Result<StoredProfile> {
        self.conn
            .query_row(
                "SELECT id, revision, name, honorific, affiliation, expertise, languages, base_city,
                        base_time_zone, notes, email, phone, gender, gender_source,
                        created_at, updated_at
                 FROM person WHERE id = ?1",
                [id],
                |r| {
                    let json_list = |i: usize| -> rusqlite::Result<Vec<String>> {
                        let s: String = r.get(i)?;
                        Ok(serde_json::from_str(&s).unwrap_or_default())
                    };
                    let source: Option<String> = r.get(13)?;
                    let instant = |ms: i64| DateTime::from_timestamp_millis(ms).unwrap_or_default();
                    Ok(StoredProfile {
                        id: r.get(0)?,
                        revision: r.get(1)?,
                        profile: PersonProfile {
                            name: r.get(2)?,
                            honorific: r.get(3)?,
                            affiliation: r.get(4)?,
                            expertise: json_list(5)?,
                            languages: json_list(6)?,
                            base_city: r.get(7)?,
                            base_time_zone: r.get(8)?,
                            notes: r.get(9)?,
                            email: r.get(10)?,
                            phone: r.get(11)?,
                            gender: r.get(12)?,
                            gender_source: source.and_then(|s| s.parse().ok()),
                        },
                        created_at: instant(r.get(14)?),
                        updated_at: instant(r.get(15)?),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "person",
                id: id.to_string(),
            })
    }

    /// Saves the whole profile if the person is still at `expected_revision`. Renaming
    /// keeps every appearance: they point at the person, not the name.
    pub fn update_person(
        &mut self,
        id: PersonId,
        expected_revision: i64,
        input: &PersonProfile,
    ) -> Result<StoredProfile> {
        let p = input.validate()?;
        let tx = self.write()?;
        let before = self
            .person_profile(id)
            .ok()
            .map(|b| state_of(Entity::Person, &b))
            .transpose()?;
        // Checked, then written, in one write: nothing else writes between.
        let actual: Option<i64> = tx
            .query_row("SELECT revision FROM person WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        match actual {
            Some(actual) if actual == expected_revision => {}
            Some(actual) => {
                return Err(Error::Conflict {
                    what: "person",
                    expected: expected_revision,
                    actual,
                })
            }
            None => {
                return Err(Error::NotFound {
                    what: "person",
                    id: id.to_string(),
                })
            }
        }
        let now = crate::store::write::now_ms();
        put_profile(&tx, id, &p, expected_revision + 1, (None, now))?;
        let saved = self.person_profile(id)?;
        tx.record(
            Entity::Person,
            &id.to_string(),
            saved.revision,
            Operation::Update,
            before.as_ref(),
            Some(&state_of(Entity::Person, &saved)?),
        )?;
        tx.commit()?;
        Ok(saved)
    }
}

/// Makes the person's row hold `p` at `revision`, adding it if missing: an edit
/// checked by [`Store::update_person`], or a state pulled from the desk
/// (`desk/state.rs`), checked where it was made. `(created, updated)` are the row's
/// times in milliseconds; without `created` a row keeps its own (a new one: `updated`).
pub(crate) fn put_profile(
    conn: &rusqlite::Connection,
    id: PersonId,
    p: &PersonProfile,
    revision: i64,
    (created, updated): (Option<i64>, i64),
) -> Result<()> {
    // Added if missing, then written whole; not an upsert, whose conflict handling
    // would override the search triggers' own while a pull holds the index back.
    conn.prepare_cached(
        "INSERT OR IGNORE INTO person (id, name, name_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, coalesce(?4, ?5), ?5)",
    )?
    .execute(params![id, p.name, name_key(&p.name), created, updated])?;
    conn.prepare_cached(
        "UPDATE person SET name = ?2, name_key = ?3, honorific = ?4, affiliation = ?5,
             expertise = ?6, languages = ?7, base_city = ?8, base_time_zone = ?9, notes = ?10,
             email = ?11, phone = ?12, gender = ?13, gender_source = ?14, updated_at = ?15,
             revision = ?16, created_at = coalesce(?17, created_at)
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        p.name,
        name_key(&p.name),
        p.honorific,
        p.affiliation,
        tag_list(&p.expertise),
        tag_list(&p.languages),
        p.base_city,
        p.base_time_zone,
        p.notes,
        p.email,
        p.phone,
        p.gender,
        p.gender_source.map(GenderSource::as_str),
        updated,
        revision,
        created
    ])?;
    crate::store::name_keys::store_key(conn, id, &p.name)
}

/// A list of tags (expertise, languages) as the person table stores it: a JSON array.
pub(crate) fn tag_list<T: AsRef<str>>(tags: &[T]) -> String {
    let tags: Vec<&str> = tags.iter().map(AsRef::as_ref).collect();
    serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into())
}
