//! Sigil threshold ECDSA (in progress): so far the CGGMP21 zero-knowledge
//! proofs it needs, starting with Πmod.

pub mod zk;
