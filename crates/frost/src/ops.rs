//! `frost.*` ops. First argument: the suite (`ed25519` | `secp256k1` |
//! `secp256k1-tr`). Blobs are versioned and opaque; key packages and nonces
//! are secret (callers seal them). u16 arguments are 2-byte LE. A *commitment
//! list* is a framed list of items `id u16 ‖ D ‖ E`; a *share list* a framed
//! list of `id u16 ‖ z`. Steps are `[status, state-or-output, outbound]`
//! (see `sigil_math::round`). `tweak` is an optional last argument for
//! `secp256k1-tr`: the BIP-341 merkle root (empty = key-path only).
//!
//! | op | args | result |
//! | --- | --- | --- |
//! | `frost.dealer_keygen` | suite, t, n | public package, key package 1…n |
//! | `frost.dealer_split` | suite, secret scalar, t, n | public package, key package 1…n (migration of an existing key) |
//! | `frost.dkg_start` | suite, sid, me, t, parties (u16 LE list) | step |
//! | `frost.dkg_step` | suite, state, inbound list | step (done: key package) |
//! | `frost.refresh_start` | suite, sid, key package | step |
//! | `frost.refresh_step` | suite, state, inbound list | step (done: new key package) |
//! | `frost.key_info` | suite, key package | group key, id, t, n, verifying share, public package |
//! | `frost.commit` | suite, key package | nonces, commitments (D ‖ E), nonce id (16) |
//! | `frost.sign` | suite, key package, nonces, message, commitment list[, tweak] | share z, nonce id |
//! | `frost.aggregate` | suite, public package, message, commitment list, share list[, tweak] | signature |
//! | `frost.group_key` | suite, public package[, tweak] | key the signatures verify under |
//! | `frost.verify` | suite, group key, message, signature | — |

use std::collections::BTreeMap;

use sigil_math::codec::{arg, decode_list, expect_args, Op};
use sigil_math::curve::{Curve, SecretScalar};
use sigil_math::ops::args::u16_arg;
use sigil_math::rng::OsRng;
use sigil_math::round::{decode_inbound, decode_parties};
use sigil_math::{Code, Error, PartyId, Result};

use crate::keys::{dealer_keygen, dealer_split, KeyPackage, PublicKeyPackage};
use crate::nonces::{commit, SigningCommitments, SigningNonces};
use crate::sign::{aggregate, effective_group_key, sign, verify_signature, SigningPackage};
use crate::suite::{Ciphersuite, Ed25519Sha512, Secp256k1Sha256, Secp256k1Tr};
use crate::{dkg, refresh};

type Out = Result<Vec<Vec<u8>>>;

/// Largest message accepted for signing (64 KiB).
pub const MAX_MESSAGE: usize = 64 * 1024;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![
        ("frost.dealer_keygen", |a| by_suite(a, DealerKeygen)),
        ("frost.dealer_split", |a| by_suite(a, DealerSplit)),
        ("frost.dkg_start", |a| by_suite(a, DkgStart)),
        ("frost.dkg_step", |a| by_suite(a, DkgStep)),
        ("frost.refresh_start", |a| by_suite(a, RefreshStart)),
        ("frost.refresh_step", |a| by_suite(a, RefreshStep)),
        ("frost.key_info", |a| by_suite(a, KeyInfo)),
        ("frost.commit", |a| by_suite(a, Commit)),
        ("frost.sign", |a| by_suite(a, Sign)),
        ("frost.aggregate", |a| by_suite(a, Aggregate)),
        ("frost.group_key", |a| by_suite(a, GroupKey)),
        ("frost.verify", |a| by_suite(a, Verify)),
    ]
}

/// An op generic over the suite.
trait SuiteOp {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out;
}

fn by_suite(a: &[&[u8]], op: impl SuiteOp) -> Out {
    match arg(a, 0, "suite")? {
        b"ed25519" => op.run::<Ed25519Sha512>(a),
        b"secp256k1" => op.run::<Secp256k1Sha256>(a),
        b"secp256k1-tr" => op.run::<Secp256k1Tr>(a),
        other => Err(Error::invalid(format!("unknown FROST suite `{}`", String::from_utf8_lossy(other)))),
    }
}

