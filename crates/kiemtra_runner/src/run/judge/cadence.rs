//! The cadence grid of one unit: each month of its period missing (no periodic meeting),
//! failing (a periodic meeting with an error or without a themed session) or compliant.

use kiemtra_rules::{Month, Period};

use crate::outcome::MonthState;

/// The months of a period, each with its state, filled in as the periodic meetings are met.
pub(super) struct Grid {
    period: Period,
    months: Vec<(Month, MonthState)>,
}

impl Grid {
    /// Every month of `period` missing.
    pub(super) fn new(period: Period) -> Grid {
        Grid {
            period,
            months: period.months().map(|m| (m, MonthState::Missing)).collect(),
        }
    }

    /// A periodic meeting in `month`: the month takes the better of its states.
    pub(super) fn periodic(&mut self, month: Month, compliant: bool) {
        if !self.period.contains(month) {
            return;
        }
        let state = if compliant {
            MonthState::Compliant
        } else {
            MonthState::Failing
        };
        let k = self.period.from.count_through(month).saturating_sub(1) as usize;
        if let Some((_, s)) = self.months.get_mut(k) {
            *s = (*s).max_state(state);
        }
    }

    /// Months with a periodic meeting, and those compliant.
    pub(super) fn counts(&self) -> (u32, u32) {
        let count = |keep: fn(MonthState) -> bool| {
            self.months.iter().filter(|(_, s)| keep(*s)).count() as u32
        };
        (
            count(|s| s != MonthState::Missing),
            count(|s| s == MonthState::Compliant),
        )
    }

    pub(super) fn into_months(self) -> Vec<(Month, MonthState)> {
        self.months
    }
}

impl MonthState {
    /// The better of two states of one month.
    fn max_state(self, other: MonthState) -> MonthState {
        let rank = |s: MonthState| match s {
            MonthState::Missing => 0,
            MonthState::Failing => 1,
            MonthState::Compliant => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}
