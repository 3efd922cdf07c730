//! Node identity: an Ed25519 signing key (envelope signatures) and an X25519
//! static key (envelope encryption), generated together from the OS CSPRNG.
//!
//! Secret blob (66 bytes): `version (1) ‖ kind (1 = identity) ‖ ed25519 seed (32)
//! ‖ x25519 secret (32)`. Store it only sealed ([`crate::share::seal_share`]).
//! Public identity (64 bytes): `ed25519 public (32) ‖ x25519 public (32)`.

use core::fmt;

use ed25519_dalek::{SigningKey, VerifyingKey};
use rand_core::{CryptoRng, RngCore};
use sigil_math::{Code, Error, Result};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::VERSION;

/// Kind byte of an identity secret blob.
pub const KIND_IDENTITY: u8 = 1;
/// Length of the secret blob.
pub const SECRET_LEN: usize = 66;
/// Length of the public identity.
pub const PUBLIC_LEN: usize = 64;

/// A node's secret identity. Holds raw key bytes; dalek key objects are built
/// on demand and wipe themselves on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct IdentitySecret {
    ed_seed: [u8; 32],
    x_secret: [u8; 32],
}

impl fmt::Debug for IdentitySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdentitySecret(<redacted>)")
    }
}

/// A node's public identity: verification key and X25519 public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityPublic {
    /// Ed25519 verification key (validated encoding).
    pub ed25519: VerifyingKey,
    /// X25519 public key.
    pub x25519: PublicKey,
}

impl IdentitySecret {
    /// Generate a fresh identity.
    pub fn generate(rng: &mut (impl CryptoRng + RngCore)) -> Self {
        let mut id = Self { ed_seed: [0; 32], x_secret: [0; 32] };
        rng.fill_bytes(&mut id.ed_seed);
        rng.fill_bytes(&mut id.x_secret);
        id
    }

    /// Serialize as the versioned secret blob.
    pub fn to_blob(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SECRET_LEN);
        out.extend_from_slice(&[VERSION, KIND_IDENTITY]);
        out.extend_from_slice(&self.ed_seed);
        out.extend_from_slice(&self.x_secret);
        out
    }

    /// Parse a secret blob.
    ///
    /// # Errors
    /// [`Code::InvalidLength`] for a wrong length, [`Code::UnsupportedVersion`]
    /// for an unknown version or kind byte.
    pub fn from_blob(blob: &[u8]) -> Result<Self> {
        if blob.len() != SECRET_LEN {
            return Err(Error::new(Code::InvalidLength, "identity secret blob must be 66 bytes"));
        }
        let (head, rest) = blob.split_at(2);
        if head != [VERSION, KIND_IDENTITY] {
            return Err(Error::new(Code::UnsupportedVersion, "identity secret blob has an unknown version or kind"));
        }
        let (ed, x) = rest.split_at(32);
        let mut id = Self { ed_seed: [0; 32], x_secret: [0; 32] };
        id.ed_seed.copy_from_slice(ed);
        id.x_secret.copy_from_slice(x);
        Ok(id)
    }

    /// The Ed25519 signing key (wipes itself on drop).
    pub(crate) fn signing_key(&self) -> SigningKey {
        SigningKey::from_bytes(&self.ed_seed)
    }

    /// The X25519 static secret (wipes itself on drop).
    pub(crate) fn x25519_secret(&self) -> StaticSecret {
        StaticSecret::from(self.x_secret)
    }

    /// The public identity.
    pub fn public(&self) -> IdentityPublic {
        IdentityPublic {
            ed25519: self.signing_key().verifying_key(),
            x25519: PublicKey::from(&self.x25519_secret()),
        }
    }
}

impl IdentityPublic {
    /// Encode as 64 bytes `ed25519 ‖ x25519`.
    pub fn to_bytes(&self) -> [u8; PUBLIC_LEN] {
        let mut out = [0u8; PUBLIC_LEN];
        let (ed, x) = out.split_at_mut(32);
        ed.copy_from_slice(self.ed25519.as_bytes());
        x.copy_from_slice(self.x25519.as_bytes());
        out
    }

    /// Decode 64 bytes. The Ed25519 key must be a valid point that is not of
    /// small order (weak keys would let anyone forge).
    ///
    /// # Errors
    /// [`Code::InvalidLength`], [`Code::InvalidPoint`] or [`Code::SmallOrderPoint`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let arr: &[u8; PUBLIC_LEN] = bytes
            .try_into()
            .map_err(|_| Error::new(Code::InvalidLength, "public identity must be 64 bytes"))?;
        let (ed, x) = arr.split_at(32);
        let mut ed_arr = [0u8; 32];
        ed_arr.copy_from_slice(ed);
        let mut x_arr = [0u8; 32];
        x_arr.copy_from_slice(x);
        let ed25519 = VerifyingKey::from_bytes(&ed_arr)
            .map_err(|_| Error::new(Code::InvalidPoint, "identity ed25519 key is not a point"))?;
        if ed25519.is_weak() {
            return Err(Error::new(Code::SmallOrderPoint, "identity ed25519 key has small order"));
        }
        Ok(Self { ed25519, x25519: PublicKey::from(x_arr) })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    #[test]
    fn blob_roundtrip_and_debug_redacts() {
        let id = IdentitySecret::generate(&mut OsRng);
        let back = IdentitySecret::from_blob(&id.to_blob()).unwrap();
        assert_eq!(back.public(), id.public());
        assert_eq!(format!("{id:?}"), "IdentitySecret(<redacted>)");
        let pubs = IdentityPublic::from_bytes(&id.public().to_bytes()).unwrap();
        assert_eq!(pubs, id.public());
    }

    #[test]
    fn bad_blobs_are_rejected() {
        let blob = IdentitySecret::generate(&mut OsRng).to_blob();
        for cut in 0..blob.len() {
            assert_eq!(IdentitySecret::from_blob(&blob[..cut]).unwrap_err().code(), Code::InvalidLength);
        }
        let mut v = blob.clone();
        v[0] = 2;
        assert_eq!(IdentitySecret::from_blob(&v).unwrap_err().code(), Code::UnsupportedVersion);
        let mut k = blob;
        k[1] = 9;
        assert_eq!(IdentitySecret::from_blob(&k).unwrap_err().code(), Code::UnsupportedVersion);
    }

    #[test]
    fn weak_public_keys_are_rejected() {
        // The identity point (y = 1) is a valid encoding of small order.
        let mut bytes = [0u8; 64];
        bytes[0] = 1;
        assert_eq!(IdentityPublic::from_bytes(&bytes).unwrap_err().code(), Code::SmallOrderPoint);
        assert_eq!(IdentityPublic::from_bytes(&bytes[..63]).unwrap_err().code(), Code::InvalidLength);
    }
}
