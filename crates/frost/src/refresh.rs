//! Proactive share refresh: every party deals a sharing of zero (`g_i(0) = 0`),
//! so `s_i' = s_i + Σ_j g_j(i)` keeps the group key while old and new shares
//! no longer combine. One round: broadcast commitments to `g_i` (without the
//! zero constant) and send `g_i(j)` to each `j`; then verify and update.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::curve::{Curve, SecretScalar};
use sigil_math::round::{Inbound, Outbound, Step};
use sigil_math::shamir::{commitment_eval, verify_share};
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, encode_points, points, Kind};
use crate::keys::KeyPackage;
use crate::session::{check_sid, collect, encode_msg};
use crate::suite::{Ciphersuite, Point, Scalar};

#[derive(Serialize, Deserialize)]
struct Deal {
    /// `g_i,1·G … g_i,t−1·G` (the constant term is zero and not sent).
    commitments: Vec<Vec<u8>>,
    /// `g_i(recipient)` (secret; sealed by the transport).
    share: Vec<u8>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct State {
    #[zeroize(skip)]
    sid: Vec<u8>,
    key: Vec<u8>,
    own_delta: Vec<u8>,
    #[zeroize(skip)]
    own_commitments: Vec<Vec<u8>>,
}

/// Start a refresh of `key` (every holder of the key takes part).
///
/// # Errors
/// Session-id and key errors.
pub fn start<S: Ciphersuite>(sid: &[u8], key_blob: &[u8], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    check_sid(sid)?;
    let key = KeyPackage::<S>::from_bytes(key_blob)?;
    key.check()?;
    let t = key.public.t;
    let coeffs: Vec<SecretScalar<S::C>> = (1..t).map(|_| SecretScalar::new(S::C::random_scalar(rng))).collect();
    let eval = |x: PartyId| -> Scalar<S> {
        let x = S::C::scalar_from_u64(u64::from(x));
        coeffs.iter().rev().fold(S::C::scalar_zero(), |acc, a| acc * x + *a.expose()) * x
    };
    let comms = encode_points::<S::C>(&coeffs.iter().map(|a| S::C::mul_base(a.expose())).collect::<Vec<_>>());
    let mut outbound = Vec::new();
    for j in key.public.shares.keys().filter(|j| **j != key.id) {
        let deal = Deal { commitments: comms.clone(), share: S::C::encode_scalar(&eval(*j)) };
        outbound.push(Outbound { to: Some(*j), payload: encode_msg(S::ID, sid, 1, key.id, &deal)? });
    }
    let state = State { sid: sid.to_vec(), key: key_blob.to_vec(), own_delta: S::C::encode_scalar(&eval(key.id)), own_commitments: comms };
    Ok(Step::Continue { state: blob::encode(S::ID, Kind::SessionState, &state)?, outbound })
}

/// Full commitments `[identity, g_1·G, …]` for Feldman checks.
fn with_zero<S: Ciphersuite>(comms: &[Vec<u8>], t: u16, from: PartyId) -> Result<Vec<Point<S>>> {
    let pts = points::<S::C>(comms).map_err(|e| Error::blame(e.code(), e.detail(), vec![from]))?;
    if pts.len() + 1 != usize::from(t) {
        return Err(Error::blame(Code::ProofFailed, "refresh commitments have the wrong length", vec![from]));
    }
    let mut all = vec![S::C::identity()];
    all.extend(pts);
    Ok(all)
}

/// Finish the refresh: verify every dealt share and output the new key package.
///
/// # Errors
/// [`Code::InvalidShare`] blaming a dealer whose share does not match; message errors.
pub fn step<S: Ciphersuite>(state: &[u8], inbound: &[Inbound]) -> Result<Step> {
    let st: State = blob::decode(S::ID, Kind::SessionState, state)?;
    let mut key = KeyPackage::<S>::from_bytes(&st.key)?;
    let t = key.public.t;
    let others: Vec<PartyId> = key.public.shares.keys().copied().filter(|j| *j != key.id).collect();
    let deals: Vec<(PartyId, Deal)> = collect(S::ID, &st.sid, 1, inbound, &others)?;
    let mut all = vec![(key.id, with_zero::<S>(&st.own_commitments, t, key.id)?)];
    let mut delta = S::C::decode_scalar(&st.own_delta)?;
    for (from, d) in &deals {
        let comms = with_zero::<S>(&d.commitments, t, *from)?;
        let s = S::C::decode_scalar(&d.share).map_err(|e| Error::blame(e.code(), e.detail(), vec![*from]))?;
        verify_share::<S::C>(&comms, key.id, &s).map_err(|_| Error::blame(Code::InvalidShare, "refresh share does not match its commitments", vec![*from]))?;
        delta = delta + s;
        all.push((*from, comms));
    }
    let new_share = *key.signing_share.expose() + delta;
    key.signing_share = SecretScalar::new(new_share);
    for (m, y) in key.public.shares.iter_mut() {
        *y = all.iter().fold(*y, |acc, (_, c)| acc + commitment_eval::<S::C>(c, *m));
    }
    if S::C::mul_base(key.signing_share.expose()) != *key.public.share(key.id)? {
        return Err(Error::bug("refreshed share inconsistent with verifying share"));
    }
    Ok(Step::Done { output: key.to_bytes()?, outbound: Vec::new() })
}
