//! The op registry: every byte-level operation of the core under its stable
//! name, and the single entry point both bindings (napi and wasm) call.

use std::collections::HashMap;
use std::sync::OnceLock;

use sigil_math::codec::{decode_list, encode_list, encode_result, Op, OpFn};
use sigil_math::{Code, Error, Result};

/// Version of the op interface; bumped when an op's byte contract changes.
pub const ABI_VERSION: u32 = 1;

fn all_ops() -> Vec<Op> {
    let mut ops: Vec<Op> = vec![("core.info", core_info), ("core.ops", core_ops), ("core.stats", core_stats)];
    ops.extend(sigil_math::ops::table());
    ops.extend(sigil_frost::ops::table());
    ops.extend(sigil_ecdsa::ops::table());
    ops.extend(sigil_wire::ops::table());
    ops
}

fn registry() -> &'static HashMap<&'static str, OpFn> {
    static REGISTRY: OnceLock<HashMap<&'static str, OpFn>> = OnceLock::new();
    REGISTRY.get_or_init(|| all_ops().into_iter().collect())
}

/// `core.info` [] → [abi version u32 LE, backend name, crate version].
fn core_info(args: &[&[u8]]) -> Result<Vec<Vec<u8>>> {
    sigil_math::codec::expect_args(args, 0)?;
    Ok(vec![
        ABI_VERSION.to_le_bytes().to_vec(),
        backend_name().as_bytes().to_vec(),
        env!("CARGO_PKG_VERSION").as_bytes().to_vec(),
    ])
}

/// `core.stats` [] → [large modexps so far, u64 LE]: work counters for benchmarks.
fn core_stats(args: &[&[u8]]) -> Result<Vec<Vec<u8>>> {
    sigil_math::codec::expect_args(args, 0)?;
    Ok(vec![sigil_math::bigint::large_modexps().to_le_bytes().to_vec()])
}

/// `core.ops` [] → [name, name, ...] sorted.
fn core_ops(args: &[&[u8]]) -> Result<Vec<Vec<u8>>> {
    sigil_math::codec::expect_args(args, 0)?;
    let mut names: Vec<&str> = registry().keys().copied().collect();
    names.sort_unstable();
    Ok(names.into_iter().map(|n| n.as_bytes().to_vec()).collect())
}

/// Which compiled form of the core this is.
pub const fn backend_name() -> &'static str {
    if cfg!(target_arch = "wasm32") {
        "wasm"
    } else {
        "native"
    }
}

/// Run one op on a framed argument list and return a result frame
/// (see [`sigil_math::codec`]). Never panics on any input.
pub fn call(op: &str, input: &[u8]) -> Vec<u8> {
    encode_result(run(op, input))
}

fn run(op: &str, input: &[u8]) -> Result<Vec<Vec<u8>>> {
    let f = registry()
        .get(op)
        .ok_or_else(|| Error::new(Code::UnknownOp, format!("unknown op `{op}`")))?;
    let args = decode_list(input)?;
    f(&args)
}

/// Encode arguments the way [`call`] expects them (for Rust callers and tests).
pub fn encode_args<T: AsRef<[u8]>>(args: &[T]) -> Vec<u8> {
    encode_list(args)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use sigil_math::codec::{STATUS_ERR, STATUS_OK};

    #[test]
    fn unknown_op_is_a_typed_error() {
        let out = call("nope", &[]);
        assert_eq!(out[0], STATUS_ERR);
        let items = decode_list(&out[1..]).unwrap();
        assert_eq!(items[0], b"SIGIL_E_UNKNOWN_OP");
    }

    #[test]
    fn info_reports_backend() {
        let out = call("core.info", &[]);
        assert_eq!(out[0], STATUS_OK);
        let items = decode_list(&out[1..]).unwrap();
        assert_eq!(items[1], b"native");
    }

    #[test]
    fn malformed_frame_is_rejected() {
        let out = call("core.info", &[1, 0, 0]);
        let items = decode_list(&out[1..]).unwrap();
        assert_eq!(items[0], b"SIGIL_E_MALFORMED");
    }
}
