//! Sigil's crypto core primitives: big integers (GMP on native, pure Rust on
//! wasm32), Paillier, secp256k1 and Ed25519 arithmetic with validating
//! encodings, and Shamir sharing with Feldman commitments.
//!
//! Every secret lives in a type that zeroizes on drop and prints `<redacted>`;
//! variable-time routines carry `_vartime` in their name and are for public
//! values only.

pub mod bigint;
pub mod blob;
pub mod codec;
pub mod curve;
pub mod error;
pub mod paillier;
pub mod rng;
pub mod round;
pub mod shamir;

pub use error::{Code, Error, PartyId, Result};
pub mod ops;
