//! Fixed-base exponentiation with precomputed powers (variable time,
//! **public values only**): for one base raised to many exponents modulo one
//! modulus, as a verifier does with ring-Pedersen `t` across the 80
//! repetitions of Πprm.
//!
//! The table holds `base^(d·2^(w·j))` for every window position `j` and digit
//! `d ∈ [1, 2^w)`; an exponentiation is then one multiplication per nonzero
//! window digit, with no squarings.

use super::Nat;
use crate::error::{Code, Error, Result};

/// Window width in bits.
const WINDOW: u32 = 4;
/// Entries per window position (`2^w − 1`; digit 0 needs none).
const DIGITS: usize = (1 << WINDOW) - 1;

/// Precomputed powers of one base modulo one modulus.
#[derive(Clone, Debug)]
pub struct FixedBase {
    modulus: Nat,
    max_bits: u32,
    /// `table[j·DIGITS + d − 1] = base^(d·2^(w·j)) mod m`.
    table: Vec<Nat>,
}

impl FixedBase {
    /// Precompute for exponents of at most `max_bits` bits.
    ///
    /// # Errors
    /// [`Code::InvalidModulus`] for a modulus below 2.
    pub fn new(base: &Nat, modulus: &Nat, max_bits: u32) -> Result<Self> {
        if modulus.bits() < 2 {
            return Err(Error::new(Code::InvalidModulus, "modulus must be at least 2"));
        }
        let positions = max_bits.div_ceil(WINDOW) as usize;
        let mut table = Vec::with_capacity(positions * DIGITS);
        let mut unit = base.rem(modulus)?;
        for _ in 0..positions {
            let mut acc = unit.clone();
            table.push(acc.clone());
            for _ in 1..DIGITS {
                acc = acc.mod_mul(&unit, modulus)?;
                table.push(acc.clone());
            }
            // base^(2^(w·(j+1))) = (base^((2^w − 1)·2^(w·j)))·base^(2^(w·j)).
            unit = acc.mod_mul(&unit, modulus)?;
        }
        Ok(Self { modulus: modulus.clone(), max_bits, table })
    }

    /// `base^e mod m` for `e` of at most `max_bits` bits.
    ///
    /// # Errors
    /// [`Code::InvalidArgument`] for a longer exponent.
    pub fn pow_vartime(&self, e: &Nat) -> Result<Nat> {
        if e.bits() > self.max_bits {
            return Err(Error::invalid("exponent longer than the fixed-base table"));
        }
        let mut acc = Nat::one();
        let windows = e.bits().div_ceil(WINDOW);
        for j in 0..windows {
            let digit = (0..WINDOW).fold(0usize, |d, b| d | (usize::from(e.bit(j * WINDOW + b)) << b));
            if digit != 0 {
                let entry = self.table.get(j as usize * DIGITS + digit - 1).ok_or_else(|| Error::bug("fixed-base table too short"))?;
                acc = acc.mod_mul(entry, &self.modulus)?;
            }
        }
        acc.rem(&self.modulus)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bigint::random_bits;
    use crate::rng::OsRng;

    #[test]
    fn matches_plain_exponentiation() {
        let m = random_bits(2048, &mut OsRng).add(&Nat::one().shl(2048));
        let base = random_bits(2000, &mut OsRng);
        let table = FixedBase::new(&base, &m, 2100).unwrap();
        for bits in [0u32, 1, 3, 4, 5, 64, 2047, 2100] {
            let e = random_bits(bits, &mut OsRng);
            assert_eq!(table.pow_vartime(&e).unwrap(), base.pow_mod_vartime(&e, &m).unwrap(), "{bits} bits");
        }
        assert!(table.pow_vartime(&Nat::one().shl(2100)).is_err());
        assert_eq!(table.pow_vartime(&Nat::zero()).unwrap(), Nat::one());
    }
}
