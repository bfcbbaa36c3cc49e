//! People merged away, in what a client pushes: an offline edit made before the
//! client heard of a merge names the dropped person; it lands on the person kept.

use greenroom_protocol::state::redirect_person;
use greenroom_protocol::Entity;
use uuid::Uuid;

use crate::error::Result;
use crate::store::entity::{self, State};

/// The entity a pushed change is to: a person merged away is the person kept.
pub async fn entity_id(
    client: &impl tokio_postgres::GenericClient,
    desk: Uuid,
    kind: Entity,
    id: &str,
) -> Result<String> {
    match kind {
        Entity::Person => entity::kept_person(client, desk, id).await,
        Entity::Programme | Entity::SeriesFormat => Ok(id.to_string()),
    }
}

/// `state` with every person merged away replaced by the person kept.
pub async fn state(
    client: &impl tokio_postgres::GenericClient,
    desk: Uuid,
    kind: Entity,
    state: Option<State>,
) -> Result<Option<State>> {
    let Some(mut state) = state else {
        return Ok(None);
    };
    if kind != Entity::Programme {
        return Ok(Some(state));
    }
    let text = serde_json::Value::Object(state.clone()).to_string();
    for dropped in entity::merged_away_in(client, desk, &text).await? {
        let kept = entity::kept_person(client, desk, &dropped).await?;
        redirect_person(kind, &mut state, &dropped, &kept);
    }
    Ok(Some(state))
}
