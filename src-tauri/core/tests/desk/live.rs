//! `live::Running` stops a loop that runs: linked to a desk whose address answers
//! nothing, the loop fails and tries again (1 s, then 2 s later) for as long as it is
//! let run, so a stop that did not reach it would hang, and one that came only from
//! the loop ending by itself would show as an end without a retry.

use std::sync::mpsc::{self, TryRecvError};
use std::time::{Duration, Instant};

use greenroom_core::desk::{link, live};
use greenroom_core::Store;

#[test]
fn stopping_a_live_sync_whose_loop_runs_ends_it_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("XDG_CONFIG_HOME", dir.path().join("config"));
    let db = dir.path().join("greenroom.db");
    let member = uuid::Uuid::now_v7();
    let store = Store::open(&db).unwrap();
    drop(store);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute(
        "INSERT INTO desk_link (one, server, desk_id, desk_name, member_id, member_name, role)
         VALUES (1, 'http://127.0.0.1:1', ?1, 'Desk', ?2, 'Ann', 'editor')",
        [uuid::Uuid::now_v7().to_string(), member.to_string()],
    )
    .unwrap();
    drop(c);
    let token = link::token_path(member).unwrap();
    std::fs::create_dir_all(token.parent().unwrap()).unwrap();
    std::fs::write(&token, "t").unwrap();

    let (said, heard) = mpsc::channel();
    let running = live::Running::start(db, move |event| {
        let told = match event {
            live::Live::Failed { retry_in, .. } => Some(retry_in),
            live::Live::Synced(_) => None,
            // Locks are read after a sync that worked: never here, offline.
            live::Live::Locks(_) => return,
        };
        let _ = said.send(told);
    })
    .unwrap()
    .expect("a linked database syncs by itself");
    // The loop runs: offline, it says when it tries again, and does.
    let patience = Duration::from_secs(10);
    assert_eq!(
        heard.recv_timeout(patience),
        Ok(Some(Duration::from_secs(1)))
    );
    assert_eq!(
        heard.recv_timeout(patience),
        Ok(Some(Duration::from_secs(2)))
    );
    assert_eq!(heard.try_recv(), Err(TryRecvError::Empty), "still running");

    let asked = Instant::now();
    let (stopped, done) = mpsc::channel();
    std::thread::spawn(move || {
        drop(running);
        let _ = stopped.send(());
    });
    done.recv_timeout(Duration::from_secs(5))
        .expect("the loop stopped within seconds of being asked");
    println!("stopped {:?} after being asked", asked.elapsed());
    // Its thread is over (what it told went with it), and it said nothing more.
    assert_eq!(heard.try_recv(), Err(TryRecvError::Disconnected));
}
