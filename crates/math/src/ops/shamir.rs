//! `shamir.*` ops (Feldman-verifiable Shamir sharing). First argument: the curve name.
//!
//! | op | args | result |
//! | --- | --- | --- |
//! | `shamir.split` | curve, secret, t u16, n u16 | commitments (t points concatenated), share_1 … share_n |
//! | `shamir.verify_share` | curve, commitments, index u16, share | — (InvalidShare blaming index) |
//! | `shamir.interpolate` | curve, (index u16, share)… | secret |

use super::args::{curve_arg, u16_arg};
use crate::codec::{arg, expect_args, Op};
use crate::curve::Curve;
use crate::error::{Code, Error, PartyId, Result};
use crate::rng::OsRng;
use crate::shamir;
use crate::with_curve;

type Out = Result<Vec<Vec<u8>>>;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![("shamir.split", split), ("shamir.verify_share", verify_share), ("shamir.interpolate", interpolate)]
}

/// Decode concatenated points.
///
/// # Errors
/// [`Code::InvalidLength`] unless the length is a nonzero multiple of the point size; point errors.
pub fn decode_points<C: Curve>(bytes: &[u8]) -> Result<Vec<C::Point>> {
    if bytes.is_empty() || !bytes.len().is_multiple_of(C::POINT_LEN) {
        return Err(Error::new(Code::InvalidLength, format!("commitments must be a nonzero multiple of {} bytes", C::POINT_LEN)));
    }
    bytes.chunks(C::POINT_LEN).map(C::decode_point).collect()
}

fn split_c<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 4)?;
    let secret = C::decode_scalar(arg(a, 1, "secret")?)?;
    let t = u16_arg(arg(a, 2, "t")?, "t")?;
    let n = u16_arg(arg(a, 3, "n")?, "n")?;
    let (comms, shares) = shamir::split::<C>(&secret, t, n, &mut OsRng)?;
    let mut out = vec![comms.iter().flat_map(C::encode_point).collect::<Vec<u8>>()];
    out.extend(shares.iter().map(|(_, s)| s.to_bytes()));
    Ok(out)
}

fn split(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, split_c(a))
}

fn verify_c<C: Curve>(a: &[&[u8]]) -> Out {
    expect_args(a, 4)?;
    let comms = decode_points::<C>(arg(a, 1, "commitments")?)?;
    let index = u16_arg(arg(a, 2, "index")?, "index")?;
    let share = C::decode_scalar(arg(a, 3, "share")?)?;
    shamir::verify_share::<C>(&comms, index, &share)?;
    Ok(Vec::new())
}

fn verify_share(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, verify_c(a))
}

fn interpolate_c<C: Curve>(a: &[&[u8]]) -> Out {
    let rest = a.get(1..).unwrap_or_default();
    if rest.is_empty() || rest.len() % 2 != 0 {
        return Err(Error::invalid("expected (index, share) pairs"));
    }
    let pairs = rest
        .chunks(2)
        .map(|pair| match pair {
            [i, s] => Ok((u16_arg(i, "index")?, C::decode_scalar(s)?)),
            _ => Err(Error::invalid("expected (index, share) pairs")),
        })
        .collect::<Result<Vec<(PartyId, C::Scalar)>>>()?;
    Ok(vec![C::encode_scalar(&shamir::interpolate_at_zero::<C>(&pairs)?)])
}

fn interpolate(a: &[&[u8]]) -> Out {
    with_curve!(curve_arg(arg(a, 0, "curve")?)?, interpolate_c(a))
}
