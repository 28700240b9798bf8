//! The run's tables a unit's findings are placed with, and the placing of one finding.

use std::borrow::Cow;
use std::num::NonZeroU32;

use kiemtra_input::Position;
use kiemtra_rules::validate::default_id;
use kiemtra_rules::{Month, Severity, Violation};

use crate::outcome::{Finding, Ix};
use crate::run::interner::Interner;
use crate::run::{Small, NONE};

/// The run's tables that findings are placed with.
pub(super) struct Tables<'t> {
    pub(super) names: &'t [String],
    pub(super) ids: &'t [Box<str>],
    pub(super) labels: &'t [Box<str>],
    pub(super) violations: &'t [Violation],
    pub(super) violation_at: &'t [Option<Position>],
}

impl Tables<'_> {
    pub(super) fn file(&self, r: &Small) -> &str {
        self.names.get(r.file as usize).map_or("", String::as_str)
    }

    pub(super) fn id<'a>(&'a self, code: &str, r: &Small) -> Cow<'a, str> {
        match self.ids.get(r.id as usize) {
            Some(id) if r.id != NONE => Cow::Borrowed(id),
            _ => Cow::Owned(default_id(code, r.date)),
        }
    }

    pub(super) fn label(&self, i: u32) -> Option<&str> {
        (i != NONE)
            .then(|| self.labels.get(i as usize))
            .flatten()
            .map(|s| &**s)
    }

    pub(super) fn violations(&self, r: &Small) -> &[Violation] {
        let start = r.viol_start as usize;
        self.violations
            .get(start..start.saturating_add(r.viol_len as usize))
            .unwrap_or(&[])
    }

    /// Where the `k`th violation of `r` is written, when known apart from the record's line.
    pub(super) fn violation_at(&self, r: &Small, k: usize) -> Option<Position> {
        self.violation_at
            .get((r.viol_start as usize).saturating_add(k))
            .copied()
            .flatten()
    }
}

/// A violation of record `r` of `unit` as a finding: at the record's line, or at `at` when the
/// violation is written elsewhere; its field kept once in `pointers`.
pub(super) fn place(
    pointers: &mut Interner,
    unit: Ix,
    r: &Small,
    v: &Violation,
    severity: Severity,
    at: Option<Position>,
) -> Finding {
    Finding {
        rule: v.rule,
        severity,
        change: None,
        unit,
        record: (r.id != NONE).then(|| Ix::new(r.id as usize)).flatten(),
        file: Ix::new(r.file as usize),
        pointer: v
            .pointer
            .as_deref()
            .and_then(|p| Ix::new(pointers.get(p) as usize)),
        line: NonZeroU32::new(at.map_or(r.line, |p| p.line)),
        column: at.and_then(|p| NonZeroU32::new(p.column)),
        waiver: None,
        date: Some(r.date),
        month: Month::of(r.date).into(),
        detail: v.detail.clone(),
    }
}
