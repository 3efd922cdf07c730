//! Distributed key generation: Pedersen's DKG with Feldman commitments and a
//! Schnorr proof of knowledge of each constant term (Komlo–Goldberg, FROST
//! §5.1; the scheme the RFC 9591 companion documents describe), as round
//! functions over versioned state.
//!
//! Round 1 (start): broadcast `C_i = (a_i0·G … a_i,t−1·G)` and a PoK `(R_i, μ_i)`.
//! Round 2: verify every PoK (blame on failure), send `f_i(j)` to each `j`.
//! Round 3: verify every share against `C_j` (blame on failure), output
//! `s_i = Σ_j f_j(i)`, `Y = Σ_j C_j0`, `Y_m = Σ_j C_j(m)`.

use std::collections::BTreeMap;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::curve::{Curve, SecretScalar};
use sigil_math::round::{Inbound, Outbound, Step};
use sigil_math::shamir::{check_indices, check_threshold, commitment_eval, verify_share};
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, encode_points, points, Kind};
use crate::keys::{KeyPackage, PublicKeyPackage};
use crate::session::{check_sid, collect, encode_msg};
use crate::suite::{Ciphersuite, Point, Scalar};

#[derive(Serialize, Deserialize)]
struct Round1 {
    commitments: Vec<Vec<u8>>,
    pok_r: Vec<u8>,
    pok_mu: Vec<u8>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Round2 {
    share: Vec<u8>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct State {
    #[zeroize(skip)]
    sid: Vec<u8>,
    #[zeroize(skip)]
    me: PartyId,
    #[zeroize(skip)]
    t: u16,
    #[zeroize(skip)]
    parties: Vec<PartyId>,
    #[zeroize(skip)]
    round: u8,
    /// Round 1: own polynomial coefficients. Round 2: empty.
    coefficients: Vec<Vec<u8>>,
    /// Round 2: own share `f_me(me)`.
    own_share: Vec<u8>,
    /// Round 2: every party's commitments.
    #[zeroize(skip)]
    commitments: Vec<(PartyId, Vec<Vec<u8>>)>,
}

fn pok_challenge<S: Ciphersuite>(sid: &[u8], id: PartyId, c0: &Point<S>, r: &Point<S>) -> Scalar<S> {
    S::C::hash_to_scalar("frost/dkg-pok", &[S::CONTEXT, sid, &id.to_le_bytes(), &S::C::encode_point(c0), &S::C::encode_point(r)])
}

fn peers(parties: &[PartyId], me: PartyId) -> Vec<PartyId> {
    parties.iter().copied().filter(|p| *p != me).collect()
}

fn save<S: Ciphersuite>(state: &State) -> Result<Vec<u8>> {
    blob::encode(S::ID, Kind::SessionState, state)
}

/// Start the DKG as party `me` of `parties` with threshold `t`.
///
/// # Errors
/// [`Code::InvalidThreshold`], [`Code::UnknownParty`], party-list and session-id errors.
pub fn start<S: Ciphersuite>(sid: &[u8], me: PartyId, t: u16, parties: &[PartyId], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    check_sid(sid)?;
    check_indices(parties)?;
    check_threshold(t, u16::try_from(parties.len()).unwrap_or(u16::MAX))?;
    if t < 2 {
        return Err(Error::new(Code::InvalidThreshold, "a threshold key needs t ≥ 2"));
    }
    if !parties.contains(&me) {
        return Err(Error::new(Code::UnknownParty, "this party is not in the party list"));
    }
    let coeffs: Vec<SecretScalar<S::C>> = (0..t).map(|_| SecretScalar::new(S::C::random_scalar(rng))).collect();
    let comms: Vec<Point<S>> = coeffs.iter().map(|a| S::C::mul_base(a.expose())).collect();
    let a0 = coeffs.first().ok_or_else(|| Error::bug("no coefficients"))?;
    let k = SecretScalar::<S::C>::new(S::C::random_scalar(rng));
    let r = S::C::mul_base(k.expose());
    let c = pok_challenge::<S>(sid, me, comms.first().ok_or_else(|| Error::bug("no commitments"))?, &r);
    let mu = *k.expose() + *a0.expose() * c;
    let msg = Round1 { commitments: encode_points::<S::C>(&comms), pok_r: S::C::encode_point(&r), pok_mu: S::C::encode_scalar(&mu) };
    let state = State {
        sid: sid.to_vec(),
        me,
        t,
        parties: parties.to_vec(),
        round: 1,
        coefficients: coeffs.iter().map(SecretScalar::to_bytes).collect(),
        own_share: Vec::new(),
        commitments: Vec::new(),
    };
    Ok(Step::Continue { state: save::<S>(&state)?, outbound: vec![Outbound { to: None, payload: encode_msg(S::ID, sid, 1, me, &msg)? }] })
}

/// Advance the DKG with the messages of the current round.
///
/// # Errors
/// Blame errors naming the sender of a bad proof, share or message; state errors.
pub fn step<S: Ciphersuite>(state: &[u8], inbound: &[Inbound]) -> Result<Step> {
    let mut st: State = blob::decode(S::ID, Kind::SessionState, state)?;
    match st.round {
        1 => round2::<S>(&mut st, inbound),
        2 => round3::<S>(&st, inbound),
        r => Err(Error::new(Code::WrongRound, format!("DKG state is at unknown round {r}"))),
    }
}

fn round2<S: Ciphersuite>(st: &mut State, inbound: &[Inbound]) -> Result<Step> {
    let others = peers(&st.parties, st.me);
    let received: Vec<(PartyId, Round1)> = collect(S::ID, &st.sid, 1, inbound, &others)?;
    let coeffs: Vec<Scalar<S>> = st.coefficients.iter().map(|c| S::C::decode_scalar(c)).collect::<Result<_>>()?;
    let mut all = vec![(st.me, encode_points::<S::C>(&coeffs.iter().map(S::C::mul_base).collect::<Vec<_>>()))];
    for (from, m) in &received {
        verify_round1::<S>(&st.sid, st.t, *from, m)?;
        all.push((*from, m.commitments.clone()));
    }
    let mut outbound = Vec::with_capacity(others.len());
    for j in &others {
        let share = Round2 { share: S::C::encode_scalar(&eval::<S>(&coeffs, *j)) };
        outbound.push(Outbound { to: Some(*j), payload: encode_msg(S::ID, &st.sid, 2, st.me, &share)? });
    }
    st.own_share = S::C::encode_scalar(&eval::<S>(&coeffs, st.me));
    st.coefficients.zeroize();
    st.coefficients.clear();
    st.commitments = all;
    st.round = 2;
    Ok(Step::Continue { state: save::<S>(st)?, outbound })
}

fn verify_round1<S: Ciphersuite>(sid: &[u8], t: u16, from: PartyId, m: &Round1) -> Result<()> {
    let blame = |detail: &str| Error::blame(Code::ProofFailed, detail, vec![from]);
    let comms = points::<S::C>(&m.commitments).map_err(|e| Error::blame(e.code(), e.detail(), vec![from]))?;
    if comms.len() != usize::from(t) {
        return Err(blame("commitment vector has the wrong length"));
    }
    let r = S::C::decode_point(&m.pok_r).map_err(|e| Error::blame(e.code(), e.detail(), vec![from]))?;
    let mu = S::C::decode_scalar(&m.pok_mu).map_err(|e| Error::blame(e.code(), e.detail(), vec![from]))?;
    let c0 = comms.first().ok_or_else(|| blame("no commitments"))?;
    let c = pok_challenge::<S>(sid, from, c0, &r);
    if S::C::mul_base(&mu) != r + S::C::mul(c0, &c) {
        return Err(blame("proof of knowledge of the constant term does not verify"));
    }
    Ok(())
}

fn eval<S: Ciphersuite>(coeffs: &[Scalar<S>], x: PartyId) -> Scalar<S> {
    let x = S::C::scalar_from_u64(u64::from(x));
    coeffs.iter().rev().fold(S::C::scalar_zero(), |acc, a| acc * x + *a)
}

fn round3<S: Ciphersuite>(st: &State, inbound: &[Inbound]) -> Result<Step> {
    let others = peers(&st.parties, st.me);
    let received: Vec<(PartyId, Round2)> = collect(S::ID, &st.sid, 2, inbound, &others)?;
    let comms: BTreeMap<PartyId, Vec<Point<S>>> = st.commitments.iter().map(|(i, c)| Ok((*i, points::<S::C>(c)?))).collect::<Result<_>>()?;
    let mut share = S::C::decode_scalar(&st.own_share)?;
    for (from, m) in &received {
        let s = S::C::decode_scalar(&m.share).map_err(|e| Error::blame(e.code(), e.detail(), vec![*from]))?;
        let c = comms.get(from).ok_or_else(|| Error::bug("commitments missing"))?;
        verify_share::<S::C>(c, st.me, &s).map_err(|_| Error::blame(Code::InvalidShare, "DKG share does not match its commitments", vec![*from]))?;
        share = share + s;
    }
    let public = public_package::<S>(st.t, &st.parties, &comms)?;
    let key = KeyPackage::<S> { id: st.me, signing_share: SecretScalar::new(share), public };
    if S::C::mul_base(key.signing_share.expose()) != *key.public.share(st.me)? {
        return Err(Error::bug("DKG share inconsistent with verifying share"));
    }
    Ok(Step::Done { output: key.to_bytes()?, outbound: Vec::new() })
}

fn public_package<S: Ciphersuite>(t: u16, parties: &[PartyId], comms: &BTreeMap<PartyId, Vec<Point<S>>>) -> Result<PublicKeyPackage<S>> {
    let mut group_key = S::C::identity();
    for c in comms.values() {
        group_key = group_key + *c.first().ok_or_else(|| Error::bug("empty commitments"))?;
    }
    if S::C::is_identity(&group_key) {
        return Err(Error::new(Code::Aborted, "DKG produced the identity as group key"));
    }
    let shares = parties.iter().map(|m| (*m, comms.values().fold(S::C::identity(), |acc, c| acc + commitment_eval::<S::C>(c, *m)))).collect();
    Ok(PublicKeyPackage { t, group_key, shares })
}
