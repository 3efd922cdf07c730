//! Non-negative big integers for Paillier and the ZK proofs.
//!
//! One API, two backends chosen at compile time: GMP (`rug`) on native
//! targets, pure Rust (`num-bigint` + `crypto-bigint`) on wasm32 or with the
//! `pure-bigint` feature. Both give identical results for every deterministic
//! operation: both run the same known-answer vectors, computed independently
//! with Python integers (`test/fixtures/paillier-kat.json`), and the TS parity
//! suite compares them directly.
//!
//! Secrets: there is no separate secret type — every [`Nat`] wipes itself on
//! drop and its `Debug` shows only the bit length.
//!
//! Naming rule: `*_vartime` runs in time that depends on its inputs and is for
//! public values only; `pow_mod_ct` is constant time in base and exponent for
//! a given modulus and exponent size. Division, gcd and inversion are variable
//! time and are applied to public values (or to secret values only where the
//! call site says why that is safe).

#[cfg(not(any(target_arch = "wasm32", feature = "pure-bigint")))]
mod gmp;
#[cfg(not(any(target_arch = "wasm32", feature = "pure-bigint")))]
use gmp as backend;

#[cfg(any(target_arch = "wasm32", feature = "pure-bigint"))]
mod mont32;
#[cfg(any(target_arch = "wasm32", feature = "pure-bigint"))]
mod pure;
#[cfg(any(target_arch = "wasm32", feature = "pure-bigint"))]
use pure as backend;

mod fixed_base;
pub mod prime;
mod random;

use core::cmp::Ordering;
use core::fmt;
use core::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroize;

use crate::error::{Code, Error, Result};

pub use fixed_base::FixedBase;
pub use random::{random_below, random_bits, random_unit};

/// Modular exponentiations with a modulus of at least 1024 bits (Paillier
/// and ring-Pedersen sized) since the process started: a work counter for
/// benchmarks (`core.stats`), relaxed and never reset.
static LARGE_MODEXPS: AtomicU64 = AtomicU64::new(0);

/// Smallest modulus counted by [`large_modexps`].
const COUNTED_MODULUS_BITS: u32 = 1024;

/// How many modular exponentiations with a modulus of ≥ 1024 bits this process has run.
pub fn large_modexps() -> u64 {
    LARGE_MODEXPS.load(AtomicOrdering::Relaxed)
}

fn count_modexp(m: &Nat) {
    if m.bits() >= COUNTED_MODULUS_BITS {
        LARGE_MODEXPS.fetch_add(1, AtomicOrdering::Relaxed);
    }
}

/// Which big-integer backend this build uses (`gmp` or `pure`).
pub const BACKEND: &str = backend::NAME;

/// A non-negative integer of any size. `Debug` prints only its bit length.
///
/// Every `Nat` is wiped on drop, so the same type carries public values and
/// secrets (Paillier factors, nonces, shares). On GMP every limb buffer GMP
/// frees — including the temporaries inside an operation — is zeroed first by
/// a zeroizing allocator (see `gmp.rs`); on the pure backend the digits of the
/// value are overwritten in place before the buffer is released (temporaries
/// inside `num-bigint`/`crypto-bigint` operations are not covered there).
/// Equality and ordering are variable time: compare secrets only where the
/// call site says why that is safe.
#[derive(Clone, PartialEq, Eq)]
pub struct Nat(backend::Raw);

impl Drop for Nat {
    fn drop(&mut self) {
        backend::wipe(&mut self.0);
    }
}

impl zeroize::ZeroizeOnDrop for Nat {}

impl Default for Nat {
    /// Zero.
    fn default() -> Self {
        Self::zero()
    }
}

impl Nat {
    /// Zero.
    pub fn zero() -> Self {
        Self(backend::from_u64(0))
    }

    /// One.
    pub fn one() -> Self {
        Self(backend::from_u64(1))
    }

    /// From a u64.
    pub fn from_u64(v: u64) -> Self {
        Self(backend::from_u64(v))
    }

    /// From big-endian bytes (leading zeros allowed).
    pub fn from_be_bytes(bytes: &[u8]) -> Self {
        Self(backend::from_be(bytes))
    }

    /// Minimal big-endian bytes; zero is empty.
    pub fn to_be_bytes(&self) -> Vec<u8> {
        backend::to_be(&self.0)
    }

    /// Big-endian bytes left-padded to exactly `len`.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when the value needs more than `len` bytes.
    pub fn to_be_bytes_padded(&self, len: usize) -> Result<Vec<u8>> {
        let raw = self.to_be_bytes();
        let pad = len.checked_sub(raw.len()).ok_or_else(|| Error::invalid(format!("integer does not fit in {len} bytes")))?;
        let mut out = vec![0u8; pad];
        out.extend_from_slice(&raw);
        Ok(out)
    }

    /// Number of significant bits (0 for zero).
    pub fn bits(&self) -> u32 {
        backend::bits(&self.0)
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.bits() == 0
    }

    /// Whether this is one.
    pub fn is_one(&self) -> bool {
        *self == Self::one()
    }

    /// Whether this is odd.
    pub fn is_odd(&self) -> bool {
        backend::bit(&self.0, 0)
    }

    /// Bit `i` (0 = least significant).
    pub fn bit(&self, i: u32) -> bool {
        backend::bit(&self.0, i)
    }

    /// `self + other`.
    pub fn add(&self, other: &Self) -> Self {
        Self(backend::add(&self.0, &other.0))
    }

    /// `self − other`.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when `other > self`.
    pub fn sub(&self, other: &Self) -> Result<Self> {
        if self < other {
            return Err(Error::invalid("subtraction would be negative"));
        }
        Ok(Self(backend::sub(&self.0, &other.0)))
    }

