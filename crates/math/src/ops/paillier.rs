//! `paillier.*` ops. `pk` is `N` as big-endian bytes; `sk` is the versioned
//! secret-key blob ([`crate::paillier::SecretKey::to_bytes`]), opaque to callers.
//!
//! | op | args | result |
//! | --- | --- | --- |
//! | `paillier.keygen` | bits u32 | pk, sk |
//! | `paillier.keygen_from_primes` | p, q | pk, sk |
//! | `paillier.public_key` | sk | pk |
//! | `paillier.encrypt` | pk, m | c |
//! | `paillier.encrypt_with_nonce` | pk, m, r | c |
//! | `paillier.decrypt` | sk, c | m |
//! | `paillier.add` | pk, c1, c2 | c |
//! | `paillier.mul_scalar` | pk, c, k | c (k public) |
//! | `paillier.validate_ciphertext` | pk, c | — |

use super::args::u32_arg;
use crate::bigint::Nat;
use crate::codec::{arg, expect_args, Op};
use crate::error::Result;
use crate::paillier::{PublicKey, SecretKey};
use crate::rng::OsRng;

type Out = Result<Vec<Vec<u8>>>;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![
        ("paillier.keygen", keygen),
        ("paillier.keygen_from_primes", keygen_from_primes),
        ("paillier.public_key", public_key),
        ("paillier.encrypt", encrypt),
        ("paillier.encrypt_with_nonce", encrypt_with_nonce),
        ("paillier.decrypt", decrypt),
        ("paillier.add", add),
        ("paillier.mul_scalar", mul_scalar),
        ("paillier.validate_ciphertext", validate),
    ]
}

fn nat(a: &[&[u8]], i: usize, name: &str) -> Result<Nat> {
    Ok(Nat::from_be_bytes(arg(a, i, name)?))
}

fn pk(a: &[&[u8]], i: usize) -> Result<PublicKey> {
    PublicKey::from_n(nat(a, i, "pk")?)
}

fn pair(sk: &SecretKey) -> Out {
    Ok(vec![sk.public_key().n().to_be_bytes(), sk.to_bytes()?])
}

fn keygen(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    pair(&SecretKey::generate(u32_arg(arg(a, 0, "bits")?, "bits")?, &mut OsRng)?)
}

fn keygen_from_primes(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    pair(&SecretKey::from_primes(nat(a, 0, "p")?, nat(a, 1, "q")?)?)
}

fn public_key(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    Ok(vec![SecretKey::from_bytes(arg(a, 0, "sk")?)?.public_key().n().to_be_bytes()])
}

fn encrypt(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(vec![pk(a, 0)?.encrypt(&nat(a, 1, "m")?, &mut OsRng)?.0.to_be_bytes()])
}

fn encrypt_with_nonce(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    Ok(vec![pk(a, 0)?.encrypt_with_nonce(&nat(a, 1, "m")?, &nat(a, 2, "r")?)?.to_be_bytes()])
}

fn decrypt(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(vec![SecretKey::from_bytes(arg(a, 0, "sk")?)?.decrypt(&nat(a, 1, "c")?)?.to_be_bytes()])
}

fn add(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    Ok(vec![pk(a, 0)?.add(&nat(a, 1, "c1")?, &nat(a, 2, "c2")?)?.to_be_bytes()])
}

fn mul_scalar(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    Ok(vec![pk(a, 0)?.mul_scalar_vartime(&nat(a, 1, "c")?, &nat(a, 2, "k")?)?.to_be_bytes()])
}

fn validate(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    pk(a, 0)?.validate_ciphertext(&nat(a, 1, "c")?)?;
    Ok(Vec::new())
}
