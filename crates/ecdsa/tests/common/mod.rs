//! Fixtures shared by the integration tests: Paillier keys and ring-Pedersen
//! parameters on the cached safe primes (test/fixtures/safe-primes.json).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use sigil_ecdsa::zk::ring_pedersen::{RingPedersen, RingPedersenSecret};
use sigil_ecdsa::zk::ProofContext;
use sigil_math::bigint::Nat;
use sigil_math::paillier::SecretKey;
use sigil_math::rng::OsRng;

/// The cached 1024-bit safe primes.
pub fn primes() -> Vec<Nat> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test/fixtures/safe-primes.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["primes"].as_array().unwrap().iter().map(|h| Nat::from_be_bytes(&hex::decode(h.as_str().unwrap()).unwrap())).collect()
}

/// Paillier key number `i` (0 ≤ i < 9), from primes `2i` and `2i + 1`.
pub fn paillier(i: usize) -> SecretKey {
    let p = primes();
    SecretKey::from_primes(p[2 * i].clone(), p[2 * i + 1].clone()).unwrap()
}

/// Fresh ring-Pedersen parameters on Paillier key `i`.
pub fn ring_pedersen(i: usize) -> RingPedersenSecret {
    RingPedersen::generate(&paillier(i), &mut OsRng).unwrap()
}

/// A proof context.
pub fn ctx(sid: &[u8], prover: u16) -> ProofContext {
    ProofContext { sid: sid.to_vec(), prover }
}

pub mod sim;
