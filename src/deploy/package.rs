//! `ashyq package`: the built site as one zip, for a hosting control panel's file manager
//! ("Upload", then "Extract" in the site's folder). The same site always gives the same bytes:
//! entries in path order, a fixed date, fixed permissions.

use super::manifest::Manifest;
use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::Message;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// What [`package`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packaged {
    /// Files in the zip.
    pub files: usize,
    /// Size of the zip.
    pub bytes: u64,
}

fn io(path: &Path, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::general(Message::Io { detail: format!("{}: {e}", display_path(path)) })
}

/// Zips the built site in `dir` (without the output marker) into `zip_path`, written whole or
/// not at all.
pub fn package(dir: &Path, zip_path: &Path) -> Result<Packaged, Diagnostic> {
    let manifest = Manifest::scan(dir)?;
    let partial = zip_path.with_extension("zip.ashyq-part");
    let file = fs::File::create(&partial).map_err(|e| io(&partial, &e))?;
    let result = write_zip(file, dir, &manifest).map_err(|e| io(zip_path, &e));
    if let Err(e) = result {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    fs::rename(&partial, zip_path).map_err(|e| io(zip_path, &e))?;
    let bytes = fs::metadata(zip_path).map_err(|e| io(zip_path, &e))?.len();
    Ok(Packaged { files: manifest.files.len(), bytes })
}

fn write_zip(file: fs::File, dir: &Path, manifest: &Manifest) -> zip::result::ZipResult<()> {
    // 1980-01-01, the first date a zip can hold: no build time leaks into the bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let dir_options = options.unix_permissions(0o755);
    let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
    let folders: BTreeSet<super::path::RemotePath> =
        manifest.files.keys().flat_map(super::path::RemotePath::parents).collect();
    // Folders first, each before what it holds, for file managers that do not make them.
    for folder in &folders {
        zip.add_directory(format!("{folder}/"), dir_options)?;
    }
    for path in manifest.files.keys() {
        zip.start_file(path.as_str(), options)?;
        zip.write_all(&fs::read(dir.join(path.as_str()))?)?;
    }
    zip.finish()?.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_same_site_gives_the_same_zip() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("public");
        fs::create_dir_all(site.join("kk/a")).unwrap();
        fs::write(site.join("kk/a/index.html"), "<p>сәлем</p>").unwrap();
        fs::write(site.join("index.html"), "root").unwrap();
        fs::write(site.join(crate::output::MARKER), "x").unwrap();
        let one = tmp.path().join("one.zip");
        let p = package(&site, &one).unwrap();
        assert_eq!(p.files, 2);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let two = tmp.path().join("two.zip");
        package(&site, &two).unwrap();
        assert_eq!(fs::read(&one).unwrap(), fs::read(&two).unwrap());

        let mut archive = zip::ZipArchive::new(fs::File::open(&one).unwrap()).unwrap();
        let names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
        assert_eq!(names, ["kk/", "kk/a/", "index.html", "kk/a/index.html"]);
        let mut text = String::new();
        archive.by_name("kk/a/index.html").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "<p>сәлем</p>");
    }
}
