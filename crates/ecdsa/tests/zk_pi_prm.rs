//! Πprm: completeness, binding to context and statement, tampering, and the
//! forgeries it must reject (s ∉ ⟨t⟩, TSSHOCK-style short proofs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{ctx, ring_pedersen};
use rand_core::RngCore;
use sigil_ecdsa::zk::params::M;
use sigil_ecdsa::zk::pi_prm::{prove, verify, PiPrmItem, PiPrmProof};
use sigil_ecdsa::zk::ring_pedersen::{RingPedersen, RingPedersenSecret};
use sigil_ecdsa::zk::transcript::Transcript;
use sigil_math::bigint::{random_below, Nat};
use sigil_math::rng::OsRng;
use sigil_math::Code;

fn assert_fails(rp: &RingPedersen, proof: &PiPrmProof, what: &str) {
    let err = verify(&ctx(b"sid", 1), rp, proof).expect_err(what);
    assert_eq!(err.code(), Code::ProofFailed, "{what}: {}", err.detail());
}

#[test]
fn honest_proof_verifies_round_trips_and_is_bound_to_its_context() {
    let secret = ring_pedersen(0);
    let rp = &secret.public;
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    assert_eq!(proof.items.len(), M);
    verify(&ctx(b"sid", 1), rp, &proof).unwrap();
    let bytes = postcard::to_allocvec(&proof).unwrap();
    let decoded: PiPrmProof = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(decoded, proof);
    verify(&ctx(b"sid", 1), rp, &decoded).unwrap();
    assert_eq!(verify(&ctx(b"sid", 2), rp, &proof).unwrap_err().code(), Code::ProofFailed);
    assert_eq!(verify(&ctx(b"other-sid", 1), rp, &proof).unwrap_err().code(), Code::ProofFailed);
}

#[test]
fn bound_to_the_statement() {
    let secret = ring_pedersen(0);
    let rp = &secret.public;
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    // Another party's parameters.
    assert_fails(&ring_pedersen(1).public, &proof, "other parameters");
    // Each element changed.
    let mut bad = rp.clone();
    bad.n = bad.n.add(&Nat::from_u64(2));
    assert_fails(&bad, &proof, "N̂ changed");
    let mut bad = rp.clone();
    bad.s = bad.s.mod_mul(&bad.t, &bad.n).unwrap();
    assert_fails(&bad, &proof, "s changed");
    let mut bad = rp.clone();
    bad.t = bad.t.mod_mul(&bad.t, &bad.n).unwrap();
    assert_fails(&bad, &proof, "t changed");
    let mut bad = rp.clone();
    core::mem::swap(&mut bad.s, &mut bad.t);
    assert_fails(&bad, &proof, "s and t swapped");
}

#[test]
fn tampered_and_out_of_range_answers_fail() {
    let secret = ring_pedersen(0);
    let rp = &secret.public;
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    let one = Nat::one();
    for i in [0, 41, M - 1] {
        let mut bad = proof.clone();
        bad.items[i].a = bad.items[i].a.mod_mul(&rp.t, &rp.n).unwrap();
        assert_fails(rp, &bad, "A tampered");
        let mut bad = proof.clone();
        bad.items[i].z = bad.items[i].z.add(&one);
        assert_fails(rp, &bad, "z tampered");
        // z + φ(N̂) satisfies the equation but is out of range.
        let mut bad = proof.clone();
        bad.items[i].z = bad.items[i].z.add(&secret.phi);
        if bad.items[i].z >= rp.n {
            assert_fails(rp, &bad, "z ≥ N̂");
        }
        let mut bad = proof.clone();
        bad.items[i].z = one.shl(2000);
        assert_fails(rp, &bad, "z = 2^2000");
        let mut bad = proof.clone();
        bad.items[i].z = one.shl(4000);
        assert_fails(rp, &bad, "z = 2^4000");
        for a in [Nat::zero(), rp.n.clone(), rp.n.add(&rp.t)] {
            let mut bad = proof.clone();
            bad.items[i].a = a;
            assert_fails(rp, &bad, "A not a unit below N̂");
        }
    }
    // More repetitions than M.
    let mut bad = proof.clone();
    bad.items.push(proof.items[0].clone());
    assert_fails(rp, &bad, "M + 1 items");
}

#[test]
fn malformed_parameters_fail() {
    let secret = ring_pedersen(0);
    let rp = &secret.public;
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    let mut bad = rp.clone();
    bad.s = bad.t.clone();
    assert_fails(&bad, &proof, "s = t");
    let mut bad = rp.clone();
    bad.t = Nat::one();
    assert_fails(&bad, &proof, "t = 1");
}

/// The trapdoor given with `φ(N̂)/2` (a multiple of the order of `t`, from
/// which no factorization follows): the prover falls back to plain
/// exponentiation mod N̂ and still convinces.
#[test]
fn prover_without_a_two_prime_factorization_falls_back() {
    let honest = ring_pedersen(0);
    let mut secret = honest.clone();
    secret.phi = honest.phi.shr(1);
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    verify(&ctx(b"sid", 1), &honest.public, &proof).unwrap();
}