/// Parse a commitment list. `own` = (this signer, the encoding its nonces
/// committed to): that entry, if byte-identical, skips the subgroup check its
/// own commit already did; every other entry is fully validated.
fn commitment_list<S: Ciphersuite>(bytes: &[u8], own: Option<(PartyId, &[u8])>) -> Result<BTreeMap<PartyId, SigningCommitments<S>>> {
    let mut out = BTreeMap::new();
    for item in decode_list(bytes)? {
        let (id, rest) = item.split_at_checked(2).ok_or_else(|| Error::new(Code::InvalidLength, "commitment item too short"))?;
        let id = u16_arg(id, "signer id")?;
        if id == 0 {
            return Err(Error::invalid("signer id 0 is not allowed"));
        }
        let trusted = own.is_some_and(|(me, enc)| me == id && enc == rest);
        let parsed = if trusted { SigningCommitments::<S>::from_bytes_trusted(rest)? } else { SigningCommitments::<S>::from_bytes(rest)? };
        if out.insert(id, parsed).is_some() {
            return Err(Error::blame(Code::DuplicateParty, format!("signer {id} appears twice"), vec![id]));
        }
    }
    Ok(out)
}

fn share_list<S: Ciphersuite>(bytes: &[u8]) -> Result<BTreeMap<PartyId, <S::C as Curve>::Scalar>> {
    let mut out = BTreeMap::new();
    for item in decode_list(bytes)? {
        let (id, z) = item.split_at_checked(2).ok_or_else(|| Error::new(Code::InvalidLength, "share item too short"))?;
        let id = u16_arg(id, "signer id")?;
        let z = S::C::decode_scalar(z).map_err(|e| Error::blame(e.code(), e.detail(), vec![id]))?;
        if out.insert(id, z).is_some() {
            return Err(Error::blame(Code::DuplicateParty, format!("two shares from signer {id}"), vec![id]));
        }
    }
    Ok(out)
}

fn message(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.len() > MAX_MESSAGE {
        return Err(Error::invalid("message exceeds 64 KiB"));
    }
    Ok(bytes.to_vec())
}

fn optional_tweak(a: &[&[u8]], index: usize) -> Option<Vec<u8>> {
    a.get(index).map(|t| t.to_vec())
}

fn expect_range(a: &[&[u8]], min: usize, max: usize) -> Result<()> {
    if a.len() < min || a.len() > max {
        return Err(Error::invalid(format!("expected {min}–{max} arguments, got {}", a.len())));
    }
    Ok(())
}

struct DealerKeygen;
impl SuiteOp for DealerKeygen {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 3)?;
        let (public, keys) = dealer_keygen::<S>(u16_arg(arg(a, 1, "t")?, "t")?, u16_arg(arg(a, 2, "n")?, "n")?, &mut OsRng)?;
        packages(&public, &keys)
    }
}

struct DealerSplit;
impl SuiteOp for DealerSplit {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 4)?;
        let secret = SecretScalar::<S::C>::new(sigil_math::curve::decode_nonzero_scalar::<S::C>(arg(a, 1, "secret")?)?);
        let (public, keys) = dealer_split::<S>(secret.expose(), u16_arg(arg(a, 2, "t")?, "t")?, u16_arg(arg(a, 3, "n")?, "n")?, &mut OsRng)?;
        packages(&public, &keys)
    }
}

fn packages<S: Ciphersuite>(public: &PublicKeyPackage<S>, keys: &[KeyPackage<S>]) -> Out {
    let mut out = vec![public.to_bytes()?];
    for k in keys {
        out.push(k.to_bytes()?);
    }
    Ok(out)
}

