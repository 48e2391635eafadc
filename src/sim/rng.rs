//! The world's only source of randomness: a ChaCha20 generator seeded from
//! the world's seed, so the same seed and the same requests give the same
//! ids, ARNs, ciphertexts and event JSON.

use rand_chacha::ChaCha20Rng;
use rand_core::{CryptoRng, RngCore, SeedableRng};

/// A seeded, cryptographically strong generator (playground keys are not
/// secret, but the crypto crates ask for a `CryptoRng`).
#[derive(Clone, Debug)]
pub struct SimRng(ChaCha20Rng);

impl SimRng {
    pub fn from_seed(seed: u64) -> SimRng {
        SimRng(ChaCha20Rng::seed_from_u64(seed))
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.0.fill_bytes(&mut out);
        out
    }

    pub fn vec(&mut self, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        self.0.fill_bytes(&mut out);
        out
    }

    /// A uniformly distributed integer in `0..bound` (`bound > 0`).
    pub fn below(&mut self, bound: u64) -> u64 {
        // Rejection sampling keeps the distribution exact.
        let zone = u64::MAX - (u64::MAX % bound);
        loop {
            let v = self.0.next_u64();
            if v < zone {
                return v % bound;
            }
        }
    }

    /// A random (version 4) UUID in its canonical lower-case form.
    pub fn uuid(&mut self) -> String {
        let mut b: [u8; 16] = self.bytes();
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        uuid_text(&b)
    }

    /// `len` random lower-case hex digits.
    pub fn hex(&mut self, len: usize) -> String {
        let mut s = hex(&self.vec(len.div_ceil(2)));
        s.truncate(len);
        s
    }

    /// `len` random characters from `alphabet`.
    pub fn string_from(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize] as char)
            .collect()
    }
}

impl RngCore for SimRng {
    fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }
    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        self.0.fill_bytes(dest)
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.0.try_fill_bytes(dest)
    }
}

impl CryptoRng for SimRng {}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    // Digits are gathered as bytes and checked once: pushing `char`s one by
    // one cost more than the rest of an id's formatting.
    let mut out = vec![0u8; bytes.len() * 2];
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX_DIGITS[usize::from(b >> 4)];
        pair[1] = HEX_DIGITS[usize::from(b & 15)];
    }
    String::from_utf8(out).unwrap_or_default()
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// 16 bytes in a UUID's canonical text form (8-4-4-4-12 lower-case hex
/// digits), written directly: ids are made for every record and event.
pub fn uuid_text(b: &[u8; 16]) -> String {
    let mut out = [b'-'; 36];
    let mut at = 0;
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            at += 1;
        }
        out[at] = HEX_DIGITS[usize::from(byte >> 4)];
        out[at + 1] = HEX_DIGITS[usize::from(byte & 15)];
        at += 2;
    }
    String::from_utf8(out.to_vec()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let (mut a, mut b) = (SimRng::from_seed(7), SimRng::from_seed(7));
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.hex(64), b.hex(64));
        assert_ne!(SimRng::from_seed(8).uuid(), SimRng::from_seed(7).uuid());
    }

    #[test]
    fn uuids_are_version_4() {
        let id = SimRng::from_seed(1).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!("89ab".contains(&id[19..20]));
    }

    #[test]
    fn a_uuid_is_its_sixteen_bytes_in_hex_groups() {
        for seed in 0..50 {
            let mut b: [u8; 16] = SimRng::from_seed(seed).bytes();
            b[6] = (b[6] & 0x0f) | 0x40;
            b[8] = (b[8] & 0x3f) | 0x80;
            let h = hex(&b);
            let expected = format!(
                "{}-{}-{}-{}-{}",
                &h[0..8],
                &h[8..12],
                &h[12..16],
                &h[16..20],
                &h[20..32]
            );
            assert_eq!(SimRng::from_seed(seed).uuid(), expected);
        }
    }
}
