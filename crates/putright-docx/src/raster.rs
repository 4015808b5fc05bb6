//! Paints a chart's [`Drawing`] into a PNG for Word, which cannot show the SVG the HTML page
//! and the PDF use. A drawing is only filled rectangles and lines of text, so a small painter
//! does: rectangles are filled pixel by pixel, and each glyph's outline (from the bundled
//! DejaVu Sans) is filled with anti-aliasing by accumulating the area its edges cover, the
//! method of font-rs.

use putright_document::chart::{Anchor, Colour, Drawing, INK};
use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// DejaVu Sans, cut down to the characters a chart can need (see `fonts/README.md`).
const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-subset.ttf");

/// How many pixels of the PNG to a pixel of the drawing, so the picture stays sharp when
/// Word scales it to the page or it is printed.
pub(crate) const SCALE: u32 = 3;

/// Why a chart could not be painted.
#[derive(Debug)]
pub(crate) struct PaintError(pub String);

/// The drawing as the bytes of a PNG file, `SCALE` times its size.
pub(crate) fn png(drawing: &Drawing) -> Result<(Vec<u8>, u32, u32), PaintError> {
    let face = Face::parse(FONT, 0).map_err(|e| PaintError(format!("the chart font: {e}")))?;
    let mut canvas = Canvas::new(drawing.width * SCALE, drawing.height * SCALE);
    for rect in &drawing.rects {
        canvas.fill_rect(
            rect.x * SCALE,
            rect.y * SCALE,
            rect.width * SCALE,
            rect.height * SCALE,
            rect.fill,
        );
    }
    for label in &drawing.labels {
        let size = (label.size * SCALE) as f32;
        let width = text_width(&face, &label.text, size);
        let x = (label.x * SCALE) as f32;
        let start = match label.anchor {
            Anchor::Start => x,
            Anchor::End => x - width,
        };
        canvas.text(
            &face,
            &label.text,
            start,
            (label.y * SCALE) as f32,
            size,
            INK,
        );
    }
    let (width, height) = (canvas.width, canvas.height);
    Ok((canvas.encode()?, width, height))
}

/// The advance width of `text` at `size` pixels to the em.
fn text_width(face: &Face, text: &str, size: f32) -> f32 {
    let scale = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| f32::from(face.glyph_hor_advance(glyph(face, c)).unwrap_or(0)) * scale)
        .sum()
}

/// The glyph for a character, or the font's question mark where the subset lacks it.
fn glyph(face: &Face, c: char) -> GlyphId {
    face.glyph_index(c)
        .or_else(|| face.glyph_index('?'))
        .unwrap_or(GlyphId(0))
}

struct Canvas {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            rgb: vec![255; (width * height * 3) as usize],
        }
    }

    fn fill_rect(&mut self, x: u32, y: u32, width: u32, height: u32, colour: Colour) {
        for row in y..(y + height).min(self.height) {
            for col in x..(x + width).min(self.width) {
                self.blend(col, row, colour, 1.0);
            }
        }
    }

    /// Mixes `colour` into a pixel with the given coverage (0 to 1).
    fn blend(&mut self, x: u32, y: u32, colour: Colour, coverage: f32) {
        if x >= self.width || y >= self.height || coverage <= 0.0 {
            return;
        }
        let at = ((y * self.width + x) * 3) as usize;
        let a = coverage.min(1.0);
        for (i, c) in [colour.0, colour.1, colour.2].into_iter().enumerate() {
            let old = f32::from(self.rgb[at + i]);
            self.rgb[at + i] = (old + (f32::from(c) - old) * a).round() as u8;
        }
    }

    /// Paints a line of text from `x` on the baseline `y`.
    fn text(&mut self, face: &Face, text: &str, x: f32, y: f32, size: f32, colour: Colour) {
        let scale = size / f32::from(face.units_per_em());
        let mut pen = x;
        for c in text.chars() {
            let id = glyph(face, c);
            let mut outline = Outline {
                scale,
                x: pen,
                y,
                lines: Vec::new(),
                start: (0.0, 0.0),
                last: (0.0, 0.0),
            };
            if face.outline_glyph(id, &mut outline).is_some() {
                self.fill_outline(&outline.lines, colour);
            }
            pen += f32::from(face.glyph_hor_advance(id).unwrap_or(0)) * scale;
        }
    }

    /// Fills a closed outline given as line segments, with the non-zero rule, anti-aliased.
    fn fill_outline(&mut self, lines: &[Line], colour: Colour) {
        let bounds = lines.iter().fold(
            (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
            |(x0, y0, x1, y1), l| {
                (
                    x0.min(l.0.0).min(l.1.0),
                    y0.min(l.0.1).min(l.1.1),
                    x1.max(l.0.0).max(l.1.0),
                    y1.max(l.0.1).max(l.1.1),
                )
            },
        );
        if lines.is_empty() || bounds.2 < 0.0 || bounds.3 < 0.0 {
            return;
        }
        let left = bounds.0.floor().max(0.0);
        let top = bounds.1.floor().max(0.0);
        let width = (bounds.2.ceil() - left) as usize + 2;
        let height = (bounds.3.ceil() - top) as usize + 1;
        let mut area = Accumulator::new(width, height);
        for &((x0, y0), (x1, y1)) in lines {
            area.line((x0 - left, y0 - top), (x1 - left, y1 - top));
        }
        for (i, coverage) in area.coverage().enumerate() {
            let (col, row) = (i % width, i / width);
            self.blend(
                left as u32 + col as u32,
                top as u32 + row as u32,
                colour,
                coverage,
            );
        }
    }

    fn encode(&self) -> Result<Vec<u8>, PaintError> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let fail = |e: png::EncodingError| PaintError(format!("writing the chart's PNG: {e}"));
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(&self.rgb).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(bytes)
    }
}

