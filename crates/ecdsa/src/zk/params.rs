//! Security parameters of the CGGMP21 range proofs (paper §1.2.8 / Table 1
//! conventions) for secp256k1 with 2048-bit Paillier moduli.

/// ℓ: bit size of the plaintexts proven (scalars of a 256-bit group).
pub const L: u32 = 256;
/// ε: slack of the masks (statistical zero-knowledge 2^−ε-close), 2ℓ.
pub const EPS: u32 = 512;
/// ℓ': bit size of the MtA masks β, 5ℓ.
pub const L_PRIME: u32 = 5 * L;
/// Repetitions of the cut-and-choose proofs Πmod and Πprm (soundness 2^−80).
pub const M: usize = 80;
