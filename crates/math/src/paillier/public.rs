//! The public key and ciphertext operations.

use std::sync::Arc;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};

use super::{BLOB_VERSION, MIN_MODULUS_BITS};
use crate::bigint::{random_unit, Nat, MAX_SERIALIZED_BYTES};
use crate::error::{Code, Error, Result};

/// Kind byte of a public-key blob.
const KIND_PUBLIC: u8 = 0x01;

/// A ciphertext: an element of `Z_{N²}^*`.
pub type Ciphertext = Nat;

/// A Paillier public key: `N` and the cached `N²`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "Nat", into = "Nat")]
pub struct PublicKey {
    n: Nat,
    nn: Nat,
    /// The factors, attached only on the owner's own copy (see
    /// [`super::SecretKey::owner_public_key`]): `N`-th powers mod `N²` then
    /// run by CRT. Never serialized, never compared.
    owner: Option<Arc<OwnerCrt>>,
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n
    }
}

impl Eq for PublicKey {}

/// `p²`, `q²` and `(q²)⁻¹ mod p²`: CRT modulo `N² = p²·q²`. Secret.
pub(super) struct OwnerCrt {
    pub(super) pp: Nat,
    pub(super) qq: Nat,
    pub(super) qq_inv_pp: Nat,
}

impl core::fmt::Debug for OwnerCrt {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "OwnerCrt(<redacted>)")
    }
}

impl OwnerCrt {
    /// `r^N mod N²` by CRT: constant time in `r` (for each half) when `ct`.
    fn nth_power(&self, r: &Nat, n: &Nat, ct: bool) -> Result<Nat> {
        let half = |m: &Nat| -> Result<Nat> {
            let base = r.rem(m)?;
            if ct {
                base.pow_mod_ct(n, m)
            } else {
                base.pow_mod_vartime(n, m)
            }
        };
        let (xp, xq) = (half(&self.pp)?, half(&self.qq)?);
        let h = xp.mod_sub(&xq, &self.pp)?.mod_mul(&self.qq_inv_pp, &self.pp)?;
        Ok(xq.add(&h.mul(&self.qq)))
    }
}

impl TryFrom<Nat> for PublicKey {
    type Error = Error;
    fn try_from(n: Nat) -> Result<Self> {
        Self::from_n(n)
    }
}

impl From<PublicKey> for Nat {
    fn from(pk: PublicKey) -> Nat {
        pk.n
    }
}

impl PublicKey {
    /// Accept `N` after the checks that need no proof: odd and ≥ 2048 bits.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`].
    pub fn from_n(n: Nat) -> Result<Self> {
        if n.bits() < MIN_MODULUS_BITS {
            return Err(Error::new(Code::InvalidModulus, format!("Paillier modulus must have at least {MIN_MODULUS_BITS} bits, got {}", n.bits())));
        }
        if !n.is_odd() {
            return Err(Error::new(Code::InvalidModulus, "Paillier modulus must be odd"));
        }
        let nn = n.mul(&n);
        Ok(Self { n, nn, owner: None })
    }

