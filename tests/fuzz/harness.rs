//! Running a fuzz target: a number of cases (or a time budget) from the
//! environment, a seed fixed unless asked otherwise, and a count printed.
#![allow(dead_code)]

use std::fmt::Debug;
use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

/// The seed of the short run: CI sees the same cases every time.
const FIXED_SEED: u64 = 0x5eed_e0e1;

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Runs `test` on inputs from `strategy`: `default_cases` cases, or
/// `EVRULE_FUZZ_CASES`, repeated with fresh seeds until
/// `EVRULE_FUZZ_SECONDS` have passed. A failing case is shrunk and the
/// run fails with the smallest input found.
pub fn fuzz<S>(
    name: &str,
    default_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let cases = env_number("EVRULE_FUZZ_CASES").map_or(default_cases, |n| n as u32);
    let budget = env_number("EVRULE_FUZZ_SECONDS").map(Duration::from_secs);
    let random = budget.is_some() || std::env::var("EVRULE_FUZZ_SEED").is_ok_and(|v| v == "random");
    let mut seed = match env_number("EVRULE_FUZZ_SEED") {
        Some(seed) => seed,
        None if random => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        None => FIXED_SEED,
    };
    let started = Instant::now();
    let mut total: u64 = 0;
    loop {
        let config = Config {
            cases,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(seed),
            max_shrink_iters: 2_000,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(error) = runner.run(&strategy, &test) {
            panic!("fuzz target `{name}` failed (seed {seed}): {error}");
        }
        total += u64::from(cases);
        match budget {
            Some(budget) if started.elapsed() < budget => seed = seed.wrapping_add(0x9e37_79b9),
            _ => break,
        }
    }
    eprintln!(
        "fuzz {name}: {total} cases, 0 crashes in {:.1}s",
        started.elapsed().as_secs_f64()
    );
}

/// Fails the case (rather than panicking outright) so that proptest
/// shrinks it.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($arg:tt)*) => {
        if !$cond {
            return Err(proptest::test_runner::TestCaseError::fail(format!($($arg)*)));
        }
    };
}
