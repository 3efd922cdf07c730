//! Identification after a failed presigning check (`δ·G ≠ ΣΔ_j` or
//! `ΣS_j ≠ δ·X`): one more round in which every signer proves that its
//! announced `δ_i` and `S_i` are what its MtA ciphertexts hold, in the
//! manner of CGGMP21's identification (§4.3): with
//! `H_i = K_i^{γ_i}·enc_i(0)` and `Ĥ_i = K_i^{w_i}·enc_i(0)` (each with a
//! Πaff-g against `Γ_i`, `W_i` whose `Y` is fixed to `1 = enc(0; 1)`, so
//! the affine part is provably zero), everyone recomputes
//! `C_δ = H_i·Π_l D_{i,l}·Π_l F_{i→l}⁻¹` (plaintext `δ_i` over the integers)
//! and `C_χ = Ĥ_i·Π_l D̂_{i,l}·Π_l F̂_{i→l}⁻¹` (plaintext `χ_i`), and checks a
//! Πlog* that `δ_i·G` and `S_i = χ_i·Γ` match them.
//!
//! The ciphertexts a signer lists were point-to-point messages: each peer
//! checks the entries it sent or received itself and blames a signer that
//! lists others. Nothing here reveals `k_i`, `γ_i` or `x_i`. If every proof
//! verifies, the failure came from outside the signers (an equivocating
//! relay) and the abort names nobody.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::bigint::Nat;
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::{Ciphertext, PublicKey};
use sigil_math::round::{Inbound, Outbound, Step};
use sigil_math::{Code, Error, PartyId, Result};

use crate::int::{scalar_to_nat, Int};
use crate::key_share::{KeyShare, Point};
use crate::msg::{self, blame, Protocol};
use crate::presign::{additive_secret, pctx, peers_of, point, State};
use crate::zk::params::L_PRIME;
use crate::zk::pi_aff_g::{self, PiAffGProof, PiAffGStatement, PiAffGWitness};
use crate::zk::pi_log::{self, PiLogProof, PiLogStatement};

/// Range of the identification plaintexts: sums of up to 2^8 MtA shares.
const SUM_BITS: u32 = L_PRIME + 16;

/// One signer's MtA ciphertexts, as it lists them.
#[derive(Serialize, Deserialize, Clone)]
struct Listed {
    /// `(l, D_{i,l}, D̂_{i,l}, F_{i→l}, F̂_{i→l})`.
    entries: Vec<(PartyId, Nat, Nat, Nat, Nat)>,
}

#[derive(Serialize, Deserialize)]
struct Round4 {
    listed: Listed,
    h: Nat,
    h_hat: Nat,
    psi_h: PiAffGProof,
    psi_h_hat: PiAffGProof,
    log_delta: PiLogProof,
    log_chi: PiLogProof,
}

/// `Π_l D_l · Π_l F_l⁻¹ · h mod N²` over the listed entries (`hat` picks D̂/F̂).
fn combined(pk: &PublicKey, h: &Ciphertext, listed: &Listed, hat: bool) -> Result<Ciphertext> {
    let mut c = h.clone();
    for (_, d, d_hat, f, f_hat) in &listed.entries {
        let (d, f) = if hat { (d_hat, f_hat) } else { (d, f) };
        c = pk.add(&c, d)?;
        c = pk.add(&c, &f.inv_mod(pk.nn())?)?;
    }
    Ok(c)
}

