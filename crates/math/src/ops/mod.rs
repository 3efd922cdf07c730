//! The byte-level op table of the primitives (framing in [`crate::codec`]).
//! Each submodule lists its ops; names are `area.verb` and stable.

pub mod args;
mod bigint;
mod curve;
mod paillier;
mod shamir;

use crate::codec::Op;

pub use self::shamir::decode_points;

/// Every primitive op of this crate.
pub fn table() -> Vec<Op> {
    let mut ops = Vec::new();
    ops.extend(bigint::table());
    ops.extend(paillier::table());
    ops.extend(curve::table());
    ops.extend(shamir::table());
    ops
}
