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

/// Echo-broadcast digest: a hash over `(party, bytes)` pairs sorted by party.
/// Parties exchange it one round later; a mismatch means someone (a sender
/// or the relay) showed different broadcasts to different parties.
pub fn echo_digest(tag: &str, items: &mut [(PartyId, Vec<u8>)]) -> [u8; 32] {
    items.sort_by_key(|(p, _)| *p);
    let mut h = Sha256::new();
    h.update(b"sigil/v1/ecdsa/echo/");
    h.update(tag.as_bytes());
    for (p, bytes) in items.iter() {
        h.update(p.to_le_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().into()
}

/// Check a peer's echo digest against ours.
///
/// # Errors
/// [`Code::Aborted`] blaming `from`.
pub fn check_echo(from: PartyId, theirs: &[u8], ours: &[u8; 32]) -> Result<()> {
    if theirs == ours.as_slice() {
        Ok(())
    } else {
        Err(Error::blame(Code::Aborted, "broadcast echo mismatch: this party saw different broadcasts", vec![from]))
    }
}
