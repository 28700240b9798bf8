//! The report's top object written a field at a time.

use std::io::{self, Write};

use serde::Serialize;

/// A pretty-printed JSON object written a field at a time, byte for byte as serde_json prints
/// a whole one: so that the findings, the bulk of a report, can be worded in parallel.
pub(super) struct Object<'w> {
    out: &'w mut dyn Write,
    fields: usize,
}

impl<'w> Object<'w> {
    pub(super) fn begin(out: &'w mut dyn Write) -> io::Result<Object<'w>> {
        out.write_all(b"{")?;
        Ok(Object { out, fields: 0 })
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        let comma = if self.fields == 0 { "" } else { "," };
        self.fields += 1;
        write!(self.out, "{comma}\n  \"{key}\": ")
    }

    /// A field whose value is written as serde_json writes it, one level down.
    pub(super) fn field(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        pretty(value, 1, &mut *self.out)
    }

    /// An array of findings, each worded by `word` in parallel and written in order.
    pub(super) fn findings<'f, T: Serialize>(
        &mut self,
        key: &str,
        findings: &'f [kiemtra_runner::Finding],
        word: impl Fn(&'f kiemtra_runner::Finding) -> T + Sync,
    ) -> io::Result<()> {
        self.key(key)?;
        if findings.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        // 2,048 worded findings are ~2 MiB.
        crate::ordered::write_in_order(
            findings,
            2048,
            |f, first, buf| {
                buf.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                pretty(&word(f), 2, buf)
            },
            &mut *self.out,
        )?;
        self.out.write_all(b"\n  ]")
    }

    pub(super) fn end(self) -> io::Result<()> {
        self.out
            .write_all(if self.fields == 0 { b"}" } else { b"\n}" })
    }
}

/// `value` pretty-printed as it is `depth` levels down in the report; the data exactly, with C1
/// and bidirectional controls as `\uXXXX` escapes.
fn pretty<W: Write + ?Sized>(value: &impl Serialize, depth: usize, out: &mut W) -> io::Result<()> {
    let formatter = kiemtra_input::escape::JsonFormatter::pretty_at(depth);
    let mut ser = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut ser).map_err(io::Error::from)
}
