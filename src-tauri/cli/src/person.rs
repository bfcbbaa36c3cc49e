//! `person list|show|edit`: the people directory and profiles.

use clap::{Args, Subcommand};
use greenroom_core::people::profile::{PersonProfile, StoredProfile};
use greenroom_core::{Result, Store};
use serde::Serialize;

use super::{output, values};

// Parsed once per process; boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Everyone in the directory, by name.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One person's directory record (contact details only with --contacts).
    Show {
        /// A name (exact, ignoring case) or a person id.
        person: String,
        #[arg(long)]
        json: bool,
        /// Include email and phone.
        #[arg(long)]
        contacts: bool,
    },
    /// Every recorded change to a person: profile edits, merges and unmerges, newest
    /// first.
    History {
        /// A name (exact, ignoring case) or a person id (one merged away too).
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a person's record; options not given stay as they are.
    Edit {
        person: String,
        #[command(flatten)]
        fields: ProfileArgs,
        #[arg(long, value_name = "REV")]
        revision: Option<i64>,
    },
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[arg(long, value_parser = values::text)]
    name: Option<String>,
    /// Dr, Prof, Gen…: kept apart from the name.
    #[arg(long, value_parser = values::text)]
    honorific: Option<String>,
    /// Current affiliation (what a programme bills them as is kept per programme).
    #[arg(long, value_parser = values::text)]
    affiliation: Option<String>,
    /// An expertise tag; repeat; replaces the list.
    #[arg(long = "expertise", value_name = "TAG", value_parser = values::text)]
    expertise: Vec<String>,
    /// A language; repeat; replaces the list.
    #[arg(long = "language", value_name = "LANG", value_parser = values::text)]
    languages: Vec<String>,
    #[arg(long, value_parser = values::text)]
    city: Option<String>,
    /// Zone they are based in, for remote guests: Asia/Qatar, or UTC+05:30.
    #[arg(long, value_name = "ZONE", value_parser = values::text)]
    tz: Option<String>,
    #[arg(long, value_parser = values::text)]
    email: Option<String>,
    #[arg(long, value_parser = values::text)]
    phone: Option<String>,
    /// Self-described gender, for the balance report only; needs --gender-source.
    #[arg(long, requires = "gender_source", value_parser = values::text)]
    gender: Option<String>,
    /// self or inferred.
    #[arg(long, requires = "gender", value_parser = values::text)]
    gender_source: Option<String>,
    #[arg(long, value_parser = values::text)]
    notes: Option<String>,
    #[command(flatten)]
    clear: ClearArgs,
}

/// Clearing a field is said, never implied by a blank value.
#[derive(Debug, Args)]
struct ClearArgs {
    #[arg(long, conflicts_with = "honorific")]
    no_honorific: bool,
    #[arg(long, conflicts_with = "affiliation")]
    no_affiliation: bool,
    #[arg(long, conflicts_with = "expertise")]
    clear_expertise: bool,
    #[arg(long, conflicts_with = "languages")]
    clear_languages: bool,
    #[arg(long, conflicts_with = "city")]
    no_city: bool,
    #[arg(long, conflicts_with = "tz")]
    no_tz: bool,
    #[arg(long, conflicts_with = "email")]
    no_email: bool,
    #[arg(long, conflicts_with = "phone")]
    no_phone: bool,
    /// Remove the gender and its source.
    #[arg(long, conflicts_with = "gender")]
    no_gender: bool,
    #[arg(long, conflicts_with = "notes")]
    no_notes: bool,
}

#[derive(Serialize)]
struct PersonRow<'a> {
    id: String,
    name: &'a str,
    affiliation: Option<&'a str>,
}

