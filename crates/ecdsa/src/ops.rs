//! `ecdsa.*` ops (secp256k1). Blobs are versioned and opaque; key shares,
//! presignatures, Paillier keys and states are secret (callers seal them).
//! u16 arguments are 2-byte LE; a party list is a concatenation of them.
//! Steps are `[status, state-or-output, outbound]` (see `sigil_math::round`).
//! Optional arguments are passed empty.
//!
//! | op | args | result |
//! | --- | --- | --- |
//! | `ecdsa.paillier_keygen` | — | Paillier key (fresh 2048-bit safe primes) |
//! | `ecdsa.paillier_from_primes` | p, q (big-endian) | Paillier key (validated) |
//! | `ecdsa.keygen_start` | sid, me, t, parties, paillier? | step |
//! | `ecdsa.refresh_start` | sid, key share, paillier? | step (same key, new shares) |
//! | `ecdsa.reshare_start` | sid, me, t', dealers, receivers, old public, old key share?, paillier? | step |
//! | `ecdsa.keygen_step` | state, inbound | step (done: key share; empty for a dealer that receives nothing) |
//! | `ecdsa.dealer_split` | secret scalar, t, paillier 1…n | key share 1…n (import of an existing key) |
//! | `ecdsa.key_info` | key share | group key, id, t, n, public data |
//! | `ecdsa.presign_start` | sid, key share, signers | step |
//! | `ecdsa.presign_step` | state, inbound | step (done: presignature) |
//! | `ecdsa.presig_info` | presignature | id (16), public presignature |
//! | `ecdsa.sign_partial` | presignature, hash (32) | σ (32), presignature id |
//! | `ecdsa.combine` | public presignature, hash, partial list (`id ‖ σ` items) | signature (64, low-s), recovery id (1) |
//! | `ecdsa.sign_start` | sid, key share, signers, hash | step (GG18 mode) |
//! | `ecdsa.sign_step` | state, inbound | step (done: `r ‖ s ‖ v`, 65 bytes) |
//! | `ecdsa.verify` | group key (33), hash, signature (64) | — |

use k256::ecdsa::signature::hazmat::PrehashVerifier;
use k256::ecdsa::{Signature, VerifyingKey};
use sigil_math::bigint::Nat;
use sigil_math::codec::{arg, decode_list, expect_args, Op};
use sigil_math::curve::{decode_nonzero_scalar, Curve, Secp256k1, SecretScalar};
use sigil_math::ops::args::u16_arg;
use sigil_math::paillier::SecretKey;
use sigil_math::rng::OsRng;
use sigil_math::round::{decode_inbound, decode_parties};
use sigil_math::{Code, Error, PartyId, Result};

use crate::key_share::{KeyShare, PublicKeyData, Scalar};
use crate::keygen::{self, Setup, PAILLIER_BITS};
use crate::presignature::{PresigPublic, Presignature};
use crate::sign::{combine, message_scalar, partial};
use crate::{dealer, gg18, presign};

type Out = Result<Vec<Vec<u8>>>;

/// The op table.
pub fn table() -> Vec<Op> {
    vec![
        ("ecdsa.paillier_keygen", paillier_keygen),
        ("ecdsa.paillier_from_primes", paillier_from_primes),
        ("ecdsa.keygen_start", keygen_start),
        ("ecdsa.refresh_start", refresh_start),
        ("ecdsa.reshare_start", reshare_start),
        ("ecdsa.keygen_step", keygen_step),
        ("ecdsa.dealer_split", dealer_split),
        ("ecdsa.key_info", key_info),
        ("ecdsa.presign_start", presign_start),
        ("ecdsa.presign_step", presign_step),
        ("ecdsa.presig_info", presig_info),
        ("ecdsa.sign_partial", sign_partial),
        ("ecdsa.combine", combine_op),
        ("ecdsa.sign_start", sign_start),
        ("ecdsa.sign_step", sign_step),
        ("ecdsa.verify", verify),
    ]
}

fn optional_paillier(bytes: &[u8]) -> Result<Option<SecretKey>> {
    if bytes.is_empty() {
        Ok(None)
    } else {
        SecretKey::from_bytes(bytes).map(Some)
    }
}

fn paillier_keygen(a: &[&[u8]]) -> Out {
    expect_args(a, 0)?;
    Ok(vec![SecretKey::generate(PAILLIER_BITS, &mut OsRng)?.to_bytes()?])
}

fn paillier_from_primes(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    let sk = SecretKey::from_primes(Nat::from_be_bytes(arg(a, 0, "p")?), Nat::from_be_bytes(arg(a, 1, "q")?))?;
    Ok(vec![sk.to_bytes()?])
}

fn keygen_start(a: &[&[u8]]) -> Out {
    expect_args(a, 5)?;
    let parties = decode_parties(arg(a, 3, "parties")?)?;
    let setup = Setup {
        sid: arg(a, 0, "sid")?,
        me: u16_arg(arg(a, 1, "me")?, "me")?,
        t: u16_arg(arg(a, 2, "t")?, "t")?,
        dealers: &parties,
        receivers: &parties,
        old_share: None,
        old_public: None,
        paillier: optional_paillier(arg(a, 4, "paillier")?)?,
    };
    Ok(keygen::start(setup, &mut OsRng)?.into_items())
}

fn refresh_start(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    let key = KeyShare::from_bytes(arg(a, 1, "key share")?)?;
    let parties = key.public.parties();
    let setup = Setup {
        sid: arg(a, 0, "sid")?,
        me: key.id,
        t: key.public.t,
        dealers: &parties,
        receivers: &parties,
        old_share: Some(&key),
        old_public: Some(&key.public),
        paillier: optional_paillier(arg(a, 2, "paillier")?)?,
    };
    Ok(keygen::start(setup, &mut OsRng)?.into_items())
}

