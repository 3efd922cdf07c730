//! Zero-knowledge proofs of CGGMP21 (Canetti, Gennaro, Goldfeder,
//! Makriyannis, Peled, ePrint 2021/060), non-interactive by Fiat–Shamir over
//! a [`transcript::Transcript`] bound to the session, the prover and a
//! per-proof domain tag (`sigil/v1/zk/<proof>`).
//!
//! | proof | paper | statement |
//! | --- | --- | --- |
//! | [`pi_mod`] | Fig. 16 | `N` is a Paillier–Blum modulus |
//! | [`pi_prm`] | Fig. 17 | ring-Pedersen `s ∈ ⟨t⟩` mod `N̂` |
//! | [`pi_fac`] | Fig. 26 | `N = p·q` with no small factors |
//! | [`pi_enc`] | Fig. 14 | `K = enc(k)` with `k ∈ ±2^ℓ` |
//! | [`pi_aff_g`] | Fig. 15 | `D = C^x·enc(y)`, `Y = enc'(y)`, `X = x·G`, ranges |
//! | [`pi_log`] | Fig. 25 | `C = enc(x)`, `X = x·g`, `x ∈ ±2^ℓ` |
//!
//! Every `verify` returns [`sigil_math::Code::ProofFailed`] without culprits;
//! the protocol layer blames the prover.

pub mod arith;
pub mod checks;
pub mod params;
pub mod pi_aff_g;
pub mod pi_enc;
pub mod pi_fac;
pub mod pi_log;
pub mod pi_mod;
pub mod pi_prm;
pub mod ring_pedersen;
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
