//! A party's ECDSA key share: its secret `x_i`, its Paillier key, and the
//! public data every signer needs (group key, public shares `X_j`, each
//! party's Paillier modulus and ring-Pedersen parameters).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::curve::{Curve, Secp256k1, SecretScalar};
use sigil_math::paillier::{PublicKey, SecretKey};
use sigil_math::shamir::lagrange_coefficient;
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::zk::ring_pedersen::RingPedersen;

/// A secp256k1 scalar.
pub type Scalar = <Secp256k1 as Curve>::Scalar;
/// A secp256k1 point.
pub type Point = <Secp256k1 as Curve>::Point;

/// One party's public auxiliary data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aux {
    /// Paillier modulus `N_j` (proven Paillier–Blum without small factors).
    pub paillier: PublicKey,
    /// Ring-Pedersen parameters on `N_j` (proven by Πprm).
    pub rp: RingPedersen,
}

/// The public side of a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeyData {
    /// Signers needed.
    pub t: u16,
    /// Group public key `X`.
    pub group_key: Point,
    /// `X_j = x_j·G` for every party.
    pub shares: BTreeMap<PartyId, Point>,
    /// Every party's auxiliary data.
    pub aux: BTreeMap<PartyId, Aux>,
}

/// A party's key share.
#[derive(Clone)]
pub struct KeyShare {
    /// This party.
    pub id: PartyId,
    /// `x_i` (secret).
    pub x: SecretScalar<Secp256k1>,
    /// This party's Paillier key (secret).
    pub paillier: SecretKey,
    /// `λ` of this party's ring-Pedersen parameters (secret): speeds up
    /// verifying the proofs peers make against them.
    pub rp_lambda: Nat,
    /// The public side.
    pub public: PublicKeyData,
}

impl core::fmt::Debug for KeyShare {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "KeyShare(id {}, t {}, n {}, <redacted>)", self.id, self.public.t, self.public.shares.len())
    }
}

#[derive(Serialize, Deserialize)]
struct StoredPublic {
    t: u16,
    group_key: Vec<u8>,
    shares: Vec<(PartyId, Vec<u8>)>,
    aux: Vec<(PartyId, Aux)>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct StoredShare {
    #[zeroize(skip)]
    id: PartyId,
    x: Vec<u8>,
    paillier: Vec<u8>,
    rp_lambda: Vec<u8>,
    #[zeroize(skip)]
    public: Vec<u8>,
}

impl PublicKeyData {
    /// Party ids, ascending.
    pub fn parties(&self) -> Vec<PartyId> {
        self.shares.keys().copied().collect()
    }

    /// `X_j`.
    ///
    /// # Errors
    /// [`Code::UnknownParty`].
    pub fn share(&self, id: PartyId) -> Result<&Point> {
        self.shares.get(&id).ok_or_else(|| Error::new(Code::UnknownParty, format!("party {id} holds no share of this key")))
    }

    /// Party `id`'s auxiliary data.
    ///
    /// # Errors
    /// [`Code::UnknownParty`].
    pub fn aux(&self, id: PartyId) -> Result<&Aux> {
        self.aux.get(&id).ok_or_else(|| Error::new(Code::UnknownParty, format!("party {id} has no auxiliary data in this key")))
    }

    /// `λ_j·X_j`: party `j`'s additive share of `X` for signer set `signers`.
    ///
    /// # Errors
    /// [`Code::UnknownParty`], Lagrange errors.
    pub fn additive_share(&self, j: PartyId, signers: &[PartyId]) -> Result<Point> {
        Ok(Secp256k1::mul(self.share(j)?, &lagrange_coefficient::<Secp256k1>(j, signers)?))
    }

