//! The line on which each CSV record begins, as a spreadsheet or an editor numbers it.
//!
//! The csv reader's own record position is taken before it skips the rest of the previous
//! line ending and any blank lines, so with Windows line endings (CRLF, as Excel writes CSV
//! files) every row would be named one line early, and a blank line before a row puts it off
//! by one more. [`Counting`] notes where each line break is as the file is read; [`Lines`]
//! skips the breaks a record begins with and counts the rest. A line ends at `\r\n`, a lone
//! `\n` or a lone `\r` (as old Mac files have), as the csv reader ends records.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Mutex, PoisonError};

/// The line breaks read but not yet passed, in file order: each `\r` or `\n` by its byte
/// offset, with whether it ends a line (the `\n` of a `\r\n` does not: its `\r` did).
#[derive(Debug, Default)]
struct Breaks {
    pending: VecDeque<(u64, bool)>,
    /// Lines ended at offsets already passed.
    ended: u64,
    /// The offset of the last `\r` noted, to tell a `\r\n` across two reads.
    last_return: Option<u64>,
}

/// Shared between the reader that notes the breaks and the table that asks for lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lines(Arc<Mutex<Breaks>>);

impl Lines {
    /// The line (the first is 1) of the first byte of a record whose parsing began at byte
    /// `start`: breaks before it are counted, and the breaks it begins with are skipped.
    pub fn line_of(&self, start: u64) -> u64 {
        let mut breaks = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut at = start;
        while let Some(&(offset, ends_line)) = breaks.pending.front() {
            if offset > at {
                break;
            }
            // A break at the record's first byte is a line ending or blank line before it.
            if offset == at {
                at += 1;
            }
            breaks.ended += u64::from(ends_line);
            breaks.pending.pop_front();
        }
        breaks.ended + 1
    }
}

/// A reader that notes where every line break is.
pub(crate) struct Counting<R> {
    inner: R,
    offset: u64,
    lines: Lines,
}

impl<R> Counting<R> {
    /// Wraps `inner`, noting its breaks in `lines`.
    pub fn new(inner: R, lines: Lines) -> Self {
        Self {
            inner,
            offset: 0,
            lines,
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.lines.0.lock().unwrap_or_else(PoisonError::into_inner);
        for i in memchr::memchr2_iter(b'\r', b'\n', &buf[..n]) {
            let offset = self.offset + i as u64;
            let ends_line = buf[i] == b'\r' || breaks.last_return.map(|r| r + 1) != Some(offset);
            breaks.last_return = (buf[i] == b'\r').then_some(offset);
            breaks.pending.push_back((offset, ends_line));
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of each record's start as the csv reader reports it, through `Lines`.
    fn lines(text: &str) -> Vec<u64> {
        let lines = Lines::default();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(Counting::new(text.as_bytes(), lines.clone()));
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            out.push(lines.line_of(record.position().unwrap().byte()));
        }
        out
    }

    #[test]
    fn rows_are_named_by_the_line_they_begin_on() {
        assert_eq!(lines("h\na\nb\n"), [1, 2, 3]);
        assert_eq!(lines("h\r\na\r\nb\r\n"), [1, 2, 3], "Windows line endings");
        assert_eq!(
            lines("h\r\na\r\n\r\n\r\nb"),
            [1, 2, 5],
            "blank lines between"
        );
        assert_eq!(lines("h\na\n\nb\n"), [1, 2, 4]);
        assert_eq!(
            lines("h\r\n\"two\r\nlines\",x\r\nb\r\n"),
            [1, 2, 4],
            "a quoted line break"
        );
        assert_eq!(lines("h\ra\rb\r"), [1, 2, 3], "old Mac line endings");
        assert_eq!(lines("h\r\na\rb\n\nc"), [1, 2, 3, 5], "mixed line endings");
    }

    #[test]
    fn a_crlf_split_across_two_reads_is_one_line_ending() {
        /// Hands over its bytes one at a time, as a slow reader might.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let lines = Lines::default();
        let mut counting = Counting::new(Trickle(b"h\r\na\r\n\r\nb"), lines.clone());
        counting.read_to_end(&mut Vec::new()).unwrap();
        assert_eq!(lines.line_of(1), 2, "the header's CRLF ends line 1");
        assert_eq!(lines.line_of(4), 4, "a blank line before the last row");
    }
}
