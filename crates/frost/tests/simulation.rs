//! Multi-party simulations over a (t, n) matrix with random signer subsets:
//! DKG, preprocessing, signing, aggregation, refresh; and the failure paths
//! (bad shares blamed, duplicate or unknown signers, reused or foreign nonces).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::unreachable)]

use std::collections::BTreeMap;

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sigil_frost::{aggregate, commit, dkg, refresh, sign, verify_signature};
use sigil_frost::{Ciphersuite, Ed25519Sha512, KeyPackage, Secp256k1Sha256, Secp256k1Tr, SigningPackage};
use sigil_math::curve::Curve;
use sigil_math::round::{Inbound, Step};
use sigil_math::Code;

/// Route the outbound messages of every party to their recipients.
fn deliver(outs: &BTreeMap<u16, Vec<sigil_math::round::Outbound>>, me: u16) -> Vec<Inbound> {
    let mut inbound = Vec::new();
    for (from, msgs) in outs {
        for m in msgs {
            if *from != me && (m.to.is_none() || m.to == Some(me)) {
                inbound.push(Inbound { from: *from, payload: m.payload.clone() });
            }
        }
    }
    inbound
}

fn run_steps(mut steps: BTreeMap<u16, Step>, next: impl Fn(&[u8], &[Inbound]) -> sigil_math::Result<Step>) -> BTreeMap<u16, Vec<u8>> {
    loop {
        let outs: BTreeMap<u16, _> = steps.iter().map(|(i, s)| (*i, match s { Step::Continue { outbound, .. } | Step::Done { outbound, .. } => outbound.clone() })).collect();
        if steps.values().all(|s| matches!(s, Step::Done { .. })) {
            return steps.into_iter().map(|(i, s)| (i, match s { Step::Done { output, .. } => output, Step::Continue { .. } => unreachable!() })).collect();
        }
        steps = steps.iter().map(|(i, s)| match s { Step::Continue { state, .. } => (*i, next(state, &deliver(&outs, *i)).unwrap()), Step::Done { .. } => unreachable!() }).collect();
    }
}

fn run_dkg<S: Ciphersuite>(t: u16, n: u16, rng: &mut ChaCha20Rng) -> Vec<KeyPackage<S>> {
    let parties: Vec<u16> = (1..=n).collect();
    let starts = parties.iter().map(|i| (*i, dkg::start::<S>(b"sid-dkg", *i, t, &parties, rng).unwrap())).collect();
    run_steps(starts, dkg::step::<S>).values().map(|b| KeyPackage::<S>::from_bytes(b).unwrap()).collect()
}

fn pick(n: u16, t: u16, rng: &mut ChaCha20Rng) -> Vec<u16> {
    let mut ids: Vec<u16> = (1..=n).collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, (rng.next_u32() as usize) % (i + 1));
    }
    let mut chosen: Vec<u16> = ids.into_iter().take(usize::from(t)).collect();
    chosen.sort_unstable();
    chosen
}

fn sign_with<S: Ciphersuite>(keys: &[KeyPackage<S>], signers: &[u16], msg: &[u8], tweak: Option<Vec<u8>>, rng: &mut ChaCha20Rng) -> Vec<u8> {
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in signers {
        let k = &keys[usize::from(*id) - 1];
        let (nc, cm) = commit::<S>(k.signing_share.expose(), rng);
        nonces.insert(*id, nc);
        commitments.insert(*id, cm);
    }
    let pkg = SigningPackage { message: msg.to_vec(), commitments, tweak };
    let shares = nonces.into_iter().map(|(id, nc)| (id, sign(&pkg, nc, &keys[usize::from(id) - 1]).unwrap().0)).collect();
    aggregate(&pkg, &shares, &keys[0].public).unwrap()
}

