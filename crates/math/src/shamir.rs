//! Shamir secret sharing with Feldman commitments, generic over the curve.
//!
//! A `(t, n)` split samples `f(x) = a_0 + a_1 x + … + a_{t-1} x^{t-1}` with
//! `a_0` the secret, gives party `i ∈ [1, n]` the share `f(i)`, and publishes
//! `A_k = a_k·G`. A share verifies when `f(i)·G = Σ_k i^k·A_k` (Feldman 1987).
//! Indices are 1-based; 0 would reveal the secret and is rejected everywhere.

use rand_core::{CryptoRng, RngCore};

use crate::curve::{Curve, SecretScalar};
use crate::error::{Code, Error, PartyId, Result};

/// Largest supported party count.
pub const MAX_PARTIES: u16 = 255;

/// Feldman commitments `A_0 … A_{t-1}`; `A_0` is the public key of the secret.
pub type Commitments<C> = Vec<<C as Curve>::Point>;

/// Shares `(i, f(i))` for parties `1..=n`.
pub type Shares<C> = Vec<(PartyId, SecretScalar<C>)>;

/// Check `1 ≤ t ≤ n ≤ MAX_PARTIES`.
///
/// # Errors
/// [`Code::InvalidThreshold`].
pub fn check_threshold(t: u16, n: u16) -> Result<()> {
    if t == 0 || t > n || n > MAX_PARTIES {
        return Err(Error::new(Code::InvalidThreshold, format!("need 1 ≤ t ≤ n ≤ {MAX_PARTIES}, got t = {t}, n = {n}")));
    }
    Ok(())
}

