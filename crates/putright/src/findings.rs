//! Placeholder: the Ombudsman findings reader is being written.
