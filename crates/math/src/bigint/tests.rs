//! Known-answer and property tests, identical on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use super::prime::{is_probable_prime, is_safe_prime, safe_prime};
use super::*;
use crate::rng::OsRng;

fn n(hex: &str) -> Nat {
    Nat::from_be_bytes(&hex::decode(hex).unwrap())
}

/// Known answers computed with Python integers (test/fixtures/paillier-kat.py).
pub(crate) fn kat() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test/fixtures/paillier-kat.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub(crate) fn hex_nat(v: &serde_json::Value) -> Nat {
    n(v.as_str().unwrap())
}

#[test]
fn known_answers_from_python() {
    let kat = kat();
    let vectors = kat["bigint"].as_array().unwrap();
    assert_eq!(vectors.len(), 5);
    for v in vectors {
        let (b, e, m, a) = (hex_nat(&v["base"]), hex_nat(&v["exp"]), hex_nat(&v["modulus"]), hex_nat(&v["a"]));
        let want = hex_nat(&v["pow"]);
        assert_eq!(b.pow_mod_vartime(&e, &m).unwrap(), want, "{BACKEND} vartime {}", m.bits());
        if m.is_odd() {
            assert_eq!(b.pow_mod_ct(&e, &m).unwrap(), want, "{BACKEND} ct {}", m.bits());
            assert_eq!(i64::from(a.jacobi(&m).unwrap()), v["jacobi"].as_i64().unwrap());
        }
        assert_eq!(a.gcd(&m), hex_nat(&v["gcd"]));
        match v["inv"].as_str() {
            Some(h) => assert_eq!(a.inv_mod(&m).unwrap(), n(h)),
            None => assert_eq!(a.inv_mod(&m).unwrap_err().code(), Code::NotInvertible),
        }
        assert_eq!(Nat::from_be_bytes(&b.to_be_bytes()), b);
    }
}

#[test]
fn arithmetic_identities() {
    let a = n("0123456789abcdef0123456789abcdef0123456789abcdef");
    let b = n("fedcba9876543210");
    let m = n("f0000000000000000000000000000061");
    let (q, r) = a.div_rem(&b).unwrap();
    assert_eq!(q.mul(&b).add(&r), a);
    assert!(r < b);
    assert_eq!(a.rem(&b).unwrap(), r);
    assert_eq!(a.mod_add(&b, &m).unwrap(), a.add(&b).rem(&m).unwrap());
    assert_eq!(a.mod_sub(&b, &m).unwrap().mod_add(&b, &m).unwrap(), a.rem(&m).unwrap());
    assert_eq!(b.mod_sub(&a, &m).unwrap().mod_add(&a, &m).unwrap(), b.rem(&m).unwrap());
    assert_eq!(a.mod_neg(&m).unwrap().mod_add(&a, &m).unwrap(), Nat::zero());
    assert_eq!(Nat::zero().mod_neg(&m).unwrap(), Nat::zero());
    assert_eq!(a.mod_mul(&b, &m).unwrap(), a.mul(&b).rem(&m).unwrap());
    assert_eq!(a.shl(77).shr(77), a);
    assert_eq!(a.shr(1000), Nat::zero());
    assert_eq!(a.sub(&a).unwrap(), Nat::zero());
    assert_eq!(Nat::from_u64(u64::MAX).to_be_bytes(), vec![0xff; 8]);
    assert!(Nat::one().is_odd() && !Nat::zero().is_odd() && Nat::zero().is_zero());
    assert_eq!(Nat::zero().bits(), 0);
    assert_eq!(Nat::from_be_bytes(&[]), Nat::zero());
    assert_eq!(Nat::from_be_bytes(&[0, 0, 0]).to_be_bytes(), Vec::<u8>::new());
    assert_eq!(Nat::zero().to_be_bytes_padded(3).unwrap(), vec![0, 0, 0]);
    assert!(Nat::from_u64(2) > Nat::one() && Nat::one() < Nat::from_u64(2));
}