fn matrix<S: Ciphersuite>() {
    let mut rng = ChaCha20Rng::seed_from_u64(u64::from(S::ID));
    for (t, n) in [(2u16, 3u16), (3, 5), (7, 10)] {
        let keys = run_dkg::<S>(t, n, &mut rng);
        assert!(keys.iter().all(|k| k.public == keys[0].public));
        for round in 0..3 {
            let signers = pick(n, t + (round % 2).min(n - t), &mut rng);
            let msg = format!("message {round} for {t}-of-{n}");
            let sig = sign_with(&keys, &signers, msg.as_bytes(), None, &mut rng);
            let gk = sigil_frost::sign::effective_group_key::<S>(&keys[0].public.group_key, None).unwrap();
            verify_signature::<S>(&gk, msg.as_bytes(), &sig).unwrap();
            assert!(verify_signature::<S>(&gk, b"other message", &sig).is_err());
        }
    }
}

#[test]
fn dkg_sign_matrix_ed25519() {
    matrix::<Ed25519Sha512>();
}

#[test]
fn dkg_sign_matrix_secp256k1() {
    matrix::<Secp256k1Sha256>();
}

#[test]
fn dkg_sign_matrix_taproot() {
    matrix::<Secp256k1Tr>();
}

#[test]
fn taproot_tweaks_verify_as_bip340_under_the_output_key() {
    let mut rng = ChaCha20Rng::seed_from_u64(99);
    let keys = run_dkg::<Secp256k1Tr>(2, 3, &mut rng);
    for root in [vec![], vec![7u8; 32]] {
        let sig = sign_with(&keys, &[1, 3], b"sighash", Some(root.clone()), &mut rng);
        let out = sigil_frost::sign::effective_group_key::<Secp256k1Tr>(&keys[0].public.group_key, Some(&root)).unwrap();
        sigil_frost::taproot::verify(&out, b"sighash", &sig).unwrap();
        let internal = sigil_frost::sign::effective_group_key::<Secp256k1Tr>(&keys[0].public.group_key, None).unwrap();
        assert!(sigil_frost::taproot::verify(&internal, b"sighash", &sig).is_err());
    }
}

#[test]
fn a_bad_share_is_blamed_on_its_sender() {
    let mut rng = ChaCha20Rng::seed_from_u64(5);
    let keys = run_dkg::<Ed25519Sha512>(2, 3, &mut rng);
    let (n1, c1) = commit::<Ed25519Sha512>(keys[0].signing_share.expose(), &mut rng);
    let (n2, c2) = commit::<Ed25519Sha512>(keys[1].signing_share.expose(), &mut rng);
    let pkg = SigningPackage { message: b"m".to_vec(), commitments: BTreeMap::from([(1, c1), (2, c2)]), tweak: None };
    let z1 = sign(&pkg, n1, &keys[0]).unwrap().0;
    let z2 = sign(&pkg, n2, &keys[1]).unwrap().0;
    let bad = z2 + <Ed25519Sha512 as Ciphersuite>::C::scalar_one();
    let err = aggregate(&pkg, &BTreeMap::from([(1, z1), (2, bad)]), &keys[0].public).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::Aborted, &[2u16][..]));
}

#[test]
fn signing_rejects_bad_signer_sets() {
    let mut rng = ChaCha20Rng::seed_from_u64(6);
    let keys = run_dkg::<Secp256k1Sha256>(2, 3, &mut rng);
    let (n1, c1) = commit::<Secp256k1Sha256>(keys[0].signing_share.expose(), &mut rng);
    // Too few signers.
    let pkg = SigningPackage { message: b"m".to_vec(), commitments: BTreeMap::from([(1, c1)]), tweak: None };
    assert_eq!(sign(&pkg, n1, &keys[0]).unwrap_err().code(), Code::InvalidArgument);
    // Unknown signer id.
    let (n1, c1) = commit::<Secp256k1Sha256>(keys[0].signing_share.expose(), &mut rng);
    let pkg = SigningPackage { message: b"m".to_vec(), commitments: BTreeMap::from([(1, c1), (9, c1)]), tweak: None };
    assert_eq!(sign(&pkg, n1, &keys[0]).unwrap_err().code(), Code::UnknownParty);
    // Own commitment does not match the nonces (a foreign or stale nonce).
    let (n1, _) = commit::<Secp256k1Sha256>(keys[0].signing_share.expose(), &mut rng);
    let (_, other) = commit::<Secp256k1Sha256>(keys[0].signing_share.expose(), &mut rng);
    let (_, c2) = commit::<Secp256k1Sha256>(keys[1].signing_share.expose(), &mut rng);
    let pkg = SigningPackage { message: b"m".to_vec(), commitments: BTreeMap::from([(1, other), (2, c2)]), tweak: None };
    assert_eq!(sign(&pkg, n1, &keys[0]).unwrap_err().code(), Code::InvalidArgument);
}

