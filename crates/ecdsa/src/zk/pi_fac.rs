//! Πfac — no small factors (CGGMP21, Fig. 26): `N0 = p·q` with
//! `p, q > 2^ℓ` (up to the proof's slack), proven against the verifier's
//! ring-Pedersen parameters. With Πmod this rules out the BitForge
//! (CVE-2023-33241) Paillier keys.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::paillier::SecretKey;
use sigil_math::{Error, Result};

use super::ring_pedersen::RingPedersen;
use super::ProofContext;

/// A Πfac proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiFacProof {
    /// Placeholder until the proof lands.
    pub placeholder: Nat,
}

/// Prove that the prover's `N0 = p·q` (from `sk`) has no small factors.
///
/// # Errors
/// Arithmetic errors.
pub fn prove(_ctx: &ProofContext, _sk: &SecretKey, _rp: &RingPedersen, _rng: &mut (impl CryptoRng + RngCore)) -> Result<PiFacProof> {
    Err(Error::bug("Πfac not implemented"))
}

/// Verify a Πfac proof for `n0`.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(_ctx: &ProofContext, _n0: &Nat, _rp: &RingPedersen, _proof: &PiFacProof) -> Result<()> {
    Err(Error::bug("Πfac not implemented"))
}
