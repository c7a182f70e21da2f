//! The kinds of document an analysis publishes (DESIGN.md §3; official names in RULES.md).

/// What a document is (DESIGN.md §3; official names in RULES.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Announcement of the start of the analysis.
    Announcement,
    /// The order to carry out the analysis.
    Order,
    /// The work plan (schedule) of the analysis.
    WorkPlan,
    /// The analytical report on its results.
    Report,
    /// Announcement of the date of the public discussion.
    DiscussionAnnouncement,
    /// The protocol of the public discussion.
    Protocol,
    /// The plan of measures to remove the causes found.
    ActionPlan,
    /// Any other page.
    #[default]
    Page,
}

impl Kind {
    /// Every kind, in the order RULES.md lists the documents.
    pub const ALL: [Kind; 8] = [
        Kind::Order,
        Kind::WorkPlan,
        Kind::Announcement,
        Kind::Report,
        Kind::DiscussionAnnouncement,
        Kind::Protocol,
        Kind::ActionPlan,
        Kind::Page,
    ];

    /// Kinds the rules require on the site for every analysis.
    pub const REQUIRED: [Kind; 5] = [Kind::Announcement, Kind::Order, Kind::Protocol, Kind::Report, Kind::ActionPlan];

    /// The name used in frontmatter.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Announcement => "announcement",
            Kind::Order => "order",
            Kind::WorkPlan => "work-plan",
            Kind::Report => "report",
            Kind::DiscussionAnnouncement => "discussion-announcement",
            Kind::Protocol => "protocol",
            Kind::ActionPlan => "action-plan",
            Kind::Page => "page",
        }
    }

    /// Reads a frontmatter name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == s)
    }
}