    /// Check a signer set: at least `t` distinct members of this key.
    ///
    /// # Errors
    /// [`Code::InvalidThreshold`], [`Code::UnknownParty`], index errors.
    pub fn check_signers(&self, signers: &[PartyId]) -> Result<()> {
        sigil_math::shamir::check_indices(signers)?;
        if signers.len() < usize::from(self.t) {
            return Err(Error::new(Code::InvalidThreshold, format!("{} signers, the key needs {}", signers.len(), self.t)));
        }
        if let Some(p) = signers.iter().find(|p| !self.shares.contains_key(p)) {
            return Err(Error::new(Code::UnknownParty, format!("party {p} holds no share of this key")));
        }
        Ok(())
    }

    /// Versioned blob.
    ///
    /// # Errors
    /// [`Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let stored = StoredPublic {
            t: self.t,
            group_key: Secp256k1::encode_point(&self.group_key),
            shares: self.shares.iter().map(|(i, p)| (*i, Secp256k1::encode_point(p))).collect(),
            aux: self.aux.iter().map(|(i, a)| (*i, a.clone())).collect(),
        };
        blob::encode(Kind::PublicKey, &stored)
    }

    /// Parse a blob from [`PublicKeyData::to_bytes`], validating every point and modulus.
    ///
    /// # Errors
    /// Blob, point and modulus errors; [`Code::InvalidThreshold`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let s: StoredPublic = blob::decode(Kind::PublicKey, bytes)?;
        let shares: BTreeMap<PartyId, Point> = s.shares.iter().map(|(i, p)| Ok((*i, Secp256k1::decode_point(p)?))).collect::<Result<_>>()?;
        sigil_math::shamir::check_threshold(s.t, u16::try_from(shares.len()).unwrap_or(u16::MAX))?;
        let aux: BTreeMap<PartyId, Aux> = s.aux.into_iter().collect();
        for a in aux.values() {
            a.rp.validate()?;
        }
        Ok(Self { t: s.t, group_key: Secp256k1::decode_point(&s.group_key)?, shares, aux })
    }
}

impl KeyShare {
    /// Versioned blob (secret: seal before storing).
    ///
    /// # Errors
    /// [`Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let stored = StoredShare { id: self.id, x: self.x.to_bytes(), paillier: self.paillier.to_bytes()?, rp_lambda: self.rp_lambda.to_be_bytes(), public: self.public.to_bytes()? };
        blob::encode(Kind::KeyShare, &stored)
    }

    /// Parse a blob from [`KeyShare::to_bytes`] and check its consistency.
    ///
    /// # Errors
    /// Blob errors; [`Code::InvalidShare`] when `x_i·G ≠ X_i` or the Paillier key is not the published one.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let s: StoredShare = blob::decode(Kind::KeyShare, bytes)?;
        let key = Self {
            id: s.id,
            x: SecretScalar::new(Secp256k1::decode_scalar(&s.x)?),
            paillier: SecretKey::from_bytes(&s.paillier)?,
            rp_lambda: Nat::from_be_bytes(&s.rp_lambda),
            public: PublicKeyData::from_bytes(&s.public)?,
        };
        if Secp256k1::mul_base(key.x.expose()) != *key.public.share(key.id)? {
            return Err(Error::new(Code::InvalidShare, "key share does not match its public share"));
        }
        if key.public.aux(key.id)?.paillier != *key.paillier.public_key() {
            return Err(Error::new(Code::InvalidShare, "key share's Paillier key is not the published one"));
        }
        Ok(key)
    }

    /// This party's ring-Pedersen parameters with its trapdoor attached, for
    /// verifying the proofs peers make against them.
    ///
    /// # Errors
    /// [`Code::InvalidShare`] when the stored `λ` does not match the published parameters.
    pub fn own_rp(&self) -> Result<RingPedersen> {
        let rp = self.public.aux(self.id)?.rp.clone();
        rp.with_owner(&self.paillier, &self.rp_lambda).map_err(|_| Error::new(Code::InvalidShare, "key share's ring-Pedersen trapdoor does not match its parameters"))
    }
}
