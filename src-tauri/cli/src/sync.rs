//! `sync`: push what waits here, pull what the desk did, once, and say what moved.

use std::io::IsTerminal;

use clap::Args;
use greenroom_core::desk::live::Live;
use greenroom_core::desk::{PullProgress, SyncReport};
use greenroom_core::{Result, Store};
use indicatif::{ProgressBar, ProgressStyle};

use super::output;

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[arg(long)]
    json: bool,
    /// Keep syncing until interrupted: whenever the desk has news, a change is made
    /// here, or a minute has passed; each sync that moved something is printed (with
    /// --json, one object a line).
    #[arg(long)]
    watch: bool,
}

pub fn run(store: &mut Store, args: SyncArgs) -> Result<()> {
    if args.watch {
        return watch(store, args.json);
    }
    let report = store.sync(&mut progress())?;
    if args.json {
        output::json(&report)
    } else {
        output::text(&words(&report))
    }
}

/// A bar on a terminal for a pull of more than one page; nothing otherwise.
pub fn progress() -> impl FnMut(PullProgress) {
    let mut bar: Option<ProgressBar> = None;
    move |p: PullProgress| {
        if !std::io::stderr().is_terminal() {
            return;
        }
        let bar = bar.get_or_insert_with(|| {
            let bar = ProgressBar::new(p.head.max(p.seq) as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} of the desk  {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        });
        bar.set_length(p.head.max(p.seq) as u64);
        bar.set_position(p.seq as u64);
        if p.seq >= p.head {
            bar.finish_and_clear();
        }
    }
}

pub fn words(r: &SyncReport) -> String {
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let p = &r.pushed;
    let mut pushed = plural(p.total(), "change");
    let detail: Vec<String> = [
        (p.merged, "merged"),
        (p.conflicted, "in conflict"),
        (p.duplicate, "already there"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    if !detail.is_empty() {
        pushed = format!("{pushed} ({})", detail.join(", "));
    }
    let mut out = format!(
        "pushed {pushed}; pulled {} from the desk",
        plural(r.pulled, "change")
    );
    if p.locked > 0 {
        out.push_str(&format!(
            "\n{} held back: another member locked the programme for air; they go \
             when it is unlocked (greenroom desk locks)",
            plural(p.locked, "change")
        ));
    }
    for parked in &r.rejected {
        out.push('\n');
        out.push_str(&parked.line());
    }
    if r.conflicts > 0 {
        out.push_str(&format!(
            "\n{} open (greenroom conflicts list)",
            plural(r.conflicts, "conflict")
        ));
    }
    out
}

/// `sync --watch`: the core's live loop, until Ctrl-C (a sync cut short is safe: a
/// page is applied whole or not at all, the queue is idempotent).
fn watch(store: &mut Store, json: bool) -> Result<()> {
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut said_offline = false;
    greenroom_core::desk::live::watch(store, &never, &mut |live| match live {
        Live::Synced(r) => {
            said_offline = false;
            let moved = r.pushed.total() > 0 || r.pulled > 0 || !r.rejected.is_empty();
            if !moved {
                return;
            }
            if json {
                println!("{}", serde_json::to_string(&r).unwrap_or_default());
            } else {
                println!("{}", words(&r));
            }
        }
        // `desk locks` shows them; the watch prints what syncs moved.
        Live::Locks(_) => {}
        // Said once while the server stays away, not at every retry.
        Live::Failed { error, retry_in } => {
            if !said_offline {
                eprintln!(
                    "greenroom: {error}; trying again (in {} s, then less often)",
                    retry_in.as_secs().max(1)
                );
            }
            said_offline = true;
        }
    })
}
