//! Versioned byte blobs shared by the protocol crates:
//! `[version, suite id, kind] ‖ postcard(body)`. Each crate names its kinds.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Code, Error, Result};

/// Current blob version.
pub const VERSION: u8 = 1;

/// Serialize with the header.
///
/// # Errors
/// [`Code::Bug`] if serialization fails.
pub fn encode<T: Serialize>(suite: u8, kind: u8, body: &T) -> Result<Vec<u8>> {
    let mut out = vec![VERSION, suite, kind];
    out.extend(postcard::to_allocvec(body).map_err(|_| Error::bug("blob serialization failed"))?);
    Ok(out)
}

/// Parse a blob, checking version, suite and kind.
///
/// # Errors
/// [`Code::Malformed`], [`Code::UnsupportedVersion`], [`Code::InvalidArgument`] (wrong suite or kind).
pub fn decode<T: DeserializeOwned>(suite: u8, kind: u8, bytes: &[u8]) -> Result<T> {
    let [version, s, k, body @ ..] = bytes else {
        return Err(Error::new(Code::Malformed, "blob too short"));
    };
    if *version != VERSION {
        return Err(Error::new(Code::UnsupportedVersion, format!("blob version {version} is not supported")));
    }
    if *s != suite {
        return Err(Error::invalid(format!("blob is for suite {s}, not {suite}")));
    }
    if *k != kind {
        return Err(Error::invalid(format!("blob holds kind {k}, expected {kind}")));
    }
    postcard::from_bytes(body).map_err(|_| Error::new(Code::Malformed, "blob body does not decode"))
}
