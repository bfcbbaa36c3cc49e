//! Convergence: five members, each on their own database, joined to one desk through
//! two server instances on one PostgreSQL, make seeded random edits through the CLI
//! (programmes, their fields, running orders, line-ups, deletions and restores,
//! people's records, merges and unmerges). Some stay offline for a few rounds; all
//! of a round's edits are made before anyone syncs, so they collide. At the end
//! everyone syncs until nothing moves, the conflicts are resolved (mine and theirs
//! in turn), everyone syncs again, and every member's `archive export` is the same
//! bytes as every other's. Only edits that were made count: the run must have made
//! merges, unmerges, deletions and restores, met an edit to a programme deleted
//! meanwhile (a whole-programme conflict), and end on an archive with programmes and
//! people in it, or it has proved nothing and fails.
//!
//! The seed is printed (shown when the test fails); `GREENROOM_SEED=N` replays one.

use std::collections::BTreeMap;

use serde_json::Value;

use super::served::Served;
use super::{Desk, Member, Run};

const SEED: u64 = 14;
const MEMBERS: usize = 5;
const ROUNDS: usize = 12;

/// Names far enough apart that the directory's near-match check never stops them,
/// so a name is either someone known or a new person.
const PEOPLE: [&str; 10] = [
    "Amara Okoye",
    "Bruno Lindqvist",
    "Chen Wei",
    "Dalia Haddad",
    "Esteban Ruiz",
    "Farah Nasser",
    "Gunnar Holt",
    "Hana Sato",
    "Ivo Petrov",
    "Juno Achebe",
];
const WORDS: [&str; 8] = [
    "Water",
    "Oil",
    "Grain",
    "Borders",
    "Elections",
    "Debt",
    "Drought",
    "Ports",
];

/// splitmix64: a seeded sequence, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

struct Producer {
    m: Member,
    /// Rounds left without syncing.
    offline_for: usize,
    /// The ids `guest merge` printed here, for a later unmerge.
    merges: Vec<String>,
}

impl Producer {
    /// `args` run here; a refusal for a name that is ambiguous or nearly matches
    /// someone (exit code 5) is a legitimate answer to a random edit, anything else
    /// that fails is the test's failure.
    fn act(&self, args: &[&str]) -> Option<String> {
        self.act_or(args, 5)
    }

    /// [`Producer::act`], where exit code `refused` is legitimate too.
    fn act_or(&self, args: &[&str], refused: i32) -> Option<String> {
        let run: Run = self.m.run(args);
        match run.code {
            0 => Some(run.stdout),
            5 => None,
            c if c == refused => None,
            _ => panic!("{args:?} failed ({}): {}", run.code, run.stderr),
        }
    }

    /// The programmes here, by id (a stable order for the seed to pick from).
    fn programmes(&self) -> Vec<String> {
        self.ids("programme")
    }

    fn people(&self) -> Vec<String> {
        self.ids("person")
    }