/// Start identification: round 4 messages proving our `δ_i` and `S_i`.
///
/// # Errors
/// Arithmetic errors.
pub(crate) fn begin(st: &mut State, key: &KeyShare, rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    let pk = key.paillier.public_key();
    let listed = Listed { entries: st.peers.iter().map(|(l, p)| (*l, p.d.clone(), p.d_hat.clone(), p.f_ours.clone(), p.f_hat_ours.clone())).collect() };
    let gamma = Secp256k1::decode_scalar(&st.gamma)?;
    let w = additive_secret(key, &st.signers)?;
    let (gamma_nat, w_nat) = (scalar_to_nat(&gamma), scalar_to_nat(w.expose()));
    let (h, h_nonce) = self_mta(pk, &st.k_ct, &gamma_nat, rng)?;
    let (h_hat, hh_nonce) = self_mta(pk, &st.k_ct, &w_nat, rng)?;
    let one = Nat::one();
    let c_delta = combined(pk, &h, &listed, false)?;
    let c_chi = combined(pk, &h_hat, &listed, true)?;
    let (delta_int, delta_nonce) = signed_open(key, &c_delta)?;
    let (chi_int, chi_nonce) = signed_open(key, &c_chi)?;
    let big_gamma = Secp256k1::decode_point_trusted(&st.big_gamma)?;
    let delta_point = Secp256k1::mul_base(&Secp256k1::decode_scalar(&st.delta)?);
    let s_point = Secp256k1::mul(&big_gamma, &Secp256k1::decode_scalar(&st.chi)?);
    let (gamma_point, w_point) = (Secp256k1::mul_base(&gamma), Secp256k1::mul_base(w.expose()));
    let zero = Int::zero();
    let mut outbound = Vec::new();
    for j in peers_of(&st.signers, st.me) {
        let rp = &key.public.aux(j)?.rp;
        let s1 = PiAffGStatement { pk0: pk, pk1: pk, c: &st.k_ct, d: &h, y_ct: &one, x_point: &gamma_point };
        let psi_h = pi_aff_g::prove(&pctx(&st.sid, "id/h", st.me), &s1, rp, &PiAffGWitness { x: &Int::from(gamma_nat.clone()), y: &zero, rho: &h_nonce, rho_y: &one }, rng)?;
        let s2 = PiAffGStatement { pk0: pk, pk1: pk, c: &st.k_ct, d: &h_hat, y_ct: &one, x_point: &w_point };
        let psi_h_hat = pi_aff_g::prove(&pctx(&st.sid, "id/h-hat", st.me), &s2, rp, &PiAffGWitness { x: &Int::from(w_nat.clone()), y: &zero, rho: &hh_nonce, rho_y: &one }, rng)?;
        let l1 = PiLogStatement { pk0: pk, c: &c_delta, x_point: &delta_point, g: &Secp256k1::generator(), bits: SUM_BITS };
        let log_delta = pi_log::prove(&pctx(&st.sid, "id/delta", st.me), &l1, rp, &delta_int, &delta_nonce, rng)?;
        let l2 = PiLogStatement { pk0: pk, c: &c_chi, x_point: &s_point, g: &big_gamma, bits: SUM_BITS };
        let log_chi = pi_log::prove(&pctx(&st.sid, "id/chi", st.me), &l2, rp, &chi_int, &chi_nonce, rng)?;
        let m = Round4 { listed: listed.clone(), h: h.clone(), h_hat: h_hat.clone(), psi_h, psi_h_hat, log_delta, log_chi };
        outbound.push(Outbound { to: Some(j), payload: msg::encode(Protocol::Presign, &st.sid, 4, st.me, &m)? });
    }
    st.round = 4;
    Ok(Step::Continue { state: crate::blob::encode(crate::blob::Kind::SessionState, st)?, outbound })
}

/// `H = C^x · enc(0; ρ)` under our own key, with its nonce.
fn self_mta(pk: &PublicKey, c: &Ciphertext, x: &Nat, rng: &mut (impl CryptoRng + RngCore)) -> Result<(Ciphertext, Nat)> {
    let (zero_ct, rho) = pk.encrypt(&Nat::zero(), rng)?;
    Ok((pk.add(&pk.mul_scalar_ct(c, x)?, &zero_ct)?, rho))
}

/// Decrypt a ciphertext under our key to a signed integer and its nonce.
fn signed_open(key: &KeyShare, c: &Ciphertext) -> Result<(Int, Nat)> {
    let (m, rho) = key.paillier.decrypt_with_nonce(c)?;
    let n = key.paillier.public_key().n();
    let value = if m > n.shr(1) { Int::new(true, n.sub(&m)?) } else { Int::from(m) };
    Ok((value, rho))
}