fn reshare_start(a: &[&[u8]]) -> Out {
    expect_args(a, 8)?;
    let dealers = decode_parties(arg(a, 3, "dealers")?)?;
    let receivers = decode_parties(arg(a, 4, "receivers")?)?;
    let old_public = PublicKeyData::from_bytes(arg(a, 5, "old public")?)?;
    let old_share = match arg(a, 6, "old key share")? {
        [] => None,
        bytes => Some(KeyShare::from_bytes(bytes)?),
    };
    let setup = Setup {
        sid: arg(a, 0, "sid")?,
        me: u16_arg(arg(a, 1, "me")?, "me")?,
        t: u16_arg(arg(a, 2, "t")?, "t")?,
        dealers: &dealers,
        receivers: &receivers,
        old_share: old_share.as_ref(),
        old_public: Some(&old_public),
        paillier: optional_paillier(arg(a, 7, "paillier")?)?,
    };
    Ok(keygen::start(setup, &mut OsRng)?.into_items())
}

fn keygen_step(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(keygen::step(arg(a, 0, "state")?, &decode_inbound(arg(a, 1, "inbound")?)?, &mut OsRng)?.into_items())
}

fn dealer_split(a: &[&[u8]]) -> Out {
    if a.len() < 4 {
        return Err(Error::invalid("expected secret, t and at least two Paillier keys"));
    }
    let secret = SecretScalar::<Secp256k1>::new(decode_nonzero_scalar::<Secp256k1>(arg(a, 0, "secret")?)?);
    let t = u16_arg(arg(a, 1, "t")?, "t")?;
    let keys: Vec<SecretKey> = a.iter().skip(2).map(|b| SecretKey::from_bytes(b)).collect::<Result<_>>()?;
    let n = u16::try_from(keys.len()).map_err(|_| Error::new(Code::InvalidThreshold, "too many parties"))?;
    dealer::split_key(secret.expose(), t, n, keys, &mut OsRng)?.iter().map(KeyShare::to_bytes).collect()
}

fn key_info(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    let key = KeyShare::from_bytes(arg(a, 0, "key share")?)?;
    let n = u16::try_from(key.public.shares.len()).unwrap_or(u16::MAX);
    Ok(vec![
        Secp256k1::encode_point(&key.public.group_key),
        key.id.to_le_bytes().to_vec(),
        key.public.t.to_le_bytes().to_vec(),
        n.to_le_bytes().to_vec(),
        key.public.to_bytes()?,
    ])
}

fn presign_start(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    let signers = decode_parties(arg(a, 2, "signers")?)?;
    Ok(presign::start(arg(a, 0, "sid")?, arg(a, 1, "key share")?, &signers, &mut OsRng)?.into_items())
}

fn presign_step(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(presign::step(arg(a, 0, "state")?, &decode_inbound(arg(a, 1, "inbound")?)?, &mut OsRng)?.into_items())
}

fn presig_info(a: &[&[u8]]) -> Out {
    expect_args(a, 1)?;
    let p = Presignature::from_bytes(arg(a, 0, "presignature")?)?;
    Ok(vec![p.public.id.to_vec(), p.public.to_bytes()?])
}

fn sign_partial(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    let p = Presignature::from_bytes(arg(a, 0, "presignature")?)?;
    let sigma = partial(&p, arg(a, 1, "hash")?)?;
    Ok(vec![Secp256k1::encode_scalar(&sigma), p.public.id.to_vec()])
}

fn partial_list(bytes: &[u8]) -> Result<Vec<(PartyId, Scalar)>> {
    decode_list(bytes)?
        .into_iter()
        .map(|item| {
            let (id, sigma) = item.split_at_checked(2).ok_or_else(|| Error::new(Code::InvalidLength, "partial signature item too short"))?;
            let id = u16_arg(id, "signer id")?;
            Ok((id, Secp256k1::decode_scalar(sigma).map_err(|e| Error::blame(e.code(), e.detail(), vec![id]))?))
        })
        .collect()
}

fn combine_op(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    let public = PresigPublic::from_bytes(arg(a, 0, "public presignature")?)?;
    let sig = combine(&public, arg(a, 1, "hash")?, &partial_list(arg(a, 2, "partials")?)?)?;
    Ok(vec![sig.bytes.to_vec(), vec![sig.recovery_id]])
}

fn sign_start(a: &[&[u8]]) -> Out {
    expect_args(a, 4)?;
    let signers = decode_parties(arg(a, 2, "signers")?)?;
    Ok(gg18::start(arg(a, 0, "sid")?, arg(a, 1, "key share")?, &signers, arg(a, 3, "hash")?, &mut OsRng)?.into_items())
}

fn sign_step(a: &[&[u8]]) -> Out {
    expect_args(a, 2)?;
    Ok(gg18::step(arg(a, 0, "state")?, &decode_inbound(arg(a, 1, "inbound")?)?, &mut OsRng)?.into_items())
}

fn verify(a: &[&[u8]]) -> Out {
    expect_args(a, 3)?;
    let key = Secp256k1::decode_point(arg(a, 0, "group key")?)?;
    let hash = arg(a, 1, "hash")?;
    message_scalar(hash)?;
    let sig = Signature::from_slice(arg(a, 2, "signature")?).map_err(|_| Error::new(Code::InvalidArgument, "signature must be 64 bytes r ‖ s with nonzero scalars below q"))?;
    let vk = VerifyingKey::from_affine(key.to_affine()).map_err(|_| Error::new(Code::InvalidPoint, "group key is not a valid verifying key"))?;
    vk.verify_prehash(hash, &sig).map_err(|_| Error::new(Code::SignatureInvalid, "signature does not verify"))?;
    Ok(Vec::new())
}
