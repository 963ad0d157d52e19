#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets from the JSON vectors (nothing committed).

Usage: python3 fuzz/seed_corpus.py VECTORS_DIR CORPUS_DIR
"""
import hashlib
import json
import pathlib
import sys


def main():
    vectors, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    load = lambda p: json.loads((vectors / p).read_text())
    seeds = {}

    def add(target, data):
        d = corpus / target
        d.mkdir(parents=True, exist_ok=True)
        (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
        seeds[target] = seeds.get(target, 0) + 1

    for row in load("hash/kat.json")["digests"]:
        add("digest_decode", bytes.fromhex(row["multihash"]))
        add("codec_reader", bytes.fromhex(row["multihash"]))
    for row in load("hash/kat.json")["ternary"]:
        add("legacy_curlp", row["input_trytes"].encode())
    for a in load("sig/composite.json")["algorithms"]:
        add("sig_envelopes", bytes.fromhex(a["public_key"]))
        for s in a["signatures"]:
            add("sig_envelopes", bytes.fromhex(s["signature"]))
        for n in a["negative"]:
            add("sig_envelopes", bytes.fromhex(n["signature"]))
    for k in load("kem/kem.json")["kems"]:
        for f in ("encapsulation_key", "ciphertext", "invalid_ciphertext_truncated"):
            add("kem_envelopes", bytes.fromhex(k[f]))
    policy = load("policy/example.json")["policy_toml"].encode()
    add("policy_config", policy)
    print("seed corpus:", ", ".join(f"{t} {n}" for t, n in sorted(seeds.items())))


if __name__ == "__main__":
    main()
