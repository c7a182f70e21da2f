//! What a deploy will do, worked out before anything is changed: which files to send and in
//! which order, which to delete, which folders to make and remove. Pure: no I/O.

use super::manifest::{Entry, Manifest, is_ours, part_name};
use super::path::RemotePath;
use super::remote::Listing;
use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::ops::Range;

/// One file to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// Path in the site.
    pub path: RemotePath,
    /// Size in bytes.
    pub size: u64,
    /// Not on the server yet (else: changed).
    pub new: bool,
}

/// The plan of one deploy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to send, in sending order: assets and attachments, then pages from the deepest up,
    /// then the root's `index.html`, `sitemap.xml` and `robots.txt`. A page thus arrives after
    /// what it shows and links to.
    pub uploads: Vec<Upload>,
    /// Files on the server that the site no longer has, deleted after every upload.
    pub deletes: Vec<RemotePath>,
    /// Partial uploads left by a run that stopped midway: removed first, not counted as deletes.
    pub leftovers: Vec<RemotePath>,
    /// Folders to create, parents first.
    pub mkdirs: Vec<RemotePath>,
    /// Folders left empty by the deletes, deepest first.
    pub rmdirs: Vec<RemotePath>,
    /// Files already on the server as they are.
    pub unchanged: usize,
}

/// What is known of the server's folder: its manifest, or a listing made into one (sizes known,
/// contents not), and the folders that exist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoteState {
    /// The files believed to be on the server.
    pub manifest: Manifest,
    /// The folders known to exist.
    pub dirs: BTreeSet<RemotePath>,
    /// Whether this came from the server's manifest (else from a listing).
    pub from_manifest: bool,
    /// The symbolic links a listing found (a manifest knows none).
    pub links: BTreeSet<RemotePath>,
}

impl RemoteState {
    /// The state described by a manifest the server had.
    pub fn from_manifest(manifest: Manifest) -> RemoteState {
        let dirs = manifest.files.keys().flat_map(RemotePath::parents).collect();
        RemoteState { manifest, dirs, from_manifest: true, links: BTreeSet::new() }
    }

    /// The state found by listing the folder: every file is there with unknown content; ashyq's
    /// own partial uploads are leftovers to remove.
    pub fn from_listing(listing: Listing) -> RemoteState {
        let mut manifest = Manifest::new();
        for (path, size) in listing.files {
            if is_ours(path.as_str()) {
                if path.as_str() != super::manifest::FILE {
                    manifest.pending.push(path);
                }
            } else {
                manifest.files.insert(path, Entry { size, sha256: None });
            }
        }
        RemoteState { manifest, dirs: listing.dirs, from_manifest: false, links: listing.links }
    }
}

impl Plan {
    /// Compares the built site with the server.
    pub fn new(local: &Manifest, remote: &RemoteState) -> Plan {
        let theirs = &remote.manifest.files;
        let mut plan = Plan::default();
        for (path, entry) in &local.files {
            match theirs.get(path) {
                Some(e) if e.sha256.is_some() && e == entry => plan.unchanged += 1,
                other => plan.uploads.push(Upload { path: path.clone(), size: entry.size, new: other.is_none() }),
            }
        }
        plan.uploads.sort_by_cached_key(|u| order_key(&u.path));
        plan.deletes = theirs.keys().filter(|p| !local.files.contains_key(*p)).cloned().collect();
        plan.leftovers = leftovers(&remote.manifest.pending);
        let needed: BTreeSet<RemotePath> = plan.uploads.iter().flat_map(|u| u.path.parents()).collect();
        // Parents come before children in this order, as BTreeSet sorts "a" before "a/b".
        plan.mkdirs = needed.iter().filter(|d| !remote.dirs.contains(*d)).cloned().collect();
        let kept: BTreeSet<RemotePath> = local.files.keys().flat_map(RemotePath::parents).collect();
        // Parents of checked paths: never the site's folder, never above it.
        let emptied: BTreeSet<RemotePath> =
            plan.deletes.iter().flat_map(RemotePath::parents).filter(|d| !kept.contains(d)).collect();
        plan.rmdirs = emptied.into_iter().rev().collect();
        plan
    }

