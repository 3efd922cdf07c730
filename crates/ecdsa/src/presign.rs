//! Presigning (the offline phase): GG20's MtA structure hardened with the
//! CGGMP21 proofs (the three-round presigning of CGGMP21 §4, Fig. 7).
//!
//! With `w_i = λ_i·x_i` the additive share of the signer set:
//!
//! * Round 1 (start): `K_i = enc_i(k_i; ρ_i)`, `G_i = enc_i(γ_i; ν_i)` to
//!   every peer with a Πenc on `K_i` against that peer's ring-Pedersen.
//! * Round 2: verify Πenc (blame). `Γ_i = γ_i·G`; for each peer `j` the two
//!   MtAs `D_{j,i} = K_j^{γ_i}·enc_j(β_{i,j})`, `F_{j,i} = enc_i(β_{i,j})`
//!   and `D̂_{j,i} = K_j^{w_i}·enc_j(β̂_{i,j})`, `F̂_{j,i} = enc_i(β̂_{i,j})`
//!   with Πaff-g for each and Πlog* tying `G_i` to `Γ_i`; an echo of round 1.
//! * Round 3: verify (blame), `Γ = ΣΓ_j`, `Δ_i = k_i·Γ`,
//!   `δ_i = γ_i k_i + Σ_j (α_{i,j} − β_{i,j})`, `χ_i = w_i k_i + Σ_j (α̂_{i,j} − β̂_{i,j})`,
//!   `S_i = χ_i·Γ`; send `δ_i, Δ_i, S_i` with a Πlog* tying `K_i` to `Δ_i`.
//! * Output: verify, `δ = Σδ_j`; require `δ·G = ΣΔ_j` and `ΣS_j = δ·X`, then
//!   `R = δ⁻¹·Γ`. The presignature is `(R, k_i, χ_i)` plus the public
//!   `Δ_j, S_j` that let a combiner check each partial signature
//!   (`σ_j·Γ = m·Δ_j + r·S_j`) and so name a cheater in the online round.
//!   A failed check runs one more round of identification ([`crate::identify`]).

