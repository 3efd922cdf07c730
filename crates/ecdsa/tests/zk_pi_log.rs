//! Πlog* (CGGMP21 Fig. 25): completeness, binding to context and statement
//! (including the base `g` and the range `bits`), tampering, out-of-range
//! answers, a point that does not match the ciphertext, and the TSSHOCK
//! c-guess forgery.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::time::Instant;

use common::{ctx, paillier, ring_pedersen};
use sigil_ecdsa::int::{scalar_to_nat, Int};
use sigil_ecdsa::zk::params::{EPS, L, L_PRIME};
use sigil_ecdsa::zk::pi_log::{prove, verify, PiLogProof, PiLogStatement};
use sigil_ecdsa::zk::ring_pedersen::RingPedersen;
use sigil_math::bigint::{random_below, random_bits, random_unit, Nat};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::rng::OsRng;
use sigil_math::{Code, Result};

type Point = <Secp256k1 as Curve>::Point;

/// A statement with its witness.
struct Case {
    pk0: PublicKey,
    rp: RingPedersen,
    c: Ciphertext,
    x_point: Point,
    g: Point,
    bits: u32,
    x: Int,
    rho: Nat,
}

impl Case {
    fn st(&self) -> PiLogStatement<'_> {
        PiLogStatement { pk0: &self.pk0, c: &self.c, x_point: &self.x_point, g: &self.g, bits: self.bits }
    }
}

fn encrypt(pk: &PublicKey, x: &Int) -> (Ciphertext, Nat) {
    let rho = random_unit(pk.n(), &mut OsRng).unwrap();
    (pk.encrypt_with_nonce(&x.rem_euclid(pk.n()).unwrap(), &rho).unwrap(), rho)
}

fn random_point() -> Point {
    Secp256k1::mul_base(&Secp256k1::random_scalar(&mut OsRng))
}

fn case(x: Int, g: Point, bits: u32) -> Case {
    let pk0 = paillier(0).public_key().clone();
    let (c, rho) = encrypt(&pk0, &x);
    let x_point = Secp256k1::mul(&g, &x.to_scalar().unwrap());
    Case { pk0, rp: ring_pedersen(1).public.clone(), c, x_point, g, bits, x, rho }
}

fn random_x() -> Int {
    Int::from(scalar_to_nat(&Secp256k1::random_scalar(&mut OsRng)))
}

fn pow2(bits: u32) -> Nat {
    Nat::one().shl(bits)
}

fn assert_fails(r: Result<()>) {
    assert_eq!(r.unwrap_err().code(), Code::ProofFailed);
}

fn prove_case(cs: &Case, sid: &[u8], prover: u16) -> PiLogProof {
    prove(&ctx(sid, prover), &cs.st(), &cs.rp, &cs.x, &cs.rho, &mut OsRng).unwrap()
}

#[test]
fn honest_proofs_verify_and_round_trip() {
    let g = Secp256k1::generator();
    let h = random_point();
    let cases = [
        case(random_x(), g, L),
        case(random_x(), h, L),
        case(Int::zero(), h, L),
        case(Int::from(pow2(L)), g, L),
        case(Int::from_i64(-987_654_321), h, L),
        // A wider plaintext, as in the identification proofs.
        case(Int::from(random_bits(L_PRIME + L, &mut OsRng)), h, L_PRIME + L),
    ];
    for cs in &cases {
        let proof = prove_case(cs, b"sid-log", 1);
        verify(&ctx(b"sid-log", 1), &cs.st(), &cs.rp, &proof).unwrap();
        let bytes = postcard::to_allocvec(&proof).unwrap();
        let back: PiLogProof = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, proof);
        verify(&ctx(b"sid-log", 1), &cs.st(), &cs.rp, &back).unwrap();
    }
}

