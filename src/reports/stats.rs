//! Small statistics for waiting and service times, with the rules written down.

/// The arithmetic mean, or None for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The median: the middle value, or the mean of the two middle values.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2.0 })
}

/// The nearest-rank percentile (p in 0..=100): the smallest value with at least p % of
/// the values at or below it.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank - 1])
}

/// The share (0.0-1.0) of values at or below `target`.
pub fn share_within(values: &[f64], target: f64) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().filter(|v| **v <= target).count() as f64 / values.len() as f64)
}

/// Survey results are shown only from this many answers up: fair to the employee,
/// and no single resident can be recognised.
pub const MIN_ANSWERS: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_and_medians_of_a_hand_checked_sample() {
        let waits = [4.0, 12.0, 2.0, 7.0, 30.0];
        assert_eq!(mean(&waits), Some(11.0));
        assert_eq!(median(&waits), Some(7.0));
        assert_eq!(median(&[4.0, 12.0, 2.0, 7.0]), Some(5.5));
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&values, 50.0), Some(10.0));
        assert_eq!(percentile(&values, 90.0), Some(18.0));
        assert_eq!(percentile(&values, 99.0), Some(20.0));
        assert_eq!(percentile(&values, 0.0), Some(1.0));
        assert_eq!(percentile(&values, 101.0), None);
    }

    #[test]
    fn the_share_served_within_the_target_wait() {
        assert_eq!(share_within(&[4.0, 12.0, 2.0, 7.0, 30.0], 10.0), Some(0.6));
        assert_eq!(share_within(&[], 10.0), None);
    }
}
