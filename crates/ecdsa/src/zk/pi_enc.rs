//! Πenc — Paillier encryption in range (CGGMP21, Fig. 14).
//!
//! Statement: `K = enc_0(k; ρ)` under the prover's `N0`, with `k ∈ ±2^ℓ`,
//! proven against the verifier's ring-Pedersen parameters.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::{Error, Result};

use super::ring_pedersen::RingPedersen;
use super::ProofContext;
use crate::int::Int;

/// A Πenc proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiEncProof {
    /// Placeholder until the proof lands.
    pub placeholder: Nat,
}

/// Prove that `k_ct = enc_0(k; rho)` with `|k| ≤ 2^ℓ`.
///
/// # Errors
/// [`sigil_math::Code::InvalidArgument`] for a witness out of range; arithmetic errors.
pub fn prove(_ctx: &ProofContext, _pk0: &PublicKey, _rp: &RingPedersen, _k_ct: &Ciphertext, _k: &Int, _rho: &Nat, _rng: &mut (impl CryptoRng + RngCore)) -> Result<PiEncProof> {
    Err(Error::bug("Πenc not implemented"))
}

/// Verify a Πenc proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(_ctx: &ProofContext, _pk0: &PublicKey, _rp: &RingPedersen, _k_ct: &Ciphertext, _proof: &PiEncProof) -> Result<()> {
    Err(Error::bug("Πenc not implemented"))
}