/// Parameters with `s ∉ ⟨t⟩`: `s' = −t^λ` is not a square mod the Blum
/// modulus `N̂`, while `⟨t⟩` holds squares only, so no `λ'` has `s' = t^λ'`.
/// The honest prover with the old `λ` fails every round whose bit is 1.
#[test]
fn s_outside_the_group_of_t_fails() {
    let honest = ring_pedersen(0);
    let mut secret: RingPedersenSecret = honest.clone();
    secret.public.s = honest.public.n.sub(&honest.public.s).unwrap();
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    let err = verify(&ctx(b"sid", 1), &secret.public, &proof).unwrap_err();
    assert_eq!(err.code(), Code::ProofFailed);
    assert!(err.detail().contains("t^z ≠ A·s^e"), "{}", err.detail());

    // A random s (as a cheater would publish without any λ) likewise.
    let mut secret = honest.clone();
    secret.public.s = random_below(&honest.public.n, &mut OsRng).unwrap();
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    assert_fails(&secret.public, &proof, "random s");
}

/// TSSHOCK (Verichains, "TSSHOCK: Breaking MPC Wallets and Digital Custodians
/// for $BILLION$ Profit", Black Hat USA 2023): a binary-challenge proof with
/// too few repetitions is forgeable by guessing each challenge bit `g_i`
/// (commit `A_i = t^{z_i}·s^{−g_i}`, answer `z_i`) and grinding the
/// Fiat–Shamir hash until the derived bits equal the guesses, 2^k hash
/// evaluations for k repetitions. Here the forger knows no `λ` (`s ∉ ⟨t⟩`),
/// grinds k = 10 repetitions — whose challenge bits, under this transcript,
/// are the first 10 of the verifier's M — and sends them as the whole proof.
/// The forged repetitions are valid one by one (a verifier that zipped
/// challenges with whatever items arrived would accept); ours demands exactly
/// M items and rejects.
#[test]
fn tsshock_short_proof_with_ground_challenges_is_rejected() {
    const K: usize = 10;
    let honest = ring_pedersen(0);
    let mut rp = honest.public.clone();
    rp.s = rp.n.sub(&rp.s).unwrap(); // s ∉ ⟨t⟩: nobody knows a λ.
    let n = &rp.n;
    let s_inv = rp.s.inv_mod(n).unwrap();
    let mut zs: Vec<Nat> = (0..K).map(|_| random_below(n, &mut OsRng).unwrap()).collect();
    // Both possible commitments of each position, for guess 0 and guess 1.
    let mut options: Vec<[Nat; 2]> = zs
        .iter()
        .map(|z| {
            let a0 = rp.t.pow_mod_vartime(z, n).unwrap();
            let a1 = a0.mod_mul(&s_inv, n).unwrap();
            [a0, a1]
        })
        .collect();
    let mut tries = 0u32;
    let forged = loop {
        tries += 1;
        assert!(tries < 1 << 20, "grinding should take about 2^{K} tries");
        let guess = OsRng.next_u32();
        let pick = |i: usize| (guess >> i) & 1 == 1;
        let mut t = Transcript::new("pi-prm", b"sid", 1);
        t.append_nat(&rp.n);
        t.append_nat(&rp.s);
        t.append_nat(&rp.t);
        for (i, option) in options.iter().enumerate() {
            t.append_nat(&option[usize::from(pick(i))]);
        }
        let bits = t.challenge_bits(M);
        if (0..K).all(|i| bits[i] == pick(i)) {
            let items = (0..K).map(|i| PiPrmItem { a: options[i][usize::from(pick(i))].clone(), z: zs[i].clone() }).collect::<Vec<_>>();
            // Every forged repetition satisfies t^z = A·s^e for its bit.
            for (i, item) in items.iter().enumerate() {
                let rhs = if bits[i] { item.a.mod_mul(&rp.s, n).unwrap() } else { item.a.clone() };
                assert_eq!(rp.t.pow_mod_vartime(&item.z, n).unwrap(), rhs);
            }
            break PiPrmProof { items };
        }
        // Only 2^K guess vectors exist, so also move the commitments:
        // z_0 + 1 has commitments A_0·t (two multiplications, no exponentiation).
        zs[0] = zs[0].add(&Nat::one());
        for a in &mut options[0] {
            *a = a.mod_mul(&rp.t, n).unwrap();
        }
    };
    println!("TSSHOCK grind: {tries} tries for {K} repetitions");
    let err = verify(&ctx(b"sid", 1), &rp, &forged).unwrap_err();
    assert_eq!(err.code(), Code::ProofFailed);
    assert!(err.detail().contains("wrong number of repetitions"), "{}", err.detail());

    // Truncating an honest proof is rejected the same way.
    let mut proof = prove(&ctx(b"sid", 1), &honest, &mut OsRng).unwrap();
    proof.items.truncate(M - 1);
    assert_fails(&honest.public, &proof, "M − 1 items");
    proof.items.clear();
    assert_fails(&honest.public, &proof, "no items");
}

/// Prove and verify times (printed with `--nocapture`, not asserted).
#[test]
fn timings() {
    let secret = ring_pedersen(0);
    let start = std::time::Instant::now();
    let proof = prove(&ctx(b"sid", 1), &secret, &mut OsRng).unwrap();
    let proved = start.elapsed();
    let start = std::time::Instant::now();
    verify(&ctx(b"sid", 1), &secret.public, &proof).unwrap();
    let verified = start.elapsed();
    let mut plain = secret.clone();
    plain.phi = secret.phi.shr(1);
    let start = std::time::Instant::now();
    prove(&ctx(b"sid", 1), &plain, &mut OsRng).unwrap();
    println!("Πprm: prove {proved:?} (CRT; {:?} without), verify {verified:?}", start.elapsed());
}
