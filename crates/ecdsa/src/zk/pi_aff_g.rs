//! Πaff-g — Paillier affine operation with group commitment in range
//! (CGGMP21, Fig. 15): the MtA step.
//!
//! Statement: `D = C^x · (1 + N0)^y · ρ^N0 mod N0²` for a ciphertext `C`
//! under the *receiver's* key `N0`; `Y = enc_1(y; ρ_y)` under the prover's
//! own key `N1`; `X = x·G`; `|x| ≤ 2^ℓ`, `|y| ≤ 2^ℓ'`. Proven against the
//! verifier's ring-Pedersen parameters.

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

/// A Πaff-g proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiAffGProof {
    /// Placeholder until the proof lands.
    pub placeholder: Nat,
}

/// The public statement.
#[derive(Clone, Copy, Debug)]
pub struct PiAffGStatement<'a> {
    /// The receiver's key `N0` (of `C` and `D`).
    pub pk0: &'a PublicKey,
    /// The prover's key `N1` (of `Y`).
    pub pk1: &'a PublicKey,
    /// `C`, a ciphertext under `N0`.
    pub c: &'a Ciphertext,
    /// `D = C^x (1+N0)^y ρ^N0`.
    pub d: &'a Ciphertext,
    /// `Y = enc_1(y; ρ_y)`.
    pub y_ct: &'a Ciphertext,
    /// `X = x·G`.
    pub x_point: &'a Point,
}

/// The witness.
#[derive(Clone, Copy, Debug)]
pub struct PiAffGWitness<'a> {
    /// `x`, `|x| ≤ 2^ℓ`.
    pub x: &'a Int,
    /// `y`, `|y| ≤ 2^ℓ'`.
    pub y: &'a Int,
    /// Nonce of `D`'s encryption part (unit mod `N0`).
    pub rho: &'a Nat,
    /// Nonce of `Y` (unit mod `N1`).
    pub rho_y: &'a Nat,
}

/// Prove the statement.
///
/// # Errors
/// [`sigil_math::Code::InvalidArgument`] for a witness out of range; arithmetic errors.
pub fn prove(_ctx: &ProofContext, _st: &PiAffGStatement<'_>, _rp: &RingPedersen, _w: &PiAffGWitness<'_>, _rng: &mut (impl CryptoRng + RngCore)) -> Result<PiAffGProof> {
    Err(Error::bug("Πaff-g not implemented"))
}

/// Verify a Πaff-g proof.
///
/// # Errors
/// [`sigil_math::Code::ProofFailed`] naming the failed check.
pub fn verify(_ctx: &ProofContext, _st: &PiAffGStatement<'_>, _rp: &RingPedersen, _proof: &PiAffGProof) -> Result<()> {
    Err(Error::bug("Πaff-g not implemented"))
}
