//! The envelope header: what an envelope is bound to.
//!
//! Canonical encoding (12 + |session| bytes, integers little-endian):
//! `session_len (u8, 1..=64) ‖ session ‖ round (u16) ‖ from (u16) ‖ to (u16) ‖ seq (u64)`.
//! `to = 0xFFFF` ([`BROADCAST`]) addresses every party.

use sigil_math::{Code, Error, Result};

/// The `to` value of a broadcast envelope.
pub const BROADCAST: u16 = 0xFFFF;
/// Longest session id accepted.
pub const MAX_SESSION_LEN: usize = 64;

/// Routing and replay data every envelope is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Session id (1..=64 bytes).
    pub session: Vec<u8>,
    /// Protocol round.
    pub round: u16,
    /// Sender party id.
    pub from: u16,
    /// Recipient party id, or [`BROADCAST`].
    pub to: u16,
    /// Sender's sequence number: strictly increasing per (session, from).
    pub seq: u64,
}

impl Header {
    /// Whether this header addresses every party.
    pub fn is_broadcast(&self) -> bool {
        self.to == BROADCAST
    }

    /// Check the session id length.
    ///
    /// # Errors
    /// [`Code::InvalidLength`] when the session id is empty or over 64 bytes.
    pub fn validate(&self) -> Result<()> {
        if self.session.is_empty() || self.session.len() > MAX_SESSION_LEN {
            return Err(Error::new(Code::InvalidLength, "session id must be 1..=64 bytes"));
        }
        Ok(())
    }

    /// Append the canonical encoding (the header must be valid).
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        // validate() bounds the length to 64, so the cast is exact.
        out.push(self.session.len() as u8);
        out.extend_from_slice(&self.session);
        out.extend_from_slice(&self.round.to_le_bytes());
        out.extend_from_slice(&self.from.to_le_bytes());
        out.extend_from_slice(&self.to.to_le_bytes());
        out.extend_from_slice(&self.seq.to_le_bytes());
    }

    /// Decode a header from the front of `input`, returning the rest.
    ///
    /// # Errors
    /// [`Code::Malformed`] when truncated or the session length is out of range.
    pub fn decode(input: &[u8]) -> Result<(Self, &[u8])> {
        let truncated = || Error::new(Code::Malformed, "envelope header is truncated");
        let (&len, rest) = input.split_first().ok_or_else(truncated)?;
        let len = usize::from(len);
        if len == 0 || len > MAX_SESSION_LEN {
            return Err(Error::new(Code::Malformed, "envelope session id length out of range"));
        }
        let session = rest.get(..len).ok_or_else(truncated)?.to_vec();
        let rest = rest.get(len..).ok_or_else(truncated)?;
        let (round, rest) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        let (from, rest) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        let (to, rest) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        let (seq, rest) = rest.split_first_chunk::<8>().ok_or_else(truncated)?;
        let header = Self {
            session,
            round: u16::from_le_bytes(*round),
            from: u16::from_le_bytes(*from),
            to: u16::from_le_bytes(*to),
            seq: u64::from_le_bytes(*seq),
        };
        Ok((header, rest))
    }
}

/// What the receiver expects an envelope to be bound to (everything but `seq`,
/// which the caller checks with its replay window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected<'a> {
    /// Session id.
    pub session: &'a [u8],
    /// Round.
    pub round: u16,
    /// Sender party id.
    pub from: u16,
    /// Recipient party id (this node) or [`BROADCAST`].
    pub to: u16,
}

impl Expected<'_> {
    /// Check a decoded header against the expectation.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] for another session, [`Code::WrongRound`] for
    /// another round, [`Code::UnknownParty`] for another sender or recipient.
    pub fn check(&self, header: &Header) -> Result<()> {
        if header.session != self.session {
            return Err(Error::invalid("envelope belongs to another session"));
        }
        if header.round != self.round {
            return Err(Error::new(Code::WrongRound, "envelope belongs to another round"));
        }
        if header.from != self.from {
            return Err(Error::new(Code::UnknownParty, "envelope comes from another sender"));
        }
        if header.to != self.to {
            return Err(Error::new(Code::UnknownParty, "envelope is addressed to another recipient"));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_pinned() {
        let h = Header { session: b"s1".to_vec(), round: 2, from: 1, to: BROADCAST, seq: 7 };
        let mut out = Vec::new();
        h.encode_into(&mut out);
        assert_eq!(hex::encode(&out), "02733102000100ffff0700000000000000");
        let (back, rest) = Header::decode(&out).unwrap();
        assert_eq!(back, h);
        assert!(rest.is_empty());
        for cut in 0..out.len() {
            assert_eq!(Header::decode(&out[..cut]).unwrap_err().code(), Code::Malformed);
        }
    }

    #[test]
    fn session_bounds() {
        let mut h = Header { session: vec![], round: 0, from: 0, to: 0, seq: 0 };
        assert_eq!(h.validate().unwrap_err().code(), Code::InvalidLength);
        h.session = vec![1; 65];
        assert_eq!(h.validate().unwrap_err().code(), Code::InvalidLength);
        h.session = vec![1; 64];
        assert!(h.validate().is_ok());
    }
}
