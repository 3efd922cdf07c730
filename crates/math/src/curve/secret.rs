//! A scalar that is secret: zeroized on drop, redacted in `Debug`.

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::Curve;

/// A secret scalar of curve `C`.
#[derive(Clone)]
pub struct SecretScalar<C: Curve>(C::Scalar);

impl<C: Curve> SecretScalar<C> {
    /// Wrap a scalar that is secret.
    pub fn new(s: C::Scalar) -> Self {
        Self(s)
    }

    /// The scalar, for arithmetic inside the core. Never log or return it across the boundary
    /// except as an opaque, sealed or test-only encoding.
    pub fn expose(&self) -> &C::Scalar {
        &self.0
    }

    /// Canonical encoding (for sealed state blobs).
    pub fn to_bytes(&self) -> Vec<u8> {
        C::encode_scalar(&self.0)
    }
}

impl<C: Curve> Zeroize for SecretScalar<C> {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl<C: Curve> Drop for SecretScalar<C> {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl<C: Curve> ZeroizeOnDrop for SecretScalar<C> {}

impl<C: Curve> PartialEq for SecretScalar<C> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.0.ct_eq(&other.0))
    }
}

impl<C: Curve> Eq for SecretScalar<C> {}

impl<C: Curve> fmt::Debug for SecretScalar<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretScalar<{}>(<redacted>)", C::NAME)
    }
}
