//! Legacy hash families, **verify-only**: broken functions that old chains committed to.
//!
//! They exist so a chain can verify its history and migrate it (re-hash under a current
//! family, see [`crate::merkle::RootTransition`]); the registry marks them
//! [`crate::id::Status::Broken`], so [`crate::policy::MigrationPolicy`] refuses them for
//! new commitments.
//!
//! - [`sha1`]: SHA-1 with Stevens–Shumow collision detection (RustCrypto `sha1-checked`,
//!   a port of sha1dc as used by Git and GitHub): it reports inputs built with the known
//!   collision attacks (SHAttered, SHAmbles).
//! - [`curlp`]: Curl-P, IOTA's ternary sponge, with 27 or 81 rounds. Curl-P-27 has
//!   practical collisions (Heilman, Narula, Dryja, Virza et al., 2017/2020) that let two
//!   different IOTA bundles share one signed bundle hash.
//!
//! ```
//! use pqmigrate::hash::legacy::sha1;
//!
//! let c = sha1::check(b"abc");
//! assert_eq!(c.digest.to_hex(), "a9993e364706816aba3e25717850c26c9cd0d89d"); // FIPS 180
//! assert!(!c.collision_attack);
//! ```

pub mod curlp;
pub mod sha1;
