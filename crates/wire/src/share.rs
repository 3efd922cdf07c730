//! Secrets sealed at rest (key shares, presignatures, the node identity).
//!
//! Master key: `HKDF-SHA256(salt = "sigil/v1/master-key", ikm = root, info =
//! "sigil/v1/seal-at-rest")` from a 32-byte root secret that the node creates
//! once from OS randomness and keeps in a file.
//!
//! Blob: `version (1) ‖ kind (2 = sealed) ‖ context digest (32) ‖ nonce (24) ‖
//! XChaCha20-Poly1305(plaintext)`, with
//! `AAD = "sigil/v1/share-context" ‖ postcard(context)` and the digest
//! `SHA-256(AAD)` kept in clear so that a blob presented under another
//! context fails with a precise error before decryption is tried. The AEAD
//! still authenticates the full context, so editing the digest does not help.

use core::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use rand_core::{CryptoRng, RngCore};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sigil_math::{Code, Error, Result};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::VERSION;

/// Kind byte of a sealed-at-rest blob.
pub const KIND_SEALED: u8 = 2;
/// Domain tag of the context encoding.
pub const TAG_CONTEXT: &[u8] = b"sigil/v1/share-context";
/// Header bytes before the ciphertext.
pub const HEADER_LEN: usize = 2 + 32 + 24;
/// Largest plaintext accepted (16 MiB).
pub const MAX_PLAINTEXT: usize = 16 << 20;

/// The node's master sealing key.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct MasterKey([u8; 32]);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

impl MasterKey {
    /// Wrap 32 bytes produced by [`derive_master_key`].
    ///
    /// # Errors
    /// [`Code::InvalidLength`] unless exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        let arr: [u8; 32] =
            bytes.try_into().map_err(|_| Error::new(Code::InvalidLength, "master key must be 32 bytes"))?;
        Ok(Self(arr))
    }

    /// The raw key bytes (opaque to callers; they cross to TS only as a handle blob).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Derive the master key from the node's 32-byte root secret.
///
/// # Errors
/// [`Code::InvalidLength`] unless the root is exactly 32 bytes.
pub fn derive_master_key(root: &[u8]) -> Result<MasterKey> {
    if root.len() != 32 {
        return Err(Error::new(Code::InvalidLength, "root secret must be 32 bytes"));
    }
    let mut key = MasterKey([0; 32]);
    Hkdf::<Sha256>::new(Some(b"sigil/v1/master-key"), root)
        .expand(b"sigil/v1/seal-at-rest", &mut key.0)
        .map_err(|_| Error::bug("hkdf output length"))?;
    Ok(key)
}

/// What a sealed blob is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareContext {
    /// Key id (1..=128 bytes).
    pub key_id: Vec<u8>,
    /// Party id of the holder.
    pub party: u16,
    /// Curve name (1..=32 bytes).
    pub curve: String,
    /// Protocol name (1..=32 bytes).
    pub protocol: String,
    /// Version of the sealed format or share generation.
    pub version: u16,
}

impl ShareContext {
    /// Check field lengths.
    ///
    /// # Errors
    /// [`Code::InvalidLength`] naming the field.
    pub fn validate(&self) -> Result<()> {
        let within = |len: usize, max: usize| (1..=max).contains(&len);
        if !within(self.key_id.len(), 128) {
            return Err(Error::new(Code::InvalidLength, "context key id must be 1..=128 bytes"));
        }
        if !within(self.curve.len(), 32) || !within(self.protocol.len(), 32) {
            return Err(Error::new(Code::InvalidLength, "context curve and protocol must be 1..=32 bytes"));
        }
        Ok(())
    }

    /// Canonical associated data: tag ‖ postcard(context).
    fn aad(&self) -> Result<Vec<u8>> {
        let body = postcard::to_allocvec(self).map_err(|_| Error::bug("context encoding failed"))?;
        let mut aad = TAG_CONTEXT.to_vec();
        aad.extend_from_slice(&body);
        Ok(aad)
    }
}

/// Seal `plaintext` under `key`, bound to `context`.
///
/// # Errors
/// [`Code::InvalidLength`] for a bad context or an oversize plaintext.
pub fn seal_share(
    rng: &mut (impl CryptoRng + RngCore),
    key: &MasterKey,
    context: &ShareContext,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    context.validate()?;
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(Error::new(Code::InvalidLength, "sealed plaintext exceeds 16 MiB"));
    }
    let aad = context.aad()?;
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(&Key::from(*key.as_bytes()));
    let ct = cipher
        .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: &aad })
        .map_err(|_| Error::bug("share encryption failed"))?;
    let mut out = Vec::with_capacity(HEADER_LEN + ct.len());
    out.extend_from_slice(&[VERSION, KIND_SEALED]);
    out.extend_from_slice(&Sha256::digest(&aad));
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Open a blob sealed by [`seal_share`].
///
/// # Errors
/// [`Code::Malformed`] for a truncated blob, [`Code::UnsupportedVersion`] for an
/// unknown version or kind, [`Code::InvalidArgument`] when the blob was sealed
/// under another context, [`Code::Malformed`] when it does not decrypt (wrong
/// master key or tampering).
pub fn open_share(key: &MasterKey, context: &ShareContext, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    context.validate()?;
    if blob.len() < HEADER_LEN + 16 {
        return Err(Error::new(Code::Malformed, "sealed blob is truncated"));
    }
    let (head, rest) = blob.split_at(2);
    if head != [VERSION, KIND_SEALED] {
        return Err(Error::new(Code::UnsupportedVersion, "sealed blob has an unknown version or kind"));
    }
    let (digest, rest) = rest.split_at(32);
    let (nonce, ct) = rest.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| Error::bug("nonce length"))?;
    let aad = context.aad()?;
    let expected: [u8; 32] = Sha256::digest(&aad).into();
    if expected.as_slice() != digest {
        return Err(Error::invalid("sealed blob belongs to another context"));
    }
    let cipher = XChaCha20Poly1305::new(&Key::from(*key.as_bytes()));
    cipher
        .decrypt(&XNonce::from(nonce), Payload { msg: ct, aad: &aad })
        .map(Zeroizing::new)
        .map_err(|_| Error::new(Code::Malformed, "sealed blob does not open under this master key"))
}
