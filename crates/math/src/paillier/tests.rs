//! Paillier tests on fixture primes (test/fixtures/safe-primes.json).

use super::*;
use crate::bigint::Nat;
use crate::error::Code;
use crate::rng::OsRng;

/// The cached 1024-bit safe primes.
pub(crate) fn fixture_primes() -> Vec<Nat> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test/fixtures/safe-primes.json");
    let text = std::fs::read_to_string(path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["primes"].as_array().unwrap().iter().map(|h| Nat::from_be_bytes(&hex::decode(h.as_str().unwrap()).unwrap())).collect()
}

fn key() -> SecretKey {
    let ps = fixture_primes();
    SecretKey::from_primes(ps[0].clone(), ps[1].clone()).unwrap()
}

#[test]
fn roundtrip_and_homomorphism() {
    let sk = key();
    let pk = sk.public_key();
    assert_eq!(pk.n().bits(), 2048);
    let a = Nat::from_u64(123_456_789);
    let b = Nat::from_u64(987_654_321);
    let (ca, _) = pk.encrypt(&a, &mut OsRng).unwrap();
    let (cb, _) = pk.encrypt(&b, &mut OsRng).unwrap();
    assert_eq!(sk.decrypt(&ca).unwrap(), a);
    assert_eq!(sk.decrypt(&pk.add(&ca, &cb).unwrap()).unwrap(), a.add(&b));
    assert_eq!(sk.decrypt(&pk.mul_scalar_vartime(&ca, &Nat::from_u64(7)).unwrap()).unwrap(), a.mul(&Nat::from_u64(7)));
    assert_eq!(sk.decrypt(&pk.mul_scalar_ct(&ca, &Nat::from_u64(7)).unwrap()).unwrap(), a.mul(&Nat::from_u64(7)));
    let neg = pk.encode_signed(true, &Nat::from_u64(5)).unwrap();
    let (cn, _) = pk.encrypt(&neg, &mut OsRng).unwrap();
    assert_eq!(sk.decrypt_signed(&cn).unwrap(), (true, Nat::from_u64(5)));
}

#[test]
fn blobs_roundtrip_and_reject_tampering() {
    let sk = key();
    let blob = sk.to_bytes().unwrap();
    let back = SecretKey::from_bytes(&blob).unwrap();
    assert_eq!(back.public_key(), sk.public_key());
    let mut bad = blob.clone();
    bad[0] = 9;
    assert_eq!(SecretKey::from_bytes(&bad).unwrap_err().code(), Code::UnsupportedVersion);
    assert_eq!(SecretKey::from_bytes(&blob[..1]).unwrap_err().code(), Code::Malformed);
    assert_eq!(SecretKey::from_bytes(&blob[..40]).unwrap_err().code(), Code::Malformed);
    assert!(!format!("{sk:?}").contains(&hex::encode(sk.p().to_be_bytes())));
}

#[test]
fn weak_keys_are_rejected() {
    let ps = fixture_primes();
    let p = ps[0].clone();
    assert_eq!(SecretKey::from_primes(p.clone(), p.clone()).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(SecretKey::from_primes(Nat::from_u64(1019), Nat::from_u64(1187)).unwrap_err().code(), Code::InvalidModulus);
    let not_safe = ps[1].add(&Nat::from_u64(2));
    assert_eq!(SecretKey::from_primes(p.clone(), not_safe).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(PublicKey::from_n(Nat::from_u64(15)).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(SecretKey::generate(1024, &mut OsRng).unwrap_err().code(), Code::InvalidModulus);
}

#[test]
fn invalid_ciphertexts_are_rejected() {
    let sk = key();
    let pk = sk.public_key();
    for c in [Nat::zero(), pk.nn().clone(), sk.p().clone()] {
        assert_eq!(pk.validate_ciphertext(&c).unwrap_err().code(), Code::InvalidCiphertext);
        assert_eq!(sk.decrypt(&c).unwrap_err().code(), Code::InvalidCiphertext);
    }
    assert_eq!(pk.encrypt(pk.n(), &mut OsRng).unwrap_err().code(), Code::InvalidArgument);
    assert!(pk.encrypt_with_nonce(&Nat::one(), &Nat::zero()).is_err());
}
