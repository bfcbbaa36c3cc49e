//! Telling connected clients that their desk moved on, across instances: a commit
//! that adds changes runs `pg_notify(CHANNEL, 'DESK HEAD')` in its transaction, which
//! PostgreSQL delivers at commit to every connection LISTENing, whichever instance
//! holds it. Each instance keeps one such connection ([`listen`]) and fans what it
//! hears out through a broadcast channel ([`Hub`]) to its `GET /v1/events` streams.

use std::time::Duration;

use deadpool_postgres::GenericClient;
use futures_util::StreamExt;
use tokio::sync::broadcast;
use tokio_postgres::AsyncMessage;
use uuid::Uuid;

use crate::error::Result;
use crate::store;
use crate::store::sql;

pub const CHANNEL: &str = "greenroom_desk";

/// Waiting before trying the database again after the listening connection failed.
const RECONNECT: Duration = Duration::from_secs(1);
/// Events a slow stream may fall behind by before it re-reads its head.
const BACKLOG: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Desk `desk` has changes up to `head`.
    Head { desk: Uuid, head: i64 },
    /// Notifications may have been missed (the listening connection was lost): every
    /// stream re-reads its desk's head.
    Resync,
    /// The server is stopping: streams end, so the stop need not wait for them.
    Closing,
}

#[derive(Clone, Debug)]
pub struct Hub {
    sender: broadcast::Sender<Event>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            sender: broadcast::channel(BACKLOG).0,
        }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    pub fn send(&self, event: Event) {
        // No stream listening is no error.
        let _ = self.sender.send(event);
    }
}

/// Announces, at the commit of the transaction `client` is in, that `desk` has
/// changes up to `head`.
pub async fn notify(client: &impl GenericClient, desk: Uuid, head: i64) -> Result<()> {
    sql::execute(
        client,
        "SELECT pg_notify($1, $2)",
        &[&CHANNEL, &format!("{desk} {head}")],
    )
    .await?;
    Ok(())
}

/// Listens on [`CHANNEL`] for as long as the server runs, reconnecting when the
/// database goes away, and passes every notification to `hub`.
pub async fn listen(url: String, hub: Hub) {
    let mut said = false;
    loop {
        match listen_once(&url, &hub).await {
            Ok(()) => {
                eprintln!("greenroom-server: live events lost the database; reconnecting");
                said = false;
            }
            Err(e) if !said => {
                eprintln!("greenroom-server: live events wait for the database: {e}");
                said = true;
            }
            Err(_) => {}
        }
        hub.send(Event::Resync);
        tokio::time::sleep(RECONNECT).await;
    }
}

/// One listening connection, until it ends (Ok) or cannot be made (Err).
async fn listen_once(url: &str, hub: &Hub) -> Result<()> {
    let (client, mut connection) = store::config(url)?
        .connect(store::tls(url)?)
        .await
        .map_err(crate::Error::connect)?;
    let (heard, mut hearing) = tokio::sync::mpsc::unbounded_channel();
    let messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
    let driver = tokio::spawn(async move {
        let mut messages = std::pin::pin!(messages);
        while let Some(Ok(message)) = messages.next().await {
            if let AsyncMessage::Notification(n) = message {
                let _ = heard.send(n.payload().to_string());
            }
        }
    });
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    // Anything committed while no connection listened is read again now.
    hub.send(Event::Resync);
    while let Some(payload) = hearing.recv().await {
        if let Some(event) = parse(&payload) {
            hub.send(event);
        }
    }
    driver.abort();
    Ok(())
}

/// The `GET /v1/events` stream of `member`'s desk `desk`: its head now, then each
/// newer head, until the member is revoked. Subscribed before the head is read, so
/// no commit falls between the two.
pub async fn heads(
    hub: &Hub,
    pool: &deadpool_postgres::Pool,
    desk: Uuid,
    member: Uuid,
) -> Result<impl futures_util::Stream<Item = i64> + Send + 'static> {
    let receiver = hub.subscribe();
    let now = crate::desk::head(&store::client(pool).await?, desk).await?;
    let later = futures_util::stream::unfold(
        (receiver, now, pool.clone()),
        move |(mut receiver, last, pool)| async move {
            loop {
                match receiver.recv().await {
                    Ok(Event::Head { desk: d, head }) if d == desk && head > last => {}
                    Ok(Event::Head { .. }) => continue,
                    Ok(Event::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Ok(Event::Closing) | Err(broadcast::error::RecvError::Closed) => return None,
                }
                // Asked at each event: a member revoked hears nothing more.
                let head = match now_for(&pool, desk, member).await {
                    Ok((true, head)) => head,
                    Ok((false, _)) => return None,
                    Err(_) => continue,
                };
                if head > last {
                    return Some((head, (receiver, head, pool)));
                }
            }
        },
    );
    Ok(futures_util::stream::once(std::future::ready(now)).chain(later))
}

/// Whether `member` is still a member, and the desk's head.
async fn now_for(pool: &deadpool_postgres::Pool, desk: Uuid, member: Uuid) -> Result<(bool, i64)> {
    let client = store::client(pool).await?;
    let row = sql::query_one(
        &client,
        "SELECT EXISTS (SELECT 1 FROM member
                            WHERE desk_id = $1 AND id = $2 AND revoked_at IS NULL),
                    (SELECT coalesce(max(seq), 0) FROM change WHERE desk_id = $1)",
        &[&desk, &member],
    )
    .await?;
    Ok((row.get(0), row.get(1)))
}

fn parse(payload: &str) -> Option<Event> {
    let (desk, head) = payload.split_once(' ')?;
    Some(Event::Head {
        desk: desk.parse().ok()?,
        head: head.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_is_a_desk_and_a_head_and_anything_else_is_ignored() {
        let desk = Uuid::now_v7();
        assert_eq!(
            parse(&format!("{desk} 42")),
            Some(Event::Head { desk, head: 42 })
        );
        for bad in ["", "42", &format!("{desk}"), &format!("{desk} x"), "x 1"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
