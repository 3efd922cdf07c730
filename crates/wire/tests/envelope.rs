//! Envelope seal/open: roundtrips and every rejection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use rand_core::OsRng;
use sigil_math::Code;
use sigil_wire::header::Expected;
use sigil_wire::{open_envelope, seal_envelope, Header, IdentitySecret, Sealed, BROADCAST};

struct Pair {
    alice: IdentitySecret,
    bob: IdentitySecret,
    carol: IdentitySecret,
}

fn pair() -> Pair {
    Pair {
        alice: IdentitySecret::generate(&mut OsRng),
        bob: IdentitySecret::generate(&mut OsRng),
        carol: IdentitySecret::generate(&mut OsRng),
    }
}

fn header(to: u16) -> Header {
    Header { session: b"session-1".to_vec(), round: 3, from: 1, to, seq: 42 }
}

fn expected(to: u16) -> Expected<'static> {
    Expected { session: b"session-1", round: 3, from: 1, to }
}

fn p2p(p: &Pair, payload: &[u8]) -> Sealed {
    seal_envelope(&mut OsRng, &p.alice, Some(&p.bob.public()), &header(2), payload).unwrap()
}

fn open_err(p: &Pair, exp: &Expected<'_>, body: &[u8], sig: &[u8]) -> Code {
    open_envelope(&p.bob, &p.alice.public(), exp, body, sig).unwrap_err().code()
}

#[test]
fn p2p_roundtrip_hides_payload() {
    let p = pair();
    let payload = b"secret share bytes secret share bytes";
    let sealed = p2p(&p, payload);
    assert!(!sealed.body.windows(payload.len()).any(|w| w == payload));
    let opened = open_envelope(&p.bob, &p.alice.public(), &expected(2), &sealed.body, &sealed.signature).unwrap();
    assert_eq!(opened.payload.as_slice(), payload);
    assert_eq!(opened.header, header(2));
    // A fresh ephemeral key per envelope: same input, different body.
    assert_ne!(p2p(&p, payload).body, sealed.body);
}

#[test]
fn broadcast_is_signed_in_clear() {
    let p = pair();
    let sealed = seal_envelope(&mut OsRng, &p.alice, None, &header(BROADCAST), b"commitments").unwrap();
    assert!(sealed.body.ends_with(b"commitments"));
    let opened = open_envelope(&p.carol, &p.alice.public(), &expected(BROADCAST), &sealed.body, &sealed.signature).unwrap();
    assert_eq!(opened.payload.as_slice(), b"commitments");
    let mut body = sealed.body.clone();
    *body.last_mut().unwrap() ^= 1;
    assert_eq!(open_err(&p, &expected(BROADCAST), &body, &sealed.signature), Code::SignatureInvalid);
}

#[test]
fn p2p_without_recipient_is_rejected() {
    let p = pair();
    let err = seal_envelope(&mut OsRng, &p.alice, None, &header(2), b"x").unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
}

#[test]
fn every_flipped_bit_of_body_or_signature_is_rejected() {
    let p = pair();
    let sealed = p2p(&p, b"payload");
    for i in 0..sealed.body.len() {
        let mut body = sealed.body.clone();
        body[i] ^= 0x01;
        assert_eq!(open_err(&p, &expected(2), &body, &sealed.signature), Code::SignatureInvalid, "body byte {i}");
    }
    for i in 0..64 {
        let mut sig = sealed.signature;
        sig[i] ^= 0x01;
        assert_eq!(open_err(&p, &expected(2), &sealed.body, &sig), Code::SignatureInvalid, "sig byte {i}");
    }
    assert_eq!(open_err(&p, &expected(2), &sealed.body, &sealed.signature[..63]), Code::InvalidLength);
}

#[test]
fn truncated_bodies_are_rejected() {
    let p = pair();
    let sealed = p2p(&p, b"payload");
    for cut in 0..sealed.body.len() {
        assert_eq!(open_err(&p, &expected(2), &sealed.body[..cut], &sealed.signature), Code::SignatureInvalid);
    }
}

