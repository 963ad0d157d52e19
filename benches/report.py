#!/usr/bin/env python3
"""Turns criterion's output (target/criterion) into the Markdown tables of BENCHMARKS.md.

Usage: python3 benches/report.py sig|hash|hash_many|merkle|batch|kem|block   (after the matching `cargo bench`)
       python3 benches/report.py peers   (after `cargo bench --manifest-path peers/Cargo.toml`)
Reads only files criterion wrote in the target directory of that run; prints Markdown.
"""
import json
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent


def load(root):
    """{(group_id, function_id): median ns}"""
    out = {}
    for bench in root.glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        out[(meta["group_id"], meta["function_id"])] = est["median"]["point_estimate"]
    return out


def us(ns):
    return f"{ns / 1000:.1f}" if ns is not None else "–"


def sig_tables(r):
    algs = []
    for (g, f) in r:
        if g.startswith("sig/") and g[4:] not in algs:
            algs.append(g[4:])
    order = ["secp256k1", "ml-dsa-44", "ml-dsa-65", "ml-dsa-87"]
    algs.sort(key=lambda a: (order.index(a) if a in order else 99, a))
    print("| algorithm | keygen µs | sign µs | verify µs | components verify µs (ML-DSA + trad + M') | composite / sum |")
    print("|---|---:|---:|---:|---|---:|")
    for a in algs:
        g = f"sig/{a}"
        row = [r.get((g, x)) for x in ("keygen", "sign", "verify")]
        mv, ev, mp = (r.get((g, f"component/{x}")) for x in ("mldsa_verify", "ecdsa_verify", "m_prime"))
        comp, ratio = "", ""
        if mv is not None and ev is not None:
            total = mv + ev + mp
            comp = f"{us(mv)} + {us(ev)} + {us(mp)} = {us(total)}"
            ratio = f"{row[2] / total:.3f}"
        elif mv is not None:
            comp = f"{us(mv)} (ML-DSA only measured) + {us(mp)}"
        print(f"| `{a}` | {us(row[0])} | {us(row[1])} | {us(row[2])} | {comp} | {ratio} |")
    print()
    mldsa_backend_table(r)
    print()
    print("| secp256k1 backend | sign µs | verify µs | sign vs k256 | verify vs k256 |")
    print("|---|---:|---:|---:|---:|")
    g = "secp256k1-backend"
    bs, bv = r.get((g, "k256/sign")), r.get((g, "k256/verify"))
    for b, label in (("libsecp256k1", "libsecp256k1 (default, feature `libsecp256k1`)"),
                     ("k256", "k256 (pure Rust: without `libsecp256k1`)")):
        s, v = r.get((g, f"{b}/sign")), r.get((g, f"{b}/verify"))
        if s is not None:
            print(f"| {label} | {us(s)} | {us(v)} | {s / bs:.2f}× | {v / bv:.2f}× |")


def mldsa_backend_table(r, peers=False):
    """Our ML-DSA backends (sig bench), or AWS-LC beside libcrux at an empty context (peers)."""
    print("| ML-DSA backend | sign µs | verify µs | sign vs libcrux | verify vs libcrux |")
    print("|---|---:|---:|---:|---:|")
    labels = {"libcrux": "libcrux-ml-dsa (default)" + (", empty context" if peers else ""),
              "rustcrypto": "RustCrypto ml-dsa",
              "aws-lc": "AWS-LC via aws-lc-rs (peer; empty context)"}
    for cat, name in (("2", "ML-DSA-44"), ("3", "ML-DSA-65"), ("5", "ML-DSA-87")):
        g = f"mldsa-backend/{cat}"
        base_s, base_v = r.get((g, "libcrux/sign")), r.get((g, "libcrux/verify"))
        if base_s is None:
            continue
        for b in ("libcrux", "rustcrypto", "aws-lc"):
            s, v = r.get((g, f"{b}/sign")), r.get((g, f"{b}/verify"))
            if s is None:
                continue
            print(f"| {name} {labels[b]} | {us(s)} | {us(v)} | {s / base_s:.2f}× | {v / base_v:.2f}× |")
        e = r.get((g, "libcrux/verify-empty-ctx"))
        if e is not None:
            print(f"| {name} libcrux-ml-dsa, empty context | – | {us(e)} | – | {e / base_v:.2f}× |")


