//! One voice: the two languages are told apart only in the catalogue. No `Lang::Vi =>` or
//! `Lang::En =>` arm and no `pick(vi, en)` stands in any other crate's code (tests aside).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "tests" && name != "target" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn languages_are_told_apart_only_in_the_catalogue() {
    let catalogue = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crates = catalogue
        .parent()
        .expect("the catalogue crate sits in crates/");
    let mut files = Vec::new();
    rust_files(crates, &mut files);
    files.sort();
    assert!(
        files.len() > 50,
        "found only {} files under {}",
        files.len(),
        crates.display()
    );
    let mut offenders = Vec::new();
    for file in files {
        if file
            .components()
            .any(|c| c.as_os_str() == "kiemtra_messages")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let arm = ["Lang::Vi", "Lang::En"].iter().any(|l| {
                code.match_indices(l)
                    .any(|(at, _)| code[at + l.len()..].trim_start().starts_with("=>"))
            });
            let pick = code.contains(".pick(") || code.contains(" pick(");
            if arm || pick {
                offenders.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "words chosen by language outside the catalogue:\n{}",
        offenders.join("\n")
    );
}
