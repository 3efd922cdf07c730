//! Randomness: only the operating system's CSPRNG.
//!
//! Native targets read `getrandom(2)` through `rand_core::OsRng`; on wasm32 the
//! same `OsRng` calls the host's `crypto.getRandomValues` through the import the
//! wasm crate registers. Seeded generators exist only in tests.

pub use rand_core::{CryptoRng, OsRng, RngCore};

/// The one production RNG.
pub fn os_rng() -> OsRng {
    OsRng
}
