//! Πmod — N is a Paillier–Blum modulus (CGGMP21, Fig. 16): N = p·q with
//! p ≡ q ≡ 3 (mod 4) and gcd(N, φ(N)) = 1. It rules out moduli with more
//! prime factors or factors ≢ 3 (mod 4), part of the defence against
//! BitForge (CVE-2023-33241) style Paillier keys; Πfac adds the size bound.
//!
//! Prover: `w` with Jacobi symbol −1; challenges `y_i ∈ Z_N` from the
//! transcript; for each, `z_i = y_i^(N⁻¹ mod φ)` and a fourth root `x_i` of
//! `(−1)^a_i · w^b_i · y_i`. Verifier: `z_i^N = y_i`, `x_i^4 = (−1)^a_i w^b_i y_i`.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::prime::is_probable_prime;
use sigil_math::bigint::{random_below, Nat};
use sigil_math::paillier::SecretKey;
use sigil_math::rng::OsRng;
use sigil_math::{Code, Error, Result};

use super::params::M;
use super::transcript::Transcript;
use super::ProofContext;

/// One repetition's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiModItem {
    /// Fourth root of `(−1)^a w^b y`.
    pub x: Nat,
    /// Sign flip.
    pub a: bool,
    /// Multiplier `w` used.
    pub b: bool,
    /// N-th root of `y`.
    pub z: Nat,
}

/// A Πmod proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiModProof {
    /// A non-residue with Jacobi symbol −1.
    pub w: Nat,
    /// The M answers.
    pub items: Vec<PiModItem>,
}

fn fail(what: &str) -> Error {
    Error::new(Code::ProofFailed, format!("Πmod: {what}"))
}

fn challenges(ctx: &ProofContext, n: &Nat, w: &Nat) -> Vec<Nat> {
    let mut t = Transcript::new("pi-mod", &ctx.sid, ctx.prover);
    t.append_nat(n);
    t.append_nat(w);
    t.challenges_below(n, M)
}

/// Join residues `rp mod p` and `rq mod q` into the value mod `p·q` (Garner's CRT).
fn crt(rp: &Nat, rq: &Nat, p: &Nat, q: &Nat, q_inv_p: &Nat) -> Result<Nat> {
    let h = rp.mod_sub(rq, p)?.mod_mul(q_inv_p, p)?;
    Ok(rq.add(&h.mul(q)))
}

/// `φ_p(u) = u^(((p+1)/4)² mod (p−1)) mod p` for a prime `p ≡ 3 (mod 4)`
/// (constant time). It is multiplicative, its fourth power is `±u`, and it
/// is a fourth root of `u` exactly when `u` is a quadratic residue mod `p`.
struct FourthRoot<'a> {
    p: &'a Nat,
    e: Nat,
}

impl<'a> FourthRoot<'a> {
    fn new(p: &'a Nat) -> Result<Self> {
        let e = p.add(&Nat::one()).shr(2);
        Ok(Self { p, e: e.mul(&e).rem(&p.sub(&Nat::one())?)? })
    }

    fn of(&self, u: &Nat) -> Result<Nat> {
        u.rem(self.p)?.pow_mod_ct(&self.e, self.p)
    }

    /// Whether `u` is a quadratic residue, given `r = φ_p(u)`: `r⁴ = u` then.
    fn is_qr(&self, u: &Nat, r: &Nat) -> Result<bool> {
        let r2 = r.mod_mul(r, self.p)?;
        Ok(r2.mod_mul(&r2, self.p)? == u.rem(self.p)?)
    }
}

/// The N-th root `y^(N⁻¹ mod φ)` by CRT: `y^(d mod (p−1)) mod p` and
/// `y^(d mod (q−1)) mod q` (constant time), joined. Correct for every `y`,
/// units or not, since `d·N ≡ 1` modulo both `p − 1` and `q − 1`.
fn nth_root(y: &Nat, dp: &Nat, dq: &Nat, p: &Nat, q: &Nat, q_inv_p: &Nat) -> Result<Nat> {
    let zp = y.rem(p)?.pow_mod_ct(dp, p)?;
    let zq = y.rem(q)?.pow_mod_ct(dq, q)?;
    crt(&zp, &zq, p, q, q_inv_p)
}

