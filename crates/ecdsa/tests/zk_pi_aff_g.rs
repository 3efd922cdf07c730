//! Πaff-g: completeness (positive and negative witnesses), binding to session,
//! prover and every statement element, tampered and out-of-range answers, and
//! the Alpha-Rays and TSSHOCK attacks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::time::Instant;

use common::{ctx, paillier, ring_pedersen};
use sigil_ecdsa::int::{order, Int};
use sigil_ecdsa::zk::params::{EPS, L, L_PRIME};
use sigil_ecdsa::zk::pi_aff_g::{affine, prove, verify, PiAffGProof, PiAffGStatement, PiAffGWitness};
use sigil_ecdsa::zk::ring_pedersen::RingPedersen;
use sigil_math::bigint::{random_below, random_bits, random_unit, Nat};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::{Ciphertext, PublicKey, SecretKey};
use sigil_math::rng::OsRng;
use sigil_math::Code;

type Point = <Secp256k1 as Curve>::Point;

/// Everything one MtA instance needs: the receiver (key 0, with its own
/// ring-Pedersen parameters, as in the protocol where N̂ = N_j) and the
/// responder/prover (key 1).
struct Fixture {
    sk0: SecretKey,
    sk1: SecretKey,
    rp: RingPedersen,
    c: Ciphertext,
    d: Ciphertext,
    y_ct: Ciphertext,
    x_point: Point,
    x: Int,
    y: Int,
    rho: Nat,
    rho_y: Nat,
}

impl Fixture {
    fn pk0(&self) -> &PublicKey {
        self.sk0.public_key()
    }

    fn pk1(&self) -> &PublicKey {
        self.sk1.public_key()
    }

    fn statement(&self) -> PiAffGStatement<'_> {
        PiAffGStatement { pk0: self.pk0(), pk1: self.pk1(), c: &self.c, d: &self.d, y_ct: &self.y_ct, x_point: &self.x_point }
    }

    fn witness(&self) -> PiAffGWitness<'_> {
        PiAffGWitness { x: &self.x, y: &self.y, rho: &self.rho, rho_y: &self.rho_y }
    }

    fn prove(&self) -> PiAffGProof {
        prove(&ctx(b"sid", 1), &self.statement(), &self.rp, &self.witness(), &mut OsRng).unwrap()
    }

    fn verify(&self, proof: &PiAffGProof) -> sigil_math::Result<()> {
        verify(&ctx(b"sid", 1), &self.statement(), &self.rp, proof)
    }
}

/// Build a consistent instance for witnesses `x`, `y` (any size or sign:
/// `X = (x mod q)·G`, `Y = enc_1(y mod N1)`), with `C = enc_0(k)` for a random `k < q`.
fn fixture_with(sk0: SecretKey, sk1: SecretKey, rp: RingPedersen, x: Int, y: Int) -> Fixture {
    let (pk0, pk1) = (sk0.public_key().clone(), sk1.public_key().clone());
    let k = random_below(&order(), &mut OsRng).unwrap();
    let (c, _) = pk0.encrypt(&k, &mut OsRng).unwrap();
    let rho = random_unit(pk0.n(), &mut OsRng).unwrap();
    let rho_y = random_unit(pk1.n(), &mut OsRng).unwrap();
    let d = affine(&pk0, &c, &x, &y, &rho).unwrap();
    let y_ct = pk1.encrypt_with_nonce(&y.rem_euclid(pk1.n()).unwrap(), &rho_y).unwrap();
    let x_point = Secp256k1::mul_base(&x.to_scalar().unwrap());
    Fixture { sk0, sk1, rp, c, d, y_ct, x_point, x, y, rho, rho_y }
}

fn keys() -> (SecretKey, SecretKey, RingPedersen) {
    (paillier(0), paillier(1), ring_pedersen(0).public.clone())
}

