//! Ring-Pedersen parameters `(N̂, s, t)` (CGGMP21 Def. 1.3): `t` a random
//! square mod `N̂` and `s = t^λ`. Commitments `s^x · t^y mod N̂` are
//! computationally binding and statistically hiding while nobody knows the
//! factors of `N̂` or `λ`; each party publishes its own parameters with a Πprm
//! proof and every range proof sent to that party is made against them.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, random_unit, Nat};
use sigil_math::paillier::{SecretKey, MIN_MODULUS_BITS};
use sigil_math::{Code, Error, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::int::Int;

/// Public ring-Pedersen parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingPedersen {
    /// The modulus `N̂` (a Paillier–Blum modulus, proven by its owner's Πmod).
    pub n: Nat,
    /// `s = t^λ mod N̂`.
    pub s: Nat,
    /// A random square mod `N̂`.
    pub t: Nat,
}

/// The trapdoor of [`RingPedersen`]: `λ` and `φ(N̂)`. Secret.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct RingPedersenSecret {
    /// `λ ∈ [0, φ(N̂))` with `s = t^λ`.
    pub lambda: Nat,
    /// `φ(N̂)`.
    pub phi: Nat,
    /// The public half.
    #[zeroize(skip)]
    pub public: RingPedersen,
}

impl core::fmt::Debug for RingPedersenSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RingPedersenSecret(<redacted>)")
    }
}

impl RingPedersen {
    /// Fresh parameters on the modulus of `sk` (its owner's Paillier key).
    ///
    /// # Errors
    /// Arithmetic errors only.
    pub fn generate(sk: &SecretKey, rng: &mut (impl CryptoRng + RngCore)) -> Result<RingPedersenSecret> {
        let n = sk.public_key().n().clone();
        let phi = sk.phi()?;
        let r = random_unit(&n, rng)?;
        let t = r.mod_mul(&r, &n)?;
        let lambda = random_below(&phi, rng)?;
        let s = t.pow_mod_ct(&lambda, &n)?;
        Ok(RingPedersenSecret { lambda, phi, public: RingPedersen { n, s, t } })
    }

    /// Structural checks that need no proof: `N̂` odd and ≥ 2048 bits,
    /// `s, t` units in `(1, N̂)` and `s ≠ t`. Πprm and Πmod prove the rest.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`], [`Code::InvalidArgument`].
    pub fn validate(&self) -> Result<()> {
        if self.n.bits() < MIN_MODULUS_BITS || !self.n.is_odd() {
            return Err(Error::new(Code::InvalidModulus, "ring-Pedersen modulus must be odd and at least 2048 bits"));
        }
        for v in [&self.s, &self.t] {
            if v.bits() < 2 || *v >= self.n || !v.gcd(&self.n).is_one() {
                return Err(Error::invalid("ring-Pedersen s and t must be units of N̂ other than 0 and 1"));
            }
        }
        if self.s == self.t {
            return Err(Error::invalid("ring-Pedersen s and t must differ"));
        }
        Ok(())
    }

    /// `s^x · t^y mod N̂` for signed, **public** exponents (verifiers).
    ///
    /// # Errors
    /// Arithmetic errors.
    pub fn commit_vartime(&self, x: &Int, y: &Int) -> Result<Nat> {
        x.pow_mod_vartime(&self.s, &self.n)?.mod_mul(&y.pow_mod_vartime(&self.t, &self.n)?, &self.n)
    }

    /// `s^x · t^y mod N̂` for non-negative **secret** exponents (provers), in constant time.
    ///
    /// # Errors
    /// Arithmetic errors.
    pub fn commit_ct(&self, x: &Nat, y: &Nat) -> Result<Nat> {
        self.s.pow_mod_ct(x, &self.n)?.mod_mul(&self.t.pow_mod_ct(y, &self.n)?, &self.n)
    }
}
