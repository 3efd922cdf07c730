//! RFC 9591 Appendix E test vectors, byte for byte, for both ciphersuites,
//! and the BIP-340 verification vectors for the Taproot suite's verifier.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::unreachable)]

use std::collections::BTreeMap;

use serde_json::Value;
use sigil_frost::nonces::{nonce_from_randomness, SigningCommitments};
use sigil_frost::sign::{binding_factor_inputs, identifier_bytes, verify_signature};
use sigil_frost::{aggregate, Ciphersuite, Ed25519Sha512, PublicKeyPackage, Secp256k1Sha256, SigningPackage};
use sigil_math::curve::Curve;
use sigil_math::shamir::lagrange_coefficient;

fn load(name: &str) -> Value {
    let path = format!("{}/../../test/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn h(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap()).unwrap()
}

fn check_suite<S: Ciphersuite>(file: &str) {
    let v = load(file);
    let inputs = &v["inputs"];
    let group_key = S::C::decode_point(&h(&inputs["group_public_key"])).unwrap();
    let secret = S::C::decode_scalar(&h(&inputs["group_secret_key"])).unwrap();
    assert_eq!(S::C::mul_base(&secret), group_key);
    let message = h(&inputs["message"]);

    // Shares from the given polynomial f(x) = secret + a1·x.
    let a1 = S::C::decode_scalar(&h(&inputs["share_polynomial_coefficients"][0])).unwrap();
    let mut shares = BTreeMap::new();
    for p in inputs["participant_shares"].as_array().unwrap() {
        let id = p["identifier"].as_u64().unwrap() as u16;
        let want = S::C::decode_scalar(&h(&p["participant_share"])).unwrap();
        assert!(secret + a1 * S::C::scalar_from_u64(u64::from(id)) == want, "share {id}");
        shares.insert(id, want);
    }
    let public = PublicKeyPackage::<S> { t: 2, group_key, shares: shares.iter().map(|(i, s)| (*i, S::C::mul_base(s))).collect() };

    // Round one: nonces from the given randomness, commitments.
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for o in v["round_one_outputs"]["outputs"].as_array().unwrap() {
        let id = o["identifier"].as_u64().unwrap() as u16;
        let share = shares[&id];
        let d = nonce_from_randomness::<S>(&h(&o["hiding_nonce_randomness"]), &share);
        let e = nonce_from_randomness::<S>(&h(&o["binding_nonce_randomness"]), &share);
        assert_eq!(S::C::encode_scalar(&d), h(&o["hiding_nonce"]), "hiding nonce {id}");
        assert_eq!(S::C::encode_scalar(&e), h(&o["binding_nonce"]), "binding nonce {id}");
        let c = SigningCommitments::<S> { hiding: S::C::mul_base(&d), binding: S::C::mul_base(&e) };
        assert_eq!(S::C::encode_point(&c.hiding), h(&o["hiding_nonce_commitment"]));
        assert_eq!(S::C::encode_point(&c.binding), h(&o["binding_nonce_commitment"]));
        nonces.insert(id, (d, e));
        commitments.insert(id, c);
    }
    let pkg = SigningPackage { message: message.clone(), commitments, tweak: None };
    let inputs_by_id = binding_factor_inputs(&group_key, &pkg);
    for o in v["round_one_outputs"]["outputs"].as_array().unwrap() {
        let id = o["identifier"].as_u64().unwrap() as u16;
        assert_eq!(inputs_by_id[&id], h(&o["binding_factor_input"]), "rho input {id}");
        assert_eq!(S::C::encode_scalar(&S::h1(&inputs_by_id[&id])), h(&o["binding_factor"]), "rho {id}");
    }

    // Round two: shares z_i = d + e·ρ + λ·s·c, checked against the vectors.
    let signers: Vec<u16> = pkg.commitments.keys().copied().collect();
    let mut r = S::C::identity();
    for (id, c) in &pkg.commitments {
        r = r + c.hiding + S::C::mul(&c.binding, &S::h1(&inputs_by_id[id]));
    }
    let chal = S::challenge(&r, &group_key, &message);
    let mut sig_shares = BTreeMap::new();
    for o in v["round_two_outputs"]["outputs"].as_array().unwrap() {
        let id = o["identifier"].as_u64().unwrap() as u16;
        let (d, e) = nonces[&id];
        let lambda = lagrange_coefficient::<S::C>(id, &signers).unwrap();
        let z = d + e * S::h1(&inputs_by_id[&id]) + lambda * shares[&id] * chal;
        assert_eq!(S::C::encode_scalar(&z), h(&o["sig_share"]), "sig share {id}");
        sig_shares.insert(id, z);
    }
    let sig = aggregate(&pkg, &sig_shares, &public).unwrap();
    assert_eq!(sig, h(&v["final_output"]["sig"]));
    verify_signature::<S>(&S::C::encode_point(&group_key), &message, &sig).unwrap();
    assert_eq!(identifier_bytes::<S>(1).len(), 32);
}

#[test]
fn rfc9591_ed25519_sha512() {
    check_suite::<Ed25519Sha512>("frost-ed25519-sha512.json");
}

#[test]
fn rfc9591_secp256k1_sha256() {
    check_suite::<Secp256k1Sha256>("frost-secp256k1-sha256.json");
}

#[test]
fn bip340_verification_vectors() {
    let path = format!("{}/../../test/vectors/bip340.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let (pk, msg, sig, want) = (hex::decode(cols[2]).unwrap(), hex::decode(cols[4]).unwrap(), hex::decode(cols[5]).unwrap(), cols[6] == "TRUE");
        let got = sigil_frost::taproot::verify(&pk, &msg, &sig).is_ok();
        assert_eq!(got, want, "BIP-340 vector {}", cols[0]);
        checked += 1;
    }
    assert_eq!(checked, 15);
}

