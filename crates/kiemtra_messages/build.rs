//! Turns the two catalogues (`messages/vi.toml`, `messages/en.toml`) into Rust: one item per
//! key, so that a key the code names but the catalogue lacks, or a placeholder spelt differently
//! in the code, the Vietnamese or the English, does not build.
//!
//! - a text without placeholders becomes a `Phrase` constant: `m::severity::ERROR`;
//! - a text with `{name}` placeholders becomes a struct with one field per placeholder:
//!   `m::cd401::Message { minutes: &40, min_minutes: &30 }`;
//! - a table of plural forms (`one`, `other`) becomes a struct with a `count` that chooses the
//!   form, and a field for every other placeholder.
//!
//! Both catalogues must hold the same keys with the same placeholders; the build stops with a
//! list of every difference otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// One entry of a catalogue: a text, or plural forms by name (`one`, `other`).
#[derive(Debug)]
enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

const PLURAL_FORMS: &[&str] = &["one", "other"];
/// The placeholder that chooses a plural form.
const COUNT: &str = "count";

fn main() {
    let dir = Path::new("messages");
    println!("cargo::rerun-if-changed=messages");
    let vi = read(&dir.join("vi.toml"));
    let en = read(&dir.join("en.toml"));
    let mut problems = Vec::new();
    for key in vi.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("`{key}` is in vi.toml but not in en.toml"));
    }
    for key in en.keys().filter(|k| !vi.contains_key(*k)) {
        problems.push(format!("`{key}` is in en.toml but not in vi.toml"));
    }
    for (key, v) in &vi {
        let Some(e) = en.get(key) else { continue };
        let (pv, pe) = (placeholders(v), placeholders(e));
        if pv != pe {
            problems.push(format!(
                "`{key}`: placeholders differ (vi: {pv:?}, en: {pe:?})"
            ));
        }
        if matches!(v, Entry::Plural(_)) != matches!(e, Entry::Plural(_)) {
            problems.push(format!("`{key}`: plural forms in one catalogue only"));
        }
        for entry in [v, e] {
            if let Entry::Plural(forms) = entry {
                if !forms.contains_key("other") {
                    problems.push(format!("`{key}`: plural forms need `other`"));
                }
            }
        }
        if let Err(p) = check_names(key) {
            problems.push(p);
        }
    }
    if !problems.is_empty() {
        panic!(
            "the message catalogues disagree:\n  {}",
            problems.join("\n  ")
        );
    }
    let code = generate(&vi, &en);
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("catalogue.rs"), code).expect("OUT_DIR is writable");
}

fn read(path: &Path) -> BTreeMap<String, Entry> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not TOML: {e}", path.display()));
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out, path);
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, Entry>, path: &Path) {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(s) => {
                out.insert(key, Entry::Text(s.clone()));
            }
            toml::Value::Table(t)
                if !t.is_empty()
                    && t.keys().all(|k| PLURAL_FORMS.contains(&k.as_str()))
                    && t.values().all(toml::Value::is_str) =>
            {
                let forms = t
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect();
                out.insert(key, Entry::Plural(forms));
            }
            toml::Value::Table(t) => flatten(&key, t, out, path),
            other => panic!(
                "{}: `{key}` must be a text, a table or plural forms, not {}",
                path.display(),
                other.type_str()
            ),
        }
    }
}

