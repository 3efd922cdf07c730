//! Key generation, refresh and reshare: every party agrees on the key over a
//! (t, n) matrix up to 5-of-9, new keys sign, refresh keeps the group key,
//! reshare moves it to a new (t', n'), and bad setups are typed errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::sim::{honest, run};
use rand_core::{OsRng, RngCore};
use sigil_ecdsa::key_share::KeyShare;
use sigil_ecdsa::keygen::{self, Setup};
use sigil_ecdsa::presign;
use sigil_ecdsa::presignature::Presignature;
use sigil_ecdsa::sign::{combine, partial};
use sigil_math::{Code, PartyId, Result};

fn dkg(t: u16, n: u16, first_key: usize) -> Result<BTreeMap<PartyId, KeyShare>> {
    let parties: Vec<PartyId> = (1..=n).collect();
    let starts = parties
        .iter()
        .map(|&me| {
            let setup = Setup { sid: b"dkg", me, t, dealers: &parties, receivers: &parties, old_share: None, old_public: None, paillier: Some(common::paillier(first_key + usize::from(me) - 1)) };
            (me, keygen::start(setup, &mut OsRng))
        })
        .collect();
    let out = run(starts, &|s, i| keygen::step(s, i, &mut OsRng), &mut honest())?;
    Ok(out.into_iter().map(|(p, b)| (p, KeyShare::from_bytes(&b).unwrap())).collect())
}

fn sign_with(keys: &BTreeMap<PartyId, KeyShare>, signers: &[PartyId]) {
    let blobs: BTreeMap<PartyId, Vec<u8>> = keys.iter().map(|(p, k)| (*p, k.to_bytes().unwrap())).collect();
    let starts = signers.iter().map(|p| (*p, presign::start(b"presign", &blobs[p], signers, &mut OsRng))).collect();
    let presigs = run(starts, &|s, i| presign::step(s, i, &mut OsRng), &mut honest()).unwrap();
    let mut hash = [0u8; 32];
    OsRng.fill_bytes(&mut hash);
    let presigs: Vec<(PartyId, Presignature)> = presigs.iter().map(|(p, b)| (*p, Presignature::from_bytes(b).unwrap())).collect();
    let partials: Vec<_> = presigs.iter().map(|(p, ps)| (*p, partial(ps, &hash).unwrap())).collect();
    // `combine` verifies against the group key with k256 before returning.
    combine(&presigs[0].1.public, &hash, &partials).unwrap();
}

fn assert_agree(keys: &BTreeMap<PartyId, KeyShare>) {
    let first = keys.values().next().unwrap();
    for k in keys.values() {
        assert_eq!(k.public, first.public, "every party holds the same public key data");
    }
}

#[test]
fn dkg_over_a_matrix_up_to_5_of_9_then_sign() {
    for (t, n) in [(2u16, 3u16), (3, 5), (5, 9)] {
        let keys = dkg(t, n, 0).unwrap();
        assert_eq!(keys.len(), usize::from(n));
        assert_agree(&keys);
        let signers: Vec<PartyId> = (1..=n).rev().take(usize::from(t)).collect::<Vec<_>>().into_iter().rev().collect();
        sign_with(&keys, &signers);
    }
}

