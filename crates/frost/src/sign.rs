//! Round two and aggregation (RFC 9591 §4.4–§5.3), with per-share
//! verification so a bad share names its sender (cheater detection).

use std::collections::BTreeMap;

use sigil_math::curve::{Curve, SecretScalar};
use sigil_math::shamir::lagrange_coefficient;
use sigil_math::{Code, Error, PartyId, Result};

use crate::keys::{KeyPackage, PublicKeyPackage};
use crate::nonces::{SigningCommitments, SigningNonces, NONCE_ID_LEN};
use crate::suite::{Ciphersuite, Point, Scalar};
use crate::taproot;

/// What every signer signs: the message and the commitments of the signer set.
#[derive(Clone, Debug)]
pub struct SigningPackage<S: Ciphersuite> {
    /// The message (arbitrary bytes).
    pub message: Vec<u8>,
    /// Commitments by signer, sorted by id.
    pub commitments: BTreeMap<PartyId, SigningCommitments<S>>,
    /// BIP-341 merkle root for a Taproot tweak (`Some(empty)` = key-path only, BIP-86).
    pub tweak: Option<Vec<u8>>,
}

/// A signature share `z_i`.
pub type SignatureShare<S> = Scalar<S>;

/// The effective group key and how each share maps onto it.
struct KeyView<S: Ciphersuite> {
    /// The key the signature verifies under.
    group_key: Point<S>,
    /// `s' = sign·(s·pre + t)` with `pre, sign ∈ {1, −1}`.
    pre_negate: bool,
    tweak: Scalar<S>,
    post_negate: bool,
}

impl<S: Ciphersuite> KeyView<S> {
    fn new(group_key: &Point<S>, tweak_root: Option<&[u8]>) -> Result<Self> {
        let zero = S::C::scalar_zero();
        if !S::EVEN_Y {
            if tweak_root.is_some() {
                return Err(Error::invalid("a Taproot tweak needs the secp256k1-tr suite"));
            }
            return Ok(Self { group_key: *group_key, pre_negate: false, tweak: zero, post_negate: false });
        }
        let pre_negate = !has_even_y::<S>(group_key);
        let p = if pre_negate { -*group_key } else { *group_key };
        let Some(root) = tweak_root else {
            return Ok(Self { group_key: p, pre_negate, tweak: zero, post_negate: false });
        };
        let t = tweak_scalar::<S>(&p, root)?;
        let q = p + S::C::mul_base(&t);
        let post_negate = !has_even_y::<S>(&q);
        Ok(Self { group_key: if post_negate { -q } else { q }, pre_negate, tweak: t, post_negate })
    }

    fn share(&self, s: &Scalar<S>) -> Scalar<S> {
        let s = if self.pre_negate { -*s } else { *s };
        let s = s + self.tweak;
        if self.post_negate {
            -s
        } else {
            s
        }
    }

    fn verifying(&self, y: &Point<S>) -> Point<S> {
        let y = if self.pre_negate { -*y } else { *y };
        let y = y + S::C::mul_base(&self.tweak);
        if self.post_negate {
            -y
        } else {
            y
        }
    }
}

/// Even-y test, only meaningful for secp256k1 suites (via the SEC1 prefix).
fn has_even_y<S: Ciphersuite>(p: &Point<S>) -> bool {
    S::C::encode_point(p).first() == Some(&2)
}

fn tweak_scalar<S: Ciphersuite>(p: &Point<S>, root: &[u8]) -> Result<Scalar<S>> {
    let enc = S::C::encode_point(p);
    let x = enc.get(1..).ok_or_else(|| Error::bug("short point"))?;
    let t = taproot::tap_tweak(&taproot::lift_x(x)?, root)?;
    S::C::decode_scalar(&t.to_bytes())
}

/// The scalar encoding of an identifier.
pub fn identifier_bytes<S: Ciphersuite>(id: PartyId) -> Vec<u8> {
    S::C::encode_scalar(&S::C::scalar_from_u64(u64::from(id)))
}

/// `encode_group_commitment_list` (RFC 9591 §4.3).
fn encode_commitment_list<S: Ciphersuite>(commitments: &BTreeMap<PartyId, SigningCommitments<S>>) -> Vec<u8> {
    let mut out = Vec::new();
    for (id, c) in commitments {
        out.extend_from_slice(&identifier_bytes::<S>(*id));
        out.extend_from_slice(&c.to_bytes());
    }
    out
}

/// The `rho_input` of each signer (RFC 9591 §4.4), exposed for the test vectors.
pub fn binding_factor_inputs<S: Ciphersuite>(group_key: &Point<S>, pkg: &SigningPackage<S>) -> BTreeMap<PartyId, Vec<u8>> {
    let mut prefix = S::C::encode_point(group_key);
    prefix.extend_from_slice(&S::h4(&pkg.message));
    prefix.extend_from_slice(&S::h5(&encode_commitment_list(&pkg.commitments)));
    pkg.commitments
        .keys()
        .map(|id| {
            let mut input = prefix.clone();
            input.extend_from_slice(&identifier_bytes::<S>(*id));
            (*id, input)
        })
        .collect()
}

