//! The crypto core compiled to WebAssembly. Exports plain `extern "C"`
//! functions over linear memory; `src/core/wasm.ts` is the JS side.
//!
//! Memory protocol: JS asks [`sigil_alloc`] for buffers, writes the op name and
//! framed arguments, and calls [`sigil_call`], which takes ownership of both
//! buffers and returns a buffer whose first 4 bytes are the little-endian
//! length of the result frame that follows; JS copies it out and hands it back
//! with [`sigil_free`]. Randomness comes from the host's
//! `crypto.getRandomValues` through the `sigil.random_fill` import.
// SAFETY: raw-pointer FFI is inherent to a wasm export surface; every unsafe
// block below is one `Box` round-trip of a buffer this module allocated.
#![allow(unsafe_code)]

/// Allocate `len` zeroed bytes for the host to write into.
#[no_mangle]
pub extern "C" fn sigil_alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast::<u8>()
}

/// Free a buffer returned by [`sigil_alloc`] or [`sigil_call`].
///
/// # Safety
/// `ptr`/`len` must describe a buffer this module handed out and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sigil_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: (ptr, len) came from `Box<[u8]>::into_raw` in this module.
    drop(unsafe { take(ptr, len) });
}

/// # Safety
/// As for [`sigil_free`].
unsafe fn take(ptr: *mut u8, len: usize) -> Box<[u8]> {
    // SAFETY: the caller guarantees (ptr, len) is a live boxed slice of ours.
    unsafe { Box::from_raw(core::ptr::slice_from_raw_parts_mut(ptr, len)) }
}

/// Run an op. Takes ownership of both input buffers; returns a length-prefixed
/// result frame the host must free with [`sigil_free`] (length + 4 bytes).
///
/// # Safety
/// Both buffers must come from [`sigil_alloc`] with the given lengths.
#[no_mangle]
pub unsafe extern "C" fn sigil_call(op_ptr: *mut u8, op_len: usize, in_ptr: *mut u8, in_len: usize) -> *mut u8 {
    // SAFETY: the host passes buffers it obtained from `sigil_alloc`.
    let (op, input) = unsafe { (take(op_ptr, op_len), take(in_ptr, in_len)) };
    let frame = match core::str::from_utf8(&op) {
        Ok(name) => sigil_native::dispatch::call(name, &input),
        Err(_) => sigil_native::dispatch::call("", &[]),
    };
    let len = u32::try_from(frame.len()).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(frame.len() + 4);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&frame);
    Box::into_raw(out.into_boxed_slice()).cast::<u8>()
}

#[cfg(target_arch = "wasm32")]
mod host_random {
    #[link(wasm_import_module = "sigil")]
    extern "C" {
        fn random_fill(ptr: *mut u8, len: usize);
    }

    /// getrandom's custom backend: the host fills the buffer from its CSPRNG.
    fn fill(buf: &mut [u8]) -> Result<(), getrandom::Error> {
        // SAFETY: the import writes exactly `len` bytes into our live buffer.
        unsafe { random_fill(buf.as_mut_ptr(), buf.len()) };
        Ok(())
    }

    getrandom::register_custom_getrandom!(fill);
}
