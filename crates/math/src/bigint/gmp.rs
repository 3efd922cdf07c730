//! Native backend: GMP through `rug`. `mpz_powm` for public values,
//! `mpz_powm_sec` (constant time in base and exponent) for secrets. Every
//! block GMP frees is wiped first (a zeroizing allocator installed on first
//! use), so temporaries of secret computations do not linger in the heap.

use std::cmp::Ordering;
use std::sync::Once;

use rug::integer::Order;
use rug::Integer;

/// The backend's integer.
pub type Raw = Integer;

/// Backend name for diagnostics.
pub const NAME: &str = "gmp";

static INSTALL: Once = Once::new();

/// Install the zeroizing GMP allocator (idempotent; called before any GMP use).
pub fn init() {
    INSTALL.call_once(zeroizing_alloc::install);
}

#[allow(unsafe_code)]
mod zeroizing_alloc {
    //! GMP memory functions that zero every block before freeing it. Each block
    //! carries a 16-byte header holding its size, so freeing never depends on
    //! the size GMP reports.
    use core::ffi::c_void;
    use gmp_mpfr_sys::gmp;

    const HEADER: usize = 16;

    fn layout(total: usize) -> std::alloc::Layout {
        match std::alloc::Layout::from_size_align(total, HEADER) {
            Ok(l) => l,
            Err(_) => std::process::abort(),
        }
    }

    extern "C" fn alloc(size: usize) -> *mut c_void {
        let total = size.saturating_add(HEADER);
        // SAFETY: the layout is nonzero-sized; the header is written inside the block and the
        // returned pointer stays within it.
        unsafe {
            let base = std::alloc::alloc(layout(total));
            if base.is_null() {
                std::process::abort();
            }
            base.cast::<usize>().write(total);
            base.add(HEADER).cast()
        }
    }

    extern "C" fn free(ptr: *mut c_void, _size: usize) {
        if ptr.is_null() {
            return;
        }
        // SAFETY: `ptr` came from `alloc`, so the header sits HEADER bytes before it and
        // records the block's total size.
        unsafe {
            let base = ptr.cast::<u8>().sub(HEADER);
            let total = base.cast::<usize>().read();
            zeroize::Zeroize::zeroize(core::slice::from_raw_parts_mut(base, total));
            std::alloc::dealloc(base, layout(total));
        }
    }

    extern "C" fn realloc(ptr: *mut c_void, _old: usize, new: usize) -> *mut c_void {
        let fresh = alloc(new);
        if !ptr.is_null() {
            // SAFETY: both blocks came from `alloc`; copy the smaller payload.
            unsafe {
                let old_total = ptr.cast::<u8>().sub(HEADER).cast::<usize>().read();
                let n = (old_total - HEADER).min(new);
                core::ptr::copy_nonoverlapping(ptr.cast::<u8>(), fresh.cast::<u8>(), n);
            }
            free(ptr, 0);
        }
        fresh
    }

    pub(super) fn install() {
        // SAFETY: installed once, before this process's first GMP allocation (every Raw
        // constructor calls `init()` first), so every block freed here was made by `alloc`.
        unsafe { gmp::set_memory_functions(Some(alloc), Some(realloc), Some(free)) };
    }
}

/// From big-endian bytes.
pub fn from_be(bytes: &[u8]) -> Raw {
    init();
    Integer::from_digits(bytes, Order::Msf)
}

/// To minimal big-endian bytes (zero → empty).
pub fn to_be(x: &Raw) -> Vec<u8> {
    if x.cmp0() == Ordering::Equal {
        Vec::new()
    } else {
        x.to_digits::<u8>(Order::Msf)
    }
}

/// From a u64.
pub fn from_u64(v: u64) -> Raw {
    init();
    Integer::from(v)
}

/// Bit length.
pub fn bits(x: &Raw) -> u32 {
    x.significant_bits()
}

/// Compare.
pub fn cmp(a: &Raw, b: &Raw) -> Ordering {
    a.cmp(b)
}

/// a + b.
pub fn add(a: &Raw, b: &Raw) -> Raw {
    Integer::from(a + b)
}

/// a − b, requires a ≥ b.
pub fn sub(a: &Raw, b: &Raw) -> Raw {
    Integer::from(a - b)
}

/// a · b.
pub fn mul(a: &Raw, b: &Raw) -> Raw {
    Integer::from(a * b)
}

/// (a / b, a mod b), b > 0.
pub fn div_rem(a: &Raw, b: &Raw) -> (Raw, Raw) {
    let (q, r) = a.div_rem_euc_ref(b).into();
    (q, r)
}

/// gcd(a, b).
pub fn gcd(a: &Raw, b: &Raw) -> Raw {
    Integer::from(a.gcd_ref(b))
}

/// a⁻¹ mod m, if it exists (m > 1).
pub fn inv_mod(a: &Raw, m: &Raw) -> Option<Raw> {
    a.invert_ref(m).map(Integer::from)
}

/// bᵉ mod m, variable time (public values only), m > 0.
pub fn pow_mod_vartime(b: &Raw, e: &Raw, m: &Raw) -> Raw {
    match b.pow_mod_ref(e, m) {
        Some(r) => Integer::from(r),
        None => Integer::new(),
    }
}

/// bᵉ mod m with `mpz_powm_sec`: m odd > 1, e > 0, b reduced.
pub fn pow_mod_ct(b: &Raw, e: &Raw, m: &Raw) -> Raw {
    Integer::from(b.secure_pow_mod_ref(e, m))
}

/// Jacobi symbol (a/n), n odd > 0 (public values only).
pub fn jacobi(a: &Raw, n: &Raw) -> i32 {
    a.jacobi(n)
}

/// x · 2ⁿ.
pub fn shl(x: &Raw, n: u32) -> Raw {
    Integer::from(x << n)
}

/// ⌊x / 2ⁿ⌋.
pub fn shr(x: &Raw, n: u32) -> Raw {
    Integer::from(x >> n)
}

/// Bit `i`.
pub fn bit(x: &Raw, i: u32) -> bool {
    x.get_bit(i)
}

/// Wipe the value (the zeroizing allocator wipes the limbs when they are freed).
pub fn wipe(x: &mut Raw) {
    *x = Integer::new();
}
