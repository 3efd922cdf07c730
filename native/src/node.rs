//! napi-rs binding: converts JS values to bytes and back, nothing else.
//! CPU work runs on the libuv pool through [`AsyncTask`]; a sync variant serves
//! worker threads and tests.
// SAFETY: the `#[napi]` macros expand to FFI glue that needs `unsafe`; no
// hand-written unsafe code lives in this module.
#![allow(unsafe_code)]

use napi::bindgen_prelude::{AbortSignal, AsyncTask, Buffer};
use napi::{Env, Task};
use napi_derive::napi;

use crate::dispatch;

/// Run an op synchronously: `(op name, framed args) -> result frame`.
#[napi]
pub fn call(op: String, input: Buffer) -> Buffer {
    dispatch::call(&op, &input).into()
}

/// An op run on the libuv thread pool.
pub struct CallTask {
    op: String,
    input: Vec<u8>,
}

impl Task for CallTask {
    type Output = Vec<u8>;
    type JsValue = Buffer;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(dispatch::call(&self.op, &self.input))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(output.into())
    }
}

/// Run an op on the libuv pool; resolves to the result frame.
#[napi(ts_return_type = "Promise<Buffer>")]
pub fn call_async(op: String, input: Buffer, signal: Option<AbortSignal>) -> AsyncTask<CallTask> {
    AsyncTask::with_optional_signal(CallTask { op, input: input.to_vec() }, signal)
}
