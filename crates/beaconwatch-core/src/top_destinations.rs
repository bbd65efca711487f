//! The most frequent destination IPs of a group, counted exactly.

use std::collections::BTreeMap;

/// Writes into `out` the ids of the (at most) `n` most frequent destination
/// IPs, most frequent first, ties broken by IP string ascending.
///
/// IPs are the caller's ids; `string_rank[id]` is the position of that IP's
/// string in ascending string order, which is all the tie rule needs. The
/// package keeps an approximate bounded map instead (spec section 3); we
/// count exactly, so our list is the true top `n`.
pub fn top_destination_ips(
    counts: &BTreeMap<u32, u64>,
    n: usize,
    string_rank: &[u32],
    ranked: &mut Vec<(u64, u32, u32)>,
    out: &mut Vec<u32>,
) {
    ranked.clear();
    ranked.extend(counts.iter().map(|(ip, count)| (*count, string_rank[*ip as usize], *ip)));
    // Most events first; among equals, the smaller string first.
    ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    out.clear();
    out.extend(ranked.iter().take(n).map(|(_, _, ip)| *ip));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(pairs: &[(u32, u64)], n: usize, rank: &[u32]) -> Vec<u32> {
        let counts: BTreeMap<u32, u64> = pairs.iter().copied().collect();
        let mut out = Vec::new();
        top_destination_ips(&counts, n, rank, &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn no_ips_no_list() {
        assert!(top(&[], 10, &[]).is_empty());
    }

    #[test]
    fn fewer_than_n_are_all_listed() {
        assert_eq!(top(&[(0, 1), (1, 5)], 10, &[0, 1]), vec![1, 0]);
    }

    #[test]
    fn most_frequent_first_then_string_order() {
        // ids 0..4 whose strings sort as 3 < 1 < 0 < 2.
        let rank = [2, 1, 3, 0];
        let list = top(&[(0, 4), (1, 4), (2, 9), (3, 4)], 3, &rank);
        assert_eq!(list, vec![2, 3, 1]);
    }

    #[test]
    fn zero_requested_gives_nothing() {
        assert!(top(&[(0, 1)], 0, &[0]).is_empty());
    }
}
