//! Sigil ecdsa protocols as pure round functions over versioned opaque state.
