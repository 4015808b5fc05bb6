//! A tiny deterministic pseudo-random number generator (splitmix64), so the generator needs no
//! extra dependency and the same seed gives the same bytes on every platform and every release.

/// The odd constant splitmix64 steps by (the golden ratio in 64 bits).
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// Scrambles one 64-bit value into another; used both to step the generator and to derive a
/// row's own seed, so every row can be generated on its own.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The splitmix64 generator. Statistically plenty for synthetic data, and fast.
#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

impl Rng {
    /// The generator for one row: each row depends only on the seed and its own position, so a
    /// change to how one row is drawn cannot shift the random stream of the rows after it.
    pub(super) fn for_row(seed: u64, index: u64) -> Self {
        Self(mix(seed ^ mix(index.wrapping_add(GOLDEN))))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// A number in `0..n` (`n > 0`), by multiply-and-shift; its bias is far below what matters here.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub(super) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        debug_assert!(lo <= hi);
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    /// True with probability `p` (0 to 1).
    pub(super) fn chance(&mut self, p: f64) -> bool {
        // 53 random bits make an exactly representable fraction in [0, 1).
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    /// One item, all equally likely.
    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// One item, in proportion to its weight. Tables are short, so a linear scan is fastest.
    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(u64::from(total)) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_row_seed_gives_the_same_stream() {
        let mut a = Rng::for_row(7, 42);
        let mut b = Rng::for_row(7, 42);
        let mut c = Rng::for_row(7, 43);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn draws_stay_in_range_and_weights_are_respected() {
        let mut rng = Rng::for_row(1, 1);
        let mut heads = 0;
        let mut rare = 0;
        for _ in 0..100_000 {
            let r = rng.range(3, 9);
            assert!((3..=9).contains(&r));
            if rng.chance(0.25) {
                heads += 1;
            }
            if rng.weighted(&[('a', 99), ('b', 1)]) == 'b' {
                rare += 1;
            }
        }
        assert!((23_500..26_500).contains(&heads), "{heads}");
        assert!((700..1_300).contains(&rare), "{rare}");
    }
}
