//! secp256k1 through `k256` (constant-time arithmetic).

use k256::elliptic_curve::group::prime::PrimeCurveAffine;
use k256::elliptic_curve::group::Group as _;
use k256::elliptic_curve::ops::{LinearCombination, MulByGenerator};
use k256::elliptic_curve::hash2curve::{ExpandMsgXmd, GroupDigest};
use k256::elliptic_curve::ops::Reduce;
use k256::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
use k256::elliptic_curve::{Field as _, PrimeField as _};
use k256::{AffinePoint, EncodedPoint, FieldBytes, ProjectivePoint, Scalar, U256};
use rand_core::{CryptoRng, RngCore};
use sha2::Sha256;

use super::{dst, expect_len, framed, Curve};
use crate::error::{Code, Error, Result};

/// The field prime p = 2²⁵⁶ − 2³² − 977, big-endian (SEC 2 §2.4.1).
const FIELD_P: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xfc, 0x2f,
];

/// secp256k1 (SEC 2), the curve of Bitcoin, EVM chains and Cosmos.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Secp256k1;

impl Curve for Secp256k1 {
    const NAME: &'static str = "secp256k1";
    const ID: u8 = 1;
    const SCALAR_LEN: usize = 32;
    const POINT_LEN: usize = 33;

    type Scalar = Scalar;
    type Point = ProjectivePoint;

    fn generator() -> ProjectivePoint {
        ProjectivePoint::GENERATOR
    }

    fn identity() -> ProjectivePoint {
        ProjectivePoint::IDENTITY
    }

    fn is_identity(p: &ProjectivePoint) -> bool {
        bool::from(p.is_identity())
    }

    fn mul_base(s: &Scalar) -> ProjectivePoint {
        ProjectivePoint::mul_by_generator(s)
    }

    fn mul(p: &ProjectivePoint, s: &Scalar) -> ProjectivePoint {
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
        Option::from(s.invert())
    }

    fn random_scalar(rng: &mut (impl CryptoRng + RngCore)) -> Scalar {
        loop {
            let s = Scalar::random(&mut *rng);
            if !bool::from(s.is_zero()) {
                return s;
            }
        }
    }

    fn encode_scalar(s: &Scalar) -> Vec<u8> {
        s.to_bytes().to_vec()
    }

    fn decode_scalar(bytes: &[u8]) -> Result<Scalar> {
        expect_len(bytes, 32, "secp256k1 scalar")?;
        let mut repr = FieldBytes::default();
        repr.copy_from_slice(bytes);
        Option::from(Scalar::from_repr(repr)).ok_or_else(|| Error::new(Code::InvalidScalar, "secp256k1 scalar is not below the group order"))
    }

    fn encode_point(p: &ProjectivePoint) -> Vec<u8> {
        let affine = p.to_affine();
        if bool::from(affine.is_identity()) {
            return vec![0u8; 33];
        }
        affine.to_encoded_point(true).as_bytes().to_vec()
    }

    fn decode_point(bytes: &[u8]) -> Result<ProjectivePoint> {
        expect_len(bytes, 33, "secp256k1 point")?;
        let (prefix, x) = bytes.split_first().ok_or_else(|| Error::new(Code::InvalidLength, "empty point"))?;
        if *prefix == 0 && x.iter().all(|b| *b == 0) {
            return Err(Error::new(Code::IdentityPoint, "secp256k1 point is the identity"));
        }
        if *prefix != 2 && *prefix != 3 {
            return Err(Error::new(Code::NonCanonical, "secp256k1 point must be SEC 1 compressed (02/03)"));
        }
        if x >= FIELD_P.as_slice() {
            return Err(Error::new(Code::NonCanonical, "secp256k1 x-coordinate is not below p"));
        }
        let encoded = EncodedPoint::from_bytes(bytes).map_err(|_| Error::new(Code::InvalidPoint, "bad SEC 1 encoding"))?;
        let affine: Option<AffinePoint> = AffinePoint::from_encoded_point(&encoded).into();
        let affine = affine.ok_or_else(|| Error::new(Code::InvalidPoint, "secp256k1 point is not on the curve"))?;
        Ok(ProjectivePoint::from(affine))
    }

