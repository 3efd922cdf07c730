//! The secret key: the factors of `N` and CRT constants. Zeroized on drop.

use core::fmt;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::public::OwnerCrt;
use super::{Ciphertext, PublicKey, BLOB_VERSION, MIN_MODULUS_BITS};
use crate::bigint::prime::{is_safe_prime, safe_prime};
use crate::bigint::Nat;
use crate::error::{Code, Error, Result};
use crate::rng::OsRng;

/// Kind byte of a secret-key blob.
const KIND_SECRET: u8 = 0x02;

/// A Paillier secret key `(p, q)` with `N = p·q`, both safe primes ≡ 3 (mod 4).
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretKey {
    p: Nat,
    q: Nat,
    /// `p²`, `q²`.
    pp: Nat,
    qq: Nat,
    /// `h_p = L_p((N+1)^(p−1) mod p²)⁻¹ mod p`, likewise `h_q`.
    hp: Nat,
    hq: Nat,
    /// `q⁻¹ mod p` for CRT recombination.
    q_inv_p: Nat,
    #[zeroize(skip)]
    public: PublicKey,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Stored {
    p: Nat,
    q: Nat,
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "paillier::SecretKey(<redacted>, N: {} bits)", self.public.n().bits())
    }
}

fn invalid(detail: &str) -> Error {
    Error::new(Code::InvalidModulus, detail)
}

/// `p ≠ q` and `|p − q| > 2^(⌈bits(N)/2⌉ − 100)` (FIPS 186-5 A.1.3 step 5.4:
/// Fermat factoring stays out of reach).
fn far_apart(p: &Nat, q: &Nat) -> bool {
    let (hi, lo) = if p > q { (p, q) } else { (q, p) };
    let gap = hi.sub(lo).unwrap_or_else(|_| Nat::zero());
    let half = p.mul(q).bits().div_ceil(2);
    gap.bits() > half.saturating_sub(100)
}

/// `L_p(x) = (x − 1) / p`.
fn l_fn(x: &Nat, p: &Nat) -> Result<Nat> {
    Ok(x.sub(&Nat::one())?.div_rem(p)?.0)
}

/// `r mod p` from `c ≡ r^N (mod p)`, for a safe prime `p = 2p' + 1`:
/// `r = c^e mod p` with `e ≡ N⁻¹ (mod p − 1)`. With `x = N^(p'−2) mod p'`
/// (= `N⁻¹ mod p'`, Fermat), `e = x·(p' + 1) + p'` is `≡ x (mod p')` and odd,
/// so `e ≡ N⁻¹ (mod 2p')` without a secret-dependent branch.
fn nonce_mod_prime(c: &Nat, n: &Nat, p: &Nat) -> Result<Nat> {
    let p1 = p.shr(1);
    let x = n.rem(&p1)?.pow_mod_ct(&p1.sub(&Nat::from_u64(2))?, &p1)?;
    let e = x.mul(&p1.add(&Nat::one())).add(&p1);
    c.rem(p)?.pow_mod_ct(&e, p)
}

