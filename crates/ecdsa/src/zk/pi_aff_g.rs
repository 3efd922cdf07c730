//! Πaff-g — Paillier affine operation with group commitment in range
//! (CGGMP21, Fig. 15): the MtA step.
//!
//! Statement: `D = C^x · (1 + N0)^y · ρ^N0 mod N0²` for a ciphertext `C`
//! under the *receiver's* key `N0`; `Y = enc_1(y; ρ_y)` under the prover's
//! own key `N1`; `X = x·G`; `|x| ≤ 2^ℓ`, `|y| ≤ 2^ℓ'`. Proven against the
//! verifier's ring-Pedersen parameters `(N̂, s, t)`.
//!
//! Prover: `α ← [0, 2^{ℓ+ε})`, `β ← [0, 2^{ℓ'+ε})`, `r ← Z*_{N0}`,
//! `r_y ← Z*_{N1}`, `γ, δ ← [0, 2^{ℓ+ε}·N̂)`, `m, μ ← [0, 2^ℓ·N̂)`;
//! `A = C^α (1+N0)^β r^N0 mod N0²`, `B_x = α·G`, `B_y = enc_1(β; r_y)`,
//! `E = s^α t^γ`, `S = s^x t^m`, `F = s^β t^δ`, `T = s^y t^μ mod N̂`;
//! challenge `e ∈ ±q` from the transcript; `z1 = α + e·x`, `z2 = β + e·y`,
//! `z3 = γ + e·m`, `z4 = δ + e·μ`, `w = r·ρ^e mod N0`, `w_y = r_y·ρ_y^e mod N1`.
//!
//! Verifier: `C^{z1} (1+N0)^{z2} w^N0 = A·D^e mod N0²`, `z1·G = B_x + e·X`,
//! `enc_1(z2; w_y) = B_y·Y^e mod N1²`, `s^{z1} t^{z3} = E·S^e`,
//! `s^{z2} t^{z4} = F·T^e mod N̂`, `z1 ∈ ±2^{ℓ+ε}`, `z2 ∈ ±2^{ℓ'+ε}`.
//!
//! The range checks are what stop the Alpha-Rays MtA attacks (Tymokhanov,
//! Shlomovits, ePrint 2021/1621): a responder cannot use an `x` or `y` far outside
//! its range to make the other side's decryption leak its secret.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::{random_below, random_unit, Nat};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::Result;

use super::arith::{enc_ct, g_pow, pow_secret_exp, pow_signed_ct};
use super::checks::{fail, is_unit, mask, point};
use super::params::{EPS, L, L_PRIME};
use super::ring_pedersen::RingPedersen;
use super::transcript::Transcript;
use super::ProofContext;
use crate::int::{order, Int};

type Point = <Secp256k1 as Curve>::Point;

const PROOF: &str = "Πaff-g";

/// A Πaff-g proof: the first message `(A, B_x, B_y, E, S, F, T)` and the
/// answers `(z1, z2, z3, z4, w, w_y)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiAffGProof {
    /// `A = C^α (1+N0)^β r^N0 mod N0²`.
    pub a: Ciphertext,
    /// `B_x = α·G`, 33-byte compressed encoding.
    pub b_x: Vec<u8>,
    /// `B_y = enc_1(β; r_y) mod N1²`.
    pub b_y: Ciphertext,
    /// `E = s^α t^γ mod N̂`.
    pub e: Nat,
    /// `S = s^x t^m mod N̂`.
    pub s: Nat,
    /// `F = s^β t^δ mod N̂`.
    pub f: Nat,
    /// `T = s^y t^μ mod N̂`.
    pub t: Nat,
    /// `z1 = α + e·x`.
    pub z1: Int,
    /// `z2 = β + e·y`.
    pub z2: Int,
    /// `z3 = γ + e·m`.
    pub z3: Int,
    /// `z4 = δ + e·μ`.
    pub z4: Int,
    /// `w = r·ρ^e mod N0`.
    pub w: Nat,
    /// `w_y = r_y·ρ_y^e mod N1`.
    pub w_y: Nat,
}

