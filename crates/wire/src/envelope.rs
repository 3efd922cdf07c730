//! Signed (and, peer to peer, encrypted) envelopes.
//!
//! Body: `version (1) ‖ suite (1) ‖ header ‖ sealed`, where `sealed` is
//! * broadcast (`to = 0xFFFF`): the payload in clear;
//! * peer to peer: `ephemeral X25519 public (32) ‖ ChaCha20-Poly1305(payload)`.
//!
//! Peer-to-peer key (one per envelope, so the nonce is zero):
//! `ikm = X25519(e, R) ‖ X25519(s, R)` with the sender's ephemeral `e`, static
//! `s` and the recipient's static `R` (both directions authenticate the
//! recipient; the second binds the sender's static key as well),
//! `key = HKDF-SHA256(ikm, info = "sigil/v1/envelope" ‖ prefix ‖ S_x ‖ R_x)`
//! where `prefix` is the body up to the ciphertext, which is also the AAD.
//!
//! Signature: Ed25519 (RFC 8032, strict verification) by the sender over
//! `"sigil/v1/envelope-sig" ‖ body`. Opening verifies the signature first, then
//! the header binding, then decrypts.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use ed25519_dalek::{Signature, Signer};
use hkdf::Hkdf;
use rand_core::{CryptoRng, RngCore};
use sha2::Sha256;
use sigil_math::{Code, Error, Result};
use x25519_dalek::{EphemeralSecret, PublicKey, SharedSecret, StaticSecret};
use zeroize::Zeroizing;

use crate::header::{Expected, Header};
use crate::identity::{IdentityPublic, IdentitySecret};
use crate::VERSION;

/// Suite byte: X25519 + HKDF-SHA256 + ChaCha20-Poly1305 + Ed25519.
pub const SUITE: u8 = 1;
/// Domain tag of the key derivation.
pub const TAG_KEY: &[u8] = b"sigil/v1/envelope";
/// Domain tag of the signature.
pub const TAG_SIG: &[u8] = b"sigil/v1/envelope-sig";
/// Largest payload accepted (4 MiB).
pub const MAX_PAYLOAD: usize = 4 << 20;

/// A sealed envelope: its body and the sender's signature over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// Versioned body (header and payload, encrypted when peer to peer).
    pub body: Vec<u8>,
    /// Ed25519 signature over the tagged body.
    pub signature: [u8; 64],
}

/// An opened envelope. The payload may hold secret shares: it wipes on drop.
#[derive(Debug)]
pub struct Opened {
    /// The authenticated header (the caller checks `seq` for replays).
    pub header: Header,
    /// The plaintext payload.
    pub payload: Zeroizing<Vec<u8>>,
}

/// Seal `payload` from `sender` under `header`. `recipient` is required for a
/// peer-to-peer header and ignored for a broadcast.
///
/// # Errors
/// [`Code::InvalidLength`] for a bad session id or an oversize payload,
/// [`Code::InvalidArgument`] when a peer-to-peer header has no recipient,
/// [`Code::SmallOrderPoint`] for a recipient X25519 key of small order.
pub fn seal_envelope(
    rng: &mut (impl CryptoRng + RngCore),
    sender: &IdentitySecret,
    recipient: Option<&IdentityPublic>,
    header: &Header,
    payload: &[u8],
) -> Result<Sealed> {
    header.validate()?;
    if payload.len() > MAX_PAYLOAD {
        return Err(Error::new(Code::InvalidLength, "envelope payload exceeds 4 MiB"));
    }
    let mut body = vec![VERSION, SUITE];
    header.encode_into(&mut body);
    if header.is_broadcast() {
        body.extend_from_slice(payload);
    } else {
        let recipient = recipient.ok_or_else(|| Error::invalid("a peer-to-peer envelope needs a recipient"))?;
        seal_p2p(rng, sender, recipient, &mut body, payload)?;
    }
    let mut signed = Vec::with_capacity(TAG_SIG.len() + body.len());
    signed.extend_from_slice(TAG_SIG);
    signed.extend_from_slice(&body);
    let signature = sender.signing_key().sign(&signed).to_bytes();
    Ok(Sealed { body, signature })
}

/// Append `eph_pub ‖ ciphertext` to `body` (which holds the prefix so far).
fn seal_p2p(
    rng: &mut (impl CryptoRng + RngCore),
    sender: &IdentitySecret,
    recipient: &IdentityPublic,
    body: &mut Vec<u8>,
    payload: &[u8],
) -> Result<()> {
    let eph = EphemeralSecret::random_from_rng(&mut *rng);
    body.extend_from_slice(PublicKey::from(&eph).as_bytes());
    let static_secret = sender.x25519_secret();
    let dh_e = eph.diffie_hellman(&recipient.x25519);
    let dh_s = static_secret.diffie_hellman(&recipient.x25519);
    let sender_x = PublicKey::from(&static_secret);
    let cipher = derive_cipher(&dh_e, &dh_s, body, &sender_x, &recipient.x25519)?;
    let ct = cipher
        .encrypt(&Nonce::default(), Payload { msg: payload, aad: body })
        .map_err(|_| Error::bug("envelope encryption failed"))?;
    body.extend_from_slice(&ct);
    Ok(())
}

