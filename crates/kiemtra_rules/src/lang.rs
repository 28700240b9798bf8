//! The two languages people read kiemtra in.

/// Vietnamese is the default; English on request.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'s>(self, vi: &'s str, en: &'s str) -> &'s str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
