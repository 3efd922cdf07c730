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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::error::Code;

    fn code(name: &str, args: &[&[u8]]) -> Code {
        super::super::test_support::code(&table(), name, args)
    }

    fn one(name: &str, args: &[&[u8]]) -> Vec<u8> {
        super::super::test_support::one(&table(), name, args)
    }

    const M127: [u8; 16] = [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    #[test]
    fn table_names_are_stable() {
        let names: Vec<_> = table().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            ["bigint.modexp_vartime", "bigint.modexp_ct", "bigint.modinv", "bigint.gcd", "bigint.random_below", "bigint.is_probable_prime", "bigint.safe_prime"]
        );
    }

    #[test]
    fn modexp_both_flavours() {
        // 3^(2^64+1) mod (2^127 − 1), with leading zeros on every input.
        let e = [0u8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];
        let want = hex::decode("76fd25a9707b6af461a41a22e8d89f1d").unwrap();
        let mut m = vec![0u8, 0];
        m.extend_from_slice(&M127);
        for op in ["bigint.modexp_vartime", "bigint.modexp_ct"] {
            assert_eq!(one(op, &[&[0, 3], &e, &m]), want, "{op}");
            assert_eq!(one(op, &[&[], &e, &m]), Vec::<u8>::new(), "zero base → empty");
            assert_eq!(one(op, &[&[5], &[], &m]), vec![1], "zero exponent");
            assert_eq!(code(op, &[&[3], &e]), Code::InvalidArgument);
            assert_eq!(code(op, &[&[3], &e, &m, &[]]), Code::InvalidArgument);
            assert_eq!(code(op, &[&[3], &e, &[]]), Code::InvalidModulus);
            assert_eq!(code(op, &[&[3], &e, &[0, 0]]), Code::InvalidModulus);
        }
        assert_eq!(one("bigint.modexp_vartime", &[&[3], &[2], &[10]]), vec![9]);
        assert_eq!(code("bigint.modexp_ct", &[&[3], &[2], &[10]]), Code::InvalidModulus);
        assert_eq!(code("bigint.modexp_ct", &[&[3], &[2], &[1]]), Code::InvalidModulus);
    }

    #[test]
    fn modinv_and_gcd() {
        assert_eq!(one("bigint.modinv", &[&[3], &[11]]), vec![4]);
        assert_eq!(one("bigint.modinv", &[&[0, 14], &[11]]), vec![4]);
        assert_eq!(code("bigint.modinv", &[&[6], &[9]]), Code::NotInvertible);
        assert_eq!(code("bigint.modinv", &[&[], &[9]]), Code::NotInvertible);
        assert_eq!(code("bigint.modinv", &[&[3], &[]]), Code::InvalidModulus);
        assert_eq!(code("bigint.modinv", &[&[3], &[1]]), Code::InvalidModulus);
        assert_eq!(code("bigint.modinv", &[&[3]]), Code::InvalidArgument);
        assert_eq!(one("bigint.gcd", &[&[84], &[36]]), vec![12]);
        assert_eq!(one("bigint.gcd", &[&[], &[]]), Vec::<u8>::new());
        assert_eq!(one("bigint.gcd", &[&[], &[0, 7]]), vec![7]);
        assert_eq!(code("bigint.gcd", &[&[1]]), Code::InvalidArgument);
    }

    #[test]
    fn random_below_op() {
        let bound = [0x03, 0xe8]; // 1000
        for _ in 0..100 {
            let r = one("bigint.random_below", &[&bound]);
            assert!(r.len() <= 2 && r.first() != Some(&0));
            assert!(Nat::from_be_bytes(&r) < Nat::from_u64(1000));
        }
        assert_eq!(one("bigint.random_below", &[&[1]]), Vec::<u8>::new());
        assert_eq!(code("bigint.random_below", &[&[]]), Code::InvalidArgument);
        assert_eq!(code("bigint.random_below", &[&[0, 0]]), Code::InvalidArgument);
        assert_eq!(code("bigint.random_below", &[]), Code::InvalidArgument);
    }

    #[test]
    fn primality_ops() {
        assert_eq!(one("bigint.is_probable_prime", &[&[0x01, 0x00, 0x01]]), vec![1]);
        assert_eq!(one("bigint.is_probable_prime", &[&M127]), vec![1]);
        assert_eq!(one("bigint.is_probable_prime", &[&[0x02, 0x31]]), vec![0]); // 561
        assert_eq!(one("bigint.is_probable_prime", &[&[]]), vec![0]);
        assert_eq!(code("bigint.is_probable_prime", &[]), Code::InvalidArgument);
        let p = one("bigint.safe_prime", &[&64u32.to_le_bytes()]);
        assert_eq!(p.len(), 8);
        let p = Nat::from_be_bytes(&p);
        assert!(crate::bigint::prime::is_safe_prime(&p, &mut OsRng));
        assert_eq!(code("bigint.safe_prime", &[&15u32.to_le_bytes()]), Code::InvalidArgument);
        assert_eq!(code("bigint.safe_prime", &[&4097u32.to_le_bytes()]), Code::InvalidArgument);
        assert_eq!(code("bigint.safe_prime", &[&[64, 0, 0]]), Code::InvalidLength);
        assert_eq!(code("bigint.safe_prime", &[]), Code::InvalidArgument);
    }
}