#[test]
fn modular_errors_and_edges() {
    let zero = Nat::zero();
    let x = Nat::from_u64(10);
    for r in [x.rem(&zero), x.mod_add(&x, &zero), x.mod_sub(&x, &zero), x.mod_mul(&x, &zero), x.mod_neg(&zero)] {
        assert_eq!(r.unwrap_err().code(), Code::InvalidModulus);
    }
    assert_eq!(x.div_rem(&zero).unwrap_err().code(), Code::InvalidArgument);
    assert_eq!(x.inv_mod(&Nat::one()).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(zero.inv_mod(&Nat::from_u64(7)).unwrap_err().code(), Code::NotInvertible);
    assert_eq!(x.pow_mod_ct(&x, &Nat::one()).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(x.pow_mod_ct(&x, &zero).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(x.jacobi(&Nat::from_u64(8)).unwrap_err().code(), Code::InvalidModulus);
    // m = 1: everything is 0, including x^0.
    assert_eq!(x.pow_mod_vartime(&zero, &Nat::one()).unwrap(), zero);
    assert_eq!(x.pow_mod_vartime(&zero, &Nat::from_u64(7)).unwrap(), Nat::one());
    // A base above the modulus is reduced; a zero base gives zero.
    assert_eq!(Nat::from_u64(12).pow_mod_ct(&Nat::from_u64(3), &Nat::from_u64(7)).unwrap(), Nat::from_u64(6));
    assert_eq!(zero.pow_mod_ct(&Nat::from_u64(3), &Nat::from_u64(7)).unwrap(), zero);
    assert!(random_unit(&Nat::one(), &mut OsRng).is_err());
    assert_eq!(random_bits(0, &mut OsRng), zero);
}

#[test]
fn debug_never_prints_the_value() {
    let x = Nat::from_u64(0xdead_beef);
    assert_eq!(format!("{x:?}"), "Nat(<32 bits>)");
}

#[test]
fn known_answers() {
    // 3^(2^64+1) mod (2^127 − 1) — computed independently with Python's pow().
    let m = Nat::one().shl(127).sub(&Nat::one()).unwrap();
    let e = Nat::one().shl(64).add(&Nat::one());
    let want = Nat::from_u64(3).pow_mod_vartime(&e, &m).unwrap();
    assert_eq!(Nat::from_u64(3).pow_mod_ct(&e, &m).unwrap(), want);
    assert_eq!(hex::encode(want.to_be_bytes()), "76fd25a9707b6af461a41a22e8d89f1d");
    assert_eq!(Nat::from_u64(5).pow_mod_ct(&Nat::zero(), &Nat::from_u64(7)).unwrap(), Nat::one());
    assert_eq!(Nat::from_u64(84).gcd(&Nat::from_u64(36)), Nat::from_u64(12));
    let inv = Nat::from_u64(3).inv_mod(&Nat::from_u64(11)).unwrap();
    assert_eq!(inv, Nat::from_u64(4));
    assert_eq!(n("00ff").to_be_bytes(), vec![0xff]);
    assert!(Nat::zero().to_be_bytes().is_empty());
    assert_eq!(Nat::from_u64(258).to_be_bytes_padded(4).unwrap(), vec![0, 0, 1, 2]);
    assert!(Nat::from_u64(258).to_be_bytes_padded(1).is_err());
}

#[test]
fn errors() {
    assert_eq!(Nat::one().pow_mod_vartime(&Nat::one(), &Nat::zero()).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(Nat::one().pow_mod_ct(&Nat::one(), &Nat::from_u64(10)).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(Nat::from_u64(6).inv_mod(&Nat::from_u64(9)).unwrap_err().code(), Code::NotInvertible);
    assert!(Nat::one().sub(&Nat::from_u64(2)).is_err());
    assert!(random_below(&Nat::zero(), &mut OsRng).is_err());
}

#[test]
fn jacobi_matches_definition() {
    // (a/p) for p = 23 is the Legendre symbol: squares are 1.
    let p = Nat::from_u64(23);
    for a in 1..23u64 {
        let square = (1..23u64).any(|x| x * x % 23 == a);
        assert_eq!(Nat::from_u64(a).jacobi(&p).unwrap(), if square { 1 } else { -1 });
    }
    assert_eq!(Nat::from_u64(6).jacobi(&Nat::from_u64(9)).unwrap(), 0);
}

#[test]
fn primes() {
    for p in [2u64, 3, 5, 7919, 8191, 8209, 65537, 2_147_483_647] {
        assert!(is_probable_prime(&Nat::from_u64(p), &mut OsRng), "{p}");
    }
    for c in [0u64, 1, 4, 9, 8189 * 8191, 561, 41041, 825_265, 321_197_185, 2_147_483_649, 3_215_031_751] {
        assert!(!is_probable_prime(&Nat::from_u64(c), &mut OsRng), "{c}");
    }
    let m127 = Nat::one().shl(127).sub(&Nat::one()).unwrap();
    assert!(is_probable_prime(&m127, &mut OsRng));
    assert!(!is_probable_prime(&m127.mul(&Nat::from_u64(65537)), &mut OsRng));
}

#[test]
fn safe_primes_are_safe() {
    for bits in [16u32, 64, 256] {
        let p = safe_prime(bits, &mut OsRng).unwrap();
        assert_eq!(p.bits(), bits);
        assert!(p.bit(bits - 2), "top two bits set");
        assert_eq!(p.rem(&Nat::from_u64(4)).unwrap(), Nat::from_u64(3));
        assert!(is_safe_prime(&p, &mut OsRng));
    }
    assert!(safe_prime(8, &mut OsRng).is_err());
}

#[test]
fn random_below_is_in_range() {
    let bound = Nat::from_u64(1000);
    for _ in 0..200 {
        assert!(random_below(&bound, &mut OsRng).unwrap() < bound);
    }
    let u = random_unit(&Nat::from_u64(15), &mut OsRng).unwrap();
    assert!(u.gcd(&Nat::from_u64(15)).is_one());
}

#[test]
fn serde_is_big_endian_bytes() {
    let x = Nat::from_u64(0x0102_0304);
    let enc = postcard::to_allocvec(&x).unwrap();
    assert_eq!(enc, vec![4, 1, 2, 3, 4]);
    assert_eq!(postcard::from_bytes::<Nat>(&enc).unwrap(), x);
}

/// Timing of 1024-bit safe-prime generation (median of `SIGIL_TIMING_RUNS`,
/// default 11): `cargo test -p sigil-math --release -- --ignored --nocapture safe_prime_1024_timing`.
#[test]
#[ignore]
fn safe_prime_1024_timing() {
    let runs: usize = std::env::var("SIGIL_TIMING_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(11);
    let mut secs: Vec<f64> = (0..runs)
        .map(|_| {
            let t = std::time::Instant::now();
            let p = safe_prime(1024, &mut OsRng).unwrap();
            assert_eq!(p.bits(), 1024);
            t.elapsed().as_secs_f64()
        })
        .collect();
    secs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mean = secs.iter().sum::<f64>() / runs as f64;
    println!("safe_prime(1024) on {BACKEND}: {runs} runs {secs:.2?} s, median {:.2} s, mean {mean:.2} s", secs[runs / 2]);
}

#[test]
fn fixture_primes_are_distinct_safe_primes() {
    let primes = crate::paillier::tests::fixture_primes();
    assert!(primes.len() >= 18);
    for (i, p) in primes.iter().enumerate() {
        assert_eq!(p.bits(), 1024);
        assert!(is_safe_prime(p, &mut OsRng), "fixture prime {i}");
        assert!(primes.iter().skip(i + 1).all(|q| q != p));
    }
}

mod props {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    fn u(v: u128) -> Nat {
        Nat::from_be_bytes(&v.to_be_bytes())
    }

    /// Reference modexp on u128 (modulus < 2^64, so products fit).
    fn pow_ref(mut b: u128, mut e: u128, m: u128) -> u128 {
        let mut acc = 1 % m;
        b %= m;
        while e > 0 {
            if e & 1 == 1 {
                acc = acc * b % m;
            }
            b = b * b % m;
            e >>= 1;
        }
        acc
    }

    proptest! {
        #[test]
        fn matches_u128_reference(a in any::<u64>(), b in any::<u64>(), e in any::<u64>(), m in 2u64..) {
            let (a128, b128, m128) = (u128::from(a), u128::from(b), u128::from(m));
            let (na, nb, nm) = (u(a128), u(b128), u(m128));
            prop_assert_eq!(na.add(&nb), u(a128 + b128));
            prop_assert_eq!(na.mul(&nb), u(a128 * b128));
            prop_assert_eq!(na.mod_mul(&nb, &nm).unwrap(), u(a128 * b128 % m128));
            prop_assert_eq!(na.mod_sub(&nb, &nm).unwrap(), u((a128 % m128 + m128 - b128 % m128) % m128));
            prop_assert_eq!(na.pow_mod_vartime(&u(u128::from(e)), &nm).unwrap(), u(pow_ref(a128, u128::from(e), m128)));
            if m % 2 == 1 {
                prop_assert_eq!(na.pow_mod_ct(&u(u128::from(e)), &nm).unwrap(), u(pow_ref(a128, u128::from(e), m128)));
            }
            let g = na.gcd(&nm);
            prop_assert!(na.rem(&g).unwrap().is_zero() && nm.rem(&g).unwrap().is_zero());
            match na.inv_mod(&nm) {
                Ok(inv) => prop_assert!(inv.mod_mul(&na, &nm).unwrap().is_one()),
                Err(err) => prop_assert!(err.code() == Code::NotInvertible && !g.is_one()),
            }
            prop_assert_eq!(Nat::from_be_bytes(&na.to_be_bytes()), na.clone());
            prop_assert_eq!(na.to_be_bytes().first() == Some(&0), false);
        }
    }
}
