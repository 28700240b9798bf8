//! Names shown relative to a folder: what a run over files in a folder would have shown had it
//! been started in that folder (`kiemtra serve` checks each request's files in a temporary
//! folder, and reports them by the names they were sent with).

use std::path::Path;

use crate::{Inputs, Outcome};

impl Outcome {
    /// Every file name the outcome holds, with the folder `dir` taken off its front; the
    /// digest over the inputs made again over the names so shown.
    pub fn shown_under(&mut self, dir: &Path) {
        let mut prefix = crate::discover::display(dir);
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        let strip = |name: &mut String| {
            if let Some(rest) = name.strip_prefix(&prefix) {
                *name = rest.to_owned();
            }
        };
        self.names.files.iter_mut().for_each(strip);
        self.file_errors.iter_mut().for_each(|e| strip(&mut e.file));
        self.rejected.iter_mut().for_each(|r| strip(&mut r.file));
        self.columns = std::mem::take(&mut self.columns)
            .into_iter()
            .map(|(mut k, v)| {
                strip(&mut k);
                (k, v)
            })
            .collect();
        self.word = std::mem::take(&mut self.word)
            .into_iter()
            .map(|(mut k, v)| {
                strip(&mut k);
                (k, v)
            })
            .collect();
        let mut inputs = std::mem::take(&mut self.inputs);
        inputs.files.iter_mut().for_each(|f| strip(&mut f.file));
        self.inputs = Inputs::digested(inputs.files);
    }
}