    /// Versioned blob: `[version = 1, kind = 0x01] ‖ N` (big-endian, minimal).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![BLOB_VERSION, KIND_PUBLIC];
        out.extend_from_slice(&self.n.to_be_bytes());
        out
    }

    /// Parse a blob from [`PublicKey::to_bytes`], re-checking `N` as [`PublicKey::from_n`].
    ///
    /// # Errors
    /// [`Code::Malformed`] (short or oversized), [`Code::UnsupportedVersion`], [`Code::InvalidModulus`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        match bytes {
            [BLOB_VERSION, KIND_PUBLIC, n @ ..] if n.len() <= MAX_SERIALIZED_BYTES => Self::from_n(Nat::from_be_bytes(n)),
            [BLOB_VERSION, KIND_PUBLIC, ..] => Err(Error::new(Code::Malformed, "Paillier public-key blob too large")),
            [_, _, ..] => Err(Error::new(Code::UnsupportedVersion, "unsupported Paillier public-key blob version or kind")),
            _ => Err(Error::new(Code::Malformed, "Paillier public-key blob too short")),
        }
    }

    /// `N`.
    pub fn n(&self) -> &Nat {
        &self.n
    }

    /// `N²`.
    pub fn nn(&self) -> &Nat {
        &self.nn
    }

    /// `r^N mod N²` for a secret `r`, in constant time (by CRT on the owner's copy).
    ///
    /// # Errors
    /// Arithmetic errors only.
    pub fn nth_power_ct(&self, r: &Nat) -> Result<Nat> {
        match &self.owner {
            Some(owner) => owner.nth_power(r, &self.n, true),
            None => r.pow_mod_ct(&self.n, &self.nn),
        }
    }

    /// `w^N mod N²` for a **public** `w` (verifiers), in variable time (by
    /// CRT on the owner's copy).
    ///
    /// # Errors
    /// Arithmetic errors only.
    pub fn nth_power_vartime(&self, w: &Nat) -> Result<Nat> {
        match &self.owner {
            Some(owner) => owner.nth_power(w, &self.n, false),
            None => w.pow_mod_vartime(&self.n, &self.nn),
        }
    }

    /// The owner's copy of this key: the same key with its factors attached.
    pub(super) fn with_owner(&self, owner: OwnerCrt) -> Self {
        Self { n: self.n.clone(), nn: self.nn.clone(), owner: Some(Arc::new(owner)) }
    }

    /// Check `m < N`.
    fn check_plaintext(&self, m: &Nat) -> Result<()> {
        if *m >= self.n {
            return Err(Error::invalid("plaintext must be below N"));
        }
        Ok(())
    }

    /// Check that `r` is a unit of `Z_N` (a valid encryption nonce).
    ///
    /// # Errors
    /// [`Code::InvalidArgument`].
    pub fn check_nonce(&self, r: &Nat) -> Result<()> {
        if r.is_zero() || *r >= self.n || !r.gcd(&self.n).is_one() {
            return Err(Error::invalid("nonce must be a unit modulo N"));
        }
        Ok(())
    }

    /// `Enc(m; r)`, deterministic. `r` is secret: `r^N` runs in constant time.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] for `m ≥ N` or a bad nonce.
    pub fn encrypt_with_nonce(&self, m: &Nat, r: &Nat) -> Result<Ciphertext> {
        self.check_plaintext(m)?;
        self.check_nonce(r)?;
        let rn = self.nth_power_ct(r)?;
        // (1 + N)^m = 1 + m·N (mod N²).
        let gm = Nat::one().add(&m.mul(&self.n));
        gm.mod_mul(&rn, &self.nn)
    }

    /// `Enc(m)` with a fresh nonce; returns the ciphertext and the nonce (secret).
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] for `m ≥ N`.
    pub fn encrypt(&self, m: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<(Ciphertext, Nat)> {
        let r = random_unit(&self.n, rng)?;
        Ok((self.encrypt_with_nonce(m, &r)?, r))
    }

    /// Encode a signed plaintext `±|m|` (`|m| < N/2`) as an element of `Z_N`.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when `|m| ≥ N/2`.
    pub fn encode_signed(&self, negative: bool, magnitude: &Nat) -> Result<Nat> {
        if *magnitude >= self.n.shr(1) {
            return Err(Error::invalid("signed plaintext out of range"));
        }
        if negative && !magnitude.is_zero() {
            self.n.sub(magnitude)
        } else {
            Ok(magnitude.clone())
        }
    }

    /// `Enc(±|m|)` with a fresh nonce (MtA convention: a negative `m` is
    /// encoded as `N − |m|`); returns the ciphertext and the nonce (secret).
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when `|m| ≥ N/2`.
    pub fn encrypt_signed(&self, negative: bool, magnitude: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<(Ciphertext, Nat)> {
        self.encrypt(&self.encode_signed(negative, magnitude)?, rng)
    }

    /// `Enc(±|m|; r)`, deterministic (see [`PublicKey::encrypt_signed`]).
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] when `|m| ≥ N/2` or for a bad nonce.
    pub fn encrypt_signed_with_nonce(&self, negative: bool, magnitude: &Nat, r: &Nat) -> Result<Ciphertext> {
        self.encrypt_with_nonce(&self.encode_signed(negative, magnitude)?, r)
    }

    /// Require `0 < c < N²` and `gcd(c, N) = 1`.
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`].
    pub fn validate_ciphertext(&self, c: &Ciphertext) -> Result<()> {
        if c.is_zero() || *c >= self.nn || !c.gcd(&self.n).is_one() {
            return Err(Error::new(Code::InvalidCiphertext, "ciphertext is not a unit modulo N²"));
        }
        Ok(())
    }

    /// `Enc(a) ⊕ Enc(b) = Enc(a + b)`: the product mod `N²`.
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`] for an invalid operand.
    pub fn add(&self, a: &Ciphertext, b: &Ciphertext) -> Result<Ciphertext> {
        self.validate_ciphertext(a)?;
        self.validate_ciphertext(b)?;
        a.mod_mul(b, &self.nn)
    }

    /// `Enc(a)^k = Enc(k·a)` for a **public** `k`: variable time, public values only.
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`] for an invalid operand.
    pub fn mul_scalar_vartime(&self, c: &Ciphertext, k: &Nat) -> Result<Ciphertext> {
        self.validate_ciphertext(c)?;
        c.pow_mod_vartime(k, &self.nn)
    }

    /// `Enc(a)^k = Enc(k·a)`: the safe default, constant time in `k` (same as
    /// [`PublicKey::mul_scalar_ct`]). Use [`PublicKey::mul_scalar_vartime`]
    /// when `k` is public and speed matters.
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`] for an invalid operand.
    pub fn mul_scalar(&self, c: &Ciphertext, k: &Nat) -> Result<Ciphertext> {
        self.mul_scalar_ct(c, k)
    }

    /// `Enc(a)^k = Enc(k·a)` for a **secret** `k` (constant time in `k`).
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`] for an invalid operand.
    pub fn mul_scalar_ct(&self, c: &Ciphertext, k: &Nat) -> Result<Ciphertext> {
        self.validate_ciphertext(c)?;
        c.pow_mod_ct(k, &self.nn)
    }
}