#[test]
fn refresh_keeps_the_key_and_retires_old_shares() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let old = run_dkg::<Ed25519Sha512>(2, 3, &mut rng);
    let starts = old.iter().map(|k| (k.id, refresh::start::<Ed25519Sha512>(b"sid-refresh", &k.to_bytes().unwrap(), &mut rng).unwrap())).collect();
    let new: Vec<KeyPackage<Ed25519Sha512>> =
        run_steps(starts, refresh::step::<Ed25519Sha512>).values().map(|b| KeyPackage::from_bytes(b).unwrap()).collect();
    assert_eq!(new[0].public.group_key, old[0].public.group_key);
    assert!(new[0].signing_share.expose() != old[0].signing_share.expose());
    let sig = sign_with(&new, &[2, 3], b"after refresh", None, &mut rng);
    verify_signature::<Ed25519Sha512>(&Ed25519Sha512::encode_group(&new[0]), b"after refresh", &sig).unwrap();
    // An old share mixed with a new one no longer signs: the aggregator blames the stale party.
    let mixed = [old[0].clone(), new[1].clone(), new[2].clone()];
    let (n1, c1) = commit::<Ed25519Sha512>(mixed[0].signing_share.expose(), &mut rng);
    let (n2, c2) = commit::<Ed25519Sha512>(mixed[1].signing_share.expose(), &mut rng);
    let pkg = SigningPackage { message: b"mixed".to_vec(), commitments: BTreeMap::from([(1, c1), (2, c2)]), tweak: None };
    let z1 = sign(&pkg, n1, &mixed[0]).unwrap().0;
    let z2 = sign(&pkg, n2, &mixed[1]).unwrap().0;
    let err = aggregate(&pkg, &BTreeMap::from([(1, z1), (2, z2)]), &new[0].public).unwrap_err();
    assert_eq!((err.code(), err.culprits()), (Code::Aborted, &[1u16][..]));
}

#[test]
fn dkg_blames_a_replayed_message_and_rejects_foreign_sessions() {
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    let parties = [1u16, 2, 3];
    let mut starts: BTreeMap<u16, Step> = parties.iter().map(|i| (*i, dkg::start::<Ed25519Sha512>(b"sid", *i, 2, &parties, &mut rng).unwrap())).collect();
    // Party 3 replays party 2's round-1 message (proof included) as its own.
    let copied = match &starts[&2] { Step::Continue { outbound, .. } => outbound.clone(), Step::Done { .. } => unreachable!() };
    if let Some(Step::Continue { outbound, .. }) = starts.get_mut(&3) {
        *outbound = copied;
    }
    let outs: BTreeMap<u16, _> = starts.iter().map(|(i, s)| (*i, match s { Step::Continue { outbound, .. } => outbound.clone(), Step::Done { .. } => unreachable!() })).collect();
    let Step::Continue { state, .. } = &starts[&1] else { unreachable!() };
    let err = dkg::step::<Ed25519Sha512>(state, &deliver(&outs, 1)).unwrap_err();
    assert_eq!(err.culprits(), &[3]);
    // Wrong-round and foreign-session messages are rejected too.
    let Step::Continue { state, .. } = dkg::start::<Ed25519Sha512>(b"other", 1, 2, &parties, &mut rng).unwrap() else { unreachable!() };
    let honest: BTreeMap<u16, _> = outs.iter().filter(|(i, _)| **i != 3).map(|(i, o)| (*i, o.clone())).collect();
    let mut inbound = deliver(&honest, 1);
    inbound.push(Inbound { from: 3, payload: inbound[0].payload.clone() });
    assert!(dkg::step::<Ed25519Sha512>(&state, &inbound).is_err());
}

trait EncodeGroup: Ciphersuite {
    fn encode_group(k: &KeyPackage<Self>) -> Vec<u8> {
        Self::C::encode_point(&k.public.group_key)
    }
}
impl EncodeGroup for Ed25519Sha512 {}
