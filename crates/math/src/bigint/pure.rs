//! Pure-Rust backend (wasm32, or native with feature `pure-bigint`):
//! `num-bigint` for variable-time work on public values, `crypto-bigint`'s
//! Montgomery exponentiation for secrets (constant time in base and exponent).

use std::cmp::Ordering;

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Odd};
use num_bigint::BigUint;
use num_integer::Integer as _;
use num_traits::{One, Zero};
use zeroize::Zeroize;

/// The backend's integer.
pub type Raw = BigUint;

/// Backend name for diagnostics.
pub const NAME: &str = "pure";

/// From big-endian bytes.
pub fn from_be(bytes: &[u8]) -> Raw {
    BigUint::from_bytes_be(bytes)
}

/// To minimal big-endian bytes (zero → empty).
pub fn to_be(x: &Raw) -> Vec<u8> {
    if x.is_zero() {
        Vec::new()
    } else {
        x.to_bytes_be()
    }
}

/// From a u64.
pub fn from_u64(v: u64) -> Raw {
    BigUint::from(v)
}

/// Bit length.
pub fn bits(x: &Raw) -> u32 {
    u32::try_from(x.bits()).unwrap_or(u32::MAX)
}

/// Compare.
pub fn cmp(a: &Raw, b: &Raw) -> Ordering {
    a.cmp(b)
}

/// a + b.
pub fn add(a: &Raw, b: &Raw) -> Raw {
    a + b
}

/// a − b, requires a ≥ b.
pub fn sub(a: &Raw, b: &Raw) -> Raw {
    a - b
}

/// a · b.
pub fn mul(a: &Raw, b: &Raw) -> Raw {
    a * b
}

/// (a / b, a mod b), b > 0.
pub fn div_rem(a: &Raw, b: &Raw) -> (Raw, Raw) {
    a.div_rem(b)
}

/// gcd(a, b).
pub fn gcd(a: &Raw, b: &Raw) -> Raw {
    a.gcd(b)
}

/// a⁻¹ mod m, if it exists (m > 1).
pub fn inv_mod(a: &Raw, m: &Raw) -> Option<Raw> {
    a.modinv(m)
}

/// bᵉ mod m, variable time (public values only), m > 0. Odd moduli of 256
/// bits and more take the 32-bit-limb Montgomery ladder, the rest num-bigint.
pub fn pow_mod_vartime(b: &Raw, e: &Raw, m: &Raw) -> Raw {
    if m.bit(0) && m.bits() >= 256 {
        super::mont32::pow_mod_vartime(b, e, m)
    } else {
        b.modpow(e, m)
    }
}

fn to_boxed(x: &Raw, bits: u32) -> BoxedUint {
    let mut bytes = x.to_bytes_be();
    let out = match BoxedUint::from_be_slice(&bytes, bits) {
        Ok(v) => v,
        // Callers size `bits` from the value itself; unreachable, but stay total.
        Err(_) => BoxedUint::zero_with_precision(bits),
    };
    bytes.zeroize();
    out
}

fn precision(bits: u32) -> u32 {
    let limb = crypto_bigint::Limb::BITS;
    bits.div_ceil(limb).max(1) * limb
}

/// bᵉ mod m in constant time (for a given size of m and e): m odd > 1, b < m.
/// Every intermediate holding the base, exponent or result is wiped.
pub fn pow_mod_ct(b: &Raw, e: &Raw, m: &Raw) -> Raw {
    let prec = precision(bits(m));
    let modulus = to_boxed(m, prec);
    let Some(odd) = Option::<Odd<BoxedUint>>::from(Odd::new(modulus)) else {
        return BigUint::zero();
    };
    let params = BoxedMontyParams::new(odd);
    let mut exp = to_boxed(e, precision(bits(e)));
    // `Nat::pow_mod_ct` hands over a base already reduced below m.
    let mut base = BoxedMontyForm::new(to_boxed(b, prec), params);
    let mut power = base.pow(&exp);
    let mut out = power.retrieve();
    let mut bytes = out.to_be_bytes();
    let result = BigUint::from_bytes_be(&bytes);
    bytes.zeroize();
    out.zeroize();
    power.zeroize();
    base.zeroize();
    exp.zeroize();
    result
}

/// Jacobi symbol (a/n), n odd > 0 (public values only).
pub fn jacobi(a: &Raw, n: &Raw) -> i32 {
    let mut a = a % n;
    let mut n = n.clone();
    let mut result = 1;
    let three = BigUint::from(3u8);
    let five = BigUint::from(5u8);
    let eight = BigUint::from(8u8);
    let four = BigUint::from(4u8);
    while !a.is_zero() {
        while a.is_even() {
            a >>= 1u32;
            let r = &n % &eight;
            if r == three || r == five {
                result = -result;
            }
        }
        std::mem::swap(&mut a, &mut n);
        if &a % &four == three && &n % &four == three {
            result = -result;
        }
        a %= &n;
    }
    if n.is_one() {
        result
    } else {
        0
    }
}

/// x · 2ⁿ.
pub fn shl(x: &Raw, n: u32) -> Raw {
    x << n
}

/// ⌊x / 2ⁿ⌋.
pub fn shr(x: &Raw, n: u32) -> Raw {
    x >> n
}

/// Bit `i`.
pub fn bit(x: &Raw, i: u32) -> bool {
    x.bit(u64::from(i))
}

/// Wipe the value: overwrite the digit buffer in place with zeros (same length,
/// so no reallocation), then normalize to zero.
pub fn wipe(x: &mut Raw) {
    let words = usize::try_from(x.bits().div_ceil(32)).unwrap_or(0);
    x.assign_from_slice(&vec![0u32; words]);
}
