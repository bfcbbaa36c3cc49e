//! A realistic synthetic archive for trying Greenroom at scale and for benchmarks
//! (`greenroom dev generate`): six series over thirty years, a few presenters, guests
//! booked on a Zipf-like curve (a handful on hundreds of programmes, many once), billed
//! affiliations that change over a career, names in Latin, Arabic, Cyrillic and Han
//! script, running orders from each series' format, and some cancelled, draft and
//! future programmes.
//!
//! The same options give the same file content, ids included: every id is a UUID v7
//! whose timestamp is the row's creation time and whose random bits come from the
//! seeded generator, and nothing reads the clock. (The same binary, that is: the
//! Zipf weights go through `powf`, whose last bit may differ between platforms.)

mod cast;
mod cultures;
mod insert;
mod rng;
mod schedule;
mod topics;

use std::path::Path;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::store::db::Store;
use rng::Rng;

/// Bumped whenever the same options would give different content, so cached
/// benchmark archives are rebuilt.
pub const GENERATOR_VERSION: u32 = 2;

pub(crate) const DAY_MS: i64 = 86_400_000;
pub(crate) const YEAR_MS: i64 = 365 * DAY_MS + DAY_MS / 4;

/// "Now" for the archive, fixed so the content never depends on the clock: programmes
/// before it have aired (or were cancelled), those after are planned. 2026-11-01 UTC.
pub const AS_OF_MS: i64 = 1_793_491_200_000;
/// The archive covers the thirty years before `AS_OF_MS` and the quarter after.
const YEARS: i64 = 30;
const AHEAD_MS: i64 = 90 * DAY_MS;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub programmes: usize,
    pub people: usize,
    pub seed: u64,
}

impl GenerateOptions {
    pub const MAX: usize = 10_000_000;

    fn validate(&self) -> Result<()> {
        if self.programmes == 0 || self.programmes > Self::MAX {
            return Err(Error::validation(
                "programmes",
                format!("must be between 1 and {}", Self::MAX),
            ));
        }
        let min_people = schedule::SERIES.len() * 3 + 8;
        if self.people < min_people || self.people > Self::MAX {
            return Err(Error::validation(
                "people",
                format!(
                    "must be between {min_people} (presenters and a few guests) and {}",
                    Self::MAX
                ),
            ));
        }
        Ok(())
    }
}

/// How far a generation has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Programmes {
        done: usize,
        total: usize,
    },
    People {
        done: usize,
        total: usize,
    },
    /// Committing and checkpointing: no count, but can take a few seconds.
    Finishing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateSummary {
    pub programmes: usize,
    pub people: usize,
    pub appearances: usize,
    pub segments: usize,
    /// The guest with the most appearances and how many.
    pub busiest_guest: Option<(PersonId, usize)>,
    pub elapsed: Duration,
}

/// What to do when the target file already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    /// Replace it, but only once the new archive is complete.
    Replace,
}

/// Writes a new archive to `path`. It is built in a temporary file next to it and
/// renamed into place when complete, so a failure or an interruption leaves whatever
/// was at `path` as it was.
pub fn to_file(
    path: &Path,
    opts: &GenerateOptions,
    existing: Existing,
    progress: &mut dyn FnMut(Progress),
) -> Result<GenerateSummary> {
    opts.validate()?;
    let cannot = |reason: String| Error::CannotOpen {
        path: path.to_path_buf(),
        reason,
    };
    if existing == Existing::Refuse && path.exists() {
        return Err(Error::validation(
            "db",
            format!("{} already exists; generating writes a new archive (pass --force to replace the file)", path.display()),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".greenroom-generate-")
        .suffix(".db")
        .tempfile_in(dir)
        .map_err(|e| cannot(format!("cannot create a file in {}: {e}", dir.display())))?;
    let summary = {
        let mut store = Store::open(temp.path())?;
        // A file nobody else sees yet needs no journal: a failure throws it away.
        store
            .conn
            .pragma_update_and_check(None, "journal_mode", "OFF", |_| Ok(()))?;
        store.conn.pragma_update(None, "synchronous", "OFF")?;
        let summary = store.generate_archive(opts, progress)?;
        store
            .conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        summary
    };
    for suffix in ["-wal", "-shm"] {
        // A stale write-ahead log left by the file being replaced would be replayed
        // onto the new one.
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(cannot(format!(
                    "cannot remove {}: {e}",
                    Path::new(&side).display()
                )))
            }
            _ => {}
        }
    }
    let placed = match existing {
        Existing::Refuse => temp.persist_noclobber(path),
        Existing::Replace => temp.persist(path),
    };
    placed.map_err(|e| {
        cannot(format!(
            "cannot move the new archive into place: {}",
            e.error
        ))
    })?;
    Ok(summary)
}

