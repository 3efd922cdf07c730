//! Πlog* — knowledge of exponent vs Paillier encryption (CGGMP21, Fig. 25).
//!
//! Statement: `C = enc_0(x; ρ)` under the prover's `N0`, `X = x·g` for a
//! base point `g`, and `|x| ≤ 2^bits` (`bits` = ℓ for scalars; larger for
//! the identification proofs whose plaintexts are sums of MtA shares).
//!
//! Prover: masks `α ∈ [0, 2^{bits+ε})`, `μ ∈ [0, 2^bits·N̂)`, `r ∈ Z*_{N0}`,
//! `γ ∈ [0, 2^{bits+ε}·N̂)`; first message `S = s^x t^μ`, `A = enc_0(α; r)`,
//! `Y = α·g`, `D = s^α t^γ`; challenge `e ∈ ±q` from the transcript; answers
//! `z1 = α + e·x`, `z2 = r·ρ^e mod N0`, `z3 = γ + e·μ`.
//!
//! Verifier: `(1 + N0)^{z1}·z2^{N0} = A·C^e mod N0²`, `z1·g = Y + e·X`,
//! `s^{z1} t^{z3} = D·S^e mod N̂` and `z1 ∈ ±2^{bits+ε}` (the paper fixes
//! `bits = ℓ`).

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, random_unit, Nat};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::Result;

use super::checks::{fail, is_unit, mask, point};
use super::params::EPS;
use super::arith::{enc_vartime, pow_signed_ct, within_bits_times};
use super::ring_pedersen::RingPedersen;
use super::transcript::Transcript;
use super::ProofContext;
use crate::int::{order, Int};

type Point = <Secp256k1 as Curve>::Point;

const NAME: &str = "Πlog*";

/// A Πlog* proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiLogProof {
    /// `S = s^x t^μ mod N̂`.
    pub s: Nat,
    /// `A = (1 + N0)^α r^{N0} mod N0²`.
    pub a: Ciphertext,
    /// `Y = α·g` (33-byte compressed encoding).
    pub y: Vec<u8>,
    /// `D = s^α t^γ mod N̂`.
    pub d: Nat,
    /// `z1 = α + e·x`.
    pub z1: Int,
    /// `z2 = r·ρ^e mod N0`.
    pub z2: Nat,
    /// `z3 = γ + e·μ`.
    pub z3: Int,
}

/// The public statement.
#[derive(Clone, Copy, Debug)]
pub struct PiLogStatement<'a> {
    /// The prover's Paillier key.
    pub pk0: &'a PublicKey,
    /// `C = enc_0(x; ρ)`.
    pub c: &'a Ciphertext,
    /// `X = x·g`.
    pub x_point: &'a Point,
    /// The base `g`.
    pub g: &'a Point,
    /// Range: `|x| ≤ 2^bits`.
    pub bits: u32,
}

fn challenge(ctx: &ProofContext, st: &PiLogStatement<'_>, rp: &RingPedersen, s: &Nat, a: &Nat, y: &Point, d: &Nat) -> Int {
    let mut t = Transcript::new("pi-log", &ctx.sid, ctx.prover);
    t.append_nat(st.pk0.n());
    t.append_nat(&rp.n);
    t.append_nat(&rp.s);
    t.append_nat(&rp.t);
    t.append_nat(st.c);
    t.append_point(st.x_point);
    t.append_point(st.g);
    t.append_bytes(&st.bits.to_le_bytes());
    t.append_nat(s);
    t.append_nat(a);
    t.append_point(y);
    t.append_nat(d);
    t.challenge_signed(&order())
}

