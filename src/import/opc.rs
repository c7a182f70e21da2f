//! The package's relationships (Open Packaging Conventions): which part is the document, and
//! which parts and addresses it refers to. Nothing is assumed by name: `_rels/.rels` names the
//! main part (Word writes `word/document.xml`, other writers other names), and the main part's
//! own `_rels` names its styles, numbering, notes, images and links. Transitional and Strict
//! Open XML differ here only in the relationship types' namespace, so a type is known by its
//! last segment under either.

use super::docx::walk_xml;
use crate::messages::Message;
use percent_encoding::percent_decode_str;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// Where relationship types live in Transitional and in Strict Open XML.
const TYPE_PREFIXES: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",
];

/// One relationship.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rel {
    /// Its id (`rId5`).
    pub id: String,
    /// Its type's last segment (`officeDocument`, `styles`, `image`, `hyperlink`), when the type
    /// is one of Open XML's own; `None` for anyone else's (Microsoft's extensions).
    pub kind: Option<String>,
    /// Its target as written.
    pub target: String,
    /// `TargetMode="External"`: an address outside the package.
    pub external: bool,
}

/// A part's relationships, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rels(pub Vec<Rel>);

impl Rels {
    /// The first relationship of a kind.
    pub fn of_kind(&self, kind: &str) -> Option<&Rel> {
        self.0.iter().find(|r| r.kind.as_deref() == Some(kind))
    }

    /// A relationship by id.
    pub fn by_id(&self, id: &str) -> Option<&Rel> {
        self.0.iter().find(|r| r.id == id)
    }

    /// External hyperlinks: id → address.
    pub fn hyperlinks(&self) -> BTreeMap<String, String> {
        self.0
            .iter()
            .filter(|r| r.external && r.kind.as_deref() == Some("hyperlink"))
            .map(|r| (r.id.clone(), r.target.clone()))
            .collect()
    }
}

/// Reads a `.rels` part.
pub fn read_rels(xml: &str) -> Result<Rels, Message> {
    let mut rels = Vec::new();
    walk_xml(xml, |event, _| {
        if let Event::Start(e) | Event::Empty(e) = event
            && e.local_name().as_ref() == "Relationship"
        {
            let attr = |key: &str| super::docx::attr(e, key);
            let kind =
                attr("Type").and_then(|t| TYPE_PREFIXES.iter().find_map(|p| t.strip_prefix(p)).map(str::to_owned));
            let external = attr("TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external"));
            if let (Some(id), Some(target)) = (attr("Id"), attr("Target")) {
                rels.push(Rel { id, kind, target, external });
            }
        }
    })?;
    Ok(Rels(rels))
}

/// The relationships part of `part`: `word/document.xml` → `word/_rels/document.xml.rels`;
/// the package's own (`""`) → `_rels/.rels`.
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The part a relationship of `source` (a part name, `""` for the package) points at: its
/// target resolved against the source's folder, percent-escapes decoded, `..` followed but
/// never above the package's root. `None` for an address outside the package.
pub fn resolve(source: &str, rel: &Rel) -> Option<String> {
    if rel.external {
        return None;
    }
    let target = percent_decode_str(rel.target.split(['#', '?']).next()?).decode_utf8().ok()?;
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        source.rsplit_once('/').map(|(dir, _)| dir.split('/').collect()).unwrap_or_default()
    };
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(target: &str) -> Rel {
        Rel { id: "rId1".into(), kind: None, target: target.into(), external: false }
    }

    #[test]
    fn targets_resolve_against_the_source_folder_and_stay_inside() {
        assert_eq!(resolve("", &rel("word/document.xml")).as_deref(), Some("word/document.xml"));
        assert_eq!(resolve("", &rel("/word/document2.xml")).as_deref(), Some("word/document2.xml"));
        assert_eq!(resolve("word/document.xml", &rel("media/image1.png")).as_deref(), Some("word/media/image1.png"));
        assert_eq!(resolve("word/document.xml", &rel("../media/a.png")).as_deref(), Some("media/a.png"));
        assert_eq!(resolve("word/document.xml", &rel("/word/media/a.png")).as_deref(), Some("word/media/a.png"));
        assert_eq!(
            resolve("word/document.xml", &rel("media/%D0%BC%D3%A9%D1%80.png")).as_deref(),
            Some("word/media/мөр.png")
        );
        assert_eq!(resolve("word/document.xml", &rel("../../etc/passwd")), None);
        let external = Rel { external: true, ..rel("https://arai.kz/") };
        assert_eq!(resolve("word/document.xml", &external), None);
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(rels_of("document.xml"), "_rels/document.xml.rels");
    }

    #[test]
    fn types_are_known_in_transitional_and_strict() {
        let xml = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://arai.kz/" TargetMode="External"/>
            <Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects" Target="x.xml"/>
        </Relationships>"#;
        let rels = read_rels(xml).unwrap_or_default();
        assert_eq!(rels.of_kind("officeDocument").map(|r| r.target.as_str()), Some("word/document.xml"));
        assert_eq!(rels.hyperlinks().get("rId2").map(String::as_str), Some("https://arai.kz/"));
        assert_eq!(rels.by_id("rId3").and_then(|r| r.kind.clone()), None);
    }
}
