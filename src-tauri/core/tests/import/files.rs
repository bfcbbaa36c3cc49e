//! `import/files.rs`: gathering listings from files.

use greenroom_core::import::files::gather;

use super::listing::{write, SAMPLE};

#[test]
fn a_missing_path_is_an_error_before_anything_is_read() {
    let files = tempfile::tempdir().unwrap();
    let ok = write(files.path(), "a.txt", SAMPLE.as_bytes());
    let e = gather(&[ok, files.path().join("nope.txt")]).unwrap_err();
    assert_eq!(e.code(), "file");
    assert!(e.to_string().contains("nope.txt"), "{e}");
}
