//! `bigint.*` ops. Integers are big-endian bytes (leading zeros allowed on
//! input; output minimal, zero = empty); u32 arguments are 4-byte LE.
//!
//! | op | args | result |
//! | --- | --- | --- |
//! | `bigint.modexp_vartime` | base, exp, modulus | r (public values only) |
//! | `bigint.modexp_ct` | base, exp, modulus (odd) | r (constant time) |
//! | `bigint.modinv` | a, m | a⁻¹ mod m |
//! | `bigint.gcd` | a, b | g |
//! | `bigint.random_below` | bound | r ∈ [0, bound) |
//! | `bigint.is_probable_prime` | n | [1] or [0] |
//! | `bigint.safe_prime` | bits u32 | p |

use super::args::u32_arg;
use crate::bigint::prime::{is_probable_prime, safe_prime};
use crate::bigint::{random_below, Nat};
use crate::codec::{arg, expect_args, Op};
use crate::error::Result;
use crate::rng::OsRng;

type Out = Result<Vec<Vec<u8>>>;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![
        ("bigint.modexp_vartime", modexp_vartime),
        ("bigint.modexp_ct", modexp_ct),
        ("bigint.modinv", modinv),
        ("bigint.gcd", gcd),
        ("bigint.random_below", random),
        ("bigint.is_probable_prime", probable_prime),
        ("bigint.safe_prime", safe),
    ]
}

fn nat(a: &[&[u8]], i: usize, name: &str) -> Result<Nat> {
    Ok(Nat::from_be_bytes(arg(a, i, name)?))
}

fn modexp_vartime(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    Ok(vec![nat(a, 0, "base")?.pow_mod_vartime(&nat(a, 1, "exp")?, &nat(a, 2, "modulus")?)?.to_be_bytes()])
}

fn modexp_ct(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    Ok(vec![nat(a, 0, "base")?.pow_mod_ct(&nat(a, 1, "exp")?, &nat(a, 2, "modulus")?)?.to_be_bytes()])
}

fn modinv(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(vec![nat(a, 0, "a")?.inv_mod(&nat(a, 1, "m")?)?.to_be_bytes()])
}

fn gcd(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(vec![nat(a, 0, "a")?.gcd(&nat(a, 1, "b")?).to_be_bytes()])
}

fn random(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    Ok(vec![random_below(&nat(a, 0, "bound")?, &mut OsRng)?.to_be_bytes()])
}

fn probable_prime(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    Ok(vec![vec![u8::from(is_probable_prime(&nat(a, 0, "n")?, &mut OsRng))]])
}

fn safe(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    let bits = u32_arg(arg(a, 0, "bits")?, "bits")?;
    Ok(vec![safe_prime(bits, &mut OsRng)?.to_be_bytes()])
}
