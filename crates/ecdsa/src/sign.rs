//! Online signing: one round from a presignature. Each signer sends
//! `σ_i = k_i·m + r·χ_i`; the combiner checks every `σ_j·Γ = m·Δ_j + r·S_j`
//! (naming a cheater), sums, normalizes to low-s (BIP-62 / EIP-2), computes
//! the recovery id and verifies the signature against the group key before
//! returning it.

use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
use k256::elliptic_curve::point::AffineCoordinates;
use k256::elliptic_curve::ops::Reduce;
use k256::elliptic_curve::scalar::IsHigh;
use k256::elliptic_curve::subtle::{Choice, ConditionallySelectable};
use k256::{FieldBytes, U256};
use sigil_math::curve::{Curve, Secp256k1, SecretScalar};
use sigil_math::{Code, Error, PartyId, Result};

use crate::key_share::{Point, Scalar};
use crate::presignature::{PresigPublic, Presignature};

/// A finished signature: 64-byte `r ‖ s` (low-s) and the recovery id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoverableSignature {
    /// `r ‖ s`, big-endian, `s ≤ q/2`.
    pub bytes: [u8; 64],
    /// Recovery id (0–3): bit 0 = parity of `R.y`, bit 1 = `R.x ≥ q`.
    pub recovery_id: u8,
}

/// Read a 32-byte message hash as the scalar `m` (reduced mod q, as ECDSA does).
///
/// # Errors
/// [`Code::InvalidLength`] unless 32 bytes.
pub fn message_scalar(hash: &[u8]) -> Result<Scalar> {
    let bytes: [u8; 32] = hash.try_into().map_err(|_| Error::new(Code::InvalidLength, "message hash must be 32 bytes"))?;
    Ok(<Scalar as Reduce<U256>>::reduce_bytes(&FieldBytes::from(bytes)))
}

/// `r = R.x mod q`.
fn r_scalar(r: &Point) -> Scalar {
    <Scalar as Reduce<U256>>::reduce_bytes(&r.to_affine().x())
}

/// This signer's partial signature `σ_i` (consumes the presignature: the
/// caller MUST have marked its id used durably first).
///
/// # Errors
/// [`Code::InvalidLength`] for a bad hash.
pub fn partial(presig: &Presignature, hash: &[u8]) -> Result<Scalar> {
    let m = message_scalar(hash)?;
    let r = r_scalar(&presig.public.r);
    let sigma = SecretScalar::<Secp256k1>::new(*presig.k.expose() * m + r * *presig.chi.expose());
    Ok(*sigma.expose())
}

/// Check party `j`'s partial signature.
///
/// # Errors
/// [`Code::InvalidShare`] blaming `j`; [`Code::UnknownParty`].
pub fn verify_partial(public: &PresigPublic, hash: &[u8], j: PartyId, sigma: &Scalar) -> Result<()> {
    let m = message_scalar(hash)?;
    let r = r_scalar(&public.r);
    let (_, delta_j, s_j) = public.parts.iter().find(|(p, _, _)| *p == j).ok_or_else(|| Error::new(Code::UnknownParty, format!("party {j} is not a signer of this presignature")))?;
    let lhs = Secp256k1::mul(&public.big_gamma, sigma);
    let rhs = Secp256k1::multi_mul_vartime(&[(m, *delta_j), (r, *s_j)]);
    if lhs != rhs {
        return Err(Error::blame(Code::InvalidShare, format!("partial signature of party {j} does not verify"), vec![j]));
    }
    Ok(())
}

/// Combine every signer's partial signature into a verified, low-s signature.
///
/// # Errors
/// [`Code::InvalidShare`] naming bad partials; [`Code::Aborted`] naming
/// missing signers; [`Code::UnknownParty`], [`Code::DuplicateParty`];
/// [`Code::SignatureInvalid`] if the result does not verify (a bug).
pub fn combine(public: &PresigPublic, hash: &[u8], partials: &[(PartyId, Scalar)]) -> Result<RecoverableSignature> {
    let signers = public.signers();
    let mut seen = Vec::with_capacity(partials.len());
    let mut bad = Vec::new();
    let mut s = Secp256k1::scalar_zero();
    for (j, sigma) in partials {
        if seen.contains(j) {
            return Err(Error::blame(Code::DuplicateParty, format!("two partial signatures from party {j}"), vec![*j]));
        }
        seen.push(*j);
        match verify_partial(public, hash, *j, sigma) {
            Ok(()) => s += *sigma,
            Err(e) if e.code() == Code::InvalidShare => bad.push(*j),
            Err(e) => return Err(e),
        }
    }
    if !bad.is_empty() {
        return Err(Error::blame(Code::InvalidShare, "partial signatures do not verify", bad));
    }
    let missing: Vec<PartyId> = signers.iter().copied().filter(|p| !seen.contains(p)).collect();
    if !missing.is_empty() {
        return Err(Error::blame(Code::Aborted, "partial signatures missing", missing));
    }
    finalize(public, hash, s)
}

fn finalize(public: &PresigPublic, hash: &[u8], s: Scalar) -> Result<RecoverableSignature> {
    let affine = public.r.to_affine();
    let r = r_scalar(&public.r);
    let x_reduced = Secp256k1::encode_scalar(&r) != affine.x().to_vec();
    let mut recovery = u8::from(bool::from(affine.y_is_odd())) | (u8::from(x_reduced) << 1);
    let high = bool::from(s.is_high());
    let s = Scalar::conditional_select(&s, &-s, Choice::from(u8::from(high)));
    recovery ^= u8::from(high);
    let sig = Signature::from_scalars(r, s).map_err(|_| Error::new(Code::SignatureInvalid, "signature has a zero component"))?;
    let vk = VerifyingKey::from_affine(public.group_key.to_affine()).map_err(|_| Error::bug("group key is not a valid verifying key"))?;
    k256::ecdsa::signature::hazmat::PrehashVerifier::verify_prehash(&vk, hash, &sig).map_err(|_| Error::new(Code::SignatureInvalid, "combined signature does not verify against the group key"))?;
    let rid = RecoveryId::from_byte(recovery).ok_or_else(|| Error::bug("recovery id out of range"))?;
    let recovered = VerifyingKey::recover_from_prehash(hash, &sig, rid).map_err(|_| Error::new(Code::SignatureInvalid, "signature does not recover"))?;
    if recovered != vk {
        return Err(Error::new(Code::SignatureInvalid, "recovery id does not recover the group key"));
    }
    let mut bytes = [0u8; 64];
    bytes.copy_from_slice(&sig.to_bytes());
    Ok(RecoverableSignature { bytes, recovery_id: recovery })
}