type Point = (f32, f32);
type Line = (Point, Point);

/// Collects a glyph's outline as straight segments in canvas pixels (y down), flattening
/// curves into short lines.
struct Outline {
    scale: f32,
    x: f32,
    y: f32,
    lines: Vec<Line>,
    start: Point,
    last: Point,
}

/// Segments per curve: plenty for glyphs a few dozen pixels high.
const CURVE_STEPS: usize = 8;

impl Outline {
    fn point(&self, x: f32, y: f32) -> Point {
        (self.x + x * self.scale, self.y - y * self.scale)
    }

    fn to(&mut self, p: Point) {
        self.lines.push((self.last, p));
        self.last = p;
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = self.point(x, y);
        self.last = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.to(p);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, p1, p2) = (self.last, self.point(x1, y1), self.point(x, y));
        for step in 1..=CURVE_STEPS {
            let t = step as f32 / CURVE_STEPS as f32;
            let u = 1.0 - t;
            self.to((
                u * u * p0.0 + 2.0 * u * t * p1.0 + t * t * p2.0,
                u * u * p0.1 + 2.0 * u * t * p1.1 + t * t * p2.1,
            ));
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (p0, p1, p2, p3) = (
            self.last,
            self.point(x1, y1),
            self.point(x2, y2),
            self.point(x, y),
        );
        for step in 1..=CURVE_STEPS {
            let t = step as f32 / CURVE_STEPS as f32;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            self.to((
                a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
                a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
            ));
        }
    }

    fn close(&mut self) {
        let start = self.start;
        if self.last != start {
            self.to(start);
        }
    }
}

/// The signed area each edge adds to each pixel, summed along a row to give coverage.
struct Accumulator {
    width: usize,
    height: usize,
    area: Vec<f32>,
}

