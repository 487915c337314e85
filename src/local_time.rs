//! A Unix timestamp as people read it: the local date and time with its
//! offset from UTC (`2026-12-01 21:35:02 UTC+01:00`), without a date crate.

/// `unix` in the machine's time zone.
pub fn local(unix: i64) -> String {
    format_with_offset(unix, local_offset(unix))
}

/// `unix` shifted by `offset` seconds east of UTC.
pub fn format_with_offset(unix: i64, offset: i64) -> String {
    let t = unix + offset;
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let sign = if offset < 0 { '-' } else { '+' };
    let off = offset.abs();
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC{sign}{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        off / 3600,
        off / 60 % 60
    )
}

/// Howard Hinnant's days-to-civil: the proleptic Gregorian date of a day
/// count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Seconds east of UTC at `unix` in the local zone (the C library reads
/// `TZ` and /etc/localtime); UTC where it cannot tell.
#[cfg(unix)]
// `time_t` is 64 bits here but 32 on some targets, where the conversion can fail.
#[allow(irrefutable_let_patterns, clippy::useless_conversion)]
fn local_offset(unix: i64) -> i64 {
    let Ok(t) = libc::time_t::try_from(unix) else {
        return 0;
    };
    // SAFETY: localtime_r writes only into `tm`, which we own, and reads `t`.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if ok { tm.tm_gmtoff } else { 0 }
}

#[cfg(not(unix))]
fn local_offset(_unix: i64) -> i64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_offsets() {
        assert_eq!(format_with_offset(0, 0), "1970-01-01 00:00:00 UTC+00:00");
        assert_eq!(
            format_with_offset(1_764_624_902, 3600),
            "2025-12-01 22:35:02 UTC+01:00"
        );
        assert_eq!(
            format_with_offset(1_709_164_800, -5 * 3600 - 1800),
            "2024-02-28 18:30:00 UTC-05:30"
        );
        // A leap day.
        assert_eq!(
            format_with_offset(1_709_208_000, 0),
            "2024-02-29 12:00:00 UTC+00:00"
        );
        assert!(local(1_764_624_902).contains("UTC"));
    }
}
