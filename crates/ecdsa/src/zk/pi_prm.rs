//! Πprm — ring-Pedersen parameters are well formed (CGGMP21, Fig. 17):
//! knowledge of `λ` with `s = t^λ mod N̂`, by `M` binary-challenge repetitions.
//!
//! Prover: `a_i ← [0, φ(N̂))`, `A_i = t^{a_i}`; challenge bits `e_i` from the
//! transcript; `z_i = a_i + e_i·λ mod φ(N̂)`. Verifier: `t^{z_i} = A_i·s^{e_i}`.
//! Each repetition is sound with probability 1/2 only (a cheater who guesses
//! `e_i` answers it), so exactly `M` repetitions are required: with fewer, a
//! prover can grind the Fiat–Shamir hash until the guesses come out (TSSHOCK,
//! Verichains 2023).

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, FixedBase, Nat};
use sigil_math::Result;

use super::checks::{fail, is_unit};
use super::params::M;
use super::ring_pedersen::{RingPedersen, RingPedersenSecret};
use super::transcript::Transcript;
use super::ProofContext;

const NAME: &str = "Πprm";

/// One repetition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiPrmItem {
    /// Commitment `A = t^a mod N̂`.
    pub a: Nat,
    /// Answer `z = a + e·λ mod φ(N̂)`.
    pub z: Nat,
}

/// A Πprm proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiPrmProof {
    /// The `M` repetitions.
    pub items: Vec<PiPrmItem>,
}

/// The challenge bits for the statement `rp` and the commitments `A_i`.
fn challenge(ctx: &ProofContext, rp: &RingPedersen, commitments: &[&Nat]) -> Vec<bool> {
    let mut t = Transcript::new("pi-prm", &ctx.sid, ctx.prover);
    t.append_nat(&rp.n);
    t.append_nat(&rp.s);
    t.append_nat(&rp.t);
    for a in commitments {
        t.append_nat(a);
    }
    t.challenge_bits(M)
}

/// The factors of `N̂` from `N̂` and `φ(N̂)` (`p + q = N̂ − φ + 1`), when
/// `N̂` is a product of two distinct primes; `None` otherwise.
fn factors(n: &Nat, phi: &Nat) -> Option<(Nat, Nat)> {
    let sum = n.add(&Nat::one()).sub(phi).ok()?;
    // (p − q)² = (p + q)² − 4N̂.
    let disc = sum.mul(&sum).sub(&n.shl(2)).ok()?;
    let diff = isqrt(&disc)?;
    let p = sum.add(&diff).shr(1);
    let q = sum.sub(&diff).ok()?.shr(1);
    (q.bits() > 1 && p.mul(&q) == *n && p.is_odd() && q.is_odd()).then_some((p, q))
}

/// `⌊√x⌋` by Newton's iteration (variable time; used once per proof on a
/// value derived from the prover's own secret, like the modular inversions
/// of key setup).
fn isqrt(x: &Nat) -> Option<Nat> {
    if x.is_zero() {
        return Some(Nat::zero());
    }
    let mut r = Nat::one().shl(x.bits().div_ceil(2));
    loop {
        // r' = (r + x / r) / 2 decreases until it reaches ⌊√x⌋.
        let next = r.add(&x.div_rem(&r).ok()?.0).shr(1);
        if next >= r {
            return Some(r);
        }
        r = next;
    }
}

/// The prover's CRT data for `N̂ = p·q`: secret exponentiations mod `p` and
/// `q` with the exponent reduced mod `p − 1` and `q − 1`, joined by CRT.
struct Crt {
    p: Nat,
    q: Nat,
    p1: Nat,
    q1: Nat,
    q_inv_p: Nat,
}

impl Crt {
    fn new(n: &Nat, phi: &Nat) -> Result<Option<Self>> {
        let Some((p, q)) = factors(n, phi) else { return Ok(None) };
        let (p1, q1) = (p.sub(&Nat::one())?, q.sub(&Nat::one())?);
        let q_inv_p = q.inv_mod(&p)?;
        Ok(Some(Self { p, q, p1, q1, q_inv_p }))
    }

    /// `base^e mod p·q` for a unit `base` and a secret `e`, in constant time.
    fn pow(&self, base: &Nat, e: &Nat) -> Result<Nat> {
        let rp = base.rem(&self.p)?.pow_mod_ct(&e.rem(&self.p1)?, &self.p)?;
        let rq = base.rem(&self.q)?.pow_mod_ct(&e.rem(&self.q1)?, &self.q)?;
        let h = rp.mod_sub(&rq, &self.p)?.mod_mul(&self.q_inv_p, &self.p)?;
        Ok(rq.add(&h.mul(&self.q)))
    }
}

/// Prove knowledge of the trapdoor of `secret.public`.
///
/// # Errors
/// Arithmetic errors.
pub fn prove(ctx: &ProofContext, secret: &RingPedersenSecret, rng: &mut (impl CryptoRng + RngCore)) -> Result<PiPrmProof> {
    let rp = &secret.public;
    // CRT when φ(N̂) reveals a two-prime factorization (always, for
    // parameters from `RingPedersen::generate`); plain exponentiation otherwise.
    let crt = Crt::new(&rp.n, &secret.phi)?;
    let mut masks = Vec::with_capacity(M);
    let mut commitments = Vec::with_capacity(M);
    for _ in 0..M {
        let a = random_below(&secret.phi, rng)?;
        let commitment = match &crt {
            Some(crt) => crt.pow(&rp.t, &a)?,
            None => rp.t.pow_mod_ct(&a, &rp.n)?,
        };
        commitments.push(commitment);
        masks.push(a);
    }
    let bits = challenge(ctx, rp, &commitments.iter().collect::<Vec<_>>());
    let mut items = Vec::with_capacity(M);
    for ((a, commitment), e) in masks.iter().zip(commitments).zip(bits) {
        // The challenge bit is public; the reduction reveals only whether
        // a + λ ≥ φ, about a uniform one-time mask.
        let z = if e { a.mod_add(&secret.lambda, &secret.phi)? } else { a.clone() };
        items.push(PiPrmItem { a: commitment, z });
    }
    Ok(PiPrmProof { items })
}

/// Verify a Πprm proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(ctx: &ProofContext, rp: &RingPedersen, proof: &PiPrmProof) -> Result<()> {
    rp.validate().map_err(|e| fail(NAME, &format!("malformed parameters: {}", e.detail())))?;
    if proof.items.len() != M {
        return Err(fail(NAME, "wrong number of repetitions"));
    }
    for item in &proof.items {
        if !is_unit(&item.a, &rp.n) {
            return Err(fail(NAME, "A is not a unit mod N̂"));
        }
        if item.z >= rp.n {
            return Err(fail(NAME, "z out of range"));
        }
    }
    let bits = challenge(ctx, rp, &proof.items.iter().map(|i| &i.a).collect::<Vec<_>>());
    // All M checks raise the same t: one table of its powers serves them all.
    let t_powers = FixedBase::new(&rp.t, &rp.n, rp.n.bits())?;
    for (item, e) in proof.items.iter().zip(bits) {
        let lhs = t_powers.pow_vartime(&item.z)?;
        let rhs = if e { item.a.mod_mul(&rp.s, &rp.n)? } else { item.a.clone() };
        if lhs != rhs {
            return Err(fail(NAME, "t^z ≠ A·s^e"));
        }
    }
    Ok(())
}
