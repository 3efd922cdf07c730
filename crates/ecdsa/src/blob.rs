//! Versioned ECDSA blobs: `[version, suite = 1 (secp256k1), kind] ‖ postcard(body)`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::Result;

/// What a blob holds (byte 2). Values are part of the stored format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A party's key share with its Paillier key (secret).
    KeyShare = 1,
    /// The public side of a key.
    PublicKey = 2,
    /// Session state of any ECDSA protocol (secret).
    SessionState = 5,
    /// A protocol message.
    Message = 6,
    /// A presignature (secret, one-time).
    Presignature = 7,
    /// The public side of a presignature (what combining needs).
    PresignaturePublic = 8,
}

/// Serialize with the header.
///
/// # Errors
/// `Bug` if serialization fails.
pub fn encode<T: Serialize>(kind: Kind, body: &T) -> Result<Vec<u8>> {
    sigil_math::blob::encode(Secp256k1::ID, kind as u8, body)
}

/// Parse a blob, checking version, suite and kind.
///
/// # Errors
/// `Malformed`, `UnsupportedVersion`, `InvalidArgument` (wrong suite or kind).
pub fn decode<T: DeserializeOwned>(kind: Kind, bytes: &[u8]) -> Result<T> {
    sigil_math::blob::decode(Secp256k1::ID, kind as u8, bytes)
}
