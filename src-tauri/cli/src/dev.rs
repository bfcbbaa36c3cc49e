//! `greenroom dev`: tools for developing and measuring Greenroom, not for producers.

use std::io::IsTerminal;
use std::path::Path;

use clap::{Args, Subcommand};
use greenroom_core::generate::{self, Existing, GenerateOptions, Progress};
use greenroom_core::{Error, Result};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Write a synthetic archive (series, guests, segments) to a new --db file. The
    /// same options always give the same archive.
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 100_000)]
    programmes: usize,
    #[arg(long, default_value_t = 40_000)]
    people: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Replace the file if it exists (only once the new archive is complete).
    #[arg(long)]
    force: bool,
}

pub fn run(db: &Path, command: DevCommand) -> Result<()> {
    match command {
        DevCommand::Generate(args) => run_generate(db, args),
    }
}

fn run_generate(db: &Path, args: GenerateArgs) -> Result<()> {
    // Without --db the path is the producer's own archive: never generate over it.
    if greenroom_core::default_db_path().is_ok_and(|d| d == db) {
        return Err(Error::validation(
            "db",
            "dev generate never writes the app's own database; give a file with --db PATH",
        ));
    }
    let opts = GenerateOptions {
        programmes: args.programmes,
        people: args.people,
        seed: args.seed,
    };
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let bar = progress_bar(opts.programmes as u64);
    let summary = generate::to_file(db, &opts, existing, &mut |p| match p {
        Progress::Programmes { done, .. } => bar.set_position(done as u64),
        Progress::People { done, total } => {
            bar.set_message(format!("people {done}/{total}"));
        }
        Progress::Finishing => bar.set_message("writing the file"),
    });
    bar.finish_and_clear();
    let s = summary?;
    let busiest = s
        .busiest_guest
        .map(|(id, n)| format!("; busiest guest {id} ({n} appearances)"))
        .unwrap_or_default();
    println!(
        "{}: {} programmes, {} people, {} appearances, {} segments in {:.1} s{busiest}",
        db.display(),
        s.programmes,
        s.people,
        s.appearances,
        s.segments,
        s.elapsed.as_secs_f64()
    );
    Ok(())
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} programmes  {msg}  {elapsed} (eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}
