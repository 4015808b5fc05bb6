//! The import's progress as a bar on standard error, drawn only when that is a terminal.

use std::io::IsTerminal;

use putright_app::import::Progress;

/// A progress bar, or nothing when standard error is not a terminal.
pub struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    pub fn new() -> Self {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template(
            "{bar:40} {percent:>3}% {elapsed_precise} (about {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        Bar(Some(bar))
    }
}

impl Progress for Bar {
    fn start(&self, size: u64) {
        if let Some(bar) = &self.0 {
            bar.set_length(size);
        }
    }

    fn set(&self, position: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(position);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
