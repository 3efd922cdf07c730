//! The one error type of the core: a stable code, a short public detail and,
//! for aborts, the parties to blame.
//!
//! Codes are part of the public contract (they cross into TypeScript as
//! `SIGIL_E_*` strings and are mirrored in `src/core/errors.ts`). A code is
//! never renamed or reused; retire it instead.

use std::fmt;

/// Party identifier as used in blame lists (1-based Shamir index).
pub type PartyId = u16;

/// Stable error codes. `#[non_exhaustive]`: match with a wildcard outside this crate.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// An input has the wrong length.
    InvalidLength,
    /// A scalar is out of range (≥ the group order, or zero where zero is not allowed).
    InvalidScalar,
    /// A point encoding is not a point on the curve.
    InvalidPoint,
    /// A point is the identity where the identity is not allowed.
    IdentityPoint,
    /// A point has small order or a small-order component.
    SmallOrderPoint,
    /// An encoding is not the canonical one.
    NonCanonical,
    /// A modulus is even, too small or otherwise unusable.
    InvalidModulus,
    /// A Paillier ciphertext is not a unit modulo N².
    InvalidCiphertext,
    /// A value has no inverse modulo the given modulus.
    NotInvertible,
    /// Any other malformed argument (the detail says which).
    InvalidArgument,
    /// A byte frame, state blob or message could not be decoded.
    Malformed,
    /// The operation name is not known to this core.
    UnknownOp,
    /// A share does not match the published commitments.
    InvalidShare,
    /// A threshold or party count is out of range.
    InvalidThreshold,
    /// A party identifier is not part of the session.
    UnknownParty,
    /// A party identifier appears twice.
    DuplicateParty,
    /// A zero-knowledge proof did not verify; `culprits` names the prover.
    ProofFailed,
    /// The protocol aborted; `culprits` names the misbehaving parties.
    Aborted,
    /// A one-time value (nonce, presignature) was presented a second time.
    NonceReused,
    /// A state blob or message has an unsupported version or suite.
    UnsupportedVersion,
    /// A message arrived for the wrong round, or a round ran out of order.
    WrongRound,
    /// A produced signature failed verification against the group key.
    SignatureInvalid,
    /// An internal invariant failed: a bug in Sigil, never the caller's fault.
    Bug,
}

impl Code {
    /// Every code, in registry order (used by tests that check the TS mirror).
    pub const ALL: &'static [Code] = &[
        Code::InvalidLength,
        Code::InvalidScalar,
        Code::InvalidPoint,
        Code::IdentityPoint,
        Code::SmallOrderPoint,
        Code::NonCanonical,
        Code::InvalidModulus,
        Code::InvalidCiphertext,
        Code::NotInvertible,
        Code::InvalidArgument,
        Code::Malformed,
        Code::UnknownOp,
        Code::InvalidShare,
        Code::InvalidThreshold,
        Code::UnknownParty,
        Code::DuplicateParty,
        Code::ProofFailed,
        Code::Aborted,
        Code::NonceReused,
        Code::UnsupportedVersion,
        Code::WrongRound,
        Code::SignatureInvalid,
        Code::Bug,
    ];

    /// The stable string form, `SIGIL_E_*`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::InvalidLength => "SIGIL_E_INVALID_LENGTH",
            Code::InvalidScalar => "SIGIL_E_INVALID_SCALAR",
            Code::InvalidPoint => "SIGIL_E_INVALID_POINT",
            Code::IdentityPoint => "SIGIL_E_IDENTITY_POINT",
            Code::SmallOrderPoint => "SIGIL_E_SMALL_ORDER_POINT",
            Code::NonCanonical => "SIGIL_E_NON_CANONICAL",
            Code::InvalidModulus => "SIGIL_E_INVALID_MODULUS",
            Code::InvalidCiphertext => "SIGIL_E_INVALID_CIPHERTEXT",
            Code::NotInvertible => "SIGIL_E_NOT_INVERTIBLE",
            Code::InvalidArgument => "SIGIL_E_INVALID_ARGUMENT",
            Code::Malformed => "SIGIL_E_MALFORMED",
            Code::UnknownOp => "SIGIL_E_UNKNOWN_OP",
            Code::InvalidShare => "SIGIL_E_INVALID_SHARE",
            Code::InvalidThreshold => "SIGIL_E_INVALID_THRESHOLD",
            Code::UnknownParty => "SIGIL_E_UNKNOWN_PARTY",
            Code::DuplicateParty => "SIGIL_E_DUPLICATE_PARTY",
            Code::ProofFailed => "SIGIL_E_PROOF_FAILED",
            Code::Aborted => "SIGIL_E_ABORTED",
            Code::NonceReused => "SIGIL_E_NONCE_REUSED",
            Code::UnsupportedVersion => "SIGIL_E_UNSUPPORTED_VERSION",
            Code::WrongRound => "SIGIL_E_WRONG_ROUND",
            Code::SignatureInvalid => "SIGIL_E_SIGNATURE_INVALID",
            Code::Bug => "SIGIL_E_BUG",
        }
    }

    /// Whether this code blames parties (`culprits` is meaningful).
    pub const fn blames(self) -> bool {
        match self {
            Code::ProofFailed | Code::Aborted | Code::InvalidShare => true,
            Code::InvalidLength
            | Code::InvalidScalar
            | Code::InvalidPoint
            | Code::IdentityPoint
            | Code::SmallOrderPoint
            | Code::NonCanonical
            | Code::InvalidModulus
            | Code::InvalidCiphertext
            | Code::NotInvertible
            | Code::InvalidArgument
            | Code::Malformed
            | Code::UnknownOp
            | Code::InvalidThreshold
            | Code::UnknownParty
            | Code::DuplicateParty
            | Code::NonceReused
            | Code::UnsupportedVersion
            | Code::WrongRound
            | Code::SignatureInvalid
            | Code::Bug => false,
        }
    }
}

/// An error from the core. The detail is public text: it never contains secret material.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    code: Code,
    detail: String,
    culprits: Vec<PartyId>,
}

impl Error {
    /// A new error with a public detail message.
    pub fn new(code: Code, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), culprits: Vec::new() }
    }

    /// An error that names the parties to blame (identifiable abort).
    pub fn blame(code: Code, detail: impl Into<String>, culprits: Vec<PartyId>) -> Self {
        let mut culprits = culprits;
        culprits.sort_unstable();
        culprits.dedup();
        Self { code, detail: detail.into(), culprits }
    }

    /// Shorthand for [`Code::InvalidArgument`].
    pub fn invalid(detail: impl Into<String>) -> Self {
        Self::new(Code::InvalidArgument, detail)
    }

    /// Shorthand for [`Code::Bug`]: an internal invariant failed.
    pub fn bug(detail: impl Into<String>) -> Self {
        Self::new(Code::Bug, detail)
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The public detail message.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The parties blamed, sorted and without duplicates (empty if none).
    pub fn culprits(&self) -> &[PartyId] {
        &self.culprits
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.detail)?;
        if !self.culprits.is_empty() {
            write!(f, " (culprits {:?})", self.culprits)?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// Result alias used across the core.
pub type Result<T> = core::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_prefixed() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(c.as_str().starts_with("SIGIL_E_"));
            assert!(seen.insert(c.as_str()), "duplicate {}", c.as_str());
        }
    }

    #[test]
    fn blame_sorts_and_dedups() {
        let e = Error::blame(Code::Aborted, "x", vec![3, 1, 3]);
        assert_eq!(e.culprits(), &[1, 3]);
    }
}
