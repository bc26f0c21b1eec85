//! JWT times (RFC 7519 NumericDate, Unix seconds) for humans: ISO-8601 UTC and a phrase relative to
//! the host's `now`. No date crate: the civil-from-days algorithm (H. Hinnant, "chrono-Compatible
//! Low-Level Date Algorithms", public domain) is a dozen lines and keeps the wasm small.

use serde::Serialize;
use serde_json::{Number, Value};

use crate::jwt::{Claim, JwtObject};

/// Seconds values above this are almost surely milliseconds (10^11 s is the year 5138).
pub(crate) const MILLISECONDS_THRESHOLD: i64 = 100_000_000_000;

/// One of `iat`, `nbf`, `exp` as found in the claims, and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timestamp {
    /// The number exactly as it appears in the token.
    pub raw: Number,
    /// Unix seconds this is taken to mean (the raw value divided by 1000 when `milliseconds`).
    pub seconds: i64,
    /// `2024-01-02T03:04:05Z`; null outside the years 0000-9999.
    pub iso: Option<String>,
    /// "expires in 14 min", "expired 3 h ago", "issued 5 min ago", "becomes valid in 2 min", ...
    pub relative: String,
    /// The producer wrote milliseconds where JWT requires seconds.
    pub milliseconds: bool,
}

/// The three registered time claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeClaim {
    Iat,
    Nbf,
    Exp,
}

impl TimeClaim {
    pub(crate) fn name(self) -> &'static str {
        match self {
            TimeClaim::Iat => "iat",
            TimeClaim::Nbf => "nbf",
            TimeClaim::Exp => "exp",
        }
    }
}

/// Why a time claim could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeClaimProblem {
    /// Present but not a JSON number (e.g. a string), which validators reject.
    NotANumber,
}

/// Reads `claim` from the claims. `Ok(None)` when absent.
pub(crate) fn read_time_claim(claims: &JwtObject, claim: TimeClaim, now: i64) -> Result<Option<Timestamp>, TimeClaimProblem> {
    let (raw, value) = match claims.get(claim.name()) {
        None | Some(Claim::Null | Claim::Value(Value::Null)) => return Ok(None),
        Some(Claim::Int(n)) => (Number::from(n), n),
        Some(Claim::Value(Value::Number(n))) => (n.clone(), number_to_seconds(n)),
        Some(_) => return Err(TimeClaimProblem::NotANumber),
    };
    let milliseconds = value > MILLISECONDS_THRESHOLD;
    let seconds = if milliseconds { value / 1000 } else { value };
    Ok(Some(Timestamp {
        iso: iso8601(seconds),
        relative: relative_phrase(claim, seconds, now),
        raw,
        seconds,
        milliseconds,
    }))
}

