//! Signed big integers for the range proofs: a sign and a [`Nat`] magnitude.
//!
//! CGGMP21 proofs answer with integers such as `z = α + e·x` where the
//! challenge `e ∈ ±q` may be negative, and verifiers raise bases to such
//! signed exponents. Zero is always non-negative. Secret values (masks, `x`)
//! pass through here only as proof answers, which are public by design; the
//! exponentiations a prover does on secrets use [`Nat::pow_mod_ct`] on
//! non-negative values instead of [`Int::pow_mod_vartime`].

use core::cmp::Ordering;

use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::{Code, Error, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A signed integer. `Debug` prints only the sign and bit length.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Int {
    neg: bool,
    mag: Nat,
}

impl core::fmt::Debug for Int {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Int({}<{} bits>)", if self.neg { "-" } else { "" }, self.mag.bits())
    }
}

impl From<Nat> for Int {
    fn from(mag: Nat) -> Self {
        Self { neg: false, mag }
    }
}

impl Int {
    /// Zero.
    pub fn zero() -> Self {
        Nat::zero().into()
    }

    /// `±mag` (a zero magnitude is never negative).
    pub fn new(neg: bool, mag: Nat) -> Self {
        let neg = neg && !mag.is_zero();
        Self { neg, mag }
    }

    /// From an `i64`.
    pub fn from_i64(v: i64) -> Self {
        Self::new(v < 0, Nat::from_u64(v.unsigned_abs()))
    }

    /// Whether this is negative.
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// `|self|`.
    pub fn magnitude(&self) -> &Nat {
        &self.mag
    }

    /// `−self`.
    pub fn neg(&self) -> Self {
        Self::new(!self.neg, self.mag.clone())
    }

    /// `self + other`.
    pub fn add(&self, other: &Self) -> Self {
        if self.neg == other.neg {
            return Self::new(self.neg, self.mag.add(&other.mag));
        }
        // Opposite signs: subtract the smaller magnitude from the larger.
        match self.mag.cmp(&other.mag) {
            Ordering::Less => Self::new(other.neg, other.mag.sub(&self.mag).unwrap_or_else(|_| Nat::zero())),
            _ => Self::new(self.neg, self.mag.sub(&other.mag).unwrap_or_else(|_| Nat::zero())),
        }
    }

    /// `self − other`.
    pub fn sub(&self, other: &Self) -> Self {
        self.add(&other.neg())
    }

    /// `self · other`.
    pub fn mul(&self, other: &Self) -> Self {
        Self::new(self.neg != other.neg, self.mag.mul(&other.mag))
    }

    /// `self · n` for a non-negative `n`.
    pub fn mul_nat(&self, n: &Nat) -> Self {
        Self::new(self.neg, self.mag.mul(n))
    }

    /// Whether `|self| ≤ 2^bits` (the range checks of the proofs).
    pub fn within_bits(&self, bits: u32) -> bool {
        let bound = Nat::one().shl(bits);
        self.mag <= bound
    }

    /// `self mod m` in `[0, m)`.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for `m = 0`.
    pub fn rem_euclid(&self, m: &Nat) -> Result<Nat> {
        let r = self.mag.rem(m)?;
        if self.neg && !r.is_zero() {
            m.sub(&r)
        } else {
            Ok(r)
        }
    }

    /// `self mod q` as a secp256k1 scalar.
    ///
    /// # Errors
    /// Never for a well-formed order.
    pub fn to_scalar(&self) -> Result<<Secp256k1 as Curve>::Scalar> {
        let r = self.rem_euclid(&order())?;
        Secp256k1::decode_scalar(&r.to_be_bytes_padded(32)?)
    }

    /// `base^self mod m` in variable time (**public values only**); a negative
    /// exponent inverts the base first.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`]; [`Code::NotInvertible`] for a negative
    /// exponent on a base that is not a unit.
    pub fn pow_mod_vartime(&self, base: &Nat, m: &Nat) -> Result<Nat> {
        if self.neg {
            base.inv_mod(m)?.pow_mod_vartime(&self.mag, m)
        } else {
            base.pow_mod_vartime(&self.mag, m)
        }
    }

    /// Encode `self` as a Paillier plaintext modulo `n` (negative values as `n − |x|`).
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when `|self| ≥ n/2`.
    pub fn to_plaintext(&self, n: &Nat) -> Result<Nat> {
        if self.mag >= n.shr(1) {
            return Err(Error::new(Code::InvalidArgument, "signed plaintext out of range"));
        }
        self.rem_euclid(n)
    }
}

/// The secp256k1 group order `q` as an integer.
pub fn order() -> Nat {
    // n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141 (SEC 2 §2.4.1)
    const Q: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc,
        0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];
    Nat::from_be_bytes(&Q)
}

/// A secp256k1 scalar as a non-negative integer in `[0, q)`.
pub fn scalar_to_nat(s: &<Secp256k1 as Curve>::Scalar) -> Nat {
    Nat::from_be_bytes(&Secp256k1::encode_scalar(s))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn signed_arithmetic() {
        let a = Int::from_i64(-7);
        let b = Int::from_i64(5);
        assert_eq!(a.add(&b), Int::from_i64(-2));
        assert_eq!(b.add(&a), Int::from_i64(-2));
        assert_eq!(a.sub(&b), Int::from_i64(-12));
        assert_eq!(a.mul(&b), Int::from_i64(-35));
        assert_eq!(a.mul(&a), Int::from_i64(49));
        assert_eq!(a.add(&a.neg()), Int::zero());
        assert!(!Int::new(true, Nat::zero()).is_negative());
        assert_eq!(a.rem_euclid(&Nat::from_u64(5)).unwrap(), Nat::from_u64(3));
        assert!(Int::from_i64(-8).within_bits(3) && !Int::from_i64(-9).within_bits(3));
    }

    #[test]
    fn negative_exponent_inverts() {
        let m = Nat::from_u64(101);
        let x = Int::from_i64(-3).pow_mod_vartime(&Nat::from_u64(2), &m).unwrap();
        assert_eq!(x.mod_mul(&Nat::from_u64(8), &m).unwrap(), Nat::one());
        let q = order();
        assert_eq!(Int::from_i64(-1).to_scalar().unwrap(), -<Secp256k1 as Curve>::scalar_one());
        assert_eq!(scalar_to_nat(&Int::from(q.sub(&Nat::one()).unwrap()).to_scalar().unwrap()), q.sub(&Nat::one()).unwrap());
    }
}