/// Prove that the key's N is a Paillier–Blum modulus.
///
/// # Errors
/// [`Code::InvalidModulus`] if the key is not Blum (cannot happen for keys
/// built by [`SecretKey`]); arithmetic errors.
pub fn prove(ctx: &ProofContext, sk: &SecretKey, rng: &mut (impl CryptoRng + RngCore)) -> Result<PiModProof> {
    let n = sk.public_key().n();
    let (p, q) = (sk.p(), sk.q());
    let w = loop {
        let w = random_below(n, rng)?;
        if w.jacobi(n)? == -1 {
            break w;
        }
    };
    // N⁻¹ mod φ(N): the inversion is variable time on the secret φ (as in GMP/RSA key setup).
    let n_inv = n.inv_mod(&sk.phi()?)?;
    let q_inv_p = q.inv_mod(p)?;
    // The exponent reduced mod p − 1 and q − 1 for the CRT N-th roots.
    let dp = n_inv.rem(&p.sub(&Nat::one())?)?;
    let dq = n_inv.rem(&q.sub(&Nat::one())?)?;
    let minus_one = n.sub(&Nat::one())?;
    let (fp, fq) = (FourthRoot::new(p)?, FourthRoot::new(q)?);
    // φ is multiplicative: φ((−1)^a w^b y) = φ(−1)^a φ(w)^b φ(y), one exponentiation per prime and item.
    let (m1p, m1q, wrp, wrq) = (fp.of(&minus_one)?, fq.of(&minus_one)?, fp.of(&w)?, fq.of(&w)?);
    let (wp, wq) = (fp.is_qr(&w, &wrp)?, fq.is_qr(&w, &wrq)?);
    let mut items = Vec::with_capacity(M);
    for y in challenges(ctx, n, &w) {
        let z = nth_root(&y, &dp, &dq, p, q, &q_inv_p)?;
        let (mut xp, mut xq) = (fp.of(&y)?, fq.of(&y)?);
        let (yp, yq) = (fp.is_qr(&y, &xp)?, fq.is_qr(&y, &xq)?);
        // (−1) is a non-residue mod p and q; choose a, b making (−1)^a w^b y a QR mod both.
        let (a, b) = [(false, false), (true, false), (false, true), (true, true)]
            .into_iter()
            .find(|(a, b)| (yp ^ *a ^ (*b && !wp)) && (yq ^ *a ^ (*b && !wq)))
            .ok_or_else(|| Error::new(Code::InvalidModulus, "N is not a Paillier–Blum modulus"))?;
        if a {
            (xp, xq) = (xp.mod_mul(&m1p, p)?, xq.mod_mul(&m1q, q)?);
        }
        if b {
            (xp, xq) = (xp.mod_mul(&wrp, p)?, xq.mod_mul(&wrq, q)?);
        }
        items.push(PiModItem { x: crt(&xp, &xq, p, q, &q_inv_p)?, a, b, z });
    }
    Ok(PiModProof { w, items })
}

/// Verify a Πmod proof for `n`.
///
/// # Errors
/// [`Code::ProofFailed`] naming the failed check.
pub fn verify(ctx: &ProofContext, n: &Nat, proof: &PiModProof) -> Result<()> {
    if !n.is_odd() || n.bits() < 2 {
        return Err(fail("N is even or too small"));
    }
    if is_probable_prime(n, &mut OsRng) {
        return Err(fail("N is prime"));
    }
    if proof.items.len() != M {
        return Err(fail("wrong number of repetitions"));
    }
    if proof.w.is_zero() || proof.w >= *n || proof.w.jacobi(n)? != -1 {
        return Err(fail("w must have Jacobi symbol −1"));
    }
    let minus_one = n.sub(&Nat::one())?;
    let four = Nat::from_u64(4);
    for (y, item) in challenges(ctx, n, &proof.w).iter().zip(&proof.items) {
        if item.x >= *n || item.z >= *n {
            return Err(fail("answer out of range"));
        }
        if item.z.pow_mod_vartime(n, n)? != *y {
            return Err(fail("z^N ≠ y"));
        }
        let mut rhs = y.clone();
        if item.a {
            rhs = rhs.mod_mul(&minus_one, n)?;
        }
        if item.b {
            rhs = rhs.mod_mul(&proof.w, n)?;
        }
        if item.x.pow_mod_vartime(&four, n)? != rhs {
            return Err(fail("x^4 ≠ (−1)^a·w^b·y"));
        }
    }
    Ok(())
}