    /// `self · other`.
    pub fn mul(&self, other: &Self) -> Self {
        Self(backend::mul(&self.0, &other.0))
    }

    /// `(⌊self / d⌋, self mod d)`.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] for `d = 0`.
    pub fn div_rem(&self, d: &Self) -> Result<(Self, Self)> {
        if d.is_zero() {
            return Err(Error::invalid("division by zero"));
        }
        let (q, r) = backend::div_rem(&self.0, &d.0);
        Ok((Self(q), Self(r)))
    }

    /// `self mod m`.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn rem(&self, m: &Self) -> Result<Self> {
        require_modulus(m)?;
        Ok(Self(backend::div_rem(&self.0, &m.0).1))
    }

    /// `(self + other) mod m`.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn mod_add(&self, other: &Self, m: &Self) -> Result<Self> {
        self.add(other).rem(m)
    }

    /// `(self − other) mod m`, for any sizes of the operands.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn mod_sub(&self, other: &Self, m: &Self) -> Result<Self> {
        let a = self.rem(m)?;
        let b = other.rem(m)?;
        if a >= b {
            a.sub(&b)
        } else {
            a.add(m).sub(&b)
        }
    }

    /// `(self · other) mod m`.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn mod_mul(&self, other: &Self, m: &Self) -> Result<Self> {
        self.mul(other).rem(m)
    }

    /// `(−self) mod m`.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn mod_neg(&self, m: &Self) -> Result<Self> {
        Self::zero().mod_sub(self, m)
    }

    /// `self · 2ⁿ`.
    pub fn shl(&self, n: u32) -> Self {
        Self(backend::shl(&self.0, n))
    }

    /// `⌊self / 2ⁿ⌋`.
    pub fn shr(&self, n: u32) -> Self {
        Self(backend::shr(&self.0, n))
    }

    /// Greatest common divisor (variable time).
    pub fn gcd(&self, other: &Self) -> Self {
        Self(backend::gcd(&self.0, &other.0))
    }

    /// `self⁻¹ mod m` (variable time).
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m < 2`; [`Code::NotInvertible`] when `gcd(self, m) ≠ 1`.
    pub fn inv_mod(&self, m: &Self) -> Result<Self> {
        if m.bits() < 2 {
            return Err(Error::new(Code::InvalidModulus, "modulus must be at least 2"));
        }
        backend::inv_mod(&self.0, &m.0)
            .map(Self)
            .ok_or_else(|| Error::new(Code::NotInvertible, "value has no inverse modulo m"))
    }

    /// `selfᵉ mod m`, variable time: **public values only**.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn pow_mod_vartime(&self, e: &Self, m: &Self) -> Result<Self> {
        require_modulus(m)?;
        count_modexp(m);
        Ok(Self(backend::pow_mod_vartime(&self.0, &e.0, &m.0)))
    }

    /// `selfᵉ mod m`, constant time in base and exponent (for fixed sizes of
    /// `m` and `e`): use for every secret base or exponent.
    ///
    /// What may leak: the limb counts (64-bit words) of `e` and `m` (and, on
    /// GMP, of the base), and whether `e = 0`; a base `≥ m` is first reduced
    /// in variable time. Pad a
    /// secret exponent of variable size (add a multiple of the group order)
    /// when its length must stay hidden.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] unless `m` is odd and greater than 1.
    pub fn pow_mod_ct(&self, e: &Self, m: &Self) -> Result<Self> {
        if !m.is_odd() || m.bits() < 2 {
            return Err(Error::new(Code::InvalidModulus, "constant-time exponentiation needs an odd modulus > 1"));
        }
        if e.is_zero() {
            return Ok(Self::one());
        }
        count_modexp(m);
        // The reduction of a base ≥ m is variable time; callers pass reduced secrets.
        let base = if self >= m { self.rem(m)? } else { self.clone() };
        Ok(Self(backend::pow_mod_ct(&base.0, &e.0, &m.0)))
    }

    /// Jacobi symbol `(self / n)` for odd `n` (variable time, public values only).
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for even `n`.
    pub fn jacobi(&self, n: &Self) -> Result<i32> {
        if !n.is_odd() {
            return Err(Error::new(Code::InvalidModulus, "Jacobi symbol needs an odd modulus"));
        }
        Ok(backend::jacobi(&self.0, &n.0))
    }
}

fn require_modulus(m: &Nat) -> Result<()> {
    if m.is_zero() {
        return Err(Error::new(Code::InvalidModulus, "modulus must be positive"));
    }
    Ok(())
}

impl PartialOrd for Nat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Nat {
    fn cmp(&self, other: &Self) -> Ordering {
        backend::cmp(&self.0, &other.0)
    }
}

impl fmt::Debug for Nat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nat(<{} bits>)", self.bits())
    }
}

impl Zeroize for Nat {
    fn zeroize(&mut self) {
        backend::wipe(&mut self.0);
    }
}

impl Serialize for Nat {
    fn serialize<S: Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.to_be_bytes())
    }
}

impl<'de> Deserialize<'de> for Nat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Nat;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("big-endian integer bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> core::result::Result<Nat, E> {
                if v.len() > MAX_SERIALIZED_BYTES {
                    return Err(E::custom("integer too large"));
                }
                Ok(Nat::from_be_bytes(v))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// Largest integer accepted from a serialized blob (32 KiB = 262,144 bits).
pub const MAX_SERIALIZED_BYTES: usize = 32 * 1024;

#[cfg(test)]
pub(crate) mod tests;
