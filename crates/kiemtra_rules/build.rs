//! The one list of rules: every file `src/rules/cdNNN_name.rs` is a rule, declared in that file.
//! This script only lists them, in code order, as the macro `for_each_rule!`, from which the
//! crate derives the `Rule` enum, the dispatch, the messages and the docs index, and the tests
//! one fires/passes test per rule. Adding a rule is adding its file: nothing here to edit.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("src/rules");
    println!("cargo::rerun-if-changed=src/rules");
    let mut rules: Vec<(String, String, String)> = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read src/rules: {e}"));
    for entry in entries {
        let path = entry.expect("src/rules is readable").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some((code, name)) = rule_of(stem) else {
            continue;
        };
        let variant: String = name
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect();
        rules.push((code, stem.to_owned(), variant));
    }
    rules.sort();
    let mut out = String::from(
        "/// Calls `$callback!` with every rule, in code order, as `Variant module \"CODE\"`: the one\n\
         /// list of rules, one per file `src/rules/cdNNN_name.rs`.\n\
         #[macro_export]\nmacro_rules! for_each_rule {\n    ($callback:ident) => {\n        $callback! {\n",
    );
    for (code, module, variant) in &rules {
        let _ = writeln!(out, "            {variant} {module} {code:?},");
    }
    out.push_str("        }\n    };\n}\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rule_list.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// `cd401_minimum_duration` → (`CD401`, `minimum_duration`); `None` for another file.
fn rule_of(stem: &str) -> Option<(String, String)> {
    let (code, name) = stem.split_once('_')?;
    let digits = code.strip_prefix("cd")?;
    (digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty())
        .then(|| (code.to_ascii_uppercase(), name.to_owned()))
}