/// Integer seconds, saturating: NumericDate may legally be fractional, and hostile input may be
/// 1e308, neither of which may panic or wrap.
fn number_to_seconds(n: &Number) -> i64 {
    if let Some(i) = n.as_i64() {
        i
    } else if n.as_u64().is_some() {
        i64::MAX
    } else {
        // `as` saturates and maps NaN to 0; serde_json never yields NaN anyway.
        n.as_f64().map(|f| f.floor() as i64).unwrap_or(0)
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, or `None` when the year is outside 0000-9999 (not representable).
pub fn iso8601(seconds: i64) -> Option<String> {
    let days = seconds.div_euclid(86_400);
    let secs_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let (hour, minute, second) = (secs_of_day / 3600, secs_of_day % 3600 / 60, secs_of_day % 60);
    // Digit by digit into bytes rather than format!'s zero padding or `String::push` per char,
    // both slow in the wasm: every token has up to three of these.
    let mut iso = *b"0000-00-00T00:00:00Z";
    let fields = [(year, 3), (month.into(), 6), (day.into(), 9), (hour, 12), (minute, 15), (second, 18)];
    for (mut value, last) in fields {
        let mut i = last + 1;
        while i > 0 && iso[i - 1].is_ascii_digit() {
            i -= 1;
            iso[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    std::str::from_utf8(&iso).ok().map(str::to_owned)
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The phrase a person would say about this claim at `now`.
pub(crate) fn relative_phrase(claim: TimeClaim, at: i64, now: i64) -> String {
    let diff = at.cmp(&now) as i8;
    let (before, after) = match claim {
        // RFC 7519 §4.1.4: the token must not be accepted *on or after* exp.
        TimeClaim::Exp if diff > 0 => ("expires in ", ""),
        TimeClaim::Exp if diff == 0 => return "expired just now".to_string(),
        TimeClaim::Exp => ("expired ", " ago"),
        TimeClaim::Nbf if diff > 0 => ("becomes valid in ", ""),
        TimeClaim::Nbf if diff == 0 => return "valid from now".to_string(),
        TimeClaim::Nbf => ("valid since ", " ago"),
        // An iat in the future means the issuer's clock (or this machine's) is wrong.
        TimeClaim::Iat if diff > 0 => ("issued ", " in the future"),
        TimeClaim::Iat if diff == 0 => return "issued just now".to_string(),
        TimeClaim::Iat => ("issued ", " ago"),
    };
    let mut phrase = String::with_capacity(32);
    phrase.push_str(before);
    // Compared, not subtracted: `at - now` overflows i64 for far-apart values; the gap fits u64.
    push_human_duration(&mut phrase, at.abs_diff(now));
    phrase.push_str(after);
    phrase
}

/// "45 s", "14 min", "3 h", "1 h 15 min", "2 days 4 h", "12 days", "3 years". Rounds down, like a
/// countdown: "expires in 14 min" means at least 14 whole minutes are left.
pub fn human_duration(seconds: u64) -> String {
    let mut text = String::with_capacity(16);
    push_human_duration(&mut text, seconds);
    text
}

/// [`human_duration`], appended to `out`. Pieces are pushed rather than format!ted: four of these
/// per token, and format! is slow in the wasm.
fn push_human_duration(out: &mut String, seconds: u64) {
    const MIN: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;
    const YEAR: u64 = 31_557_600; // 365.25 days
    if seconds < MIN {
        push_amount(out, seconds, "s");
    } else if seconds < HOUR {
        push_amount(out, seconds / MIN, "min");
    } else if seconds < DAY {
        let (h, m) = (seconds / HOUR, seconds % HOUR / MIN);
        push_amount(out, h, "h");
        // Minutes matter for the lifetimes in this chain (5 min, 60-90 min, 3 h); beyond 10 h they are noise.
        if m != 0 && h < 10 {
            out.push(' ');
            push_amount(out, m, "min");
        }
    } else if seconds < YEAR {
        let (d, h) = (seconds / DAY, seconds % DAY / HOUR);
        push_amount(out, d, if d == 1 { "day" } else { "days" });
        if h != 0 && d < 3 {
            out.push(' ');
            push_amount(out, h, "h");
        }
    } else {
        let y = seconds / YEAR;
        push_amount(out, y, if y == 1 { "year" } else { "years" });
    }
}

/// `<n> <unit>`.
fn push_amount(out: &mut String, n: u64, unit: &str) {
    let mut buf = [0u8; 20];
    out.push_str(crate::json_writer::decimal(n, &mut buf));
    out.push(' ');
    out.push_str(unit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn iso_dates_match_known_instants() {
        assert_eq!(iso8601(0).unwrap(), "1970-01-01T00:00:00Z");
        // GitHub's documented sample token (reference §1.3): iat 1632493567.
        assert_eq!(iso8601(1_632_493_567).unwrap(), "2021-09-24T14:26:07Z");
        assert_eq!(iso8601(951_782_400).unwrap(), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(-1).unwrap(), "1969-12-31T23:59:59Z");
        assert_eq!(iso8601(253_402_300_799).unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(iso8601(253_402_300_800), None);
        assert_eq!(iso8601(i64::MAX), None);
        assert_eq!(iso8601(i64::MIN), None);
    }

    #[test]
    fn relative_phrases_read_naturally() {
        let now = 1_700_000_000;
        assert_eq!(relative_phrase(TimeClaim::Exp, now + 14 * 60 + 59, now), "expires in 14 min");
        assert_eq!(relative_phrase(TimeClaim::Exp, now - 3 * 3600, now), "expired 3 h ago");
        assert_eq!(relative_phrase(TimeClaim::Exp, now - 3 * 3600 - 600, now), "expired 3 h 10 min ago");
        assert_eq!(relative_phrase(TimeClaim::Exp, now, now), "expired just now");
        assert_eq!(relative_phrase(TimeClaim::Exp, now + 42, now), "expires in 42 s");
        assert_eq!(relative_phrase(TimeClaim::Iat, now - 300, now), "issued 5 min ago");
        assert_eq!(relative_phrase(TimeClaim::Iat, now + 120, now), "issued 2 min in the future");
        assert_eq!(relative_phrase(TimeClaim::Nbf, now + 90, now), "becomes valid in 1 min");
        assert_eq!(relative_phrase(TimeClaim::Nbf, now - 600, now), "valid since 10 min ago");
        assert_eq!(relative_phrase(TimeClaim::Exp, now - 86_400, now), "expired 1 day ago");
        assert_eq!(relative_phrase(TimeClaim::Exp, now - 86_400 - 7200, now), "expired 1 day 2 h ago");
        assert_eq!(relative_phrase(TimeClaim::Exp, now - 40 * 86_400, now), "expired 40 days ago");
        assert_eq!(relative_phrase(TimeClaim::Exp, i64::MAX, i64::MIN), format!("expires in {} years", u64::MAX / 31_557_600));
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration(300), "5 min");
        assert_eq!(human_duration(4500), "1 h 15 min");
        assert_eq!(human_duration(10_800), "3 h");
        assert_eq!(human_duration(11 * 3600 + 59 * 60), "11 h");
        assert_eq!(human_duration(31_557_600), "1 year");
    }

    #[test]
    fn reads_time_claims_of_every_shape() {
        let now = 1_700_000_000;
        let object = |v: serde_json::Value| JwtObject::from(v.as_object().unwrap().clone());
        let claims = &object(json!({"exp": 1_700_000_600, "nbf": 1.7e9, "iat": 1_700_000_000_123_i64, "x": "1"}));
        let exp = read_time_claim(claims, TimeClaim::Exp, now).unwrap().unwrap();
        assert_eq!((exp.seconds, exp.milliseconds, exp.relative.as_str()), (1_700_000_600, false, "expires in 10 min"));
        assert_eq!(exp.iso.as_deref(), Some("2023-11-14T22:23:20Z"));
        let nbf = read_time_claim(claims, TimeClaim::Nbf, now).unwrap().unwrap();
        assert_eq!(nbf.seconds, 1_700_000_000);
        let iat = read_time_claim(claims, TimeClaim::Iat, now).unwrap().unwrap();
        assert!(iat.milliseconds);
        assert_eq!(iat.seconds, 1_700_000_000);
        assert_eq!(serde_json::to_value(&iat).unwrap()["raw"], json!(1_700_000_000_123_i64));
        let odd = |exp: serde_json::Value| object(json!({ "exp": exp }));
        assert_eq!(read_time_claim(&odd(json!("1700000000")), TimeClaim::Exp, now), Err(TimeClaimProblem::NotANumber));
        let huge = read_time_claim(&odd(json!(1e308)), TimeClaim::Exp, now).unwrap().unwrap();
        assert_eq!(huge.iso, None);
        assert!(read_time_claim(&odd(json!(u64::MAX)), TimeClaim::Exp, now).unwrap().is_some());
        assert_eq!(read_time_claim(&odd(json!(null)), TimeClaim::Exp, now), Ok(None));
        assert_eq!(read_time_claim(&JwtObject::default(), TimeClaim::Exp, now), Ok(None));
    }
}
