//! Framing of op arguments and results: the only byte format the bindings
//! (napi and wasm) know. An argument list is a sequence of byte strings, each
//! written as a little-endian `u32` length followed by its bytes.
//!
//! A result frame starts with a status byte: `0` = ok, followed by the output
//! list; `1` = error, followed by the list `[code, detail, culprits]` where
//! culprits are little-endian `u16`s.

use crate::error::{Code, Error, PartyId, Result};

/// Status byte of a successful result frame.
pub const STATUS_OK: u8 = 0;
/// Status byte of an error result frame.
pub const STATUS_ERR: u8 = 1;
/// Upper bound on one frame (64 MiB): larger input is rejected before parsing.
pub const MAX_FRAME: usize = 64 << 20;

/// Append one length-prefixed byte string.
fn put(out: &mut Vec<u8>, item: &[u8]) {
    // Items are bounded by MAX_FRAME, which fits in u32.
    let len = u32::try_from(item.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(item);
}

/// Encode a list of byte strings.
pub fn encode_list<T: AsRef<[u8]>>(items: &[T]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.iter().map(|i| i.as_ref().len() + 4).sum());
    for item in items {
        put(&mut out, item.as_ref());
    }
    out
}

/// Decode a list of byte strings, borrowing from `input`.
///
/// # Errors
/// [`Code::Malformed`] on a truncated length or item, or a frame over [`MAX_FRAME`].
pub fn decode_list(input: &[u8]) -> Result<Vec<&[u8]>> {
    if input.len() > MAX_FRAME {
        return Err(Error::new(Code::Malformed, "frame exceeds the size limit"));
    }
    let mut items = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let (len_bytes, tail) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| Error::new(Code::Malformed, "truncated item length"))?;
        let len = u32::from_le_bytes(*len_bytes) as usize;
        if len > tail.len() {
            return Err(Error::new(Code::Malformed, "truncated item"));
        }
        let (item, tail) = tail.split_at(len);
        items.push(item);
        rest = tail;
    }
    Ok(items)
}

/// Encode an op result as a result frame.
pub fn encode_result(result: Result<Vec<Vec<u8>>>) -> Vec<u8> {
    match result {
        Ok(items) => {
            let mut out = vec![STATUS_OK];
            out.extend_from_slice(&encode_list(&items));
            out
        }
        Err(err) => {
            let culprits: Vec<u8> = err.culprits().iter().flat_map(|c| c.to_le_bytes()).collect();
            let mut out = vec![STATUS_ERR];
            out.extend_from_slice(&encode_list(&[
                err.code().as_str().as_bytes(),
                err.detail().as_bytes(),
                culprits.as_slice(),
            ]));
            out
        }
    }
}

/// Decode a blame list of little-endian `u16` party ids (used by tests and by callers
/// that pass culprit lists back in).
///
/// # Errors
/// [`Code::Malformed`] if the length is odd.
pub fn decode_parties(bytes: &[u8]) -> Result<Vec<PartyId>> {
    let (chunks, rem) = bytes.as_chunks::<2>();
    if !rem.is_empty() {
        return Err(Error::new(Code::Malformed, "party list has odd length"));
    }
    Ok(chunks.iter().map(|c| u16::from_le_bytes(*c)).collect())
}

/// Checked access to argument `index` of an op, naming it in the error.
///
/// # Errors
/// [`Code::InvalidArgument`] if the argument is missing.
pub fn arg<'a>(args: &[&'a [u8]], index: usize, name: &str) -> Result<&'a [u8]> {
    args.get(index).copied().ok_or_else(|| Error::invalid(format!("missing argument `{name}`")))
}

/// Require exactly `n` arguments.
///
/// # Errors
/// [`Code::InvalidArgument`] naming the expected count.
pub fn expect_args(args: &[&[u8]], n: usize) -> Result<()> {
    if args.len() == n {
        Ok(())
    } else {
        Err(Error::invalid(format!("expected {n} arguments, got {}", args.len())))
    }
}

/// A core operation: framed arguments in, a list of byte strings out.
pub type OpFn = fn(&[&[u8]]) -> Result<Vec<Vec<u8>>>;

/// A named operation, as listed in an op table.
pub type Op = (&'static str, OpFn);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_roundtrip() {
        let items: Vec<&[u8]> = vec![b"", b"abc", &[0u8; 300]];
        let enc = encode_list(&items);
        assert_eq!(decode_list(&enc).ok(), Some(items));
    }

    #[test]
    fn truncated_frames_are_malformed() {
        let enc = encode_list(&[b"abcdef"]);
        for cut in 1..enc.len() {
            let err = decode_list(&enc[..cut]).err().map(|e| e.code());
            assert_eq!(err, Some(Code::Malformed), "cut at {cut}");
        }
    }

    #[test]
    fn error_frame_carries_code_and_culprits() {
        let frame = encode_result(Err(Error::blame(Code::ProofFailed, "bad", vec![2, 5])));
        assert_eq!(frame[0], STATUS_ERR);
        let items = decode_list(&frame[1..]).unwrap_or_default();
        assert_eq!(items[0], b"SIGIL_E_PROOF_FAILED");
        assert_eq!(decode_parties(items[2]).ok(), Some(vec![2, 5]));
    }
}