struct DkgStart;
impl SuiteOp for DkgStart {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 5)?;
        let parties = decode_parties(arg(a, 4, "parties")?)?;
        let step = dkg::start::<S>(arg(a, 1, "sid")?, u16_arg(arg(a, 2, "me")?, "me")?, u16_arg(arg(a, 3, "t")?, "t")?, &parties, &mut OsRng)?;
        Ok(step.into_items())
    }
}

struct DkgStep;
impl SuiteOp for DkgStep {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 3)?;
        Ok(dkg::step::<S>(arg(a, 1, "state")?, &decode_inbound(arg(a, 2, "inbound")?)?)?.into_items())
    }
}

struct RefreshStart;
impl SuiteOp for RefreshStart {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 3)?;
        Ok(refresh::start::<S>(arg(a, 1, "sid")?, arg(a, 2, "key package")?, &mut OsRng)?.into_items())
    }
}

struct RefreshStep;
impl SuiteOp for RefreshStep {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 3)?;
        Ok(refresh::step::<S>(arg(a, 1, "state")?, &decode_inbound(arg(a, 2, "inbound")?)?)?.into_items())
    }
}

struct KeyInfo;
impl SuiteOp for KeyInfo {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 2)?;
        let key = KeyPackage::<S>::from_bytes(arg(a, 1, "key package")?)?;
        key.check()?;
        Ok(vec![
            S::C::encode_point(&key.public.group_key),
            key.id.to_le_bytes().to_vec(),
            key.public.t.to_le_bytes().to_vec(),
            key.public.n().to_le_bytes().to_vec(),
            S::C::encode_point(key.public.share(key.id)?),
            key.public.to_bytes()?,
        ])
    }
}

struct Commit;
impl SuiteOp for Commit {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 2)?;
        let key = KeyPackage::<S>::from_bytes(arg(a, 1, "key package")?)?;
        let (nonces, commitments) = commit::<S>(key.signing_share.expose(), &mut OsRng);
        Ok(vec![nonces.to_bytes()?, commitments.to_bytes(), nonces.id.to_vec()])
    }
}

struct Sign;
impl SuiteOp for Sign {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_range(a, 5, 6)?;
        let key = KeyPackage::<S>::from_bytes(arg(a, 1, "key package")?)?;
        let nonces = SigningNonces::<S>::from_bytes(arg(a, 2, "nonces")?)?;
        let own = Some((key.id, nonces.commitments.as_slice()));
        let commitments = commitment_list::<S>(arg(a, 4, "commitments")?, own)?;
        let pkg = SigningPackage { message: message(arg(a, 3, "message")?)?, commitments, tweak: optional_tweak(a, 5) };
        let (z, id) = sign(&pkg, nonces, &key)?;
        Ok(vec![S::C::encode_scalar(&z), id.to_vec()])
    }
}

struct Aggregate;
impl SuiteOp for Aggregate {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_range(a, 5, 6)?;
        let public = PublicKeyPackage::<S>::from_bytes(arg(a, 1, "public package")?)?;
        let pkg = SigningPackage { message: message(arg(a, 2, "message")?)?, commitments: commitment_list::<S>(arg(a, 3, "commitments")?, None)?, tweak: optional_tweak(a, 5) };
        let shares = share_list::<S>(arg(a, 4, "shares")?)?;
        Ok(vec![aggregate(&pkg, &shares, &public)?])
    }
}

struct GroupKey;
impl SuiteOp for GroupKey {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_range(a, 2, 3)?;
        let public = PublicKeyPackage::<S>::from_bytes(arg(a, 1, "public package")?)?;
        Ok(vec![effective_group_key::<S>(&public.group_key, a.get(2).copied())?])
    }
}

struct Verify;
impl SuiteOp for Verify {
    fn run<S: Ciphersuite>(&self, a: &[&[u8]]) -> Out {
        expect_args(a, 4)?;
        verify_signature::<S>(arg(a, 1, "group key")?, &message(arg(a, 2, "message")?)?, arg(a, 3, "signature")?)?;
        Ok(Vec::new())
    }
}
