//! What an inspection checked, said exactly: the audited period (with the reason when it is
//! not the one asked), the data read, and the rules and parameters in force — those that differ
//! from the rule pack with where they were set, as `kiemtra config` shows it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kiemtra_rules::{Lang, Pack, Parameters, Rule, Severity};
use kiemtra_runner::Outcome;
use serde::Serialize;

use crate::document::Document;
use crate::rollup::{month, parent_name, Rating, Rollup};
use crate::Context;

/// How the run's settings differ from the rule pack, and where each difference was set. Built
/// by the caller from the effective configuration (the origins `kiemtra config` shows); the
/// rules on and their severities themselves are read from the policy.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tailoring {
    /// Rules not applied, with the selector that turned each off and where it is written.
    pub rules_off: Vec<RuleOff>,
    /// Parameters whose value is not the pack's.
    pub parameters: Vec<ParameterChange>,
    /// Rules whose severity is not the pack's.
    pub severities: Vec<SeverityChange>,
    /// The waivers file.
    pub waivers: Option<WaiversFile>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleOff {
    pub rule: &'static str,
    /// `ignore CD5`; `None` when no `select` entry names the rule.
    pub by: Option<String>,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ParameterChange {
    pub name: &'static str,
    pub value: u32,
    pub pack: u32,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeverityChange {
    pub rule: &'static str,
    pub severity: Severity,
    pub pack: Severity,
    /// The `[severity]` key that set it.
    pub by: String,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct WaiversFile {
    pub file: String,
    pub origin: String,
    pub waivers: usize,
}

/// The audited period in words, with the reason when it is not the one asked.
pub(crate) fn period(outcome: &Outcome, rollup: &Rollup<'_>, pack: &Pack, lang: Lang) -> String {
    let given = outcome.from.is_some() || outcome.to.is_some();
    let Some(p) = rollup.span else {
        return lang.pick("(không có biên bản)", "(no records)").to_owned();
    };
    let mut s = match lang {
        Lang::Vi => format!("tháng {} – tháng {}", month(p.from), month(p.to)),
        Lang::En => format!("{} – {}", month(p.from), month(p.to)),
    };
    if let Some(asked) = outcome.asked_from {
        s.push_str(&format!(" ({})", pack.period_reason(asked, lang)));
    }
    if !given {
        s.push(' ');
        s.push_str(lang.pick(
            "(từ biên bản đầu đến biên bản cuối của từng chi bộ)",
            "(each unit from its first to its last record)",
        ));
    }
    s
}

/// Codes that share a reason, each reason once: `CD501, CD502 (ignore CD5, kiemtra.toml:3)`.
fn grouped(items: Vec<(&'static str, String)>) -> String {
    let mut groups: Vec<(Vec<&str>, String)> = Vec::new();
    for (code, why) in items {
        match groups.iter_mut().find(|(_, w)| *w == why) {
            Some((codes, _)) => codes.push(code),
            None => groups.push((vec![code], why)),
        }
    }
    groups
        .iter()
        .map(|(codes, why)| format!("{} {why}", codes.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rule pack, the rules not applied and why, the parameters, and what differs from the
/// pack and where it was set: label and text pairs of the scope.
pub(crate) fn rules(
    ctx: &Context<'_>,
    tailoring: Option<&Tailoring>,
) -> Vec<(&'static str, String)> {
    let lang = ctx.lang;
    let pack = &ctx.policy.pack;
    let p = &pack.pack;
    let on: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|&r| ctx.policy.enabled(r))
        .collect();
    let params = ctx.policy.parameters();
    let mut out = vec![(
        lang.pick("Bộ quy tắc", "Rule pack"),
        match lang {
            Lang::Vi => format!(
                "{} phiên bản {}; văn bản gốc: {}; áp dụng {} trên {} quy tắc (Phụ lục 1)",
                p.id,
                p.version,
                p.source.as_deref().unwrap_or("—"),
                on.len(),
                Rule::ALL.len()
            ),
            Lang::En => format!(
                "{} version {}; source text: {}; {} of its {} rules applied (Appendix 1)",
                p.id,
                p.version,
                p.source.as_deref().unwrap_or("—"),
                on.len(),
                Rule::ALL.len()
            ),
        },
    )];
    let off: Vec<(&'static str, String)> = Rule::ALL
        .iter()
        .filter(|&&r| !ctx.policy.enabled(r))
        .map(|&r| {
            let found = tailoring.and_then(|t| t.rules_off.iter().find(|o| o.rule == r.code()));
            let why = match found {
                Some(o) => {
                    let by = o.by.clone().unwrap_or_else(|| {
                        lang.pick("không có trong select", "not in select")
                            .to_owned()
                    });
                    format!("({by}, {})", o.origin)
                }
                None => String::new(),
            };
            (r.code(), why)
        })
        .collect();
    if !off.is_empty() {
        out.push((
            lang.pick("Quy tắc không áp dụng", "Rules not applied"),
            grouped(off),
        ));
    }
    let mut values = match lang {
        Lang::Vi => format!(
            "sinh hoạt chuyên đề tối thiểu {} phút, một chủ đề tối đa {} tháng; xếp \
             loại: {}",
            params.min_minutes,
            params.max_topic_months,
            Rating::scale(&params.rating, lang)
        ),
        Lang::En => format!(
            "at least {} minutes per session, one topic for at most {} months; \
             rating: {}",
            params.min_minutes,
            params.max_topic_months,
            Rating::scale(&params.rating, lang)
        ),
    };
    let changed: Vec<String> = tailoring
        .map(|t| t.parameters.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|c| match lang {
            Lang::Vi => format!(
                "`{}` = {} (bộ quy tắc: {}; đặt tại {})",
                c.name, c.value, c.pack, c.origin
            ),
            Lang::En => format!(
                "`{}` = {} (pack: {}; set in {})",
                c.name, c.value, c.pack, c.origin
            ),
        })
        .collect();
    if !changed.is_empty() {
        values.push_str(&match lang {
            Lang::Vi => format!(" — khác bộ quy tắc: {}", changed.join("; ")),
            Lang::En => format!(" — differing from the pack: {}", changed.join("; ")),
        });
    }
    out.push((lang.pick("Thông số", "Parameters"), values));
    let severities: Vec<(&'static str, String)> = on
        .iter()
        .filter(|&&r| ctx.policy.is_overridden(r))
        .map(|&r| {
            let pack_sev = pack.rule(r).severity.label(lang);
            let sev = ctx.policy.severity(r).label(lang);
            let set = tailoring
                .and_then(|t| t.severities.iter().find(|c| c.rule == r.code()))
                .map(|c| match lang {
                    Lang::Vi => format!("; [severity] {}, đặt tại {}", c.by, c.origin),
                    Lang::En => format!("; [severity] {}, set in {}", c.by, c.origin),
                })
                .unwrap_or_default();
            let why = match lang {
                Lang::Vi => format!("{sev} (bộ quy tắc: {pack_sev}{set})"),
                Lang::En => format!("{sev} (pack: {pack_sev}{set})"),
            };
            (r.code(), why)
        })
        .collect();
    if !severities.is_empty() {
        out.push((
            lang.pick("Mức khác bộ quy tắc", "Severities changed"),
            grouped(severities),
        ));
    }
    out
}

/// The scope of the inspection, as label and text pairs. `waived_part` is the numeral of the
/// part that lists waived findings.
pub(crate) fn scope(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    rollup: &Rollup<'_>,
    waived_part: &str,
) -> Vec<(&'static str, String)> {
    let lang = ctx.lang;
    let p = &ctx.policy.pack.pack;
    let s = &outcome.summary;
    let date = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut basis = match lang {
        Lang::Vi => format!("{} của {}, ngày {}", p.title, p.issuer, date(p.date)),
        Lang::En => format!("{} — {}, {}", p.title, p.issuer, date(p.date)),
    };
    if let Some(r) = &p.replaces {
        basis.push_str(&match lang {
            Lang::Vi => format!(" (thay thế Hướng dẫn {} ngày {})", r.number, date(r.date)),
            Lang::En => format!(" (replacing {} of {})", r.number, date(r.date)),
        });
    }
    if !p.basis.is_empty() {
        basis.push_str(&match lang {
            Lang::Vi => format!("; thực hiện {}", p.basis.join("; ")),
            Lang::En => format!("; implementing {}", p.basis.join("; ")),
        });
    }
    let parents: Vec<String> = rollup
        .parents
        .iter()
        .map(|pr| {
            let n = pr.units.len();
            match lang {
                Lang::Vi => format!("{} ({n} chi bộ)", parent_name(pr.name, lang)),
                Lang::En => format!("{} ({n} units)", parent_name(pr.name, lang)),
            }
        })
        .collect();
    let units = match lang {
        Lang::Vi => format!(
            "{} chi bộ thuộc {} đảng bộ: {}",
            s.units,
            rollup.parents.len(),
            parents.join("; ")
        ),
        Lang::En => format!(
            "{} units under {} parent committees: {}",
            s.units,
            rollup.parents.len(),
            parents.join("; ")
        ),
    };
    let mut data = match (lang, document.district) {
        (Lang::Vi, None) => format!(
            "{} tệp; đọc {} biên bản: {} đã kiểm tra, {} bị loại",
            s.files, s.records, s.checked, s.rejected
        ),
        (Lang::En, None) => format!(
            "{} files; {} records read: {} checked, {} rejected",
            s.files, s.records, s.checked, s.rejected
        ),
        (Lang::Vi, Some(d)) => format!(
            "{} biên bản trong kỳ của các chi bộ trên; trích từ đợt kiểm tra chung: {} tệp, đọc \
             {} biên bản, {} đã kiểm tra, {} bị loại (biên bản bị loại liệt kê ở báo cáo chung)",
            s.checked, d.files, d.records, d.checked, d.rejected
        ),
        (Lang::En, Some(d)) => format!(
            "{} records of these units in the period; part of an inspection of {} files, {} \
             records read, {} checked, {} rejected (rejected records are listed in its report)",
            s.checked, d.files, d.records, d.checked, d.rejected
        ),
    };
    if s.outside_period > 0 {
        data.push_str(&match lang {
            Lang::Vi => format!(
                " ({} biên bản ngoài kỳ chỉ dùng để đối chiếu kỳ trước)",
                s.outside_period
            ),
            Lang::En => format!(
                " ({} outside the period, read only as previous meetings)",
                s.outside_period
            ),
        });
    }
    if s.before_effective > 0 {
        data.push_str(&match lang {
            Lang::Vi => format!(
                "; {} biên bản trước khi hướng dẫn có hiệu lực, không xét",
                s.before_effective
            ),
            Lang::En => format!(
                "; {} dated before the guidance took effect, not judged",
                s.before_effective
            ),
        });
    }
    if s.waived > 0 {
        data.push_str(&match lang {
            Lang::Vi => format!(
                "; {} vi phạm được miễn trừ (liệt kê riêng ở mục {waived_part})",
                s.waived
            ),
            Lang::En => format!(
                "; {} findings waived (listed apart in {waived_part})",
                s.waived
            ),
        });
    }
    if !outcome.file_errors.is_empty() {
        data.push_str(&match lang {
            Lang::Vi => format!("; {} tệp không đọc được", outcome.file_errors.len()),
            Lang::En => format!("; {} files could not be read", outcome.file_errors.len()),
        });
    }
    let digest = match lang {
        Lang::Vi => format!(
            "SHA-256 `{}` — tính lại bằng `sha256sum` các tệp ở Phụ lục 2, theo thứ tự đó, rồi \
             `sha256sum` kết quả",
            outcome.inputs.digest
        ),
        Lang::En => format!(
            "SHA-256 `{}` — recompute with `sha256sum` over the files of Appendix 2, in that \
             order, piped into `sha256sum`",
            outcome.inputs.digest
        ),
    };
    let mut out = vec![
        (lang.pick("Căn cứ", "Basis"), basis),
        (lang.pick("Đơn vị được kiểm tra", "Units inspected"), units),
        (
            lang.pick("Kỳ kiểm tra", "Period"),
            period(outcome, rollup, &ctx.policy.pack, lang),
        ),
        (lang.pick("Dữ liệu", "Data"), data),
    ];
    out.extend(rules(ctx, document.tailoring));
    let waivers = document.tailoring.and_then(|t| t.waivers.as_ref());
    if let Some(w) = waivers {
        out.push((
            lang.pick("Miễn trừ", "Waivers"),
            match lang {
                Lang::Vi => format!(
                    "tệp `{}` ({} miễn trừ; đặt tại {})",
                    w.file, w.waivers, w.origin
                ),
                Lang::En => format!(
                    "file `{}` ({} waivers; set in {})",
                    w.file, w.waivers, w.origin
                ),
            },
        ));
    }
    out.push((lang.pick("Dấu kiểm dữ liệu", "Input digest"), digest));
    out.push((
        lang.pick("Công cụ", "Tool"),
        format!("kiemtra {}", env!("CARGO_PKG_VERSION")),
    ));
    out
}

/// What the inspection applied: the rules on and off, and how the settings differ from the
/// pack, with where each was set.
#[derive(Serialize)]
pub(crate) struct Json<'a> {
    rules_applied: Vec<&'static str>,
    rules_not_applied: Vec<NotApplied>,
    /// Every parameter in force.
    parameters: BTreeMap<&'static str, u32>,
    /// Parameters whose value is not the pack's.
    parameters_changed: Vec<ParameterChange>,
    /// Rules whose severity is not the pack's.
    severities_changed: Vec<SeverityChanged>,
    waivers_file: Option<&'a WaiversFile>,
}

#[derive(Serialize)]
struct NotApplied {
    rule: &'static str,
    by: Option<String>,
    origin: Option<String>,
}

#[derive(Serialize)]
struct SeverityChanged {
    rule: &'static str,
    severity: Severity,
    pack: Severity,
    by: Option<String>,
    origin: Option<String>,
}

/// The scope as the JSON report states it.
pub(crate) fn json<'a>(ctx: &Context<'_>, document: &Document<'a>) -> Json<'a> {
    let policy = ctx.policy;
    let tailoring = document.tailoring;
    let params = policy.parameters();
    Json {
        rules_applied: Rule::ALL
            .iter()
            .filter(|&&r| policy.enabled(r))
            .map(|r| r.code())
            .collect(),
        rules_not_applied: Rule::ALL
            .iter()
            .filter(|&&r| !policy.enabled(r))
            .map(|&r| {
                let off = tailoring.and_then(|t| t.rules_off.iter().find(|o| o.rule == r.code()));
                NotApplied {
                    rule: r.code(),
                    by: off.and_then(|o| o.by.clone()),
                    origin: off.map(|o| o.origin.clone()),
                }
            })
            .collect(),
        parameters: Parameters::NAMES
            .iter()
            .filter_map(|&n| params.get(n).map(|v| (n, v)))
            .collect(),
        parameters_changed: tailoring.map(|t| t.parameters.clone()).unwrap_or_default(),
        severities_changed: Rule::ALL
            .iter()
            .filter(|&&r| policy.enabled(r) && policy.is_overridden(r))
            .map(|&r| {
                let set = tailoring.and_then(|t| t.severities.iter().find(|c| c.rule == r.code()));
                SeverityChanged {
                    rule: r.code(),
                    severity: policy.severity(r),
                    pack: policy.pack.rule(r).severity,
                    by: set.map(|c| c.by.clone()),
                    origin: set.map(|c| c.origin.clone()),
                }
            })
            .collect(),
        waivers_file: tailoring.and_then(|t| t.waivers.as_ref()),
    }
}
