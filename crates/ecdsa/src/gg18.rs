//! GG18 mode: presigning and signing back to back in one session, for
//! callers that keep no presignatures. The presignature never leaves the
//! session state; after presigning, one more round exchanges the partial
//! signatures and every signer outputs the verified signature.

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::round::{Inbound, Outbound, Step};
use sigil_math::{Error, PartyId, Result};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::blob::{self, Kind};
use crate::msg::{self, blame, Protocol};
use crate::presign;
use crate::presignature::Presignature;
use crate::sign::{combine, message_scalar, partial, RecoverableSignature};

/// Session state: presigning, then the signing round.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct State {
    #[zeroize(skip)]
    sid: Vec<u8>,
    #[zeroize(skip)]
    me: PartyId,
    #[zeroize(skip)]
    hash: Vec<u8>,
    /// Presign state while presigning; empty after.
    presign: Vec<u8>,
    /// The presignature once made (secret, used exactly once below).
    presig: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct SignMsg {
    sigma: Vec<u8>,
}

/// The output bytes of a signature: `r ‖ s ‖ recovery id` (65 bytes).
pub fn signature_bytes(sig: &RecoverableSignature) -> Vec<u8> {
    let mut out = sig.bytes.to_vec();
    out.push(sig.recovery_id);
    out
}

fn save(st: &State) -> Result<Vec<u8>> {
    // A distinct kind byte in the state keeps GG18 and presign states apart.
    let mut out = blob::encode(Kind::SessionState, st)?;
    out.insert(0, 0x18);
    Ok(out)
}

fn load(bytes: &[u8]) -> Result<State> {
    match bytes.split_first() {
        Some((0x18, rest)) => blob::decode(Kind::SessionState, rest),
        _ => Err(Error::invalid("not a GG18 signing state")),
    }
}

/// Start a GG18-mode signature of the 32-byte `hash` with `signers`.
///
/// # Errors
/// As [`presign::start`], plus [`Code::InvalidLength`] for the hash.
pub fn start(sid: &[u8], key_blob: &[u8], signers: &[PartyId], hash: &[u8], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    message_scalar(hash)?;
    let me = crate::key_share::KeyShare::from_bytes(key_blob)?.id;
    match presign::start(sid, key_blob, signers, rng)? {
        Step::Continue { state, outbound } => {
            let st = State { sid: sid.to_vec(), me, hash: hash.to_vec(), presign: state, presig: Vec::new() };
            Ok(Step::Continue { state: save(&st)?, outbound })
        }
        Step::Done { .. } => Err(Error::bug("presigning ended at its start")),
    }
}

/// Advance the session.
///
/// # Errors
/// Presigning errors (with blame); [`Code::InvalidShare`] naming a signer
/// whose partial signature does not verify.
pub fn step(state: &[u8], inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    let mut st = load(state)?;
    if st.presig.is_empty() {
        return presigning(&mut st, inbound, rng);
    }
    let presig = Presignature::from_bytes(&st.presig)?;
    let peers: Vec<PartyId> = presig.public.signers().into_iter().filter(|p| *p != st.me).collect();
    let received: Vec<(PartyId, SignMsg)> = msg::collect(Protocol::Sign, &st.sid, 1, inbound, &peers)?;
    let mut partials = vec![(st.me, partial(&presig, &st.hash)?)];
    for (j, m) in received {
        partials.push((j, Secp256k1::decode_scalar(&m.sigma).map_err(|e| blame(j, &e))?));
    }
    let sig = combine(&presig.public, &st.hash, &partials)?;
    Ok(Step::Done { output: signature_bytes(&sig), outbound: Vec::new() })
}

fn presigning(st: &mut State, inbound: &[Inbound], rng: &mut (impl CryptoRng + RngCore)) -> Result<Step> {
    match presign::step(&st.presign, inbound, rng)? {
        Step::Continue { state, outbound } => {
            st.presign = state;
            Ok(Step::Continue { state: save(st)?, outbound })
        }
        Step::Done { output, outbound } => {
            if !outbound.is_empty() {
                return Err(Error::bug("presigning finished with messages to send"));
            }
            let presig = Presignature::from_bytes(&output)?;
            let sigma = partial(&presig, &st.hash)?;
            let payload = msg::encode(Protocol::Sign, &st.sid, 1, st.me, &SignMsg { sigma: Secp256k1::encode_scalar(&sigma) })?;
            st.presign.zeroize();
            st.presign.clear();
            st.presig = output;
            Ok(Step::Continue { state: save(st)?, outbound: vec![Outbound { to: None, payload }] })
        }
    }
}

