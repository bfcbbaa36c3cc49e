//! `segment add|list|edit|remove|move`: a programme's running order.

use clap::{Args, Subcommand};
use greenroom_core::programme::segment::{self, SegmentInput, SegmentKind};
use greenroom_core::{Programme, ProgrammeId, Result, Store};

use super::{output, values};

#[derive(Debug, Subcommand)]
pub enum SegmentCommand {
    /// Add a segment to a programme's running order (at the end unless --at).
    Add {
        id: String,
        #[command(flatten)]
        fields: SegmentArgs,
        /// Insert as segment N (1-based) instead of at the end.
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        #[arg(long, value_name = "REV")]
        revision: Option<i64>,
    },
    /// The running order with each segment's start, end and duration.
    List {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change segment N; options not given stay as they are.
    Edit {
        id: String,
        n: usize,
        #[command(flatten)]
        fields: SegmentArgs,
        /// Take everyone off the segment (or give --person to replace them).
        #[arg(long, conflicts_with = "people")]
        no_people: bool,
        #[arg(long, conflicts_with = "question")]
        no_question: bool,
        #[arg(long, conflicts_with = "title")]
        no_title: bool,
        #[arg(long, conflicts_with = "notes")]
        no_notes: bool,
        #[arg(long, value_name = "REV")]
        revision: Option<i64>,
    },
    /// Remove segment N.
    Remove {
        id: String,
        n: usize,
        #[arg(long, value_name = "REV")]
        revision: Option<i64>,
    },
    /// Move segment N to position M.
    Move {
        id: String,
        n: usize,
        #[arg(long, value_name = "M")]
        to: usize,
        #[arg(long, value_name = "REV")]
        revision: Option<i64>,
    },
}

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// cold_open, intro, discussion, question_block, guest_intro, break, video, close, other.
    #[arg(long, value_parser = values::text)]
    kind: Option<String>,
    #[arg(long, value_parser = values::text)]
    title: Option<String>,
    /// Planned duration: 1:30, 90s, 2m.
    #[arg(long, value_parser = values::text)]
    duration: Option<String>,
    /// Someone on the programme's line-up; repeat for each.
    #[arg(long = "person", value_name = "NAME", value_parser = values::text)]
    people: Vec<String>,
    /// The framing question (1-based) this segment covers.
    #[arg(long, value_name = "N")]
    question: Option<u32>,
    #[arg(long, value_parser = values::text)]
    notes: Option<String>,
}

impl SegmentArgs {
    fn apply(self, s: &mut SegmentInput) -> Result<()> {
        if let Some(k) = self.kind {
            s.kind = k.parse::<SegmentKind>()?;
        }
        if let Some(t) = self.title {
            s.title = t;
        }
        if let Some(d) = self.duration {
            s.duration = d;
        }
        if !self.people.is_empty() {
            s.people = self.people;
        }
        if self.question.is_some() {
            s.question = self.question;
        }
        if let Some(n) = self.notes {
            s.notes = n;
        }
        Ok(())
    }
}

pub fn run(store: &mut Store, command: SegmentCommand) -> Result<()> {
    let changed = match command {
        SegmentCommand::List { id, json } => {
            let p = store.get_programme(id.parse()?)?;
            return if json {
                output::json(&p.segments)
            } else {
                output::text(&table(&p))
            };
        }
        SegmentCommand::Add {
            id,
            fields,
            at,
            revision,
        } => {
            let duration_given = fields.duration.is_some();
            change(store, &id, revision, |list| {
                let mut s = SegmentInput::default();
                fields.apply(&mut s)?;
                if !duration_given {
                    return Err(greenroom_core::Error::validation(
                        "duration",
                        "is required (1:30, 90s, 2m)",
                    ));
                }
                let at = match at {
                    Some(n) => segment::index(n, list.len() + 1)?,
                    None => list.len(),
                };
                list.insert(at, s);
                Ok(())
            })?
        }
        SegmentCommand::Edit {
            id,
            n,
            fields,
            no_people,
            no_question,
            no_title,
            no_notes,
            revision,
        } => change(store, &id, revision, |list| {
            let i = segment::index(n, list.len())?;
            let s = &mut list[i];
            fields.apply(s)?;
            if no_people {
                s.people.clear();
            }
            if no_question {
                s.question = None;
            }
            if no_title {
                s.title.clear();
            }
            if no_notes {
                s.notes.clear();
            }
            Ok(())
        })?,
        SegmentCommand::Remove { id, n, revision } => change(store, &id, revision, |list| {
            let i = segment::index(n, list.len())?;
            list.remove(i);
            Ok(())
        })?,
        SegmentCommand::Move {
            id,
            n,
            to,
            revision,
        } => change(store, &id, revision, |list| {
            let from = segment::index(n, list.len())?;
            let to = segment::index(to, list.len())?;
            let s = list.remove(from);
            list.insert(to, s);
            Ok(())
        })?,
    };
    output::text(&table(&changed))
}

/// Applies `f` to the running order and saves it against the revision it was read at
/// (or `revision`, when given).
fn change(
    store: &mut Store,
    id: &str,
    revision: Option<i64>,
    f: impl FnOnce(&mut Vec<SegmentInput>) -> Result<()>,
) -> Result<Programme> {
    let id: ProgrammeId = id.parse()?;
    let p = store.get_programme(id)?;
    let mut input = p.to_input();
    let list = input.segments.get_or_insert_with(Vec::new);
    f(list)?;
    store.update_programme(id, revision.unwrap_or(p.revision), &input)
}

fn table(p: &Programme) -> String {
    let mut lines = Vec::new();
    for s in &p.segments {
        let people: Vec<&str> = s.people.iter().map(|x| x.name.as_str()).collect();
        lines.push(format!(
            "{:>3}  {} – {}  {:>7}  {:<14}  {}{}",
            s.number,
            s.start,
            s.end,
            s.duration,
            s.kind.label(),
            s.title,
            if people.is_empty() {
                String::new()
            } else {
                format!("  ({})", people.join(", "))
            }
        ));
    }
    if lines.is_empty() {
        lines.push("No segments yet.".into());
    }
    let sheet = greenroom_core::runsheet::sheet::RunSheet::from_programme(p);
    let mut total = format!("Total {}", sheet.total);
    if let Some(o) = sheet.over_under {
        total.push_str(&format!(" · {o}"));
    }
    lines.push(total);
    lines.join("\n")
}
