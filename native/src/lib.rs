//! Sigil's crypto core as one op registry ([`dispatch`]), with the napi-rs
//! binding behind the `node` feature. The wasm crate wraps the same registry.

pub mod dispatch;

#[cfg(feature = "node")]
mod node;