/// The `{name}` placeholders of a text: a name is ASCII lower-case letters, digits and `_`.
fn names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(end) if is_placeholder(&after[..end]) => {
                out.insert(after[..end].to_owned());
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn is_placeholder(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn placeholders(entry: &Entry) -> BTreeSet<String> {
    match entry {
        Entry::Text(t) => names(t),
        Entry::Plural(forms) => {
            let mut all: BTreeSet<String> = forms.values().flat_map(|t| names(t)).collect();
            all.insert(COUNT.to_owned());
            all
        }
    }
}

fn check_names(key: &str) -> Result<(), String> {
    for part in key.split('.') {
        let ok = part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            && part.starts_with(|c: char| c.is_ascii_alphabetic());
        if !ok {
            return Err(format!(
                "`{key}`: each part of a key starts with a letter and holds letters, digits, `_` or `-`"
            ));
        }
    }
    Ok(())
}

/// `CD401` → `cd401`, `no-due` → `no_due`, a keyword → `r#type`.
fn module_name(part: &str) -> String {
    let name = part.to_ascii_lowercase().replace('-', "_");
    const KEYWORDS: &[&str] = &[
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn",
        "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
        "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
        "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final",
        "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
    ];
    if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// `no_due` → `NO_DUE` (a phrase) or `NoDue` (a message with placeholders).
fn item_name(part: &str, constant: bool) -> String {
    let words = part.split(['_', '-']).filter(|w| !w.is_empty());
    if constant {
        words
            .map(str::to_ascii_uppercase)
            .collect::<Vec<_>>()
            .join("_")
    } else {
        words
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase())
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// A tree of modules: each key's parts before the last are modules, the last is the item.
#[derive(Default)]
struct Module<'a> {
    children: BTreeMap<String, Module<'a>>,
    items: Vec<(&'a str, &'a str)>,
}

fn generate(vi: &BTreeMap<String, Entry>, en: &BTreeMap<String, Entry>) -> String {
    let mut root = Module::default();
    for key in vi.keys() {
        let mut parts: Vec<&str> = key.split('.').collect();
        let leaf = parts.pop().unwrap_or_default();
        let mut module = &mut root;
        for p in parts {
            module = module.children.entry(module_name(p)).or_default();
        }
        module.items.push((key.as_str(), leaf));
    }
    let mut out = String::new();
    out.push_str(
        "/// Every message of the catalogue, by key: `m::cd401::Message`, `m::severity::ERROR`.\n",
    );
    out.push_str("#[allow(clippy::all, missing_docs, missing_debug_implementations, non_camel_case_types)]\npub mod m {\n");
    write_module(&root, vi, en, 1, &mut out);
    out.push_str("}\n\n");
    out.push_str("/// Every key with its placeholders and its texts (vi, en; plural forms joined by ` | `).\n");
    out.push_str("pub static ALL: &[Entry] = &[\n");
    for (key, v) in vi {
        let e = &en[key];
        let ph: Vec<String> = placeholders(v).into_iter().collect();
        let _ = writeln!(
            out,
            "    Entry {{ key: {key:?}, placeholders: &{ph:?}, vi: {:?}, en: {:?} }},",
            joined(v),
            joined(e)
        );
    }
    out.push_str("];\n");
    out
}

fn joined(e: &Entry) -> String {
    match e {
        Entry::Text(t) => t.clone(),
        Entry::Plural(forms) => forms.values().cloned().collect::<Vec<_>>().join(" | "),
    }
}

fn write_module(
    module: &Module<'_>,
    vi: &BTreeMap<String, Entry>,
    en: &BTreeMap<String, Entry>,
    depth: usize,
    out: &mut String,
) {
    let pad = "    ".repeat(depth);
    let root = "super::".repeat(depth);
    for (key, leaf) in &module.items {
        let (v, e) = (&vi[*key], &en[*key]);
        let ph = placeholders(v);
        let _ = writeln!(out, "{pad}/// `{key}`: {}", doc_line(&joined(v)));
        match (v, e) {
            (Entry::Text(tv), Entry::Text(te)) if ph.is_empty() => {
                let _ = writeln!(
                    out,
                    "{pad}pub const {}: {root}Phrase = {root}Phrase::new({tv:?}, {te:?});",
                    item_name(leaf, true)
                );
            }
            (Entry::Text(tv), Entry::Text(te)) => {
                let name = item_name(leaf, false);
                let _ = writeln!(out, "{pad}#[derive(Clone, Copy)]");
                let _ = writeln!(out, "{pad}pub struct {name}<'a> {{");
                for p in &ph {
                    let _ = writeln!(out, "{pad}    pub {p}: &'a dyn ::core::fmt::Display,");
                }
                let _ = writeln!(out, "{pad}}}");
                let _ = writeln!(out, "{pad}impl {root}Say for {name}<'_> {{");
                let _ = writeln!(
                    out,
                    "{pad}    fn say_into(&self, lang: {root}Lang, out: &mut String) {{"
                );
                let _ = writeln!(
                    out,
                    "{pad}        let text = {root}Phrase::new({tv:?}, {te:?}).get(lang);"
                );
                let args: Vec<String> = ph.iter().map(|p| format!("({p:?}, self.{p})")).collect();
                let _ = writeln!(
                    out,
                    "{pad}        {root}fill_into(out, text, &[{}]);",
                    args.join(", ")
                );
                let _ = writeln!(out, "{pad}    }}\n{pad}}}");
            }
            (Entry::Plural(fv), Entry::Plural(fe)) => {
                let name = item_name(leaf, false);
                let others: Vec<&String> = ph.iter().filter(|p| *p != COUNT).collect();
                let lifetime = if others.is_empty() { "" } else { "<'a>" };
                let _ = writeln!(out, "{pad}#[derive(Clone, Copy)]");
                let _ = writeln!(out, "{pad}pub struct {name}{lifetime} {{");
                let _ = writeln!(out, "{pad}    pub {COUNT}: u64,");
                for p in &others {
                    let _ = writeln!(out, "{pad}    pub {p}: &'a dyn ::core::fmt::Display,");
                }
                let _ = writeln!(out, "{pad}}}");
                let anon = if others.is_empty() { "" } else { "<'_>" };
                let _ = writeln!(out, "{pad}impl {root}Say for {name}{anon} {{");
                let _ = writeln!(
                    out,
                    "{pad}    fn say_into(&self, lang: {root}Lang, out: &mut String) {{"
                );
                let form = |forms: &BTreeMap<String, String>, f: &str| {
                    forms
                        .get(f)
                        .or_else(|| forms.get("other"))
                        .cloned()
                        .unwrap_or_default()
                };
                let _ = writeln!(
                    out,
                    "{pad}        let one = {root}Phrase::new({:?}, {:?});",
                    form(fv, "one"),
                    form(fe, "one")
                );
                let _ = writeln!(
                    out,
                    "{pad}        let other = {root}Phrase::new({:?}, {:?});",
                    form(fv, "other"),
                    form(fe, "other")
                );
                let _ = writeln!(
                    out,
                    "{pad}        let text = if lang.is_one(self.{COUNT}) {{ one }} else {{ other }}.get(lang);"
                );
                let mut args: Vec<String> = vec![format!(
                    "({COUNT:?}, &self.{COUNT} as &dyn ::core::fmt::Display)"
                )];
                args.extend(others.iter().map(|p| format!("({p:?}, self.{p})")));
                let _ = writeln!(
                    out,
                    "{pad}        {root}fill_into(out, text, &[{}]);",
                    args.join(", ")
                );
                let _ = writeln!(out, "{pad}    }}\n{pad}}}");
            }
            _ => unreachable!("checked in main"),
        }
    }
    for (name, child) in &module.children {
        let _ = writeln!(out, "{pad}pub mod {name} {{");
        write_module(child, vi, en, depth + 1, out);
        let _ = writeln!(out, "{pad}}}");
    }
}

fn doc_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let short: String = line.chars().take(100).collect();
    short.replace('`', "'")
}
