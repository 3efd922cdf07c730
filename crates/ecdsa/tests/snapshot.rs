//! Byte formats pinned by snapshots: blob headers and the Fiat–Shamir
//! transcript encoding (changing either breaks stored shares or interop
//! between versions, so it must be a deliberate, versioned change).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use sigil_ecdsa::blob::{encode, Kind};
use sigil_ecdsa::int::{order, Int};
use sigil_ecdsa::zk::transcript::Transcript;
use sigil_math::bigint::Nat;

#[test]
fn blob_headers_are_version_suite_kind() {
    for (kind, byte) in [(Kind::KeyShare, 1u8), (Kind::PublicKey, 2), (Kind::SessionState, 5), (Kind::Message, 6), (Kind::Presignature, 7), (Kind::PresignaturePublic, 8)] {
        assert_eq!(&encode(kind, &0u8).unwrap()[..], &[1, 1, byte, 0]);
    }
}

#[test]
fn transcript_challenges_are_pinned() {
    let mut t = Transcript::new("pi-enc", b"session", 7);
    t.append_nat(&Nat::from_u64(0x1234));
    t.append_int(&Int::from_i64(-5));
    t.append_bytes(b"tag");
    let e = t.challenge_signed(&order());
    let bits = t.challenge_bits(16);
    let got = format!("{}{} {:?}", if e.is_negative() { "-" } else { "+" }, hex::encode(e.magnitude().to_be_bytes()), bits.iter().map(|b| u8::from(*b)).collect::<Vec<_>>());
    assert_eq!(got, SNAPSHOT, "the transcript encoding changed");
}

const SNAPSHOT: &str = "-31b5ece65aac8bb69935d179c0bbfe481effd7c13a34f3b662fd85a3c007ab04 [1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1]";