/// Everything signers and the aggregator derive from the signing package.
struct Context<S: Ciphersuite> {
    key: KeyView<S>,
    rhos: BTreeMap<PartyId, Scalar<S>>,
    negate_nonces: bool,
    r: Point<S>,
    challenge: Scalar<S>,
    signers: Vec<PartyId>,
}

fn context<S: Ciphersuite>(public: &PublicKeyPackage<S>, pkg: &SigningPackage<S>) -> Result<Context<S>> {
    let signers: Vec<PartyId> = pkg.commitments.keys().copied().collect();
    if signers.len() < usize::from(public.t) {
        return Err(Error::invalid(format!("{} signers, the key needs {}", signers.len(), public.t)));
    }
    for id in &signers {
        public.share(*id)?;
    }
    let key = KeyView::<S>::new(&public.group_key, pkg.tweak.as_deref())?;
    let rhos: BTreeMap<PartyId, Scalar<S>> =
        binding_factor_inputs(&key.group_key, pkg).into_iter().map(|(id, input)| (id, S::h1(&input))).collect();
    let one = S::C::scalar_one();
    let mut terms = Vec::with_capacity(2 * pkg.commitments.len());
    for (id, c) in &pkg.commitments {
        let rho = rhos.get(id).ok_or_else(|| Error::bug("missing binding factor"))?;
        terms.push((one, c.hiding));
        terms.push((*rho, c.binding));
    }
    // R = Σ D_i + ρ_i·E_i (public values: variable time).
    let r = S::C::multi_mul_vartime(&terms);
    if S::C::is_identity(&r) {
        return Err(Error::new(Code::IdentityPoint, "group commitment is the identity"));
    }
    let negate_nonces = S::EVEN_Y && !has_even_y::<S>(&r);
    let r = if negate_nonces { -r } else { r };
    let challenge = S::challenge(&r, &key.group_key, &pkg.message);
    Ok(Context { key, rhos, negate_nonces, r, challenge, signers })
}

/// Sign: consume the nonces, return the share and the nonce id to mark used.
///
/// # Errors
/// [`Code::InvalidArgument`] (too few signers, own commitment missing or not
/// matching the nonces), [`Code::UnknownParty`], point errors.
pub fn sign<S: Ciphersuite>(
    pkg: &SigningPackage<S>,
    nonces: SigningNonces<S>,
    key: &KeyPackage<S>,
) -> Result<(SignatureShare<S>, [u8; NONCE_ID_LEN])> {
    let own = pkg.commitments.get(&key.id).ok_or_else(|| Error::invalid("the signing package lacks this signer's commitment"))?;
    // The stored encodings were computed from these nonces at commit time.
    if own.to_bytes() != nonces.commitments {
        return Err(Error::invalid("the signing package's commitment for this signer does not match its nonces"));
    }
    let ctx = context(&key.public, pkg)?;
    let rho = *ctx.rhos.get(&key.id).ok_or_else(|| Error::bug("missing own binding factor"))?;
    let lambda = lagrange_coefficient::<S::C>(key.id, &ctx.signers)?;
    let (d, e) = (*nonces.hiding.expose(), *nonces.binding.expose());
    let (d, e) = if ctx.negate_nonces { (-d, -e) } else { (d, e) };
    let s = SecretScalar::<S::C>::new(ctx.key.share(key.signing_share.expose()));
    let z = d + e * rho + lambda * *s.expose() * ctx.challenge;
    Ok((z, nonces.id))
}

/// Aggregate shares into a signature, verifying each share first (a bad
/// share is blamed on its sender) and the signature last.
///
/// # Errors
/// [`Code::Aborted`] naming every party whose share is wrong; [`Code::InvalidArgument`]
/// when the share set differs from the signer set; [`Code::SignatureInvalid`].
pub fn aggregate<S: Ciphersuite>(
    pkg: &SigningPackage<S>,
    shares: &BTreeMap<PartyId, SignatureShare<S>>,
    public: &PublicKeyPackage<S>,
) -> Result<Vec<u8>> {
    let ctx = context(public, pkg)?;
    if shares.keys().copied().collect::<Vec<_>>() != ctx.signers {
        return Err(Error::invalid("signature shares must come from exactly the signers in the package"));
    }
    let z = shares.values().fold(S::C::scalar_zero(), |acc, zi| acc + *zi);
    if !batch_verify(&ctx, pkg, public, shares, &z)? {
        // Some equation failed: check shares one by one to name the culprits.
        let mut culprits = Vec::new();
        for (id, share) in shares {
            if !verify_share(&ctx, pkg, public, *id, share)? {
                culprits.push(*id);
            }
        }
        if !culprits.is_empty() {
            return Err(Error::blame(Code::Aborted, "invalid signature share", culprits));
        }
        // Every share is right yet z·G ≠ R + c·Y: the public package is inconsistent.
        return Err(Error::new(Code::SignatureInvalid, "aggregate signature does not verify"));
    }
    let sig = S::encode_signature(&ctx.r, &z);
    if S::EVEN_Y {
        let enc = S::C::encode_point(&ctx.key.group_key);
        taproot::verify(enc.get(1..).unwrap_or_default(), &pkg.message, &sig)?;
    }
    Ok(sig)
}

