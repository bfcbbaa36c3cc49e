/// Every command the UI may invoke; shared by build.rs (the ACL manifest) and the app.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "list_programmes",
    "get_programme",
    "create_programme",
    "update_programme",
    "delete_programme",
    "list_people",
    "list_time_zones",
    "load_example",
    "list_segment_kinds",
    "preview_timing",
    "get_series_format",
    "save_series_format",
    "choose_export_path",
    "export_programme",
    "open_exported",
];
