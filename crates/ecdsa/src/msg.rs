//! Protocol messages: a header binding every message to (session, protocol,
//! round, sender) around a postcard body, and the collection of one message
//! per expected sender with blame for anything malformed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sigil_math::round::{one_from_each, Inbound};
use sigil_math::{Code, Error, PartyId, Result};

use crate::blob::{self, Kind};

/// Largest accepted session id.
pub const MAX_SID: usize = 64;

/// Which protocol a message belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Protocol {
    /// Key generation, refresh and resharing.
    Keygen = 1,
    /// Presigning.
    Presign = 2,
    /// The signing round of GG18 mode.
    Sign = 3,
}

#[derive(Serialize, Deserialize)]
struct Header {
    sid: Vec<u8>,
    protocol: u8,
    round: u8,
    from: PartyId,
    body: Vec<u8>,
}

/// Validate a session id.
///
/// # Errors
/// [`Code::InvalidArgument`] unless 1–64 bytes.
pub fn check_sid(sid: &[u8]) -> Result<()> {
    if sid.is_empty() || sid.len() > MAX_SID {
        return Err(Error::invalid("session id must be 1–64 bytes"));
    }
    Ok(())
}

/// Encode a message.
///
/// # Errors
/// [`Code::Bug`] on serialization failure.
pub fn encode<T: Serialize>(protocol: Protocol, sid: &[u8], round: u8, from: PartyId, body: &T) -> Result<Vec<u8>> {
    let body = postcard::to_allocvec(body).map_err(|_| Error::bug("message serialization failed"))?;
    blob::encode(Kind::Message, &Header { sid: sid.to_vec(), protocol: protocol as u8, round, from, body })
}

/// Blame `from` for `err`, keeping its code.
pub fn blame(from: PartyId, err: &Error) -> Error {
    Error::blame(err.code(), err.detail(), vec![from])
}

/// Exactly one message of `round` from each of `peers`, header checked
/// against the envelope and the session, body decoded. Anything wrong blames
/// the sender (replays and reorders fail the round check).
///
/// # Errors
/// [`Code::WrongRound`], [`Code::Malformed`], [`Code::UnknownParty`],
/// [`Code::DuplicateParty`], [`Code::Aborted`] (missing senders).
pub fn collect<T: for<'de> Deserialize<'de>>(protocol: Protocol, sid: &[u8], round: u8, inbound: &[Inbound], peers: &[PartyId]) -> Result<Vec<(PartyId, T)>> {
    let mut out = Vec::with_capacity(peers.len());
    for (from, payload) in one_from_each(inbound, peers)? {
        let h: Header = blob::decode(Kind::Message, payload).map_err(|e| blame(from, &e))?;
        if h.sid != sid || h.protocol != protocol as u8 {
            return Err(Error::blame(Code::WrongRound, "message belongs to another session or protocol", vec![from]));
        }
        if h.round != round {
            return Err(Error::blame(Code::WrongRound, format!("message for round {}, expected {round}", h.round), vec![from]));
        }
        if h.from != from {
            return Err(Error::blame(Code::Malformed, "message sender does not match its envelope", vec![from]));
        }
        let body = postcard::from_bytes(&h.body).map_err(|_| Error::blame(Code::Malformed, "message body does not decode", vec![from]))?;
        out.push((from, body));
    }
    Ok(out)
}

/// Echo-broadcast digests: per sender, a hash of what this party received
/// from it, as `id (u16 LE) ‖ SHA-256` entries sorted by sender. Parties
/// exchange them one round later; a mismatch means a sender (or the relay)
/// showed different broadcasts to different parties.
pub fn echo_digest(tag: &str, items: &mut [(PartyId, Vec<u8>)]) -> Vec<u8> {
    items.sort_by_key(|(p, _)| *p);
    let mut out = Vec::with_capacity(items.len() * ECHO_ENTRY);
    for (p, bytes) in items.iter() {
        let h = Sha256::new()
            .chain_update(b"sigil/v1/ecdsa/echo/")
            .chain_update(tag.as_bytes())
            .chain_update(p.to_le_bytes())
            .chain_update((bytes.len() as u64).to_le_bytes())
            .chain_update(bytes)
            .finalize();
        out.extend_from_slice(&p.to_le_bytes());
        out.extend_from_slice(&h);
    }
    out
}

/// Bytes of one echo entry: a sender id and its digest.
const ECHO_ENTRY: usize = 2 + 32;

/// Check a peer's echo against ours.
///
/// A malformed echo (other senders, other length) blames `from`. A
/// well-formed echo whose digest of some sender `s` differs from ours cannot
/// be attributed from here: either `s` equivocated or `from` lies about what
/// it saw (the transport's signed envelopes rule out the relay). The abort
/// then names nobody and says which sender is in dispute.
///
/// # Errors
/// [`Code::Aborted`].
pub fn check_echo(from: PartyId, theirs: &[u8], ours: &[u8]) -> Result<()> {
    if theirs == ours {
        return Ok(());
    }
    if theirs.len() != ours.len() {
        return Err(Error::blame(Code::Aborted, "malformed broadcast echo", vec![from]));
    }
    for (a, b) in theirs.chunks(ECHO_ENTRY).zip(ours.chunks(ECHO_ENTRY)) {
        let (Some(id_a), Some(id_b)) = (a.first_chunk::<2>(), b.first_chunk::<2>()) else {
            return Err(Error::bug("empty echo entry"));
        };
        if id_a != id_b {
            return Err(Error::blame(Code::Aborted, "malformed broadcast echo", vec![from]));
        }
        if a != b {
            let sender = u16::from_le_bytes(*id_b);
            return Err(Error::new(Code::Aborted, format!("broadcast echo mismatch: party {from} saw another broadcast from party {sender} (equivocation by {sender} or a false echo by {from})")));
        }
    }
    Err(Error::bug("echo mismatch not located"))
}
