//! The two languages people read kiemtra in (declared with the catalogue, in `kiemtra_messages`).

pub use kiemtra_messages::Lang;