pub fn run(store: &mut Store, command: PersonCommand) -> Result<()> {
    match command {
        PersonCommand::History { person, json } => {
            let id = match person.trim().parse() {
                Ok(id) => id,
                Err(_) => store.find_person(&person)?.id,
            };
            let history = store.person_history(id)?;
            if json {
                output::json(&history)
            } else {
                output::text(&super::revisions::describe(&history))
            }
        }
        PersonCommand::List { json } => {
            let people = store.list_people()?;
            if json {
                let rows: Vec<PersonRow> = people
                    .iter()
                    .map(|p| PersonRow {
                        id: p.id.to_string(),
                        name: &p.name,
                        affiliation: p.affiliation.as_deref(),
                    })
                    .collect();
                return output::json(&rows);
            }
            for p in &people {
                match &p.affiliation {
                    Some(a) => output::text(&format!("{}  {} – {}", p.id, p.name, a))?,
                    None => output::text(&format!("{}  {}", p.id, p.name))?,
                }
            }
            Ok(())
        }
        PersonCommand::Show {
            person,
            json,
            contacts,
        } => {
            let id = store.find_person(&person)?.id;
            let mut p = store.person_profile(id)?;
            if !contacts {
                p.profile.email = None;
                p.profile.phone = None;
            }
            if json {
                output::json(&p)
            } else {
                output::text(&describe(&p))
            }
        }
        PersonCommand::Edit {
            person,
            fields,
            revision,
        } => {
            let id = store.find_person(&person)?.id;
            let current = store.person_profile(id)?;
            let mut p = current.profile.clone();
            fields.apply(&mut p)?;
            let saved = store.update_person(id, revision.unwrap_or(current.revision), &p)?;
            output::text(&format!("{} revision {}", saved.id, saved.revision))
        }
    }
}

impl ProfileArgs {
    fn apply(self, p: &mut PersonProfile) -> Result<()> {
        let set = |slot: &mut Option<String>, v: Option<String>, clear: bool| {
            if v.is_some() || clear {
                *slot = v;
            }
        };
        if let Some(n) = self.name {
            p.name = n;
        }
        let c = self.clear;
        set(&mut p.honorific, self.honorific, c.no_honorific);
        set(&mut p.affiliation, self.affiliation, c.no_affiliation);
        if !self.expertise.is_empty() || c.clear_expertise {
            p.expertise = self.expertise;
        }
        if !self.languages.is_empty() || c.clear_languages {
            p.languages = self.languages;
        }
        set(&mut p.base_city, self.city, c.no_city);
        set(&mut p.base_time_zone, self.tz, c.no_tz);
        set(&mut p.email, self.email, c.no_email);
        set(&mut p.phone, self.phone, c.no_phone);
        if let Some(source) = self.gender_source {
            p.gender_source = Some(source.parse()?);
        }
        if self.gender.is_some() || c.no_gender {
            p.gender = self.gender;
        }
        if let Some(n) = self.notes {
            p.notes = n;
        } else if c.no_notes {
            p.notes.clear();
        }
        Ok(())
    }
}

fn describe(p: &StoredProfile) -> String {
    let f = &p.profile;
    let mut lines = vec![match &f.honorific {
        Some(h) => format!("{h} {}", f.name),
        None => f.name.clone(),
    }];
    let mut field = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            lines.push(format!("{k:<12} {v}"));
        }
    };
    field("Affiliation:", f.affiliation.clone());
    field("Expertise:", Some(f.expertise.join(", ")));
    field("Languages:", Some(f.languages.join(", ")));
    field("Based in:", f.base_city.clone());
    field("Time zone:", f.base_time_zone.clone());
    field("Email:", f.email.clone());
    field("Phone:", f.phone.clone());
    field("Notes:", Some(f.notes.clone()));
    field(
        "Gender:",
        f.gender.as_ref().map(|g| match f.gender_source {
            Some(s) => format!(
                "{g} ({}; used only for the balance report)",
                serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            ),
            None => format!("{g} (used only for the balance report)"),
        }),
    );
    field("Id:", Some(format!("{} (revision {})", p.id, p.revision)));
    lines.join("\n")
}
