//! Known-answer and property tests, identical on both backends.

use super::prime::{is_probable_prime, is_safe_prime, safe_prime};
use super::*;
use crate::rng::OsRng;

fn n(hex: &str) -> Nat {
    Nat::from_be_bytes(&hex::decode(hex).unwrap())
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
    for p in [2u64, 3, 5, 7919, 65537, 2_147_483_647] {
        assert!(is_probable_prime(&Nat::from_u64(p), &mut OsRng), "{p}");
    }
    for c in [0u64, 1, 4, 561, 41041, 825_265, 321_197_185, 2_147_483_649] {
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
