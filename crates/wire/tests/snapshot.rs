//! Byte-format snapshots: a change to any of these hex strings is a wire
//! format change and needs a new version byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use sigil_wire::header::Expected;
use sigil_wire::{derive_master_key, open_envelope, open_share, seal_envelope, seal_share, Header, IdentitySecret, ShareContext, BROADCAST};

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::from_seed([42u8; 32])
}

fn digest(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    hex::encode(h.finalize())
}

#[test]
fn envelope_bytes_are_pinned() {
    let mut r = rng();
    let alice = IdentitySecret::generate(&mut r);
    let bob = IdentitySecret::generate(&mut r);
    let header = Header { session: b"snap".to_vec(), round: 1, from: 1, to: BROADCAST, seq: 1 };
    let bc = seal_envelope(&mut r, &alice, None, &header, b"hi").unwrap();
    let p2p_header = Header { to: 2, ..header.clone() };
    let p2p = seal_envelope(&mut r, &alice, Some(&bob.public()), &p2p_header, b"hi").unwrap();
    let got = [
        hex::encode(alice.public().to_bytes()),
        hex::encode(&bc.body),
        digest(&[&bc.signature]),
        digest(&[&p2p.body, &p2p.signature]),
    ];
    assert_eq!(got, EXPECTED_ENVELOPE);
    // The pinned bytes still open.
    let exp = Expected { session: b"snap", round: 1, from: 1, to: 2 };
    assert_eq!(open_envelope(&bob, &alice.public(), &exp, &p2p.body, &p2p.signature).unwrap().payload.as_slice(), b"hi");
}

#[test]
fn sealed_share_bytes_are_pinned() {
    let key = derive_master_key(&[3u8; 32]).unwrap();
    let ctx = ShareContext { key_id: b"k".to_vec(), party: 1, curve: "ed25519".into(), protocol: "frost".into(), version: 1 };
    let blob = seal_share(&mut rng(), &key, &ctx, b"share").unwrap();
    let got = [hex::encode(key.as_bytes()), hex::encode(&blob)];
    assert_eq!(got, EXPECTED_SHARE);
    assert_eq!(open_share(&key, &ctx, &blob).unwrap().as_slice(), b"share");
}

/// Public identity, broadcast body, SHA-256 of its signature, SHA-256 of the p2p body ‖ signature.
const EXPECTED_ENVELOPE: [&str; 4] = [
    "f66bf0ce5ceb582b93d6780820c2025b9967aedaa259bdbb9f3d0297eced0e181c5e231d577ef60c1865870825b1e7a16cc962a6420e2eec7a3d8b486e531134",
    "010104736e617001000100ffff01000000000000006869",
    "d4f17f18b93ac71db3b32726c49057a6ec76e83f8893c829c73ab8026c39e436",
    "e43e00c5a4387feb9b95b91b2f03225590bedf0a8501fed783164aead63eb5dd",
];
/// Master key from root [3; 32], sealed blob of "share".
const EXPECTED_SHARE: [&str; 2] = [
    "8ee3cde8e46918cb754d7c3fc32f4988db8f03fe0a0831bf593b3e0f16f92252",
    "0102d5320e5317e2b9f3b555d0944ee6d1db06e209246bb852a085098abf898bafee98191f46e5830216445436978803697a5e3ab61b1e8951d487bcbeb8b63d849e2cff227193c8e61a61d58d3264",
];