#[test]
fn wrong_sender_key_is_rejected() {
    let p = pair();
    let sealed = p2p(&p, b"payload");
    let err = open_envelope(&p.bob, &p.carol.public(), &expected(2), &sealed.body, &sealed.signature).unwrap_err();
    assert_eq!(err.code(), Code::SignatureInvalid);
}

#[test]
fn wrong_recipient_cannot_decrypt() {
    let p = pair();
    let sealed = p2p(&p, b"payload");
    let err = open_envelope(&p.carol, &p.alice.public(), &expected(2), &sealed.body, &sealed.signature).unwrap_err();
    assert_eq!(err.code(), Code::Malformed);
}

#[test]
fn header_binding_is_checked() {
    let p = pair();
    let s = p2p(&p, b"payload");
    let (b, sig) = (&s.body, &s.signature);
    let other_session = Expected { session: b"session-2", ..expected(2) };
    assert_eq!(open_err(&p, &other_session, b, sig), Code::InvalidArgument);
    assert_eq!(open_err(&p, &Expected { round: 4, ..expected(2) }, b, sig), Code::WrongRound);
    assert_eq!(open_err(&p, &Expected { from: 5, ..expected(2) }, b, sig), Code::UnknownParty);
    assert_eq!(open_err(&p, &expected(3), b, sig), Code::UnknownParty);
    // A p2p envelope presented as a broadcast (downgrade) is refused too.
    assert_eq!(open_err(&p, &expected(BROADCAST), b, sig), Code::UnknownParty);
}

#[test]
fn resigned_tampered_header_fails_decryption() {
    // A sender who re-signs a body with an edited header (e.g. another round)
    // still cannot make it decrypt: the header is the AEAD's associated data.
    let p = pair();
    let sealed = p2p(&p, b"payload");
    let mut body = sealed.body.clone();
    let round_at = 2 + 1 + b"session-1".len();
    body[round_at] = 4;
    let resigned = resign(&p.alice, &body);
    let exp = Expected { round: 4, ..expected(2) };
    assert_eq!(open_err(&p, &exp, &body, &resigned), Code::Malformed);
}

#[test]
fn unknown_version_or_suite_is_rejected_after_signature() {
    let p = pair();
    let sealed = p2p(&p, b"payload");
    for at in [0usize, 1] {
        let mut body = sealed.body.clone();
        body[at] = 9;
        let sig = resign(&p.alice, &body);
        assert_eq!(open_err(&p, &expected(2), &body, &sig), Code::UnsupportedVersion);
    }
}

#[test]
fn bad_session_ids_are_rejected_when_sealing() {
    let p = pair();
    for session in [vec![], vec![7u8; 65]] {
        let h = Header { session, ..header(2) };
        let err = seal_envelope(&mut OsRng, &p.alice, Some(&p.bob.public()), &h, b"x").unwrap_err();
        assert_eq!(err.code(), Code::InvalidLength);
    }
}

/// Sign a body as `who` would (to test checks that sit behind the signature).
fn resign(who: &IdentitySecret, body: &[u8]) -> [u8; 64] {
    let key = ed25519_signing_key(who);
    use ed25519_dalek::Signer;
    let mut msg = sigil_wire::envelope::TAG_SIG.to_vec();
    msg.extend_from_slice(body);
    key.sign(&msg).to_bytes()
}

fn ed25519_signing_key(who: &IdentitySecret) -> ed25519_dalek::SigningKey {
    // The blob layout is public: version, kind, ed25519 seed, x25519 secret.
    let blob = who.to_blob();
    ed25519_dalek::SigningKey::from_bytes(blob[2..34].try_into().unwrap())
}

#[test]
fn small_order_recipient_key_is_rejected() {
    let p = pair();
    let mut bytes = p.bob.public().to_bytes();
    bytes[32..].fill(0); // X25519 u = 0 has small order
    let rogue = sigil_wire::IdentityPublic::from_bytes(&bytes).unwrap();
    let err = seal_envelope(&mut OsRng, &p.alice, Some(&rogue), &header(2), b"x").unwrap_err();
    assert_eq!(err.code(), Code::SmallOrderPoint);
}
