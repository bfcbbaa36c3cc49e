//! `programme add|list|show|edit|delete|example`: programmes, and the booking warnings
//! an add or edit prints.

use clap::{Args, Subcommand};
use greenroom_core::people::booking::{BookingCheck, GuestRef};
use greenroom_core::programme::duration::format_duration;
use greenroom_core::programme::form::split_billing;
use greenroom_core::{
    ListQuery, PersonInput, Programme, ProgrammeId, ProgrammeInput, Result, Status, Store,
};

use super::{output, revisions, values};

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Add a programme; prints its id.
    Add(AddArgs),
    /// Programmes, newest air time first, undated last.
    List {
        #[arg(long)]
        json: bool,
        /// At most N programmes.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Only programmes whose title, series or people contain TEXT.
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
    },
    /// One programme in full.
    Show {
        id: String,
        /// The programme as it was at revision N (see `programme history`).
        #[arg(long, value_name = "N")]
        as_of: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Every revision of a programme, newest first: who, when, what changed.
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Make an earlier revision current again, as a new revision; prints it.
    Restore {
        id: String,
        /// The revision to bring back (see `programme history`).
        #[arg(long, value_name = "N")]
        to: i64,
        /// Fail with a conflict (exit 3) if the programme is no longer at revision M.
        #[arg(long, value_name = "M")]
        revision: Option<i64>,
    },
    /// Change a programme; options not given stay as they are.
    Edit {
        id: String,
        #[command(flatten)]
        fields: EditArgs,
        /// Fail with a conflict unless the programme is still at this revision.
        #[arg(long, value_name = "N")]
        revision: Option<i64>,
    },
    /// Add the example programme (a full three-guest panel with its running order).
    Example,
    /// Delete a programme and its appearances (the people stay).
    Delete {
        id: String,
        /// Fail with a conflict unless the programme is still at this revision.
        #[arg(long, value_name = "N")]
        revision: Option<i64>,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The topic question.
    #[arg(long, value_parser = values::text)]
    title: String,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[arg(long, value_parser = values::text)]
    title: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
    #[arg(long, conflicts_with = "series")]
    no_series: bool,
    #[arg(long, conflicts_with = "presenter")]
    no_presenter: bool,
    /// Remove every guest (or give --guest to replace them).
    #[arg(long, conflicts_with = "guests")]
    clear_guests: bool,
    /// Remove every framing paragraph (or give --framing to replace them).
    #[arg(long, conflicts_with = "framing")]
    clear_framing: bool,
    #[arg(long, conflicts_with = "air")]
    no_air: bool,
    #[arg(long, conflicts_with = "slot")]
    no_slot: bool,
    #[arg(long, conflicts_with = "notes")]
    no_notes: bool,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// Series, e.g. "Inside Story".
    #[arg(long, value_parser = values::text)]
    series: Option<String>,
    /// Presenter's name.
    #[arg(long, value_parser = values::text)]
    presenter: Option<String>,
    /// "NAME – AFFILIATION" (en dash, em dash or spaced hyphen); repeat in line-up order.
    #[arg(long = "guest", value_name = "NAME – AFFILIATION", value_parser = values::guest)]
    guests: Vec<String>,
    /// A framing paragraph or question; repeat in order.
    #[arg(long = "framing", value_name = "TEXT", value_parser = values::text)]
    framing: Vec<String>,
    /// A presenter or guest NAME to add as a new person even though it nearly matches
    /// someone in the directory (without it, that is refused with exit code 5).
    #[arg(long = "new-person", value_name = "NAME")]
    new_people: Vec<String>,
    #[command(flatten)]
    schedule: ScheduleArgs,
    /// draft, planned, confirmed, aired or cancelled.
    #[arg(long, value_parser = values::text)]
    status: Option<String>,
    #[arg(long, value_parser = values::text)]
    notes: Option<String>,
}

/// When a programme airs and for how long; also taken by `import listing(s)`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Air time: 2025-05-16T19:30:00+03:00, or 2025-05-16T19:30 in --tz.
    #[arg(long, value_name = "TIME", value_parser = values::text)]
    pub air: Option<String>,
    /// Time zone the programme is shown in: Asia/Qatar, or an offset such as UTC+05:30.
    #[arg(long, value_name = "ZONE", value_parser = values::text)]
    pub tz: Option<String>,
    /// Slot length: 25m, 1500s or 25:00.
    #[arg(long, value_name = "LENGTH", value_parser = values::text)]
    pub slot: Option<String>,
}

impl CommonArgs {
    /// Puts every option that was given into `input`.
    fn apply(self, input: &mut ProgrammeInput) -> Result<()> {
        if let Some(s) = self.series {
            input.series = Some(s);
        }
        if let Some(p) = self.presenter {
            input.presenter = Some(PersonInput {
                name: p,
                ..Default::default()
            });
        }
        if !self.guests.is_empty() {
            input.guests = self.guests.iter().map(|g| split_billing(g)).collect();
        }
        if !self.framing.is_empty() {
            input.framing = self.framing;
        }
        if let Some(a) = self.schedule.air {
            input.air = Some(a);
        }
        if let Some(z) = self.schedule.tz {
            input.time_zone = Some(z);
        }
        if let Some(s) = self.schedule.slot {
            input.slot = Some(s);
        }
        if let Some(s) = self.status {
            input.status = s.parse::<Status>()?;
        }
        if let Some(n) = self.notes {
            input.notes = n;
        }
        Ok(())
    }
}

