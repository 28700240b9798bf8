//! CD309 remedy-assigned: a session on members' shortcomings assigns remedial measures
//! (§II.2: "phân công trách nhiệm cho … những đảng viên còn tồn tại khuyết điểm … có biện pháp
//! khắc phục").

use kiemtra_messages::m::cd309 as words;

use super::{Check, Declaration, Hint, SessionContext};
use crate::text::is_blank;
use crate::{Area, Detail, Field, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD309",
    name: "remedy-assigned",
    severity: Severity::Warning,
    cites: &["§II.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let session = c.session;
    if session.area.value() != Some(&Area::Shortcomings) {
        return;
    }
    let assignments = session.assignments.value().map_or(&[][..], Vec::as_slice);
    let remedies = assignments
        .iter()
        .filter_map(Field::value)
        .map(|a| &a.remedy);
    if remedies.clone().any(|r| r.value() == Some(&true)) {
        return;
    }
    // A remedy written but unreadable makes the verdict unverifiable: point at it.
    let unreadable = assignments.iter().enumerate().find_map(|(i, a)| {
        let value = a.value()?.remedy.unreadable().filter(|v| !is_blank(v))?;
        Some((i, value))
    });
    let violation = match unreadable {
        Some((i, value)) => Violation::new(
            Rule::RemedyAssigned,
            format!("/session/assignments/{i}/remedy"),
            Detail::Unreadable {
                value: value.into(),
            },
        ),
        None => Violation::new(
            Rule::RemedyAssigned,
            "/session/assignments",
            Detail::Missing,
        ),
    };
    out.push(violation);
}