/// The honest protocol case: `x < q`, `0 ≤ y < 2^ℓ'`.
fn honest() -> Fixture {
    let (sk0, sk1, rp) = keys();
    let x = Int::from(random_below(&order(), &mut OsRng).unwrap());
    let y = Int::from(random_bits(L_PRIME, &mut OsRng));
    fixture_with(sk0, sk1, rp, x, y)
}

fn assert_fails(f: &Fixture, proof: &PiAffGProof, why: &str) {
    let err = f.verify(proof).expect_err(why);
    assert_eq!(err.code(), Code::ProofFailed, "{why}: {err:?}");
}

#[test]
fn affine_decrypts_to_k_x_plus_y() {
    let f = honest();
    let k = f.sk0.decrypt(&f.c).unwrap();
    let n0 = f.pk0().n();
    let expected = k.mul(f.x.magnitude()).add(f.y.magnitude()).rem(n0).unwrap();
    assert_eq!(f.sk0.decrypt(&f.d).unwrap(), expected);
    // Negative x and y: D decrypts to k·x + y mod N0 with the signs applied.
    let neg = Int::new(true, Nat::from_u64(5));
    let d = affine(f.pk0(), &f.c, &neg, &Int::from_i64(-7), &f.rho).unwrap();
    let want = Int::from(k).mul(&neg).add(&Int::from_i64(-7)).rem_euclid(n0).unwrap();
    assert_eq!(f.sk0.decrypt(&d).unwrap(), want);
    // A non-unit C or nonce is refused.
    assert!(affine(f.pk0(), &Nat::zero(), &f.x, &f.y, &f.rho).is_err());
    assert!(affine(f.pk0(), &f.c, &f.x, &f.y, &Nat::zero()).is_err());
}

#[test]
fn honest_proof_verifies_round_trips_and_times() {
    let f = honest();
    let t0 = Instant::now();
    let proof = f.prove();
    let t_prove = t0.elapsed();
    let t1 = Instant::now();
    f.verify(&proof).unwrap();
    let t_verify = t1.elapsed();
    println!("Πaff-g prove: {t_prove:?}");
    println!("Πaff-g verify: {t_verify:?}");
    let bytes = postcard::to_allocvec(&proof).unwrap();
    println!("Πaff-g proof size: {} bytes", bytes.len());
    let back: PiAffGProof = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, proof);
    f.verify(&back).unwrap();
}

#[test]
fn negative_and_edge_witnesses_verify() {
    // The paper's protocol uses y = −β (negative); x may be any value in ±2^ℓ.
    for (x, y) in [
        (Int::new(true, random_below(&order(), &mut OsRng).unwrap()), Int::new(true, random_bits(L_PRIME, &mut OsRng))),
        (Int::zero(), Int::zero()),
        (Int::from(Nat::one().shl(L)), Int::new(true, Nat::one().shl(L_PRIME))),
    ] {
        let (sk0, sk1, rp) = keys();
        let f = fixture_with(sk0, sk1, rp, x, y);
        f.verify(&f.prove()).unwrap();
    }
}

#[test]
fn bound_to_context() {
    let f = honest();
    let proof = f.prove();
    let st = f.statement();
    assert_eq!(verify(&ctx(b"sid", 2), &st, &f.rp, &proof).unwrap_err().code(), Code::ProofFailed);
    assert_eq!(verify(&ctx(b"other", 1), &st, &f.rp, &proof).unwrap_err().code(), Code::ProofFailed);
}

