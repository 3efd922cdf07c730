//! Prime-order groups used by Sigil, behind one trait: secp256k1 (k256) and
//! Ed25519 (curve25519-dalek). Encodings and validation rules:
//!
//! * secp256k1 — scalars are 32-byte big-endian and must be `< n` (SEC 1 §2.3.8);
//!   points are 33-byte SEC 1 compressed (`02`/`03` ‖ x, §2.3.3) with `x < p`.
//! * Ed25519 — scalars are 32-byte little-endian and must be `< ℓ`
//!   (RFC 8032 §5.1.7); points are RFC 8032 §5.1.2 encodings that must be
//!   canonical (`y < p`, no sign bit on `x = 0`) and in the prime-order subgroup
//!   (RFC 9591 §6.1 DeserializeElement).
//!
//! Decoding rejects the identity everywhere: it is never a valid public value.

mod ed25519;
mod secp256k1;
mod secret;

use core::fmt::Debug;
use core::ops::{Add, Mul, Neg, Sub};

use rand_core::{CryptoRng, RngCore};
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use crate::error::{Code, Error, Result};

pub use ed25519::Ed25519;
pub use secp256k1::Secp256k1;
pub use secret::SecretScalar;

/// A prime-order group with its scalar field, encodings and hashing.
pub trait Curve: Copy + Clone + Debug + Send + Sync + 'static {
    /// Name used in ops and blobs: `secp256k1` or `ed25519`.
    const NAME: &'static str;
    /// Suite byte in versioned blobs: 1 = secp256k1, 2 = ed25519.
    const ID: u8;
    /// Encoded scalar length.
    const SCALAR_LEN: usize;
    /// Encoded point length.
    const POINT_LEN: usize;

    /// Scalar field element (integers mod the group order).
    type Scalar: Copy
        + Clone
        + PartialEq
        + Eq
        + Default
        + Send
        + Sync
        + Zeroize
        + ConditionallySelectable
        + ConstantTimeEq
        + Add<Output = Self::Scalar>
        + Sub<Output = Self::Scalar>
        + Mul<Output = Self::Scalar>
        + Neg<Output = Self::Scalar>;

    /// Group element.
    type Point: Copy
        + Clone
        + PartialEq
        + Eq
        + Debug
        + Send
        + Sync
        + Add<Output = Self::Point>
        + Sub<Output = Self::Point>
        + Neg<Output = Self::Point>;

    /// The standard generator.
    fn generator() -> Self::Point;
    /// The neutral element.
    fn identity() -> Self::Point;
    /// Whether `p` is the neutral element.
    fn is_identity(p: &Self::Point) -> bool;
    /// `s·G`, constant time.
    fn mul_base(s: &Self::Scalar) -> Self::Point;
    /// `s·P`, constant time.
    fn mul(p: &Self::Point, s: &Self::Scalar) -> Self::Point;
    /// The scalar `v mod n`.
    fn scalar_from_u64(v: u64) -> Self::Scalar;
    /// Zero.
    fn scalar_zero() -> Self::Scalar;
    /// One.
    fn scalar_one() -> Self::Scalar;
    /// Whether `s` is zero (constant time).
    fn scalar_is_zero(s: &Self::Scalar) -> bool {
        bool::from(s.ct_eq(&Self::scalar_zero()))
    }
    /// `s⁻¹`, constant time; `None` for zero.
    fn scalar_invert(s: &Self::Scalar) -> Option<Self::Scalar>;
    /// A uniform nonzero scalar.
    fn random_scalar(rng: &mut (impl CryptoRng + RngCore)) -> Self::Scalar;
    /// Canonical scalar encoding.
    fn encode_scalar(s: &Self::Scalar) -> Vec<u8>;
    /// Decode a scalar.
    ///
    /// # Errors
    /// [`Code::InvalidLength`], or [`Code::InvalidScalar`] when `≥` the group order.
    fn decode_scalar(bytes: &[u8]) -> Result<Self::Scalar>;
    /// Canonical point encoding (the identity encodes too, for hashing; it never decodes).
    fn encode_point(p: &Self::Point) -> Vec<u8>;
    /// Decode and validate a point.
    ///
    /// # Errors
    /// [`Code::InvalidLength`], [`Code::NonCanonical`], [`Code::InvalidPoint`],
    /// [`Code::IdentityPoint`] or [`Code::SmallOrderPoint`].
    fn decode_point(bytes: &[u8]) -> Result<Self::Point>;
    /// `Σ sᵢ·Pᵢ` in variable time: **public values only** (verification
    /// equations, group commitments). Default: one constant-time mul per term.
    fn multi_mul_vartime(terms: &[(Self::Scalar, Self::Point)]) -> Self::Point {
        terms.iter().fold(Self::identity(), |acc, (s, p)| acc + Self::mul(p, s))
    }
    /// Decode a point from a blob this core produced and sealed itself:
    /// canonical encoding and non-identity are checked, the costlier subgroup
    /// check is skipped. Never use on input from another party.
    ///
    /// # Errors
    /// As [`Curve::decode_point`] minus [`Code::SmallOrderPoint`].
    fn decode_point_trusted(bytes: &[u8]) -> Result<Self::Point> {
        Self::decode_point(bytes)
    }
    /// Hash to a scalar under domain tag `sigil/v1/<tag>`; each part is length-prefixed.
    fn hash_to_scalar(tag: &str, parts: &[&[u8]]) -> Self::Scalar;
}

/// The domain-separation tag for `tag`.
pub(crate) fn dst(tag: &str) -> Vec<u8> {
    let mut d = b"sigil/v1/".to_vec();
    d.extend_from_slice(tag.as_bytes());
    d
}

/// Parts as one unambiguous message: each part prefixed by its u64 big-endian length.
pub(crate) fn framed(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 8).sum());
    for p in parts {
        out.extend_from_slice(&(p.len() as u64).to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}

/// Require an exact length.
pub(crate) fn expect_len(bytes: &[u8], len: usize, what: &str) -> Result<()> {
    if bytes.len() == len {
        Ok(())
    } else {
        Err(Error::new(Code::InvalidLength, format!("{what} must be {len} bytes, got {}", bytes.len())))
    }
}

/// Decode a nonzero scalar (secret keys, nonces, multipliers that must not vanish).
///
/// # Errors
/// As [`Curve::decode_scalar`], plus [`Code::InvalidScalar`] for zero.
pub fn decode_nonzero_scalar<C: Curve>(bytes: &[u8]) -> Result<C::Scalar> {
    let s = C::decode_scalar(bytes)?;
    if C::scalar_is_zero(&s) {
        return Err(Error::new(Code::InvalidScalar, "scalar must be nonzero"));
    }
    Ok(s)
}

/// Encode a point that must not be the identity (results handed to callers).
///
/// # Errors
/// [`Code::IdentityPoint`] when `p` is the identity.
pub fn encode_nonidentity<C: Curve>(p: &C::Point) -> Result<Vec<u8>> {
    if C::is_identity(p) {
        return Err(Error::new(Code::IdentityPoint, "result is the identity point"));
    }
    Ok(C::encode_point(p))
}
