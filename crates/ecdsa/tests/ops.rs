//! The `ecdsa.*` op table through its byte contract: a full presign and
//! sign by ops, and a typed error for every bad input of every op.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod common;

use std::collections::BTreeMap;

use sigil_math::codec::{encode_list, OpFn};
use sigil_math::round::decode_inbound;
use sigil_math::Code;

fn op(name: &str) -> OpFn {
    sigil_ecdsa::ops::table().into_iter().find(|(n, _)| *n == name).map(|(_, f)| f).unwrap()
}

fn call(name: &str, args: &[&[u8]]) -> Result<Vec<Vec<u8>>, Code> {
    op(name)(args).map_err(|e| e.code())
}

#[track_caller]
fn code(name: &str, args: &[&[u8]]) -> Code {
    call(name, args).err().unwrap_or_else(|| panic!("{name} accepted a bad input"))
}

/// Dealer key shares 1..=3 (threshold 2) through `ecdsa.dealer_split`.
fn dealer_keys() -> Vec<Vec<u8>> {
    let paillier: Vec<Vec<u8>> = (0..3).map(|i| common::paillier(i).to_bytes().unwrap()).collect();
    let mut secret = [0u8; 32];
    secret[31] = 42;
    let mut args: Vec<&[u8]> = vec![&secret, &[2, 0]];
    args.extend(paillier.iter().map(Vec::as_slice));
    call("ecdsa.dealer_split", &args).unwrap()
}

fn parties(ids: &[u16]) -> Vec<u8> {
    ids.iter().flat_map(|p| p.to_le_bytes()).collect()
}

/// Route step results between parties until all are done (ops only).
fn run_by_ops(mut states: BTreeMap<u16, Vec<Vec<u8>>>, step_op: &str) -> BTreeMap<u16, Vec<u8>> {
    let mut outputs = BTreeMap::new();
    while !states.is_empty() {
        let mut inbound: BTreeMap<u16, Vec<Vec<u8>>> = BTreeMap::new();
        for (from, items) in &states {
            for item in sigil_math::codec::decode_list(&items[2]).unwrap() {
                let to = u16::from_le_bytes([item[0], item[1]]);
                for p in states.keys().filter(|p| *p != from && (to == 0xFFFF || to == **p)) {
                    let mut m = from.to_le_bytes().to_vec();
                    m.extend_from_slice(&item[2..]);
                    inbound.entry(*p).or_default().push(m);
                }
            }
        }
        let mut next = BTreeMap::new();
        for (p, items) in &states {
            if items[0] == [1] {
                outputs.insert(*p, items[1].clone());
                continue;
            }
            let list = encode_list(inbound.get(p).map(Vec::as_slice).unwrap_or(&[]));
            assert!(decode_inbound(&list).is_ok());
            next.insert(*p, call(step_op, &[&items[1], &list]).unwrap());
        }
        states = next;
    }
    outputs
}

#[test]
fn presign_and_sign_through_the_byte_contract() {
    let keys = dealer_keys();
    let info = call("ecdsa.key_info", &[&keys[0]]).unwrap();
    let group_key = info[0].clone();
    assert_eq!((info[1].as_slice(), info[2].as_slice(), info[3].as_slice()), (&[1u8, 0][..], &[2u8, 0][..], &[3u8, 0][..]));
    let signers = parties(&[1, 3]);
    let starts: BTreeMap<u16, Vec<Vec<u8>>> = [(1u16, &keys[0]), (3, &keys[2])].into_iter().map(|(p, k)| (p, call("ecdsa.presign_start", &[b"ops", k, &signers]).unwrap())).collect();
    let presigs = run_by_ops(starts, "ecdsa.presign_step");
    let hash = [9u8; 32];
    let mut partials = Vec::new();
    for (p, presig) in &presigs {
        let out = call("ecdsa.sign_partial", &[presig, &hash]).unwrap();
        let mut item = p.to_le_bytes().to_vec();
        item.extend_from_slice(&out[0]);
        partials.push(item);
    }
    let public = call("ecdsa.presig_info", &[&presigs[&1]]).unwrap()[1].clone();
    let sig = call("ecdsa.combine", &[&public, &hash, &encode_list(&partials)]).unwrap();
    assert_eq!((sig[0].len(), sig[1].len()), (64, 1));
    call("ecdsa.verify", &[&group_key, &hash, &sig[0]]).unwrap();
    // The partial list: malformed items, a duplicate, a stranger.
    assert_eq!(code("ecdsa.combine", &[&public, &hash, &encode_list(&[vec![1u8]])]), Code::InvalidLength);
    assert_eq!(code("ecdsa.combine", &[&public, &hash, &encode_list(&[partials[0].clone(), partials[0].clone()])]), Code::DuplicateParty);
    let mut stranger = partials[0].clone();
    stranger[0] = 7;
    assert_eq!(code("ecdsa.combine", &[&public, &hash, &encode_list(&[stranger, partials[1].clone()])]), Code::UnknownParty);
    let mut big = partials[0].clone();
    big[2..].fill(0xff);
    assert_eq!(code("ecdsa.combine", &[&public, &hash, &encode_list(&[big, partials[1].clone()])]), Code::InvalidScalar);
    assert_eq!(code("ecdsa.combine", &[&public, &hash[..31], &encode_list(&partials)]), Code::InvalidLength);
    assert_eq!(code("ecdsa.combine", &[&keys[0], &hash, &encode_list(&partials)]), Code::InvalidArgument);
}

