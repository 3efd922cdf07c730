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

/// Helpers for the op modules' tests: run an op of a table by name.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::codec::Op;
    use crate::error::{Code, Result};

    /// Run op `name` of `table`.
    pub fn call(table: &[Op], name: &str, args: &[&[u8]]) -> Result<Vec<Vec<u8>>> {
        let op = table.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).unwrap();
        op(args)
    }

    /// The error code op `name` fails with.
    pub fn code(table: &[Op], name: &str, args: &[&[u8]]) -> Code {
        call(table, name, args).unwrap_err().code()
    }

    /// The single output of op `name`.
    pub fn one(table: &[Op], name: &str, args: &[&[u8]]) -> Vec<u8> {
        let mut out = call(table, name, args).unwrap();
        assert_eq!(out.len(), 1, "{name}");
        out.remove(0)
    }
}
