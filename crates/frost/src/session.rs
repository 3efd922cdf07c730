//! What DKG and refresh share: the session header bound into every message
//! (session id, round, sender) and the checks on received messages.

use serde::{Deserialize, Serialize};
use sigil_math::round::{one_from_each, Inbound};
use sigil_math::{Code, Error, PartyId, Result};

use crate::blob::{self, Kind};

/// Largest accepted session id.
pub const MAX_SID: usize = 64;

/// A protocol message: header plus a postcard body.
#[derive(Serialize, Deserialize)]
pub struct Msg {
    /// Session id.
    pub sid: Vec<u8>,
    /// Round number (1-based).
    pub round: u8,
    /// Sender.
    pub from: PartyId,
    /// Round-specific body.
    pub body: Vec<u8>,
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

/// Encode a message for `round` from `from`.
///
/// # Errors
/// [`Code::Bug`] on serialization failure.
pub fn encode_msg<T: Serialize>(suite: u8, sid: &[u8], round: u8, from: PartyId, body: &T) -> Result<Vec<u8>> {
    let body = postcard::to_allocvec(body).map_err(|_| Error::bug("message serialization failed"))?;
    blob::encode(suite, Kind::Message, &Msg { sid: sid.to_vec(), round, from, body })
}

/// Take exactly one message of `round` from each of `peers`, check its header
/// against the envelope, and decode its body. A malformed message blames its sender.
///
/// # Errors
/// [`Code::WrongRound`], [`Code::Malformed`], [`Code::UnknownParty`],
/// [`Code::DuplicateParty`], [`Code::Aborted`] (missing), each naming the sender.
pub fn collect<T: for<'de> Deserialize<'de>>(suite: u8, sid: &[u8], round: u8, inbound: &[Inbound], peers: &[PartyId]) -> Result<Vec<(PartyId, T)>> {
    let mut out = Vec::with_capacity(peers.len());
    for (from, payload) in one_from_each(inbound, peers)? {
        let msg: Msg = blob::decode(suite, Kind::Message, payload).map_err(|e| Error::blame(e.code(), e.detail(), vec![from]))?;
        if msg.sid != sid {
            return Err(Error::blame(Code::WrongRound, "message belongs to another session", vec![from]));
        }
        if msg.round != round {
            return Err(Error::blame(Code::WrongRound, format!("message for round {}, expected {round}", msg.round), vec![from]));
        }
        if msg.from != from {
            return Err(Error::blame(Code::Malformed, "message sender does not match its envelope", vec![from]));
        }
        let body = postcard::from_bytes(&msg.body).map_err(|_| Error::blame(Code::Malformed, "message body does not decode", vec![from]))?;
        out.push((from, body));
    }
    Ok(out)
}