impl Accumulator {
    fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            area: vec![0.0; width * height + 1],
        }
    }

    /// Adds one edge. Coordinates are within the buffer (x from 0 to width - 2).
    fn line(&mut self, p0: Point, p1: Point) {
        if (p0.1 - p1.1).abs() < f32::EPSILON {
            return;
        }
        let (dir, p0, p1) = if p0.1 < p1.1 {
            (1.0, p0, p1)
        } else {
            (-1.0, p1, p0)
        };
        let dxdy = (p1.0 - p0.0) / (p1.1 - p0.1);
        let mut x = p0.0;
        let first = p0.1.max(0.0) as usize;
        if p0.1 < 0.0 {
            x -= p0.1 * dxdy;
        }
        let last = (p1.1.ceil() as usize).min(self.height);
        for y in first..last {
            let row = y * self.width;
            let dy = ((y + 1) as f32).min(p1.1) - (y as f32).max(p0.1);
            let next = x + dxdy * dy;
            let d = dy * dir;
            let (x0, x1) = if x < next { (x, next) } else { (next, x) };
            let x0 = x0.max(0.0);
            let x1 = x1.clamp(x0, (self.width - 2) as f32);
            let x0_floor = x0.floor();
            let x0i = x0_floor as usize;
            let x1_ceil = x1.ceil();
            let x1i = x1_ceil as usize;
            if x1i <= x0i + 1 {
                let middle = 0.5 * (x0 + x1) - x0_floor;
                self.area[row + x0i] += d - d * middle;
                self.area[row + x0i + 1] += d * middle;
            } else {
                let s = (x1 - x0).recip();
                let x0f = x0 - x0_floor;
                let a0 = 0.5 * s * (1.0 - x0f) * (1.0 - x0f);
                let x1f = x1 - x1_ceil + 1.0;
                let am = 0.5 * s * x1f * x1f;
                self.area[row + x0i] += d * a0;
                if x1i == x0i + 2 {
                    self.area[row + x0i + 1] += d * (1.0 - a0 - am);
                } else {
                    let a1 = s * (1.5 - x0f);
                    self.area[row + x0i + 1] += d * (a1 - a0);
                    for xi in x0i + 2..x1i - 1 {
                        self.area[row + xi] += d * s;
                    }
                    let a2 = a1 + (x1i - x0i - 3) as f32 * s;
                    self.area[row + x1i - 1] += d * (1.0 - a2 - am);
                }
                self.area[row + x1i] += d * am;
            }
            x = next;
        }
    }

    /// Each pixel's coverage, row by row.
    fn coverage(&self) -> impl Iterator<Item = f32> + '_ {
        self.area[..self.width * self.height]
            .chunks(self.width)
            .flat_map(|row| {
                row.iter().scan(0.0_f32, |sum, a| {
                    *sum += a;
                    Some(sum.abs().min(1.0))
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use putright_document::chart::{Label, Rect};

    use super::*;

    fn pixel(rgb: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
        let at = ((y * width + x) * 3) as usize;
        [rgb[at], rgb[at + 1], rgb[at + 2]]
    }

    #[test]
    fn rectangles_and_text_are_painted_where_the_drawing_puts_them() {
        let drawing = Drawing {
            width: 100,
            height: 40,
            rects: vec![Rect {
                x: 10,
                y: 5,
                width: 20,
                height: 10,
                fill: Colour(0x12, 0x43, 0x6d),
            }],
            labels: vec![Label {
                x: 40,
                y: 30,
                text: "HH".into(),
                size: 20,
                anchor: Anchor::Start,
            }],
        };
        let face = Face::parse(FONT, 0).expect("the bundled font parses");
        let mut canvas = Canvas::new(100 * SCALE, 40 * SCALE);
        canvas.fill_rect(
            10 * SCALE,
            5 * SCALE,
            20 * SCALE,
            10 * SCALE,
            drawing.rects[0].fill,
        );
        canvas.text(
            &face,
            "HH",
            (40 * SCALE) as f32,
            (30 * SCALE) as f32,
            60.0,
            INK,
        );
        let w = canvas.width;
        assert_eq!(
            pixel(&canvas.rgb, w, 15 * SCALE, 10 * SCALE),
            [0x12, 0x43, 0x6d]
        );
        assert_eq!(pixel(&canvas.rgb, w, 5, 5), [255, 255, 255]);
        // The left stem of the first H is solid ink halfway up the letter.
        let stem = (40 * SCALE + 5..40 * SCALE + 15)
            .map(|x| pixel(&canvas.rgb, w, x, 30 * SCALE - 20))
            .filter(|p| *p == [INK.0, INK.1, INK.2])
            .count();
        assert!(stem >= 3, "{stem}");
        // Between the H's two stems, at mid-height, is the bar; above it, white.
        let (png, width, height) = png(&drawing).expect("paints");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!((width, height), (300, 120));
    }

    #[test]
    fn characters_the_font_lacks_fall_back_and_nothing_panics() {
        let face = Face::parse(FONT, 0).expect("the bundled font parses");
        assert_ne!(glyph(&face, '£'), GlyphId(0));
        assert_ne!(glyph(&face, 'ŵ'), GlyphId(0));
        assert_eq!(glyph(&face, '漢'), glyph(&face, '?'));
        let mut canvas = Canvas::new(30, 30);
        // Text partly or wholly off the canvas is clipped, not a panic.
        canvas.text(&face, "Wide text off the edge", -50.0, 10.0, 40.0, INK);
        canvas.text(&face, "x", 500.0, 500.0, 12.0, INK);
        canvas.text(&face, "y", 10.0, -40.0, 12.0, INK);
    }
}
