//! Key material: a party's key package and the public key package, their
//! blobs, and the trusted-dealer split (tests and migration of existing keys).

use std::collections::BTreeMap;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::curve::{Curve, SecretScalar};
use sigil_math::shamir;
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::suite::{Ciphersuite, Point};

/// The public side of a key: threshold, group key and every verifying share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeyPackage<S: Ciphersuite> {
    /// Signers needed.
    pub t: u16,
    /// The group public key `Y`.
    pub group_key: Point<S>,
    /// `Y_i = s_i·G` for each party.
    pub shares: BTreeMap<PartyId, Point<S>>,
}

/// A party's key package: its secret signing share and the public package.
#[derive(Clone)]
pub struct KeyPackage<S: Ciphersuite> {
    /// This party.
    pub id: PartyId,
    /// `s_i` (secret).
    pub signing_share: SecretScalar<S::C>,
    /// The public side.
    pub public: PublicKeyPackage<S>,
}

impl<S: Ciphersuite> core::fmt::Debug for KeyPackage<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "KeyPackage<{}>(id {}, share <redacted>)", S::NAME, self.id)
    }
}

#[derive(Serialize, Deserialize)]
struct StoredPublic {
    t: u16,
    group_key: Vec<u8>,
    shares: Vec<(PartyId, Vec<u8>)>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct StoredKey {
    id: PartyId,
    share: Vec<u8>,
    #[zeroize(skip)]
    public: Vec<u8>,
}

impl<S: Ciphersuite> PublicKeyPackage<S> {
    /// Number of parties.
    pub fn n(&self) -> u16 {
        u16::try_from(self.shares.len()).unwrap_or(u16::MAX)
    }

    /// `Y_i` of party `id`.
    ///
    /// # Errors
    /// [`Code::UnknownParty`].
    pub fn share(&self, id: PartyId) -> Result<&Point<S>> {
        self.shares.get(&id).ok_or_else(|| Error::new(Code::UnknownParty, format!("party {id} holds no share of this key")))
    }

    /// Versioned blob.
    ///
    /// # Errors
    /// [`Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let stored = StoredPublic {
            t: self.t,
            group_key: S::C::encode_point(&self.group_key),
            shares: self.shares.iter().map(|(i, p)| (*i, S::C::encode_point(p))).collect(),
        };
        blob::encode(S::ID, Kind::PublicKeyPackage, &stored)
    }

    /// Parse a blob this core produced (points were fully validated when the
    /// DKG accepted them; blobs are sealed at rest): canonical points, no
    /// identity, `1 ≤ t ≤ n`.
    ///
    /// # Errors
    /// Blob and point errors; [`Code::InvalidThreshold`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let stored: StoredPublic = blob::decode(S::ID, Kind::PublicKeyPackage, bytes)?;
        let mut shares = BTreeMap::new();
        for (i, p) in &stored.shares {
            if *i == 0 || shares.insert(*i, S::C::decode_point_trusted(p)?).is_some() {
                return Err(Error::new(Code::Malformed, "bad party list in public key package"));
            }
        }
        let pkg = Self { t: stored.t, group_key: S::C::decode_point_trusted(&stored.group_key)?, shares };
        shamir::check_threshold(pkg.t, pkg.n())?;
        Ok(pkg)
    }
}

impl<S: Ciphersuite> KeyPackage<S> {
    /// Versioned blob (secret: seal before storing).
    ///
    /// # Errors
    /// [`Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let stored = StoredKey { id: self.id, share: self.signing_share.to_bytes(), public: self.public.to_bytes()? };
        blob::encode(S::ID, Kind::KeyPackage, &stored)
    }

    /// Parse a blob this core produced. Its integrity rests on the AEAD that
    /// seals it at rest; [`KeyPackage::check`] re-derives `Y_i` when wanted.
    ///
    /// # Errors
    /// Blob, scalar and point errors; [`Code::UnknownParty`] if the package lacks its own party.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let stored: StoredKey = blob::decode(S::ID, Kind::KeyPackage, bytes)?;
        let public = PublicKeyPackage::<S>::from_bytes(&stored.public)?;
        public.share(stored.id)?;
        let share = SecretScalar::new(S::C::decode_scalar(&stored.share)?);
        Ok(Self { id: stored.id, signing_share: share, public })
    }

    /// Check that the signing share matches its verifying share (`s_i·G = Y_i`).
    ///
    /// # Errors
    /// [`Code::InvalidShare`] blaming this party.
    pub fn check(&self) -> Result<()> {
        if S::C::mul_base(self.signing_share.expose()) != *self.public.share(self.id)? {
            return Err(Error::blame(Code::InvalidShare, "key package share does not match its verifying share", vec![self.id]));
        }
        Ok(())
    }
}

/// Split `secret` with a trusted dealer into key packages for parties `1..=n`.
///
/// # Errors
/// [`Code::InvalidThreshold`].
pub fn dealer_split<S: Ciphersuite>(
    secret: &<S::C as Curve>::Scalar,
    t: u16,
    n: u16,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<(PublicKeyPackage<S>, Vec<KeyPackage<S>>)> {
    let (commitments, shares) = shamir::split::<S::C>(secret, t, n, rng)?;
    let group_key = commitments.first().copied().ok_or_else(|| Error::bug("no commitments"))?;
    let verifying = shares.iter().map(|(i, s)| (*i, S::C::mul_base(s.expose()))).collect();
    let public = PublicKeyPackage { t, group_key, shares: verifying };
    let packages = shares.into_iter().map(|(id, s)| KeyPackage { id, signing_share: s, public: public.clone() }).collect();
    Ok((public, packages))
}

/// A dealer split of a fresh random secret.
///
/// # Errors
/// [`Code::InvalidThreshold`].
pub fn dealer_keygen<S: Ciphersuite>(t: u16, n: u16, rng: &mut (impl CryptoRng + RngCore)) -> Result<(PublicKeyPackage<S>, Vec<KeyPackage<S>>)> {
    let secret = SecretScalar::<S::C>::new(S::C::random_scalar(rng));
    dealer_split::<S>(secret.expose(), t, n, rng)
}