#[test]
fn refresh_keeps_the_key_and_changes_every_share_and_paillier_key() {
    let old = dkg(2, 3, 0).unwrap();
    let parties: Vec<PartyId> = vec![1, 2, 3];
    let starts = parties
        .iter()
        .map(|&me| {
            let share = &old[&me];
            let setup = Setup { sid: b"refresh", me, t: 2, dealers: &parties, receivers: &parties, old_share: Some(share), old_public: Some(&share.public), paillier: Some(common::paillier(me as usize + 2)) };
            (me, keygen::start(setup, &mut OsRng))
        })
        .collect();
    let out = run(starts, &|s, i| keygen::step(s, i, &mut OsRng), &mut honest()).unwrap();
    let new: BTreeMap<PartyId, KeyShare> = out.into_iter().map(|(p, b)| (p, KeyShare::from_bytes(&b).unwrap())).collect();
    assert_agree(&new);
    assert_eq!(new[&1].public.group_key, old[&1].public.group_key);
    for p in &parties {
        assert_ne!(new[p].x, old[p].x);
        assert_ne!(new[p].public.aux(*p).unwrap(), old[p].public.aux(*p).unwrap());
    }
    sign_with(&new, &[1, 3]);
    // An old share cannot sign with a new one: the session aborts with blame.
    let (old1, new3) = (old[&1].to_bytes().unwrap(), new[&3].to_bytes().unwrap());
    let starts = [(1u16, presign::start(b"mixed", &old1, &[1, 3], &mut OsRng)), (3, presign::start(b"mixed", &new3, &[1, 3], &mut OsRng))].into_iter().collect();
    let err = run(starts, &|s, i| presign::step(s, i, &mut OsRng), &mut honest()).unwrap_err();
    assert!(!err.culprits().is_empty(), "{err:?}");
}

#[test]
fn reshare_moves_a_2_of_3_key_to_3_of_4() {
    let old = dkg(2, 3, 0).unwrap();
    let (dealers, receivers): (Vec<PartyId>, Vec<PartyId>) = (vec![2, 3], vec![1, 3, 4, 5]);
    let everyone = [1u16, 2, 3, 4, 5];
    let public = old[&1].public.clone();
    let starts = everyone
        .iter()
        .map(|&me| {
            let setup = Setup {
                sid: b"reshare",
                me,
                t: 3,
                dealers: &dealers,
                receivers: &receivers,
                old_share: old.get(&me).filter(|_| dealers.contains(&me)),
                old_public: Some(&public),
                paillier: receivers.contains(&me).then(|| common::paillier(me as usize + 3)),
            };
            (me, keygen::start(setup, &mut OsRng))
        })
        .collect();
    let out = run(starts, &|s, i| keygen::step(s, i, &mut OsRng), &mut honest()).unwrap();
    assert!(out[&2].is_empty(), "a dealer that receives nothing outputs nothing");
    let new: BTreeMap<PartyId, KeyShare> = receivers.iter().map(|p| (*p, KeyShare::from_bytes(&out[p]).unwrap())).collect();
    assert_agree(&new);
    assert_eq!((new[&4].public.t, new[&4].public.shares.len(), new[&4].public.group_key), (3, 4, public.group_key));
    sign_with(&new, &[1, 4, 5]);
}

#[test]
fn bad_setups_are_typed_errors() {
    let parties = [1u16, 2, 3];
    let setup = |me: PartyId, t: u16, dealers: &'static [PartyId], receivers: &'static [PartyId]| Setup { sid: b"x", me, t, dealers, receivers, old_share: None, old_public: None, paillier: Some(common::paillier(0)) };
    let code = |s: Setup<'_>| keygen::start(s, &mut OsRng).unwrap_err().code();
    assert_eq!(code(setup(1, 1, &[1, 2, 3], &[1, 2, 3])), Code::InvalidThreshold);
    assert_eq!(code(setup(1, 4, &[1, 2, 3], &[1, 2, 3])), Code::InvalidThreshold);
    assert_eq!(code(setup(7, 2, &[1, 2, 3], &[1, 2, 3])), Code::UnknownParty);
    assert_eq!(code(setup(1, 2, &[1, 1, 3], &[1, 1, 3])), Code::DuplicateParty);
    assert_eq!(code(setup(1, 2, &[1, 2], &[1, 2, 3])), Code::InvalidArgument);
    let empty_sid = Setup { sid: b"", me: 1, t: 2, dealers: &parties, receivers: &parties, old_share: None, old_public: None, paillier: None };
    assert_eq!(code(empty_sid), Code::InvalidArgument);
    assert_eq!(keygen::step(b"junk", &[], &mut OsRng).unwrap_err().code(), Code::UnsupportedVersion);
    assert_eq!(keygen::step(&[1, 1], &[], &mut OsRng).unwrap_err().code(), Code::Malformed);
}
