//! The cryptography behind KMS operations, with RustCrypto crates:
//! AES-256-GCM ciphertext blobs for symmetric keys, RSA-OAEP and RSA
//! signatures for RSA keys, HMAC for HMAC keys, and unwrapping of imported
//! key material (RSAES_OAEP_SHA_1/256 and the RSA_AES_KEY_WRAP variants).

use std::collections::BTreeMap;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use crate::sim::rng::{hex, uuid_text, SimRng};

/// The first byte of every symmetric ciphertext blob the playground makes.
const BLOB_VERSION: u8 = 1;
const HEADER_LEN: usize = 1 + 16 + 4;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// What a symmetric ciphertext blob says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobHeader {
    /// The key id (UUID) the blob was made with.
    pub key_id: String,
    /// The index of the key's material version.
    pub material_index: u32,
}

/// Encrypts `plaintext` into a blob: `version | key id (16) | material index
/// (4) | nonce (12) | AES-256-GCM ciphertext and tag`. The header and the
/// encryption context are the additional authenticated data, so a blob only
/// decrypts under its own key version and the same context.
pub fn seal(
    key_id: &str,
    material_index: u32,
    material: &[u8],
    context: &BTreeMap<String, String>,
    plaintext: &[u8],
    rng: &mut SimRng,
) -> Vec<u8> {
    let mut blob = Vec::with_capacity(HEADER_LEN + NONCE_LEN + plaintext.len() + TAG_LEN);
    blob.push(BLOB_VERSION);
    blob.extend_from_slice(&uuid_bytes(key_id));
    blob.extend_from_slice(&material_index.to_be_bytes());
    let nonce: [u8; NONCE_LEN] = rng.bytes();
    let aad = aad(&blob, context);
    blob.extend_from_slice(&nonce);
    let cipher = Aes256Gcm::new_from_slice(material).expect("symmetric material is 32 bytes");
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .expect("AES-GCM encryption of a bounded plaintext cannot fail");
    blob.extend_from_slice(&sealed);
    blob
}

/// Reads a blob's header, if it is one of ours.
pub fn header(blob: &[u8]) -> Option<BlobHeader> {
    if blob.len() < HEADER_LEN + NONCE_LEN + TAG_LEN || blob[0] != BLOB_VERSION {
        return None;
    }
    let key_id = uuid_string(&blob[1..17]);
    let material_index = u32::from_be_bytes(blob[17..21].try_into().ok()?);
    Some(BlobHeader { key_id, material_index })
}

/// Decrypts a blob whose header has been checked; `None` if it was altered
/// or the context differs.
pub fn open(blob: &[u8], material: &[u8], context: &BTreeMap<String, String>) -> Option<Vec<u8>> {
    header(blob)?;
    let aad = aad(&blob[..HEADER_LEN], context);
    let nonce = &blob[HEADER_LEN..HEADER_LEN + NONCE_LEN];
    let cipher = Aes256Gcm::new_from_slice(material).ok()?;
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: &blob[HEADER_LEN + NONCE_LEN..],
                aad: &aad,
            },
        )
        .ok()
}

/// The header followed by the encryption context in a canonical form
/// (pairs sorted by key, each part length-prefixed).
fn aad(header: &[u8], context: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = header.to_vec();
    for (k, v) in context {
        for part in [k, v] {
            out.extend_from_slice(&(part.len() as u32).to_be_bytes());
            out.extend_from_slice(part.as_bytes());
        }
    }
    out
}

/// The 16 bytes of a UUID string (non-hex characters are skipped).
fn uuid_bytes(id: &str) -> [u8; 16] {
    let digits: Vec<u8> = id
        .bytes()
        .filter_map(|b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    let mut out = [0u8; 16];
    for (i, pair) in digits.chunks(2).take(16).enumerate() {
        out[i] = (pair[0] << 4) | pair.get(1).copied().unwrap_or(0);
    }
    out
}

fn uuid_string(bytes: &[u8]) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&bytes[..16]);
    uuid_text(&b)
}

/// A material's `KeyMaterialId`: 64 lower-case hex digits derived from the
/// material, so re-importing the same material gives the same id.
pub fn material_id(material: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"kms-playground key material");
    h.update(material);
    hex(&h.finalize())
}

/// The id of an RSA pool key's material.
pub fn rsa_material_id(pool_index: usize) -> String {
    material_id(format!("rsa-pool-{pool_index}").as_bytes())
}

/// HMAC of `message` with `key` for `HMAC_SHA_<bits>`.
pub fn hmac(bits: u16, key: &[u8], message: &[u8]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
        let mut mac = <M as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(message);
        mac.finalize().into_bytes().to_vec()
    }
    match bits {
        224 => run::<Hmac<Sha224>>(key, message),
        256 => run::<Hmac<Sha256>>(key, message),
        384 => run::<Hmac<Sha384>>(key, message),
        _ => run::<Hmac<Sha512>>(key, message),
    }
}

/// The hash functions named by KMS algorithm suffixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    pub fn len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    fn oaep(self) -> Oaep {
        match self {
            Hash::Sha1 => Oaep::new::<sha1::Sha1>(),
            Hash::Sha256 => Oaep::new::<Sha256>(),
            Hash::Sha384 => Oaep::new::<Sha384>(),
            Hash::Sha512 => Oaep::new::<Sha512>(),
        }
    }
}

