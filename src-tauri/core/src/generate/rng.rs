//! The generator's own random numbers: xoshiro256** seeded through SplitMix64.
//! Hand-written rather than taken from `rand` so that a seed means the same archive
//! whatever crate versions are in the lock file (rand documents that its value
//! streams may change between releases).

pub(crate) struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        let mut sm = seed;
        let mut next = || {
            sm = sm.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = sm;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (multiply-shift; the bias is far below anything visible).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo) as usize + 1) as i64
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len())]
    }

    pub(crate) fn bytes10(&mut self) -> [u8; 10] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }
}

/// Draws indices with fixed weights: cumulative sums and a binary search.
pub(crate) struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    pub(crate) fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weighted { cumulative }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cumulative.last().is_none_or(|t| *t <= 0.0)
    }

    pub(crate) fn draw(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("a non-empty table");
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|c| *c <= x)
            .min(self.cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_stream_and_seeds_differ() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(1);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(1);
                move |_| r.next_u64()
            })
            .collect();
        let mut other = Rng::new(2);
        assert_eq!(a, b);
        assert_ne!(a[0], other.next_u64());
        // Pinned: a change here changes every generated archive (bump GENERATOR_VERSION).
        assert_eq!(Rng::new(1).next_u64(), PINNED_FIRST);
    }

    const PINNED_FIRST: u64 = 12_966_619_160_104_079_557;

    #[test]
    fn weighted_draws_follow_the_weights() {
        let w = Weighted::new([1.0, 0.0, 3.0]);
        let mut rng = Rng::new(7);
        let mut counts = [0usize; 3];
        for _ in 0..4000 {
            counts[w.draw(&mut rng)] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!(counts[2] > 2 * counts[0], "{counts:?}");
    }
}
