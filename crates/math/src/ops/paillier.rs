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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::error::Code;

    fn call(name: &str, args: &[&[u8]]) -> Out {
        super::super::test_support::call(&table(), name, args)
    }

    fn code(name: &str, args: &[&[u8]]) -> Code {
        super::super::test_support::code(&table(), name, args)
    }

    fn one(name: &str, args: &[&[u8]]) -> Vec<u8> {
        super::super::test_support::one(&table(), name, args)
    }

    /// Known-answer vector 0 (test/fixtures/paillier-kat.json) as bytes.
    fn kat(name: &str) -> Vec<u8> {
        hex::decode(crate::bigint::tests::kat()["paillier"][0][name].as_str().unwrap()).unwrap()
    }

    fn keys() -> (Vec<u8>, Vec<u8>) {
        let out = call("paillier.keygen_from_primes", &[&kat("p"), &kat("q")]).unwrap();
        assert_eq!(out.len(), 2);
        (out[0].clone(), out[1].clone())
    }

    #[test]
    fn table_names_are_stable() {
        let names: Vec<_> = table().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "paillier.keygen",
                "paillier.keygen_from_primes",
                "paillier.public_key",
                "paillier.encrypt",
                "paillier.encrypt_with_nonce",
                "paillier.decrypt",
                "paillier.add",
                "paillier.mul_scalar",
                "paillier.validate_ciphertext"
            ]
        );
    }

    #[test]
    fn known_answers() {
        let (pk, sk) = keys();
        assert_eq!(pk, kat("n"));
        assert_eq!(one("paillier.public_key", &[&sk]), pk);
        let c = one("paillier.encrypt_with_nonce", &[&pk, &kat("m"), &kat("r")]);
        assert_eq!(c, kat("c"));
        assert_eq!(one("paillier.decrypt", &[&sk, &c]), kat("m"));
        assert_eq!(one("paillier.add", &[&pk, &c, &kat("c2")]), kat("c_add"));
        assert_eq!(one("paillier.mul_scalar", &[&pk, &c, &kat("k")]), kat("c_mul_k"));
        assert!(call("paillier.validate_ciphertext", &[&pk, &c]).unwrap().is_empty());
        // Leading zeros on inputs are accepted.
        let mut padded = vec![0u8, 0];
        padded.extend_from_slice(&pk);
        assert_eq!(one("paillier.decrypt", &[&sk, &[&[0u8][..], &c].concat()]), kat("m"));
        assert_eq!(one("paillier.encrypt_with_nonce", &[&padded, &kat("m"), &kat("r")]), kat("c"));
    }

    #[test]
    fn encrypt_is_randomized_and_decrypts() {
        let (pk, sk) = keys();
        let c1 = one("paillier.encrypt", &[&pk, &[0x2a]]);
        let c2 = one("paillier.encrypt", &[&pk, &[0x2a]]);
        assert_ne!(c1, c2);
        assert_eq!(one("paillier.decrypt", &[&sk, &c1]), vec![0x2a]);
        assert_eq!(one("paillier.decrypt", &[&sk, &one("paillier.encrypt", &[&pk, &[]])]), Vec::<u8>::new());
    }

    #[test]
    fn bad_keys() {
        let (p, q) = (kat("p"), kat("q"));
        assert_eq!(code("paillier.keygen", &[&1024u32.to_le_bytes()]), Code::InvalidModulus);
        assert_eq!(code("paillier.keygen", &[&2047u32.to_le_bytes()]), Code::InvalidModulus);
        assert_eq!(code("paillier.keygen", &[&[0, 8, 0]]), Code::InvalidLength);
        assert_eq!(code("paillier.keygen", &[]), Code::InvalidArgument);
        assert_eq!(code("paillier.keygen_from_primes", &[&p, &p]), Code::InvalidModulus);
        assert_eq!(code("paillier.keygen_from_primes", &[&[0x03, 0xfb], &[0x04, 0xa3]]), Code::InvalidModulus);
        let q2 = Nat::from_be_bytes(&q).add(&Nat::from_u64(2)).to_be_bytes();
        assert_eq!(code("paillier.keygen_from_primes", &[&p, &q2]), Code::InvalidModulus);
        assert_eq!(code("paillier.keygen_from_primes", &[&p]), Code::InvalidArgument);
        // Public keys: even, small or empty N.
        let (pk, _) = keys();
        let mut even = pk.clone();
        *even.last_mut().unwrap() &= 0xfe;
        for bad in [&even[..], &pk[1..], &[][..], &[0x0f][..]] {
            assert_eq!(code("paillier.encrypt", &[bad, &[1]]), Code::InvalidModulus);
            assert_eq!(code("paillier.add", &[bad, &[1], &[1]]), Code::InvalidModulus);
            assert_eq!(code("paillier.validate_ciphertext", &[bad, &[1]]), Code::InvalidModulus);
        }
    }

    #[test]
    fn bad_secret_key_blobs() {
        let (_, sk) = keys();
        let c = kat("c");
        assert_eq!(code("paillier.public_key", &[&sk[..1]]), Code::Malformed);
        assert_eq!(code("paillier.public_key", &[&sk[..10]]), Code::Malformed);
        assert_eq!(code("paillier.public_key", &[&[]]), Code::Malformed);
        let mut wrong = sk.clone();
        wrong[0] = 0xee;
        assert_eq!(code("paillier.public_key", &[&wrong]), Code::UnsupportedVersion);
        assert_eq!(code("paillier.decrypt", &[&wrong, &c]), Code::UnsupportedVersion);
        let mut kind = sk.clone();
        kind[1] = 0x01;
        assert_eq!(code("paillier.decrypt", &[&kind, &c]), Code::UnsupportedVersion);
        assert_eq!(code("paillier.decrypt", &[&sk]), Code::InvalidArgument);
    }

    #[test]
    fn bad_plaintexts_nonces_and_ciphertexts() {
        let (pk, sk) = keys();
        let n = Nat::from_be_bytes(&pk);
        let nn = n.mul(&n);
        let p = kat("p");
        assert_eq!(code("paillier.encrypt", &[&pk, &pk]), Code::InvalidArgument);
        assert_eq!(code("paillier.encrypt", &[&pk]), Code::InvalidArgument);
        assert_eq!(code("paillier.encrypt_with_nonce", &[&pk, &[1], &[]]), Code::InvalidArgument);
        assert_eq!(code("paillier.encrypt_with_nonce", &[&pk, &[1], &p]), Code::InvalidArgument);
        assert_eq!(code("paillier.encrypt_with_nonce", &[&pk, &[1], &pk]), Code::InvalidArgument);
        assert_eq!(code("paillier.encrypt_with_nonce", &[&pk, &pk, &[1]]), Code::InvalidArgument);
        let c = kat("c");
        let bad: Vec<Vec<u8>> = vec![vec![], nn.to_be_bytes(), nn.add(&Nat::from_u64(5)).to_be_bytes(), Nat::from_be_bytes(&p).mul(&Nat::from_u64(7)).to_be_bytes()];
        for b in &bad {
            assert_eq!(code("paillier.validate_ciphertext", &[&pk, b]), Code::InvalidCiphertext);
            assert_eq!(code("paillier.decrypt", &[&sk, b]), Code::InvalidCiphertext);
            assert_eq!(code("paillier.add", &[&pk, &c, b]), Code::InvalidCiphertext);
            assert_eq!(code("paillier.mul_scalar", &[&pk, b, &[3]]), Code::InvalidCiphertext);
        }
        assert_eq!(code("paillier.validate_ciphertext", &[&pk]), Code::InvalidArgument);
        assert_eq!(code("paillier.mul_scalar", &[&pk, &c]), Code::InvalidArgument);
    }

    /// Full key generation through the op (seconds on GMP, minutes on the pure backend).
    #[test]
    #[cfg_attr(any(target_arch = "wasm32", feature = "pure-bigint"), ignore)]
    fn keygen_op() {
        let out = call("paillier.keygen", &[&2048u32.to_le_bytes()]).unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(Nat::from_be_bytes(&out[0]).bits(), 2048);
        assert_eq!(one("paillier.public_key", &[&out[1]]), out[0]);
    }
}
