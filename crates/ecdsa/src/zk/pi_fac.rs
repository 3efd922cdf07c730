//! Πfac — no small factors (CGGMP21, Fig. 26): `N0 = p·q` with
//! `p, q > 2^ℓ` (up to the proof's slack), proven against the verifier's
//! ring-Pedersen parameters. With Πmod this rules out the BitForge
//! (CVE-2023-33241) Paillier keys.
//!
//! Prover (secret `p, q` with `N0 = p·q`, public `√N0` bound `2^h`,
//! `h = ⌈bits(N0)/2⌉`): masks `α, β ← [0, 2^{ℓ+ε+h})`, `μ, ν ← [0, 2^ℓ·N̂)`,
//! `σ ← [0, 2^ℓ·N0·N̂)`, `r ← [0, 2^{ℓ+ε}·N0·N̂)`, `x, y ← [0, 2^{ℓ+ε}·N̂)`;
//! first message `P = s^p t^μ`, `Q = s^q t^ν`, `A = s^α t^x`, `B = s^β t^y`,
//! `T = Q^α t^r` and `σ` in the clear; challenge `e ∈ ±q`; answers
//! `z1 = α + e·p`, `z2 = β + e·q`, `w1 = x + e·μ`, `w2 = y + e·ν`,
//! `v = r + e·σ̂` with `σ̂ = σ − ν·p`.
//!
//! Verifier, with `R = s^{N0} t^σ`: `s^{z1} t^{w1} = A·P^e`,
//! `s^{z2} t^{w2} = B·Q^e`, `Q^{z1} t^v = T·R^e` and `z1, z2 ∈ ±2^{ℓ+ε+h}`.
//! The third equation ties `p` (inside `z1`) to the `q` committed in `Q`
//! and to `N0` (inside `R = Q^p t^σ̂`), so `p·q = N0`; the range checks bound
//! both factors by `2^{ℓ+ε}·√N0`, hence each factor exceeds `√N0 / 2^{ℓ+ε}`
//! (about `2^{256}` for a 2048-bit `N0`).

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, Nat};
use sigil_math::paillier::SecretKey;
use sigil_math::{Error, Result};

use super::arith::within_bits_times;
use super::checks::{fail, is_unit, mask};
use super::params::{EPS, L};
use super::ring_pedersen::RingPedersen;
use super::transcript::Transcript;
use super::ProofContext;
use crate::int::{order, Int};

const NAME: &str = "Πfac";

/// A Πfac proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiFacProof {
    /// `P = s^p t^μ mod N̂`.
    pub p_commit: Nat,
    /// `Q = s^q t^ν mod N̂`.
    pub q_commit: Nat,
    /// `A = s^α t^x mod N̂`.
    pub a: Nat,
    /// `B = s^β t^y mod N̂`.
    pub b: Nat,
    /// `T = Q^α t^r mod N̂`.
    pub t: Nat,
    /// `σ`, the randomness of `R = s^{N0} t^σ`.
    pub sigma: Nat,
    /// `z1 = α + e·p`.
    pub z1: Int,
    /// `z2 = β + e·q`.
    pub z2: Int,
    /// `w1 = x + e·μ`.
    pub w1: Int,
    /// `w2 = y + e·ν`.
    pub w2: Int,
    /// `v = r + e·(σ − ν·p)`.
    pub v: Int,
}

/// `h` with `√N0 ≤ 2^h`: `⌈bits(N0)/2⌉`.
fn sqrt_bits(n0: &Nat) -> u32 {
    n0.bits().div_ceil(2)
}

/// The bit bound of `z1`, `z2`: `|z| ≤ 2^{ℓ+ε}·2^h ≥ 2^{ℓ+ε}·√N0`.
pub fn range_bits(n0: &Nat) -> u32 {
    L + EPS + sqrt_bits(n0)
}

/// The challenge `e ∈ ±q` for the statement and the first message.
fn challenge(ctx: &ProofContext, n0: &Nat, rp: &RingPedersen, first: [&Nat; 6]) -> Int {
    let mut t = Transcript::new("pi-fac", &ctx.sid, ctx.prover);
    t.append_nat(n0);
    t.append_nat(&rp.n);
    t.append_nat(&rp.s);
    t.append_nat(&rp.t);
    for x in first {
        t.append_nat(x);
    }
    t.challenge_signed(&order())
}

/// Prove that the prover's `N0 = p·q` (from `sk`) has no small factors.
///
/// # Errors
/// Arithmetic errors.
pub fn prove(ctx: &ProofContext, sk: &SecretKey, rp: &RingPedersen, rng: &mut (impl CryptoRng + RngCore)) -> Result<PiFacProof> {
    prove_with_factors(ctx, sk.public_key().n(), sk.p(), sk.q(), rp, rng)
}

