//! FROST threshold Schnorr signatures (RFC 9591) for Ed25519 and secp256k1,
//! and a BIP-340 variant for Taproot: distributed key generation, nonce
//! preprocessing, signing with cheater detection, and share refresh.
//!
//! Secrets (signing shares, nonces, DKG polynomials) live in zeroizing types
//! and cross the byte API only as versioned blobs, which callers seal.

pub mod blob;
pub mod dkg;
pub mod keys;
pub mod nonces;
pub mod ops;
pub mod refresh;
pub mod session;
pub mod sign;
pub mod suite;
pub mod taproot;

pub use keys::{dealer_keygen, dealer_split, KeyPackage, PublicKeyPackage};
pub use nonces::{commit, SigningCommitments, SigningNonces};
pub use sign::{aggregate, sign, verify_signature, SigningPackage};
pub use suite::{Ciphersuite, Ed25519Sha512, Secp256k1Sha256, Secp256k1Tr};