#[test]
fn bound_to_context_and_statement() {
    let cs = case(random_x(), random_point(), L);
    let c = ctx(b"sid-log", 1);
    let proof = prove_case(&cs, b"sid-log", 1);
    verify(&c, &cs.st(), &cs.rp, &proof).unwrap();

    assert_fails(verify(&ctx(b"sid-other", 1), &cs.st(), &cs.rp, &proof));
    assert_fails(verify(&ctx(b"sid-log", 2), &cs.st(), &cs.rp, &proof));

    // Ciphertext.
    let (c2, _) = encrypt(&cs.pk0, &cs.x);
    assert_fails(verify(&c, &PiLogStatement { c: &c2, ..cs.st() }, &cs.rp, &proof));
    assert_fails(verify(&c, &PiLogStatement { c: &Nat::zero(), ..cs.st() }, &cs.rp, &proof));
    assert_fails(verify(&c, &PiLogStatement { c: cs.pk0.n(), ..cs.st() }, &cs.rp, &proof));
    // Point X, base g.
    let x2 = cs.x_point + cs.g;
    assert_fails(verify(&c, &PiLogStatement { x_point: &x2, ..cs.st() }, &cs.rp, &proof));
    let g2 = Secp256k1::generator();
    assert_fails(verify(&c, &PiLogStatement { g: &g2, ..cs.st() }, &cs.rp, &proof));
    // Range.
    assert_fails(verify(&c, &PiLogStatement { bits: L + 1, ..cs.st() }, &cs.rp, &proof));
    assert_fails(verify(&c, &PiLogStatement { bits: L - 1, ..cs.st() }, &cs.rp, &proof));
    // Modulus N0.
    let pk_other = paillier(2).public_key().clone();
    assert_fails(verify(&c, &PiLogStatement { pk0: &pk_other, ..cs.st() }, &cs.rp, &proof));
    // The verifier's ring-Pedersen parameters.
    assert_fails(verify(&c, &cs.st(), &ring_pedersen(2).public, &proof));
    let n = &cs.rp.n;
    let rp_s = { let mut r = cs.rp.clone(); r.s = cs.rp.s.mod_mul(&cs.rp.t, n).unwrap(); r };
    assert_fails(verify(&c, &cs.st(), &rp_s, &proof));
    let rp_t = { let mut r = cs.rp.clone(); r.t = cs.rp.t.mod_mul(&cs.rp.t, n).unwrap(); r };
    assert_fails(verify(&c, &cs.st(), &rp_t, &proof));
    let rp_n = { let mut r = cs.rp.clone(); r.n = ring_pedersen(2).public.n.clone(); r };
    assert_fails(verify(&c, &cs.st(), &rp_n, &proof));
}

#[test]
fn tampered_and_out_of_range_answers_fail() {
    let cs = case(random_x(), random_point(), L);
    let c = ctx(b"sid-log", 1);
    let proof = prove_case(&cs, b"sid-log", 1);
    let one = Nat::one();
    let check = |f: &dyn Fn(&mut PiLogProof)| {
        let mut bad = proof.clone();
        f(&mut bad);
        assert_fails(verify(&c, &cs.st(), &cs.rp, &bad));
    };
    check(&|p| p.s = p.s.add(&one));
    check(&|p| p.a = p.a.add(&one));
    check(&|p| p.d = p.d.add(&one));
    check(&|p| p.y = Secp256k1::encode_point(&(Secp256k1::decode_point(&p.y).unwrap() + Secp256k1::generator())));
    check(&|p| p.y = vec![0; 33]);
    check(&|p| p.y = vec![2; 32]);
    check(&|p| p.z1 = p.z1.add(&Int::from_i64(1)));
    check(&|p| p.z1 = p.z1.neg());
    check(&|p| p.z2 = p.z2.add(&one));
    check(&|p| p.z3 = p.z3.add(&Int::from_i64(1)));
    check(&|p| p.z3 = p.z3.neg());
    check(&|p| p.z1 = Int::from(pow2(2000)));
    check(&|p| p.z1 = Int::new(true, pow2(2000)));
    check(&|p| p.z1 = Int::from(pow2(L + EPS).add(&one)));
    check(&|p| p.z3 = Int::from(pow2(2000)));
    check(&|p| p.z3 = Int::from(pow2(100_000)));
    check(&|p| p.z2 = Nat::zero());
    check(&|p| p.a = cs.pk0.nn().clone());
    check(&|p| p.s = Nat::zero());
    check(&|p| p.d = cs.rp.n.clone());

    let mut bad = proof.clone();
    bad.z1 = Int::from(pow2(2000));
    assert!(verify(&c, &cs.st(), &cs.rp, &bad).unwrap_err().detail().contains("z1 out of range"));
}

/// `X = x'·g` with `x'` not the plaintext of `C`: neither witness makes a
/// valid proof (the prover can satisfy the Paillier equation or the group
/// equation, not both).
#[test]
fn point_not_matching_the_ciphertext_fails() {
    let mut cs = case(random_x(), random_point(), L);
    let x_other = random_x();
    cs.x_point = Secp256k1::mul(&cs.g, &x_other.to_scalar().unwrap());
    let c = ctx(b"sid-log", 5);
    // Witness = the plaintext of C.
    let proof = prove(&c, &cs.st(), &cs.rp, &cs.x, &cs.rho, &mut OsRng).unwrap();
    assert!(verify(&c, &cs.st(), &cs.rp, &proof).unwrap_err().detail().contains("z1·g"));
    // Witness = the discrete log of X.
    let proof = prove(&c, &cs.st(), &cs.rp, &x_other, &cs.rho, &mut OsRng).unwrap();
    assert_fails(verify(&c, &cs.st(), &cs.rp, &proof));
    // x' ≡ x (mod q) but x' ≠ x as integers: X matches, C does not.
    let shifted = cs.x.add(&Int::from(sigil_ecdsa::int::order()));
    let mut cs2 = case(cs.x.clone(), cs.g, L);
    cs2.x = shifted;
    let proof = prove_case(&cs2, b"sid-log", 5);
    assert_fails(verify(&c, &cs2.st(), &cs2.rp, &proof));
}