/// Split `secret` among parties `1..=n` with threshold `t`.
///
/// # Errors
/// [`Code::InvalidThreshold`].
pub fn split<C: Curve>(
    secret: &C::Scalar,
    t: u16,
    n: u16,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<(Commitments<C>, Shares<C>)> {
    check_threshold(t, n)?;
    let mut coeffs: Vec<SecretScalar<C>> = Vec::with_capacity(usize::from(t));
    coeffs.push(SecretScalar::new(*secret));
    for _ in 1..t {
        coeffs.push(SecretScalar::new(C::random_scalar(rng)));
    }
    let commitments = coeffs.iter().map(|a| C::mul_base(a.expose())).collect();
    let shares = (1..=n).map(|i| (i, SecretScalar::new(eval_poly::<C>(&coeffs, i)))).collect();
    Ok((commitments, shares))
}

/// `f(i)` by Horner's rule.
fn eval_poly<C: Curve>(coeffs: &[SecretScalar<C>], i: PartyId) -> C::Scalar {
    let x = C::scalar_from_u64(u64::from(i));
    coeffs.iter().rev().fold(C::scalar_zero(), |acc, a| acc * x + *a.expose())
}

/// The public share `Σ_k i^k·A_k` of party `i`.
pub fn commitment_eval<C: Curve>(commitments: &[C::Point], index: PartyId) -> C::Point {
    let x = C::scalar_from_u64(u64::from(index));
    commitments.iter().rev().fold(C::identity(), |acc, a| C::mul(&acc, &x) + *a)
}

/// Verify party `index`'s share against the commitments.
///
/// # Errors
/// [`Code::InvalidArgument`] for index 0 or no commitments; [`Code::InvalidShare`] blaming `index`.
pub fn verify_share<C: Curve>(commitments: &[C::Point], index: PartyId, share: &C::Scalar) -> Result<()> {
    if index == 0 {
        return Err(Error::invalid("party index 0 is not allowed"));
    }
    if commitments.is_empty() {
        return Err(Error::invalid("no commitments"));
    }
    if C::mul_base(share) == commitment_eval::<C>(commitments, index) {
        Ok(())
    } else {
        Err(Error::blame(Code::InvalidShare, format!("share of party {index} does not match the commitments"), vec![index]))
    }
}

/// Check a signer set: nonempty, no zero, no duplicates.
///
/// # Errors
/// [`Code::InvalidArgument`] (empty or zero index), [`Code::DuplicateParty`].
pub fn check_indices(indices: &[PartyId]) -> Result<()> {
    if indices.is_empty() {
        return Err(Error::invalid("no parties"));
    }
    let mut seen = std::collections::BTreeSet::new();
    for &i in indices {
        if i == 0 {
            return Err(Error::invalid("party index 0 is not allowed"));
        }
        if !seen.insert(i) {
            return Err(Error::blame(Code::DuplicateParty, format!("party {i} appears twice"), vec![i]));
        }
    }
    Ok(())
}

/// The Lagrange coefficient `λ_i = Π_{j≠i} j / (j − i)` of `index` for interpolation at zero.
///
/// # Errors
/// As [`check_indices`], plus [`Code::UnknownParty`] when `index` is not in `indices`.
pub fn lagrange_coefficient<C: Curve>(index: PartyId, indices: &[PartyId]) -> Result<C::Scalar> {
    check_indices(indices)?;
    if !indices.contains(&index) {
        return Err(Error::new(Code::UnknownParty, format!("party {index} is not in the signer set")));
    }
    let xi = C::scalar_from_u64(u64::from(index));
    let (mut num, mut den) = (C::scalar_one(), C::scalar_one());
    for &j in indices.iter().filter(|&&j| j != index) {
        let xj = C::scalar_from_u64(u64::from(j));
        num = num * xj;
        den = den * (xj - xi);
    }
    let inv = C::scalar_invert(&den).ok_or_else(|| Error::bug("Lagrange denominator vanished"))?;
    Ok(num * inv)
}

/// Interpolate `f(0)` from `(index, share)` pairs.
///
/// # Errors
/// As [`check_indices`].
pub fn interpolate_at_zero<C: Curve>(shares: &[(PartyId, C::Scalar)]) -> Result<C::Scalar> {
    let indices: Vec<PartyId> = shares.iter().map(|(i, _)| *i).collect();
    check_indices(&indices)?;
    let mut acc = C::scalar_zero();
    for (i, s) in shares {
        acc = acc + lagrange_coefficient::<C>(*i, &indices)? * *s;
    }
    Ok(acc)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::curve::{Ed25519, Secp256k1};
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    fn roundtrip<C: Curve>() {
        let mut rng = ChaCha20Rng::seed_from_u64(7);
        for (t, n) in [(1u16, 1u16), (2, 3), (3, 5), (5, 9)] {
            let secret = C::random_scalar(&mut rng);
            let (comms, shares) = split::<C>(&secret, t, n, &mut rng).unwrap();
            assert_eq!(comms[0], C::mul_base(&secret));
            for (i, s) in &shares {
                verify_share::<C>(&comms, *i, s.expose()).unwrap();
            }
            let pick: Vec<(PartyId, C::Scalar)> = shares.iter().rev().take(usize::from(t)).map(|(i, s)| (*i, *s.expose())).collect();
            assert!(interpolate_at_zero::<C>(&pick).unwrap() == secret);
            if t > 1 {
                let fewer = &pick[..usize::from(t) - 1];
                assert!(interpolate_at_zero::<C>(fewer).unwrap() != secret);
            }
        }
    }

    #[test]
    fn split_verify_interpolate() {
        roundtrip::<Secp256k1>();
        roundtrip::<Ed25519>();
    }

    #[test]
    fn rejections() {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let s = Secp256k1::random_scalar(&mut rng);
        assert_eq!(split::<Secp256k1>(&s, 0, 3, &mut rng).unwrap_err().code(), Code::InvalidThreshold);
        assert_eq!(split::<Secp256k1>(&s, 4, 3, &mut rng).unwrap_err().code(), Code::InvalidThreshold);
        let (comms, shares) = split::<Secp256k1>(&s, 2, 3, &mut rng).unwrap();
        let err = verify_share::<Secp256k1>(&comms, 2, shares[0].1.expose()).unwrap_err();
        assert_eq!((err.code(), err.culprits()), (Code::InvalidShare, &[2u16][..]));
        assert_eq!(lagrange_coefficient::<Secp256k1>(1, &[1, 1]).unwrap_err().code(), Code::DuplicateParty);
        assert_eq!(lagrange_coefficient::<Secp256k1>(4, &[1, 2]).unwrap_err().code(), Code::UnknownParty);
        assert_eq!(verify_share::<Secp256k1>(&comms, 0, &s).unwrap_err().code(), Code::InvalidArgument);
    }
}
