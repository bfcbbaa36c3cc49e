//! A large synthetic archive for benchmarks: 40k people, 100k programmes × 3 guests
//! (300k appearances), framing and notes, built once straight into the tables in one
//! transaction (so the search triggers do their real work) and cached under target/.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use greenroom_core::migrate::SCHEMA_VERSION;
use greenroom_core::Store;
use rusqlite::params;

pub const PEOPLE: usize = 40_000;
pub const PROGRAMMES: usize = 100_000;
const GUESTS: usize = 3;

const FIRST: &[&str] = &[
    "Tarık",
    "Marwan",
    "Hélène",
    "Peter",
    "Pavel",
    "Anatol",
    "Dareen",
    "Hana",
    "Ahmed",
    "Olga",
    "Søren",
    "Łucja",
    "Ibrahim",
    "Mariam",
    "James",
    "Chen",
    "Priya",
    "Kwame",
    "Lucía",
    "Yusuf",
    "مروان",
    "هناء",
    "Fatima",
    "Omar",
    "Elena",
    "Dmitri",
    "Aisha",
    "João",
    "Zeynep",
    "Ngozi",
];
const TOPICS: &[&str] = &[
    "ceasefire",
    "elections",
    "sanctions",
    "refugees",
    "climate",
    "inflation",
    "drought",
    "pipeline",
    "nuclear",
    "protests",
    "coup",
    "migration",
    "borders",
    "trade",
    "tariffs",
    "famine",
    "water",
    "oil",
    "gas",
    "debt",
    "corruption",
    "journalism",
    "security",
    "NATO",
    "Sudan",
    "Gaza",
    "Ukraine",
    "Nile",
    "Sahel",
    "Taiwan",
    "Venezuela",
    "Kashmir",
    "Yemen",
];

/// A small deterministic generator: the same archive on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() % list.len()]
    }
    /// A made-up word from a few thousand, so most words are rare, as in real notes.
    fn word(&mut self) -> String {
        const SYL: &[&str] = &[
            "ka", "lo", "mi", "ra", "to", "su", "ne", "vi", "da", "ge", "zo", "pu", "an", "el",
            "or",
        ];
        let n = 2 + self.next() % 2;
        (0..n).map(|_| SYL[self.next() % SYL.len()]).collect()
    }
    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|i| {
                if i % 4 == 0 {
                    self.pick(TOPICS).to_string()
                } else {
                    self.word()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn archive() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    std::fs::create_dir_all(&target).unwrap();
    // Keyed by the index's definition too, so a changed migration rebuilds it.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    include_str!("../../migrations/0004_search.sql").hash(&mut h);
    let path = target.join(format!(
        "search-bench-v{SCHEMA_VERSION}-{:016x}.db",
        h.finish()
    ));
    if !path.exists() {
        let building = path.with_extension("building");
        let _ = std::fs::remove_file(&building);
        build(&building);
        std::fs::rename(&building, &path).unwrap();
    }
    path
}

fn build(path: &std::path::Path) {
    let started = std::time::Instant::now();
    drop(Store::open(path).unwrap()); // the schema, migrated
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let mut rng = Rng(4);
    let mut people = Vec::with_capacity(PEOPLE);
    {
        let mut st = tx
            .prepare(
                "INSERT INTO person (id, name, name_key, affiliation, created_at, updated_at)
                 VALUES (?1, ?2, lower(?2), ?3, 0, 0)",
            )
            .unwrap();
        for i in 0..PEOPLE {
            let id = uuid(1, i);
            // One in a thousand is an Oğuzlu, so a name search has a handful of hits.
            let last = if i % 1000 == 7 {
                "Oğuzlu".to_string()
            } else {
                let w = rng.word();
                w[..1].to_uppercase() + &w[1..]
            };
            let name = format!("{} {last}", rng.pick(FIRST));
            let affiliation = format!("{} Institute", rng.pick(TOPICS));
            st.execute(params![id, name, affiliation]).unwrap();
            people.push(id);
        }
    }
    {
        let mut prog = tx
            .prepare(
                "INSERT INTO programme (id, series, title, air_at, notes, created_at, updated_at)
                 VALUES (?1, 'Inside Story', ?2, ?3, ?4, 0, 0)",
            )
            .unwrap();
        let mut framing = tx
            .prepare("INSERT INTO framing (programme_id, position, text) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut appear = tx
            .prepare(
                "INSERT INTO appearance (id, programme_id, person_id, role, affiliation, position)
                 VALUES (?1, ?2, ?3, 'guest', ?4, ?5)",
            )
            .unwrap();
        for i in 0..PROGRAMMES {
            let id = uuid(2, i);
            let title = format!("{}?", rng.sentence(7));
            let notes = rng.sentence(30);
            let air = 1_500_000_000_000i64 + i as i64 * 86_400_000;
            prog.execute(params![id, title, air, notes]).unwrap();
            for pos in 0..2 {
                framing.execute(params![id, pos, rng.sentence(20)]).unwrap();
            }
            for pos in 0..GUESTS {
                let person = &people[rng.next() % PEOPLE];
                let billed = format!("{} Centre", rng.pick(TOPICS));
                // The same guest twice on one show would break nothing but realism.
                let _ = appear.execute(params![
                    uuid(3, i * GUESTS + pos),
                    id,
                    person,
                    billed,
                    pos as i64
                ]);
            }
        }
    }
    tx.commit().unwrap();
    eprintln!("built {} in {:.1?}", path.display(), started.elapsed());
}

fn uuid(kind: u128, n: usize) -> String {
    uuid::Uuid::from_u128((kind << 100) | (0x7 << 76) | n as u128).to_string()
}
