//! Trusted-dealer key shares: for importing an existing key (the secret is
//! split once, then the dealer forgets it) and for tests and benchmarks that
//! need keys without running the DKG. Each party's Paillier key is given;
//! ring-Pedersen parameters are made fresh on it.

use std::collections::BTreeMap;

use rand_core::{CryptoRng, RngCore};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::SecretKey;
use sigil_math::shamir::split;
use sigil_math::{Code, Error, Result};

use crate::key_share::{Aux, KeyShare, PublicKeyData, Scalar};
use crate::zk::ring_pedersen::RingPedersen;

/// Split `secret` among parties `1..=n` with threshold `t`; party `i` gets
/// `paillier[i − 1]`.
///
/// # Errors
/// [`Code::InvalidThreshold`]; [`Code::InvalidArgument`] unless exactly `n`
/// Paillier keys with distinct moduli are given.
pub fn split_key(secret: &Scalar, t: u16, n: u16, paillier: Vec<SecretKey>, rng: &mut (impl CryptoRng + RngCore)) -> Result<Vec<KeyShare>> {
    if paillier.len() != usize::from(n) {
        return Err(Error::invalid(format!("need {n} Paillier keys, got {}", paillier.len())));
    }
    if t < 2 {
        return Err(Error::new(Code::InvalidThreshold, "a threshold key needs t ≥ 2"));
    }
    let (commitments, shares) = split::<Secp256k1>(secret, t, n, rng)?;
    let group_key = *commitments.first().ok_or_else(|| Error::bug("no commitments"))?;
    let mut aux = BTreeMap::new();
    let mut lambdas = Vec::with_capacity(paillier.len());
    for (i, sk) in (1..=n).zip(&paillier) {
        if aux.values().any(|a: &Aux| a.paillier == *sk.public_key()) {
            return Err(Error::invalid("Paillier keys must be distinct"));
        }
        let rp = RingPedersen::generate(sk, rng)?;
        lambdas.push(rp.lambda.clone());
        aux.insert(i, Aux { paillier: sk.public_key().clone(), rp: rp.public.clone() });
    }
    let public_shares = shares.iter().map(|(i, s)| (*i, Secp256k1::mul_base(s.expose()))).collect();
    let public = PublicKeyData { t, group_key, shares: public_shares, aux };
    Ok(shares.into_iter().zip(paillier).zip(lambdas).map(|(((id, x), sk), rp_lambda)| KeyShare { id, x, paillier: sk, rp_lambda, public: public.clone() }).collect())
}