    /// The ids `greenroom KIND list` gives, sorted.
    fn ids(&self, kind: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .m
            .json(&[kind, "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    }

    fn sync(&self) -> Value {
        self.m.sync()
    }

    fn export(&self) -> String {
        let mut a: Value =
            serde_json::from_str(&self.m.run(&["archive", "export", "--out", "-"]).ok())
                .expect("an archive");
        // When this member exported: each machine's own.
        a.as_object_mut().unwrap().remove("exportedAt");
        serde_json::to_string_pretty(&a).unwrap()
    }
}

/// A guest as `--guest` takes it: "NAME – AFFILIATION".
fn billing(guest: &Value) -> String {
    let name = guest["name"].as_str().unwrap();
    match guest["affiliation"].as_str() {
        Some(a) if !a.is_empty() => format!("{name} – {a}"),
        _ => name.to_string(),
    }
}

/// One random edit by `p`: what kind it was, when it was made (`None`: nothing to
/// do, or refused).
fn edit(p: &mut Producer, rng: &mut Rng, round: usize) -> Option<&'static str> {
    let ids = p.programmes();
    let stamp = format!("{round}.{}", rng.below(1000));
    if ids.is_empty() || rng.chance(12) {
        let title = format!("{} {stamp}", rng.pick(&WORDS));
        let mut args = vec!["programme", "add", "--title", &title];
        let first = rng.below(PEOPLE.len());
        let guests: Vec<String> = (0..1 + rng.below(2))
            .map(|n| format!("{} – Analyst", PEOPLE[(first + 3 * n) % PEOPLE.len()]))
            .collect();
        for g in &guests {
            args.extend(["--guest", g]);
        }
        return p.act(&args).map(|_| "add");
    }
    // Most edits go to the few oldest programmes, so members collide on them.
    let id = if rng.chance(50) {
        ids[rng.below(ids.len().min(2))].clone()
    } else {
        rng.pick(&ids).clone()
    };
    let id = id.as_str();
    let show = p.m.json(&["programme", "show", id, "--json"]);
    let segments = show["segments"].as_array().unwrap().len();
    let guests = show["guests"].as_array().unwrap().clone();
    match rng.below(18) {
        0 | 1 => p
            .act(&[
                "programme",
                "edit",
                id,
                "--title",
                &format!("{} {stamp}", rng.pick(&WORDS)),
            ])
            .map(|_| "title"),
        2 => {
            let status = *rng.pick(&["draft", "planned", "confirmed"]);
            p.act(&["programme", "edit", id, "--status", status])
                .map(|_| "status")
        }
        3 => p
            .act(&[
                "programme",
                "edit",
                id,
                "--notes",
                &format!("notes {stamp}"),
            ])
            .map(|_| "notes"),
        4 => {
            let done = if rng.chance(30) {
                p.act(&["programme", "edit", id, "--clear-framing"])
            } else {
                let q = format!("Why {stamp}?");
                p.act(&[
                    "programme",
                    "edit",
                    id,
                    "--framing",
                    &q,
                    "--framing",
                    "And then?",
                ])
            };
            done.map(|_| "framing")
        }
        5 | 6 => {
            let title = format!("Part {stamp}");
            let at = (1 + rng.below(segments + 1)).to_string();
            let mut args = vec!["segment", "add", id, "--title", &title, "--duration", "2m"];
            if rng.chance(50) {
                args.extend(["--at", &at]);
            }
            p.act(&args).map(|_| "segment add")
        }
        7 if segments > 0 => {
            let n = (1 + rng.below(segments)).to_string();
            let done = if rng.chance(50) {
                p.act(&[
                    "segment",
                    "edit",
                    id,
                    &n,
                    "--title",
                    &format!("Part {stamp}"),
                ])
            } else {
                let d = format!("{}m", 1 + rng.below(9));
                p.act(&["segment", "edit", id, &n, "--duration", &d])
            };
            done.map(|_| "segment edit")
        }
        8 if segments > 1 => {
            let (n, to) = (1 + rng.below(segments), 1 + rng.below(segments));
            p.act(&[
                "segment",
                "move",
                id,
                &n.to_string(),
                "--to",
                &to.to_string(),
            ])
            .map(|_| "segment move")
        }
        9 if segments > 0 => {
            let n = (1 + rng.below(segments)).to_string();
            p.act(&["segment", "remove", id, &n])
                .map(|_| "segment remove")
        }
        10 => {
            let mut line_up: Vec<String> = guests.iter().map(billing).collect();
            let name = *rng.pick(&PEOPLE);
            if guests.iter().any(|g| g["name"] == name) {
                return None;
            }
            line_up.insert(rng.below(line_up.len() + 1), format!("{name} – Guest"));
            let mut args = vec!["programme", "edit", id];
            for g in &line_up {
                args.extend(["--guest", g]);
            }
            p.act(&args).map(|_| "guest add")
        }
        11 if !guests.is_empty() => {
            let mut line_up: Vec<String> = guests.iter().map(billing).collect();
            line_up.remove(rng.below(line_up.len()));
            let mut args = vec!["programme", "edit", id];
            if line_up.is_empty() {
                args.push("--clear-guests");
            }
            for g in &line_up {
                args.extend(["--guest", g]);
            }
            p.act(&args).map(|_| "guest remove")
        }
        12 => p.act(&["programme", "delete", id]).map(|_| "delete"),
        13 => {
            let trash = p.m.json(&["trash", "list", "--json"]);
            let gone = trash
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["kind"] == "programme")?;
            p.act(&["trash", "restore", gone["id"].as_str().unwrap()])
                .map(|_| "restore")
        }
        14 => {
            let people = p.people();
            if people.is_empty() {
                return None;
            }
            let who = rng.pick(&people).clone();
            let done = match rng.below(3) {
                0 => p.act(&[
                    "person",
                    "edit",
                    &who,
                    "--affiliation",
                    &format!("Institute {stamp}"),
                ]),
                1 => p.act(&[
                    "person",
                    "edit",
                    &who,
                    "--city",
                    *rng.pick(&["Doha", "Nairobi", "Oslo"]),
                ]),
                _ => p.act(&["person", "edit", &who, "--notes", &format!("met {stamp}")]),
            };
            done.map(|_| "person edit")
        }
        15 => {
            let people = p.people();
            if people.len() < 2 {
                return None;
            }
            let keep = rng.below(people.len());
            let drop = (keep + 1 + rng.below(people.len() - 1)) % people.len();
            // Two people on one programme are refused (2): they are not the same.
            let merge = ["guest", "merge", &people[keep], &people[drop]];
            let out = p.act_or(&merge, 2)?;
            p.merges.push(out.trim().to_string());
            Some("merge")
        }
        16 if !p.merges.is_empty() => {
            let merge = p.merges.remove(rng.below(p.merges.len()));
            // Refused (2) when the desk merged the kept person away since.
            p.act_or(&["guest", "unmerge", &merge], 2)
                .map(|_| "unmerge")
        }
        _ => p
            .act(&[
                "segment",
                "add",
                id,
                "--title",
                &format!("Close {stamp}"),
                "--duration",
                "1m",
            ])
            .map(|_| "segment add"),
    }
}

/// Syncs every member until a pass where nothing was pushed or pulled anywhere.
fn sync_until_quiet(producers: &[Producer]) {
    for _ in 0..8 {
        let mut moved = 0;
        for p in producers {
            let s = p.sync();
            let pushed: u64 = s["pushed"]
                .as_object()
                .unwrap()
                .values()
                .filter_map(Value::as_u64)
                .sum();
            moved += pushed + s["pulled"].as_u64().unwrap();
        }
        if moved == 0 {
            return;
        }
    }
    panic!("still moving after 8 passes");
}

#[test]
fn five_members_through_two_instances_converge_on_one_archive() {
    let seed = std::env::var("GREENROOM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    println!("convergence seed {seed} (GREENROOM_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let desk = Desk::start();
    let other = Served::start(&desk.db);
    let mut producers: Vec<Producer> = (0..MEMBERS)
        .map(|i| {
            let m = Member::new();
            let url = if i % 2 == 0 { &desk.url } else { &other.url };
            desk.join_at(url, &m, &format!("Producer {i}"), "editor", &[])
                .ok();
            Producer {
                m,
                offline_for: 0,
                merges: Vec::new(),
            }
        })
        .collect();

    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut conflicted = 0;
    for round in 0..ROUNDS {
        for (i, p) in producers.iter_mut().enumerate() {
            p.offline_for = p.offline_for.saturating_sub(1);
            // The first member is always there; the others now and then go away for
            // a few rounds.
            if i > 0 && p.offline_for == 0 && rng.chance(20) {
                p.offline_for = 1 + rng.below(3);
            }
            for _ in 0..1 + rng.below(4) {
                if let Some(kind) = edit(p, &mut rng, round) {
                    *kinds.entry(kind).or_default() += 1;
                }
            }
        }
        let mut order: Vec<usize> = (0..MEMBERS).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for i in order {
            let p = &producers[i];
            if p.offline_for == 0 {
                let s = p.sync();
                conflicted += s["pushed"]["conflicted"].as_u64().unwrap();
            }
        }
    }
    println!("edits made: {kinds:?}; pushes that conflicted: {conflicted}");
    // The run proves something only if what is hard to converge on happened.
    for kind in ["merge", "unmerge", "delete", "restore"] {
        assert!(
            kinds.get(kind).is_some_and(|n| *n > 0),
            "seed {seed}: no {kind} was made: {kinds:?}"
        );
    }

    for p in &mut producers {
        p.offline_for = 0;
    }
    sync_until_quiet(&producers);
    let conflicts = producers[0].m.json(&["conflicts", "list", "--json"]);
    let conflicts = conflicts.as_array().unwrap();
    let whole = conflicts
        .iter()
        .filter(|c| c["entity"] == "programme" && c["field"] == "")
        .count();
    println!(
        "{} open conflicts, {whole} of them over a whole programme",
        conflicts.len()
    );
    assert!(
        whole > 0,
        "seed {seed}: no edit met a programme deleted meanwhile"
    );
    for (n, c) in conflicts.iter().enumerate() {
        let keep = if n % 2 == 0 { "mine" } else { "theirs" };
        let by = &producers[n % MEMBERS];
        let id = c["id"].as_str().unwrap();
        let run = by.m.run(&["conflicts", "resolve", id, "--keep", keep]);
        // Keeping an edit to a programme deleted since is refused until someone
        // restores it; keeping the desk's (deleted) state always resolves.
        if run.code != 0 {
            assert!(
                run.stderr.contains("deleted after this conflict"),
                "{}",
                run.stderr
            );
            by.m.run(&["conflicts", "resolve", id, "--keep", "theirs"])
                .ok();
        }
    }
    sync_until_quiet(&producers);

    let first = producers[0].export();
    for (i, p) in producers.iter().enumerate() {
        let status = p.m.json(&["desk", "status", "--json"]);
        assert_eq!(
            (status["pending"].as_i64(), status["conflicts"].as_i64()),
            (Some(0), Some(0)),
            "producer {i}, seed {seed}: {status}"
        );
        let export = p.export();
        if export != first {
            let line = first
                .lines()
                .zip(export.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around = |text: &str| {
                text.lines()
                    .skip(line.saturating_sub(8))
                    .take(16)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "seed {seed}: producer {i}'s archive differs from producer 0's at line {line}:\n\
                 --- producer 0\n{}\n--- producer {i}\n{}",
                around(&first),
                around(&export)
            );
        }
    }
    // What they converged on is an archive, not what is left of one.
    let archive: Value = serde_json::from_str(&first).unwrap();
    let (programmes, people) = (
        archive["programmes"].as_array().unwrap().len(),
        archive["people"].as_array().unwrap().len(),
    );
    println!("the archive: {programmes} programmes, {people} people");
    assert!(
        programmes >= 5 && people >= 3,
        "seed {seed}: {programmes} programmes and {people} people survived"
    );
    assert!(
        kinds.len() > 10 && !conflicts.is_empty(),
        "seed {seed} tried too little: {kinds:?}, {} conflicts",
        conflicts.len()
    );
}
