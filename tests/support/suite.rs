//! Case suites scored as a whole. Detection is a learned scorer, so a suite of hand-written
//! sentences is held to a measured rate instead of every sentence: each failure is printed for
//! reading, and the test fails when more than the allowed share fail. The allowed shares sit
//! just above what was measured when the suite was last reviewed (see the README's Tests
//! section); a change that makes more of a suite fail fails the test.

/// Panics when more than `max_share` of `total` cases failed; prints every failure either way.
pub fn assert_share(what: &str, failures: &[String], total: usize, max_share: f64) {
    let share = failures.len() as f64 / total.max(1) as f64;
    let report = format!(
        "{what}: {} of {total} failed ({:.1}%, at most {:.0}% allowed)\n{}",
        failures.len(),
        share * 100.0,
        max_share * 100.0,
        failures.join("\n")
    );
    eprintln!("{report}");
    assert!(share <= max_share, "{report}");
}