/// `X = x·g`, but the proof is made (honestly) for another base `g'`, or
/// verified against another base: fails.
#[test]
fn another_base_fails() {
    let cs = case(random_x(), random_point(), L);
    let c = ctx(b"sid-log", 6);
    let g2 = random_point();
    // The prover claims base g2 for the same X.
    let st2 = PiLogStatement { g: &g2, ..cs.st() };
    let proof = prove(&c, &st2, &cs.rp, &cs.x, &cs.rho, &mut OsRng).unwrap();
    assert_fails(verify(&c, &st2, &cs.rp, &proof));
    // An honest proof for g is not a proof for the generator.
    let proof = prove_case(&cs, b"sid-log", 6);
    verify(&c, &cs.st(), &cs.rp, &proof).unwrap();
    let gen = Secp256k1::generator();
    assert_fails(verify(&c, &PiLogStatement { g: &gen, ..cs.st() }, &cs.rp, &proof));
}

/// TSSHOCK (Verichains, Black Hat USA 2023) "c-guess": a proof whose
/// challenge the prover picked (here `e = 0` and `e = 1`) and whose answers
/// are built to fit it (the honest-verifier simulator) fails under the
/// transcript challenge. The statement here is false: `X` is unrelated to `C`.
#[test]
fn tsshock_c_guess_fails() {
    let mut cs = case(Int::from(pow2(1000)), random_point(), L);
    cs.x_point = random_point();
    let c = ctx(b"sid-log", 7);
    let (n0, nn0, rp) = (cs.pk0.n(), cs.pk0.nn(), &cs.rp);
    for e_guess in [Int::zero(), Int::from_i64(1), Int::from_i64(-1)] {
        let z1 = Int::from(random_below(&pow2(L + EPS), &mut OsRng).unwrap());
        let z2 = random_unit(n0, &mut OsRng).unwrap();
        let z3 = Int::from(random_below(&pow2(L + EPS).mul(&rp.n), &mut OsRng).unwrap());
        let s = rp.commit_vartime(&Int::from(pow2(1000)), &Int::from_i64(3)).unwrap();
        let enc = Nat::one().add(&z1.rem_euclid(n0).unwrap().mul(n0)).mod_mul(&z2.pow_mod_vartime(n0, nn0).unwrap(), nn0).unwrap();
        let a = enc.mod_mul(&e_guess.neg().pow_mod_vartime(cs.st().c, nn0).unwrap(), nn0).unwrap();
        let y = Secp256k1::mul(&cs.g, &z1.to_scalar().unwrap()) - Secp256k1::mul(&cs.x_point, &e_guess.to_scalar().unwrap());
        let d = rp.commit_vartime(&z1, &z3).unwrap().mod_mul(&e_guess.neg().pow_mod_vartime(&s, &rp.n).unwrap(), &rp.n).unwrap();
        // Sanity: valid for its own challenge.
        assert_eq!(Secp256k1::mul(&cs.g, &z1.to_scalar().unwrap()), y + Secp256k1::mul(&cs.x_point, &e_guess.to_scalar().unwrap()));
        assert_eq!(enc, a.mod_mul(&e_guess.pow_mod_vartime(cs.st().c, nn0).unwrap(), nn0).unwrap());
        let forged = PiLogProof { s, a, y: Secp256k1::encode_point(&y), d, z1, z2, z3 };
        assert_fails(verify(&c, &cs.st(), rp, &forged));
    }
}

#[test]
fn timings() {
    let cs = case(random_x(), random_point(), L);
    let c = ctx(b"sid-log", 1);
    let runs = 5u32;
    let t = Instant::now();
    let proofs: Vec<_> = (0..runs).map(|_| prove_case(&cs, b"sid-log", 1)).collect();
    let prove_time = t.elapsed() / runs;
    let t = Instant::now();
    for p in &proofs {
        verify(&c, &cs.st(), &cs.rp, p).unwrap();
    }
    let verify_time = t.elapsed() / runs;
    let size = postcard::to_allocvec(&proofs[0]).unwrap().len();
    println!("Πlog* prove: {prove_time:?}, verify: {verify_time:?}, proof {size} bytes (mean of {runs})");
}
