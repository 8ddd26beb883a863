//! Files parsed largest first on every worker, with results in input order.
//!
//! A megacluster export is a few large CSVs and many small files. Handing files out in input
//! order (rayon splits the list in halves) can leave the largest file to start last, on one
//! core, while the other idles; and the file still being parsed when the model is complete
//! holds its whole text beside it. Taking the largest file first (a greedy, longest-first
//! schedule) balances the cores and leaves the smaller files to the end.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `work(index, item)` for every item on the rayon pool, largest `size` first (ties in
/// input order), and returns the results in input order, whatever the number of threads.
pub(crate) fn largest_first<T: Send, R: Send>(
    items: Vec<T>,
    size: impl Fn(&T) -> u64,
    work: impl Fn(usize, T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(size(&items[i])));
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|item| Mutex::new(Some(item))).collect();
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    rayon::broadcast(|_| {
        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let item = items[index].lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(item) = item {
                let result = work(index, item);
                *results[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
            }
        }
    });
    // Every index was taken exactly once, by the counter.
    results.into_iter().filter_map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_with_every_item_done_once() {
        let items: Vec<u64> = vec![3, 90, 1, 40, 7, 90, 0];
        let done = largest_first(items.clone(), |&n| n, |index, n| (index, n * 2));
        let expected: Vec<(usize, u64)> = items.iter().enumerate().map(|(i, n)| (i, n * 2)).collect();
        assert_eq!(done, expected);
    }

    #[test]
    fn one_thread_takes_the_largest_first() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let started = Mutex::new(Vec::new());
        pool.install(|| {
            largest_first(vec![5u64, 50, 20, 20, 1], |&n| n, |index, _| started.lock().unwrap().push(index));
        });
        assert_eq!(started.into_inner().unwrap(), [1, 2, 3, 0, 4]);
    }
}
