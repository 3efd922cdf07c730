//! Round one (RFC 9591 §5.1): one-time signing nonces and their commitments.
//!
//! Nonces MUST be used for one signature only. Each pair carries a random
//! 16-byte id; signing consumes the nonces and returns the id so the caller
//! marks it used in durable storage before the share leaves the node.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::curve::{Curve, SecretScalar};
use sigil_math::{Error, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::suite::{Ciphersuite, Point, Scalar};

/// Length of a nonce id.
pub const NONCE_ID_LEN: usize = 16;

/// A party's secret nonce pair `(d_i, e_i)`, with the encoding of its
/// commitments `D_i ‖ E_i` (so signing can match them without recomputing).
pub struct SigningNonces<S: Ciphersuite> {
    /// Unique id of this pair.
    pub id: [u8; NONCE_ID_LEN],
    /// Hiding nonce `d_i`.
    pub hiding: SecretScalar<S::C>,
    /// Binding nonce `e_i`.
    pub binding: SecretScalar<S::C>,
    /// `D_i ‖ E_i` as encoded by [`SigningCommitments::to_bytes`].
    pub commitments: Vec<u8>,
}

impl<S: Ciphersuite> core::fmt::Debug for SigningNonces<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "SigningNonces(<redacted>)")
    }
}

/// The public commitments `(D_i, E_i)` to a nonce pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigningCommitments<S: Ciphersuite> {
    /// `D_i = d_i·G`.
    pub hiding: Point<S>,
    /// `E_i = e_i·G`.
    pub binding: Point<S>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct StoredNonces {
    id: [u8; NONCE_ID_LEN],
    hiding: Vec<u8>,
    binding: Vec<u8>,
    #[zeroize(skip)]
    commitments: Vec<u8>,
}

/// `nonce_generate(secret)`: `H3(random_bytes(32) ‖ SerializeScalar(secret))`.
pub fn nonce_generate<S: Ciphersuite>(secret: &Scalar<S>, rng: &mut (impl CryptoRng + RngCore)) -> Scalar<S> {
    let mut random = [0u8; 32];
    rng.fill_bytes(&mut random);
    let out = nonce_from_randomness::<S>(&random, secret);
    random.zeroize();
    out
}

/// The deterministic core of `nonce_generate`, for the RFC test vectors.
pub fn nonce_from_randomness<S: Ciphersuite>(random: &[u8], secret: &Scalar<S>) -> Scalar<S> {
    let mut input = random.to_vec();
    input.extend_from_slice(&S::C::encode_scalar(secret));
    let out = S::h3(&input);
    input.zeroize();
    out
}

/// `commit(sk_i)`: fresh nonces and their commitments.
pub fn commit<S: Ciphersuite>(signing_share: &Scalar<S>, rng: &mut (impl CryptoRng + RngCore)) -> (SigningNonces<S>, SigningCommitments<S>) {
    let mut id = [0u8; NONCE_ID_LEN];
    rng.fill_bytes(&mut id);
    let hiding = SecretScalar::new(nonce_generate::<S>(signing_share, rng));
    let binding = SecretScalar::new(nonce_generate::<S>(signing_share, rng));
    let commitments = SigningCommitments { hiding: S::C::mul_base(hiding.expose()), binding: S::C::mul_base(binding.expose()) };
    (SigningNonces { id, hiding, binding, commitments: commitments.to_bytes() }, commitments)
}

impl<S: Ciphersuite> SigningNonces<S> {
    /// Versioned blob (secret, one-time).
    ///
    /// # Errors
    /// [`sigil_math::Code::Bug`] on serialization failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let stored = StoredNonces { id: self.id, hiding: self.hiding.to_bytes(), binding: self.binding.to_bytes(), commitments: self.commitments.clone() };
        blob::encode(S::ID, Kind::Nonces, &stored)
    }

    /// Parse a nonce blob.
    ///
    /// # Errors
    /// Blob and scalar errors; zero nonces are rejected.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let stored: StoredNonces = blob::decode(S::ID, Kind::Nonces, bytes)?;
        let hiding = sigil_math::curve::decode_nonzero_scalar::<S::C>(&stored.hiding)?;
        let binding = sigil_math::curve::decode_nonzero_scalar::<S::C>(&stored.binding)?;
        Ok(Self { id: stored.id, hiding: SecretScalar::new(hiding), binding: SecretScalar::new(binding), commitments: stored.commitments.clone() })
    }
}

impl<S: Ciphersuite> SigningCommitments<S> {
    /// `D ‖ E`, each in the group's encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = S::C::encode_point(&self.hiding);
        out.extend_from_slice(&S::C::encode_point(&self.binding));
        out
    }

    /// Parse `D ‖ E` that this party itself produced (see `Curve::decode_point_trusted`).
    ///
    /// # Errors
    /// [`sigil_math::Code::InvalidLength`] and point errors.
    pub fn from_bytes_trusted(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != 2 * S::C::POINT_LEN {
            return Err(Error::new(sigil_math::Code::InvalidLength, format!("commitments must be {} bytes", 2 * S::C::POINT_LEN)));
        }
        let (d, e) = bytes.split_at(S::C::POINT_LEN);
        Ok(Self { hiding: S::C::decode_point_trusted(d)?, binding: S::C::decode_point_trusted(e)? })
    }

    /// Parse `D ‖ E` (identity and invalid points rejected).
    ///
    /// # Errors
    /// [`sigil_math::Code::InvalidLength`] and point errors.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != 2 * S::C::POINT_LEN {
            return Err(Error::new(sigil_math::Code::InvalidLength, format!("commitments must be {} bytes", 2 * S::C::POINT_LEN)));
        }
        let (d, e) = bytes.split_at(S::C::POINT_LEN);
        Ok(Self { hiding: S::C::decode_point(d)?, binding: S::C::decode_point(e)? })
    }
}
