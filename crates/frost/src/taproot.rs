//! BIP-340 / BIP-341 helpers: tagged hashes, x-only encodings, even-y
//! normalization, the TapTweak, and BIP-340 verification.

use k256::elliptic_curve::ops::Reduce;
use k256::elliptic_curve::point::AffineCoordinates;
use k256::elliptic_curve::sec1::ToEncodedPoint;
use k256::{ProjectivePoint, Scalar, U256};
use sha2::{Digest, Sha256};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::{Code, Error, Result};

/// `tagged_hash(tag, m) = SHA256(SHA256(tag) ‖ SHA256(tag) ‖ m)` (BIP-340).
pub fn tagged_hash(tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let t = Sha256::digest(tag);
    let mut h = Sha256::new().chain_update(t).chain_update(t);
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

fn reduce(bytes: &[u8; 32]) -> Scalar {
    <Scalar as Reduce<U256>>::reduce_bytes(&(*bytes).into())
}

/// The 32-byte x coordinate.
pub fn x_only(p: &ProjectivePoint) -> [u8; 32] {
    p.to_affine().x().into()
}

/// Whether `p` has an even y coordinate.
pub fn has_even_y(p: &ProjectivePoint) -> bool {
    !bool::from(p.to_affine().y_is_odd())
}

/// `p` or `−p`, whichever has even y.
pub fn even(p: &ProjectivePoint) -> ProjectivePoint {
    if has_even_y(p) {
        *p
    } else {
        -*p
    }
}

/// The BIP-340 challenge `e = H_challenge(R.x ‖ P.x ‖ m) mod n`.
pub fn challenge(r: &ProjectivePoint, pk: &ProjectivePoint, msg: &[u8]) -> Scalar {
    reduce(&tagged_hash(b"BIP0340/challenge", &[&x_only(r), &x_only(pk), msg]))
}

/// The BIP-341 tweak `t = H_TapTweak(P.x ‖ merkle_root)` for an even-y internal key.
///
/// # Errors
/// [`Code::InvalidArgument`] if the merkle root is neither empty nor 32 bytes.
pub fn tap_tweak(internal: &ProjectivePoint, merkle_root: &[u8]) -> Result<Scalar> {
    if !merkle_root.is_empty() && merkle_root.len() != 32 {
        return Err(Error::invalid("merkle root must be empty or 32 bytes"));
    }
    Ok(reduce(&tagged_hash(b"TapTweak", &[&x_only(internal), merkle_root])))
}

/// Lift an x-only key (BIP-340 `lift_x`).
///
/// # Errors
/// [`Code::InvalidLength`] or [`Code::InvalidPoint`].
pub fn lift_x(x: &[u8]) -> Result<ProjectivePoint> {
    if x.len() != 32 {
        return Err(Error::new(Code::InvalidLength, "x-only key must be 32 bytes"));
    }
    let mut enc = vec![2u8];
    enc.extend_from_slice(x);
    Secp256k1::decode_point(&enc)
}

/// Verify a BIP-340 signature `sig = R.x ‖ s` on `msg` under the x-only key `px`.
///
/// # Errors
/// [`Code::SignatureInvalid`] (or a decoding error for malformed input).
pub fn verify(px: &[u8], msg: &[u8], sig: &[u8]) -> Result<()> {
    let p = lift_x(px)?;
    if sig.len() != 64 {
        return Err(Error::new(Code::InvalidLength, "BIP-340 signature must be 64 bytes"));
    }
    let (rx, s) = sig.split_at(32);
    let s = Secp256k1::decode_scalar(s)?;
    let e = challenge(&lift_x(rx)?, &p, msg);
    let r = Secp256k1::mul_base(&s) - p * e;
    if Secp256k1::is_identity(&r) || !has_even_y(&r) || x_only(&r).as_slice() != rx {
        return Err(Error::new(Code::SignatureInvalid, "BIP-340 signature does not verify"));
    }
    Ok(())
}

/// Compressed SEC1 encoding (for diagnostics and key info).
pub fn compressed(p: &ProjectivePoint) -> Vec<u8> {
    p.to_affine().to_encoded_point(true).as_bytes().to_vec()
}
