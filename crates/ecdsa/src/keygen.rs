//! Key generation, refresh and resharing as one protocol: *dealers* share a
//! constant term with Feldman VSS; *receivers* publish a fresh Paillier key
//! and ring-Pedersen parameters with Πmod, Πprm and (per peer) Πfac, and end
//! with a key share.
//!
//! * DKG: dealers = receivers, a random constant term each.
//! * Refresh: dealers = receivers = the key's parties, constant `λ_i·x_i`
//!   (λ over all parties): same group key, new shares, new Paillier keys.
//! * Reshare: dealers ⊆ old parties (≥ old t), receivers = the new set with a
//!   new threshold; receivers check `C_j0 = λ_j·X_j` against the old public key.
//!
//! Round 1 (start): broadcast dealing `(C_j, PoK)` and/or aux `(N, s, t, Πmod, Πprm)`.
//! Round 2: verify round 1 (blame); send each receiver its share, each
//! receiver peer a Πfac on our `N` against its ring-Pedersen parameters, and
//! everyone an echo digest of round 1. Dealers that do not receive are done.
//! Round 3 (receivers): check echoes, shares and Πfac (blame); output the share.

use std::collections::BTreeMap;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::curve::{Curve, Secp256k1, SecretScalar};
use sigil_math::paillier::{PublicKey, SecretKey};
use sigil_math::round::{Inbound, Outbound, Step};
use sigil_math::shamir::{check_indices, check_threshold, commitment_eval, lagrange_coefficient, verify_share};
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::key_share::{Aux, KeyShare, Point, PublicKeyData, Scalar};
use crate::msg::{self, blame, check_echo, echo_digest, Protocol};
use crate::zk::pi_fac::{self, PiFacProof};
use crate::zk::pi_mod::{self, PiModProof};
use crate::zk::pi_prm::{self, PiPrmProof};
use crate::zk::ring_pedersen::RingPedersen;
use crate::zk::ProofContext;

/// Paillier modulus size of fresh keys.
pub const PAILLIER_BITS: u32 = 2048;

/// What a party brings to a keygen, refresh or reshare session.
pub struct Setup<'a> {
    /// Session id (1–64 bytes).
    pub sid: &'a [u8],
    /// This party.
    pub me: PartyId,
    /// Threshold of the key being made.
    pub t: u16,
    /// Parties that deal a constant term.
    pub dealers: &'a [PartyId],
    /// Parties that end with a share.
    pub receivers: &'a [PartyId],
    /// Refresh/reshare: this party's old share (dealers only).
    pub old_share: Option<&'a KeyShare>,
    /// Refresh/reshare: the old key's public data (every party).
    pub old_public: Option<&'a PublicKeyData>,
    /// A pre-generated Paillier key (receivers; a fresh one is made otherwise).
    pub paillier: Option<SecretKey>,
}