/// RSA-OAEP encryption (MGF1 with the same hash, empty label).
pub fn rsa_encrypt(public: &RsaPublicKey, hash: Hash, plaintext: &[u8], rng: &mut SimRng) -> Option<Vec<u8>> {
    public.encrypt(rng, hash.oaep(), plaintext).ok()
}

/// RSA-OAEP decryption; `None` if the ciphertext is not for this key.
pub fn rsa_decrypt(private: &RsaPrivateKey, hash: Hash, ciphertext: &[u8]) -> Option<Vec<u8>> {
    private.decrypt(hash.oaep(), ciphertext).ok()
}

/// The largest plaintext RSA-OAEP with `hash` can encrypt under a key of
/// `bits` bits.
pub fn rsa_max_plaintext(bits: u16, hash: Hash) -> usize {
    usize::from(bits) / 8 - 2 * hash.len() - 2
}

/// Unwraps imported key material as KMS does for each wrapping algorithm.
/// The RSA_AES_KEY_WRAP algorithms carry an RSA-OAEP-wrapped ephemeral
/// AES-256 key followed by the material wrapped with AES Key Wrap with
/// Padding (RFC 5649), as `openssl pkeyutl` + `openssl enc -id-aes256-wrap-pad`
/// produce it.
pub fn unwrap_material(private: &RsaPrivateKey, algorithm: &str, wrapped: &[u8]) -> Option<Vec<u8>> {
    use rsa::traits::PublicKeyParts;
    match algorithm {
        "RSAES_OAEP_SHA_1" => rsa_decrypt(private, Hash::Sha1, wrapped),
        "RSAES_OAEP_SHA_256" => rsa_decrypt(private, Hash::Sha256, wrapped),
        "RSA_AES_KEY_WRAP_SHA_1" | "RSA_AES_KEY_WRAP_SHA_256" => {
            let hash = if algorithm.ends_with("SHA_1") {
                Hash::Sha1
            } else {
                Hash::Sha256
            };
            let split = private.size();
            if wrapped.len() <= split {
                return None;
            }
            let aes_key = rsa_decrypt(private, hash, &wrapped[..split])?;
            let kek = aes_kw::KekAes256::try_from(aes_key.as_slice()).ok()?;
            kek.unwrap_with_padding_vec(&wrapped[split..]).ok()
        }
        _ => None,
    }
}

/// Wraps material as a learner's openssl commands would (the inverse of
/// [`unwrap_material`]); the UI's "generate and wrap for me" and the tests
/// use it.
pub fn wrap_material(public: &RsaPublicKey, algorithm: &str, material: &[u8], rng: &mut SimRng) -> Option<Vec<u8>> {
    match algorithm {
        "RSAES_OAEP_SHA_1" => rsa_encrypt(public, Hash::Sha1, material, rng),
        "RSAES_OAEP_SHA_256" => rsa_encrypt(public, Hash::Sha256, material, rng),
        "RSA_AES_KEY_WRAP_SHA_1" | "RSA_AES_KEY_WRAP_SHA_256" => {
            let hash = if algorithm.ends_with("SHA_1") {
                Hash::Sha1
            } else {
                Hash::Sha256
            };
            let aes_key: [u8; 32] = rng.bytes();
            let mut out = rsa_encrypt(public, hash, &aes_key, rng)?;
            let kek = aes_kw::KekAes256::from(aes_key);
            out.extend_from_slice(&kek.wrap_with_padding_vec(material).ok()?);
            Some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_name_their_key_and_need_the_same_context() {
        let mut rng = SimRng::from_seed(1);
        let material = [7u8; 32];
        let id = "1234abcd-12ab-34cd-56ef-1234567890ab";
        let ctx: BTreeMap<String, String> = [("Project".to_string(), "Alpha".to_string())].into();
        let blob = seal(id, 3, &material, &ctx, b"hello", &mut rng);
        assert_eq!(
            header(&blob),
            Some(BlobHeader {
                key_id: id.into(),
                material_index: 3
            })
        );
        assert_eq!(open(&blob, &material, &ctx).as_deref(), Some(&b"hello"[..]));
        assert_eq!(open(&blob, &material, &BTreeMap::new()), None);
        let mut tampered = blob.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open(&tampered, &material, &ctx), None);
        assert_eq!(header(b"junk"), None);
    }

    #[test]
    fn every_wrapping_algorithm_round_trips() {
        let mut rng = SimRng::from_seed(2);
        let private = crate::sim::kms::rsa_pool::key(crate::sim::kms::rsa_pool::indices_of_size(2048)[0]);
        let public = private.to_public_key();
        let material = [9u8; 32];
        for alg in [
            "RSAES_OAEP_SHA_1",
            "RSAES_OAEP_SHA_256",
            "RSA_AES_KEY_WRAP_SHA_1",
            "RSA_AES_KEY_WRAP_SHA_256",
        ] {
            let wrapped = wrap_material(&public, alg, &material, &mut rng).unwrap();
            assert_eq!(
                unwrap_material(private, alg, &wrapped).as_deref(),
                Some(&material[..]),
                "{alg}"
            );
        }
        let wrapped = wrap_material(&public, "RSAES_OAEP_SHA_1", &material, &mut rng).unwrap();
        assert_eq!(unwrap_material(private, "RSAES_OAEP_SHA_256", &wrapped), None);
    }
}
