//! Autocomplete and duplicate detection over 40,000 people (issue 4 budget:
//! autocomplete median ≤ 10 ms). `cargo bench -p greenroom-core --bench suggest`
//!
//! The directory: names drawn from Latin, Turkish, Arabic-script, Cyrillic and Chinese
//! name lists, with honorifics, particles and hyphens, on 4,000 ten-guest programmes in
//! a database file (WAL, as the app runs it).

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::{PersonInput, ProgrammeInput, Store};
use greenroom_testkit::temp_store;

const PEOPLE: usize = 40_000;

const FIRST: &[&str] = &[
    "Anatol",
    "Tarık",
    "Dareen",
    "Pavel",
    "Peter",
    "Mohammed",
    "Hana",
    "Marwan",
    "Sergei",
    "Olga",
    "Li",
    "Wei",
    "Fatima",
    "Ahmed",
    "Yusuf",
    "Elif",
    "Mehmet",
    "Sophie",
    "Jean",
    "Maria",
    "José",
    "Anna",
    "Ivan",
    "Nadia",
    "Omar",
    "Layla",
    "Chen",
    "Ayşe",
    "Kemal",
    "Ngozi",
    "Chidi",
    "Priya",
    "Rahul",
    "Sven",
    "Ingrid",
    "Ludwig",
    "Dr. Karim",
    "Prof. Ruth",
    "Gen. Mark",
    "Amb. Nasser",
    "مروان",
    "هناء",
    "Сергей",
    "Ольга",
    "伟",
    "丽",
    "Zeynep",
    "Gustavo",
    "Björn",
    "Łukasz",
    "Søren",
    "Ewa",
    "Thandiwe",
    "Kwame",
    "Amal",
    "Rania",
    "Tomás",
    "Siobhán",
    "Hiroshi",
    "Yuki",
];
const SURNAME: &[&str] = &[
    "Lieven",
    "Oğuzlu",
    "Abughaida",
    "Felgenhauer",
    "Zalmayev",
    "Jamjoom",
    "Ali",
    "Bishara",
    "El-Kikhia",
    "Abu Ghaida",
    "al-Masri",
    "van der Berg",
    "von Trapp",
    "de la Cruz",
    "Da Silva",
    "Ibn Khaldun",
    "bin Salman",
    "MacDonald",
    "McCarthy",
    "O'Brien",
    "Kowalski",
    "Lavrov",
    "Ivanova",
    "Wang",
    "Zhang",
    "Yılmaz",
    "Demir",
    "Öztürk",
    "Müller",
    "Schmidt",
    "García",
    "Fernández",
    "Nakamura",
    "Okafor",
    "Mensah",
    "Haddad",
    "Khoury",
    "Nasr",
    "Saleh",
    "Hussein",
    "Rahman",
    "Abdel Rahman",
    "Le Pen",
    "Di Maio",
    "Dos Santos",
    "Petrović",
    "Novák",
    "Nguyen",
    "Kim",
    "Park",
    "Singh",
    "Sharma",
    "Johansson",
    "Nielsen",
    "المصري",
    "بشارة",
    "Лавров",
    "Иванова",
    "王",
    "李",
    "Smith",
    "Brown",
    "Taylor",
    "Evans",
    "Dubois",
    "Lefèvre",
    "Rossi",
    "Bianchi",
    "Kaya",
    "Çelik",
    "Şahin",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
];

/// Syllables for made-up surnames, so that 40k names are mostly distinct people as in
/// a real directory (not 40k near-copies of a few hundred names).
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mir", "zen", "dar", "vo", "ten", "sha", "rin", "gol", "bek", "tu", "na", "fel",
    "gen", "hau", "ber", "lie", "ven", "oz", "gu", "lu", "ab", "ha", "ri", "mo", "sa", "ke", "don",
    "vic",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) as usize
    }
}

/// Deterministic names: a first name and a surname (real, or made of two or three
/// syllables), a few with a middle initial; then 1% written again differently (an
/// honorific, a dropped letter, a hyphen for a space), which duplicates must find.
fn names() -> Vec<String> {
    let mut rng = Lcg(0x9e37_79b9_7f4a_7c15);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(PEOPLE);
    while out.len() < PEOPLE * 99 / 100 {
        let first = FIRST[rng.next() % FIRST.len()];
        let surname = if rng.next().is_multiple_of(4) {
            SURNAME[rng.next() % SURNAME.len()].to_string()
        } else {
            let n = 2 + rng.next() % 2;
            let s: String = (0..n)
                .map(|_| SYLLABLES[rng.next() % SYLLABLES.len()])
                .collect();
            let mut c = s.chars();
            c.next().unwrap().to_uppercase().chain(c).collect()
        };
        let name = match rng.next() % 10 {
            0 => format!(
                "{first} {}. {surname}",
                (b'A' + (rng.next() % 26) as u8) as char
            ),
            _ => format!("{first} {surname}"),
        };
        if seen.insert(name.to_lowercase()) {
            out.push(name);
        }
    }
    while out.len() < PEOPLE {
        let base = &out[rng.next() % out.len()];
        let variant = match rng.next() % 3 {
            0 => format!("Dr. {base}"),
            1 => base.replacen(' ', "-", 1),
            _ => {
                let mut chars: Vec<char> = base.chars().collect();
                chars.remove(chars.len() - 2);
                chars.into_iter().collect()
            }
        };
        if seen.insert(variant.to_lowercase()) {
            out.push(variant);
        }
    }
    out
}

fn directory() -> (tempfile::TempDir, Store) {
    let (dir, _, mut store) = temp_store();
    for (i, chunk) in names().chunks(10).enumerate() {
        let input = ProgrammeInput {
            title: format!("Programme {i}"),
            guests: chunk
                .iter()
                .map(|n| PersonInput {
                    name: n.clone(),
                    affiliation: Some("Institute".into()),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        store.create_programme(&input).unwrap();
    }
    (dir, store)
}

fn bench(c: &mut Criterion) {
    let (_dir, store) = directory();
    assert_eq!(store.list_people().unwrap().len(), PEOPLE);
    for typed in [
        "Tarik Og",
        "Dareen Abu Ghaida",
        "Felgenhaur",
        "el kikhia",
        "Tarik Ogzulu",
        "Mo",
        "مروان",
    ] {
        assert!(
            !store.suggest_people(typed, 10).unwrap().is_empty(),
            "{typed}"
        );
        c.bench_function(&format!("suggest_people 40k {typed:?}"), |b| {
            b.iter(|| store.suggest_people(black_box(typed), 10).unwrap())
        });
    }
    let pairs = store.possible_duplicates().unwrap();
    eprintln!("possible duplicates among {PEOPLE}: {} pairs", pairs.len());
    let mut group = c.benchmark_group("duplicates");
    group.sample_size(10);
    group.bench_function("possible_duplicates 40k", |b| {
        b.iter(|| store.possible_duplicates().unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
