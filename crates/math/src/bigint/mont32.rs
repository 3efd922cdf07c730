//! Variable-time Montgomery exponentiation with 32-bit limbs (CIOS, Koç et
//! al. 1996) for the pure backend: wasm32 has a native 32×32→64 multiply but
//! no 64×64→128 one, so 32-bit limbs with 64-bit accumulators are its fastest
//! schoolbook form. **Public values only** (sliding window, data-dependent
//! table lookups and final subtraction).

use num_bigint::BigUint;
use num_traits::One;

/// Limbs, least significant first.
type Limbs = Vec<u32>;

fn to_limbs(x: &BigUint, n: usize) -> Limbs {
    let mut v = x.to_u32_digits();
    v.resize(n, 0);
    v
}

/// `-m⁻¹ mod 2³²` for odd `m0` (Newton iteration).
fn neg_inv(m0: u32) -> u32 {
    let mut x: u32 = 1;
    for _ in 0..5 {
        x = x.wrapping_mul(2u32.wrapping_sub(m0.wrapping_mul(x)));
    }
    x.wrapping_neg()
}

/// Montgomery context for one odd modulus.
struct Mont {
    m: Limbs,
    minv: u32,
    /// Scratch of n + 2 limbs.
    t: Limbs,
}

impl Mont {
    fn new(m: &BigUint) -> Self {
        let m = m.to_u32_digits();
        let minv = neg_inv(m.first().copied().unwrap_or(1));
        let t = vec![0; m.len() + 2];
        Self { m, minv, t }
    }

    fn n(&self) -> usize {
        self.m.len()
    }

    /// `out = a·b·R⁻¹ mod m` (R = 2^(32n)); inputs below m.
    fn mul(&mut self, a: &[u32], b: &[u32], out: &mut [u32]) {
        self.t.fill(0);
        let minv = self.minv;
        for &ai in a {
            // t += ai·b
            let mut c = 0u64;
            for (tj, &bj) in self.t.iter_mut().zip(b) {
                let s = u64::from(*tj) + u64::from(ai) * u64::from(bj) + c;
                *tj = s as u32;
                c = s >> 32;
            }
            add_carry(&mut self.t, self.m.len(), c);
            // t += u·m, which zeroes t[0]; then t /= 2³².
            let u = self.t.first().copied().unwrap_or(0).wrapping_mul(minv);
            let mut c = 0u64;
            for (tj, &mj) in self.t.iter_mut().zip(&self.m) {
                let s = u64::from(*tj) + u64::from(u) * u64::from(mj) + c;
                *tj = s as u32;
                c = s >> 32;
            }
            add_carry(&mut self.t, self.m.len(), c);
            self.t.copy_within(1.., 0);
            if let Some(last) = self.t.last_mut() {
                *last = 0;
            }
        }
        // t < 2m: subtract m once if t ≥ m.
        let n = self.m.len();
        if self.t.get(n).copied().unwrap_or(0) != 0 || !less_than(self.t.get(..n).unwrap_or_default(), &self.m) {
            let mut borrow = 0i64;
            for ((o, &tj), &mj) in out.iter_mut().zip(&self.t).zip(&self.m) {
                let d = i64::from(tj) - i64::from(mj) + borrow;
                *o = d as u32;
                borrow = d >> 32;
            }
        } else {
            for (o, &tj) in out.iter_mut().zip(&self.t) {
                *o = tj;
            }
        }
    }
}

/// Add carry `c` into `t[from..]`.
fn add_carry(t: &mut [u32], from: usize, mut c: u64) {
    for tj in t.iter_mut().skip(from) {
        if c == 0 {
            break;
        }
        let s = u64::from(*tj) + c;
        *tj = s as u32;
        c = s >> 32;
    }
}

/// `a < b` for equal-length little-endian limbs.
fn less_than(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// `base^exp mod m` for odd `m > 1`, variable time: **public values only**.
pub fn pow_mod_vartime(base: &BigUint, exp: &BigUint, m: &BigUint) -> BigUint {
    let mut ctx = Mont::new(m);
    let n = ctx.n();
    let r2 = (BigUint::one() << (64 * n)) % m;
    let one = to_limbs(&BigUint::one(), n);
    let mut x = vec![0u32; n];
    ctx.mul(&to_limbs(&(base % m), n), &to_limbs(&r2, n), &mut x); // base·R
    // Odd powers base^1, base^3, …, base^(2^W − 1) in Montgomery form.
    const W: u32 = 5;
    let mut sq = vec![0u32; n];
    ctx.mul(&x, &x, &mut sq);
    let mut table: Vec<Limbs> = vec![x];
    for k in 1..(1usize << (W - 1)) {
        let mut next = vec![0u32; n];
        if let Some(prev) = table.get(k - 1) {
            ctx.mul(prev, &sq, &mut next);
        }
        table.push(next);
    }
    let mut acc = vec![0u32; n];
    ctx.mul(&one, &to_limbs(&r2, n), &mut acc); // R mod m = Montgomery 1
    let mut tmp = vec![0u32; n];
    let mut i = i64::from(u32::try_from(exp.bits()).unwrap_or(0)) - 1;
    while i >= 0 {
        let bit = |k: i64| exp.bit(u64::try_from(k).unwrap_or(0));
        if !bit(i) {
            ctx.mul(&acc, &acc, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
            i -= 1;
            continue;
        }
        // The longest window ending in a set bit, at most W bits.
        let mut lo = (i - i64::from(W) + 1).max(0);
        while !bit(lo) {
            lo += 1;
        }
        let mut value = 0usize;
        for k in (lo..=i).rev() {
            value = (value << 1) | usize::from(bit(k));
            ctx.mul(&acc, &acc, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
        }
        if let Some(entry) = table.get(value >> 1) {
            ctx.mul(&acc, entry, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
        }
        i = lo - 1;
    }
    ctx.mul(&acc, &one, &mut tmp); // leave Montgomery form
    BigUint::new(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::{RngCore, SeedableRng};
    use rand_chacha::ChaCha20Rng;

    fn random(rng: &mut ChaCha20Rng, bytes: usize) -> BigUint {
        let mut b = vec![0u8; bytes];
        rng.fill_bytes(&mut b);
        BigUint::from_bytes_be(&b)
    }

    #[test]
    fn agrees_with_num_bigint() {
        let mut rng = ChaCha20Rng::seed_from_u64(42);
        for bytes in [32usize, 33, 64, 100, 256, 512] {
            for _ in 0..4 {
                let m = random(&mut rng, bytes) | BigUint::one() | (BigUint::one() << (8 * bytes - 1));
                for (b, e) in [
                    (random(&mut rng, bytes + 3), random(&mut rng, bytes / 2)),
                    (random(&mut rng, bytes), BigUint::from(0u8)),
                    (random(&mut rng, bytes), BigUint::one()),
                    (m.clone() - BigUint::one(), BigUint::from(2u8)),
                    (BigUint::from(0u8), BigUint::from(5u8)),
                ] {
                    assert_eq!(pow_mod_vartime(&b, &e, &m), b.modpow(&e, &m), "{bytes} bytes");
                }
            }
        }
    }
}
