//! The page: HTML, style and script built into the binary. Its words are the catalogue's
//! (`page.*`, both languages), handed to the script in the page itself, so that the language
//! switches without asking the server again.

use kiemtra_messages::{m, Lang};

const HTML: &str = include_str!("page/index.html");
pub const SCRIPT: &str = include_str!("page/app.js");
pub const STYLE: &str = include_str!("page/app.css");

/// The page with the words of both languages in it, and the report formats offered.
pub fn html(formats: &[String]) -> String {
    {
        let mut all = serde_json::Map::new();
        for lang in Lang::ALL {
            let texts: serde_json::Map<String, serde_json::Value> = kiemtra_messages::ALL
                .iter()
                .filter_map(|e| Some((e.key.strip_prefix("page.")?, e.get(lang))))
                .map(|(short, text)| (short.to_owned(), text.into()))
                .collect();
            all.insert(lang.code().to_owned(), texts.into());
        }
        // In a script element, `</` could end it early: written `<\/` (the same JSON).
        let json = serde_json::Value::Object(all)
            .to_string()
            .replace("</", "<\\/");
        HTML.replace("{{WORDS}}", &json)
            .replace("{{TITLE}}", m::page::TITLE.get(Lang::Vi))
            .replace("{{FORMATS}}", &formats.join(","))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_carries_both_languages_and_nothing_from_outside() {
        let page = super::html(&["html".into(), "json".into()]);
        assert!(page.contains("\"vi\":{"));
        assert!(page.contains("\"en\":{"));
        assert!(!page.contains("{{"));
        assert!(page.contains("data-formats=\"html,json\""));
        for text in [page.as_str(), super::SCRIPT, super::STYLE] {
            assert!(!text.contains("https://"), "no address outside the page");
            assert!(!text.contains("http://"), "no address outside the page");
        }
    }
}