pub fn run(store: &mut Store, command: ProgrammeCommand) -> Result<()> {
    match command {
        ProgrammeCommand::Add(args) => {
            let mut input = ProgrammeInput {
                title: args.title,
                ..Default::default()
            };
            let confirmed_new = args.common.new_people.clone();
            args.common.apply(&mut input)?;
            store.check_new_people(&input, &confirmed_new)?;
            let p = store.create_programme(&input)?;
            warn_about_bookings(store, &p)?;
            output::text(&p.id.to_string())
        }
        ProgrammeCommand::List {
            json,
            limit,
            filter,
        } => {
            let rows = store.list_programmes(&ListQuery {
                text: filter,
                limit,
                ..Default::default()
            })?;
            if json {
                return output::json(&rows);
            }
            for r in &rows {
                let when = r.air_display.as_deref().unwrap_or("(no air time)");
                let series = r
                    .series
                    .as_deref()
                    .map(|s| format!("[{s}] "))
                    .unwrap_or_default();
                output::text(&format!(
                    "{}  {when}  {:<9}  {series}{}  — {}",
                    r.id,
                    r.status,
                    r.title,
                    r.guests.join(", ")
                ))?;
            }
            Ok(())
        }
        ProgrammeCommand::Show { id, as_of, json } => {
            let p = match as_of {
                Some(n) => store.programme_as_of(id.parse()?, n)?,
                None => store.get_programme(id.parse()?)?,
            };
            if json {
                output::json(&p)
            } else {
                output::text(&describe(&p))
            }
        }
        ProgrammeCommand::History { id, json } => {
            let history = store.programme_history(id.parse()?)?;
            if json {
                output::json(&history)
            } else {
                output::text(&revisions::describe(&history))
            }
        }
        ProgrammeCommand::Restore { id, to, revision } => {
            let p = store.restore_programme(id.parse()?, to, revision)?;
            output::text(&format!("{} revision {}", p.id, p.revision))
        }
        ProgrammeCommand::Edit {
            id,
            fields,
            revision,
        } => {
            let id: ProgrammeId = id.parse()?;
            let current = store.get_programme(id)?;
            let mut input = current.to_input();
            let confirmed_new = fields.common.new_people.clone();
            edit(&mut input, fields)?;
            store.check_new_people(&input, &confirmed_new)?;
            let p = store.update_programme(id, revision.unwrap_or(current.revision), &input)?;
            warn_about_bookings(store, &p)?;
            output::text(&format!("{} revision {}", p.id, p.revision))
        }
        ProgrammeCommand::Example => {
            let p = store.create_example_programme()?;
            output::text(&p.id.to_string())
        }
        ProgrammeCommand::Delete { id, revision } => {
            let id = id.parse()?;
            store.delete_programme(id, revision)?;
            output::text(&format!(
                "deleted (to the trash: `greenroom trash restore {id}` brings it back)"
            ))
        }
    }
}

/// Booking warnings go to stderr after the save: they inform, never block.
fn warn_about_bookings(store: &Store, p: &Programme) -> Result<()> {
    let check = BookingCheck {
        programme_id: Some(p.id),
        air_at: p.air_at,
        slot_seconds: p.slot_seconds,
        guests: p
            .guests
            .iter()
            .map(|g| GuestRef {
                person_id: Some(g.person_id),
                name: g.name.clone(),
            })
            .collect(),
    };
    for w in store.booking_warnings(&check, chrono::Utc::now())? {
        eprintln!("warning: {}", w.message);
    }
    Ok(())
}

fn edit(input: &mut ProgrammeInput, f: EditArgs) -> Result<()> {
    if let Some(t) = f.title {
        input.title = t;
    }
    f.common.apply(input)?;
    if f.no_series {
        input.series = None;
    }
    if f.no_presenter {
        input.presenter = None;
    }
    if f.clear_guests {
        input.guests.clear();
    }
    if f.clear_framing {
        input.framing.clear();
    }
    if f.no_air {
        input.air = None;
    }
    if f.no_slot {
        input.slot = None;
    }
    if f.no_notes {
        input.notes.clear();
    }
    Ok(())
}

/// The plain-text card `programme show` prints.
fn describe(p: &Programme) -> String {
    let mut lines = vec![p.title.clone()];
    let mut field = |k: &str, v: &str| lines.push(format!("{k:<10} {v}"));
    if let Some(s) = &p.series {
        field("Series:", s);
    }
    field("Air:", p.air_display.as_deref().unwrap_or("not set"));
    if let Some(s) = p.slot_seconds {
        field("Slot:", &format_duration(s));
    }
    field("Status:", p.status.as_str());
    if let Some(pr) = &p.presenter {
        field("Presenter:", &pr.name);
    }
    for (i, g) in p.guests.iter().enumerate() {
        let billed = match &g.affiliation {
            Some(a) => format!("{} – {a}", g.name),
            None => g.name.clone(),
        };
        field(if i == 0 { "Guests:" } else { "" }, &billed);
    }
    for (i, f) in p.framing.iter().enumerate() {
        field(if i == 0 { "Framing:" } else { "" }, f);
    }
    if !p.notes.is_empty() {
        field("Notes:", &p.notes);
    }
    field("Id:", &format!("{} (revision {})", p.id, p.revision));
    lines.join("\n")
}