#[test]
fn bound_to_statement() {
    let f = honest();
    let proof = f.prove();
    let check = |st: PiAffGStatement<'_>, rp: &RingPedersen, why: &str| {
        let err = verify(&ctx(b"sid", 1), &st, rp, &proof).expect_err(why);
        assert_eq!(err.code(), Code::ProofFailed, "{why}");
    };
    let base = f.statement();
    let (pk0, pk1) = (f.pk0(), f.pk1());
    let other_ct0 = pk0.encrypt(&Nat::from_u64(3), &mut OsRng).unwrap().0;
    let other_ct1 = pk1.encrypt(&Nat::from_u64(3), &mut OsRng).unwrap().0;
    let other_point = Secp256k1::mul_base(&Secp256k1::scalar_from_u64(7));
    let other_key = paillier(2);
    let other_pk = other_key.public_key();

    check(PiAffGStatement { c: &other_ct0, ..base }, &f.rp, "another C");
    check(PiAffGStatement { d: &other_ct0, ..base }, &f.rp, "another D");
    check(PiAffGStatement { y_ct: &other_ct1, ..base }, &f.rp, "another Y");
    check(PiAffGStatement { x_point: &other_point, ..base }, &f.rp, "another X");
    check(PiAffGStatement { pk0: other_pk, ..base }, &f.rp, "another N0");
    check(PiAffGStatement { pk1: other_pk, ..base }, &f.rp, "another N1");
    check(PiAffGStatement { pk0: pk1, pk1: pk0, ..base }, &f.rp, "keys swapped");
    // The verifier's ring-Pedersen parameters: another set, s and t swapped, each changed.
    let other_rp = ring_pedersen(2).public.clone();
    check(base, &other_rp, "another ring-Pedersen");
    let swapped = RingPedersen::new(f.rp.n.clone(), f.rp.t.clone(), f.rp.s.clone());
    check(base, &swapped, "s and t swapped");
    let sq = |v: &Nat| v.mod_mul(v, &f.rp.n).unwrap();
    check(base, &{ let mut r = f.rp.clone(); r.s = sq(&f.rp.s); r }, "another s");
    check(base, &{ let mut r = f.rp.clone(); r.t = sq(&f.rp.t); r }, "another t");
    check(base, &{ let mut r = f.rp.clone(); r.n = other_rp.n.clone(); r }, "another N̂");
}

#[test]
fn tampered_answers_fail() {
    let f = honest();
    let proof = f.prove();
    fn inc(v: &Nat) -> Nat {
        v.add(&Nat::one())
    }
    fn inc_i(v: &Int) -> Int {
        v.add(&Int::from_i64(1))
    }
    let other_point = Secp256k1::encode_point(&Secp256k1::mul_base(&Secp256k1::scalar_from_u64(11)));
    type Tamper = Box<dyn Fn(&mut PiAffGProof)>;
    let cases: Vec<(&str, Tamper)> = vec![
        ("A", Box::new(|p| p.a = inc(&p.a))),
        ("B_x", Box::new(move |p| p.b_x = other_point.clone())),
        ("B_y", Box::new(|p| p.b_y = inc(&p.b_y))),
        ("E", Box::new(|p| p.e = inc(&p.e))),
        ("S", Box::new(|p| p.s = inc(&p.s))),
        ("F", Box::new(|p| p.f = inc(&p.f))),
        ("T", Box::new(|p| p.t = inc(&p.t))),
        ("z1", Box::new(|p| p.z1 = inc_i(&p.z1))),
        ("z2", Box::new(|p| p.z2 = inc_i(&p.z2))),
        ("z3", Box::new(|p| p.z3 = inc_i(&p.z3))),
        ("z4", Box::new(|p| p.z4 = inc_i(&p.z4))),
        ("w", Box::new(|p| p.w = inc(&p.w))),
        ("w_y", Box::new(|p| p.w_y = inc(&p.w_y))),
        ("z1 negated", Box::new(|p| p.z1 = p.z1.neg())),
        ("B_x garbage", Box::new(|p| p.b_x = vec![2u8; 33])),
        ("B_x short", Box::new(|p| p.b_x.truncate(32))),
        ("B_x identity", Box::new(|p| p.b_x = vec![0u8; 33])),
    ];
    for (name, tamper) in cases {
        let mut bad = proof.clone();
        tamper(&mut bad);
        assert_fails(&f, &bad, name);
    }
}

