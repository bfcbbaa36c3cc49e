//! Secrets a person carries (invite codes, member tokens): at least 128 random bits
//! from the operating system, shown once, and stored only as their SHA-256, so a copy
//! of the database lets no one in.

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 160 bits: 32 symbols of 5 bits.
const CODE_BYTES: usize = 20;
const GROUP: usize = 4;

/// A new invite code, `XXXX-XXXX-…` (eight groups of four symbols).
pub fn invite_code() -> Result<String> {
    let mut bytes = [0u8; CODE_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    let symbols = base32(&bytes);
    let groups: Vec<String> = symbols
        .chunks(GROUP)
        .map(|g| g.iter().map(|&b| char::from(b)).collect())
        .collect();
    Ok(groups.join("-"))
}

/// 256 bits: 52 symbols. A token is pasted by a program, never typed, so no dashes.
const TOKEN_BYTES: usize = 32;

/// A new member token.
pub fn token() -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    Ok(base32(&bytes).into_iter().map(char::from).collect())
}

/// What is stored of a token: the SHA-256 of exactly what was given.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// What is stored of a code: the SHA-256 of its symbols, however they were typed
/// (any case, with or without dashes and spaces, I and L for 1, O for 0).
pub fn code_hash(code: &str) -> [u8; 32] {
    let symbols: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect();
    Sha256::digest(symbols.as_bytes()).into()
}

fn base32(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize]);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_eight_groups_of_four_symbols_carrying_160_bits() {
        let code = invite_code().unwrap();
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 8, "{code}");
        assert!(groups.iter().all(|g| g.len() == 4), "{code}");
        assert!(code.bytes().all(|b| b == b'-' || ALPHABET.contains(&b)));
        assert_ne!(invite_code().unwrap(), code);
    }

    #[test]
    fn a_token_is_52_symbols_carrying_256_bits_and_its_hash_is_exact() {
        let token = token().unwrap();
        assert_eq!(token.len(), 52, "{token}");
        assert!(token.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(super::token().unwrap(), token);
        assert_ne!(token_hash(&token.to_lowercase()), token_hash(&token));
    }

    #[test]
    fn base32_is_five_bits_a_symbol_most_significant_first() {
        assert_eq!(base32(&[0; 5]), b"00000000");
        assert_eq!(base32(&[0xff; 5]), b"ZZZZZZZZ");
        // 0b00001_00010_00011_00100_00101_00110_00111_01000
        assert_eq!(base32(&[0x08, 0x86, 0x42, 0x98, 0xe8]), b"12345678");
    }

    #[test]
    fn a_code_retyped_loosely_hashes_the_same_and_another_does_not() {
        let code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789";
        let hash = code_hash(code);
        assert_eq!(code_hash("abcd efgh jkmn pqrs tvwx yzo1 2345 6789"), hash);
        assert_eq!(code_hash("ABCDEFGHJKMNPQRSTVWXYZ0L23456789"), hash);
        assert_ne!(code_hash("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6788"), hash);
    }
}
