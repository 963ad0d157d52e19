/* The XKCP peer of `benches/hash_many.rs`: per-hash time of XKCP's multi-buffer
 * Keccak-p[1600] (one 24-round permutation of N states after absorbing a 64-byte input's
 * lanes = N single-block hashes), minimum of 300 runs of 4096 hashes, as BENCHMARKS.md
 * quotes it. Not built by cargo or CI; it needs an XKCP checkout (XKCP/XKCP, commit
 * 6ce53d0 for the numbers in BENCHMARKS.md; these files are CC0):
 *
 *   X=path/to/XKCP; L=$X/lib/low
 *   # AVX2 x4, XKCP's own AVX2 target config (u12), no AVX-512 instructions:
 *   gcc -O3 -march=native -mno-avx512f -DLANES=4 -I$L/KeccakP-1600-times4/AVX2 \
 *     -I$L/KeccakP-1600-times4/AVX2/u12 -I$X/lib/common -I$L/KeccakP-1600/common \
 *     benches/xkcp.c $L/KeccakP-1600-times4/AVX2/KeccakP-1600-times4-SIMD256.c -o xkcp4
 *   # AVX-512 x8 (u12):
 *   gcc -O3 -march=native -DLANES=8 -I$L/KeccakP-1600-times8/AVX512 \
 *     -I$L/KeccakP-1600-times8/AVX512/u12 -I$X/lib/common -I$L/KeccakP-1600/common \
 *     benches/xkcp.c $L/KeccakP-1600-times8/AVX512/KeccakP-1600-times8-SIMD512.c -o xkcp8
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#if LANES == 4
#include "KeccakP-1600-times4-SnP.h"
#define STATES KeccakP1600times4_SIMD256_states
#define INIT KeccakP1600times4_InitializeAll
#define ADD KeccakP1600times4_AddLanesAll
#define PERMUTE KeccakP1600times4_PermuteAll_24rounds
#define EXTRACT KeccakP1600times4_ExtractBytes
#elif LANES == 8
#include "KeccakP-1600-times8-SnP.h"
#define STATES KeccakP1600times8_SIMD512_states
#define INIT KeccakP1600times8_InitializeAll
#define ADD KeccakP1600times8_AddLanesAll
#define PERMUTE KeccakP1600times8_PermuteAll_24rounds
#define EXTRACT KeccakP1600times8_ExtractBytes
#else
#error "define LANES=4 or LANES=8"
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    STATES s;
    unsigned char data[LANES * 136], out[32];
    for (unsigned i = 0; i < sizeof data; i++) data[i] = (unsigned char)i;
    double best = 1e9;
    const int calls = 4096 / LANES;
    for (int rep = 0; rep < 300; rep++) {
        double t0 = now();
        for (int i = 0; i < calls; i++) {
            INIT(&s);
            ADD(&s, data, 9, 17); /* 8 message lanes + the padded one, 17-lane stride */
            PERMUTE(&s);
        }
        double t = (now() - t0) / (LANES * (double)calls);
        if (t < best) best = t;
    }
    EXTRACT(&s, 0, out, 0, 32);
    printf("XKCP x%d: %.1f ns per hash (min of 300; %02x)\n", LANES, best * 1e9, out[0]);
    return 0;
}
