//! Commands for the running order: segment kinds and live timing.

use greenroom_core::programme::segment::SegmentKind;
use greenroom_core::programme::timing::{preview_form, TimingPreview};
use greenroom_core::Error;
use serde::Serialize;

use super::{bounded, Reply};

#[derive(Serialize)]
pub struct KindOption {
    value: &'static str,
    label: &'static str,
}

#[tauri::command]
pub async fn list_segment_kinds() -> Reply<Vec<KindOption>> {
    Ok(SegmentKind::ALL
        .iter()
        .map(|k| KindOption {
            value: k.as_str(),
            label: k.label(),
        })
        .collect())
}

#[tauri::command]
pub async fn preview_timing(
    air: Option<String>,
    time_zone: Option<String>,
    slot: Option<String>,
    durations: Vec<String>,
) -> Reply<TimingPreview> {
    if durations.len() > greenroom_core::text::limits::SEGMENTS
        || durations.iter().any(|d| d.len() > 64)
    {
        return Err(Error::validation("durations", "too many or too long"));
    }
    let air = bounded("air", air, 64)?;
    let time_zone = bounded("timeZone", time_zone, 64)?;
    let slot = bounded("slot", slot, 64)?;
    Ok(preview_form(
        air.as_deref(),
        time_zone.as_deref(),
        slot.as_deref(),
        &durations,
    ))
}
