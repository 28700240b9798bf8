//! CD203 topic-area: the session names the shortcoming it addresses (§II.1). Words that name no
//! listed area are `other`, stated (catalogue v1.2: §II.1 lists examples).

use super::absence;
use crate::messages::Words;
use crate::{Detail, Field, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    // `Field::Invalid`: words outside the list, which read as `other`.
    if session.area.value().is_none() && !matches!(session.area, Field::Invalid(_)) {
        out.push(Violation::new(
            Rule::TopicArea,
            "/session/area",
            absence(&session.area),
        ));
    }
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD203.message").to_owned()
}