    /// The first of the server's links that a file to send would land on or behind (the site
    /// puts a file or a folder where the server has a link): a link may lead outside the site's
    /// folder, so the deploy stops before changing anything.
    pub fn link_in_the_way<'r>(&self, remote: &'r RemoteState) -> Option<&'r RemotePath> {
        let mut landing = self.uploads.iter().flat_map(|u| std::iter::once(u.path.clone()).chain(u.path.parents()));
        landing.find_map(|p| remote.links.get(&p))
    }

    /// Whether the server already has the site exactly.
    pub fn is_empty(&self) -> bool {
        self.uploads.is_empty() && self.deletes.is_empty() && self.leftovers.is_empty()
    }

    /// Bytes to send.
    pub fn bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.size).sum()
    }

    /// The uploads in stages, as ranges of [`Plan::uploads`]: the assets and attachments; the
    /// pages of each depth, deepest first; the root's index, sitemap and robots.txt. Files of one
    /// stage may land in any order (they are sent side by side); a stage lands only after every
    /// file of the stages before it, so a page still arrives after what it shows and links to.
    pub fn stages(&self) -> Vec<Range<usize>> {
        let mut stages: Vec<Range<usize>> = Vec::new();
        let mut last = None;
        for (i, upload) in self.uploads.iter().enumerate() {
            let stage = stage(&upload.path);
            match stages.last_mut() {
                Some(range) if last == Some(stage) => range.end = i + 1,
                _ => stages.push(i..i + 1),
            }
            last = Some(stage);
        }
        stages
    }
}

/// Partial-upload names to remove: `pending` holds site paths (from a manifest) or partial
/// names already (from a listing).
fn leftovers(pending: &[RemotePath]) -> Vec<RemotePath> {
    let set: BTreeSet<RemotePath> =
        pending.iter().map(|p| if is_ours(p.as_str()) { p.clone() } else { part_name(p) }).collect();
    set.into_iter().collect()
}

/// Sending order: the stage, then the path.
fn order_key(path: &RemotePath) -> ((u8, Reverse<usize>), String) {
    (stage(path), path.as_str().to_owned())
}