/// The public statement.
#[derive(Clone, Copy, Debug)]
pub struct PiAffGStatement<'a> {
    /// The receiver's key `N0` (of `C` and `D`).
    pub pk0: &'a PublicKey,
    /// The prover's key `N1` (of `Y`).
    pub pk1: &'a PublicKey,
    /// `C`, a ciphertext under `N0`.
    pub c: &'a Ciphertext,
    /// `D = C^x (1+N0)^y ρ^N0`.
    pub d: &'a Ciphertext,
    /// `Y = enc_1(y; ρ_y)`.
    pub y_ct: &'a Ciphertext,
    /// `X = x·G`.
    pub x_point: &'a Point,
}

/// The witness.
#[derive(Clone, Copy, Debug)]
pub struct PiAffGWitness<'a> {
    /// `x`, `|x| ≤ 2^ℓ`.
    pub x: &'a Int,
    /// `y`, `|y| ≤ 2^ℓ'`.
    pub y: &'a Int,
    /// Nonce of `D`'s encryption part (unit mod `N0`).
    pub rho: &'a Nat,
    /// Nonce of `Y` (unit mod `N1`).
    pub rho_y: &'a Nat,
}

/// `D = C^x · (1 + N0)^y · ρ^N0 mod N0²`: the MtA responder's affine
/// operation on the receiver's ciphertext `C` (CGGMP21 `(x ⊙ C) ⊕ enc_0(y; ρ)`).
///
/// Constant time in `|x|` and in `ρ`; a negative `x` inverts the public `C`
/// first, so only the sign of `x` leaks. `(1 + N0)^y` is computed as
/// `1 + (y mod N0)·N0` (a multiplication, not an exponentiation).
///
/// # Errors
/// [`sigil_math::Code::InvalidCiphertext`] when `C` is not a unit mod `N0²`;
/// [`sigil_math::Code::InvalidArgument`] when `ρ` is not a unit mod `N0`.
pub fn affine(pk0: &PublicKey, c: &Ciphertext, x: &Int, y: &Int, rho: &Nat) -> Result<Ciphertext> {
    pk0.validate_ciphertext(c)?;
    pk0.check_nonce(rho)?;
    let nn = pk0.nn();
    let cx = pow_secret_exp(c, x, nn)?;
    let rn = rho.pow_mod_ct(pk0.n(), nn)?;
    cx.mod_mul(&g_pow(pk0, y)?, nn)?.mod_mul(&rn, nn)
}

/// Absorb the statement, the verifier's ring-Pedersen parameters and the
/// ranges, in this order.
fn statement_transcript(ctx: &ProofContext, st: &PiAffGStatement<'_>, rp: &RingPedersen) -> Transcript {
    let mut t = Transcript::new("pi-aff-g", &ctx.sid, ctx.prover);
    t.append_nat(st.pk0.n());
    t.append_nat(st.pk1.n());
    t.append_nat(&rp.n);
    t.append_nat(&rp.s);
    t.append_nat(&rp.t);
    t.append_nat(st.c);
    t.append_nat(st.d);
    t.append_nat(st.y_ct);
    t.append_point(st.x_point);
    for bits in [L, L_PRIME, EPS] {
        t.append_bytes(&bits.to_le_bytes());
    }
    t
}

/// The first message, as the transcript sees it.
struct FirstMessage<'a> {
    a: &'a Nat,
    b_x: &'a Point,
    b_y: &'a Nat,
    e: &'a Nat,
    s: &'a Nat,
    f: &'a Nat,
    t: &'a Nat,
}

fn challenge(mut t: Transcript, m: &FirstMessage<'_>) -> Int {
    t.append_nat(m.a);
    t.append_point(m.b_x);
    t.append_nat(m.b_y);
    t.append_nat(m.e);
    t.append_nat(m.s);
    t.append_nat(m.f);
    t.append_nat(m.t);
    t.challenge_signed(&order())
}

