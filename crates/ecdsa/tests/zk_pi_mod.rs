//! Πmod: completeness, binding to session and prover, tampering, and the
//! moduli it must reject (even, prime, not the proven N, more factors).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use sigil_ecdsa::zk::pi_mod::{prove, verify};
use sigil_ecdsa::zk::ProofContext;
use sigil_math::bigint::Nat;
use sigil_math::paillier::SecretKey;
use sigil_math::rng::OsRng;
use sigil_math::Code;

fn fixture_key() -> SecretKey {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test/fixtures/safe-primes.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let p = |i: usize| Nat::from_be_bytes(&hex::decode(json["primes"][i].as_str().unwrap()).unwrap());
    SecretKey::from_primes(p(2), p(3)).unwrap()
}

fn ctx(prover: u16) -> ProofContext {
    ProofContext { sid: b"session-1".to_vec(), prover }
}

#[test]
fn honest_proof_verifies_and_is_bound_to_its_context() {
    let sk = fixture_key();
    let n = sk.public_key().n().clone();
    let proof = prove(&ctx(1), &sk, &mut OsRng).unwrap();
    verify(&ctx(1), &n, &proof).unwrap();
    assert_eq!(verify(&ctx(2), &n, &proof).unwrap_err().code(), Code::ProofFailed);
    let other = ProofContext { sid: b"session-2".to_vec(), prover: 1 };
    assert_eq!(verify(&other, &n, &proof).unwrap_err().code(), Code::ProofFailed);
    // Round-trips through its serialized form.
    let bytes = postcard::to_allocvec(&proof).unwrap();
    verify(&ctx(1), &n, &postcard::from_bytes(&bytes).unwrap()).unwrap();
}

#[test]
fn tampered_proofs_fail() {
    let sk = fixture_key();
    let n = sk.public_key().n().clone();
    let proof = prove(&ctx(1), &sk, &mut OsRng).unwrap();
    let mut bad = proof.clone();
    bad.items[7].z = bad.items[7].z.add(&Nat::one());
    assert!(verify(&ctx(1), &n, &bad).is_err());
    let mut bad = proof.clone();
    bad.items[3].a = !bad.items[3].a;
    assert!(verify(&ctx(1), &n, &bad).is_err());
    let mut bad = proof.clone();
    bad.items.pop();
    assert!(verify(&ctx(1), &n, &bad).is_err());
    let mut bad = proof;
    bad.w = Nat::one();
    assert!(verify(&ctx(1), &n, &bad).is_err());
}

#[test]
fn bad_moduli_are_rejected() {
    let sk = fixture_key();
    let n = sk.public_key().n().clone();
    let proof = prove(&ctx(1), &sk, &mut OsRng).unwrap();
    // BitForge (CVE-2023-33241) keys carry extra small factors: N·3 is not the proven modulus.
    assert!(verify(&ctx(1), &n.mul(&Nat::from_u64(3)), &proof).is_err());
    // Even and prime moduli are refused outright.
    assert!(verify(&ctx(1), &n.add(&Nat::one()), &proof).is_err());
    let prime = sk.p().clone();
    assert!(verify(&ctx(1), &prime, &proof).is_err());
}

/// Prove and verify times (printed with `--nocapture`, not asserted).
#[test]
fn timings() {
    let sk = fixture_key();
    let n = sk.public_key().n().clone();
    let start = std::time::Instant::now();
    let proof = prove(&ctx(1), &sk, &mut OsRng).unwrap();
    let proved = start.elapsed();
    let start = std::time::Instant::now();
    verify(&ctx(1), &n, &proof).unwrap();
    println!("Πmod: prove {proved:?}, verify {:?}", start.elapsed());
}
