//! The benchmark archive: what `greenroom dev generate --programmes 100000 --people
//! 40000 --seed 1` writes (`greenroom_core::generate`), built once and cached under
//! target/. The file name carries the schema version, the generator version and a hash
//! of the migrations, so a changed schema or generator builds a new one.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::time::Instant;

use greenroom_core::generate::{self, Existing, GenerateOptions, Progress, GENERATOR_VERSION};
use greenroom_core::store::migrate::SCHEMA_VERSION;

pub const PEOPLE: usize = 40_000;
pub const PROGRAMMES: usize = 100_000;
pub const SEED: u64 = 1;

pub fn options() -> GenerateOptions {
    GenerateOptions {
        programmes: PROGRAMMES,
        people: PEOPLE,
        seed: SEED,
    }
}

pub fn archive() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../target"));
    std::fs::create_dir_all(&target).unwrap();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut migrations: Vec<_> = std::fs::read_dir(manifest.join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    migrations.sort();
    for m in migrations {
        std::fs::read(m).unwrap().hash(&mut h);
    }
    (PROGRAMMES, PEOPLE, SEED).hash(&mut h);
    let path = target.join(format!(
        "archive-bench-v{SCHEMA_VERSION}-g{GENERATOR_VERSION}-{:016x}.db",
        h.finish()
    ));
    if !path.exists() {
        let started = Instant::now();
        eprintln!("building the benchmark archive {} …", path.display());
        let mut shown = 0;
        let built = generate::to_file(&path, &options(), Existing::Refuse, &mut |p| {
            if let Progress::Programmes { done, total } = p {
                let tenth = done * 10 / total;
                if tenth > shown {
                    shown = tenth;
                    eprintln!("  {done} programmes, {:.0?}", started.elapsed());
                }
            }
        });
        match built {
            Ok(s) => eprintln!("built in {:.1?}: {s:?}", s.elapsed),
            // Another bench process built it meanwhile.
            Err(_) if path.exists() => {}
            Err(e) => panic!("cannot build the benchmark archive: {e}"),
        }
    }
    path
}
