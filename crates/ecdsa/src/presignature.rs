//! A presignature: the secret `(k_i, χ_i)` of one signer and the public data
//! of the presigning session. One-time: a presignature MUST NOT sign twice
//! (two signatures with one `R` reveal the key); callers mark its id used in
//! durable storage before a partial signature leaves the node.

use serde::{Deserialize, Serialize};
use sigil_math::curve::{Curve, Secp256k1, SecretScalar};
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::key_share::Point;

/// Length of a presignature id.
pub const ID_LEN: usize = 16;

/// The public side: what a combiner needs to check partial signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresigPublic {
    /// Presignature id (binds the session and `R`).
    pub id: [u8; ID_LEN],
    /// Group public key `X`.
    pub group_key: Point,
    /// `R = δ⁻¹·Γ`.
    pub r: Point,
    /// `Γ = Σ γ_j·G`.
    pub big_gamma: Point,
    /// Per signer `(j, Δ_j = k_j·Γ, S_j = χ_j·Γ)`, ascending by `j`.
    pub parts: Vec<(PartyId, Point, Point)>,
}

/// A signer's presignature (secret, one-time).
#[derive(Clone)]
pub struct Presignature {
    /// `k_i`.
    pub k: SecretScalar<Secp256k1>,
    /// `χ_i`.
    pub chi: SecretScalar<Secp256k1>,
    /// The public side.
    pub public: PresigPublic,
}

impl core::fmt::Debug for Presignature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Presignature(id {:02x?}, <redacted>)", self.public.id)
    }
}

#[derive(Serialize, Deserialize)]
struct StoredPublic {
    id: [u8; ID_LEN],
    group_key: Vec<u8>,
    r: Vec<u8>,
    big_gamma: Vec<u8>,
    parts: Vec<(PartyId, Vec<u8>, Vec<u8>)>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct StoredSecret {
    k: Vec<u8>,
    chi: Vec<u8>,
    #[zeroize(skip)]
    public: Vec<u8>,
}

impl PresigPublic {
    /// The signers.
    pub fn signers(&self) -> Vec<PartyId> {
        self.parts.iter().map(|(j, _, _)| *j).collect()
    }

    /// Versioned blob.
    ///
    /// # Errors
    /// [`Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let enc = Secp256k1::encode_point;
        let stored = StoredPublic {
            id: self.id,
            group_key: enc(&self.group_key),
            r: enc(&self.r),
            big_gamma: enc(&self.big_gamma),
            parts: self.parts.iter().map(|(j, d, s)| (*j, enc(d), enc(s))).collect(),
        };
        blob::encode(Kind::PresignaturePublic, &stored)
    }

    /// Parse and validate a blob from [`PresigPublic::to_bytes`].
    ///
    /// # Errors
    /// Blob and point errors; [`Code::InvalidArgument`] for an empty or unsorted signer list.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let s: StoredPublic = blob::decode(Kind::PresignaturePublic, bytes)?;
        let dec = Secp256k1::decode_point;
        let parts: Vec<(PartyId, Point, Point)> = s.parts.iter().map(|(j, d, x)| Ok((*j, dec(d)?, dec(x)?))).collect::<Result<_>>()?;
        if parts.is_empty() || !parts.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
            return Err(Error::invalid("presignature signer list must be nonempty and ascending"));
        }
        Ok(Self { id: s.id, group_key: dec(&s.group_key)?, r: dec(&s.r)?, big_gamma: dec(&s.big_gamma)?, parts })
    }
}

impl Presignature {
    /// Versioned blob (secret: seal before storing).
    ///
    /// # Errors
    /// [`Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        blob::encode(Kind::Presignature, &StoredSecret { k: self.k.to_bytes(), chi: self.chi.to_bytes(), public: self.public.to_bytes()? })
    }

    /// Parse a blob from [`Presignature::to_bytes`].
    ///
    /// # Errors
    /// Blob, scalar and point errors.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let s: StoredSecret = blob::decode(Kind::Presignature, bytes)?;
        let public = PresigPublic::from_bytes(&s.public)?;
        let k = SecretScalar::new(Secp256k1::decode_scalar(&s.k)?);
        if Secp256k1::scalar_is_zero(k.expose()) {
            return Err(Error::new(Code::InvalidScalar, "presignature nonce is zero"));
        }
        Ok(Self { k, chi: SecretScalar::new(Secp256k1::decode_scalar(&s.chi)?), public })
    }
}
