//! Ring-Pedersen parameters `(N̂, s, t)` (CGGMP21 Def. 1.3): `t` a random
//! square mod `N̂` and `s = t^λ`. Commitments `s^x · t^y mod N̂` are
//! computationally binding and statistically hiding while nobody knows the
//! factors of `N̂` or `λ`; each party publishes its own parameters with a Πprm
//! proof and every range proof sent to that party is made against them.

use std::sync::Arc;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, random_unit, Nat};
use sigil_math::paillier::{SecretKey, MIN_MODULUS_BITS};
use sigil_math::{Code, Error, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::int::Int;

/// Public ring-Pedersen parameters.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RingPedersen {
    /// The modulus `N̂` (a Paillier–Blum modulus, proven by its owner's Πmod).
    pub n: Nat,
    /// `s = t^λ mod N̂`.
    pub s: Nat,
    /// A random square mod `N̂`.
    pub t: Nat,
    /// The owner's trapdoor, attached only when a party verifies proofs made
    /// against its own parameters (never serialized, never compared).
    #[serde(skip)]
    owner: Option<Arc<Trapdoor>>,
}

impl PartialEq for RingPedersen {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n && self.s == other.s && self.t == other.t
    }
}

impl Eq for RingPedersen {}

/// What the owner of the parameters knows: `N̂ = p·q` and `λ`. Secret.
struct Trapdoor {
    p: Nat,
    q: Nat,
    q_inv_p: Nat,
    lambda: Nat,
}

impl core::fmt::Debug for Trapdoor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Trapdoor(<redacted>)")
    }
}

impl Trapdoor {
    /// `s^x·t^y = t^(λx + y) mod N̂`, by CRT with the exponent reduced mod
    /// `p − 1` and `q − 1`. The exponent depends on `λ`, so both halves run
    /// in constant time.
    fn commit(&self, t: &Nat, x: &Int, y: &Int) -> Result<Nat> {
        let e = Int::from(self.lambda.clone()).mul(x).add(y);
        let half = |m: &Nat| -> Result<Nat> { t.rem(m)?.pow_mod_ct(&e.rem_euclid(&m.sub(&Nat::one())?)?, m) };
        let (rp, rq) = (half(&self.p)?, half(&self.q)?);
        let h = rp.mod_sub(&rq, &self.p)?.mod_mul(&self.q_inv_p, &self.p)?;
        Ok(rq.add(&h.mul(&self.q)))
    }
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
    /// Parameters from their three public values (validate with [`RingPedersen::validate`]).
    pub fn new(n: Nat, s: Nat, t: Nat) -> Self {
        Self { n, s, t, owner: None }
    }

    /// These parameters with their owner's trapdoor attached: verifying
    /// proofs made against them then costs two half-size exponentiations per
    /// commitment instead of two full ones. `sk` is the owner's Paillier key
    /// on the same modulus, `lambda` the `λ` with `s = t^λ`.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when `sk` or `λ` does not belong to these parameters.
    pub fn with_owner(mut self, sk: &SecretKey, lambda: &Nat) -> Result<Self> {
        if sk.public_key().n() != &self.n {
            return Err(Error::invalid("Paillier key is not on the ring-Pedersen modulus"));
        }
        let (p, q) = (sk.p().clone(), sk.q().clone());
        let q_inv_p = q.inv_mod(&p)?;
        let trapdoor = Trapdoor { p, q, q_inv_p, lambda: lambda.clone() };
        if trapdoor.commit(&self.t, &Int::from(Nat::one()), &Int::zero())? != self.s {
            return Err(Error::invalid("λ is not the trapdoor of these ring-Pedersen parameters"));
        }
        self.owner = Some(Arc::new(trapdoor));
        Ok(self)
    }

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
        Ok(RingPedersenSecret { lambda, phi, public: RingPedersen::new(n, s, t) })
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

    /// `s^x · t^y mod N̂` for signed, **public** exponents (verifiers), in
    /// variable time — or, with the owner's trapdoor attached, as
    /// `t^(λx + y)` by CRT in constant time (the exponent then involves `λ`).
    ///
    /// # Errors
    /// Arithmetic errors.
    pub fn commit_vartime(&self, x: &Int, y: &Int) -> Result<Nat> {
        if let Some(owner) = &self.owner {
            return owner.commit(&self.t, x, y);
        }
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
