//! The lists behind the figures, kept under their key paths.
//!
//! A million-case year adds tens of millions of cases to figures, so a figure is addressed by a
//! small integer (its slot) while counting, and by its key path only when it is created and when
//! it is read. [`Row`] keeps the slots of one row of a breakdown ("by category: Damp and mould")
//! so that the key paths of a row are built once, not once per case.

use std::collections::{BTreeMap, HashMap};

/// The figures: for each key path, the indices (into the records) of the cases behind it.
#[derive(Debug, Default)]
pub struct Figures {
    index: BTreeMap<String, usize>,
    lists: Vec<Vec<usize>>,
}

impl Figures {
    /// The slot of a figure, creating it (empty) if it does not exist yet.
    pub(super) fn slot(&mut self, key: impl Into<String>) -> usize {
        let next = self.lists.len();
        let slot = *self.index.entry(key.into()).or_insert(next);
        if slot == next {
            self.lists.push(Vec::new());
        }
        slot
    }

    /// Counts a case towards the figure in `slot`.
    pub(super) fn push(&mut self, slot: usize, case: usize) {
        self.lists[slot].push(case);
    }

    /// Counts a case towards a figure named by its key path (for the rarer figures).
    pub(super) fn add(&mut self, key: impl Into<String>, case: usize) {
        let slot = self.slot(key);
        self.push(slot, case);
    }

    /// The figure at a key path: how many cases are behind it, 0 if it does not exist.
    pub fn count(&self, key: &str) -> u64 {
        self.cases(key).map_or(0, |l| l.len() as u64)
    }

    /// The cases behind a figure, if the figure exists.
    pub fn cases(&self, key: &str) -> Option<&[usize]> {
        self.index.get(key).map(|slot| self.lists[*slot].as_slice())
    }

    /// Every key path, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }
}

/// The slots of the rows of one named breakdown (e.g. `stats.by_category[NAME].FIELD`), every
/// row with every field of `fields`.
pub(super) struct Rows {
    table: &'static str,
    fields: &'static [&'static str],
    rows: HashMap<String, Vec<usize>>,
}

impl Rows {
    pub(super) fn new(table: &'static str, fields: &'static [&'static str]) -> Rows {
        Rows {
            table,
            fields,
            rows: HashMap::new(),
        }
    }

    /// The slot of `field` (one of `fields`) in the row `name`, creating the row if need be.
    pub(super) fn slot(&mut self, figures: &mut Figures, name: &str, field: &str) -> usize {
        let position = self.fields.iter().position(|f| *f == field);
        let row = match self.rows.get(name) {
            Some(row) => row,
            None => {
                let slots = self
                    .fields
                    .iter()
                    .map(|f| figures.slot(format!("stats.{}[{name}].{f}", self.table)))
                    .collect();
                self.rows.entry(name.to_owned()).or_insert(slots)
            }
        };
        match position {
            Some(p) => row[p],
            // A field outside the row's usual set still gets its figure, by its key path.
            None => figures.slot(format!("stats.{}[{name}].{field}", self.table)),
        }
    }
}