/// Prove that `n0 = p·q` has no small factors, from the factors themselves.
/// Checks only `p·q = n0`, not the sizes, so that tests can try to prove
/// moduli with small factors (which the verifier must then reject).
///
/// # Errors
/// [`sigil_math::Code::InvalidArgument`] when `p·q ≠ n0`; arithmetic errors.
pub fn prove_with_factors(
    ctx: &ProofContext,
    n0: &Nat,
    p: &Nat,
    q: &Nat,
    rp: &RingPedersen,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<PiFacProof> {
    if p.mul(q) != *n0 {
        return Err(Error::invalid("Πfac: p·q ≠ N0"));
    }
    let n_hat = &rp.n;
    let l_n_hat = n_hat.shl(L);
    let le_n_hat = n_hat.shl(L + EPS);
    let n0_n_hat = n0.mul(n_hat);
    let alpha = mask(range_bits(n0), rng);
    let beta = mask(range_bits(n0), rng);
    let mu = random_below(&l_n_hat, rng)?;
    let nu = random_below(&l_n_hat, rng)?;
    let sigma = random_below(&n0_n_hat.shl(L), rng)?;
    let r = random_below(&n0_n_hat.shl(L + EPS), rng)?;
    let x = random_below(&le_n_hat, rng)?;
    let y = random_below(&le_n_hat, rng)?;

    let p_commit = rp.commit_ct(p, &mu)?;
    let q_commit = rp.commit_ct(q, &nu)?;
    let a = rp.commit_ct(&alpha, &x)?;
    let b = rp.commit_ct(&beta, &y)?;
    let t = q_commit.pow_mod_ct(&alpha, n_hat)?.mod_mul(&rp.t.pow_mod_ct(&r, n_hat)?, n_hat)?;

    let e = challenge(ctx, n0, rp, [&p_commit, &q_commit, &a, &b, &t, &sigma]);
    let answer = |mask: &Nat, secret: &Int| Int::from(mask.clone()).add(&e.mul(secret));
    let sigma_hat = Int::from(sigma.clone()).sub(&Int::from(nu.mul(p)));
    Ok(PiFacProof {
        z1: answer(&alpha, &Int::from(p.clone())),
        z2: answer(&beta, &Int::from(q.clone())),
        w1: answer(&x, &Int::from(mu)),
        w2: answer(&y, &Int::from(nu)),
        v: answer(&r, &sigma_hat),
        p_commit,
        q_commit,
        a,
        b,
        t,
        sigma,
    })
}

/// Verify a Πfac proof for `n0`.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check; the errors of
/// [`RingPedersen::validate`] when the verifier's own `rp` is malformed.
pub fn verify(ctx: &ProofContext, n0: &Nat, rp: &RingPedersen, proof: &PiFacProof) -> Result<()> {
    rp.validate()?;
    let n_hat = &rp.n;
    if n0.bits() < 2 {
        return Err(fail(NAME, "N0 too small"));
    }
    for (x, what) in [
        (&proof.p_commit, "P is not a unit mod N̂"),
        (&proof.q_commit, "Q is not a unit mod N̂"),
        (&proof.a, "A is not a unit mod N̂"),
        (&proof.b, "B is not a unit mod N̂"),
        (&proof.t, "T is not a unit mod N̂"),
    ] {
        if !is_unit(x, n_hat) {
            return Err(fail(NAME, what));
        }
    }
    let bits = range_bits(n0);
    if !proof.z1.within_bits(bits) {
        return Err(fail(NAME, "z1 out of range"));
    }
    if !proof.z2.within_bits(bits) {
        return Err(fail(NAME, "z2 out of range"));
    }
    // Size caps (not in the paper; honest answers always pass): they bound
    // the work a hostile proof can cause with huge exponents.
    let n0_n_hat_bits = n0.bits().saturating_add(n_hat.bits());
    if proof.sigma.bits() > L.saturating_add(n0_n_hat_bits) {
        return Err(fail(NAME, "σ too large"));
    }
    if !within_bits_times(&proof.w1, L + EPS + 1, n_hat) || !within_bits_times(&proof.w2, L + EPS + 1, n_hat) {
        return Err(fail(NAME, "w1 or w2 too large"));
    }
    if proof.v.magnitude().bits() > (L + EPS + 2).saturating_add(n0_n_hat_bits) {
        return Err(fail(NAME, "v too large"));
    }
    let e = challenge(ctx, n0, rp, [&proof.p_commit, &proof.q_commit, &proof.a, &proof.b, &proof.t, &proof.sigma]);

    // s^{z1} t^{w1} = A·P^e
    let lhs = rp.commit_vartime(&proof.z1, &proof.w1)?;
    let rhs = proof.a.mod_mul(&e.pow_mod_vartime(&proof.p_commit, n_hat)?, n_hat)?;
    if lhs != rhs {
        return Err(fail(NAME, "s^z1·t^w1 ≠ A·P^e"));
    }
    // s^{z2} t^{w2} = B·Q^e
    let lhs = rp.commit_vartime(&proof.z2, &proof.w2)?;
    let rhs = proof.b.mod_mul(&e.pow_mod_vartime(&proof.q_commit, n_hat)?, n_hat)?;
    if lhs != rhs {
        return Err(fail(NAME, "s^z2·t^w2 ≠ B·Q^e"));
    }
    // Q^{z1} t^v = T·R^e with R = s^{N0} t^σ
    let r = rp.commit_vartime(&Int::from(n0.clone()), &Int::from(proof.sigma.clone()))?;
    let lhs = proof.z1.pow_mod_vartime(&proof.q_commit, n_hat)?.mod_mul(&rp.commit_vartime(&Int::zero(), &proof.v)?, n_hat)?;
    let rhs = proof.t.mod_mul(&e.pow_mod_vartime(&r, n_hat)?, n_hat)?;
    if lhs != rhs {
        return Err(fail(NAME, "Q^z1·t^v ≠ T·R^e"));
    }
    Ok(())
}
