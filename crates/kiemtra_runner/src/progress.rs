//! A hook for a progress display: the runner says how many files it will read and when each
//! one is done. The binary draws the bar; library code stays silent.

use std::fmt;
use std::sync::Arc;

/// What the runner reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Reading starts: this many files.
    Start { files: usize },
    /// One file was read and its records checked.
    FileDone,
    /// Reading is over; the cross-record rules and sorting follow.
    Finish,
}

/// A callback for [`Step`]s, called from worker threads.
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(Step) + Send + Sync>);

impl Progress {
    pub fn new(f: impl Fn(Step) + Send + Sync + 'static) -> Progress {
        Progress(Arc::new(f))
    }

    pub(crate) fn report(progress: Option<&Progress>, step: Step) {
        if let Some(p) = progress {
            (p.0)(step);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(…)")
    }
}
