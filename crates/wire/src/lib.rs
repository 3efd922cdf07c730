//! Sigil wire security: node identities, signed and sealed envelopes, and key
//! shares sealed at rest.
//!
//! * [`identity`]: a node's Ed25519 signing key and X25519 static key, kept as
//!   one versioned secret blob; its public half is `ed25519_pub ‖ x25519_pub`.
//! * [`header`] and [`envelope`]: every protocol message travels in an envelope
//!   bound to `(session, round, from, to, seq)` and signed by the sender;
//!   peer-to-peer payloads are also encrypted to the recipient's X25519 key.
//!   The coordinator relays envelopes and can neither read nor forge them.
//! * [`share`]: key shares (and identity blobs) sealed under the node's master
//!   key with their encryption context as associated data.
//! * [`ops`]: the byte-level op table the bindings dispatch to.
//!
//! Domain tags (`sigil/v1/...`) are part of the wire format and never change.

pub mod envelope;
pub mod header;
pub mod identity;
pub mod ops;
pub mod share;

pub use envelope::{open_envelope, seal_envelope, Opened, Sealed};
pub use header::{Header, BROADCAST};
pub use identity::{IdentityPublic, IdentitySecret};
pub use share::{derive_master_key, open_share, seal_share, MasterKey, ShareContext};

/// Format version byte that starts every blob and envelope body of this crate.
pub const VERSION: u8 = 1;