impl Store {
    /// Fills this store, which must hold no programmes or people, with a generated
    /// archive in one transaction.
    pub fn generate_archive(
        &mut self,
        opts: &GenerateOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<GenerateSummary> {
        opts.validate()?;
        let started = Instant::now();
        let occupied: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM programme) OR EXISTS (SELECT 1 FROM person)",
            [],
            |r| r.get(0),
        )?;
        if occupied {
            return Err(Error::validation(
                "db",
                "the database already holds programmes or people; generate into a new file",
            ));
        }
        // Big enough that a 100k-programme build rarely goes back to the disk.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -256 * 1024)?;
        let result = self.generate_in_transaction(opts, progress);
        self.conn.pragma_update(None, "cache_size", cache)?;
        let mut summary = result?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    fn generate_in_transaction(
        &mut self,
        opts: &GenerateOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<GenerateSummary> {
        let span = (AS_OF_MS - YEARS * YEAR_MS, AS_OF_MS + AHEAD_MS);
        let mut rng = Rng::new(opts.seed);
        let (tenures, owned) = schedule::tenures(&mut rng, span);
        let mut cast = cast::Cast::new(&mut rng, opts.people, opts.programmes, &tenures, span);
        let mut planner = schedule::Planner::new(opts.programmes, span, AS_OF_MS, owned);
        let mut booked = vec![0usize; cast.people.len()];
        let (mut appearances, mut segments) = (0, 0);

        let tx = self.write()?;
        insert::begin(&tx)?;
        let step = (opts.programmes / 200).max(1);
        let mut done = 0;
        while let Some(p) = planner.next(&mut rng, &mut cast) {
            insert::programme(&tx, &p, &cast)?;
            for g in &p.guests {
                booked[g.person] += 1;
            }
            appearances += 1 + p.guests.len();
            segments += p.segments.len();
            done += 1;
            if done % step == 0 {
                progress(Progress::Programmes {
                    done,
                    total: opts.programmes,
                });
            }
        }
        cast.settle_unbooked(&mut rng);
        let total = cast.people.len();
        let step = (total / 100).max(1);
        for (i, person) in cast.people.iter().enumerate() {
            insert::person(&tx, person)?;
            if (i + 1) % step == 0 {
                progress(Progress::People { done: i + 1, total });
            }
        }
        progress(Progress::Finishing);
        tx.commit()?;
        let busiest_guest = booked
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
            .filter(|(_, n)| **n > 0)
            .and_then(|(i, n)| Some((PersonId::from_u128(cast.people[i].id?.as_u128()), *n)));
        Ok(GenerateSummary {
            programmes: opts.programmes,
            people: total,
            appearances,
            segments,
            busiest_guest,
            elapsed: Duration::ZERO,
        })
    }
}

/// A UUID v7 for a row created at `ms`, its random bits from the seeded stream.
pub(crate) fn v7(ms: i64, rng: &mut Rng) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(ms.max(0) as u64, &rng.bytes10()).into_uuid()
}
