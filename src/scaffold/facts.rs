//! What the organisation already wrote, for a new analysis: where its analyses live, who was in
//! the previous working group and who signs, and its name in the case a sentence needs.

use super::analysis_year;
use crate::content::{self, Role, SiteConfig};
use serde::Serialize;
use std::fs;
use std::path::{Path, PathBuf};

/// A person as the previous analysis names them, in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The name as written.
    pub name: String,
    /// The post, empty when not written.
    pub post: String,
    /// `lead`, `member` or `secretary`.
    pub role: String,
}

/// The working group and the head from the previous analysis.
#[derive(Clone, Debug, Default)]
pub struct People {
    /// The working group, lead first as written.
    pub group: Vec<Person>,
    /// The head who signs the order.
    pub head: Option<Person>,
}

impl People {
    /// The working group's lead, who is responsible for the analysis.
    pub fn lead(&self) -> Option<&Person> {
        self.group.iter().find(|p| p.role == "lead")
    }
}

/// The working group and the head as `site.yaml` names them, in `lang`. A name still to fill in
/// is marked again in the file's own language: site.yaml writes one name for both languages,
/// and a Russian file must not ask in Kazakh.
pub fn from_config(config: &SiteConfig, lang: &str) -> People {
    let post = |m: &content::StaffMember| config.localized(&m.post, lang).to_owned();
    let member = |m: &content::StaffMember, head: bool| {
        let role = role_name(m.role);
        let name = if content::placeholders::is_unfilled(&m.name) {
            name_marker(role, head, lang).to_owned()
        } else {
            m.name.clone()
        };
        Person { name, post: post(m), role: role.to_owned() }
    };
    People {
        group: config.working_group.iter().map(|m| member(m, false)).collect(),
        head: config.head.as_ref().map(|m| member(m, true)),
    }
}

/// The place to fill in for a person's name, in `lang`.
fn name_marker(role: &str, head: bool, lang: &str) -> &'static str {
    match (lang, head, role) {
        ("ru", true, _) => "[[ЗАПОЛНИТЕ: ФИО руководителя]]",
        ("ru", _, "lead") => "[[ЗАПОЛНИТЕ: ФИО руководителя рабочей группы]]",
        ("ru", _, _) => "[[ЗАПОЛНИТЕ: ФИО члена рабочей группы]]",
        (_, true, _) => "[[ТОЛТЫРЫҢЫЗ: басшының аты-жөні]]",
        (_, _, "lead") => "[[ТОЛТЫРЫҢЫЗ: жұмыс тобы жетекшісінің аты-жөні]]",
        _ => "[[ТОЛТЫРЫҢЫЗ: жұмыс тобы мүшесінің аты-жөні]]",
    }
}

impl People {
    /// These facts, each missing one taken from `other`.
    pub fn or(self, other: People) -> People {
        People { group: if self.group.is_empty() { other.group } else { self.group }, head: self.head.or(other.head) }
    }
}

/// The folder new analyses go in, and the newest existing analysis (as a path inside
/// `content/`) other than `name`. Analyses are folders named by year directly under
/// `content/` (DESIGN.md §1) or, on a site that groups them, one level deeper.
pub fn place(content_dir: &Path, name: &str) -> (PathBuf, Option<String>) {
    let mut found: Vec<(i32, String, String)> = Vec::new();
    let mut look = |dir: &Path, prefix: &str| {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if let (true, Some(year)) = (is_dir, analysis_year(&file_name))
                && file_name != name
                && has_index(&entry.path())
            {
                found.push((year, format!("{prefix}{file_name}"), prefix.to_owned()));
            }
        }
    };
    look(content_dir, "");
    for entry in fs::read_dir(content_dir).into_iter().flatten().flatten() {
        let dir_name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|t| t.is_dir())
            && analysis_year(&dir_name).is_none()
            && !dir_name.starts_with('.')
        {
            look(&entry.path(), &format!("{dir_name}/"));
        }
    }
    // Newest by year, then by the number of a second analysis (`2026-2` after `2026`).
    found.sort_by_key(|(year, rel, _)| (*year, rel.rsplit_once('-').map_or(0, |(_, n)| n.parse().unwrap_or(0))));
    match found.pop() {
        Some((_, rel, prefix)) => (content_dir.join(prefix.trim_end_matches('/')), Some(rel)),
        None => (content_dir.to_path_buf(), None),
    }
}

