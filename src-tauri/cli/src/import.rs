//! `greenroom import listing|listings`: published listings into programmes.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use greenroom_core::import::listing::{
    BulkSummary, ImportDraft, Imported, ListingOptions, MAX_LISTING_BYTES,
};
use greenroom_core::{import::files, listing, Error, Result, Status, Store};
use indicatif::{ProgressBar, ProgressStyle};

use super::output;
use super::programme::ScheduleArgs;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import one pasted listing (title, framing, Presenter:, Guests:) as a programme.
    Listing(ListingArgs),
    /// Import many listings: files, or folders of files; one listing per file, or
    /// several separated by a line of `---`. Listings imported before are skipped.
    Listings(ListingsArgs),
}

#[derive(Debug, Args)]
pub struct ListingArgs {
    /// The listing's text file, or - for standard input.
    file: PathBuf,
    /// Show what would be imported and write nothing.
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    options: OptionArgs,
}

#[derive(Debug, Args)]
pub struct ListingsArgs {
    #[arg(required = true, value_name = "DIR|FILE")]
    paths: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    options: OptionArgs,
}

#[derive(Debug, Args)]
struct OptionArgs {
    /// The series every imported programme belongs to.
    #[arg(long, value_parser = super::values::text)]
    series: Option<String>,
    #[command(flatten)]
    schedule: ScheduleArgs,
    /// draft, planned, confirmed, aired or cancelled (default: aired — a published
    /// listing is of a programme that went out).
    #[arg(long, value_parser = super::values::text)]
    status: Option<String>,
}

impl OptionArgs {
    fn into_options(self) -> Result<ListingOptions> {
        Ok(ListingOptions {
            series: self.series,
            air: self.schedule.air,
            time_zone: self.schedule.tz,
            slot: self.schedule.slot,
            status: match self.status {
                Some(s) => s.parse::<Status>()?,
                None => Status::Aired,
            },
        })
    }
}

pub fn run(store: &mut Store, command: ImportCommand) -> Result<()> {
    match command {
        ImportCommand::Listing(args) => listing(store, args),
        ImportCommand::Listings(args) => listings(store, args),
    }
}

fn listing(store: &mut Store, args: ListingArgs) -> Result<()> {
    let opts = args.options.into_options()?;
    let bytes = output::read_input(&args.file, MAX_LISTING_BYTES, "a listing")?;
    let (text, warning) = listing::decode(&bytes);
    let mut draft = store.draft_from_listing(&text)?;
    if let Some(w) = warning {
        draft.warnings.insert(0, w);
    }
    if args.dry_run {
        // What the import would refuse is shown as checks with the draft (a missing
        // title is typed in at review), never as a failure of the dry run.
        let checks = draft.checks(&opts);
        for (k, c) in checks.into_iter().enumerate() {
            draft.warnings.insert(k, c);
        }
        return if args.json {
            output::json(&draft)
        } else {
            output::text(&human_draft(&draft))
        };
    }
    for w in &draft.warnings {
        eprintln!("warning: {w}");
    }
    let imported = store.import_listing(&text, &opts)?;
    if args.json {
        return output::json(&imported);
    }
    output::text(&match imported {
        Imported::Created {
            id,
            matched,
            new_people,
        } => format!(
            "Imported “{}” as {id} ({matched} in the directory already, {new_people} new).",
            draft.title
        ),
        Imported::AlreadyImported { id } => {
            format!("Already imported as {id}; nothing written.")
        }
    })
}

fn human_draft(d: &ImportDraft) -> String {
    let mut out = vec![format!("Title: {}", d.title)];
    for f in &d.framing {
        out.push(format!("  {f}"));
    }
    if let Some(p) = &d.presenter {
        out.push(format!("Presenter: {}", person(p)));
    }
    out.push("Guests:".into());
    for g in &d.guests {
        out.push(format!("  {}", person(g)));
    }
    if let Some(id) = d.already_imported {
        out.push(format!("Already imported as {id}."));
    }
    for w in &d.warnings {
        out.push(format!("warning: {w}"));
    }
    for o in &d.other_listings {
        out.push(format!("not imported (another listing in the text): {o}"));
    }
    out.join("\n")
}

fn person(p: &greenroom_core::import::listing::PersonMatch) -> String {
    let mut s = p.name.clone();
    if let Some(a) = &p.affiliation {
        s.push_str(&format!(" – {a}"));
    }
    match (&p.matched_person_id, p.candidates.first()) {
        (Some(id), _) => s.push_str(&format!("  [in the directory: {id}]")),
        (None, Some(c)) => s.push_str(&format!("  [new; similar: {} {}]", c.name, c.id)),
        (None, None) => s.push_str("  [new]"),
    }
    s
}

fn listings(store: &mut Store, args: ListingsArgs) -> Result<()> {
    let opts = args.options.into_options()?;
    let gathered = files::gather(&args.paths)?;
    for w in &gathered.warnings {
        eprintln!("warning: {w}");
    }
    let bar = progress_bar(gathered.items.len() as u64);
    let mut summary = store.import_listings(&gathered.items, &opts, |done, _| {
        bar.set_position(done as u64)
    });
    bar.finish_and_clear();
    let mut skipped = gathered.skipped;
    skipped.append(&mut summary.skipped);
    summary.skipped = skipped;
    if args.json {
        output::json(&summary)?;
    } else {
        output::text(&human_summary(&summary))?;
    }
    match &summary.stopped {
        Some(why) => Err(Error::validation("import", format!("stopped at {why}"))),
        None => Ok(()),
    }
}

/// A bar on a terminal only: piped output and CI logs get the summary alone.
fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} listings  {elapsed} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
}

fn human_summary(s: &BulkSummary) -> String {
    let mut out = vec![format!(
        "Created {} programme{}; {} already imported; {} skipped. People: {} matched in the directory, {} new.",
        s.created.len(),
        if s.created.len() == 1 { "" } else { "s" },
        s.already_imported.len(),
        s.skipped.len(),
        s.matched_people,
        s.new_people
    )];
    for c in &s.created {
        out.push(format!("  created  {}  “{}”  {}", c.source, c.title, c.id));
    }
    for k in &s.already_imported {
        out.push(format!("  already  {}  {}", k.source, k.reason));
    }
    for k in &s.skipped {
        out.push(format!("  skipped  {}  {}", k.source, k.reason));
    }
    if let Some(why) = &s.stopped {
        out.push(format!("Stopped at {why}"));
    }
    out.join("\n")
}
