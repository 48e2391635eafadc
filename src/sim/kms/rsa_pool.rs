//! The fixed pool of real RSA keys the model draws from (made by
//! `tools/make_rsa_pool.py`). Generating RSA keys in WebAssembly takes up to
//! seconds and would freeze the page, and playground keys are not secret, so
//! GetParametersForImport and RSA CreateKey pick a pool key with the world's
//! seeded generator: fast and deterministic.

use std::sync::OnceLock;

use rsa::{BigUint, RsaPrivateKey};

static POOL_BYTES: &[u8] = include_bytes!("rsa_pool.bin");

struct Entry {
    bits: u16,
    offset: usize,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut out = Vec::new();
        let mut at = 0;
        while at + 2 <= POOL_BYTES.len() {
            let bits = u16::from_be_bytes([POOL_BYTES[at], POOL_BYTES[at + 1]]);
            out.push(Entry { bits, offset: at + 2 });
            at += 2 + usize::from(bits) / 8;
        }
        out
    })
}

/// Indices of the pool keys with a modulus of `bits` bits.
pub fn indices_of_size(bits: u16) -> Vec<usize> {
    entries()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.bits == bits)
        .map(|(i, _)| i)
        .collect()
}

/// The private key at `index`, rebuilt from its primes on first use.
pub fn key(index: usize) -> &'static RsaPrivateKey {
    static KEYS: OnceLock<Vec<OnceLock<RsaPrivateKey>>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| entries().iter().map(|_| OnceLock::new()).collect());
    let index = index.min(keys.len() - 1);
    keys[index].get_or_init(|| {
        let entry = &entries()[index];
        let half = usize::from(entry.bits) / 16;
        let p = BigUint::from_bytes_be(&POOL_BYTES[entry.offset..entry.offset + half]);
        let q = BigUint::from_bytes_be(&POOL_BYTES[entry.offset + half..entry.offset + 2 * half]);
        // The pool is a committed file checked by tests; its keys are valid.
        let mut key = RsaPrivateKey::from_p_q(p, q, BigUint::from(65_537u32)).expect("pool key is a valid RSA key");
        key.precompute().expect("pool key supports CRT precomputation");
        key
    })
}

#[cfg(test)]
mod tests {
    use rsa::traits::PublicKeyParts;

    use super::*;

    #[test]
    fn the_pool_holds_four_keys_of_each_size() {
        for bits in [2048u16, 3072, 4096] {
            let indices = indices_of_size(bits);
            assert_eq!(indices.len(), 4, "{bits}");
            for i in indices {
                assert_eq!(key(i).n().bits(), usize::from(bits));
                key(i).validate().expect("valid key");
            }
        }
    }
}