#[test]
fn malformed_elements_fail() {
    let f = honest();
    let proof = f.prove();
    let (n0, nn0) = (f.pk0().n().clone(), f.pk0().nn().clone());
    let (n1, nn1) = (f.pk1().n().clone(), f.pk1().nn().clone());
    let n_hat = f.rp.n.clone();
    let set = |mut p: PiAffGProof, g: &dyn Fn(&mut PiAffGProof)| {
        g(&mut p);
        p
    };
    for (name, bad) in [
        ("A = 0", set(proof.clone(), &|p| p.a = Nat::zero())),
        ("A = N0²", set(proof.clone(), &|p| p.a = nn0.clone())),
        ("A = N0", set(proof.clone(), &|p| p.a = n0.clone())),
        ("B_y = 0", set(proof.clone(), &|p| p.b_y = Nat::zero())),
        ("B_y = N1²", set(proof.clone(), &|p| p.b_y = nn1.clone())),
        ("w = 0", set(proof.clone(), &|p| p.w = Nat::zero())),
        ("w = N0", set(proof.clone(), &|p| p.w = n0.clone())),
        ("w + N0", set(proof.clone(), &|p| p.w = p.w.add(&n0))),
        ("w_y = 0", set(proof.clone(), &|p| p.w_y = Nat::zero())),
        ("w_y + N1", set(proof.clone(), &|p| p.w_y = p.w_y.add(&n1))),
        ("E = 0", set(proof.clone(), &|p| p.e = Nat::zero())),
        ("S = N̂", set(proof.clone(), &|p| p.s = n_hat.clone())),
        ("F + N̂", set(proof.clone(), &|p| p.f = p.f.add(&n_hat))),
        ("T = 0", set(proof.clone(), &|p| p.t = Nat::zero())),
    ] {
        assert_fails(&f, &bad, name);
    }
    // Statement ciphertexts that are not units mod N0² / N1².
    let zero = Nat::zero();
    for (name, st) in [
        ("C = 0", PiAffGStatement { c: &zero, ..f.statement() }),
        ("D = N0²", PiAffGStatement { d: &nn0, ..f.statement() }),
        ("Y = N1", PiAffGStatement { y_ct: &n1, ..f.statement() }),
    ] {
        assert_eq!(verify(&ctx(b"sid", 1), &st, &f.rp, &proof).unwrap_err().code(), Code::ProofFailed, "{name}");
    }
}

#[test]
fn out_of_range_answers_fail() {
    let f = honest();
    let proof = f.prove();
    let huge = Int::from(Nat::one().shl(2000));
    for (name, bad) in [
        ("z1 = 2^2000", PiAffGProof { z1: huge.clone(), ..proof.clone() }),
        ("z1 = −2^2000", PiAffGProof { z1: huge.neg(), ..proof.clone() }),
        ("z1 = 2^(ℓ+ε)+1", PiAffGProof { z1: Int::from(Nat::one().shl(L + EPS).add(&Nat::one())), ..proof.clone() }),
        ("z2 = 2^2000", PiAffGProof { z2: huge.clone(), ..proof.clone() }),
        ("z2 = −(2^(ℓ'+ε)+1)", PiAffGProof { z2: Int::new(true, Nat::one().shl(L_PRIME + EPS).add(&Nat::one())), ..proof.clone() }),
        ("z3 = 2^10000", PiAffGProof { z3: Int::from(Nat::one().shl(10_000)), ..proof.clone() }),
        ("z4 = −2^10000", PiAffGProof { z4: Int::new(true, Nat::one().shl(10_000)), ..proof.clone() }),
    ] {
        let err = f.verify(&bad).expect_err(name);
        assert_eq!(err.code(), Code::ProofFailed, "{name}");
    }
    // The boundary itself is in range (it then fails the equations, not the range check).
    let edge = PiAffGProof { z1: Int::from(Nat::one().shl(L + EPS)), ..proof };
    let err = f.verify(&edge).unwrap_err();
    assert!(!format!("{err:?}").contains("out of range"), "{err:?}");
}

