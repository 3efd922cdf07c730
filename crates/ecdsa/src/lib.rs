//! Sigil threshold ECDSA on secp256k1: distributed key generation with
//! Paillier and ring-Pedersen auxiliary keys, GG20-style presigning hardened
//! with the CGGMP21 proofs, one-round online signing, GG18 mode, refresh and
//! resharing — all as pure round functions over versioned opaque state.

pub mod int;
pub mod zk;
