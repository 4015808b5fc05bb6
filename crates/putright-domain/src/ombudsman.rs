//! Placeholder: Ombudsman findings vocabulary is being written.
