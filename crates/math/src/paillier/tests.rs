//! Paillier tests on fixture primes (test/fixtures/safe-primes.json).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use super::*;
use crate::bigint::tests::hex_nat;
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

fn kat_keys() -> Vec<(SecretKey, serde_json::Value)> {
    let kat = crate::bigint::tests::kat();
    kat["paillier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (SecretKey::from_primes(hex_nat(&v["p"]), hex_nat(&v["q"])).unwrap(), v.clone()))
        .collect()
}

#[test]
fn known_answers_from_python() {
    for (sk, v) in kat_keys() {
        let pk = sk.public_key();
        let x = |name: &str| hex_nat(&v[name]);
        assert_eq!(*pk.n(), x("n"));
        assert_eq!(*pk.nn(), x("n").mul(&x("n")));
        assert_eq!(sk.phi().unwrap(), x("phi"));
        assert_eq!(sk.lambda().unwrap().shl(1), x("phi"));
        let c = pk.encrypt_with_nonce(&x("m"), &x("r")).unwrap();
        assert_eq!(c, x("c"));
        assert_eq!(sk.decrypt(&c).unwrap(), x("m"));
        assert_eq!(sk.decrypt_with_nonce(&c).unwrap(), (x("m"), x("r")));
        assert_eq!(pk.mul_scalar_vartime(&c, &x("k")).unwrap(), x("c_mul_k"));
        assert_eq!(pk.mul_scalar_ct(&c, &x("k")).unwrap(), x("c_mul_k"));
        assert_eq!(pk.mul_scalar(&c, &x("k")).unwrap(), x("c_mul_k"));
        assert_eq!(sk.decrypt(&x("c_mul_k")).unwrap(), x("m_mul_k"));
        assert_eq!(pk.add(&c, &x("c2")).unwrap(), x("c_add"));
        assert_eq!(sk.decrypt(&x("c_add")).unwrap(), x("m_add"));
        assert_eq!(sk.decrypt_with_nonce(&x("c2")).unwrap(), (x("m2"), x("r2")));
        let neg = x("neg_magnitude");
        assert_eq!(pk.encrypt_signed_with_nonce(true, &neg, &x("r2")).unwrap(), x("c_neg"));
        assert_eq!(sk.decrypt_signed(&x("c_neg")).unwrap(), (true, neg));
    }
}

#[test]
fn blob_formats_are_pinned() {
    let (sk, v) = kat_keys().remove(0);
    let pk = sk.public_key();
    let mut want = vec![1u8, 0x01];
    want.extend_from_slice(&hex::decode(v["n"].as_str().unwrap()).unwrap());
    assert_eq!(pk.to_bytes(), want);
    assert_eq!(PublicKey::from_bytes(&want).unwrap(), *pk);
    // [version 1, kind 2] ‖ postcard { p, q }: each a varint length (128 = 0x80 0x01) and bytes.
    let mut want_sk = vec![1u8, 0x02, 0x80, 0x01];
    want_sk.extend_from_slice(&hex::decode(v["p"].as_str().unwrap()).unwrap());
    want_sk.extend_from_slice(&[0x80, 0x01]);
    want_sk.extend_from_slice(&hex::decode(v["q"].as_str().unwrap()).unwrap());
    assert_eq!(sk.to_bytes().unwrap(), want_sk);
    assert_eq!(postcard::to_allocvec(pk).unwrap()[2..], want[2..]);
}

#[test]
fn public_key_blob_rejections() {
    let sk = key();
    let blob = sk.public_key().to_bytes();
    let code = |b: &[u8]| PublicKey::from_bytes(b).unwrap_err().code();
    assert_eq!(code(&[]), Code::Malformed);
    assert_eq!(code(&blob[..1]), Code::Malformed);
    let mut bad = blob.clone();
    bad[0] = 2;
    assert_eq!(code(&bad), Code::UnsupportedVersion);
    bad[0] = 1;
    bad[1] = 0x02;
    assert_eq!(code(&bad), Code::UnsupportedVersion);
    assert_eq!(code(&blob[..blob.len() - 1]), Code::InvalidModulus);
    let mut even = blob.clone();
    *even.last_mut().unwrap() &= 0xfe;
    assert_eq!(code(&even), Code::InvalidModulus);
    let mut huge = vec![1u8, 0x01];
    huge.extend(std::iter::repeat_n(0xffu8, crate::bigint::MAX_SERIALIZED_BYTES + 1));
    assert_eq!(code(&huge), Code::Malformed);
    // postcard path re-checks N too.
    let small = postcard::to_allocvec(&Nat::from_u64(15)).unwrap();
    assert!(postcard::from_bytes::<PublicKey>(&small).is_err());
}

#[test]
fn modulus_bounds() {
    // Smallest accepted N has exactly 2048 bits.
    let just = Nat::one().shl(2047).add(&Nat::one());
    assert!(PublicKey::from_n(just.clone()).is_ok());
    let below = Nat::one().shl(2047).sub(&Nat::one()).unwrap();
    assert_eq!(PublicKey::from_n(below).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(PublicKey::from_n(just.add(&Nat::one())).unwrap_err().code(), Code::InvalidModulus);
    assert_eq!(PublicKey::from_n(Nat::zero()).unwrap_err().code(), Code::InvalidModulus);
    for bits in [0u32, 2046, 2047, 2049, 8194] {
        assert_eq!(SecretKey::generate(bits, &mut OsRng).unwrap_err().code(), Code::InvalidModulus, "{bits}");
    }
}

#[test]
fn signed_plaintexts() {
    let sk = key();
    let pk = sk.public_key();
    let half = pk.n().shr(1);
    assert_eq!(pk.encode_signed(false, &half).unwrap_err().code(), Code::InvalidArgument);
    assert_eq!(pk.encrypt_signed(true, &half, &mut OsRng).unwrap_err().code(), Code::InvalidArgument);
    let top = half.sub(&Nat::one()).unwrap();
    for negative in [false, true] {
        let (c, r) = pk.encrypt_signed(negative, &top, &mut OsRng).unwrap();
        assert_eq!(sk.decrypt_signed(&c).unwrap(), (negative, top.clone()));
        assert_eq!(sk.decrypt_with_nonce(&c).unwrap().1, r);
    }
    // −0 is +0.
    let (c0, _) = pk.encrypt_signed(true, &Nat::zero(), &mut OsRng).unwrap();
    assert_eq!(sk.decrypt_signed(&c0).unwrap(), (false, Nat::zero()));
}

#[test]
fn nonce_and_ciphertext_rejections() {
    let sk = key();
    let pk = sk.public_key();
    let m = Nat::from_u64(5);
    for r in [Nat::zero(), pk.n().clone(), sk.p().clone(), pk.n().add(&Nat::one())] {
        assert_eq!(pk.encrypt_with_nonce(&m, &r).unwrap_err().code(), Code::InvalidArgument);
    }
    let (c, _) = pk.encrypt(&m, &mut OsRng).unwrap();
    let bad = sk.q().clone();
    assert_eq!(pk.add(&c, &bad).unwrap_err().code(), Code::InvalidCiphertext);
    assert_eq!(pk.add(&bad, &c).unwrap_err().code(), Code::InvalidCiphertext);
    assert_eq!(pk.mul_scalar(&bad, &m).unwrap_err().code(), Code::InvalidCiphertext);
    assert_eq!(pk.mul_scalar_vartime(&bad, &m).unwrap_err().code(), Code::InvalidCiphertext);
    assert_eq!(sk.decrypt_with_nonce(&pk.nn().add(&Nat::one())).unwrap_err().code(), Code::InvalidCiphertext);
    // k = 0 gives an encryption of 0 (with nonce 1).
    assert_eq!(pk.mul_scalar(&c, &Nat::zero()).unwrap(), Nat::one());
}

#[test]
fn primes_too_close_are_rejected() {
    // Two safe primes of 1024 bits closer than 2^924 cannot be found cheaply; check the
    // rule on the fixture pairs instead: all are far apart, so all are accepted.
    let ps = fixture_primes();
    for pair in ps.chunks(2) {
        assert!(SecretKey::from_primes(pair[0].clone(), pair[1].clone()).is_ok());
    }
}

#[test]
fn secrets_are_redacted() {
    let sk = key();
    let dbg = format!("{sk:?}");
    assert!(dbg.contains("<redacted>"));
    assert!(!dbg.contains(&hex::encode(sk.p().to_be_bytes())));
    assert!(!dbg.contains(&hex::encode(sk.q().to_be_bytes())));
}

/// Key generation on the compiled backend (slow on the pure backend): run with
/// `cargo test -p sigil-math --release -- --ignored generate_2048`.
#[test]
#[ignore]
fn generate_2048() {
    let sk = SecretKey::generate(2048, &mut OsRng).unwrap();
    assert_eq!(sk.public_key().n().bits(), 2048);
    let m = Nat::from_u64(77);
    let (c, r) = sk.public_key().encrypt(&m, &mut OsRng).unwrap();
    assert_eq!(sk.decrypt_with_nonce(&c).unwrap(), (m, r));
}

/// Per-op timing with a fixture 2048-bit key (median of 51):
/// `cargo test -p sigil-math --release -- --ignored --nocapture paillier_timing`.
#[test]
#[ignore]
fn paillier_timing() {
    fn median(mut f: impl FnMut()) -> f64 {
        let mut t: Vec<f64> = (0..51)
            .map(|_| {
                let s = std::time::Instant::now();
                f();
                s.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(|a, b| a.partial_cmp(b).unwrap());
        t[25]
    }
    let sk = key();
    let pk = sk.public_key().clone();
    let m = Nat::from_u64(42);
    let (c, _) = pk.encrypt(&m, &mut OsRng).unwrap();
    let k = crate::bigint::random_bits(256, &mut OsRng);
    let enc = median(|| drop(pk.encrypt(&m, &mut OsRng).unwrap()));
    let dec = median(|| drop(sk.decrypt(&c).unwrap()));
    let dec_r = median(|| drop(sk.decrypt_with_nonce(&c).unwrap()));
    let mul_ct = median(|| drop(pk.mul_scalar_ct(&c, &k).unwrap()));
    let mul_vt = median(|| drop(pk.mul_scalar_vartime(&c, &k).unwrap()));
    println!(
        "paillier 2048 on {}: encrypt {enc:.2} ms, decrypt {dec:.2} ms, decrypt_with_nonce {dec_r:.2} ms, mul_scalar_ct(256-bit k) {mul_ct:.2} ms, mul_scalar_vartime {mul_vt:.2} ms",
        crate::bigint::BACKEND
    );
}

#[test]
fn the_owners_copy_encrypts_identically_and_never_travels() {
    let p = fixture_primes();
    let sk = SecretKey::from_primes(p[0].clone(), p[1].clone()).unwrap();
    let owner = sk.owner_public_key().unwrap();
    let public = sk.public_key();
    assert_eq!(&owner, public);
    let m = Nat::from_u64(123_456_789);
    let (c, r) = public.encrypt(&m, &mut OsRng).unwrap();
    assert_eq!(owner.encrypt_with_nonce(&m, &r).unwrap(), c);
    assert_eq!(owner.nth_power_vartime(&r).unwrap(), public.nth_power_vartime(&r).unwrap());
    assert_eq!(owner.nth_power_ct(&c).unwrap(), public.nth_power_ct(&c).unwrap());
    assert_eq!(postcard::to_allocvec(&owner).unwrap(), postcard::to_allocvec(public).unwrap());
}
