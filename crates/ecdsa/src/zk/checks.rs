//! Small checks and helpers shared by the proofs.

use rand_core::{CryptoRng, RngCore};
use sigil_math::bigint::{random_bits, Nat};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::{Code, Error, Result};

/// A secp256k1 point.
pub type Point = <Secp256k1 as Curve>::Point;

/// `ProofFailed` for `proof`, naming the failed check.
pub fn fail(proof: &str, what: &str) -> Error {
    Error::new(Code::ProofFailed, format!("{proof}: {what}"))
}

/// `0 < x < n` and `gcd(x, n) = 1` (public values).
pub fn is_unit(x: &Nat, n: &Nat) -> bool {
    !x.is_zero() && x < n && x.gcd(n).is_one()
}

/// A uniform non-negative mask below `2^bits` (CGGMP21 samples masks in
/// `±2^bits`; a non-negative range keeps secret-dependent exponents free of a
/// sign branch and shifts every answer by a public constant only).
pub fn mask(bits: u32, rng: &mut (impl CryptoRng + RngCore)) -> Nat {
    random_bits(bits, rng)
}

/// Decode a point sent inside a proof, as a proof failure when invalid.
///
/// # Errors
/// [`Code::ProofFailed`].
pub fn point(proof: &str, bytes: &[u8]) -> Result<Point> {
    Secp256k1::decode_point(bytes).map_err(|e| fail(proof, e.detail()))
}
