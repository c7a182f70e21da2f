//! A QR code of a page's address, for the printed notice-board copy of an announcement
//! (issue 14 §3). The `qrcode` crate encodes; the SVG is written here as one path of horizontal
//! runs, which keeps it a few kilobytes (a rectangle per module would be tens of kilobytes).

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write as _;

/// The quiet zone the QR standard asks for around the symbol, in modules.
const QUIET: usize = 4;

/// An inline SVG of a QR code that reads as `text`, or `None` when `text` is too long for a QR
/// code (the printed page then still carries the address as text).
pub fn svg(text: &str) -> Option<String> {
    // M recovers from 15 % damage: a pinned notice gets creased and marked.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
            x += run;
        }
    }
    // The address is written under the code, so the picture itself is hidden from screen readers.
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size}\" height=\"{size}\" \
         shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_draws_every_dark_module_of_the_code_and_nothing_else() {
        let url = "https://arai-bbaksha.kz/anticorruption/kk/2026/announcement/?ә=ң«ё»";
        let svg = svg(url).unwrap();
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
        let w = code.width();
        let dark = code.to_colors().iter().filter(|c| **c == Color::Dark).count();
        // Each run is `M x yhNv1h-Nz`: the lengths add up to the dark modules.
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let drawn: usize = d
            .split('M')
            .skip(1)
            .map(|r| r.split('h').nth(1).unwrap().split('v').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(drawn, dark);
        assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", w + 2 * QUIET)));
        assert!(svg.len() < 8 * 1024, "{} bytes", svg.len());
    }

    #[test]
    fn an_address_too_long_for_a_qr_code_gives_none_not_a_panic() {
        assert!(svg(&"ә".repeat(5000)).is_none());
    }
}
