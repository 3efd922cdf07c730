//! Πfac: completeness, binding to context, statement and the verifier's
//! ring-Pedersen parameters, tampering, ranges, and the BitForge moduli with
//! small factors it must reject.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{ctx, paillier, primes, ring_pedersen};
use sigil_ecdsa::int::Int;
use sigil_ecdsa::zk::pi_fac::{prove, prove_with_factors, range_bits, verify, PiFacProof};
use sigil_ecdsa::zk::ring_pedersen::RingPedersen;
use sigil_math::bigint::Nat;
use sigil_math::rng::OsRng;
use sigil_math::Code;

/// Prover 1 owns Paillier key 0; the verifier's ring-Pedersen parameters are on key 1.
fn setup() -> (Nat, RingPedersen, PiFacProof) {
    let sk = paillier(0);
    let rp = ring_pedersen(1).public.clone();
    let proof = prove(&ctx(b"sid", 1), &sk, &rp, &mut OsRng).unwrap();
    (sk.public_key().n().clone(), rp, proof)
}

fn check_fails(n0: &Nat, rp: &RingPedersen, proof: &PiFacProof, what: &str) -> String {
    let err = verify(&ctx(b"sid", 1), n0, rp, proof).expect_err(what);
    assert_eq!(err.code(), Code::ProofFailed, "{what}: {}", err.detail());
    err.detail().to_string()
}

#[test]
fn honest_proof_verifies_round_trips_and_is_bound_to_its_context() {
    let (n0, rp, proof) = setup();
    verify(&ctx(b"sid", 1), &n0, &rp, &proof).unwrap();
    let bytes = postcard::to_allocvec(&proof).unwrap();
    let decoded: PiFacProof = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(decoded, proof);
    verify(&ctx(b"sid", 1), &n0, &rp, &decoded).unwrap();
    assert_eq!(verify(&ctx(b"sid", 2), &n0, &rp, &proof).unwrap_err().code(), Code::ProofFailed);
    assert_eq!(verify(&ctx(b"sid-2", 1), &n0, &rp, &proof).unwrap_err().code(), Code::ProofFailed);
}

#[test]
fn bound_to_the_statement_and_the_verifiers_parameters() {
    let (n0, rp, proof) = setup();
    // Another modulus.
    check_fails(paillier(2).public_key().n(), &rp, &proof, "other N0");
    check_fails(&n0.add(&Nat::from_u64(2)), &rp, &proof, "N0 + 2");
    // Another verifier's parameters (the proof was made for verifier 1's).
    check_fails(&n0, &ring_pedersen(2).public, &proof, "other verifier");
    // Fresh parameters on the same modulus N̂.
    check_fails(&n0, &ring_pedersen(1).public, &proof, "fresh s, t on the same N̂");
    let mut bad = rp.clone();
    bad.s = bad.s.mod_mul(&bad.t, &bad.n).unwrap();
    check_fails(&n0, &bad, &proof, "s changed");
    let mut bad = rp.clone();
    bad.t = bad.t.mod_mul(&bad.t, &bad.n).unwrap();
    check_fails(&n0, &bad, &proof, "t changed");
    let mut bad = rp.clone();
    core::mem::swap(&mut bad.s, &mut bad.t);
    check_fails(&n0, &bad, &proof, "s, t swapped");
    // A different N̂ is caught too (an invalid one by `validate` as the verifier's own error).
    let mut bad = rp.clone();
    bad.n = bad.n.add(&Nat::from_u64(2));
    assert!(verify(&ctx(b"sid", 1), &n0, &bad, &proof).is_err());
    bad.n = Nat::from_u64(2);
    assert_ne!(verify(&ctx(b"sid", 1), &n0, &bad, &proof).unwrap_err().code(), Code::ProofFailed);
}

#[test]
fn tampered_fields_fail() {
    let (n0, rp, proof) = setup();
    let n = &rp.n;
    let bump = |x: &Nat| x.mod_mul(&rp.t, n).unwrap();
    let one = Int::from(Nat::one());
    type Tamper<'a> = Box<dyn Fn(&mut PiFacProof) + 'a>;
    let cases: Vec<(&str, Tamper)> = vec![
        ("P", Box::new(|p| p.p_commit = bump(&p.p_commit))),
        ("Q", Box::new(|p| p.q_commit = bump(&p.q_commit))),
        ("A", Box::new(|p| p.a = bump(&p.a))),
        ("B", Box::new(|p| p.b = bump(&p.b))),
        ("T", Box::new(|p| p.t = bump(&p.t))),
        ("σ", Box::new(|p| p.sigma = p.sigma.add(&Nat::one()))),
        ("z1", Box::new(|p| p.z1 = p.z1.add(&one))),
        ("z2", Box::new(|p| p.z2 = p.z2.sub(&one))),
        ("w1", Box::new(|p| p.w1 = p.w1.add(&one))),
        ("w2", Box::new(|p| p.w2 = p.w2.add(&one))),
        ("v", Box::new(|p| p.v = p.v.add(&one))),
        ("−z1", Box::new(|p| p.z1 = p.z1.neg())),
        ("P = 0", Box::new(|p| p.p_commit = Nat::zero())),
        ("T = N̂", Box::new(|p| p.t = n.clone())),
        ("A = A + N̂", Box::new(|p| p.a = p.a.add(n))),
    ];
    for (what, tamper) in cases {
        let mut bad = proof.clone();
        tamper(&mut bad);
        check_fails(&n0, &rp, &bad, what);
    }
}