#[derive(Serialize, Deserialize)]
struct Dealing {
    commitments: Vec<Vec<u8>>,
    pok_r: Vec<u8>,
    pok_mu: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct AuxMsg {
    rp: RingPedersen,
    pi_mod: PiModProof,
    pi_prm: PiPrmProof,
}

#[derive(Serialize, Deserialize)]
struct Round1 {
    dealing: Option<Dealing>,
    aux: Option<AuxMsg>,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Round2 {
    echo: Vec<u8>,
    share: Option<Vec<u8>>,
    #[zeroize(skip)]
    pi_fac: Option<PiFacProof>,
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
    dealers: Vec<PartyId>,
    #[zeroize(skip)]
    receivers: Vec<PartyId>,
    #[zeroize(skip)]
    round: u8,
    /// Public blob of the old key (refresh/reshare).
    #[zeroize(skip)]
    old_public: Option<Vec<u8>>,
    /// Dealers, round 1: polynomial coefficients (secret).
    coefficients: Vec<Vec<u8>>,
    /// Receivers: Paillier key blob (secret).
    paillier: Vec<u8>,
    /// Receivers: `λ` of our ring-Pedersen parameters (secret).
    rp_lambda: Nat,
    /// Round 2: own share from own polynomial (secret).
    own_share: Vec<u8>,
    /// Round 2: every dealer's commitments.
    #[zeroize(skip)]
    commitments: Vec<(PartyId, Vec<Vec<u8>>)>,
    /// Round 2: every receiver's aux data.
    #[zeroize(skip)]
    aux: Vec<(PartyId, Aux)>,
    /// Round 2: digest of all round-1 broadcasts.
    #[zeroize(skip)]
    echo: Vec<u8>,
    /// Our own round-1 broadcast (public), for our commitments, aux and the echo.
    #[zeroize(skip)]
    own_round1: Vec<u8>,
}

fn ctx(sid: &[u8], prover: PartyId) -> ProofContext {
    ProofContext { sid: sid.to_vec(), prover }
}

fn others(parties: &[PartyId], me: PartyId) -> Vec<PartyId> {
    parties.iter().copied().filter(|p| *p != me).collect()
}

fn union(a: &[PartyId], b: &[PartyId]) -> Vec<PartyId> {
    let mut all: Vec<PartyId> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn pok_challenge(sid: &[u8], id: PartyId, c0: &Point, r: &Point) -> Scalar {
    Secp256k1::hash_to_scalar("ecdsa/keygen-pok", &[sid, &id.to_le_bytes(), &Secp256k1::encode_point(c0), &Secp256k1::encode_point(r)])
}

fn save(st: &State) -> Result<Vec<u8>> {
    blob::encode(Kind::SessionState, st)
}

fn check_setup(s: &Setup<'_>) -> Result<()> {
    msg::check_sid(s.sid)?;
    check_indices(s.dealers)?;
    check_indices(s.receivers)?;
    check_threshold(s.t, u16::try_from(s.receivers.len()).unwrap_or(u16::MAX))?;
    if s.t < 2 {
        return Err(Error::new(Code::InvalidThreshold, "a threshold key needs t ≥ 2"));
    }
    if !s.dealers.contains(&s.me) && !s.receivers.contains(&s.me) {
        return Err(Error::new(Code::UnknownParty, "this party is neither dealer nor receiver"));
    }
    match s.old_public {
        None if s.dealers != s.receivers => Err(Error::invalid("a fresh key needs dealers = receivers")),
        None => Ok(()),
        Some(old) => {
            old.check_signers(s.dealers)?;
            if s.dealers.contains(&s.me) {
                let share = s.old_share.ok_or_else(|| Error::invalid("a dealer of a refresh or reshare needs its old share"))?;
                if share.id != s.me || share.public.group_key != old.group_key {
                    return Err(Error::invalid("old share does not belong to this party or this key"));
                }
            }
            Ok(())
        }
    }
}

/// The constant term this dealer shares.
fn constant_term(s: &Setup<'_>, rng: &mut (impl CryptoRng + RngCore)) -> Result<Scalar> {
    match s.old_share {
        Some(old) if s.old_public.is_some() => Ok(lagrange_coefficient::<Secp256k1>(s.me, s.dealers)? * *old.x.expose()),
        _ => Ok(Secp256k1::random_scalar(rng)),
    }
}

fn make_dealing(s: &Setup<'_>, rng: &mut (impl CryptoRng + RngCore)) -> Result<(Dealing, Vec<SecretScalar<Secp256k1>>)> {
    let mut coeffs = vec![SecretScalar::<Secp256k1>::new(constant_term(s, rng)?)];
    for _ in 1..s.t {
        coeffs.push(SecretScalar::new(Secp256k1::random_scalar(rng)));
    }
    let comms: Vec<Point> = coeffs.iter().map(|a| Secp256k1::mul_base(a.expose())).collect();
    let a0 = coeffs.first().ok_or_else(|| Error::bug("no coefficients"))?;
    let c0 = comms.first().ok_or_else(|| Error::bug("no commitments"))?;
    let k = SecretScalar::<Secp256k1>::new(Secp256k1::random_scalar(rng));
    let r = Secp256k1::mul_base(k.expose());
    let mu = *k.expose() + *a0.expose() * pok_challenge(s.sid, s.me, c0, &r);
    let dealing = Dealing { commitments: comms.iter().map(Secp256k1::encode_point).collect(), pok_r: Secp256k1::encode_point(&r), pok_mu: Secp256k1::encode_scalar(&mu) };
    Ok((dealing, coeffs))
}

/// Our aux message and the ring-Pedersen `λ` we keep.
fn make_aux(sid: &[u8], me: PartyId, sk: &SecretKey, rng: &mut (impl CryptoRng + RngCore)) -> Result<(AuxMsg, Nat)> {
    let rps = RingPedersen::generate(sk, rng)?;
    let pi_mod = pi_mod::prove(&ctx(sid, me), sk, rng)?;
    let pi_prm = pi_prm::prove(&ctx(sid, me), &rps, rng)?;
    Ok((AuxMsg { rp: rps.public.clone(), pi_mod, pi_prm }, rps.lambda.clone()))
}

/// Start as party `setup.me`.
///
/// # Errors
/// Setup errors ([`Code::InvalidThreshold`], [`Code::UnknownParty`], …).
pub fn start(setup: Setup<'_>, rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    check_setup(&setup)?;
    let dealing = if setup.dealers.contains(&setup.me) { Some(make_dealing(&setup, rng)?) } else { None };
    let paillier = match (&setup.paillier, setup.receivers.contains(&setup.me)) {
        (_, false) => None,
        (Some(sk), true) => Some(sk.clone()),
        (None, true) => Some(SecretKey::generate(PAILLIER_BITS, rng)?),
    };
    let (aux, rp_lambda) = match paillier.as_ref().map(|sk| make_aux(setup.sid, setup.me, sk, rng)).transpose()? {
        Some((aux, lambda)) => (Some(aux), lambda),
        None => (None, Nat::zero()),
    };
    let (dealing_msg, coeffs) = dealing.map_or((None, Vec::new()), |(d, c)| (Some(d), c));
    let round1 = Round1 { dealing: dealing_msg, aux };
    let payload = msg::encode(Protocol::Keygen, setup.sid, 1, setup.me, &round1)?;
    let state = State {
        sid: setup.sid.to_vec(),
        me: setup.me,
        t: setup.t,
        dealers: setup.dealers.to_vec(),
        receivers: setup.receivers.to_vec(),
        round: 1,
        old_public: setup.old_public.map(PublicKeyData::to_bytes).transpose()?,
        coefficients: coeffs.iter().map(SecretScalar::to_bytes).collect(),
        paillier: paillier.map(|sk| sk.to_bytes()).transpose()?.unwrap_or_default(),
        rp_lambda,
        own_share: Vec::new(),
        commitments: Vec::new(),
        aux: Vec::new(),
        echo: Vec::new(),
        own_round1: payload.clone(),
    };
    Ok(Step::Continue { state: save(&state)?, outbound: vec![Outbound { to: None, payload }] })
}

/// Advance with the messages of the current round.
///
/// # Errors
/// Blame errors naming the sender of a bad proof, share, echo or message.
pub fn step(state: &[u8], inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    let mut st: State = blob::decode(Kind::SessionState, state)?;
    match st.round {
        1 => round2(&mut st, inbound, rng),
        2 => round3(&st, inbound),
        r => Err(Error::new(Code::WrongRound, format!("keygen state is at unknown round {r}"))),
    }
}

fn verify_dealing(st: &State, old: Option<&PublicKeyData>, from: PartyId, d: &Dealing) -> Result<Vec<Point>> {
    let fail = |detail: &str| Error::blame(Code::ProofFailed, detail, vec![from]);
    let comms: Vec<Point> = d.commitments.iter().map(|c| Secp256k1::decode_point(c)).collect::<Result<_>>().map_err(|e| blame(from, &e))?;
    if comms.len() != usize::from(st.t) {
        return Err(fail("commitment vector has the wrong length"));
    }
    let c0 = comms.first().ok_or_else(|| fail("no commitments"))?;
    let r = Secp256k1::decode_point(&d.pok_r).map_err(|e| blame(from, &e))?;
    let mu = Secp256k1::decode_scalar(&d.pok_mu).map_err(|e| blame(from, &e))?;
    if Secp256k1::mul_base(&mu) != r + Secp256k1::mul(c0, &pok_challenge(&st.sid, from, c0, &r)) {
        return Err(fail("proof of knowledge of the constant term does not verify"));
    }
    if let Some(old) = old {
        if *c0 != old.additive_share(from, &st.dealers)? {
            return Err(Error::blame(Code::InvalidShare, "dealt constant term is not λ_j·X_j of the old key", vec![from]));
        }
    }
    Ok(comms)
}

fn verify_aux(sid: &[u8], from: PartyId, a: &AuxMsg) -> Result<Aux> {
    let paillier = PublicKey::from_n(a.rp.n.clone()).map_err(|e| blame(from, &e))?;
    a.rp.validate().map_err(|e| blame(from, &e))?;
    pi_mod::verify(&ctx(sid, from), &a.rp.n, &a.pi_mod).map_err(|e| blame(from, &e))?;
    pi_prm::verify(&ctx(sid, from), &a.rp, &a.pi_prm).map_err(|e| blame(from, &e))?;
    Ok(Aux { paillier, rp: a.rp.clone() })
}

fn round2(st: &mut State, inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    let everyone = union(&st.dealers, &st.receivers);
    let peers = others(&everyone, st.me);
    let mut received: Vec<(PartyId, Round1)> = msg::collect(Protocol::Keygen, &st.sid, 1, inbound, &peers)?;
    let own_inbound = [Inbound { from: st.me, payload: st.own_round1.clone() }];
    received.extend(msg::collect::<Round1>(Protocol::Keygen, &st.sid, 1, &own_inbound, &[st.me])?);
    let old = st.old_public.as_deref().map(PublicKeyData::from_bytes).transpose()?;
    let mut commitments = Vec::new();
    let mut aux = Vec::new();
    for (from, m) in &received {
        match (st.dealers.contains(from), &m.dealing) {
            (true, Some(d)) => commitments.push((*from, verify_dealing(st, old.as_ref(), *from, d)?)),
            (false, None) => {}
            _ => return Err(Error::blame(Code::Malformed, "dealing present or missing against the party's role", vec![*from])),
        }
        match (st.receivers.contains(from), &m.aux) {
            (true, Some(a)) if *from == st.me => aux.push((*from, Aux { paillier: PublicKey::from_n(a.rp.n.clone())?, rp: a.rp.clone() })),
            (true, Some(a)) => aux.push((*from, verify_aux(&st.sid, *from, a)?)),
            (false, None) => {}
            _ => return Err(Error::blame(Code::Malformed, "aux data present or missing against the party's role", vec![*from])),
        }
    }
    check_distinct_moduli(&aux)?;
    let mut echo_items: Vec<(PartyId, Vec<u8>)> = inbound.iter().map(|m| (m.from, m.payload.clone())).collect();
    echo_items.push((st.me, st.own_round1.clone()));
    st.echo = echo_digest("keygen-1", &mut echo_items);
    let outbound = round2_messages(st, &aux, rng)?;
    st.commitments = commitments.iter().map(|(i, c)| (*i, c.iter().map(Secp256k1::encode_point).collect())).collect();
    st.aux = aux;
    if st.receivers.contains(&st.me) && !st.coefficients.is_empty() {
        let coeffs: Vec<Scalar> = st.coefficients.iter().map(|c| Secp256k1::decode_scalar(c)).collect::<Result<_>>()?;
        st.own_share = Secp256k1::encode_scalar(&eval(&coeffs, st.me));
    }
    st.coefficients.zeroize();
    st.coefficients.clear();
    st.round = 2;
    if !st.receivers.contains(&st.me) {
        return Ok(Step::Done { output: Vec::new(), outbound });
    }
    Ok(Step::Continue { state: save(st)?, outbound })
}

fn check_distinct_moduli(aux: &[(PartyId, Aux)]) -> Result<()> {
    for (i, (p, a)) in aux.iter().enumerate() {
        if let Some((q, _)) = aux.iter().skip(i + 1).find(|(_, b)| b.paillier.n() == a.paillier.n()) {
            return Err(Error::blame(Code::InvalidModulus, "two parties published the same Paillier modulus", vec![*p, *q]));
        }
    }
    Ok(())
}

fn round2_messages(st: &State, aux: &[(PartyId, Aux)], rng: &mut (impl CryptoRng + RngCore)) -> Result<Vec<Outbound>> {
    let coeffs: Vec<Scalar> = st.coefficients.iter().map(|c| Secp256k1::decode_scalar(c)).collect::<Result<_>>()?;
    let sk = if st.paillier.is_empty() { None } else { Some(SecretKey::from_bytes(&st.paillier)?) };
    let aux: BTreeMap<PartyId, &Aux> = aux.iter().map(|(p, a)| (*p, a)).collect();
    let everyone = union(&st.dealers, &st.receivers);
    let mut out = Vec::new();
    for j in others(&everyone, st.me) {
        let share = (!coeffs.is_empty() && st.receivers.contains(&j)).then(|| Secp256k1::encode_scalar(&eval(&coeffs, j)));
        let pi_fac = match (&sk, aux.get(&j)) {
            (Some(sk), Some(a)) => Some(pi_fac::prove(&ctx(&st.sid, st.me), sk, &a.rp, rng)?),
            _ => None,
        };
        let m = Round2 { echo: st.echo.clone(), share, pi_fac };
        out.push(Outbound { to: Some(j), payload: msg::encode(Protocol::Keygen, &st.sid, 2, st.me, &m)? });
    }
    Ok(out)
}

fn eval(coeffs: &[Scalar], x: PartyId) -> Scalar {
    let x = Secp256k1::scalar_from_u64(u64::from(x));
    coeffs.iter().rev().fold(Secp256k1::scalar_zero(), |acc, a| acc * x + *a)
}

fn round3(st: &State, inbound: &[Inbound]) -> Result<Step> {
    let everyone = union(&st.dealers, &st.receivers);
    let peers = others(&everyone, st.me);
    let received: Vec<(PartyId, Round2)> = msg::collect(Protocol::Keygen, &st.sid, 2, inbound, &peers)?;
    let comms: BTreeMap<PartyId, Vec<Point>> = st.commitments.iter().map(|(i, c)| Ok((*i, c.iter().map(|p| Secp256k1::decode_point_trusted(p)).collect::<Result<Vec<_>>>()?))).collect::<Result<_>>()?;
    let aux: BTreeMap<PartyId, Aux> = st.aux.iter().cloned().collect();
    let me_aux = aux.get(&st.me).ok_or_else(|| Error::bug("own aux missing"))?;
    let paillier = SecretKey::from_bytes(&st.paillier)?;
    // Πfac proofs were made against our ring-Pedersen parameters: verify with the trapdoor.
    let my_rp = me_aux.rp.clone().with_owner(&paillier, &st.rp_lambda)?;
    let mut x = if st.own_share.is_empty() { Secp256k1::scalar_zero() } else { Secp256k1::decode_scalar(&st.own_share)? };
    for (from, m) in &received {
        check_echo(*from, &m.echo, &st.echo)?;
        if let Some(c) = comms.get(from) {
            let share = m.share.as_deref().ok_or_else(|| Error::blame(Code::Aborted, "dealer sent no share", vec![*from]))?;
            let s = Secp256k1::decode_scalar(share).map_err(|e| blame(*from, &e))?;
            verify_share::<Secp256k1>(c, st.me, &s).map_err(|_| Error::blame(Code::InvalidShare, "share does not match its commitments", vec![*from]))?;
            x += s;
        }
        if let Some(a) = aux.get(from) {
            let proof = m.pi_fac.as_ref().ok_or_else(|| Error::blame(Code::ProofFailed, "Πfac missing", vec![*from]))?;
            pi_fac::verify(&ctx(&st.sid, *from), a.paillier.n(), &my_rp, proof).map_err(|e| blame(*from, &e))?;
        }
    }
    let public = public_data(st, &comms, aux)?;
    let key = KeyShare { id: st.me, x: SecretScalar::new(x), paillier, rp_lambda: st.rp_lambda.clone(), public };
    if Secp256k1::mul_base(key.x.expose()) != *key.public.share(st.me)? {
        return Err(Error::bug("key share inconsistent with its public share"));
    }
    Ok(Step::Done { output: key.to_bytes()?, outbound: Vec::new() })
}


fn public_data(st: &State, comms: &BTreeMap<PartyId, Vec<Point>>, aux: BTreeMap<PartyId, Aux>) -> Result<PublicKeyData> {
    let group_key = comms.values().try_fold(Secp256k1::identity(), |acc, c| c.first().map(|c0| acc + *c0).ok_or_else(|| Error::bug("empty commitments")))?;
    if Secp256k1::is_identity(&group_key) {
        return Err(Error::new(Code::Aborted, "key generation produced the identity as group key"));
    }
    if let Some(old) = st.old_public.as_deref().map(PublicKeyData::from_bytes).transpose()? {
        if old.group_key != group_key {
            return Err(Error::bug("reshare changed the group key despite verified constant terms"));
        }
    }
    let shares = st.receivers.iter().map(|j| (*j, comms.values().fold(Secp256k1::identity(), |acc, c| acc + commitment_eval::<Secp256k1>(c, *j)))).collect();
    Ok(PublicKeyData { t: st.t, group_key, shares, aux })
}
