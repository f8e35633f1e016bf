//! The one place where every exported function runs: panics stop here and
//! failures become the thread's last error.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

use crate::error::{self, ConnectSessionStatus, Failure};

/// What an exported function returns when its body fails or panics.
pub(crate) trait Outcome {
    /// The value to return for a failure with this status.
    fn failed(status: ConnectSessionStatus) -> Self;
}

impl Outcome for ConnectSessionStatus {
    fn failed(status: ConnectSessionStatus) -> Self {
        status
    }
}

impl Outcome for () {
    fn failed(_: ConnectSessionStatus) {}
}

/// Whether a call changes the last error (every call but the two that read it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LastError {
    /// Clear it on entry, store the failure on the way out.
    Record,
    /// Leave it as it is, so that reading it (even with a buffer too small)
    /// does not lose it.
    Keep,
}

/// Runs the body of an exported function.
///
/// With [`LastError::Record`] the thread's last error is cleared on entry and,
/// if `body` fails, replaced by the failure. A panic inside `body` is caught
/// (it must never unwind into C), recorded as `CONNECT_SESSION_INTERNAL` with
/// the panic's message, and the function returns `T::failed(INTERNAL)`.
pub(crate) fn guard<T: Outcome>(
    last_error: LastError,
    body: impl FnOnce() -> Result<T, Failure>,
) -> T {
    if last_error == LastError::Record {
        error::clear_last_error();
    }
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        #[cfg(feature = "test-panic")]
        test_panic::maybe_panic();
        body()
    }));
    let failure = match result {
        Ok(Ok(value)) => return value,
        Ok(Err(failure)) => failure,
        Err(payload) => Failure::panic(panic_message(payload.as_ref())),
    };
    let status = failure.status();
    if last_error == LastError::Record {
        error::set_last_error(failure);
    }
    T::failed(status)
}

/// The body of a function returning a status: `Ok(())` becomes `CONNECT_SESSION_OK`.
pub(crate) fn status(body: impl FnOnce() -> Result<(), Failure>) -> ConnectSessionStatus {
    guard(LastError::Record, || {
        body().map(|()| ConnectSessionStatus::CONNECT_SESSION_OK)
    })
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(a panic without a message)"
    }
}

/// Test-only: make the next guarded call on this thread panic inside the
/// guard, as a bug in the library would.
#[cfg(feature = "test-panic")]
pub mod test_panic {
    use std::cell::Cell;

    thread_local! {
        static ARMED: Cell<bool> = const { Cell::new(false) };
    }

    /// The next guarded call on this thread panics (once).
    pub fn panic_on_next_call() {
        ARMED.with(|armed| armed.set(true));
    }

    pub(crate) fn maybe_panic() {
        if ARMED.with(|armed| armed.replace(false)) {
            panic!("forced by the test-panic feature");
        }
    }
}