/// HKDF the two shared secrets into the per-envelope AEAD key.
fn derive_cipher(
    dh_e: &SharedSecret,
    dh_s: &SharedSecret,
    prefix: &[u8],
    sender_x: &PublicKey,
    recipient_x: &PublicKey,
) -> Result<ChaCha20Poly1305> {
    if !dh_e.was_contributory() || !dh_s.was_contributory() {
        return Err(Error::new(Code::SmallOrderPoint, "envelope key agreement with a small-order key"));
    }
    let mut ikm = Zeroizing::new([0u8; 64]);
    let (a, b) = ikm.split_at_mut(32);
    a.copy_from_slice(dh_e.as_bytes());
    b.copy_from_slice(dh_s.as_bytes());
    let mut info = Vec::with_capacity(TAG_KEY.len() + prefix.len() + 64);
    info.extend_from_slice(TAG_KEY);
    info.extend_from_slice(prefix);
    info.extend_from_slice(sender_x.as_bytes());
    info.extend_from_slice(recipient_x.as_bytes());
    let mut key = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(None, ikm.as_slice())
        .expand(&info, key.as_mut_slice())
        .map_err(|_| Error::bug("hkdf output length"))?;
    Ok(ChaCha20Poly1305::new(&Key::from(*key)))
}

/// Open an envelope from `sender` addressed to `me`.
///
/// # Errors
/// In checking order: [`Code::SignatureInvalid`] (bad signature, any tampering),
/// [`Code::UnsupportedVersion`], [`Code::Malformed`] (truncated body),
/// [`Code::InvalidArgument`] / [`Code::WrongRound`] / [`Code::UnknownParty`]
/// (header bound to another session, round, sender or recipient),
/// [`Code::Malformed`] when the ciphertext does not decrypt for `me`.
pub fn open_envelope(
    me: &IdentitySecret,
    sender: &IdentityPublic,
    expected: &Expected<'_>,
    body: &[u8],
    signature: &[u8],
) -> Result<Opened> {
    verify_signature(sender, body, signature)?;
    let rest = match body {
        [VERSION, SUITE, rest @ ..] => rest,
        [_, _, ..] => return Err(Error::new(Code::UnsupportedVersion, "envelope version or suite unknown")),
        _ => return Err(Error::new(Code::Malformed, "envelope body is truncated")),
    };
    let (header, sealed) = Header::decode(rest)?;
    expected.check(&header)?;
    let payload = if header.is_broadcast() {
        Zeroizing::new(sealed.to_vec())
    } else {
        let prefix_len = body.len() - sealed.len();
        open_p2p(me, sender, body.get(..prefix_len).unwrap_or_default(), sealed)?
    };
    Ok(Opened { header, payload })
}

/// Strict Ed25519 verification of the tagged body.
fn verify_signature(sender: &IdentityPublic, body: &[u8], signature: &[u8]) -> Result<()> {
    let sig = Signature::from_slice(signature)
        .map_err(|_| Error::new(Code::InvalidLength, "envelope signature must be 64 bytes"))?;
    let mut signed = Vec::with_capacity(TAG_SIG.len() + body.len());
    signed.extend_from_slice(TAG_SIG);
    signed.extend_from_slice(body);
    sender
        .ed25519
        .verify_strict(&signed, &sig)
        .map_err(|_| Error::new(Code::SignatureInvalid, "envelope signature does not verify"))
}

/// Decrypt `eph_pub ‖ ciphertext` with the recipient's static key.
fn open_p2p(me: &IdentitySecret, sender: &IdentityPublic, prefix: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let (eph, ct) = sealed
        .split_first_chunk::<32>()
        .ok_or_else(|| Error::new(Code::Malformed, "envelope ciphertext is truncated"))?;
    let mut aad = prefix.to_vec();
    aad.extend_from_slice(eph);
    let my_secret: StaticSecret = me.x25519_secret();
    let dh_e = my_secret.diffie_hellman(&PublicKey::from(*eph));
    let dh_s = my_secret.diffie_hellman(&sender.x25519);
    let cipher = derive_cipher(&dh_e, &dh_s, &aad, &sender.x25519, &PublicKey::from(&my_secret))?;
    cipher
        .decrypt(&Nonce::default(), Payload { msg: ct, aad: &aad })
        .map(Zeroizing::new)
        .map_err(|_| Error::new(Code::Malformed, "envelope does not decrypt for this recipient"))
}
