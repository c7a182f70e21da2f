//! The picture a shared link shows, when the site has none of its own (`share_image:`): the
//! theme's card with the site's name written on it, one per language (issue 24 §3: the default
//! card shows and describes the organisation, never the generator). The name is drawn with
//! DejaVu Sans Bold (every Kazakh letter; its licence, `fonts/LICENSE-DejaVu.txt`, allows
//! embedding), white, centred in the band under the emblem, as large as fits.
//!
//! The same input gives the same bytes: no clock, fixed PNG settings.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

static FONT: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Where the name goes on the theme's 1200×630 card: the band between the emblem's document and
/// the gold rule, scaled for a card of another size.
const BAND: (f32, f32) = (512.0 / 630.0, 598.0 / 630.0);
/// The largest and smallest letters, as a share of the card's height.
const SIZES: (f32, f32) = (56.0 / 630.0, 26.0 / 630.0);

/// The card `background` (a PNG) with `name` written on it, as a PNG; `None` when the
/// background is not a PNG this can read (the theme's card is then published as it is).
pub fn with_name(background: &[u8], name: &str) -> Option<Vec<u8>> {
    let (mut pixels, width, height) = decode(background)?;
    let font = FontRef::try_from_slice(FONT).ok()?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let (w, h) = (width as f32, height as f32);
    let margin = w * 0.05;
    // The largest size at which the name fits the width; a name too long even at the smallest
    // is cut at a word, with «…».
    let mut size = SIZES.0 * h;
    let mut text = name.clone();
    while line_width(&font, size, &text) > w - 2.0 * margin {
        if size > SIZES.1 * h {
            size -= 1.0;
        } else {
            match text.trim_end_matches('…').rsplit_once(' ') {
                Some((head, _)) => text = format!("{head}…"),
                None => break,
            }
        }
    }
    let scaled = font.as_scaled(PxScale::from(size));
    let baseline = (BAND.0 + BAND.1) / 2.0 * h + (scaled.ascent() + scaled.descent()) / 2.0;
    let mut x = (w - line_width(&font, size, &text)) / 2.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            x += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(PxScale::from(size), point(x, baseline));
        x += scaled.h_advance(id);
        previous = Some(id);
        let Some(outline) = font.outline_glyph(glyph) else { continue };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let (px, py) = (bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
            if px < 0 || py < 0 || px >= i64::from(width) || py >= i64::from(height) {
                return;
            }
            let i = (py as usize * width as usize + px as usize) * 3;
            for channel in &mut pixels[i..i + 3] {
                // White over the card, as much as the letter covers the pixel.
                *channel = (f32::from(*channel) + (255.0 - f32::from(*channel)) * coverage.min(1.0)).round() as u8;
            }
        });
    }
    encode(&pixels, width, height)
}

/// The width of `text` in `font` at `size` pixels.
fn line_width(font: &FontRef<'_>, size: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// A PNG's pixels as RGB, with its width and height.
fn decode(png_bytes: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let (width, height) = (info.width, info.height);
    let rgb: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => buf[..info.buffer_size()].to_vec(),
        png::ColorType::Rgba => buf[..info.buffer_size()].chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Grayscale => buf[..info.buffer_size()].iter().flat_map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => {
            buf[..info.buffer_size()].chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect()
        }
        png::ColorType::Indexed => return None,
    };
    Some((rgb, width, height))
}

/// RGB pixels as a PNG, with fixed settings (the same pixels give the same bytes), compressed
/// fast: a card is made on every build.
fn encode(pixels: &[u8], width: u32, height: u32) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(pixels).ok()?;
        writer.finish().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    static CARD: &[u8] = include_bytes!("../../themes/default/static/share-card.png");

    #[test]
    fn the_name_is_written_in_the_band_and_the_same_name_gives_the_same_bytes() {
        let card = with_name(CARD, "«Арай» балалар бақшасы").expect("a card");
        assert_eq!(with_name(CARD, "«Арай» балалар бақшасы"), Some(card.clone()));
        let (before, w, h) = decode(CARD).expect("the theme's card");
        let (after, w2, h2) = decode(&card).expect("the new card");
        assert_eq!((w, h), (w2, h2));
        let changed: Vec<usize> =
            (0..before.len() / 3).filter(|&p| before[p * 3..p * 3 + 3] != after[p * 3..p * 3 + 3]).collect();
        assert!(changed.len() > 2000, "letters drawn: {}", changed.len());
        let band = (BAND.0 * h as f32) as usize..=(BAND.1 * h as f32) as usize;
        assert!(changed.iter().all(|p| band.contains(&(p / w as usize))), "only in the band");
        assert_ne!(with_name(CARD, "Детский сад «Арай»"), Some(card));
    }

    #[test]
    fn a_name_too_long_is_cut_at_a_word_and_a_bad_background_gives_none() {
        let long = "Жамбыл облысы әкімдігінің білім басқармасы ".repeat(6);
        assert!(with_name(CARD, &long).is_some());
        assert_eq!(with_name(b"not a png", "ә"), None);
    }
}