#[test]
fn out_of_range_answers_fail() {
    let (n0, rp, proof) = setup();
    let big = Int::from(Nat::one().shl(2000));
    let mut bad = proof.clone();
    bad.z1 = big.clone();
    assert_eq!(check_fails(&n0, &rp, &bad, "z1 = 2^2000"), "Πfac: z1 out of range");
    let mut bad = proof.clone();
    bad.z2 = big.neg();
    assert_eq!(check_fails(&n0, &rp, &bad, "z2 = −2^2000"), "Πfac: z2 out of range");
    // Just past the bound, and just inside it (then the equations fail instead).
    let bits = range_bits(&n0);
    let mut bad = proof.clone();
    bad.z1 = Int::from(Nat::one().shl(bits).add(&Nat::one()));
    assert_eq!(check_fails(&n0, &rp, &bad, "z1 = 2^bits + 1"), "Πfac: z1 out of range");
    bad.z1 = Int::from(Nat::one().shl(bits));
    assert!(check_fails(&n0, &rp, &bad, "z1 = 2^bits").contains("≠"));
}

#[test]
fn prover_needs_the_factorization() {
    let sk = paillier(0);
    let rp = ring_pedersen(1).public.clone();
    let n0 = sk.public_key().n();
    let err = prove_with_factors(&ctx(b"sid", 1), n0, sk.p(), &sk.p().clone(), &rp, &mut OsRng).unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    // With the factors given directly the proof is the usual one.
    let proof = prove_with_factors(&ctx(b"sid", 1), n0, sk.q(), sk.p(), &rp, &mut OsRng).unwrap();
    verify(&ctx(b"sid", 1), n0, &rp, &proof).unwrap();
}

/// BitForge (Fireblocks, "Practical Key-Extraction Attacks in Leading MPC
/// Wallets", 2023; CVE-2023-33241): a malicious party publishes a Paillier
/// modulus with small factors, `N0 = 3·M` or `N0 = (p1·…·p16)·M` with small
/// primes `p_i`, and then extracts the other parties' shares through the
/// MtA responses modulo each small factor. Πfac must reject such a modulus:
/// an honest-looking proof made from the small-factor split has an answer
/// `z = mask + e·(large factor)` far beyond `±2^{ℓ+ε}·√N0`.
#[test]
fn bitforge_moduli_with_small_factors_fail() {
    let rp = ring_pedersen(1).public.clone();
    let big = paillier(0).public_key().n().clone(); // a 2048-bit M
    let ps = primes();

    // N0 = 3·M.
    let three = Nat::from_u64(3);
    let n0 = three.mul(&big);
    let proof = prove_with_factors(&ctx(b"sid", 1), &n0, &three, &big, &rp, &mut OsRng).unwrap();
    assert_eq!(check_fails(&n0, &rp, &proof, "N0 = 3·M"), "Πfac: z2 out of range");
    let proof = prove_with_factors(&ctx(b"sid", 1), &n0, &big, &three, &rp, &mut OsRng).unwrap();
    assert_eq!(check_fails(&n0, &rp, &proof, "N0 = M·3"), "Πfac: z1 out of range");

    // N0 = (product of the 16 odd primes 3..59)·M, with M of 1024 + 1024 − 70 bits so
    // that N0 has the size of an honest 2048-bit key.
    let small =
        [3u64, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59].iter().fold(Nat::one(), |acc, p| acc.mul(&Nat::from_u64(*p)));
    let m = ps[0].mul(&ps[1].shr(small.bits()));
    let n0 = small.mul(&m);
    assert!(n0.bits() >= 2040, "{}", n0.bits());
    let proof = prove_with_factors(&ctx(b"sid", 1), &n0, &small, &m, &rp, &mut OsRng).unwrap();
    assert_eq!(check_fails(&n0, &rp, &proof, "N0 = Πp_i·M"), "Πfac: z2 out of range");

    // A 128-bit factor, far below the ≈ 2^255 that Πfac guarantees for a 2048-bit N0.
    let p = Nat::from_u64(0xffff_ffff_ffff_ffc5).mul(&Nat::from_u64(0xffff_ffff_ffff_ff43));
    let m = ps[2].mul(&ps[3].shr(p.bits()));
    let n0 = p.mul(&m);
    let proof = prove_with_factors(&ctx(b"sid", 1), &n0, &p, &m, &rp, &mut OsRng).unwrap();
    assert_eq!(check_fails(&n0, &rp, &proof, "128-bit factor"), "Πfac: z2 out of range");
}

/// Prove and verify times (printed with `--nocapture`, not asserted).
#[test]
fn timings() {
    let sk = paillier(0);
    let rp = ring_pedersen(1).public.clone();
    let start = std::time::Instant::now();
    let proof = prove(&ctx(b"sid", 1), &sk, &rp, &mut OsRng).unwrap();
    let proved = start.elapsed();
    let start = std::time::Instant::now();
    verify(&ctx(b"sid", 1), sk.public_key().n(), &rp, &proof).unwrap();
    println!("Πfac: prove {proved:?}, verify {:?}", start.elapsed());
}