impl SecretKey {
    /// Generate a key whose `N` has exactly `bits` bits (two fresh safe primes).
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] unless `bits` is even and `2048 ≤ bits ≤ 8192`.
    pub fn generate(bits: u32, rng: &mut (impl CryptoRng + RngCore)) -> Result<Self> {
        if !(MIN_MODULUS_BITS..=8192).contains(&bits) || !bits.is_multiple_of(2) {
            return Err(invalid("Paillier modulus size must be even and within 2048–8192 bits"));
        }
        loop {
            let p = safe_prime(bits / 2, rng)?;
            let q = safe_prime(bits / 2, rng)?;
            if far_apart(&p, &q) {
                return Self::assemble(p, q);
            }
        }
    }

    /// Build a key from given primes, validating them: distinct safe primes,
    /// both ≡ 3 (mod 4), with `N ≥ 2048` bits.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] naming the failed check.
    pub fn from_primes(p: Nat, q: Nat) -> Result<Self> {
        if !far_apart(&p, &q) {
            return Err(invalid("Paillier primes must be distinct and |p − q| > 2^(bits(N)/2 − 100)"));
        }
        if p.mul(&q).bits() < MIN_MODULUS_BITS {
            return Err(invalid("Paillier modulus must have at least 2048 bits"));
        }
        let four = Nat::from_u64(4);
        for x in [&p, &q] {
            if x.rem(&four)? != Nat::from_u64(3) || !is_safe_prime(x, &mut OsRng) {
                return Err(invalid("Paillier primes must be safe primes ≡ 3 (mod 4)"));
            }
        }
        Self::assemble(p, q)
    }

    fn assemble(p: Nat, q: Nat) -> Result<Self> {
        let public = PublicKey::from_n(p.mul(&q))?;
        let g = public.n().add(&Nat::one());
        let (pp, qq) = (p.mul(&p), q.mul(&q));
        let p1 = p.sub(&Nat::one())?;
        let q1 = q.sub(&Nat::one())?;
        let hp = l_fn(&g.pow_mod_ct(&p1, &pp)?, &p)?.inv_mod(&p)?;
        let hq = l_fn(&g.pow_mod_ct(&q1, &qq)?, &q)?.inv_mod(&q)?;
        let q_inv_p = q.inv_mod(&p)?;
        Ok(Self { p, q, pp, qq, hp, hq, q_inv_p, public })
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The public key with this key's factors attached: encryptions under it
    /// (our own ciphertexts) compute `r^N mod N²` by CRT, about 1.6× faster.
    /// For use inside this party only; it serializes as the plain key.
    ///
    /// # Errors
    /// Never for a well-formed key.
    pub fn owner_public_key(&self) -> Result<PublicKey> {
        let qq_inv_pp = self.qq.inv_mod(&self.pp)?;
        Ok(self.public.with_owner(OwnerCrt { pp: self.pp.clone(), qq: self.qq.clone(), qq_inv_pp }))
    }

    /// Secret factor `p`: for the CGGMP21 provers (Πmod, Πfac) only; never log or send it.
    pub fn p(&self) -> &Nat {
        &self.p
    }

    /// Secret factor `q`: for the CGGMP21 provers (Πmod, Πfac) only; never log or send it.
    pub fn q(&self) -> &Nat {
        &self.q
    }

    /// `φ(N) = (p − 1)(q − 1)` (secret).
    ///
    /// # Errors
    /// Never for a well-formed key.
    pub fn phi(&self) -> Result<Nat> {
        Ok(self.p.sub(&Nat::one())?.mul(&self.q.sub(&Nat::one())?))
    }

    /// `λ(N) = lcm(p − 1, q − 1) = φ(N)/2` for safe primes `p ≠ q` (secret).
    ///
    /// # Errors
    /// Never for a well-formed key.
    pub fn lambda(&self) -> Result<Nat> {
        Ok(self.phi()?.shr(1))
    }

    /// Decrypt and also recover the nonce: `r = c^(N⁻¹ mod φ(N)) mod N`
    /// (since `c ≡ r^N (mod N)`), computed per prime with CRT. Needed by the
    /// CGGMP21 provers (Πenc, Πaff-g) that must know the nonce of a ciphertext.
    /// Returns `(m, r)`, both secret.
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`] for an invalid ciphertext.
    pub fn decrypt_with_nonce(&self, c: &Ciphertext) -> Result<(Nat, Nat)> {
        let m = self.decrypt(c)?;
        let rp = nonce_mod_prime(c, self.public.n(), &self.p)?;
        let rq = nonce_mod_prime(c, self.public.n(), &self.q)?;
        let h = rp.mod_sub(&rq, &self.p)?.mod_mul(&self.q_inv_p, &self.p)?;
        Ok((m, rq.add(&h.mul(&self.q))))
    }

    /// Decrypt with CRT; exponentiations with secret exponents are constant time.
    ///
    /// # Errors
    /// [`Code::InvalidCiphertext`] for an invalid ciphertext.
    pub fn decrypt(&self, c: &Ciphertext) -> Result<Nat> {
        self.public.validate_ciphertext(c)?;
        let mp = self.half(c, &self.p, &self.pp, &self.hp)?;
        let mq = self.half(c, &self.q, &self.qq, &self.hq)?;
        // m = mq + q·((mp − mq)·q⁻¹ mod p)
        let h = mp.mod_sub(&mq, &self.p)?.mod_mul(&self.q_inv_p, &self.p)?;
        Ok(mq.add(&h.mul(&self.q)))
    }

    /// `m mod p = L_p(c^(p−1) mod p²) · h_p mod p`.
    fn half(&self, c: &Nat, p: &Nat, pp: &Nat, hp: &Nat) -> Result<Nat> {
        let e = p.sub(&Nat::one())?;
        let x = c.rem(pp)?.pow_mod_ct(&e, pp)?;
        l_fn(&x, p)?.mod_mul(hp, p)
    }

    /// Decrypt to a signed value: plaintexts above `N/2` are negative.
    /// Returns `(negative, magnitude)`.
    ///
    /// # Errors
    /// As [`SecretKey::decrypt`].
    pub fn decrypt_signed(&self, c: &Ciphertext) -> Result<(bool, Nat)> {
        let m = self.decrypt(c)?;
        let n = self.public.n();
        if m > n.shr(1) {
            Ok((true, n.sub(&m)?))
        } else {
            Ok((false, m))
        }
    }

    /// Versioned blob: `[version, kind] ‖ postcard(p, q)`. Secret: seal before storing.
    ///
    /// # Errors
    /// [`Code::Bug`] if serialization fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let stored = Stored { p: self.p.clone(), q: self.q.clone() };
        let mut out = vec![BLOB_VERSION, KIND_SECRET];
        let body = postcard::to_allocvec(&stored).map_err(|_| Error::bug("serialize Paillier key"))?;
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Parse a blob from [`SecretKey::to_bytes`], re-validating the primes.
    ///
    /// # Errors
    /// [`Code::UnsupportedVersion`], [`Code::Malformed`], [`Code::InvalidModulus`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        match bytes {
            [BLOB_VERSION, KIND_SECRET, body @ ..] => {
                let stored: Stored = postcard::from_bytes(body).map_err(|_| Error::new(Code::Malformed, "bad Paillier secret-key blob"))?;
                Self::from_trusted_primes(&stored)
            }
            [_, _, ..] => Err(Error::new(Code::UnsupportedVersion, "unsupported Paillier secret-key blob version or kind")),
            _ => Err(Error::new(Code::Malformed, "Paillier secret-key blob too short")),
        }
    }

    /// Rebuild from stored primes: cheap structural checks only (the blob was
    /// validated when made, and is sealed at rest).
    fn from_trusted_primes(stored: &Stored) -> Result<Self> {
        let (p, q) = (stored.p.clone(), stored.q.clone());
        if p == q || !p.is_odd() || !q.is_odd() || p.mul(&q).bits() < MIN_MODULUS_BITS {
            return Err(invalid("Paillier secret-key blob holds unusable primes"));
        }
        Self::assemble(p, q)
    }
}
