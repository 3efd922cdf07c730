//! The `wire.*` op table end to end through the framing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use sigil_math::codec::OpFn;
use sigil_math::Code;

fn op(name: &str) -> OpFn {
    sigil_wire::ops::table().into_iter().find(|(n, _)| *n == name).map(|(_, f)| f).unwrap()
}

fn call(name: &str, args: &[&[u8]]) -> Result<Vec<Vec<u8>>, Code> {
    op(name)(args).map_err(|e| e.code())
}

#[test]
fn table_names_are_unique_and_prefixed() {
    let t = sigil_wire::ops::table();
    let mut names: Vec<_> = t.iter().map(|(n, _)| *n).collect();
    assert!(names.iter().all(|n| n.starts_with("wire.")));
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), t.len());
    assert_eq!(t.len(), 7);
}

#[test]
fn envelope_ops_roundtrip_and_reject() {
    let a = call("wire.identity_generate", &[]).unwrap();
    let b = call("wire.identity_generate", &[]).unwrap();
    assert_eq!((a[0].len(), a[1].len()), (66, 64));
    assert_eq!(call("wire.identity_public", &[&a[0]]).unwrap()[0], a[1]);
    let seq = 5u64.to_le_bytes();
    let (r, f, t) = (1u16.to_le_bytes(), 1u16.to_le_bytes(), 2u16.to_le_bytes());
    let sealed = call("wire.seal_envelope", &[&a[0], &b[1], b"s", &r, &f, &t, &seq, b"hello"]).unwrap();
    let opened = call("wire.open_envelope", &[&b[0], &a[1], b"s", &r, &f, &t, &sealed[0], &sealed[1]]).unwrap();
    assert_eq!(opened, vec![b"hello".to_vec(), seq.to_vec()]);
    // Wrong argument widths and counts.
    assert_eq!(call("wire.open_envelope", &[&b[0], &a[1], b"s", &r[..1], &f, &t, &sealed[0], &sealed[1]]), Err(Code::InvalidLength));
    assert_eq!(call("wire.seal_envelope", &[&a[0], &b[1], b"s", &r, &f, &t, &seq[..4], b"x"]), Err(Code::InvalidLength));
    assert_eq!(call("wire.identity_public", &[]), Err(Code::InvalidArgument));
    assert_eq!(call("wire.identity_public", &[&a[0][..65]]), Err(Code::InvalidLength));
    // Broadcast: empty recipient.
    let bc = 0xFFFFu16.to_le_bytes();
    let s = call("wire.seal_envelope", &[&a[0], b"", b"s", &r, &f, &bc, &seq, b"all"]).unwrap();
    let o = call("wire.open_envelope", &[&b[0], &a[1], b"s", &r, &f, &bc, &s[0], &s[1]]).unwrap();
    assert_eq!(o[0], b"all");
}

#[test]
fn share_ops_roundtrip_and_reject() {
    let m = call("wire.master_key", &[&[9u8; 32]]).unwrap().remove(0);
    let (p, v) = (2u16.to_le_bytes(), 1u16.to_le_bytes());
    let blob = call("wire.seal_share", &[&m, b"k1", &p, b"secp256k1", b"cggmp21", &v, b"share"]).unwrap().remove(0);
    let out = call("wire.open_share", &[&m, b"k1", &p, b"secp256k1", b"cggmp21", &v, &blob]).unwrap();
    assert_eq!(out[0], b"share");
    assert_eq!(call("wire.open_share", &[&m, b"k2", &p, b"secp256k1", b"cggmp21", &v, &blob]), Err(Code::InvalidArgument));
    assert_eq!(call("wire.open_share", &[&m, b"k1", &p, &[0xff], b"cggmp21", &v, &blob]), Err(Code::InvalidArgument));
    assert_eq!(call("wire.master_key", &[&[9u8; 33]]), Err(Code::InvalidLength));
}