/// A file's stage: 0 assets, 1 pages (deepest first), 2 the root's index and indexes of the site.
fn stage(path: &RemotePath) -> (u8, Reverse<usize>) {
    let path = path.as_str();
    let depth = path.matches('/').count();
    let class = match path {
        "index.html" | "sitemap.xml" | "robots.txt" => 2,
        p if p.ends_with(".html") || p.ends_with(".htm") => 1,
        _ => 0,
    };
    (class, Reverse(if class == 1 { depth } else { 0 }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> RemotePath {
        RemotePath::new(s).unwrap()
    }

    fn manifest(files: &[(&str, &str)]) -> Manifest {
        let mut m = Manifest::new();
        for (p, content) in files {
            let sha = super::super::manifest::hash_bytes(content.as_bytes());
            m.files.insert(RemotePath::new(p).unwrap(), Entry { size: content.len() as u64, sha256: Some(sha) });
        }
        m
    }

    #[test]
    fn a_first_deploy_sends_assets_then_pages_then_the_root() {
        let local = manifest(&[
            ("index.html", "r"),
            ("kk/index.html", "k"),
            ("kk/anticorruption/2026/order/index.html", "o"),
            ("files/anticorruption/2026/order.pdf", "pdf"),
            ("static/style.css", "css"),
            ("sitemap.xml", "s"),
            ("404.html", "404"),
        ]);
        let plan = Plan::new(&local, &RemoteState::default());
        let order: Vec<&str> = plan.uploads.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(
            order,
            [
                "files/anticorruption/2026/order.pdf",
                "static/style.css",
                "kk/anticorruption/2026/order/index.html",
                "kk/index.html",
                "404.html",
                "index.html",
                "sitemap.xml",
            ]
        );
        assert!(plan.uploads.iter().all(|u| u.new));
        // Assets together; pages by depth; the root's files last.
        assert_eq!(plan.stages(), [0..2, 2..3, 3..4, 4..5, 5..7]);
        assert_eq!(plan.mkdirs[..3], [p("files"), p("files/anticorruption"), p("files/anticorruption/2026")]);
        assert!(plan.deletes.is_empty() && plan.rmdirs.is_empty());
    }

    #[test]
    fn only_changes_are_sent_and_gone_files_deleted() {
        let old =
            manifest(&[("a.css", "1"), ("kk/x/index.html", "x"), ("kk/y/index.html", "y"), ("kk/index.html", "k")]);
        let new = manifest(&[("a.css", "1"), ("kk/x/index.html", "x2"), ("kk/index.html", "k")]);
        let plan = Plan::new(&new, &RemoteState::from_manifest(old));
        assert_eq!(plan.uploads, [Upload { path: p("kk/x/index.html"), size: 2, new: false }]);
        assert_eq!(plan.deletes, [p("kk/y/index.html")]);
        assert_eq!(plan.rmdirs, [p("kk/y")]);
        assert!(plan.mkdirs.is_empty());
        assert_eq!(plan.unchanged, 2);
        let same = Plan::new(&new, &RemoteState::from_manifest(new.clone()));
        assert!(same.is_empty());
        assert_eq!(same.unchanged, 3);
    }

    #[test]
    fn a_listing_sends_everything_and_removes_leftovers() {
        let mut listing = Listing::default();
        listing.files.insert(p("a.css"), 1);
        listing.files.insert(p("old.html"), 3);
        listing.files.insert(p("kk/.index.html.ashyq-part"), 0);
        listing.files.insert(p(".ashyq-manifest.json"), 0);
        listing.dirs.insert(p("kk"));
        let plan = Plan::new(&manifest(&[("a.css", "1"), ("kk/index.html", "k")]), &RemoteState::from_listing(listing));
        assert_eq!(plan.uploads.len(), 2, "contents unknown: sent again");
        assert!(!plan.uploads[0].new);
        assert_eq!(plan.deletes, [p("old.html")]);
        assert_eq!(plan.leftovers, [p("kk/.index.html.ashyq-part")]);
        assert!(plan.mkdirs.is_empty());
    }

    #[test]
    fn a_link_on_the_server_is_never_deleted_or_written_through() {
        let mut listing = Listing::default();
        listing.dirs.insert(p("kk"));
        listing.add_link(None, "ескі «архив»");
        listing.add_link(Some(&p("kk")), "бет.html");
        let local = manifest(&[("kk/index.html", "k"), ("files/бұйрық.pdf", "pdf")]);
        let remote = RemoteState::from_listing(listing.clone());
        let plan = Plan::new(&local, &remote);
        assert!(plan.deletes.is_empty() && plan.rmdirs.is_empty(), "{plan:?}");
        assert_eq!(plan.link_in_the_way(&remote), None);
        // The site puts a file where the server has a link, or inside one.
        for (site, link) in [("kk/бет.html", "kk/бет.html"), ("ескі «архив»/index.html", "ескі «архив»")]
        {
            let local = manifest(&[("kk/index.html", "k"), (site, "x")]);
            assert_eq!(Plan::new(&local, &remote).link_in_the_way(&remote), Some(&p(link)), "{site}");
        }
        // A manifest knows no links.
        assert!(RemoteState::from_manifest(local).links.is_empty());
    }

    #[test]
    fn pending_uploads_of_a_stopped_run_are_leftovers() {
        let mut old = manifest(&[("a.css", "1")]);
        old.pending = vec![p("kk/index.html")];
        let plan = Plan::new(&manifest(&[("a.css", "1")]), &RemoteState::from_manifest(old));
        assert_eq!(plan.leftovers, [p("kk/.index.html.ashyq-part")]);
        assert!(!plan.is_empty());
    }

    #[test]
    fn parents_of_a_path() {
        assert_eq!(p("a/b/c.html").parents(), [p("a"), p("a/b")]);
        assert!(p("c.html").parents().is_empty());
        assert_eq!(p("қалта/ә/бет.html").parent(), Some(p("қалта/ә")));
        assert_eq!(p("бет.html").parent(), None);
    }

    #[test]
    fn no_uploads_no_stages() {
        assert!(Plan::default().stages().is_empty());
    }
}