fn has_index(dir: &Path) -> bool {
    fs::read_dir(dir).into_iter().flatten().flatten().any(|e| e.file_name().to_string_lossy().starts_with("_index."))
}

/// The working group and the head of the analysis at `previous` (inside `content/`), in
/// `lang`: from its order, else its report. Nothing when neither names them.
pub fn people(root: &Path, content_dir: &Path, previous: &str, lang: &str, config: &SiteConfig) -> People {
    let mut people = People::default();
    for kind in ["order", "report", "protocol"] {
        let Ok(rel) = content::ContentPath::parse(&format!("{previous}/{kind}.{lang}.md")) else { continue };
        if !content_dir.join(&rel).is_file() {
            continue;
        }
        let Ok(doc) = content::read_document(root, &rel, config) else { continue };
        if people.group.is_empty() {
            people.group = doc.front.working_group.iter().map(person).collect();
        }
        if people.head.is_none() && kind == "order" {
            people.head = doc.front.signatories.first().map(person);
        }
    }
    people
}

fn person(p: &content::Person) -> Person {
    Person { name: p.name.clone(), post: p.post.clone().unwrap_or_default(), role: role_name(p.role).to_owned() }
}

fn role_name(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Lead) => "lead",
        Some(Role::Secretary) => "secretary",
        _ => "member",
    }
}

/// Russian legal forms in the nominative and the prepositional case («в …»), written with е as
/// Kazakhstan's official Russian writes it (a name written with ё is matched all the same).
const RU_FORMS: &[(&str, &str)] = &[
    ("государственное коммунальное казенное предприятие", "государственном коммунальном казенном предприятии"),
    ("коммунальное государственное казенное предприятие", "коммунальном государственном казенном предприятии"),
    ("коммунальное государственное предприятие", "коммунальном государственном предприятии"),
    ("республиканское государственное предприятие", "республиканском государственном предприятии"),
    ("коммунальное государственное учреждение", "коммунальном государственном учреждении"),
    ("республиканское государственное учреждение", "республиканском государственном учреждении"),
    ("государственное учреждение", "государственном учреждении"),
    ("товарищество с ограниченной ответственностью", "товариществе с ограниченной ответственностью"),
    ("акционерное общество", "акционерном обществе"),
];

/// Kazakh legal forms (the name's last word) and their locative («…-да/-де»).
const KK_FORMS: &[(&str, &str)] = &[
    ("кәсіпорны", "кәсіпорнында"),
    ("кәсіпорыны", "кәсіпорнында"),
    ("кәсіпорын", "кәсіпорнында"),
    ("мекемесі", "мекемесінде"),
    ("серіктестігі", "серіктестігінде"),
    ("қоғамы", "қоғамында"),
    ("ұйымы", "ұйымында"),
];

