//! Zero-knowledge proofs of CGGMP21 (Canetti, Gennaro, Goldfeder,
//! Makriyannis, Peled, ePrint 2021/060), non-interactive by Fiat–Shamir over
//! a [`transcript::Transcript`] bound to the session and the prover.
//!
//! So far: Πmod (Paillier–Blum modulus). Πfac, Πprm, Πenc, Πaff-g and Πlog*
//! follow the same shape: `prove(ctx, …) -> Proof`, `verify(ctx, …) -> Result<()>`
//! returning `ProofFailed` without culprits (the protocol layer blames the prover).

pub mod pi_mod;
pub mod transcript;

use sigil_math::PartyId;

/// What every proof is bound to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofContext {
    /// Session id.
    pub sid: Vec<u8>,
    /// The proving party.
    pub prover: PartyId,
}
