//! Paillier encryption with `g = N + 1` (Paillier 1999; the CGGMP21
//! conventions): `Enc(m; r) = (1 + m·N) · r^N mod N²`.
//!
//! Public keys must have `N ≥ 2^2047` (2048-bit moduli) and be odd; that a
//! peer's `N` is a well-formed Paillier–Blum modulus without small factors is
//! proven separately (Πmod, Πfac in the ECDSA crate).

mod public;
mod secret;

pub use public::{Ciphertext, PublicKey};
pub use secret::SecretKey;

/// Smallest accepted modulus size in bits.
pub const MIN_MODULUS_BITS: u32 = 2048;

/// Version byte of every Paillier blob.
pub const BLOB_VERSION: u8 = 1;

#[cfg(test)]
pub(crate) mod tests;
