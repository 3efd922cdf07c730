//! Uniform random integers from a CSPRNG (rejection sampling, no modulo bias).

use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroize;

use super::Nat;
use crate::error::{Error, Result};

/// A uniform integer with at most `bits` bits.
pub fn random_bits(bits: u32, rng: &mut (impl CryptoRng + RngCore)) -> Nat {
    let nbytes = bits.div_ceil(8) as usize;
    let mut buf = vec![0u8; nbytes];
    rng.fill_bytes(&mut buf);
    let excess = (nbytes as u32) * 8 - bits;
    if let Some(first) = buf.first_mut() {
        *first &= 0xffu8.checked_shr(excess).unwrap_or(0);
    }
    let n = Nat::from_be_bytes(&buf);
    buf.zeroize();
    n
}

/// A uniform integer in `[0, bound)`.
///
/// # Errors
/// [`crate::Code::InvalidArgument`] for `bound = 0`.
pub fn random_below(bound: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<Nat> {
    if bound.is_zero() {
        return Err(Error::invalid("random bound must be positive"));
    }
    let bits = bound.bits();
    loop {
        let candidate = random_bits(bits, rng);
        if candidate < *bound {
            return Ok(candidate);
        }
    }
}

/// A uniform unit of `Z_n^*` (`gcd(r, n) = 1`, `0 < r < n`).
///
/// # Errors
/// [`crate::Code::InvalidArgument`] for `n < 2`.
pub fn random_unit(n: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<Nat> {
    if n.bits() < 2 {
        return Err(Error::invalid("modulus must be at least 2"));
    }
    loop {
        let r = random_below(n, rng)?;
        if !r.is_zero() && r.gcd(n).is_one() {
            return Ok(r);
        }
    }
}