/// Prove the statement with witness `(x, rho)`.
///
/// The witness range is **not** checked here (a proof for an out-of-range
/// `x` simply fails verification). `x` is secret: `s^x` runs in constant
/// time on `|x|`, and a negative `x` adds an inversion, so the sign of `x`
/// leaks through timing when `x` may be negative (in the protocol it is not).
///
/// # Errors
/// Arithmetic errors (e.g. `rho` not a unit mod `N0`).
pub fn prove(ctx: &ProofContext, st: &PiLogStatement<'_>, rp: &RingPedersen, x: &Int, rho: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<PiLogProof> {
    let n0 = st.pk0.n();
    let wide = st.bits.saturating_add(EPS);
    let alpha = mask(wide, rng);
    let mu = random_below(&Nat::one().shl(st.bits).mul(&rp.n), rng)?;
    let r = random_unit(n0, rng)?;
    let gamma = random_below(&Nat::one().shl(wide).mul(&rp.n), rng)?;

    let s = pow_signed_ct(&rp.s, x, &rp.n, rng)?.mod_mul(&rp.t.pow_mod_ct(&mu, &rp.n)?, &rp.n)?;
    let a = st.pk0.encrypt_with_nonce(&alpha.rem(n0)?, &r)?;
    let y = Secp256k1::mul(st.g, &Int::from(alpha.clone()).to_scalar()?);
    let d = rp.commit_ct(&alpha, &gamma)?;

    let e = challenge(ctx, st, rp, &s, &a, &y, &d);
    let z1 = Int::from(alpha).add(&e.mul(x));
    let z2 = r.mod_mul(&pow_signed_ct(rho, &e, n0, rng)?, n0)?;
    let z3 = Int::from(gamma).add(&e.mul(&Int::from(mu)));
    Ok(PiLogProof { s, a, y: Secp256k1::encode_point(&y), d, z1, z2, z3 })
}

/// Verify a Πlog* proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(ctx: &ProofContext, st: &PiLogStatement<'_>, rp: &RingPedersen, proof: &PiLogProof) -> Result<()> {
    let pk0 = st.pk0;
    let (n0, nn0) = (pk0.n(), pk0.nn());
    let wide = st.bits.saturating_add(EPS);
    pk0.validate_ciphertext(st.c).map_err(|_| fail(NAME, "C is not a unit mod N0²"))?;
    pk0.validate_ciphertext(&proof.a).map_err(|_| fail(NAME, "A is not a unit mod N0²"))?;
    if !is_unit(&proof.s, &rp.n) || !is_unit(&proof.d, &rp.n) {
        return Err(fail(NAME, "S or D is not a unit mod N̂"));
    }
    if !is_unit(&proof.z2, n0) {
        return Err(fail(NAME, "z2 is not a unit mod N0"));
    }
    let y = point(NAME, &proof.y)?;
    if !proof.z1.within_bits(wide) {
        return Err(fail(NAME, "z1 out of range ±2^(bits+ε)"));
    }
    if !within_bits_times(&proof.z3, wide.saturating_add(1), &rp.n) {
        return Err(fail(NAME, "z3 too large"));
    }
    let e = challenge(ctx, st, rp, &proof.s, &proof.a, &y, &proof.d);

    let lhs = enc_vartime(pk0, &proof.z1, &proof.z2)?;
    let rhs = proof.a.mod_mul(&e.pow_mod_vartime(st.c, nn0)?, nn0)?;
    if lhs != rhs {
        return Err(fail(NAME, "(1+N0)^z1·z2^N0 ≠ A·C^e"));
    }
    let lhs = Secp256k1::mul(st.g, &proof.z1.to_scalar()?);
    let rhs = y + Secp256k1::mul(st.x_point, &e.to_scalar()?);
    if lhs != rhs {
        return Err(fail(NAME, "z1·g ≠ Y + e·X"));
    }
    let lhs = rp.commit_vartime(&proof.z1, &proof.z3)?;
    let rhs = proof.d.mod_mul(&e.pow_mod_vartime(&proof.s, &rp.n)?, &rp.n)?;
    if lhs != rhs {
        return Err(fail(NAME, "s^z1·t^z3 ≠ D·S^e"));
    }
    Ok(())
}
