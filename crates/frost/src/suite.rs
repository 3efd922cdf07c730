//! FROST ciphersuites: the hash functions H1–H5 and signature encodings of
//! RFC 9591 §6.5 (Ed25519, SHA-512) and §6.4 (secp256k1, SHA-256), plus a
//! BIP-340 variant for Taproot whose challenge is BIP-340's tagged hash.

use k256::elliptic_curve::hash2curve::{ExpandMsgXmd, GroupDigest};
use sha2::{Digest, Sha256, Sha512};
use sigil_math::curve::{Curve, Ed25519, Secp256k1};

use crate::taproot;

/// Suite ids (byte 1 of every FROST blob).
pub mod id {
    /// FROST(Ed25519, SHA-512).
    pub const ED25519: u8 = 1;
    /// FROST(secp256k1, SHA-256).
    pub const SECP256K1: u8 = 2;
    /// FROST(secp256k1, SHA-256) with BIP-340 signatures (Taproot).
    pub const SECP256K1_TR: u8 = 3;
}

/// A FROST ciphersuite.
pub trait Ciphersuite: Copy + Clone + PartialEq + Eq + core::fmt::Debug + Send + Sync + 'static {
    /// The prime-order group.
    type C: Curve;
    /// Suite id byte.
    const ID: u8;
    /// Suite name used by ops: `ed25519`, `secp256k1`, `secp256k1-tr`.
    const NAME: &'static str;
    /// RFC 9591 `contextString`.
    const CONTEXT: &'static [u8];
    /// Whether keys and nonces are normalized to even y (BIP-340).
    const EVEN_Y: bool = false;

    /// H1: binding factors.
    fn h1(m: &[u8]) -> Scalar<Self>;
    /// H2: the challenge over `R ‖ PK ‖ msg` (already encoded).
    fn challenge(r: &Point<Self>, pk: &Point<Self>, msg: &[u8]) -> Scalar<Self>;
    /// H3: nonce derivation.
    fn h3(m: &[u8]) -> Scalar<Self>;
    /// H4: message hash.
    fn h4(m: &[u8]) -> Vec<u8>;
    /// H5: commitment-list hash.
    fn h5(m: &[u8]) -> Vec<u8>;
    /// The wire form of a signature `(R, z)`.
    fn encode_signature(r: &Point<Self>, z: &Scalar<Self>) -> Vec<u8>;
}

/// Scalar of a suite's group.
pub type Scalar<S> = <<S as Ciphersuite>::C as Curve>::Scalar;
/// Point of a suite's group.
pub type Point<S> = <<S as Ciphersuite>::C as Curve>::Point;

fn with_prefix(ctx: &[u8], tag: &[u8], m: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(ctx.len() + tag.len() + m.len());
    v.extend_from_slice(ctx);
    v.extend_from_slice(tag);
    v.extend_from_slice(m);
    v
}

/// `SerializeElement(R) ‖ SerializeElement(PK) ‖ msg`, the H2 input of RFC 9591 §5.2.
fn challenge_input<C: Curve>(r: &C::Point, pk: &C::Point, msg: &[u8]) -> Vec<u8> {
    let mut input = C::encode_point(r);
    input.extend_from_slice(&C::encode_point(pk));
    input.extend_from_slice(msg);
    input
}

/// `SerializeElement(R) ‖ SerializeScalar(z)`, the RFC 9591 signature encoding.
fn rfc_signature<C: Curve>(r: &C::Point, z: &C::Scalar) -> Vec<u8> {
    let mut out = C::encode_point(r);
    out.extend_from_slice(&C::encode_scalar(z));
    out
}

fn ed_wide(bytes: &[u8]) -> curve25519_dalek::Scalar {
    let mut wide = [0u8; 64];
    wide.copy_from_slice(&Sha512::digest(bytes));
    curve25519_dalek::Scalar::from_bytes_mod_order_wide(&wide)
}

/// FROST(Ed25519, SHA-512), RFC 9591 §6.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ed25519Sha512;

impl Ciphersuite for Ed25519Sha512 {
    type C = Ed25519;
    const ID: u8 = id::ED25519;
    const NAME: &'static str = "ed25519";
    const CONTEXT: &'static [u8] = b"FROST-ED25519-SHA512-v1";

