//! `curve.*` ops. First argument: the curve name (`secp256k1` | `ed25519`).
//! Scalars and points use the curve's canonical encodings (see [`crate::curve`]).
//!
//! | op | args | result |
//! | --- | --- | --- |
//! | `curve.scalar_random` | curve | s |
//! | `curve.scalar_add` / `scalar_sub` / `scalar_mul` | curve, a, b | s |
//! | `curve.scalar_neg` | curve, a | s |
//! | `curve.scalar_invert` | curve, a | s (zero → NotInvertible) |
//! | `curve.point_base_mul` | curve, s | s·G (identity → IdentityPoint) |
//! | `curve.point_mul` | curve, P, s | s·P |
//! | `curve.point_add` | curve, P, Q | P+Q |
//! | `curve.point_validate` | curve, P | canonical P |
//! | `curve.hash_to_scalar` | curve, tag, part… | s |

use super::args::curve_arg;
use crate::codec::{arg, expect_args, Op};
use crate::curve::{encode_nonidentity, Curve};
use crate::error::{Code, Error, Result};
use crate::rng::OsRng;
use crate::with_curve;

type Out = Result<Vec<Vec<u8>>>;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![
        ("curve.scalar_random", scalar_random),
        ("curve.scalar_add", scalar_add),
        ("curve.scalar_sub", scalar_sub),
        ("curve.scalar_mul", scalar_mul),
        ("curve.scalar_neg", scalar_neg),
        ("curve.scalar_invert", scalar_invert),
        ("curve.point_base_mul", point_base_mul),
        ("curve.point_mul", point_mul),
        ("curve.point_add", point_add),
        ("curve.point_validate", point_validate),
        ("curve.hash_to_scalar", hash_to_scalar),
    ]
}

fn random<C: Curve>() -> Out {
    Ok(vec![C::encode_scalar(&C::random_scalar(&mut OsRng))])
}

fn scalar_random(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, random())
}

fn binary<C: Curve>(a: &[&[u8]], f: fn(C::Scalar, C::Scalar) -> C::Scalar) -> Out {
    expect_args(a, 3)?;
    let x = C::decode_scalar(arg(a, 1, "a")?)?;
    let y = C::decode_scalar(arg(a, 2, "b")?)?;
    Ok(vec![C::encode_scalar(&f(x, y))])
}

fn add<C: Curve>(a: &[&[u8]]) -> Out {
    binary::<C>(a, |x, y| x + y)
}
fn sub<C: Curve>(a: &[&[u8]]) -> Out {
    binary::<C>(a, |x, y| x - y)
}
fn mul<C: Curve>(a: &[&[u8]]) -> Out {
    binary::<C>(a, |x, y| x * y)
}

fn scalar_add(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, add(a))
}
fn scalar_sub(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, sub(a))
}
fn scalar_mul(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, mul(a))
}

fn neg<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(vec![C::encode_scalar(&-C::decode_scalar(arg(a, 1, "a")?)?)])
}

fn scalar_neg(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, neg(a))
}

fn invert<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    let x = C::decode_scalar(arg(a, 1, "a")?)?;
    let inv = C::scalar_invert(&x).ok_or_else(|| Error::new(Code::NotInvertible, "zero has no inverse"))?;
    Ok(vec![C::encode_scalar(&inv)])
}

fn scalar_invert(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, invert(a))
}

fn base_mul<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    let s = C::decode_scalar(arg(a, 1, "s")?)?;
    Ok(vec![encode_nonidentity::<C>(&C::mul_base(&s))?])
}

fn point_base_mul(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, base_mul(a))
}

fn pmul<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    let p = C::decode_point(arg(a, 1, "P")?)?;
    let s = C::decode_scalar(arg(a, 2, "s")?)?;
    Ok(vec![encode_nonidentity::<C>(&C::mul(&p, &s))?])
}

fn point_mul(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, pmul(a))
}

fn padd<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    let p = C::decode_point(arg(a, 1, "P")?)?;
    let q = C::decode_point(arg(a, 2, "Q")?)?;
    Ok(vec![encode_nonidentity::<C>(&(p + q))?])
}

fn point_add(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, padd(a))
}

fn validate<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(vec![C::encode_point(&C::decode_point(arg(a, 1, "P")?)?)])
}

fn point_validate(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, validate(a))
}

fn hash<C: Curve>(a: &[&[u8]]) -> Out {
    let tag = std::str::from_utf8(arg(a, 1, "tag")?).map_err(|_| Error::invalid("tag must be UTF-8"))?;
    if tag.is_empty() || tag.len() > 64 {
        return Err(Error::invalid("tag must be 1–64 bytes"));
    }
    let parts: Vec<&[u8]> = a.iter().skip(2).copied().collect();
    Ok(vec![C::encode_scalar(&C::hash_to_scalar(tag, &parts))])
}

fn hash_to_scalar(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, hash(a))
}