use std::collections::BTreeMap;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sigil_math::bigint::{random_unit, Nat};
use sigil_math::curve::{Curve, Secp256k1, SecretScalar};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::round::{Inbound, Outbound, Step};
use sigil_math::shamir::lagrange_coefficient;
use sigil_math::{Code, Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::int::{scalar_to_nat, Int};
use crate::key_share::{KeyShare, Point, Scalar};
use crate::msg::{self, blame, check_echo, echo_digest, Protocol};
use crate::presignature::{PresigPublic, Presignature};
use crate::zk::checks::mask;
use crate::zk::params::{L, L_PRIME};
use crate::zk::pi_aff_g::{self, PiAffGProof, PiAffGStatement, PiAffGWitness};
use crate::zk::pi_enc::{self, PiEncProof};
use crate::zk::pi_log::{self, PiLogProof, PiLogStatement};
use crate::zk::ring_pedersen::RingPedersen;
use crate::zk::ProofContext;

#[derive(Serialize, Deserialize)]
struct Round1 {
    k_ct: Nat,
    g_ct: Nat,
    pi_enc: PiEncProof,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Round2 {
    echo: Vec<u8>,
    gamma: Vec<u8>,
    pub(crate) d: Nat,
    pub(crate) f: Nat,
    pub(crate) d_hat: Nat,
    pub(crate) f_hat: Nat,
    psi: PiAffGProof,
    psi_hat: PiAffGProof,
    psi_log: PiLogProof,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Round3 {
    echo: Vec<u8>,
    pub(crate) delta: Vec<u8>,
    pub(crate) big_delta: Vec<u8>,
    pub(crate) s_point: Vec<u8>,
    psi_log: PiLogProof,
}

/// Per-peer values a party keeps between rounds.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop, Default)]
pub(crate) struct PeerState {
    /// `K_j`, `G_j` (public).
    #[zeroize(skip)]
    pub(crate) k_ct: Nat,
    #[zeroize(skip)]
    pub(crate) g_ct: Nat,
    /// Our MtA masks towards `j` (secret).
    pub(crate) beta: Nat,
    pub(crate) beta_hat: Nat,
    /// What `j` sent us in round 2 (public), kept for identification.
    #[zeroize(skip)]
    pub(crate) gamma: Vec<u8>,
    #[zeroize(skip)]
    pub(crate) d: Nat,
    #[zeroize(skip)]
    pub(crate) f: Nat,
    #[zeroize(skip)]
    pub(crate) d_hat: Nat,
    #[zeroize(skip)]
    pub(crate) f_hat: Nat,
    /// What we sent `j` in round 2 (public), kept for identification.
    #[zeroize(skip)]
    pub(crate) f_ours: Nat,
    #[zeroize(skip)]
    pub(crate) f_hat_ours: Nat,
    #[zeroize(skip)]
    pub(crate) d_ours: Nat,
    #[zeroize(skip)]
    pub(crate) d_hat_ours: Nat,
    /// Round 3 values `j` announced: `δ_j`, `S_j` (public), for identification.
    #[zeroize(skip)]
    pub(crate) delta: Vec<u8>,
    #[zeroize(skip)]
    pub(crate) s_point: Vec<u8>,
}

/// Presign session state (secret).
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub(crate) struct State {
    #[zeroize(skip)]
    pub(crate) sid: Vec<u8>,
    #[zeroize(skip)]
    pub(crate) me: PartyId,
    #[zeroize(skip)]
    pub(crate) signers: Vec<PartyId>,
    #[zeroize(skip)]
    pub(crate) round: u8,
    pub(crate) key: Vec<u8>,
    pub(crate) k: Vec<u8>,
    pub(crate) gamma: Vec<u8>,
    pub(crate) rho: Nat,
    pub(crate) nu: Nat,
    #[zeroize(skip)]
    pub(crate) k_ct: Nat,
    #[zeroize(skip)]
    pub(crate) g_ct: Nat,
    pub(crate) peers: Vec<(PartyId, PeerState)>,
    #[zeroize(skip)]
    pub(crate) echo: Vec<u8>,
    /// Round 3 on: `Γ`, our `δ_i`, `χ_i`.
    #[zeroize(skip)]
    pub(crate) big_gamma: Vec<u8>,
    #[zeroize(skip)]
    pub(crate) delta: Vec<u8>,
    pub(crate) chi: Vec<u8>,
}

/// Proof context of proof `label` in session `sid` by `prover`.
pub(crate) fn pctx(sid: &[u8], label: &str, prover: PartyId) -> ProofContext {
    let mut s = sid.to_vec();
    s.push(0);
    s.extend_from_slice(b"presign/");
    s.extend_from_slice(label.as_bytes());
    ProofContext { sid: s, prover }
}

pub(crate) fn nat_scalar(n: &Nat) -> Result<Scalar> {
    Int::from(n.clone()).to_scalar()
}

pub(crate) fn point(from: PartyId, bytes: &[u8]) -> Result<Point> {
    Secp256k1::decode_point(bytes).map_err(|e| blame(from, &e))
}

fn save(st: &State) -> Result<Vec<u8>> {
    blob::encode(Kind::SessionState, st)
}

pub(crate) fn peers_of(signers: &[PartyId], me: PartyId) -> Vec<PartyId> {
    signers.iter().copied().filter(|p| *p != me).collect()
}

/// The additive share `w_i = λ_i·x_i` of this signer set.
pub(crate) fn additive_secret(key: &KeyShare, signers: &[PartyId]) -> Result<SecretScalar<Secp256k1>> {
    Ok(SecretScalar::new(lagrange_coefficient::<Secp256k1>(key.id, signers)? * *key.x.expose()))
}

/// Start presigning as the owner of `key` with `signers` (including itself).
///
/// # Errors
/// [`Code::InvalidThreshold`], [`Code::UnknownParty`], session-id errors.
pub fn start(sid: &[u8], key_blob: &[u8], signers: &[PartyId], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    msg::check_sid(sid)?;
    let key = KeyShare::from_bytes(key_blob)?;
    key.public.check_signers(signers)?;
    if !signers.contains(&key.id) {
        return Err(Error::new(Code::UnknownParty, "this party is not among the signers"));
    }
    let mut signers = signers.to_vec();
    signers.sort_unstable();
    let me = key.id;
    let pk = &key.paillier.owner_public_key()?;
    let (k, gamma) = (Secp256k1::random_scalar(rng), Secp256k1::random_scalar(rng));
    let (k_ct, rho) = pk.encrypt(&scalar_to_nat(&k), rng)?;
    let (g_ct, nu) = pk.encrypt(&scalar_to_nat(&gamma), rng)?;
    let mut outbound = Vec::new();
    let mut peers = Vec::new();
    for j in peers_of(&signers, me) {
        let rp = &key.public.aux(j)?.rp;
        let pi_enc = pi_enc::prove(&pctx(sid, "enc", me), pk, rp, &k_ct, &Int::from(scalar_to_nat(&k)), &rho, rng)?;
        let m = Round1 { k_ct: k_ct.clone(), g_ct: g_ct.clone(), pi_enc };
        outbound.push(Outbound { to: Some(j), payload: msg::encode(Protocol::Presign, sid, 1, me, &m)? });
        peers.push((j, PeerState::default()));
    }
    let st = State {
        sid: sid.to_vec(),
        me,
        signers,
        round: 1,
        key: key_blob.to_vec(),
        k: Secp256k1::encode_scalar(&k),
        gamma: Secp256k1::encode_scalar(&gamma),
        rho,
        nu,
        k_ct,
        g_ct,
        peers,
        echo: Vec::new(),
        big_gamma: Vec::new(),
        delta: Vec::new(),
        chi: Vec::new(),
    };
    Ok(Step::Continue { state: save(&st)?, outbound })
}

/// Advance presigning with the messages of the current round.
///
/// # Errors
/// Blame errors naming the sender of a bad proof, value or message.
pub fn step(state: &[u8], inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    let mut st: State = blob::decode(Kind::SessionState, state)?;
    let key = KeyShare::from_bytes(&st.key)?;
    match st.round {
        1 => {
            let outbound = round2(&mut st, &key, inbound, rng)?;
            Ok(Step::Continue { state: save(&st)?, outbound })
        }
        2 => {
            let outbound = round3(&mut st, &key, inbound, rng)?;
            Ok(Step::Continue { state: save(&st)?, outbound })
        }
        3 => finish(&mut st, &key, inbound, rng),
        4 => crate::identify::conclude(&st, &key, inbound),
        r => Err(Error::new(Code::WrongRound, format!("presign state is at unknown round {r}"))),
    }
}

fn peer_mut(st: &mut State, j: PartyId) -> Result<&mut PeerState> {
    st.peers.iter_mut().find(|(p, _)| *p == j).map(|(_, s)| s).ok_or_else(|| Error::bug("peer state missing"))
}

fn round2(st: &mut State, key: &KeyShare, inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Vec<Outbound>> {
    let peers = peers_of(&st.signers, st.me);
    let received: Vec<(PartyId, Round1)> = msg::collect(Protocol::Presign, &st.sid, 1, inbound, &peers)?;
    let my_rp = &key.own_rp()?;
    let mut echo_items = vec![(st.me, echo_bytes(&st.k_ct, &st.g_ct))];
    for (j, m) in &received {
        let pk_j = &key.public.aux(*j)?.paillier;
        for c in [&m.k_ct, &m.g_ct] {
            pk_j.validate_ciphertext(c).map_err(|e| blame(*j, &e))?;
        }
        pi_enc::verify(&pctx(&st.sid, "enc", *j), pk_j, my_rp, &m.k_ct, &m.pi_enc).map_err(|e| blame(*j, &e))?;
        echo_items.push((*j, echo_bytes(&m.k_ct, &m.g_ct)));
        let ps = peer_mut(st, *j)?;
        ps.k_ct = m.k_ct.clone();
        ps.g_ct = m.g_ct.clone();
    }
    st.echo = echo_digest("presign-1", &mut echo_items);
    let gamma = Secp256k1::decode_scalar(&st.gamma)?;
    let w = additive_secret(key, &st.signers)?;
    let big_gamma_i = Secp256k1::mul_base(&gamma);
    let pk_me = key.paillier.owner_public_key()?;
    let mut out = Vec::with_capacity(peers.len());
    for j in peers {
        let m = mta_messages(st, (key, &pk_me), j, &gamma, w.expose(), &big_gamma_i, rng)?;
        out.push(Outbound { to: Some(j), payload: msg::encode(Protocol::Presign, &st.sid, 2, st.me, &m)? });
    }
    st.big_gamma = Secp256k1::encode_point(&big_gamma_i);
    st.round = 2;
    Ok(out)
}

pub(crate) fn echo_bytes(k_ct: &Nat, g_ct: &Nat) -> Vec<u8> {
    let mut v = k_ct.to_be_bytes();
    v.extend_from_slice(&(v.len() as u64).to_le_bytes());
    v.extend_from_slice(&g_ct.to_be_bytes());
    v
}

/// One MtA side: `D = C^x · enc_0(y; s)` and `F = enc_1(y; r)` with its Πaff-g.
struct Mta {
    d: Ciphertext,
    f: Ciphertext,
    proof: PiAffGProof,
}

#[allow(clippy::too_many_arguments)]
fn mta(ctx: &ProofContext, pk_j: &PublicKey, pk_me: &PublicKey, rp_j: &RingPedersen, c: &Ciphertext, x: &Scalar, x_point: &Point, y: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<Mta> {
    let x_nat = scalar_to_nat(x);
    let s = random_unit(pk_j.n(), rng)?;
    let d = pk_j.add(&pk_j.mul_scalar_ct(c, &x_nat)?, &pk_j.encrypt_with_nonce(y, &s)?)?;
    let (f, r) = pk_me.encrypt(y, rng)?;
    let st = PiAffGStatement { pk0: pk_j, pk1: pk_me, c, d: &d, y_ct: &f, x_point };
    let (xi, yi) = (Int::from(x_nat), Int::from(y.clone()));
    let proof = pi_aff_g::prove(ctx, &st, rp_j, &PiAffGWitness { x: &xi, y: &yi, rho: &s, rho_y: &r }, rng)?;
    Ok(Mta { d, f, proof })
}

/// Our two MtA answers to peer `j` and the Πlog* on `Γ_i`; `mine` is our key
/// share with the owner's copy of our Paillier key.
fn mta_messages(st: &mut State, mine: (&KeyShare, &PublicKey), j: PartyId, gamma: &Scalar, w: &Scalar, big_gamma_i: &Point, rng: &mut (impl CryptoRng + RngCore)) -> Result<Round2> {
    let (key, pk_me) = mine;
    let aux_j = key.public.aux(j)?;
    let k_j = peer_mut(st, j)?.k_ct.clone();
    let (beta, beta_hat) = (mask(L_PRIME, rng), mask(L_PRIME, rng));
    let w_point = Secp256k1::mul_base(w);
    let a = mta(&pctx(&st.sid, "aff-g/gamma", st.me), &aux_j.paillier, pk_me, &aux_j.rp, &k_j, gamma, big_gamma_i, &beta, rng)?;
    let b = mta(&pctx(&st.sid, "aff-g/x", st.me), &aux_j.paillier, pk_me, &aux_j.rp, &k_j, w, &w_point, &beta_hat, rng)?;
    let log_st = PiLogStatement { pk0: pk_me, c: &st.g_ct, x_point: big_gamma_i, g: &Secp256k1::generator(), bits: L };
    let psi_log = pi_log::prove(&pctx(&st.sid, "log/gamma", st.me), &log_st, &aux_j.rp, &Int::from(scalar_to_nat(gamma)), &st.nu, rng)?;
    let ps = peer_mut(st, j)?;
    ps.beta = beta;
    ps.beta_hat = beta_hat;
    ps.f_ours = a.f.clone();
    ps.f_hat_ours = b.f.clone();
    ps.d_ours = a.d.clone();
    ps.d_hat_ours = b.d.clone();
    Ok(Round2 {
        echo: st.echo.clone(),
        gamma: Secp256k1::encode_point(big_gamma_i),
        d: a.d,
        f: a.f,
        d_hat: b.d,
        f_hat: b.f,
        psi: a.proof,
        psi_hat: b.proof,
        psi_log,
    })
}

fn verify_round2(st: &State, key: &KeyShare, mine: (&PublicKey, &RingPedersen), j: PartyId, m: &Round2) -> Result<Point> {
    check_echo(j, &m.echo, &st.echo)?;
    let (my_pk, my_rp) = mine;
    let gamma_j = point(j, &m.gamma)?;
    let aux_j = key.public.aux(j)?;
    let w_j = key.public.additive_share(j, &st.signers)?;
    let on = |label: &str, d: &Nat, f: &Nat, x: &Point, proof: &PiAffGProof| -> Result<()> {
        let s = PiAffGStatement { pk0: my_pk, pk1: &aux_j.paillier, c: &st.k_ct, d, y_ct: f, x_point: x };
        pi_aff_g::verify(&pctx(&st.sid, label, j), &s, my_rp, proof).map_err(|e| blame(j, &e))
    };
    on("aff-g/gamma", &m.d, &m.f, &gamma_j, &m.psi)?;
    on("aff-g/x", &m.d_hat, &m.f_hat, &w_j, &m.psi_hat)?;
    let g_j = &st.peers.iter().find(|(p, _)| *p == j).ok_or_else(|| Error::bug("peer state missing"))?.1.g_ct;
    let log_st = PiLogStatement { pk0: &aux_j.paillier, c: g_j, x_point: &gamma_j, g: &Secp256k1::generator(), bits: L };
    pi_log::verify(&pctx(&st.sid, "log/gamma", j), &log_st, my_rp, &m.psi_log).map_err(|e| blame(j, &e))?;
    Ok(gamma_j)
}


fn round3(st: &mut State, key: &KeyShare, inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Vec<Outbound>> {
    let peers = peers_of(&st.signers, st.me);
    let received: Vec<(PartyId, Round2)> = msg::collect(Protocol::Presign, &st.sid, 2, inbound, &peers)?;
    let mut big_gamma = point(st.me, &st.big_gamma)?;
    let (my_pk, my_rp) = (key.paillier.owner_public_key()?, key.own_rp()?);
    let mut echo_items = vec![(st.me, st.big_gamma.clone())];
    for (j, m) in &received {
        big_gamma += verify_round2(st, key, (&my_pk, &my_rp), *j, m)?;
        echo_items.push((*j, m.gamma.clone()));
        let ps = peer_mut(st, *j)?;
        ps.gamma = m.gamma.clone();
        (ps.d, ps.f, ps.d_hat, ps.f_hat) = (m.d.clone(), m.f.clone(), m.d_hat.clone(), m.f_hat.clone());
    }
    if Secp256k1::is_identity(&big_gamma) {
        return Err(Error::new(Code::Aborted, "Γ is the identity"));
    }
    let (delta, chi) = local_shares(st, key)?;
    let k = Secp256k1::decode_scalar(&st.k)?;
    let big_delta = Secp256k1::mul(&big_gamma, &k);
    let s_point = Secp256k1::mul(&big_gamma, chi.expose());
    st.echo = echo_digest("presign-2", &mut echo_items);
    let mut out = Vec::with_capacity(peers.len());
    for j in peers {
        let rp = &key.public.aux(j)?.rp;
        let log_st = PiLogStatement { pk0: &my_pk, c: &st.k_ct, x_point: &big_delta, g: &big_gamma, bits: L };
        let psi_log = pi_log::prove(&pctx(&st.sid, "log/k", st.me), &log_st, rp, &Int::from(scalar_to_nat(&k)), &st.rho, rng)?;
        let m = Round3 { echo: st.echo.clone(), delta: Secp256k1::encode_scalar(&delta), big_delta: Secp256k1::encode_point(&big_delta), s_point: Secp256k1::encode_point(&s_point), psi_log };
        out.push(Outbound { to: Some(j), payload: msg::encode(Protocol::Presign, &st.sid, 3, st.me, &m)? });
    }
    st.big_gamma = Secp256k1::encode_point(&big_gamma);
    st.delta = Secp256k1::encode_scalar(&delta);
    st.chi = chi.to_bytes();
    st.round = 3;
    Ok(out)
}

/// `δ_i` and `χ_i` from the decrypted MtA shares.
fn local_shares(st: &State, key: &KeyShare) -> Result<(Scalar, SecretScalar<Secp256k1>)> {
    let k = Secp256k1::decode_scalar(&st.k)?;
    let gamma = Secp256k1::decode_scalar(&st.gamma)?;
    let w = additive_secret(key, &st.signers)?;
    let mut delta = gamma * k;
    let mut chi = SecretScalar::<Secp256k1>::new(*w.expose() * k);
    for (j, ps) in &st.peers {
        let alpha = nat_scalar(&key.paillier.decrypt(&ps.d).map_err(|e| blame(*j, &e))?)?;
        let alpha_hat = SecretScalar::<Secp256k1>::new(nat_scalar(&key.paillier.decrypt(&ps.d_hat).map_err(|e| blame(*j, &e))?)?);
        delta += alpha - nat_scalar(&ps.beta)?;
        chi = SecretScalar::new(*chi.expose() + *alpha_hat.expose() - nat_scalar(&ps.beta_hat)?);
    }
    Ok((delta, chi))
}

/// Public values of round 3, per signer.
pub(crate) struct Round3Public {
    pub(crate) delta: Scalar,
    pub(crate) big_delta: Point,
    pub(crate) s_point: Point,
}

fn finish(st: &mut State, key: &KeyShare, inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    let peers = peers_of(&st.signers, st.me);
    let received: Vec<(PartyId, Round3)> = msg::collect(Protocol::Presign, &st.sid, 3, inbound, &peers)?;
    let big_gamma = Secp256k1::decode_point_trusted(&st.big_gamma)?;
    let k = Secp256k1::decode_scalar(&st.k)?;
    let chi = SecretScalar::<Secp256k1>::new(Secp256k1::decode_scalar(&st.chi)?);
    let mut public: BTreeMap<PartyId, Round3Public> = BTreeMap::new();
    public.insert(st.me, Round3Public { delta: Secp256k1::decode_scalar(&st.delta)?, big_delta: Secp256k1::mul(&big_gamma, &k), s_point: Secp256k1::mul(&big_gamma, chi.expose()) });
    let me_rp = &key.own_rp()?;
    for (j, m) in &received {
        check_echo(*j, &m.echo, &st.echo)?;
        let p = Round3Public { delta: Secp256k1::decode_scalar(&m.delta).map_err(|e| blame(*j, &e))?, big_delta: point(*j, &m.big_delta)?, s_point: point(*j, &m.s_point)? };
        let aux_j = key.public.aux(*j)?;
        let k_j = &st.peers.iter().find(|(p, _)| p == j).ok_or_else(|| Error::bug("peer state missing"))?.1.k_ct;
        let log_st = PiLogStatement { pk0: &aux_j.paillier, c: k_j, x_point: &p.big_delta, g: &big_gamma, bits: L };
        pi_log::verify(&pctx(&st.sid, "log/k", *j), &log_st, me_rp, &m.psi_log).map_err(|e| blame(*j, &e))?;
        let ps = peer_mut(st, *j)?;
        ps.delta = m.delta.clone();
        ps.s_point = m.s_point.clone();
        public.insert(*j, p);
    }
    let delta = public.values().fold(Secp256k1::scalar_zero(), |acc, p| acc + p.delta);
    let sum_delta = public.values().fold(Secp256k1::identity(), |acc, p| acc + p.big_delta);
    let sum_s = public.values().fold(Secp256k1::identity(), |acc, p| acc + p.s_point);
    if Secp256k1::mul_base(&delta) != sum_delta || sum_s != Secp256k1::mul(&key.public.group_key, &delta) {
        return crate::identify::begin(st, key, rng);
    }
    let delta_inv = Secp256k1::scalar_invert(&delta).ok_or_else(|| Error::new(Code::Aborted, "δ is zero"))?;
    let r = Secp256k1::mul(&big_gamma, &delta_inv);
    let id = presig_id(&st.sid, &r);
    let presig = Presignature {
        k: SecretScalar::new(k),
        chi,
        public: PresigPublic {
            id,
            group_key: key.public.group_key,
            r,
            big_gamma,
            parts: public.into_iter().map(|(j, p)| (j, p.big_delta, p.s_point)).collect(),
        },
    };
    Ok(Step::Done { output: presig.to_bytes()?, outbound: Vec::new() })
}

/// Presignature id: the first 16 bytes of `SHA-256(tag ‖ sid ‖ R)`.
fn presig_id(sid: &[u8], r: &Point) -> [u8; 16] {
    let h = Sha256::new().chain_update(b"sigil/v1/ecdsa/presig-id").chain_update((sid.len() as u64).to_le_bytes()).chain_update(sid).chain_update(Secp256k1::encode_point(r)).finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(h.get(..16).unwrap_or(&[0u8; 16]));
    id
}
