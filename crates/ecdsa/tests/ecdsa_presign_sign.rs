//! Presigning and online signing over dealer-made keys: (t, n) matrix with
//! random signer subsets, GG18 mode, one-time presignatures, blame for bad
//! partial signatures, tampered and replayed messages, and identification
//! of a signer announcing a wrong δ_i or S_i.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::sim::{honest, run};
use k256::ecdsa::signature::hazmat::PrehashVerifier;
use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
use rand_core::{OsRng, RngCore};
use sigil_ecdsa::dealer::split_key;
use sigil_ecdsa::gg18;
use sigil_ecdsa::key_share::KeyShare;
use sigil_ecdsa::presign;
use sigil_ecdsa::presignature::Presignature;
use sigil_ecdsa::sign::{combine, partial};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::{Code, PartyId};

fn keys(t: u16, n: u16) -> Vec<Vec<u8>> {
    let secret = Secp256k1::random_scalar(&mut OsRng);
    let paillier = (0..usize::from(n)).map(common::paillier).collect();
    split_key(&secret, t, n, paillier, &mut OsRng).unwrap().iter().map(|k| k.to_bytes().unwrap()).collect()
}

fn random_signers(t: u16, n: u16) -> Vec<PartyId> {
    let mut all: Vec<PartyId> = (1..=n).collect();
    for i in (1..all.len()).rev() {
        let j = (OsRng.next_u32() as usize) % (i + 1);
        all.swap(i, j);
    }
    let mut s = all[..usize::from(t)].to_vec();
    s.sort_unstable();
    s
}

fn presign_all(keys: &[Vec<u8>], signers: &[PartyId], hook: common::sim::Hook<'_>) -> sigil_math::Result<BTreeMap<PartyId, Vec<u8>>> {
    let sid = b"presign-test";
    let starts = signers.iter().map(|p| (*p, presign::start(sid, &keys[usize::from(*p) - 1], signers, &mut OsRng))).collect();
    run(starts, &|s, i| presign::step(s, i, &mut OsRng), hook)
}

fn verify_k256(group_key: &[u8], hash: &[u8; 32], sig: &[u8; 64], recovery: u8) {
    let vk = VerifyingKey::from_sec1_bytes(group_key).unwrap();
    let s = Signature::from_slice(sig).unwrap();
    vk.verify_prehash(hash, &s).unwrap();
    assert!(s.normalize_s().is_none(), "signature must be low-s");
    let rec = VerifyingKey::recover_from_prehash(hash, &s, RecoveryId::from_byte(recovery).unwrap()).unwrap();
    assert_eq!(rec, vk);
}

#[test]
fn presign_then_sign_over_a_matrix_of_signer_sets() {
    for (t, n) in [(2u16, 3u16), (3, 5)] {
        let keys = keys(t, n);
        let group_key = Secp256k1::encode_point(&KeyShare::from_bytes(&keys[0]).unwrap().public.group_key);
        let signers = random_signers(t, n);
        let presigs = presign_all(&keys, &signers, &mut honest()).unwrap();
        let presigs: BTreeMap<PartyId, Presignature> = presigs.iter().map(|(p, b)| (*p, Presignature::from_bytes(b).unwrap())).collect();
        let first = presigs.values().next().unwrap().public.clone();
        assert!(presigs.values().all(|p| p.public == first), "signers agree on the public presignature");
        let mut hash = [0u8; 32];
        OsRng.fill_bytes(&mut hash);
        let partials: Vec<(PartyId, _)> = presigs.iter().map(|(p, ps)| (*p, partial(ps, &hash).unwrap())).collect();
        let sig = combine(&first, &hash, &partials).unwrap();
        verify_k256(&group_key, &hash, &sig.bytes, sig.recovery_id);
    }
}

#[test]
fn a_bad_partial_signature_is_blamed_and_missing_ones_named() {
    let keys = keys(2, 3);
    let presigs = presign_all(&keys, &[1, 3], &mut honest()).unwrap();
    let p1 = Presignature::from_bytes(&presigs[&1]).unwrap();
    let p3 = Presignature::from_bytes(&presigs[&3]).unwrap();
    let hash = [7u8; 32];
    let good1 = partial(&p1, &hash).unwrap();
    let bad3 = partial(&p3, &hash).unwrap() + Secp256k1::scalar_one();
    let err = combine(&p1.public, &hash, &[(1, good1), (3, bad3)]).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::InvalidShare, &[3u16][..]));
    let err = combine(&p1.public, &hash, &[(1, good1)]).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::Aborted, &[3u16][..]));
    // A partial for another message does not verify either.
    let other = partial(&p3, &[8u8; 32]).unwrap();
    assert_eq!(combine(&p1.public, &hash, &[(1, good1), (3, other)]).unwrap_err().culprits(), &[3]);
}

#[test]
fn gg18_mode_signs_in_one_session() {
    let keys = keys(2, 3);
    let group_key = Secp256k1::encode_point(&KeyShare::from_bytes(&keys[0]).unwrap().public.group_key);
    let hash = [0x42u8; 32];
    let signers = [2u16, 3];
    let starts = signers.iter().map(|p| (*p, gg18::start(b"gg18", &keys[usize::from(*p) - 1], &signers, &hash, &mut OsRng))).collect();
    let out = run(starts, &|s, i| gg18::step(s, i, &mut OsRng), &mut honest()).unwrap();
    assert_eq!(out[&2], out[&3]);
    let sig: [u8; 64] = out[&2][..64].try_into().unwrap();
    verify_k256(&group_key, &hash, &sig, out[&2][64]);
}

