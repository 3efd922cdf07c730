//! Sigil threshold ECDSA on secp256k1: distributed key generation with
//! Paillier and ring-Pedersen auxiliary keys, GG20-style presigning hardened
//! with the CGGMP21 proofs, one-round online signing, GG18 mode, refresh and
//! resharing — all as pure round functions over versioned opaque state.
//!
//! | module | what |
//! | --- | --- |
//! | [`keygen`] | DKG, refresh and reshare (one protocol, three setups) |
//! | [`presign`] | the offline phase; [`identify`] names cheaters when its checks fail |
//! | [`sign`] | online signing: partial signatures, checked combination, low-s, recovery id |
//! | [`gg18`] | presign and sign back to back in one session |
//! | [`dealer`] | trusted-dealer split (key import, tests) |
//! | [`zk`] | the CGGMP21 proofs |
//! | [`ops`] | the byte-level op table |

pub mod blob;
pub mod dealer;
pub mod gg18;
pub mod identify;
pub mod int;
pub mod key_share;
pub mod keygen;
pub mod msg;
pub mod ops;
pub mod presign;
pub mod presignature;
pub mod sign;
pub mod zk;
