//! One stable sort for the whole crate, compiled once.
//!
//! `slice::sort_by` is excellent but generic: every call site with its own element type and closure
//! gets its own copy of driftsort, and in the wasm build those copies were 36 KB of code (the
//! shipped wasm has a size budget). This sorts a permutation of indices with a `dyn` comparator, so
//! the merge sort exists once; only the thin wrapper is generic. Stable, O(n log n), no panics.

use core::cmp::Ordering;

/// Stable in-place sort of `v` by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    apply_permutation(v, order);
}

/// Stable in-place sort of `v` by a key, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], mut key: F) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable in-place sort by `Ord`, like `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a.cmp(b));
}

/// Indices `0..n` in stable sorted order: bottom-up merge sort, the one non-generic copy.
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut src: Vec<usize> = (0..n).collect();
    let mut dst = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                // `<=` in effect: take from the left run on ties, which keeps the sort stable.
                if cmp(src[j], src[i]) == Ordering::Less {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (end - j)].copy_from_slice(&src[j..end]);
            start = end;
        }
        core::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    src
}

/// Reorders `v` so that position k holds what was at `order[k]`, by following each cycle of the
/// permutation with swaps: in place, no `Clone` needed.
fn apply_permutation<T>(v: &mut [T], order: Vec<usize>) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut j = start;
        while !done[j] {
            done[j] = true;
            let next = order[j];
            if next == start {
                break;
            }
            v.swap(j, next);
            j = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_stays_stable() {
        // A small LCG: deterministic, no dependency.
        let mut x: u64 = 42;
        for n in [0usize, 1, 2, 3, 7, 8, 9, 100, 1000, 4097] {
            let mut v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 59) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0); // std's stable sort: ties keep input order
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, expected, "n = {n}");
        }
    }

    #[test]
    fn sort_by_reverse_and_plain_sort() {
        let mut v = vec!["b", "a", "c", "a"];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a", "a"]);
    }
}