#[test]
fn tampered_or_replayed_messages_blame_the_sender() {
    let keys = keys(2, 3);
    // Flip a byte deep inside party 3's round-2 message to party 1 (a proof or ciphertext).
    let mut hook = |round: usize, from: PartyId, to: PartyId, m: &mut Vec<u8>| {
        if round == 2 && from == 3 && to == 1 {
            let i = m.len() / 2;
            m[i] ^= 1;
        }
    };
    let err = presign_all(&keys, &[1, 3], &mut hook).unwrap_err();
    assert_eq!(err.culprits(), &[3], "{err:?}");
    // Replaying party 3's round-1 message in round 2 is a wrong-round message.
    let mut first: Option<Vec<u8>> = None;
    let mut hook = |round: usize, from: PartyId, _to: PartyId, m: &mut Vec<u8>| {
        if from == 3 && round == 1 {
            first = Some(m.clone());
        }
        if from == 3 && round == 2 {
            *m = first.clone().unwrap();
        }
    };
    let err = presign_all(&keys, &[1, 3], &mut hook).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::WrongRound, &[3u16][..]));
    // A dropped message names the silent party.
    let mut hook = |round: usize, from: PartyId, _to: PartyId, m: &mut Vec<u8>| {
        if round == 3 && from == 1 {
            m.clear();
        }
    };
    let err = presign_all(&keys, &[1, 3], &mut hook).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::Aborted, &[1u16][..]));
}

#[test]
fn presign_rejects_bad_setups() {
    let keys = keys(2, 3);
    assert_eq!(presign::start(b"s", &keys[0], &[1], &mut OsRng).unwrap_err().code(), Code::InvalidThreshold);
    assert_eq!(presign::start(b"s", &keys[0], &[2, 3], &mut OsRng).unwrap_err().code(), Code::UnknownParty);
    assert_eq!(presign::start(b"s", &keys[0], &[1, 4], &mut OsRng).unwrap_err().code(), Code::UnknownParty);
    assert_eq!(presign::start(b"s", &keys[0], &[1, 1], &mut OsRng).unwrap_err().code(), Code::DuplicateParty);
    assert_eq!(presign::start(b"", &keys[0], &[1, 2], &mut OsRng).unwrap_err().code(), Code::InvalidArgument);
    let mut bad = keys[0].clone();
    bad[0] = 9;
    assert_eq!(presign::start(b"s", &bad, &[1, 2], &mut OsRng).unwrap_err().code(), Code::UnsupportedVersion);
    assert_eq!(presign::step(&[1, 1, 5, 0], &[], &mut OsRng).unwrap_err().code(), Code::Malformed);
}

/// Mirrors of the wire structs (message header and presign round 3), to
/// forge a signer's announced values the way a malicious signer would.
mod forge {
    use serde::{Deserialize, Serialize};
    use sigil_ecdsa::zk::pi_log::PiLogProof;

    #[derive(Serialize, Deserialize)]
    pub struct Header {
        pub sid: Vec<u8>,
        pub protocol: u8,
        pub round: u8,
        pub from: u16,
        pub body: Vec<u8>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Round3 {
        pub echo: Vec<u8>,
        pub delta: Vec<u8>,
        pub big_delta: Vec<u8>,
        pub s_point: Vec<u8>,
        pub psi_log: PiLogProof,
    }

    /// Rewrite a round-3 message with `f` applied to its body.
    pub fn round3(msg: &mut Vec<u8>, f: impl FnOnce(&mut Round3)) {
        let mut h: Header = postcard::from_bytes(&msg[3..]).unwrap();
        let mut body: Round3 = postcard::from_bytes(&h.body).unwrap();
        f(&mut body);
        h.body = postcard::to_allocvec(&body).unwrap();
        msg.truncate(3);
        msg.extend(postcard::to_allocvec(&h).unwrap());
    }
}

fn bump_scalar(bytes: &mut [u8]) {
    let s = Secp256k1::decode_scalar(bytes).unwrap() + Secp256k1::scalar_one();
    bytes.copy_from_slice(&Secp256k1::encode_scalar(&s));
}

#[test]
fn a_wrong_delta_runs_identification_and_names_the_signer() {
    let keys = keys(2, 3);
    // Each signer shows the other a δ that its MtA ciphertexts do not hold:
    // both checks fail, both run identification, each names the other.
    let mut hook = |round: usize, _from: PartyId, _to: PartyId, m: &mut Vec<u8>| {
        if round == 3 {
            forge::round3(m, |r| bump_scalar(&mut r.delta));
        }
    };
    let err = presign_all(&keys, &[1, 2], &mut hook).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::Aborted, &[2u16][..]), "{err:?}");
    assert!(err.detail().contains("not backed"), "{err:?}");
}

#[test]
fn a_wrong_s_point_runs_identification_and_names_the_signer() {
    let keys = keys(2, 3);
    let mut hook = |round: usize, _from: PartyId, _to: PartyId, m: &mut Vec<u8>| {
        if round == 3 {
            forge::round3(m, |r| {
                let p = Secp256k1::decode_point(&r.s_point).unwrap() + Secp256k1::generator();
                r.s_point = Secp256k1::encode_point(&p);
            });
        }
    };
    let err = presign_all(&keys, &[2, 3], &mut hook).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::Aborted, &[3u16][..]), "{err:?}");
    assert!(err.detail().contains("not backed"), "{err:?}");
}