/// Prove the statement.
///
/// The witness range is **not** checked here (the verifier's range checks
/// are what count; tests forge out-of-range proofs through this function).
/// Secret exponents run in constant time (`pow_mod_ct`, `commit_ct`); a
/// negative `x` or `y` inverts the public base `s` first and so leaks only
/// its sign.
///
/// # Errors
/// [`sigil_math::Code::NotInvertible`] if `s` is not a unit mod `N̂` (for a
/// negative witness) or a nonce is not a unit; other arithmetic errors.
pub fn prove(ctx: &ProofContext, st: &PiAffGStatement<'_>, rp: &RingPedersen, w: &PiAffGWitness<'_>, rng: &mut (impl CryptoRng + RngCore)) -> Result<PiAffGProof> {
    let (n0, nn0) = (st.pk0.n(), st.pk0.nn());
    let n1 = st.pk1.n();
    let n_hat = &rp.n;

    let alpha = mask(L + EPS, rng);
    let beta = mask(L_PRIME + EPS, rng);
    let r = random_unit(n0, rng)?;
    let r_y = random_unit(n1, rng)?;
    let gamma = random_below(&n_hat.shl(L + EPS), rng)?;
    let delta = random_below(&n_hat.shl(L + EPS), rng)?;
    let m = random_below(&n_hat.shl(L), rng)?;
    let mu = random_below(&n_hat.shl(L), rng)?;
    let (alpha_i, beta_i) = (Int::from(alpha.clone()), Int::from(beta.clone()));

    // A = C^α (1+N0)^β r^N0 mod N0² (C public, α secret: constant time).
    let a = st.c.pow_mod_ct(&alpha, nn0)?.mod_mul(&enc_ct(st.pk0, &beta_i, &r)?, nn0)?;
    let b_x = Secp256k1::mul_base(&alpha_i.to_scalar()?);
    let b_y = enc_ct(st.pk1, &beta_i, &r_y)?;
    let e_cmt = rp.commit_ct(&alpha, &gamma)?;
    let s_cmt = pow_secret_exp(&rp.s, w.x, n_hat)?.mod_mul(&rp.t.pow_mod_ct(&m, n_hat)?, n_hat)?;
    let f_cmt = rp.commit_ct(&beta, &delta)?;
    let t_cmt = pow_secret_exp(&rp.s, w.y, n_hat)?.mod_mul(&rp.t.pow_mod_ct(&mu, n_hat)?, n_hat)?;

    let first = FirstMessage { a: &a, b_x: &b_x, b_y: &b_y, e: &e_cmt, s: &s_cmt, f: &f_cmt, t: &t_cmt };
    let e = challenge(statement_transcript(ctx, st, rp), &first);

    let z1 = alpha_i.add(&e.mul(w.x));
    let z2 = beta_i.add(&e.mul(w.y));
    let z3 = Int::from(gamma).add(&e.mul_nat(&m));
    let z4 = Int::from(delta).add(&e.mul_nat(&mu));
    let w0 = r.mod_mul(&pow_signed_ct(w.rho, &e, n0, rng)?, n0)?;
    let w1 = r_y.mod_mul(&pow_signed_ct(w.rho_y, &e, n1, rng)?, n1)?;

    Ok(PiAffGProof {
        a,
        b_x: Secp256k1::encode_point(&b_x),
        b_y,
        e: e_cmt,
        s: s_cmt,
        f: f_cmt,
        t: t_cmt,
        z1,
        z2,
        z3,
        z4,
        w: w0,
        w_y: w1,
    })
}

