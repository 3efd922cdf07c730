//! Paillier and modular arithmetic shared by the range proofs, each routine
//! named for which of its inputs may be secret.

use rand_core::{CryptoRng, RngCore};
use sigil_math::bigint::{random_unit, Nat};
use sigil_math::paillier::PublicKey;
use sigil_math::Result;

use crate::int::Int;

/// `(1 + N)^m mod N² = 1 + (m mod N)·N` for any signed `m`.
pub(crate) fn g_pow(pk: &PublicKey, m: &Int) -> Result<Nat> {
    Ok(Nat::one().add(&m.rem_euclid(pk.n())?.mul(pk.n())))
}

/// `base^x mod m` for a **public** base and a **secret** signed exponent:
/// constant time in `|x|`; a negative `x` inverts the (public) base first,
/// so only the sign of `x` leaks.
pub(crate) fn pow_secret_exp(base: &Nat, x: &Int, m: &Nat) -> Result<Nat> {
    if x.is_negative() {
        base.inv_mod(m)?.pow_mod_ct(x.magnitude(), m)
    } else {
        base.pow_mod_ct(x.magnitude(), m)
    }
}

/// `(1 + N)^m · r^N mod N²` for a signed, **public** `m` and a public `r`
/// (verifiers). `(1 + N)^m = 1 + (m mod N)·N (mod N²)` for any integer `m`.
///
/// # Errors
/// Arithmetic errors only.
pub(crate) fn enc_vartime(pk: &PublicKey, m: &Int, r: &Nat) -> Result<Nat> {
    g_pow(pk, m)?.mod_mul(&pk.nth_power_vartime(r)?, pk.nn())
}

/// `x⁻¹ mod m` for a **secret** unit `x`. The inversion itself is variable
/// time, so it runs on `x·u` for a fresh uniform unit `u` (independent of
/// `x`) and the result is multiplied back by `u`.
///
/// # Errors
/// [`sigil_math::Code::NotInvertible`] when `x` is not a unit; arithmetic errors.
pub(crate) fn inv_blinded(x: &Nat, m: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<Nat> {
    let u = random_unit(m, rng)?;
    x.mod_mul(&u, m)?.inv_mod(m)?.mod_mul(&u, m)
}

/// `base^x mod m` for a **secret** signed exponent `x` (odd `m`): constant
/// time in `|x|` (up to its limb count, see [`Nat::pow_mod_ct`]), then a
/// blinded inversion when `x < 0`. The sign of `x` leaks through timing, so
/// use this only where `x` is non-negative in the protocol or its sign is not
/// secret.
///
/// # Errors
/// Arithmetic errors; [`sigil_math::Code::NotInvertible`] for a negative
/// exponent on a base that is not a unit.
pub(crate) fn pow_signed_ct(base: &Nat, x: &Int, m: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<Nat> {
    let p = base.pow_mod_ct(x.magnitude(), m)?;
    if x.is_negative() {
        inv_blinded(&p, m, rng)
    } else {
        Ok(p)
    }
}

/// `|z| ≤ 2^bits·n` up to a factor below 2, checked on bit lengths: a cap on
/// the size of the `z3` answers (not in the paper, which bounds only `z1`).
/// Honest answers `γ + e·μ` stay below `2^{bits}·N̂` with `bits = range + ε + 1`,
/// so completeness is unaffected; it bounds the work a malicious proof can cause.
pub(crate) fn within_bits_times(z: &Int, bits: u32, n: &Nat) -> bool {
    z.magnitude().bits() <= bits.saturating_add(n.bits())
}

/// `enc(m; r) = (1 + N)^m · r^N mod N²` for a signed `m` (reduced mod `N`)
/// and a secret nonce `r`.
pub(crate) fn enc_ct(pk: &PublicKey, m: &Int, r: &Nat) -> Result<Nat> {
    g_pow(pk, m)?.mod_mul(&pk.nth_power_ct(r)?, pk.nn())
}