def peers_tables(r):
    print("pqmigrate and its peers, same run (`cargo bench --manifest-path peers/Cargo.toml`).")
    print()
    mldsa_backend_table(r, peers=True)
    print()
    kem_tables(r)


def ns(v):
    return f"{v:.1f}" if v is not None else "–"


def hash_many_tables(r):
    print("Per-hash time (ns) of 64-byte inputs; ratio = `sha3` crate loop / ours, same run.")
    print()
    print("| hash | batch | sha3 crate | portable | avx2 | avx512 | avx2 speed-up | avx512 speed-up |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for alg in ("keccak-256", "sha3-256"):
        for batch in (8, 64, 4096):
            g = f"hash_many/{alg}/{batch}"
            vals = {f: r.get((g, f)) for f in ("sha3-crate", "portable", "avx2", "avx512")}
            per = {f: (v / batch if v is not None else None) for f, v in vals.items()}
            base = per["sha3-crate"]
            sp = lambda f: f"{base / per[f]:.2f}×" if per[f] else "–"
            print(f"| {alg} | {batch} | {ns(per['sha3-crate'])} | {ns(per['portable'])} | {ns(per['avx2'])} "
                  f"| {ns(per['avx512'])} | {sp('avx2')} | {sp('avx512')} |")


def merkle_tables(r):
    print("RFC 9162 root of 32-byte leaves, milliseconds (median).")
    print()
    names = ["sha2-256", "sha2-512", "sha3-256", "sha3-512", "keccak-256", "blake3",
             "keccak-256 plain sha3 recursion"]
    print("| leaves | " + " | ".join(names) + " | keccak-256 speed-up vs plain |")
    print("|---|" + "---:|" * (len(names) + 1))
    for log in (10, 16, 20):
        g = f"merkle/2^{log}"
        vals = [r.get((g, n)) for n in names]
        cells = [f"{v / 1e6:.3f}" if v is not None else "–" for v in vals]
        k, plain = r.get((g, "keccak-256")), r.get((g, names[-1]))
        speed = f"{plain / k:.2f}×" if k and plain else "–"
        print(f"| 2^{log} | " + " | ".join(cells) + f" | {speed} |")


def batch_tables(r):
    print("256 signatures (distinct signers, 250-byte messages), milliseconds (median).")
    print()
    print("| algorithm | sequential ms | verify_batch ms | verify_all ms | speed-up |")
    print("|---|---:|---:|---:|---:|")
    for (g, f) in sorted(r):
        if not g.startswith("batch/") or f != "sequential":
            continue
        seq, par, al = (r.get((g, x)) for x in ("sequential", "verify_batch", "verify_all"))
        print(f"| `{g[6:]}` | {seq / 1e6:.2f} | {par / 1e6:.2f} | {al / 1e6:.2f} | {seq / par:.2f}× |")


def kem_tables(r):
    print("Microseconds (median); ratio = comparator / pqmigrate, same run. `encaps` uses OS")
    print("randomness; `encaps-derand` takes the randomness as input (rows marked †).")
    print()
    print("| KEM | implementation | keygen µs | encaps µs | decaps µs | encaps ratio | decaps ratio |")
    print("|---|---|---:|---:|---:|---:|---:|")
    labels = {"pqmigrate": "pqmigrate (libcrux-ml-kem; X-Wing composed here)",
              "rustcrypto": "RustCrypto `ml-kem` 0.3 (same seed) †",
              "aws-lc": "AWS-LC via `aws-lc-rs` (mlkem-native)",
              "x-wing-crate": "`x-wing` crate 0.1.1 (draft-06)"}
    for alg in ("ml-kem-768", "ml-kem-1024", "x-wing"):
        g = f"kem/{alg}"
        base = {op: r.get((g, f"pqmigrate/{op}")) for op in ("keygen", "encaps", "decaps")}
        base_d = r.get((g, "pqmigrate/encaps-derand"))
        for impl in ("pqmigrate", "rustcrypto", "aws-lc", "x-wing-crate"):
            v = {op: r.get((g, f"{impl}/{op}")) for op in ("keygen", "encaps", "decaps")}
            if v["encaps"] is None:
                v["encaps"] = r.get((g, f"{impl}/encaps-derand"))
                eb = base_d
            else:
                eb = base["encaps"]
            if v["encaps"] is None:
                continue
            er = f"{v['encaps'] / eb:.2f}×" if impl != "pqmigrate" else "1.00×"
            dr = f"{v['decaps'] / base['decaps']:.2f}×" if impl != "pqmigrate" else "1.00×"
            print(f"| `{alg}` | {labels[impl]} | {us(v['keygen'])} | {us(v['encaps'])} | {us(v['decaps'])} "
                  f"| {er} | {dr} |")
    g = "kem/x-wing"
    p = {k: r.get((g, f"parts/{k}")) for k in
         ("mlkem768-encaps-derand", "mlkem768-decaps", "x25519-keygen", "x25519-dh", "combiner")}
    xe, xd = r.get((g, "pqmigrate/encaps-derand")), r.get((g, "pqmigrate/decaps"))
    if None not in p.values() and xe and xd:
        se = p["mlkem768-encaps-derand"] + p["x25519-keygen"] + p["x25519-dh"] + p["combiner"]
        sd = p["mlkem768-decaps"] + p["x25519-dh"] + p["combiner"]
        print()
        print("X-Wing against the sum of its parts (µs, same run):")
        print()
        print("| operation | ML-KEM-768 | X25519 keygen | X25519 DH | combiner | sum | X-Wing | X-Wing / sum |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        print(f"| encaps (derand) | {us(p['mlkem768-encaps-derand'])} | {us(p['x25519-keygen'])} | {us(p['x25519-dh'])} "
              f"| {us(p['combiner'])} | {us(se)} | {us(xe)} | {xe / se:.3f} |")
        print(f"| decaps | {us(p['mlkem768-decaps'])} | – | {us(p['x25519-dh'])} | {us(p['combiner'])} "
              f"| {us(sd)} | {us(xd)} | {xd / sd:.3f} |")


def block_tables(r):
    print("One 1 MB block of each scheme (advise's capacity with 250-byte transactions today),")
    print("milliseconds (median); stages timed separately, `validate` is the whole pipeline.")
    print()
    print("| scheme | tx | decode | policy | verify (all cores) | merkle | validate | verify 1 core | batch speed-up | sig/s per core |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    import os
    cores = os.cpu_count() or 1
    for bench in sorted(ROOT.glob("**/new/benchmark.json")):
        meta = json.loads(bench.read_text())
        g = meta["group_id"]
        if not g.startswith("block/") or meta["function_id"] != "validate":
            continue
        n = (meta.get("throughput") or {}).get("Elements")
        st = {f: r.get((g, f)) for f in ("decode", "policy", "verify", "verify-1-core", "merkle", "validate")}
        if None in st.values() or not n:
            continue
        ms = lambda v: f"{v / 1e6:.2f}"
        print(f"| `{g[6:]}` | {n} | {ms(st['decode'])} | {ms(st['policy'])} | {ms(st['verify'])} | {ms(st['merkle'])} "
              f"| {ms(st['validate'])} | {ms(st['verify-1-core'])} | {st['verify-1-core'] / st['verify']:.2f}× "
              f"| {n / (st['validate'] / 1e9) / cores:.0f} |")
    print()
    print(f"(sig/s per core = transactions / validate time / {cores} cores)")


def hash_tables(r):
    print("One-shot `hash::hash`, MB/s (median); `crate/...` rows call the crate directly, same run.")
    print()
    names = ["sha2-256", "sha2-512", "sha3-256", "sha3-512", "keccak-256", "blake3", "sha1",
             "crate/sha2-256", "crate/sha3-256", "crate/blake3", "crate/sha1 (no detection)"]
    print("| input | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for size in (64, 1024, 1 << 20):
        g = f"hash/{size}"
        cells = []
        for n in names:
            v = r.get((g, n))
            cells.append(f"{size / (v / 1e9) / 1e6:.0f}" if v else "–")
        label = {64: "64 B", 1024: "1 KiB", 1 << 20: "1 MiB"}[size]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "sig"
    results = load(REPO / ("peers" if what == "peers" else ".") / "target" / "criterion")
    {"sig": sig_tables, "hash_many": hash_many_tables, "merkle": merkle_tables,
     "batch": batch_tables, "kem": kem_tables, "hash": hash_tables, "block": block_tables,
     "peers": peers_tables}[what](results)