/// Verify a Πaff-g proof.
///
/// Besides the paper's checks, `|z3|, |z4|` must fit in
/// `ℓ + ε + 1 + bits(N̂)` bits (always true for an honest proof); this
/// only bounds the verifier's work against oversized exponents.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(ctx: &ProofContext, st: &PiAffGStatement<'_>, rp: &RingPedersen, proof: &PiAffGProof) -> Result<()> {
    // Cheap structural and range checks first.
    if !proof.z1.within_bits(L + EPS) {
        return Err(fail(PROOF, "z1 out of range ±2^(ℓ+ε)"));
    }
    if !proof.z2.within_bits(L_PRIME + EPS) {
        return Err(fail(PROOF, "z2 out of range ±2^(ℓ'+ε)"));
    }
    let z34_bits = L + EPS + 1 + rp.n.bits();
    if !proof.z3.within_bits(z34_bits) || !proof.z4.within_bits(z34_bits) {
        return Err(fail(PROOF, "z3 or z4 oversized"));
    }
    let (pk0, pk1) = (st.pk0, st.pk1);
    for (ct, pk, what) in [
        (st.c, pk0, "C is not a ciphertext under N0"),
        (st.d, pk0, "D is not a ciphertext under N0"),
        (&proof.a, pk0, "A is not a ciphertext under N0"),
        (st.y_ct, pk1, "Y is not a ciphertext under N1"),
        (&proof.b_y, pk1, "B_y is not a ciphertext under N1"),
    ] {
        if pk.validate_ciphertext(ct).is_err() {
            return Err(fail(PROOF, what));
        }
    }
    if !is_unit(&proof.w, pk0.n()) {
        return Err(fail(PROOF, "w is not a unit mod N0"));
    }
    if !is_unit(&proof.w_y, pk1.n()) {
        return Err(fail(PROOF, "w_y is not a unit mod N1"));
    }
    for (v, what) in [(&proof.e, "E"), (&proof.s, "S"), (&proof.f, "F"), (&proof.t, "T")] {
        if !is_unit(v, &rp.n) {
            return Err(fail(PROOF, &format!("{what} is not a unit mod N̂")));
        }
    }
    let b_x = point(PROOF, &proof.b_x)?;

    let first = FirstMessage { a: &proof.a, b_x: &b_x, b_y: &proof.b_y, e: &proof.e, s: &proof.s, f: &proof.f, t: &proof.t };
    let e = challenge(statement_transcript(ctx, st, rp), &first);
    check_equations(st, rp, proof, &b_x, &e)
}

