//! Versioned byte blobs: `[version, suite id, kind] ‖ postcard(body)`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use sigil_math::curve::Curve;
use sigil_math::Result;

/// Current blob version.
pub const VERSION: u8 = sigil_math::blob::VERSION;

/// What a blob holds (byte 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A party's key package (secret).
    KeyPackage = 1,
    /// The public key package.
    PublicKeyPackage = 2,
    /// One-time signing nonces (secret).
    Nonces = 3,
    /// Public nonce commitments.
    Commitments = 4,
    /// DKG or refresh session state (secret).
    SessionState = 5,
    /// A DKG or refresh protocol message.
    Message = 6,
}

/// Serialize with the header.
///
/// # Errors
/// [`sigil_math::Code::Bug`] if serialization fails.
pub fn encode<T: Serialize>(suite: u8, kind: Kind, body: &T) -> Result<Vec<u8>> {
    sigil_math::blob::encode(suite, kind as u8, body)
}

/// Parse a blob, checking version, suite and kind.
///
/// # Errors
/// `Malformed`, `UnsupportedVersion`, `InvalidArgument` (wrong suite or kind).
pub fn decode<T: DeserializeOwned>(suite: u8, kind: Kind, bytes: &[u8]) -> Result<T> {
    sigil_math::blob::decode(suite, kind as u8, bytes)
}

/// Decode a point list from encodings.
///
/// # Errors
/// Point decoding errors.
pub fn points<C: Curve>(encoded: &[Vec<u8>]) -> Result<Vec<C::Point>> {
    encoded.iter().map(|p| C::decode_point(p)).collect()
}

/// Encode a point list.
pub fn encode_points<C: Curve>(points: &[C::Point]) -> Vec<Vec<u8>> {
    points.iter().map(C::encode_point).collect()
}
