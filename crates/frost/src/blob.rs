//! Versioned byte blobs: `[version, suite id, kind] ‖ postcard(body)`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use sigil_math::curve::Curve;
use sigil_math::{Code, Error, Result};

/// Current blob version.
pub const VERSION: u8 = 1;

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
/// [`Code::Bug`] if serialization fails.
pub fn encode<T: Serialize>(suite: u8, kind: Kind, body: &T) -> Result<Vec<u8>> {
    let mut out = vec![VERSION, suite, kind as u8];
    out.extend(postcard::to_allocvec(body).map_err(|_| Error::bug("blob serialization failed"))?);
    Ok(out)
}

/// Parse a blob, checking version, suite and kind.
///
/// # Errors
/// [`Code::Malformed`], [`Code::UnsupportedVersion`], [`Code::InvalidArgument`] (wrong suite or kind).
pub fn decode<T: DeserializeOwned>(suite: u8, kind: Kind, bytes: &[u8]) -> Result<T> {
    let [version, s, k, body @ ..] = bytes else {
        return Err(Error::new(Code::Malformed, "blob too short"));
    };
    if *version != VERSION {
        return Err(Error::new(Code::UnsupportedVersion, format!("blob version {version} is not supported")));
    }
    if *s != suite {
        return Err(Error::invalid(format!("blob is for suite {s}, not {suite}")));
    }
    if *k != kind as u8 {
        return Err(Error::invalid(format!("blob holds kind {k}, expected {}", kind as u8)));
    }
    postcard::from_bytes(body).map_err(|_| Error::new(Code::Malformed, "blob body does not decode"))
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