/// The five verification equations for a given challenge `e` (inputs already
/// validated by [`verify`]).
fn check_equations(st: &PiAffGStatement<'_>, rp: &RingPedersen, proof: &PiAffGProof, b_x: &Point, e: &Int) -> Result<()> {
    let (pk0, pk1) = (st.pk0, st.pk1);
    let nn0 = pk0.nn();
    let nn1 = pk1.nn();

    // C^{z1} (1+N0)^{z2} w^N0 = A · D^e mod N0².
    let lhs = proof.z1.pow_mod_vartime(st.c, nn0)?.mod_mul(&g_pow(pk0, &proof.z2)?, nn0)?.mod_mul(&pk0.nth_power_vartime(&proof.w)?, nn0)?;
    let rhs = proof.a.mod_mul(&e.pow_mod_vartime(st.d, nn0)?, nn0)?;
    if lhs != rhs {
        return Err(fail(PROOF, "C^z1·(1+N0)^z2·w^N0 ≠ A·D^e"));
    }

    // z1·G = B_x + e·X.
    let lhs = Secp256k1::mul_base(&proof.z1.to_scalar()?);
    let rhs = *b_x + Secp256k1::mul(st.x_point, &e.to_scalar()?);
    if lhs != rhs {
        return Err(fail(PROOF, "z1·G ≠ B_x + e·X"));
    }

    // enc_1(z2; w_y) = B_y · Y^e mod N1².
    let lhs = g_pow(pk1, &proof.z2)?.mod_mul(&pk1.nth_power_vartime(&proof.w_y)?, nn1)?;
    let rhs = proof.b_y.mod_mul(&e.pow_mod_vartime(st.y_ct, nn1)?, nn1)?;
    if lhs != rhs {
        return Err(fail(PROOF, "enc_1(z2; w_y) ≠ B_y·Y^e"));
    }

    // s^{z1} t^{z3} = E · S^e mod N̂.
    let lhs = rp.commit_vartime(&proof.z1, &proof.z3)?;
    let rhs = proof.e.mod_mul(&e.pow_mod_vartime(&proof.s, &rp.n)?, &rp.n)?;
    if lhs != rhs {
        return Err(fail(PROOF, "s^z1·t^z3 ≠ E·S^e"));
    }

    // s^{z2} t^{z4} = F · T^e mod N̂.
    let lhs = rp.commit_vartime(&proof.z2, &proof.z4)?;
    let rhs = proof.f.mod_mul(&e.pow_mod_vartime(&proof.t, &rp.n)?, &rp.n)?;
    if lhs != rhs {
        return Err(fail(PROOF, "s^z2·t^z4 ≠ F·T^e"));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use sigil_math::paillier::SecretKey;
    use sigil_math::rng::OsRng;

    use super::*;

    fn key(i: usize) -> SecretKey {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test/fixtures/safe-primes.json");
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let p = |j: usize| Nat::from_be_bytes(&hex::decode(json["primes"][j].as_str().unwrap()).unwrap());
        SecretKey::from_primes(p(2 * i), p(2 * i + 1)).unwrap()
    }

    /// TSSHOCK (Verichains, Black Hat USA 2023): at `e = 0` the equations
    /// hold for any statement, so a prover able to force `e = 0` proves
    /// anything. This forgery (for a `D` built with `x = 2^1500`) passes the
    /// equations at `e = 0` and fails [`verify`], whose challenge comes from
    /// the transcript (the integration test `tsshock_zero_challenge_forgery_fails`).
    #[test]
    fn zero_challenge_forgery_passes_only_the_e0_equations() {
        let (sk0, sk1) = (key(0), key(1));
        let (pk0, pk1) = (sk0.public_key(), sk1.public_key());
        let rp = RingPedersen::generate(&sk0, &mut OsRng).unwrap().public.clone();
        let (c, _) = pk0.encrypt(&Nat::from_u64(5), &mut OsRng).unwrap();
        let x = Int::from(Nat::one().shl(1500));
        let rho = random_unit(pk0.n(), &mut OsRng).unwrap();
        let d = affine(pk0, &c, &x, &Int::zero(), &rho).unwrap();
        let (y_ct, _) = pk1.encrypt(&Nat::zero(), &mut OsRng).unwrap();
        let x_point = Secp256k1::mul_base(&x.to_scalar().unwrap());
        let st = PiAffGStatement { pk0, pk1, c: &c, d: &d, y_ct: &y_ct, x_point: &x_point };

        let z1 = Int::from(mask(L + EPS, &mut OsRng));
        let z2 = Int::from(mask(L_PRIME + EPS, &mut OsRng));
        let z3 = Int::from(mask(L + EPS + 2000, &mut OsRng));
        let z4 = Int::from(mask(L + EPS + 2000, &mut OsRng));
        let w = random_unit(pk0.n(), &mut OsRng).unwrap();
        let w_y = random_unit(pk1.n(), &mut OsRng).unwrap();
        let b_x = Secp256k1::mul_base(&z1.to_scalar().unwrap());
        let a = z1.pow_mod_vartime(&c, pk0.nn()).unwrap().mod_mul(&enc_ct(pk0, &z2, &w).unwrap(), pk0.nn()).unwrap();
        let forged = PiAffGProof {
            a,
            b_x: Secp256k1::encode_point(&b_x),
            b_y: enc_ct(pk1, &z2, &w_y).unwrap(),
            e: rp.commit_vartime(&z1, &z3).unwrap(),
            s: rp.t.clone(),
            f: rp.commit_vartime(&z2, &z4).unwrap(),
            t: rp.s.clone(),
            z1,
            z2,
            z3,
            z4,
            w,
            w_y,
        };
        check_equations(&st, &rp, &forged, &b_x, &Int::zero()).unwrap();
        let ctx = ProofContext { sid: b"sid".to_vec(), prover: 1 };
        assert!(check_equations(&st, &rp, &forged, &b_x, &Int::from_i64(1)).is_err());
        assert!(verify(&ctx, &st, &rp, &forged).is_err());
    }
}
