//! The files for search engines and hosts: `sitemap.xml`, `robots.txt` and Apache's `.htaccess`.

use super::xml_escape;
use crate::site::{Page, Site};
use std::fmt::Write as _;

/// `sitemap.xml`: every page with its language alternates. Written straight into one string
/// sized for the site: per-page strings joined at the end held the sitemap twice, at the
/// build's last and highest point of memory.
pub fn sitemap(site: &Site) -> String {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    let mut pages: Vec<&Page> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let per_page = 100 + site.config.base_url.len() + site.config.languages.len() * 120;
    let mut s = String::with_capacity(HEAD.len() + 16 + pages.len() * per_page);
    s.push_str(HEAD);
    for p in pages {
        sitemap_entry(&mut s, site, p);
    }
    s.push_str("</urlset>\n");
    s
}

fn sitemap_entry(s: &mut String, site: &Site, p: &Page) {
    let _ = writeln!(s, "  <url>\n    <loc>{}</loc>", xml_escape(&site.absolute_url(&p.url)));
    if let Some(d) = p.doc.front.date {
        let _ = writeln!(s, "    <lastmod>{d}</lastmod>");
    }
    if !p.translations.is_empty() {
        for x in site.group(p) {
            let href = xml_escape(&site.absolute_url(&x.url));
            let _ = writeln!(s, "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\"/>", x.lang());
        }
    }
    s.push_str("  </url>\n");
}

/// `.htaccess` for Apache hosting (`htaccess: true`), for the site served at `base_path`:
/// the 404 page at any depth, UTF-8 for text, no folder listings. Every directive that needs a
/// module is guarded, so a host without it serves the site rather than an error 500.
pub fn htaccess(base_path: &str) -> String {
    format!(
        "# Written by the site's build from site.yaml (htaccess: true). Do not edit: it is rewritten.\n\
         ErrorDocument 404 {base_path}404.html\n\
         AddDefaultCharset UTF-8\n\
         <IfModule mod_mime.c>\n  AddCharset UTF-8 .html .css .js .xml .txt\n</IfModule>\n\
         Options -Indexes\n"
    )
}

/// `static/.htaccess`: the theme's files change only with ashyq, so browsers keep them for a
/// day (and ask again after, as their names do not change).
pub fn static_htaccess() -> String {
    "# Written by the site's build. Do not edit: it is rewritten.\n\
     <IfModule mod_headers.c>\n  Header set Cache-Control \"public, max-age=86400\"\n</IfModule>\n\
     <IfModule mod_expires.c>\n  ExpiresActive On\n  ExpiresDefault \"access plus 1 day\"\n</IfModule>\n"
        .to_owned()
}

/// `robots.txt`, pointing at the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn htaccess_points_at_the_404_page_under_the_base_path() {
        let h = htaccess("/anticorruption/");
        assert!(h.contains("ErrorDocument 404 /anticorruption/404.html\n"));
        assert!(h.contains("AddDefaultCharset UTF-8\n") && h.contains("Options -Indexes\n"));
        assert!(htaccess("/").contains("ErrorDocument 404 /404.html\n"));
        assert!(static_htaccess().contains("<IfModule mod_headers.c>"));
    }
}
