//! Πenc — Paillier encryption in range (CGGMP21, Fig. 14).
//!
//! Statement: `K = enc_0(k; ρ)` under the prover's `N0`, with `k ∈ ±2^ℓ`,
//! proven against the verifier's ring-Pedersen parameters `(N̂, s, t)`.
//!
//! Prover: masks `α ∈ [0, 2^{ℓ+ε})`, `μ ∈ [0, 2^ℓ·N̂)`, `r ∈ Z*_{N0}`,
//! `γ ∈ [0, 2^{ℓ+ε}·N̂)`; first message `S = s^k t^μ`, `A = enc_0(α; r)`,
//! `C = s^α t^γ`; challenge `e ∈ ±q` from the transcript; answers
//! `z1 = α + e·k`, `z2 = r·ρ^e mod N0`, `z3 = γ + e·μ`.
//!
//! Verifier: `(1 + N0)^{z1}·z2^{N0} = A·K^e mod N0²`,
//! `s^{z1} t^{z3} = C·S^e mod N̂` and `z1 ∈ ±2^{ℓ+ε}`. The range check is what
//! stops the Alpha-Rays attack (Tymokhanov, Shlomovits, ePrint 2021/1621): a `K`
//! encrypting a plaintext far outside `±2^ℓ` yields a `z1` out of range.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, random_unit, Nat};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::Result;

use super::arith::{enc_vartime, pow_signed_ct, within_bits_times};
use super::checks::{fail, is_unit, mask};
use super::params::{EPS, L};
use super::ring_pedersen::RingPedersen;
use super::transcript::Transcript;
use super::ProofContext;
use crate::int::{order, Int};

const NAME: &str = "Πenc";

/// A Πenc proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiEncProof {
    /// `S = s^k t^μ mod N̂`.
    pub s: Nat,
    /// `A = (1 + N0)^α r^{N0} mod N0²`.
    pub a: Ciphertext,
    /// `C = s^α t^γ mod N̂`.
    pub c: Nat,
    /// `z1 = α + e·k`.
    pub z1: Int,
    /// `z2 = r·ρ^e mod N0`.
    pub z2: Nat,
    /// `z3 = γ + e·μ`.
    pub z3: Int,
}

fn challenge(ctx: &ProofContext, pk0: &PublicKey, rp: &RingPedersen, k_ct: &Ciphertext, s: &Nat, a: &Nat, c: &Nat) -> Int {
    let mut t = Transcript::new("pi-enc", &ctx.sid, ctx.prover);
    t.append_nat(pk0.n());
    t.append_nat(&rp.n);
    t.append_nat(&rp.s);
    t.append_nat(&rp.t);
    t.append_nat(k_ct);
    t.append_bytes(&L.to_le_bytes());
    t.append_nat(s);
    t.append_nat(a);
    t.append_nat(c);
    t.challenge_signed(&order())
}

/// Prove that `k_ct = enc_0(k; rho)` with `|k| ≤ 2^ℓ`.
///
/// The witness range is **not** checked here (a proof for an out-of-range
/// `k` simply fails verification). `k` is secret: `s^k` runs in constant
/// time on `|k|`; a negative `k` adds an inversion (its sign leaks through
/// timing; in the protocol `k` is non-negative).
///
/// # Errors
/// Arithmetic errors (e.g. `rho` not a unit mod `N0`).
pub fn prove(ctx: &ProofContext, pk0: &PublicKey, rp: &RingPedersen, k_ct: &Ciphertext, k: &Int, rho: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<PiEncProof> {
    let n0 = pk0.n();
    let alpha = mask(L + EPS, rng);
    let mu = random_below(&Nat::one().shl(L).mul(&rp.n), rng)?;
    let r = random_unit(n0, rng)?;
    let gamma = random_below(&Nat::one().shl(L + EPS).mul(&rp.n), rng)?;

    let s = pow_signed_ct(&rp.s, k, &rp.n, rng)?.mod_mul(&rp.t.pow_mod_ct(&mu, &rp.n)?, &rp.n)?;
    let a = pk0.encrypt_with_nonce(&alpha.rem(n0)?, &r)?;
    let c = rp.commit_ct(&alpha, &gamma)?;

    let e = challenge(ctx, pk0, rp, k_ct, &s, &a, &c);
    let z1 = Int::from(alpha).add(&e.mul(k));
    let z2 = r.mod_mul(&pow_signed_ct(rho, &e, n0, rng)?, n0)?;
    let z3 = Int::from(gamma).add(&e.mul(&Int::from(mu)));
    Ok(PiEncProof { s, a, c, z1, z2, z3 })
}

/// Verify a Πenc proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(ctx: &ProofContext, pk0: &PublicKey, rp: &RingPedersen, k_ct: &Ciphertext, proof: &PiEncProof) -> Result<()> {
    let (n0, nn0) = (pk0.n(), pk0.nn());
    pk0.validate_ciphertext(k_ct).map_err(|_| fail(NAME, "K is not a unit mod N0²"))?;
    pk0.validate_ciphertext(&proof.a).map_err(|_| fail(NAME, "A is not a unit mod N0²"))?;
    if !is_unit(&proof.s, &rp.n) || !is_unit(&proof.c, &rp.n) {
        return Err(fail(NAME, "S or C is not a unit mod N̂"));
    }
    if !is_unit(&proof.z2, n0) {
        return Err(fail(NAME, "z2 is not a unit mod N0"));
    }
    if !proof.z1.within_bits(L + EPS) {
        return Err(fail(NAME, "z1 out of range ±2^(ℓ+ε)"));
    }
    if !within_bits_times(&proof.z3, L + EPS + 1, &rp.n) {
        return Err(fail(NAME, "z3 too large"));
    }
    let e = challenge(ctx, pk0, rp, k_ct, &proof.s, &proof.a, &proof.c);

    let lhs = enc_vartime(pk0, &proof.z1, &proof.z2)?;
    let rhs = proof.a.mod_mul(&e.pow_mod_vartime(k_ct, nn0)?, nn0)?;
    if lhs != rhs {
        return Err(fail(NAME, "(1+N0)^z1·z2^N0 ≠ A·K^e"));
    }
    let lhs = rp.commit_vartime(&proof.z1, &proof.z3)?;
    let rhs = proof.c.mod_mul(&e.pow_mod_vartime(&proof.s, &rp.n)?, &rp.n)?;
    if lhs != rhs {
        return Err(fail(NAME, "s^z1·t^z3 ≠ C·S^e"));
    }
    Ok(())
}
