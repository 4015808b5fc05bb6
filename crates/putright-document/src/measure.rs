//! How wide text is, roughly, without a font engine: the advance widths of DejaVu Sans (the
//! font the Word charts are drawn in, and close to what browsers and the PDF use) for printable
//! ASCII, and an average for everything else. Enough to size a chart's label column or a
//! table's columns so that no header has to break inside a word.

/// Advance widths of DejaVu Sans for ' ' to '~', in thousandths of an em.
const ASCII: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// What a character outside printable ASCII is taken to need.
const OTHER: u16 = 650;

/// How much wider bold text is taken to be.
const BOLD: f32 = 1.1;

/// The width of `text` in ems of a regular sans-serif font.
pub fn em_width(text: &str) -> f32 {
    let thousandths: u32 = text
        .chars()
        .map(|c| {
            let i = u32::from(c).wrapping_sub(32);
            u32::from(ASCII.get(i as usize).copied().unwrap_or(OTHER))
        })
        .sum();
    thousandths as f32 / 1000.0
}

/// The width of `text` in ems when set bold.
pub fn em_width_bold(text: &str) -> f32 {
    em_width(text) * BOLD
}

/// The width of the widest word of `text` in ems, which a column must give it so that the
/// word never breaks.
pub fn widest_word(text: &str, bold: bool) -> f32 {
    let width = if bold { em_width_bold } else { em_width };
    text.split_whitespace().map(width).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        assert!((em_width("0") - 0.636).abs() < 1e-6);
        assert!(em_width("MMM") > em_width("iii") * 3.0);
        assert!(em_width_bold("Councillor") > em_width("Councillor"));
        assert!((widest_word("Open, not yet due", false) - em_width("Open,")).abs() < 1e-6);
        assert_eq!(em_width(""), 0.0);
        assert!((em_width("é") - 0.65).abs() < 1e-6);
    }
}
