//! `wire.*` ops (argument framing: `sigil_math::codec`). Integers are
//! little-endian; `u16` args are 2 bytes, `u64` args 8 bytes. Secret blobs and
//! the master key are opaque bytes to the caller.
//!
//! | op | args | results |
//! | --- | --- | --- |
//! | `wire.identity_generate` | — | secret blob (66), public identity (64 = ed25519 ‖ x25519) |
//! | `wire.identity_public` | secret blob | public identity (64) |
//! | `wire.seal_envelope` | secret blob, recipient public (64; empty for broadcast), session (1..=64), round u16, from u16, to u16 (0xFFFF = broadcast), seq u64, payload | body, signature (64) |
//! | `wire.open_envelope` | secret blob, sender public (64), session, round u16, from u16, to u16, body, signature | payload, seq u64 |
//! | `wire.master_key` | root secret (32) | master key (32) |
//! | `wire.seal_share` | master key (32), key id (1..=128), party u16, curve (1..=32), protocol (1..=32), version u16, plaintext | sealed blob |
//! | `wire.open_share` | master key (32), key id, party u16, curve, protocol, version u16, sealed blob | plaintext |
//!
//! `open_envelope` does not check `seq`: the caller feeds it to its replay
//! window (strictly increasing per session and sender).
//!
//! Errors (codes): bad length → `InvalidLength`; unknown blob/body version →
//! `UnsupportedVersion`; bad envelope signature or any tampering with a signed
//! body → `SignatureInvalid`; another session → `InvalidArgument`; another
//! round → `WrongRound`; another sender or recipient → `UnknownParty`; not
//! decryptable (wrong recipient, wrong master key) or truncated → `Malformed`;
//! sealed blob under another context → `InvalidArgument`.

use sigil_math::codec::{arg, expect_args, Op};
use sigil_math::ops::args::u16_arg;
use sigil_math::rng::OsRng;
use sigil_math::{Code, Error, Result};

use crate::envelope::{open_envelope, seal_envelope};
use crate::header::{Expected, Header};
use crate::identity::{IdentityPublic, IdentitySecret};
use crate::share::{derive_master_key, open_share, seal_share, MasterKey, ShareContext};

type Out = Result<Vec<Vec<u8>>>;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![
        ("wire.identity_generate", identity_generate),
        ("wire.identity_public", identity_public),
        ("wire.seal_envelope", seal),
        ("wire.open_envelope", open),
        ("wire.master_key", master_key),
        ("wire.seal_share", seal_at_rest),
        ("wire.open_share", open_at_rest),
    ]
}

fn u64_arg(bytes: &[u8], name: &str) -> Result<u64> {
    let arr: [u8; 8] =
        bytes.try_into().map_err(|_| Error::new(Code::InvalidLength, format!("`{name}` must be an 8-byte u64")))?;
    Ok(u64::from_le_bytes(arr))
}

fn identity_generate(a: &[&[u8]]) -> Out {
    expect_args(a, 0)?;
    let id = IdentitySecret::generate(&mut OsRng);
    Ok(vec![id.to_blob(), id.public().to_bytes().to_vec()])
}

fn identity_public(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    let id = IdentitySecret::from_blob(arg(a, 0, "secret")?)?;
    Ok(vec![id.public().to_bytes().to_vec()])
}

fn seal(a: &[&[u8]]) -> Out {
    expect_args(a, 8)?;
    let me = IdentitySecret::from_blob(arg(a, 0, "secret")?)?;
    let recipient_bytes = arg(a, 1, "recipient")?;
    let recipient = if recipient_bytes.is_empty() { None } else { Some(IdentityPublic::from_bytes(recipient_bytes)?) };
    let header = Header {
        session: arg(a, 2, "session")?.to_vec(),
        round: u16_arg(arg(a, 3, "round")?, "round")?,
        from: u16_arg(arg(a, 4, "from")?, "from")?,
        to: u16_arg(arg(a, 5, "to")?, "to")?,
        seq: u64_arg(arg(a, 6, "seq")?, "seq")?,
    };
    let sealed = seal_envelope(&mut OsRng, &me, recipient.as_ref(), &header, arg(a, 7, "payload")?)?;
    Ok(vec![sealed.body, sealed.signature.to_vec()])
}

fn open(a: &[&[u8]]) -> Out {
    expect_args(a, 8)?;
    let me = IdentitySecret::from_blob(arg(a, 0, "secret")?)?;
    let sender = IdentityPublic::from_bytes(arg(a, 1, "sender")?)?;
    let expected = Expected {
        session: arg(a, 2, "session")?,
        round: u16_arg(arg(a, 3, "round")?, "round")?,
        from: u16_arg(arg(a, 4, "from")?, "from")?,
        to: u16_arg(arg(a, 5, "to")?, "to")?,
    };
    let opened = open_envelope(&me, &sender, &expected, arg(a, 6, "body")?, arg(a, 7, "signature")?)?;
    Ok(vec![opened.payload.to_vec(), opened.header.seq.to_le_bytes().to_vec()])
}

fn master_key(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    Ok(vec![derive_master_key(arg(a, 0, "root")?)?.as_bytes().to_vec()])
}

/// Read `master, key id, party, curve, protocol, version` (args 0..6).
fn key_and_context(a: &[&[u8]]) -> Result<(MasterKey, ShareContext)> {
    let key = MasterKey::from_slice(arg(a, 0, "master_key")?)?;
    let text = |i: usize, name: &str| -> Result<String> {
        String::from_utf8(arg(a, i, name)?.to_vec()).map_err(|_| Error::invalid(format!("`{name}` must be UTF-8")))
    };
    let context = ShareContext {
        key_id: arg(a, 1, "key_id")?.to_vec(),
        party: u16_arg(arg(a, 2, "party")?, "party")?,
        curve: text(3, "curve")?,
        protocol: text(4, "protocol")?,
        version: u16_arg(arg(a, 5, "version")?, "version")?,
    };
    Ok((key, context))
}

fn seal_at_rest(a: &[&[u8]]) -> Out {
    expect_args(a, 7)?;
    let (key, context) = key_and_context(a)?;
    Ok(vec![seal_share(&mut OsRng, &key, &context, arg(a, 6, "plaintext")?)?])
}

fn open_at_rest(a: &[&[u8]]) -> Out {
    expect_args(a, 7)?;
    let (key, context) = key_and_context(a)?;
    Ok(vec![open_share(&key, &context, arg(a, 6, "blob")?)?.to_vec()])
}