/// Alpha-Rays (Tymokhanov, Shlomovits, "Alpha-Rays: Key Extraction Attacks on
/// Threshold ECDSA Implementations", ePrint 2021/1621): a malicious MtA
/// responder picks an `x` far above 2^ℓ (here ≈ 2^1000) so that
/// `k·x + y` wraps modulo `N0`, and the receiver's decryption, whether it
/// aborts or not, leaks bits of the receiver's secret `k`. The proof
/// carries `z1 = α + e·x`, which leaves `±2^{ℓ+ε}`.
#[test]
fn alpha_rays_oversized_x_fails() {
    let (sk0, sk1, rp) = keys();
    let x = Int::from(Nat::one().shl(1000).add(&random_bits(256, &mut OsRng)));
    let y = Int::from(random_bits(L_PRIME, &mut OsRng));
    let f = fixture_with(sk0, sk1, rp, x, y);
    let err = f.verify(&f.prove()).unwrap_err();
    assert_eq!(err.code(), Code::ProofFailed);
    assert!(format!("{err:?}").contains("z1 out of range"), "{err:?}");
}

/// Alpha-Rays (ePrint 2021/1621), the `y` side: a responder uses
/// `y ≈ N0/2` (far outside `±2^ℓ'`) so that the plaintext `k·x + y` lands
/// near the modulus and its decryption (as a signed value) reveals whether
/// `k·x` crossed a threshold. `z2 = β + e·y` leaves `±2^{ℓ'+ε}`.
#[test]
fn alpha_rays_oversized_y_fails() {
    let (sk0, sk1, rp) = keys();
    let x = Int::from(random_below(&order(), &mut OsRng).unwrap());
    let y = Int::from(sk0.public_key().n().shr(1).sub(&Nat::from_u64(12345)).unwrap());
    let f = fixture_with(sk0, sk1, rp, x, y);
    let err = f.verify(&f.prove()).unwrap_err();
    assert_eq!(err.code(), Code::ProofFailed);
    assert!(format!("{err:?}").contains("z2 out of range"), "{err:?}");
    // Just past the bound 2^(ℓ'+ε) the proof fails too (z2 ≈ e·y > 2^(ℓ'+ε) except with
    // negligible probability), while y = 2^ℓ' passes (negative_and_edge_witnesses_verify).
    let (sk0, sk1, rp) = keys();
    let y = Int::from(Nat::one().shl(L_PRIME + EPS));
    let f = fixture_with(sk0, sk1, rp, Int::from_i64(1), y);
    assert_fails(&f, &f.prove(), "y = 2^(ℓ'+ε)");
}

/// Alpha-Rays (ePrint 2021/1621) also relies on a D that does not use the
/// committed share: here D uses an `x'` other than X's discrete log. Proving
/// with either `x` or `x'` fails.
#[test]
fn d_with_another_x_than_x_point_fails() {
    let f = honest();
    let x_other = f.x.add(&Int::from_i64(1));
    let d = affine(f.pk0(), &f.c, &x_other, &f.y, &f.rho).unwrap();
    let st = PiAffGStatement { d: &d, ..f.statement() };
    for (x, check) in [(&f.x, "A·D^e"), (&x_other, "B_x + e·X")] {
        let w = PiAffGWitness { x, ..f.witness() };
        let proof = prove(&ctx(b"sid", 1), &st, &f.rp, &w, &mut OsRng).unwrap();
        let err = verify(&ctx(b"sid", 1), &st, &f.rp, &proof).unwrap_err();
        assert_eq!(err.code(), Code::ProofFailed);
        assert!(format!("{err:?}").contains(check), "{err:?}");
    }
    // Y encrypting another y than D's also fails.
    let y_other = f.y.add(&Int::from_i64(1));
    let d = affine(f.pk0(), &f.c, &f.x, &y_other, &f.rho).unwrap();
    let st = PiAffGStatement { d: &d, ..f.statement() };
    let proof = prove(&ctx(b"sid", 1), &st, &f.rp, &f.witness(), &mut OsRng).unwrap();
    assert_eq!(verify(&ctx(b"sid", 1), &st, &f.rp, &proof).unwrap_err().code(), Code::ProofFailed);
}

