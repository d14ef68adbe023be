//! Calendar dates (`YYYY-MM-DD`) and the half-open ranges that restrict a
//! lexicon row to the documents dated inside them.
//!
//! Lexicon rows, examples and documents all carry dates as text; this is the
//! one place that reads them, so that a date means the same thing everywhere.

use std::fmt;

/// A day of the proleptic Gregorian calendar. Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("a date is written YYYY-MM-DD")]
    Shape,
    #[error("month {0} does not exist")]
    Month(u32),
    #[error("{year}-{month:02} has no day {day}")]
    Day { year: u32, month: u32, day: u32 },
}

impl Date {
    /// A date from its parts, if the day exists.
    pub fn new(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        if year > 9999 {
            return Err(DateError::Shape);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day { year, month, day });
        }
        Ok(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| DateError::Shape)
            } else {
                Err(DateError::Shape)
            }
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Shape);
        }
        Date::new(digits(0..4)?, digits(5..7)?, digits(8..10)?)
    }

    /// The date a document's `date` field starts with (`2015-09-30`,
    /// `2015-09-30T12:00:00Z`), if it starts with one.
    pub fn from_document(text: &str) -> Option<Date> {
        let head = text.get(..10)?;
        let rest = &text[10..];
        let separated = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
        if separated {
            Date::parse(head).ok()
        } else {
            None
        }
    }

    /// The day after this one.
    pub fn next_day(self) -> Date {
        let (year, month, day) = (self.year as u32, self.month as u32, self.day as u32);
        let (year, month, day) = if day < days_in_month(year, month) {
            (year, month, day + 1)
        } else if month < 12 {
            (year, month + 1, 1)
        } else {
            (year + 1, 1, 1)
        };
        Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    pub fn year(self) -> u32 {
        self.year as u32
    }

    pub fn month(self) -> u32 {
        self.month as u32
    }

    pub fn day(self) -> u32 {
        self.day as u32
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The days from `from` (inclusive) until `until` (exclusive); an absent
/// bound is open. The unbounded range is an undated row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateRange {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl DateRange {
    /// Whether the range restricts anything.
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.until.is_some()
    }

    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }
}

impl fmt::Display for DateRange {
    /// The lexicon options that write this range (`from=… until=…`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (Some(from), Some(until)) => write!(f, "from={from} until={until}"),
            (Some(from), None) => write!(f, "from={from}"),
            (None, Some(until)) => write!(f, "until={until}"),
            (None, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date = Date::parse("2012-02-29").unwrap();
        assert_eq!(date.to_string(), "2012-02-29");
        assert_eq!(
            Date::parse("2013-02-29"),
            Err(DateError::Day {
                year: 2013,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse("2013-13-01"), Err(DateError::Month(13)));
        assert_eq!(Date::parse("20130101"), Err(DateError::Shape));
        assert_eq!(Date::parse("2013-1-011"), Err(DateError::Shape));
        assert_eq!(Date::parse("+013-01-01"), Err(DateError::Shape));
    }

    #[test]
    fn next_day_rolls_over_months_and_years() {
        let next = |s: &str| Date::parse(s).unwrap().next_day().to_string();
        assert_eq!(next("1999-12-31"), "2000-01-01");
        assert_eq!(next("2000-02-28"), "2000-02-29");
        assert_eq!(next("1900-02-28"), "1900-03-01");
        assert_eq!(next("2014-04-30"), "2014-05-01");
        assert_eq!(next("2014-04-29"), "2014-04-30");
    }

    #[test]
    fn document_dates_may_carry_a_time() {
        assert_eq!(
            Date::from_document("2015-09-30T12:00:00Z").map(|d| d.to_string()),
            Some("2015-09-30".to_string())
        );
        assert_eq!(Date::from_document("2015-09-30").map(|d| d.day()), Some(30));
        assert_eq!(Date::from_document("2015-09-301"), None);
        assert_eq!(Date::from_document("30 Sep 2015"), None);
    }

    #[test]
    fn ranges_include_from_and_exclude_until() {
        let day = |s: &str| Date::parse(s).unwrap();
        let range = DateRange {
            from: Some(day("2008-01-20")),
            until: Some(day("2012-11-09")),
        };
        assert!(range.contains(day("2008-01-20")));
        assert!(range.contains(day("2012-11-08")));
        assert!(!range.contains(day("2012-11-09")));
        assert!(!range.contains(day("2008-01-19")));
        assert!(DateRange::default().contains(day("1000-01-01")));
        assert!(!DateRange::default().is_dated());
        assert_eq!(range.to_string(), "from=2008-01-20 until=2012-11-09");
    }
}
