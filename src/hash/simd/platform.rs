//! CPU feature detection, done once (BLAKE3 `platform.rs` style).

#[cfg(target_arch = "x86_64")]
cpufeatures::new!(cpuid_avx2, "avx2");
#[cfg(target_arch = "x86_64")]
cpufeatures::new!(cpuid_avx512, "avx2", "avx512f", "avx512vl");

/// Which multi-buffer Keccak kernels this CPU runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// One state at a time (the `keccak` crate).
    Portable,
    /// 4 states in AVX2 registers.
    Avx2,
    /// 8 states in AVX-512F registers, 4 in AVX-512VL registers for remainders.
    Avx512,
}

impl Platform {
    /// Every platform, widest last.
    pub const ALL: [Self; 3] = [Self::Portable, Self::Avx2, Self::Avx512];

    /// The best platform of this CPU, detected once (cached by `cpufeatures`). The
    /// test features `force-portable` and `no-avx512` cap it.
    pub fn detect() -> Self {
        if cfg!(miri) || cfg!(feature = "force-portable") {
            return Self::Portable;
        }
        #[cfg(target_arch = "x86_64")]
        {
            if !cfg!(feature = "no-avx512") && cpuid_avx512::get() {
                return Self::Avx512;
            }
            if cpuid_avx2::get() {
                return Self::Avx2;
            }
        }
        Self::Portable
    }

    /// Whether this CPU can run the platform's kernels (whatever `detect` prefers).
    pub fn is_supported(self) -> bool {
        match self {
            Self::Portable => true,
            #[cfg(target_arch = "x86_64")]
            Self::Avx2 => !cfg!(miri) && cpuid_avx2::get(),
            #[cfg(target_arch = "x86_64")]
            Self::Avx512 => !cfg!(miri) && cpuid_avx512::get(),
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// Lowercase name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Portable => "portable",
            Self::Avx2 => "avx2",
            Self::Avx512 => "avx512",
        }
    }
}
