//! Πlog* — knowledge of exponent vs Paillier encryption (CGGMP21, Fig. 25).
//!
//! Statement: `C = enc_0(x; ρ)` under the prover's `N0`, `X = x·g` for a
//! base point `g`, and `|x| ≤ 2^bits` (`bits` = ℓ for scalars; larger for
//! the identification proofs whose plaintexts are sums of MtA shares).

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::{Error, Result};

use super::ring_pedersen::RingPedersen;
use super::ProofContext;
use crate::int::Int;

type Point = <Secp256k1 as Curve>::Point;

/// A Πlog* proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiLogProof {
    /// Placeholder until the proof lands.
    pub placeholder: Nat,
}

/// The public statement.
#[derive(Clone, Copy, Debug)]
pub struct PiLogStatement<'a> {
    /// The prover's Paillier key.
    pub pk0: &'a PublicKey,
    /// `C = enc_0(x; ρ)`.
    pub c: &'a Ciphertext,
    /// `X = x·g`.
    pub x_point: &'a Point,
    /// The base `g`.
    pub g: &'a Point,
    /// Range: `|x| ≤ 2^bits`.
    pub bits: u32,
}

/// Prove the statement with witness `(x, rho)`.
///
/// # Errors
/// [`sigil_math::Code::InvalidArgument`] for a witness out of range; arithmetic errors.
pub fn prove(_ctx: &ProofContext, _st: &PiLogStatement<'_>, _rp: &RingPedersen, _x: &Int, _rho: &Nat, _rng: &mut (impl CryptoRng + RngCore)) -> Result<PiLogProof> {
    Err(Error::bug("Πlog* not implemented"))
}

/// Verify a Πlog* proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(_ctx: &ProofContext, _st: &PiLogStatement<'_>, _rp: &RingPedersen, _proof: &PiLogProof) -> Result<()> {
    Err(Error::bug("Πlog* not implemented"))
}
