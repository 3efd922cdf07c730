//! Shares sealed at rest: roundtrip and every rejection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use rand_core::OsRng;
use sigil_math::Code;
use sigil_wire::{derive_master_key, open_share, seal_share, ShareContext};

fn ctx() -> ShareContext {
    ShareContext {
        key_id: b"key-1".to_vec(),
        party: 2,
        curve: "secp256k1".into(),
        protocol: "cggmp21".into(),
        version: 1,
    }
}

#[test]
fn roundtrip_and_master_key_is_deterministic() {
    let root = [7u8; 32];
    let key = derive_master_key(&root).unwrap();
    assert_eq!(key.as_bytes(), derive_master_key(&root).unwrap().as_bytes());
    assert_ne!(key.as_bytes(), &root);
    let blob = seal_share(&mut OsRng, &key, &ctx(), b"x_i share").unwrap();
    assert_eq!(open_share(&key, &ctx(), &blob).unwrap().as_slice(), b"x_i share");
    assert_eq!(format!("{key:?}"), "MasterKey(<redacted>)");
}

#[test]
fn another_context_is_rejected() {
    let key = derive_master_key(&[1u8; 32]).unwrap();
    let blob = seal_share(&mut OsRng, &key, &ctx(), b"share").unwrap();
    let others = [
        ShareContext { key_id: b"key-2".to_vec(), ..ctx() },
        ShareContext { party: 3, ..ctx() },
        ShareContext { curve: "ed25519".into(), ..ctx() },
        ShareContext { protocol: "frost".into(), ..ctx() },
        ShareContext { version: 2, ..ctx() },
    ];
    for other in &others {
        assert_eq!(open_share(&key, other, &blob).unwrap_err().code(), Code::InvalidArgument, "{other:?}");
    }
}

#[test]
fn edited_context_digest_still_fails() {
    // Replacing the clear digest with the target context's digest does not
    // help: the AEAD authenticates the full context.
    let key = derive_master_key(&[1u8; 32]).unwrap();
    let blob = seal_share(&mut OsRng, &key, &ctx(), b"share").unwrap();
    let other = ShareContext { party: 3, ..ctx() };
    let other_blob = seal_share(&mut OsRng, &key, &other, b"zz").unwrap();
    let mut moved = blob.clone();
    moved[2..34].copy_from_slice(&other_blob[2..34]);
    assert_eq!(open_share(&key, &other, &moved).unwrap_err().code(), Code::Malformed);
}

#[test]
fn wrong_master_key_and_tampering_are_rejected() {
    let key = derive_master_key(&[1u8; 32]).unwrap();
    let blob = seal_share(&mut OsRng, &key, &ctx(), b"share").unwrap();
    let other = derive_master_key(&[2u8; 32]).unwrap();
    assert_eq!(open_share(&other, &ctx(), &blob).unwrap_err().code(), Code::Malformed);
    for i in 34..blob.len() {
        let mut t = blob.clone();
        t[i] ^= 0x80;
        assert_eq!(open_share(&key, &ctx(), &t).unwrap_err().code(), Code::Malformed, "byte {i}");
    }
}

#[test]
fn truncated_and_versioned_blobs_are_rejected() {
    let key = derive_master_key(&[1u8; 32]).unwrap();
    let blob = seal_share(&mut OsRng, &key, &ctx(), b"share").unwrap();
    for cut in 0..blob.len() {
        assert_eq!(open_share(&key, &ctx(), &blob[..cut]).unwrap_err().code(), Code::Malformed, "cut {cut}");
    }
    for at in [0usize, 1] {
        let mut t = blob.clone();
        t[at] = 9;
        assert_eq!(open_share(&key, &ctx(), &t).unwrap_err().code(), Code::UnsupportedVersion);
    }
}

#[test]
fn bad_inputs_are_rejected() {
    assert_eq!(derive_master_key(&[0u8; 31]).unwrap_err().code(), Code::InvalidLength);
    let key = derive_master_key(&[1u8; 32]).unwrap();
    let empty_id = ShareContext { key_id: vec![], ..ctx() };
    assert_eq!(seal_share(&mut OsRng, &key, &empty_id, b"x").unwrap_err().code(), Code::InvalidLength);
    let long_curve = ShareContext { curve: "c".repeat(33), ..ctx() };
    assert_eq!(seal_share(&mut OsRng, &key, &long_curve, b"x").unwrap_err().code(), Code::InvalidLength);
}
