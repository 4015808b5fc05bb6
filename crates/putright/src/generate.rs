//! Placeholder: the case generator is being written.