    fn h1(m: &[u8]) -> Scalar<Self> {
        ed_wide(&with_prefix(Self::CONTEXT, b"rho", m))
    }
    fn challenge(r: &Point<Self>, pk: &Point<Self>, msg: &[u8]) -> Scalar<Self> {
        // H2 has no context string, for compatibility with RFC 8032 verifiers.
        ed_wide(&challenge_input::<Ed25519>(r, pk, msg))
    }
    fn h3(m: &[u8]) -> Scalar<Self> {
        ed_wide(&with_prefix(Self::CONTEXT, b"nonce", m))
    }
    fn h4(m: &[u8]) -> Vec<u8> {
        Sha512::digest(with_prefix(Self::CONTEXT, b"msg", m)).to_vec()
    }
    fn h5(m: &[u8]) -> Vec<u8> {
        Sha512::digest(with_prefix(Self::CONTEXT, b"com", m)).to_vec()
    }
    fn encode_signature(r: &Point<Self>, z: &Scalar<Self>) -> Vec<u8> {
        rfc_signature::<Ed25519>(r, z)
    }
}

/// RFC 9380 hash_to_field into the secp256k1 scalar field (expand_message_xmd, SHA-256, L = 48).
pub(crate) fn secp_hash_to_field(dst: &[u8], m: &[u8]) -> k256::Scalar {
    match k256::Secp256k1::hash_to_scalar::<ExpandMsgXmd<Sha256>>(&[m], &[dst]) {
        Ok(s) => s,
        // Only a DST over 255 bytes fails; ours are short constants.
        Err(_) => k256::Scalar::ZERO,
    }
}

macro_rules! secp_hashes {
    () => {
        fn h1(m: &[u8]) -> Scalar<Self> {
            secp_hash_to_field(&with_prefix(Self::CONTEXT, b"rho", b""), m)
        }
        fn h3(m: &[u8]) -> Scalar<Self> {
            secp_hash_to_field(&with_prefix(Self::CONTEXT, b"nonce", b""), m)
        }
        fn h4(m: &[u8]) -> Vec<u8> {
            Sha256::digest(with_prefix(Self::CONTEXT, b"msg", m)).to_vec()
        }
        fn h5(m: &[u8]) -> Vec<u8> {
            Sha256::digest(with_prefix(Self::CONTEXT, b"com", m)).to_vec()
        }
    };
}

/// FROST(secp256k1, SHA-256), RFC 9591 §6.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Secp256k1Sha256;

impl Ciphersuite for Secp256k1Sha256 {
    type C = Secp256k1;
    const ID: u8 = id::SECP256K1;
    const NAME: &'static str = "secp256k1";
    const CONTEXT: &'static [u8] = b"FROST-secp256k1-SHA256-v1";

    secp_hashes!();

    fn challenge(r: &Point<Self>, pk: &Point<Self>, msg: &[u8]) -> Scalar<Self> {
        secp_hash_to_field(&with_prefix(Self::CONTEXT, b"chal", b""), &challenge_input::<Secp256k1>(r, pk, msg))
    }
    fn encode_signature(r: &Point<Self>, z: &Scalar<Self>) -> Vec<u8> {
        rfc_signature::<Secp256k1>(r, z)
    }
}

/// FROST over secp256k1 producing BIP-340 Schnorr signatures (Taproot):
/// x-only keys, `R` and the group key normalized to even y, challenge
/// `tagged_hash("BIP0340/challenge", R.x ‖ P.x ‖ m)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Secp256k1Tr;

impl Ciphersuite for Secp256k1Tr {
    type C = Secp256k1;
    const ID: u8 = id::SECP256K1_TR;
    const NAME: &'static str = "secp256k1-tr";
    const CONTEXT: &'static [u8] = b"FROST-secp256k1-SHA256-TR-v1";
    const EVEN_Y: bool = true;

    secp_hashes!();

    fn challenge(r: &Point<Self>, pk: &Point<Self>, msg: &[u8]) -> Scalar<Self> {
        taproot::challenge(r, pk, msg)
    }
    fn encode_signature(r: &Point<Self>, z: &Scalar<Self>) -> Vec<u8> {
        let mut out = taproot::x_only(r).to_vec();
        out.extend_from_slice(&Secp256k1::encode_scalar(z));
        out
    }
}
