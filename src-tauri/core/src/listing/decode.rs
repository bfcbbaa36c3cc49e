//! Turning the bytes of a dropped or opened file into text, saying what went wrong
//! rather than refusing: a listing saved in a legacy encoding still parses, with a
//! warning that names where the damage starts.

/// Decodes `bytes` as UTF-8 (a UTF-8 BOM is dropped; a UTF-16 BOM switches to UTF-16).
/// Invalid sequences are replaced by U+FFFD and the warning names the first bad byte's
/// offset in `bytes`. NUL bytes, or many other control bytes, are reported as "looks
/// like a binary file". Several problems are joined into one message.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let mut notes = Vec::new();
    let text = if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(body, 3, &mut notes)
    } else if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(body, u16::from_le_bytes, &mut notes)
    } else if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(body, u16::from_be_bytes, &mut notes)
    } else {
        utf8(bytes, 0, &mut notes)
    };
    if let Some(note) = binary_note(&text) {
        notes.push(note);
    }
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    (text, note)
}

fn utf8(body: &[u8], base: usize, notes: &mut Vec<String>) -> String {
    match std::str::from_utf8(body) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            let at = e.valid_up_to();
            notes.push(format!(
                "the file is not valid UTF-8: byte 0x{:02X} at offset {} (and any later \
                 bad bytes) was replaced by �; re-save the file as UTF-8 to keep those \
                 characters",
                body[at],
                base + at
            ));
            String::from_utf8_lossy(body).into_owned()
        }
    }
}

fn utf16(body: &[u8], unit: fn([u8; 2]) -> u16, notes: &mut Vec<String>) -> String {
    let units = body.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut bad = None;
    let mut out = String::with_capacity(body.len() / 2);
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => {
                // `i` counts decoded items, which is close enough to locate the damage
                // for a person; the exact unit offset needs a second pass not worth it.
                bad.get_or_insert(2 + 2 * i);
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if let Some(at) = bad {
        notes.push(format!(
            "the UTF-16 file has an unpaired surrogate near offset {at}; it was replaced by �"
        ));
    }
    if body.len() % 2 == 1 {
        notes.push("the UTF-16 file ends in half a character, which was dropped".into());
    }
    out
}

/// Text files do not hold NULs, and hold few other control characters; a file that
/// does is most likely a document or an image dropped by mistake.
fn binary_note(text: &str) -> Option<String> {
    let mut nul_at = None;
    let mut controls = 0usize;
    let mut total = 0usize;
    for (i, c) in text.char_indices() {
        total += 1;
        if c == '\0' {
            nul_at.get_or_insert(i);
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if let Some(at) = nul_at {
        return Some(format!(
            "the file contains NUL bytes (the first at character offset {at}): it looks \
             like a binary file, not a text listing"
        ));
    }
    (total >= 16 && controls * 10 > total).then(|| {
        format!(
            "{controls} of {total} characters are control characters: this looks like a \
             binary file, not a text listing"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_passes_and_bom_is_stripped() {
        assert_eq!(
            decode("Tarık Yıldıztepe".as_bytes()),
            ("Tarık Yıldıztepe".into(), None)
        );
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice("Title?\n".as_bytes());
        assert_eq!(decode(&with_bom), ("Title?\n".into(), None));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_the_offset_named() {
        // "Caf\xE9" is Latin-1 for "Café".
        let (text, note) = decode(b"Guests:\nCaf\xE9 Owner - x");
        assert_eq!(text, "Guests:\nCaf\u{FFFD} Owner - x");
        let note = note.unwrap();
        assert!(note.contains("0xE9 at offset 11"), "{note}");
        // With a BOM the offset still counts from the start of the file.
        let (_, note) = decode(b"\xEF\xBB\xBFab\xFF");
        assert!(note.unwrap().contains("0xFF at offset 5"));
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Hé?".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le), ("Hé?".into(), None));
        let mut be = vec![0xFE, 0xFF];
        for u in "Ы".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        be.push(0);
        let (text, note) = decode(&be);
        assert_eq!(text, "Ы");
        assert!(note.unwrap().contains("half a character"));
    }

    #[test]
    fn binary_is_reported() {
        let (_, note) = decode(b"PK\x03\x04\x00\x00\x08\x00title");
        assert!(note.unwrap().contains("NUL bytes"), "NUL");
        let junk: Vec<u8> = (0..64u8).map(|i| i % 8 + 1).collect();
        let (_, note) = decode(&junk);
        assert!(note.unwrap().contains("control characters"));
        let (_, note) = decode(b"plain text\twith tabs\r\nand lines");
        assert_eq!(note, None);
    }
}
