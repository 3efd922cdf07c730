//! The shape of every multi-party protocol: pure round functions over opaque
//! state. `start(params) -> Step`, `step(state, inbound) -> Step`.
//!
//! Byte form (shared with TypeScript, `src/protocol/wire.ts`): a step is the
//! item list `[status (0 continue | 1 done), state-or-output, outbound list]`;
//! an outbound (inbound) list is a framed list whose items are a 2-byte LE
//! recipient (sender) id — `0xFFFF` = broadcast — followed by the payload.

use crate::codec::{decode_list, encode_list};
use crate::error::{Code, Error, PartyId, Result};

/// Recipient id meaning "every other party".
pub const BROADCAST: PartyId = 0xFFFF;

/// A message to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outbound {
    /// Recipient, or `None` for a broadcast.
    pub to: Option<PartyId>,
    /// Opaque payload.
    pub payload: Vec<u8>,
}

/// A received message; `from` is the authenticated sender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inbound {
    /// Sender.
    pub from: PartyId,
    /// Opaque payload.
    pub payload: Vec<u8>,
}

/// The result of a round function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// More rounds follow.
    Continue {
        /// New state (opaque, versioned, secret).
        state: Vec<u8>,
        /// Messages of this round.
        outbound: Vec<Outbound>,
    },
    /// The protocol finished for this party.
    Done {
        /// Output (opaque).
        output: Vec<u8>,
        /// Last messages.
        outbound: Vec<Outbound>,
    },
}

impl Step {
    /// The op result form `[status, body, outbound list]`.
    pub fn into_items(self) -> Vec<Vec<u8>> {
        let (status, body, outbound) = match self {
            Step::Continue { state, outbound } => (0u8, state, outbound),
            Step::Done { output, outbound } => (1u8, output, outbound),
        };
        let items: Vec<Vec<u8>> = outbound
            .into_iter()
            .map(|m| {
                let mut item = m.to.unwrap_or(BROADCAST).to_le_bytes().to_vec();
                item.extend_from_slice(&m.payload);
                item
            })
            .collect();
        vec![vec![status], body, encode_list(&items)]
    }
}

/// Decode an inbound list.
///
/// # Errors
/// [`Code::Malformed`] for a bad frame or an item shorter than its sender id.
pub fn decode_inbound(bytes: &[u8]) -> Result<Vec<Inbound>> {
    decode_list(bytes)?
        .into_iter()
        .map(|item| match item {
            [lo, hi, payload @ ..] => Ok(Inbound { from: u16::from_le_bytes([*lo, *hi]), payload: payload.to_vec() }),
            _ => Err(Error::new(Code::Malformed, "inbound item shorter than its sender id")),
        })
        .collect()
}

/// Decode a party list of 2-byte LE ids, checking for zero and duplicates.
///
/// # Errors
/// [`Code::InvalidLength`], [`Code::InvalidArgument`], [`Code::DuplicateParty`].
pub fn decode_parties(bytes: &[u8]) -> Result<Vec<PartyId>> {
    let (chunks, rest) = bytes.as_chunks::<2>();
    if chunks.is_empty() || !rest.is_empty() {
        return Err(Error::new(Code::InvalidLength, "party list must be a nonempty list of u16"));
    }
    let parties: Vec<PartyId> = chunks.iter().map(|c| u16::from_le_bytes(*c)).collect();
    crate::shamir::check_indices(&parties)?;
    Ok(parties)
}

/// Pick exactly one message from each expected sender.
///
/// # Errors
/// [`Code::UnknownParty`] (sender not expected), [`Code::DuplicateParty`] (two
/// messages from one sender), [`Code::Aborted`] blaming the senders that are missing.
pub fn one_from_each<'a>(inbound: &'a [Inbound], expected: &[PartyId]) -> Result<Vec<(PartyId, &'a [u8])>> {
    let mut got: Vec<(PartyId, &[u8])> = Vec::with_capacity(expected.len());
    for m in inbound {
        if !expected.contains(&m.from) {
            return Err(Error::new(Code::UnknownParty, format!("message from unexpected party {}", m.from)));
        }
        if got.iter().any(|(f, _)| *f == m.from) {
            return Err(Error::blame(Code::DuplicateParty, format!("two messages from party {}", m.from), vec![m.from]));
        }
        got.push((m.from, &m.payload));
    }
    let missing: Vec<PartyId> = expected.iter().copied().filter(|p| !got.iter().any(|(f, _)| f == p)).collect();
    if !missing.is_empty() {
        return Err(Error::blame(Code::Aborted, "messages missing for this round", missing));
    }
    got.sort_by_key(|(f, _)| *f);
    Ok(got)
}
