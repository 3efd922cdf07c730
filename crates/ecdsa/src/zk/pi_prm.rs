//! Πprm — ring-Pedersen parameters are well formed (CGGMP21, Fig. 17):
//! knowledge of `λ` with `s = t^λ mod N̂`, by `M` binary-challenge repetitions.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::{Error, Result};

use super::ring_pedersen::{RingPedersen, RingPedersenSecret};
use super::ProofContext;

/// A Πprm proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiPrmProof {
    /// Placeholder until the proof lands.
    pub placeholder: Nat,
}

/// Prove knowledge of the trapdoor of `secret.public`.
///
/// # Errors
/// Arithmetic errors.
pub fn prove(_ctx: &ProofContext, _secret: &RingPedersenSecret, _rng: &mut (impl CryptoRng + RngCore)) -> Result<PiPrmProof> {
    Err(Error::bug("Πprm not implemented"))
}

/// Verify a Πprm proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(_ctx: &ProofContext, _rp: &RingPedersen, _proof: &PiPrmProof) -> Result<()> {
    Err(Error::bug("Πprm not implemented"))
}