/// A proof made for one `C` and sent along with another `C` (an MtA answer
/// replayed against another receiver ciphertext) fails.
#[test]
fn proof_for_another_c_fails() {
    let f = honest();
    let proof = f.prove();
    let (c2, _) = f.pk0().encrypt(&Nat::from_u64(42), &mut OsRng).unwrap();
    // D honestly recomputed on the new C, with the same witness, but the old proof.
    let d2 = affine(f.pk0(), &c2, &f.x, &f.y, &f.rho).unwrap();
    let st = PiAffGStatement { c: &c2, d: &d2, ..f.statement() };
    assert_eq!(verify(&ctx(b"sid", 1), &st, &f.rp, &proof).unwrap_err().code(), Code::ProofFailed);
    // Proven for C but D computed on C2: fails.
    let st = PiAffGStatement { d: &d2, ..f.statement() };
    let p = prove(&ctx(b"sid", 1), &st, &f.rp, &f.witness(), &mut OsRng).unwrap();
    assert_eq!(verify(&ctx(b"sid", 1), &st, &f.rp, &p).unwrap_err().code(), Code::ProofFailed);
}

/// TSSHOCK (Verichains, "TSSHOCK: Breaking MPC Wallets and Digital Custodians
/// for $BILLION$ Profit", Black Hat USA 2023): when the prover can steer the
/// challenge to `e = 0`, every equation holds for any statement (`D`, `Y`, `X`
/// drop out). The forgery below satisfies the verification equations at
/// `e = 0` (see the unit test in `pi_aff_g.rs`) for a `D` built from an
/// out-of-range `x`, and fails because the challenge comes from the transcript.
#[test]
fn tsshock_zero_challenge_forgery_fails() {
    let (sk0, sk1, rp) = keys();
    let x = Int::from(Nat::one().shl(1500));
    let f = fixture_with(sk0, sk1, rp, x, Int::zero());
    let (pk0, pk1) = (f.pk0(), f.pk1());
    let (n0, nn0, n1, nn1) = (pk0.n(), pk0.nn(), pk1.n(), pk1.nn());
    let rp = &f.rp;
    // Answers chosen freely in range; the first message solved from them for e = 0.
    let z1 = Int::from(random_bits(L + EPS, &mut OsRng));
    let z2 = Int::from(random_bits(L_PRIME + EPS, &mut OsRng));
    let z3 = Int::from(random_bits(L + EPS + 2000, &mut OsRng));
    let z4 = Int::from(random_bits(L + EPS + 2000, &mut OsRng));
    let w = random_unit(n0, &mut OsRng).unwrap();
    let w_y = random_unit(n1, &mut OsRng).unwrap();
    let g = |n: &Nat, m: &Int| Nat::one().add(&m.rem_euclid(n).unwrap().mul(n));
    let a = z1.pow_mod_vartime(&f.c, nn0).unwrap().mod_mul(&g(n0, &z2), nn0).unwrap().mod_mul(&w.pow_mod_vartime(n0, nn0).unwrap(), nn0).unwrap();
    let b_x = Secp256k1::encode_point(&Secp256k1::mul_base(&z1.to_scalar().unwrap()));
    let b_y = g(n1, &z2).mod_mul(&w_y.pow_mod_vartime(n1, nn1).unwrap(), nn1).unwrap();
    let forged = PiAffGProof {
        a,
        b_x,
        b_y,
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
    assert_fails(&f, &forged, "e = 0 forgery");
    // It passes every range and encoding check: only the equations (with e ≠ 0) reject it.
    let err = f.verify(&forged).unwrap_err();
    assert!(format!("{err:?}").contains('≠'), "{err:?}");
    // And the honest prover on that out-of-range x fails too.
    assert_fails(&f, &f.prove(), "x = 2^1500");
}
