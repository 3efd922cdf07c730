//! Typed readers for op arguments: little-endian integers and curve names.

use crate::error::{Code, Error, Result};

/// Read a 2-byte little-endian u16 argument.
///
/// # Errors
/// [`Code::InvalidLength`] naming the argument.
pub fn u16_arg(bytes: &[u8], name: &str) -> Result<u16> {
    let arr: [u8; 2] = bytes.try_into().map_err(|_| Error::new(Code::InvalidLength, format!("`{name}` must be a 2-byte u16")))?;
    Ok(u16::from_le_bytes(arr))
}

/// Read a 4-byte little-endian u32 argument.
///
/// # Errors
/// [`Code::InvalidLength`] naming the argument.
pub fn u32_arg(bytes: &[u8], name: &str) -> Result<u32> {
    let arr: [u8; 4] = bytes.try_into().map_err(|_| Error::new(Code::InvalidLength, format!("`{name}` must be a 4-byte u32")))?;
    Ok(u32::from_le_bytes(arr))
}

/// Curves known to the ops, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveName {
    /// secp256k1.
    Secp256k1,
    /// Ed25519's group.
    Ed25519,
}

/// Parse a curve name argument.
///
/// # Errors
/// [`Code::InvalidArgument`] for an unknown name.
pub fn curve_arg(bytes: &[u8]) -> Result<CurveName> {
    match bytes {
        b"secp256k1" => Ok(CurveName::Secp256k1),
        b"ed25519" => Ok(CurveName::Ed25519),
        _ => Err(Error::invalid(format!("unknown curve `{}`", String::from_utf8_lossy(bytes)))),
    }
}

/// Dispatch a generic function on a curve name: `with_curve!(name, f::<C>(args))`.
#[macro_export]
macro_rules! with_curve {
    ($name:expr, $f:ident ( $($arg:expr),* )) => {
        match $name {
            $crate::ops::args::CurveName::Secp256k1 => $f::<$crate::curve::Secp256k1>($($arg),*),
            $crate::ops::args::CurveName::Ed25519 => $f::<$crate::curve::Ed25519>($($arg),*),
        }
    };
}