/// Every share equation and the final `z·G = R + c·Y` (invariant 5) at once:
/// `Σ_i r_i·(z_i·G − R_i − cλ_i·Y_i) + r_0·(z·G − R − c·Y) = 𝒪` with random
/// weights `r`, in one variable-time multiscalar multiplication (all public).
fn batch_verify<S: Ciphersuite>(
    ctx: &Context<S>,
    pkg: &SigningPackage<S>,
    public: &PublicKeyPackage<S>,
    shares: &BTreeMap<PartyId, SignatureShare<S>>,
    z: &Scalar<S>,
) -> Result<bool> {
    let mut rng = sigil_math::rng::OsRng;
    let sign = if ctx.negate_nonces { S::C::scalar_one() } else { -S::C::scalar_one() };
    let r0 = S::C::random_scalar(&mut rng);
    let mut g = r0 * *z;
    let mut terms = Vec::with_capacity(3 * shares.len() + 3);
    for (id, zi) in shares {
        let c = pkg.commitments.get(id).ok_or_else(|| Error::bug("missing commitment"))?;
        let rho = *ctx.rhos.get(id).ok_or_else(|| Error::bug("missing binding factor"))?;
        let lambda = lagrange_coefficient::<S::C>(*id, &ctx.signers)?;
        let yi = ctx.key.verifying(public.share(*id)?);
        let ri = S::C::random_scalar(&mut rng);
        g = g + ri * *zi;
        terms.push((sign * ri, c.hiding));
        terms.push((sign * ri * rho, c.binding));
        terms.push((-(ri * ctx.challenge * lambda), yi));
    }
    terms.push((g, S::C::generator()));
    terms.push((-r0, ctx.r));
    terms.push((-(r0 * ctx.challenge), ctx.key.group_key));
    Ok(S::C::is_identity(&S::C::multi_mul_vartime(&terms)))
}

fn verify_share<S: Ciphersuite>(ctx: &Context<S>, pkg: &SigningPackage<S>, public: &PublicKeyPackage<S>, id: PartyId, z: &Scalar<S>) -> Result<bool> {
    let c = pkg.commitments.get(&id).ok_or_else(|| Error::bug("missing commitment"))?;
    let rho = ctx.rhos.get(&id).ok_or_else(|| Error::bug("missing binding factor"))?;
    let lambda = lagrange_coefficient::<S::C>(id, &ctx.signers)?;
    let yi = ctx.key.verifying(public.share(id)?);
    // z_i·G − R_i − (c·λ_i)·Y_i = 𝒪 with R_i = ±(D_i + ρ_i·E_i); public values: variable time.
    let sign = if ctx.negate_nonces { S::C::scalar_one() } else { -S::C::scalar_one() };
    let terms = [(*z, S::C::generator()), (sign, c.hiding), (sign * *rho, c.binding), (-(ctx.challenge * lambda), yi)];
    Ok(S::C::is_identity(&S::C::multi_mul_vartime(&terms)))
}

/// The key a signature made with `tweak` verifies under (encoded).
///
/// # Errors
/// As for signing with that tweak.
pub fn effective_group_key<S: Ciphersuite>(group_key: &Point<S>, tweak: Option<&[u8]>) -> Result<Vec<u8>> {
    let view = KeyView::<S>::new(group_key, tweak)?;
    let enc = S::C::encode_point(&view.group_key);
    Ok(if S::EVEN_Y { enc.get(1..).unwrap_or_default().to_vec() } else { enc })
}

/// Verify a final signature under an encoded group key (x-only for Taproot).
///
/// # Errors
/// [`Code::SignatureInvalid`], or decoding errors.
pub fn verify_signature<S: Ciphersuite>(group_key: &[u8], message: &[u8], sig: &[u8]) -> Result<()> {
    if S::EVEN_Y {
        return taproot::verify(group_key, message, sig);
    }
    let y = S::C::decode_point(group_key)?;
    if sig.len() != S::C::POINT_LEN + S::C::SCALAR_LEN {
        return Err(Error::new(Code::InvalidLength, "signature has the wrong length"));
    }
    let (r, z) = sig.split_at(S::C::POINT_LEN);
    let r = S::C::decode_point(r)?;
    let z = S::C::decode_scalar(z)?;
    let c = S::challenge(&r, &y, message);
    if S::C::mul_base(&z) == r + S::C::mul(&y, &c) {
        Ok(())
    } else {
        Err(Error::new(Code::SignatureInvalid, "signature does not verify"))
    }
}
