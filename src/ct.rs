//! Declassification points for the constant-time check (`ctime/`).
//!
//! The check marks secrets as *undefined* for valgrind's memcheck and fails on any branch
//! or memory index that depends on them. A few values are computed from secrets but are
//! public by design, and code that encodes or parses them would be reported although
//! nothing leaks. Those values pass through [`declassify`], exactly like libsecp256k1's
//! `secp256k1_declassify`. The complete list:
//! - a public key derived from its secret key (`SigningKey::from_parts`; the secp256k1 and
//!   P-256 points before SEC1 encoding);
//! - a P-256 signature before its variable-length DER encoding;
//! - the verdict of the constant-time check of the P-256 `ECPrivateKey` wrapper (the
//!   caller learns it anyway, as `Ok` or `Err`).
//!
//! In every normal build `declassify` is an empty inline function. With the test-only
//! feature `ct-declassify`, the harness registers a hook (see `set_declassify_hook`) that
//! tells valgrind the bytes are defined. The library never dereferences the pointer it
//! hands over, so this needs no `unsafe` here. Every call site is listed in SECURITY.md.

#[cfg(feature = "ct-declassify")]
static HOOK: std::sync::OnceLock<fn(*const u8, usize)> = std::sync::OnceLock::new();

/// Registers the declassification hook of the constant-time harness (`ctime/`); it is
/// called with the address and size of each value that is public by design. Returns
/// `false` if a hook was already set. Test only: not part of the stable API.
#[cfg(feature = "ct-declassify")]
#[doc(hidden)]
pub fn set_declassify_hook(hook: fn(*const u8, usize)) -> bool {
    HOOK.set(hook).is_ok()
}

/// Marks `value` as public for the constant-time harness; a no-op in normal builds.
///
/// Takes `&mut` so the compiler cannot keep a stale register copy across the hook: code
/// after the call reads the (now defined) memory again.
#[inline(always)]
pub(crate) fn declassify<T: ?Sized>(value: &mut T) {
    #[cfg(feature = "ct-declassify")]
    if let Some(hook) = HOOK.get() {
        hook(
            (value as *mut T).cast::<u8>().cast_const(),
            core::mem::size_of_val(value),
        );
    }
    #[cfg(not(feature = "ct-declassify"))]
    let _ = value;
}
