//! People merged away, in what a client pushes: an offline edit made before the
//! client heard of a merge names the dropped person; it lands on the person kept.

use deadpool_postgres::GenericClient;
use greenroom_protocol::state::{people_named, redirect_person};
use greenroom_protocol::Entity;
use uuid::Uuid;

use crate::error::Result;
use crate::store::entity::{self, State};

/// The entity a pushed change is to: a person merged away is the person kept.
pub async fn entity_id(
    client: &impl GenericClient,
    desk: Uuid,
    kind: Entity,
    id: &str,
) -> Result<String> {
    match kind {
        Entity::Person => entity::kept_person(client, desk, id).await,
        Entity::Programme | Entity::SeriesFormat | Entity::Setting => Ok(id.to_string()),
    }
}

/// `before` and `after` with every person merged away replaced by the person kept.
pub async fn states(
    client: &impl GenericClient,
    desk: Uuid,
    kind: Entity,
    mut before: Option<State>,
    mut after: Option<State>,
) -> Result<(Option<State>, Option<State>)> {
    if kind != Entity::Programme {
        return Ok((before, after));
    }
    let mut named: Vec<String> = [&before, &after]
        .into_iter()
        .flatten()
        .flat_map(|s| people_named(kind, s))
        .collect();
    named.sort();
    named.dedup();
    for dropped in entity::merged_away_in(client, desk, &named).await? {
        let kept = entity::kept_person(client, desk, &dropped).await?;
        for state in [&mut before, &mut after].into_iter().flatten() {
            redirect_person(kind, state, &dropped, &kept);
        }
    }
    Ok((before, after))
}
