//! Ed25519's group (edwards25519) through `curve25519-dalek` (constant-time arithmetic).

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{Identity, IsIdentity, VartimeMultiscalarMul};
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha512};

use super::{dst, expect_len, framed, Curve};
use crate::error::{Code, Error, Result};

/// edwards25519 with the RFC 8032 encodings, restricted to the prime-order subgroup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ed25519;

impl Curve for Ed25519 {
    const NAME: &'static str = "ed25519";
    const ID: u8 = 2;
    const SCALAR_LEN: usize = 32;
    const POINT_LEN: usize = 32;

    type Scalar = Scalar;
    type Point = EdwardsPoint;

    fn generator() -> EdwardsPoint {
        ED25519_BASEPOINT_POINT
    }

    fn identity() -> EdwardsPoint {
        EdwardsPoint::identity()
    }

    fn is_identity(p: &EdwardsPoint) -> bool {
        p.is_identity()
    }

    fn mul_base(s: &Scalar) -> EdwardsPoint {
        EdwardsPoint::mul_base(s)
    }

    fn mul(p: &EdwardsPoint, s: &Scalar) -> EdwardsPoint {
        p * s
    }

    fn scalar_from_u64(v: u64) -> Scalar {
        Scalar::from(v)
    }

    fn scalar_zero() -> Scalar {
        Scalar::ZERO
    }

    fn scalar_one() -> Scalar {
        Scalar::ONE
    }

    fn scalar_invert(s: &Scalar) -> Option<Scalar> {
        if Self::scalar_is_zero(s) {
            None
        } else {
            Some(s.invert())
        }
    }

    fn random_scalar(rng: &mut (impl CryptoRng + RngCore)) -> Scalar {
        loop {
            let s = Scalar::random(&mut *rng);
            if !Self::scalar_is_zero(&s) {
                return s;
            }
        }
    }

    fn encode_scalar(s: &Scalar) -> Vec<u8> {
        s.to_bytes().to_vec()
    }

    fn decode_scalar(bytes: &[u8]) -> Result<Scalar> {
        expect_len(bytes, 32, "ed25519 scalar")?;
        let mut arr = [0u8; 32];
        arr.copy_from_slice(bytes);
        Option::from(Scalar::from_canonical_bytes(arr)).ok_or_else(|| Error::new(Code::InvalidScalar, "ed25519 scalar is not below ℓ"))
    }

    fn encode_point(p: &EdwardsPoint) -> Vec<u8> {
        p.compress().to_bytes().to_vec()
    }

    fn decode_point(bytes: &[u8]) -> Result<EdwardsPoint> {
        let point = decompress_canonical(bytes)?;
        if point.is_identity() {
            return Err(Error::new(Code::IdentityPoint, "ed25519 point is the identity"));
        }
        if point.is_small_order() || !torsion_free_vartime(&point) {
            return Err(Error::new(Code::SmallOrderPoint, "ed25519 point is not in the prime-order subgroup"));
        }
        Ok(point)
    }

    fn multi_mul_vartime(terms: &[(Scalar, EdwardsPoint)]) -> EdwardsPoint {
        EdwardsPoint::vartime_multiscalar_mul(terms.iter().map(|(s, _)| s), terms.iter().map(|(_, p)| p))
    }

    fn decode_point_trusted(bytes: &[u8]) -> Result<EdwardsPoint> {
        let point = decompress_canonical(bytes)?;
        if point.is_identity() {
            return Err(Error::new(Code::IdentityPoint, "ed25519 point is the identity"));
        }
        Ok(point)
    }

    fn hash_to_scalar(tag: &str, parts: &[&[u8]]) -> Scalar {
        let d = dst(tag);
        let h = Sha512::new().chain_update((d.len() as u64).to_be_bytes()).chain_update(&d).chain_update(framed(parts)).finalize();
        let mut wide = [0u8; 64];
        wide.copy_from_slice(&h);
        Scalar::from_bytes_mod_order_wide(&wide)
    }
}

/// Whether `P` lies in the prime-order subgroup, in variable time (`P` is
/// public). Write `P = Q + T` with `T` of order dividing 8; then
/// `8·(8⁻¹ mod ℓ)·P = Q`, which equals `P` exactly when `T = 𝒪`. One
/// variable-time multiplication instead of a constant-time `ℓ·P`.
fn torsion_free_vartime(p: &EdwardsPoint) -> bool {
    let inv8 = Scalar::from(8u64).invert();
    let q = EdwardsPoint::vartime_double_scalar_mul_basepoint(&inv8, p, &Scalar::ZERO).mul_by_cofactor();
    q == *p
}

/// Decompress, rejecting encodings that do not re-encode identically
/// (dalek accepts `y ≥ p` and a sign bit on `x = 0`).
fn decompress_canonical(bytes: &[u8]) -> Result<EdwardsPoint> {
    expect_len(bytes, 32, "ed25519 point")?;
    let compressed = CompressedEdwardsY::from_slice(bytes).map_err(|_| Error::new(Code::InvalidLength, "ed25519 point"))?;
    let point = compressed.decompress().ok_or_else(|| Error::new(Code::InvalidPoint, "ed25519 point is not on the curve"))?;
    if point.compress().as_bytes() != bytes {
        return Err(Error::new(Code::NonCanonical, "ed25519 point encoding is not canonical"));
    }
    Ok(point)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn hex32(s: &str) -> Vec<u8> {
        (0..32).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn small_order_and_torsion_are_rejected() {
        let order8 = hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
        assert_eq!(Ed25519::decode_point(&order8).unwrap_err().code(), Code::SmallOrderPoint);
        let t = CompressedEdwardsY::from_slice(&order8).unwrap().decompress().unwrap();
        let p = Ed25519::mul_base(&Scalar::from(7u64)) + t;
        assert_eq!(Ed25519::decode_point(&Ed25519::encode_point(&p)).unwrap_err().code(), Code::SmallOrderPoint);
        let mut id = [0u8; 32];
        id[0] = 1;
        assert_eq!(Ed25519::decode_point(&id).unwrap_err().code(), Code::IdentityPoint);
    }

    #[test]
    fn fast_torsion_check_agrees_with_dalek() {
        let order8 = CompressedEdwardsY::from_slice(&hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")).unwrap().decompress().unwrap();
        for k in 1..20u64 {
            let p = Ed25519::mul_base(&Scalar::from(k * 7919));
            assert!(torsion_free_vartime(&p) && p.is_torsion_free());
            let q = p + order8;
            assert!(!torsion_free_vartime(&q) && !q.is_torsion_free());
        }
    }

    #[test]
    fn non_canonical_is_rejected() {
        // y = p + 2 (non-canonical encoding of y = 2 — off-curve or not, it must not decode).
        let mut y = [0xffu8; 32];
        y[0] = 0xef;
        y[31] = 0x7f;
        assert!(Ed25519::decode_point(&y).is_err());
        let s = Ed25519::random_scalar(&mut rand_core::OsRng);
        let p = Ed25519::mul_base(&s);
        assert_eq!(Ed25519::decode_point(&Ed25519::encode_point(&p)).unwrap(), p);
        assert_eq!(Ed25519::decode_scalar(&[0xff; 32]).unwrap_err().code(), Code::InvalidScalar);
    }
}
