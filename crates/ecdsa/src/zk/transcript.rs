//! Fiat–Shamir transcripts for the ZK proofs: a domain tag
//! (`sigil/v1/zk/<proof>`), the session id and the prover, then every element
//! with a one-byte type tag and a length prefix. The unambiguous encoding is
//! what stops the TSSHOCK "ambiguous concatenation" forgeries.

use sha2::{Digest, Sha512};
use sigil_math::bigint::Nat;
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::PartyId;

use crate::int::Int;

/// A running transcript.
#[derive(Clone)]
pub struct Transcript {
    hasher: Sha512,
}

const TAG_BYTES: u8 = 1;
const TAG_NAT: u8 = 2;
const TAG_INT: u8 = 3;
const TAG_POINT: u8 = 4;

impl Transcript {
    /// Start a transcript for `proof`, bound to the session and the prover.
    pub fn new(proof: &str, sid: &[u8], prover: PartyId) -> Self {
        let mut t = Self { hasher: Sha512::new() };
        t.append_bytes(b"sigil/v1/zk/");
        t.append_bytes(proof.as_bytes());
        t.append_bytes(sid);
        t.append_bytes(&prover.to_le_bytes());
        t
    }

    fn put(&mut self, tag: u8, bytes: &[u8]) {
        self.hasher.update([tag]);
        self.hasher.update((bytes.len() as u64).to_le_bytes());
        self.hasher.update(bytes);
    }

    /// Absorb raw bytes.
    pub fn append_bytes(&mut self, bytes: &[u8]) {
        self.put(TAG_BYTES, bytes);
    }

    /// Absorb an integer (minimal big-endian).
    pub fn append_nat(&mut self, n: &Nat) {
        self.put(TAG_NAT, &n.to_be_bytes());
    }

    /// Absorb a signed integer (sign byte, then minimal big-endian magnitude).
    pub fn append_int(&mut self, x: &Int) {
        let mut bytes = vec![u8::from(x.is_negative())];
        bytes.extend_from_slice(&x.magnitude().to_be_bytes());
        self.put(TAG_INT, &bytes);
    }

    /// Absorb a secp256k1 point (33-byte compressed; the identity as zeros).
    pub fn append_point(&mut self, p: &<Secp256k1 as Curve>::Point) {
        self.put(TAG_POINT, &Secp256k1::encode_point(p));
    }

    /// The CGGMP21 challenge `e ∈ ±q`: a uniform `|e| < q` and a sign, both
    /// from the transcript.
    pub fn challenge_signed(&self, q: &Nat) -> Int {
        let sign = self.hasher.clone().chain_update(b"challenge-sign").finalize();
        let negative = sign.first().is_some_and(|b| b & 1 == 1);
        let magnitude = self.challenges_below(q, 1).pop().unwrap_or_else(Nat::zero);
        Int::new(negative, magnitude)
    }

    /// `count` challenge bits (Πprm, Πmod-style cut and choose).
    pub fn challenge_bits(&self, count: usize) -> Vec<bool> {
        let mut out = Vec::with_capacity(count);
        let mut counter = 0u64;
        while out.len() < count {
            let block = self.hasher.clone().chain_update(b"challenge-bits").chain_update(counter.to_le_bytes()).finalize();
            counter += 1;
            for byte in block {
                for i in 0..8 {
                    if out.len() < count {
                        out.push((byte >> i) & 1 == 1);
                    }
                }
            }
        }
        out
    }

    /// `count` integers uniform in `[0, bound)`, by hashing the transcript
    /// with a counter and rejection sampling (no modulo bias).
    pub fn challenges_below(&self, bound: &Nat, count: usize) -> Vec<Nat> {
        let bits = bound.bits();
        let bytes = bits.div_ceil(8) as usize;
        let excess = (bytes as u32) * 8 - bits;
        let mut out = Vec::with_capacity(count);
        let mut counter = 0u64;
        while out.len() < count {
            let mut buf = Vec::with_capacity(bytes + 64);
            while buf.len() < bytes {
                let block = self.hasher.clone().chain_update(b"challenge").chain_update(counter.to_le_bytes()).finalize();
                counter += 1;
                buf.extend_from_slice(&block);
            }
            buf.truncate(bytes);
            if let Some(first) = buf.first_mut() {
                *first &= 0xffu8.checked_shr(excess).unwrap_or(0);
            }
            let candidate = Nat::from_be_bytes(&buf);
            if candidate < *bound {
                out.push(candidate);
            }
        }
        out
    }
}
