//! Primality and safe primes.
//!
//! Candidates are secret (they become Paillier factors), so every modular
//! exponentiation on them is [`Nat::pow_mod_ct`]; only trial division by
//! public small primes is variable time.

use std::sync::OnceLock;

use rand_core::{CryptoRng, RngCore};

use super::{random_below, random_bits, Nat};
use crate::error::{Error, Result};

/// Small odd primes used for trial division and sieving (3 ≤ r < 2¹³).
fn small_primes() -> &'static [u64] {
    static PRIMES: OnceLock<Vec<u64>> = OnceLock::new();
    PRIMES.get_or_init(|| {
        const LIMIT: usize = 1 << 13;
        let mut composite = vec![false; LIMIT];
        let mut out = Vec::new();
        for i in 2..LIMIT {
            if composite.get(i).copied().unwrap_or(true) {
                continue;
            }
            if i > 2 {
                out.push(i as u64);
            }
            let mut j = i * i;
            while j < LIMIT {
                if let Some(c) = composite.get_mut(j) {
                    *c = true;
                }
                j += i;
            }
        }
        out
    })
}

fn rem_small(n: &Nat, r: u64) -> u64 {
    let rem = n.rem(&Nat::from_u64(r)).map(|x| x.to_be_bytes()).unwrap_or_default();
    rem.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

/// Miller–Rabin rounds for a random candidate of `bits` bits, after trial
/// division: FIPS 186-5 Table B.1 (M-R only), the stricter column — 5 rounds
/// for 1024-bit primes (error ≤ 2⁻¹¹²), 4 for 1536 bits (≤ 2⁻¹²⁸) and 2048
/// bits (≤ 2⁻¹⁴⁴). A size class starts 24 bits below its nominal size so that
/// `q = (p − 1)/2` of a safe prime falls in the class of `p`. Below 1000 bits
/// (outside the table) 40 rounds: 4⁻⁴⁰ = 2⁻⁸⁰ even for adversarial input.
///
/// These bounds assume random candidates (generation, self-made keys); an
/// adversarially chosen `n` of ≥ 1000 bits gets only the worst-case bound 4⁻ᵗ.
pub fn mr_rounds(bits: u32) -> u32 {
    match bits {
        1512.. => 4,
        1000..=1511 => 5,
        _ => 40,
    }
}

/// One Miller–Rabin round with base `a` (constant-time exponentiation).
fn mr_round(n: &Nat, n1: &Nat, d: &Nat, s: u32, a: &Nat) -> Result<bool> {
    let mut x = a.pow_mod_ct(d, n)?;
    if x.is_one() || x == *n1 {
        return Ok(true);
    }
    for _ in 1..s {
        x = x.mod_mul(&x, n)?;
        if x == *n1 {
            return Ok(true);
        }
        if x.is_one() {
            return Ok(false);
        }
    }
    Ok(false)
}

/// Miller–Rabin with `rounds` random bases in `[2, n − 2]`; `n` odd ≥ 5.
fn miller_rabin(n: &Nat, rounds: u32, rng: &mut (impl CryptoRng + RngCore)) -> Result<bool> {
    let n1 = n.sub(&Nat::one())?;
    let mut s = 0u32;
    while !n1.bit(s) {
        s += 1;
    }
    let d = n1.shr(s);
    let span = n.sub(&Nat::from_u64(3))?; // bases 2 ..= n−2
    for _ in 0..rounds {
        let a = random_below(&span, rng)?.add(&Nat::from_u64(2));
        if !mr_round(n, &n1, &d, s, &a)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether `n` is (with overwhelming probability) prime: trial division by the
/// small primes, then Miller–Rabin with OS-random bases.
pub fn is_probable_prime(n: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> bool {
    if n.bits() <= 1 {
        return false;
    }
    let small = small_primes();
    if n.bits() <= 13 {
        let v = rem_small(n, u64::MAX);
        return v == 2 || small.contains(&v);
    }
    if !n.is_odd() || small.iter().any(|&r| rem_small(n, r) == 0) {
        return false;
    }
    miller_rabin(n, mr_rounds(n.bits()), rng).unwrap_or(false)
}

/// Fermat test base 2 (constant-time exponentiation); cheap filter before Miller–Rabin.
fn fermat2(n: &Nat) -> Result<bool> {
    let e = n.sub(&Nat::one())?;
    Ok(Nat::from_u64(2).pow_mod_ct(&e, n)?.is_one())
}

/// `a⁻¹ mod r` for a prime `r` not dividing `a` (Fermat: a^(r−2)).
fn inv_small(a: u64, r: u64) -> u64 {
    let (mut base, mut e, mut acc) = (u128::from(a % r), r - 2, 1u128);
    let m = u128::from(r);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc * base % m;
        }
        base = base * base % m;
        e >>= 1;
    }
    acc as u64
}

/// Window of sieve offsets scanned per random start.
const SIEVE_WINDOW: usize = 1 << 14;

/// Sieve the candidates `q = q0 + 6k` (`k < SIEVE_WINDOW`): clear every `k` for
/// which `q` or `p = 2q + 1` has a small prime factor.
fn sieve(q0: &Nat) -> Vec<bool> {
    let mut alive = vec![true; SIEVE_WINDOW];
    for &r in small_primes().iter().skip(1) {
        // r ≥ 5, so 6 is invertible mod r.
        let inv6 = inv_small(6, r);
        let q0r = rem_small(q0, r);
        // q ≡ 0 (mod r)  or  q ≡ (r − 1)/2 (mod r)  ⇔  r | 2q + 1.
        for bad in [0, (r - 1) / 2] {
            let start = ((bad + r - q0r) % r) * inv6 % r;
            let mut k = start as usize;
            while k < SIEVE_WINDOW {
                if let Some(slot) = alive.get_mut(k) {
                    *slot = false;
                }
                k += r as usize;
            }
        }
    }
    alive
}

/// A random safe prime `p = 2q + 1` of exactly `bits` bits with `q` prime and
/// the top two bits of `p` set (so products of two such primes have exactly
/// `2·bits` bits). `p ≡ 3 (mod 4)` and `p ≡ 2 (mod 3)` by construction.
///
/// # Errors
/// [`crate::Code::InvalidArgument`] unless `16 ≤ bits ≤ 4096`.
pub fn safe_prime(bits: u32, rng: &mut (impl CryptoRng + RngCore)) -> Result<Nat> {
    if !(16..=4096).contains(&bits) {
        return Err(Error::invalid(format!("safe prime size must be 16–4096 bits, got {bits}")));
    }
    let six = Nat::from_u64(6);
    loop {
        // q has bits − 1 bits with its top two bits set, and q ≡ 5 (mod 6).
        let top = Nat::from_u64(3).shl(bits - 3);
        let r = random_bits(bits - 3, rng);
        let q = top.add(&r);
        let q0 = q.sub(&q.rem(&six)?)?.add(&Nat::from_u64(5));
        for (k, _) in sieve(&q0).iter().enumerate().filter(|(_, alive)| **alive) {
            let q = q0.add(&six.mul(&Nat::from_u64(k as u64)));
            if q.bits() != bits - 1 {
                break;
            }
            if let Some(p) = check_candidate(&q, rng)? {
                return Ok(p);
            }
        }
    }
}

/// Test a sieved `q`: Fermat on `q` and `p`, Miller–Rabin on `q`, Pocklington on `p`.
fn check_candidate(q: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<Option<Nat>> {
    if !fermat2(q)? {
        return Ok(None);
    }
    let p = q.shl(1).add(&Nat::one());
    // With q prime, 2^(p−1) ≡ 1 (mod p) and gcd(2² − 1, p) = 1 prove p prime
    // (Pocklington, since q > √p); p ≢ 0 (mod 3) by construction.
    if !fermat2(&p)? {
        return Ok(None);
    }
    if !miller_rabin(q, mr_rounds(q.bits()), rng)? {
        return Ok(None);
    }
    Ok(Some(p))
}

/// Whether `p` is a safe prime (`p` and `(p − 1)/2` both probable primes).
pub fn is_safe_prime(p: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> bool {
    if !p.is_odd() || p.bits() < 3 {
        return false;
    }
    let q = p.shr(1);
    is_probable_prime(&q, rng) && is_probable_prime(p, rng)
}