#[test]
fn every_op_types_its_bad_inputs() {
    let keys = dealer_keys();
    let key = keys[0].as_slice();
    assert_eq!(code("ecdsa.paillier_keygen", &[b"x"]), Code::InvalidArgument);
    assert_eq!(code("ecdsa.paillier_from_primes", &[&[7], &[11]]), Code::InvalidModulus);
    assert_eq!(code("ecdsa.paillier_from_primes", &[&[7]]), Code::InvalidArgument);
    assert_eq!(code("ecdsa.keygen_start", &[b"s", &[1, 0], &[2, 0], &parties(&[1, 2, 3]), b"junk"]), Code::UnsupportedVersion);
    assert_eq!(code("ecdsa.keygen_start", &[b"s", &[1], &[2, 0], &parties(&[1, 2, 3]), &[]]), Code::InvalidLength);
    assert_eq!(code("ecdsa.keygen_start", &[b"s", &[1, 0], &[2, 0], &[1, 0, 2], &[]]), Code::InvalidLength);
    assert_eq!(code("ecdsa.refresh_start", &[b"s", b"not a key", &[]]), Code::UnsupportedVersion);
    let public = call("ecdsa.key_info", &[key]).unwrap()[4].clone();
    // A reshare whose dealers cannot reach the old threshold, and one with a dealer lacking its share.
    assert_eq!(code("ecdsa.reshare_start", &[b"s", &[1, 0], &[2, 0], &parties(&[1]), &parties(&[1, 2, 3]), &public, key, &[]]), Code::InvalidThreshold);
    assert_eq!(code("ecdsa.reshare_start", &[b"s", &[2, 0], &[2, 0], &parties(&[1, 2]), &parties(&[1, 2, 3]), &public, &[], &[]]), Code::InvalidArgument);
    assert_eq!(code("ecdsa.reshare_start", &[b"s", &[1, 0], &[2, 0], &parties(&[1, 2]), &parties(&[1, 2, 3]), b"junk", key, &[]]), Code::UnsupportedVersion);
    assert_eq!(code("ecdsa.keygen_step", &[&[1, 1, 5], &[]]), Code::Malformed);
    assert_eq!(code("ecdsa.keygen_step", &[&[1, 1, 5, 0], &[1, 0, 0, 0]]), Code::Malformed);
    let mut secret = [0u8; 32];
    assert_eq!(code("ecdsa.dealer_split", &[&secret, &[2, 0], key, key]), Code::InvalidScalar);
    secret[31] = 1;
    assert_eq!(code("ecdsa.dealer_split", &[&secret, &[2, 0]]), Code::InvalidArgument);
    // A share whose secret no longer matches its public share (byte 10 lies inside x_i).
    let mut tampered = key.to_vec();
    tampered[10] ^= 1;
    assert_eq!(code("ecdsa.key_info", &[&tampered]), Code::InvalidShare);
    assert_eq!(code("ecdsa.presign_start", &[b"s", key, &parties(&[1])]), Code::InvalidThreshold);
    assert_eq!(code("ecdsa.presign_start", &[&[0u8; 65], key, &parties(&[1, 2])]), Code::InvalidArgument);
    assert_eq!(code("ecdsa.presign_step", &[&[1, 1, 5], &[]]), Code::Malformed);
    assert_eq!(code("ecdsa.presig_info", &[key]), Code::InvalidArgument);
    assert_eq!(code("ecdsa.sign_partial", &[b"", &[0u8; 32]]), Code::Malformed);
    assert_eq!(code("ecdsa.sign_start", &[b"s", key, &parties(&[1, 2]), &[0u8; 31]]), Code::InvalidLength);
    assert_eq!(code("ecdsa.sign_step", &[&[1, 1, 5, 0], &[]]), Code::InvalidArgument);
    let g = call("ecdsa.key_info", &[key]).unwrap()[0].clone();
    assert_eq!(code("ecdsa.verify", &[&g, &[0u8; 32], &[0u8; 64]]), Code::InvalidArgument);
    assert_eq!(code("ecdsa.verify", &[&g, &[0u8; 32], &[1u8; 64]]), Code::SignatureInvalid);
    assert_eq!(code("ecdsa.verify", &[&g[1..], &[0u8; 32], &[1u8; 64]]), Code::InvalidLength);
}
