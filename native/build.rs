//! napi-rs link setup, only when building the Node addon.
fn main() {
    #[cfg(feature = "node")]
    napi_build::setup();
}
