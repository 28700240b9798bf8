//! How long a session lasted, from what the record says.

use crate::Session;

/// The session's duration in minutes when it is known: `minutes` when given, else `end − start`
/// when both are given and the end is after the start.
pub(crate) fn known_minutes(session: &Session<'_>) -> Option<i64> {
    if let Some(m) = session.minutes.value() {
        return Some(i64::from(m.0));
    }
    let (start, end) = (session.start.value()?, session.end.value()?);
    let span = end.minutes() - start.minutes();
    (span > 0).then_some(span)
}
