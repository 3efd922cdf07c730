//! Ring-Pedersen parameters: the owner's trapdoor path computes exactly the
//! public commitment, refuses a wrong λ or key, and never travels.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use sigil_ecdsa::int::Int;
use sigil_ecdsa::zk::ring_pedersen::RingPedersen;
use sigil_math::bigint::Nat;
use sigil_math::rng::OsRng;

#[test]
fn owner_commitments_equal_public_ones() {
    let sk = common::paillier(0);
    let rps = RingPedersen::generate(&sk, &mut OsRng).unwrap();
    let public = rps.public.clone();
    let owned = public.clone().with_owner(&sk, &rps.lambda).unwrap();
    assert_eq!(owned, public, "the trapdoor is not part of equality");
    for (x, y) in [(5i64, 7i64), (-5, 7), (5, -7), (-123_456, -1), (0, 0)] {
        let (x, y) = (Int::from_i64(x).mul_nat(&Nat::one().shl(700)), Int::from_i64(y).mul_nat(&Nat::one().shl(2800)));
        assert_eq!(owned.commit_vartime(&x, &y).unwrap(), public.commit_vartime(&x, &y).unwrap());
    }
    let bytes = postcard::to_allocvec(&owned).unwrap();
    assert_eq!(bytes, postcard::to_allocvec(&public).unwrap(), "the trapdoor is never serialized");
}

#[test]
fn a_wrong_trapdoor_is_refused() {
    let sk = common::paillier(0);
    let rps = RingPedersen::generate(&sk, &mut OsRng).unwrap();
    assert!(rps.public.clone().with_owner(&sk, &rps.lambda.add(&Nat::one())).is_err());
    assert!(rps.public.clone().with_owner(&common::paillier(1), &rps.lambda).is_err());
}

#[test]
fn timings() {
    let sk = common::paillier(0);
    let rps = RingPedersen::generate(&sk, &mut OsRng).unwrap();
    let owned = rps.public.clone().with_owner(&sk, &rps.lambda).unwrap();
    let (x, y) = (Int::from(Nat::one().shl(768).sub(&Nat::from_u64(12345)).unwrap()), Int::from(Nat::one().shl(2816).sub(&Nat::from_u64(99)).unwrap()).neg());
    for (name, rp) in [("public", &rps.public), ("owner", &owned)] {
        let t0 = std::time::Instant::now();
        for _ in 0..20 {
            rp.commit_vartime(&x, &y).unwrap();
        }
        println!("ring-Pedersen commitment check, {name}: {:?} each", t0.elapsed() / 20);
    }
}