    fn multi_mul_vartime(terms: &[(Scalar, ProjectivePoint)]) -> ProjectivePoint {
        // Generator terms share one table-based multiplication, unit scalars are
        // plain additions, the rest go two at a time through Strauss–Shamir.
        let mut g = Scalar::ZERO;
        let mut acc = ProjectivePoint::IDENTITY;
        let mut rest: Vec<&(Scalar, ProjectivePoint)> = Vec::with_capacity(terms.len());
        for term in terms {
            if term.1 == ProjectivePoint::GENERATOR {
                g += term.0;
            } else if term.0 == Scalar::ONE {
                acc += term.1;
            } else {
                rest.push(term);
            }
        }
        for pair in rest.chunks(2) {
            acc += match pair {
                [(a, p), (b, q)] => ProjectivePoint::lincomb(p, a, q, b),
                [(a, p)] => p * a,
                _ => ProjectivePoint::IDENTITY,
            };
        }
        acc + ProjectivePoint::mul_by_generator(&g)
    }

    fn hash_to_scalar(tag: &str, parts: &[&[u8]]) -> Scalar {
        let d = dst(tag);
        let msg = framed(parts);
        // RFC 9380 hash_to_field with expand_message_xmd(SHA-256); L = 48 bytes.
        match k256::Secp256k1::hash_to_scalar::<ExpandMsgXmd<Sha256>>(&[&msg], &[&d]) {
            Ok(s) => s,
            // Only fails for a DST over 255 bytes; tags are short constants. Fall back to a
            // plain reduction of SHA-256 so the function stays total.
            Err(_) => {
                use sha2::Digest;
                let h = Sha256::new().chain_update(&d).chain_update(&msg).finalize();
                <Scalar as Reduce<U256>>::reduce_bytes(&h)
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_rejections() {
        let s = Secp256k1::random_scalar(&mut rand_core::OsRng);
        let p = Secp256k1::mul_base(&s);
        let enc = Secp256k1::encode_point(&p);
        assert_eq!(Secp256k1::decode_point(&enc).unwrap(), p);
        assert_eq!(Secp256k1::decode_scalar(&Secp256k1::encode_scalar(&s)).unwrap(), s);
        assert_eq!(Secp256k1::decode_point(&[0u8; 33]).unwrap_err().code(), Code::IdentityPoint);
        let mut bad = enc.clone();
        bad[0] = 4;
        assert_eq!(Secp256k1::decode_point(&bad).unwrap_err().code(), Code::NonCanonical);
        let mut big = [0xffu8; 33];
        big[0] = 2;
        assert_eq!(Secp256k1::decode_point(&big).unwrap_err().code(), Code::NonCanonical);
        assert_eq!(Secp256k1::decode_scalar(&[0xff; 32]).unwrap_err().code(), Code::InvalidScalar);
        assert_eq!(Secp256k1::decode_scalar(&[1; 31]).unwrap_err().code(), Code::InvalidLength);
    }

    #[test]
    fn off_curve_x_is_invalid() {
        // x = 5: 5³ + 7 = 132 is not a square mod p.
        let mut enc = [0u8; 33];
        enc[0] = 2;
        enc[32] = 5;
        assert_eq!(Secp256k1::decode_point(&enc).unwrap_err().code(), Code::InvalidPoint);
    }

    #[test]
    fn hash_is_domain_separated() {
        let a = Secp256k1::hash_to_scalar("a", &[b"m"]);
        assert_eq!(a, Secp256k1::hash_to_scalar("a", &[b"m"]));
        assert_ne!(a, Secp256k1::hash_to_scalar("b", &[b"m"]));
        assert_ne!(Secp256k1::hash_to_scalar("a", &[b"ab", b"c"]), Secp256k1::hash_to_scalar("a", &[b"a", b"bc"]));
    }
}