/// Verify every peer's identification and name the cheaters.
///
/// # Errors
/// Always: [`Code::Aborted`] naming the signers whose `δ_i`/`S_i` are not
/// backed by their ciphertexts, or naming nobody if all are.
pub(crate) fn conclude(st: &State, key: &KeyShare, inbound: &[Inbound]) -> Result<Step> {
    let peers = peers_of(&st.signers, st.me);
    let received: Vec<(PartyId, Round4)> = msg::collect(Protocol::Presign, &st.sid, 4, inbound, &peers)?;
    let mut culprits = Vec::new();
    for (i, m) in &received {
        if check_peer(st, key, *i, m).is_err() {
            culprits.push(*i);
        }
    }
    if culprits.is_empty() {
        return Err(Error::new(Code::Aborted, "presigning check failed but every signer proved its values (equivocating relay?)"));
    }
    Err(Error::blame(Code::Aborted, "presigning values not backed by their MtA ciphertexts", culprits))
}

fn check_peer(st: &State, key: &KeyShare, i: PartyId, m: &Round4) -> Result<()> {
    let me = st.me;
    let ps = &st.peers.iter().find(|(p, _)| *p == i).ok_or_else(|| Error::bug("peer state missing"))?.1;
    let aux_i = key.public.aux(i)?;
    let rp = &key.own_rp()?;
    let expected: Vec<PartyId> = peers_of(&st.signers, i);
    let listed: Vec<PartyId> = m.listed.entries.iter().map(|e| e.0).collect();
    if listed != expected {
        return Err(Error::blame(Code::Aborted, "identification lists the wrong peers", vec![i]));
    }
    // Our own entries: what we sent `i` (D, D̂) and what `i` sent us (F, F̂).
    let ours = m.listed.entries.iter().find(|e| e.0 == me).ok_or_else(|| Error::bug("own entry missing"))?;
    if ours.1 != ps.d_ours || ours.2 != ps.d_hat_ours || ours.3 != ps.f || ours.4 != ps.f_hat {
        return Err(Error::blame(Code::Aborted, "identification lists ciphertexts other than those exchanged", vec![i]));
    }
    let gamma_i = point(i, &ps.gamma)?;
    let w_i = key.public.additive_share(i, &st.signers)?;
    // Y = 1 = enc(0; 1): the proofs show H = K_i^x·ρ^N with nothing added.
    let one = Nat::one();
    let s1 = PiAffGStatement { pk0: &aux_i.paillier, pk1: &aux_i.paillier, c: &ps.k_ct, d: &m.h, y_ct: &one, x_point: &gamma_i };
    pi_aff_g::verify(&pctx(&st.sid, "id/h", i), &s1, rp, &m.psi_h)?;
    let s2 = PiAffGStatement { pk0: &aux_i.paillier, pk1: &aux_i.paillier, c: &ps.k_ct, d: &m.h_hat, y_ct: &one, x_point: &w_i };
    pi_aff_g::verify(&pctx(&st.sid, "id/h-hat", i), &s2, rp, &m.psi_h_hat)?;
    let c_delta = combined(&aux_i.paillier, &m.h, &m.listed, false)?;
    let c_chi = combined(&aux_i.paillier, &m.h_hat, &m.listed, true)?;
    let big_gamma = Secp256k1::decode_point_trusted(&st.big_gamma)?;
    let delta_point: Point = Secp256k1::mul_base(&Secp256k1::decode_scalar(&ps.delta)?);
    let s_point = point(i, &ps.s_point)?;
    let l1 = PiLogStatement { pk0: &aux_i.paillier, c: &c_delta, x_point: &delta_point, g: &Secp256k1::generator(), bits: SUM_BITS };
    pi_log::verify(&pctx(&st.sid, "id/delta", i), &l1, rp, &m.log_delta).map_err(|e| blame(i, &e))?;
    let l2 = PiLogStatement { pk0: &aux_i.paillier, c: &c_chi, x_point: &s_point, g: &big_gamma, bits: SUM_BITS };
    pi_log::verify(&pctx(&st.sid, "id/chi", i), &l2, rp, &m.log_chi).map_err(|e| blame(i, &e))
}