/// The organisation's name as «in the organisation»: «в государственном коммунальном казенном
/// предприятии «…»», «… кәсіпорнында». A name without a known legal form is put in quotes after
/// the word «organisation», which is always grammatical.
pub fn locative(name: &str, lang: &str) -> String {
    let name = name.trim();
    // A name still to fill in cannot be declined, nor put in quotes that will break once it is
    // written (««Детский сад «Арай»»»): the whole phrase is the place to fill in.
    if content::placeholders::is_unfilled(name) {
        return match lang {
            "ru" => "[[ЗАПОЛНИТЕ: «в …» — полное название организации в предложном падеже]]".to_owned(),
            "kk" => "[[ТОЛТЫРЫҢЫЗ: ұйымның толық атауы жатыс септігінде («…-да/-де»)]]".to_owned(),
            _ => name.to_owned(),
        };
    }
    match lang {
        "ru" => {
            // ё is folded to е one letter for one, so byte lengths stay equal («ё» and «е» are
            // both two bytes in UTF-8) and the cut below falls where the form ends.
            let lower = name.to_lowercase().replace('ё', "е");
            RU_FORMS
                .iter()
                .find(|(form, _)| lower.starts_with(form))
                .and_then(|(form, loc)| Some(format!("в {loc}{}", name.get(form.len()..)?)))
                .unwrap_or_else(|| format!("в организации «{name}»"))
        }
        "kk" => {
            let trimmed = name.trim_end_matches(['.', ' ']);
            KK_FORMS
                .iter()
                .find(|(form, _)| trimmed.to_lowercase().ends_with(form))
                .and_then(|(form, loc)| {
                    Some(format!("{}{loc}", trimmed.get(..trimmed.len().checked_sub(form.len())?)?))
                })
                .unwrap_or_else(|| format!("«{name}» ұйымында"))
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_takes_the_case_the_sentence_needs() {
        let ru = "Государственное коммунальное казенное предприятие «Детский сад «Арай» отдела образования»";
        assert_eq!(
            locative(ru, "ru"),
            "в государственном коммунальном казенном предприятии «Детский сад «Арай» отдела образования»"
        );
        let kk = "Қордай ауданының білім бөлімінің «Арай» балалар бақшасы» мемлекеттік коммуналдық қазыналық кәсіпорны";
        assert!(
            locative(kk, "kk").ends_with("мемлекеттік коммуналдық қазыналық кәсіпорнында"),
            "{}",
            locative(kk, "kk")
        );
        assert_eq!(locative("Мектеп", "ru"), "в организации «Мектеп»");
        assert_eq!(locative("Мектеп", "kk"), "«Мектеп» ұйымында");
        assert_eq!(locative("«ә»\u{7}", "kk"), "««ә»\u{7}» ұйымында");
        // A name still to fill in: the phrase is marked whole, in the file's language.
        let ru = locative("[[ЗАПОЛНИТЕ: полное официальное название организации]]", "ru");
        assert!(ru.starts_with("[[ЗАПОЛНИТЕ: «в …»") && !ru.contains("организации «["), "{ru}");
        let kk = locative("[[ТОЛТЫРЫҢЫЗ: ұйымның толық ресми атауы]]", "kk");
        assert!(kk.starts_with("[[ТОЛТЫРЫҢЫЗ:") && !kk.contains("» ұйымында"), "{kk}");
        // ё is read as е: «казённое» is the same legal form.
        assert!(
            locative("Государственное коммунальное казённое предприятие «Ә»", "ru")
                .starts_with("в государственном коммунальном казенном предприятии «Ә»")
        );
    }

    #[test]
    fn the_newest_analysis_is_found_in_either_layout() {
        let tmp = tempfile::tempdir().expect("tmp");
        let c = tmp.path();
        assert_eq!(place(c, "2027"), (c.to_path_buf(), None));
        for dir in ["anticorruption/2025", "anticorruption/2026", "anticorruption/2026-2", "files"] {
            fs::create_dir_all(c.join(dir)).expect("dir");
            fs::write(c.join(dir).join("_index.kk.md"), "x").expect("file");
        }
        assert_eq!(place(c, "2027"), (c.join("anticorruption"), Some("anticorruption/2026-2".into())));
        fs::create_dir_all(c.join("2027")).expect("dir");
        fs::write(c.join("2027/_index.ru.md"), "x").expect("file");
        assert_eq!(place(c, "2028"), (c.to_path_buf(), Some("2027".into())));
    }
}
