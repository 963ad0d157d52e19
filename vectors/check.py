#!/usr/bin/env python3
"""Independent consumer of pqmigrate's vectors, written from the schemas in README.md.

It shares no code with pqmigrate: hashes come from Python's hashlib, pycryptodome
(Keccak-256) and the `blake3` package; Merkle trees, proofs, framing, addresses and
Curl-P are re-implemented here from their specifications. It is both a cross-check (CI
runs it) and an example of how a chain in another language adopts the vectors.

Usage: python3 vectors/check.py [VECTORS_DIR]     (exit 0 all checked values agree)
Families whose Python package is missing are skipped with a message.
ML-KEM/ML-DSA values are checked by the Rust tests; here, from sig/composite.json, the
ECDSA P-256 halves (pycryptodome): every signature is low-S and verifies, and every
high-S twin is a valid ECDSA signature that the vectors say must be refused; from
policy/example.json (tomllib), the attestation-window and broken-family rules.
"""
import hashlib
import json
import pathlib
import struct
import sys

try:
    from Crypto.Hash import keccak as _keccak
except ImportError:  # pragma: no cover
    _keccak = None
try:
    from Crypto.Hash import SHA256 as _SHA256
    from Crypto.PublicKey import ECC as _ECC
    from Crypto.Signature import DSS as _DSS
except ImportError:  # pragma: no cover
    _ECC = None
try:
    import tomllib as _tomllib
except ImportError:  # pragma: no cover (Python < 3.11)
    _tomllib = None
try:
    import blake3 as _blake3
except ImportError:  # pragma: no cover
    _blake3 = None

CODES = {"sha2-256": 0x12, "sha2-512": 0x13, "sha3-256": 0x16, "sha3-512": 0x14,
         "keccak-256": 0x1B, "blake3": 0x1E, "sha1": 0x11}


def hasher(name):
    if name == "keccak-256":
        if _keccak is None:
            return None
        return lambda b: _keccak.new(digest_bits=256, data=b).digest()
    if name == "blake3":
        if _blake3 is None:
            return None
        return lambda b: _blake3.blake3(b).digest()
    py = {"sha2-256": "sha256", "sha2-512": "sha512", "sha3-256": "sha3_256",
          "sha3-512": "sha3_512", "sha1": "sha1"}[name]
    return lambda b: hashlib.new(py, b).digest()


def varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def framed(domain, parts):
    out = struct.pack("<Q", len(domain)) + domain
    for p in parts:
        out += struct.pack("<Q", len(p)) + p
    return out


class Checker:
    def __init__(self):
        self.checked = 0
        self.skipped = set()

    def eq(self, what, got, want):
        if got != want:
            raise SystemExit(f"MISMATCH {what}: got {got!r}, want {want!r}")
        self.checked += 1

    def fn(self, name):
        h = hasher(name)
        if h is None and name not in self.skipped:
            self.skipped.add(name)
            print(f"SKIP {name}: Python package not installed")
        return h


# ---- Curl-P (IOTA), from the published description -------------------------------
TRYTES = "9ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SBOX = [1, 0, -1, 1, -1, 0, -1, 1, 0]  # S(x, y) at x + 3y + 4


def trytes_to_trits(s):
    out = []
    for c in s:
        v = TRYTES.index(c)
        v = v - 27 if v > 13 else v
        for _ in range(3):
            t = ((v % 3) + 1) % 3 - 1
            out.append(t)
            v = (v - t) // 3
    return out


def trits_to_trytes(t):
    return "".join(TRYTES[(t[i] + 3 * t[i + 1] + 9 * t[i + 2]) % 27] for i in range(0, len(t), 3))


def curl_p(trytes, rounds=27):
    state = [0] * 729
    trits = trytes_to_trits(trytes)
    for k in range(0, len(trits), 243):
        chunk = trits[k:k + 243]
        state[:len(chunk)] = chunk
        for _ in range(rounds):
            old, j = state[:], 0
            for p in range(729):
                i = j
                j = j + 364 if j < 365 else j - 365
                state[p] = SBOX[old[i] + 3 * old[j] + 4]
    return trits_to_trytes(state[:243])


# ---- RFC 9162 Merkle trees ---------------------------------------------------------
def mth(h, leaves):
    n = len(leaves)
    if n == 0:
        return h(b"")
    if n == 1:
        return h(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return h(b"\x01" + mth(h, leaves[:k]) + mth(h, leaves[k:]))


def verify_inclusion(h, index, size, leaf, path, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, h(b"\x00" + leaf)
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = h(b"\x01" + p + r)
            if not fn & 1:
                while True:
                    fn, sn = fn >> 1, sn >> 1
                    if fn & 1 or fn == 0:
                        break
        else:
            r = h(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(h, m, n, path, old_root, new_root):
    """RFC 9162 §2.1.4.2."""
    if m == n:
        return not path and old_root == new_root
    if m == 0 or m > n or not path:
        return False
    if m & (m - 1) == 0:  # m is a power of two
        path = [old_root] + path
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = h(b"\x01" + c + fr), h(b"\x01" + c + sr)
            if not fn & 1:
                while True:
                    fn, sn = fn >> 1, sn >> 1
                    if fn & 1 or fn == 0:
                        break
        else:
            sr = h(b"\x01" + sr + c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


# ---- the files -----------------------------------------------------------------------
def check_kat(c, d):
    inputs = {}
    for i in d["inputs"]:
        inputs[i["id"]] = bytes.fromhex(i["hex"]) if "hex" in i else bytes(
            k % 251 for k in range(i["pattern_len"]))
    for row in d["digests"]:
        h = c.fn(row["family"])
        if h is None:
            continue
        dig = h(inputs[row["input"]])
        c.eq(f"kat {row['family']} {row['input']}", row["digest"], dig.hex())
        mh = varint(CODES[row["family"]]) + varint(len(dig)) + dig
        c.eq(f"multihash {row['family']}", row["multihash"], mh.hex())
    for row in d["ternary"]:
        c.eq(f"curl-p-27 {row['input_trytes'][:12]}", row["digest_trytes"], curl_p(row["input_trytes"]))


def check_framing(c, d):
    cases = d["cases"]
    for i, case in enumerate(cases):
        dom = bytes.fromhex(case["domain_hex"])
        parts = [bytes.fromhex(p) for p in case["parts_hex"]]
        enc = framed(dom, parts)
        c.eq(f"framing {i} encoding", case["encoded_hex"], enc.hex())
        c.eq(f"framing {i} concat", case["plain_concat_hex"], b"".join(parts).hex())
        for fam, want in case["digests"].items():
            h = c.fn(fam)
            if h is not None:
                c.eq(f"framing {i} {fam}", want, h(enc).hex())
    for p in d["equal_concatenation_pairs"]:
        a, b = cases[p["a"]], cases[p["b"]]
        c.eq("pair concat", a["plain_concat_hex"], b["plain_concat_hex"])
        c.eq("pair encodings differ", a["encoded_hex"] != b["encoded_hex"], True)
        for fam in a["digests"]:
            c.eq(f"pair {fam} differs", a["digests"][fam] != b["digests"][fam], True)


def check_rfc9162(c, d):
    leaves = [bytes.fromhex(x) for x in d["leaves_hex"]]
    for row in d["roots"]:
        h = c.fn(row["family"])
        if h is None:
            continue
        for n, root in enumerate(row["roots"]):
            c.eq(f"root {row['family']} n={n}", root, mth(h, leaves[:n]).hex())
    for fam in d["proofs"]:
        h = c.fn(fam["family"])
        if h is None:
            continue
        for p in fam["inclusion"]:
            i, n = p["leaf_index"], p["tree_size"]
            path = [bytes.fromhex(x) for x in p["path"]]
            ok = verify_inclusion(h, i, n, leaves[i], path, mth(h, leaves[:n]))
            c.eq(f"inclusion {fam['family']} {i}/{n}", ok, True)
        for p in fam["consistency"]:
            m, n = p["old_size"], p["new_size"]
            path = [bytes.fromhex(x) for x in p["path"]]
            ok = verify_consistency(h, m, n, path, mth(h, leaves[:m]), mth(h, leaves[:n]))
            c.eq(f"consistency {fam['family']} {m}->{n}", ok, True)
        root7 = mth(h, leaves[:7])
        for p in fam["negative_inclusion"]:
            path = [bytes.fromhex(x) for x in p["path"]]
            ok = verify_inclusion(h, p["leaf_index"], p["tree_size"], leaves[p["leaf"]], path, root7)
            c.eq(f"negative {fam['family']} {p['why']} rejected", ok, False)


def dsha(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def naive_root(leaves):
    level = [dsha(x) for x in leaves]
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        level = [dsha(level[i] + level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def check_ambiguity(c, d):
    sha = hasher("sha2-256")
    cases = {x["id"]: x for x in d["cases"]}
    x = cases["cve-2012-2459"]
    la = [bytes.fromhex(v) for v in x["leaves_a_hex"]]
    lb = [bytes.fromhex(v) for v in x["leaves_b_hex"]]
    c.eq("2459 naive a", x["naive_bitcoin_root_a"], naive_root(la).hex())
    c.eq("2459 naive b", x["naive_bitcoin_root_b"], naive_root(lb).hex())
    c.eq("2459 naive roots collide", naive_root(la), naive_root(lb))
    c.eq("2459 rfc a", x["rfc9162_sha2_256_root_a"], mth(sha, la).hex())
    c.eq("2459 rfc b", x["rfc9162_sha2_256_root_b"], mth(sha, lb).hex())
    c.eq("2459 rfc roots differ", mth(sha, la) != mth(sha, lb), True)
    x = cases["cve-2017-12842"]
    a, b = bytes.fromhex(x["a_hex"]), bytes.fromhex(x["b_hex"])
    fake = dsha(a) + dsha(b)
    c.eq("12842 fake", x["naive_fake_leaf_hex"], fake.hex())
    c.eq("12842 naive collide", dsha(fake), dsha(dsha(a) + dsha(b)))
    c.eq("12842 naive leaf", x["naive_leaf_hash_of_fake"], dsha(fake).hex())
    ours = sha(b"\x00" + a) + sha(b"\x00" + b)
    c.eq("12842 rfc leaf", x["rfc9162_leaf_hash_of_fake"], sha(b"\x00" + ours).hex())
    c.eq("12842 rfc node", x["rfc9162_node_hash_of_a_b"], sha(b"\x01" + ours).hex())
    c.eq("12842 rfc differ", sha(b"\x00" + ours) != sha(b"\x01" + ours), True)
    k = c.fn("keccak-256")
    for p in cases["keccak-sha3-padding"]["cases"]:
        m = bytes.fromhex(p["input_hex"])
        c.eq("padding sha3", p["sha3_256"], hashlib.sha3_256(m).hexdigest())
        if k is not None:
            c.eq("padding keccak", p["keccak_256"], k(m).hex())
        c.eq("padding differ", p["sha3_256"] != p["keccak_256"], True)
    x = cases["length-extension"]
    secret, msg = bytes.fromhex(x["secret_hex"]), bytes.fromhex(x["msg_hex"])
    forged = bytes.fromhex(x["forged_msg_hex"])
    c.eq("lenext tag", x["naive_tag"], sha(secret + msg).hex())
    c.eq("lenext forged prefix", forged.startswith(msg), True)
    c.eq("lenext forgery verifies", sha(secret + forged).hex(), x["forged_tag"])
    f = lambda m: sha(framed(b"pqmigrate/v1/keyed", [secret, m])).hex()
    c.eq("lenext framed", x["framed_tag_of_msg"], f(msg))
    c.eq("lenext framed forged", x["framed_tag_of_forged_msg"], f(forged))
    c.eq("lenext framed refuses", f(forged) != x["forged_tag"], True)


def check_address(c, d):
    for row in d["addresses"]:
        h = c.fn(row["hash"])
        if h is None:
            continue
        pk = bytes.fromhex(row["public_key_payload"])
        full = h(framed(b"pqmigrate/v1/address", [varint(row["id"]), pk]))
        c.eq(f"address {row['alg']} {row['suite']}", row["address"], full[:row["address_len"]].hex())
    last = d["addresses"][-2:]
    c.eq("same key, two ids, two addresses", last[0]["address"] != last[1]["address"], True)


def read_varint(b, i):
    """Minimal LEB128 varint at b[i:]; returns (value, next index)."""
    v, shift = 0, 0
    while True:
        byte = b[i]
        v |= (byte & 0x7F) << shift
        i += 1
        shift += 7
        if not byte & 0x80:
            return v, i


P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
MLDSA_SIG_LEN = {"mldsa44": 2420, "mldsa65": 3309}


def der_s(der):
    """s of a DER ECDSA signature (SEQUENCE of two INTEGERs, short lengths)."""
    assert der[0] == 0x30 and der[1] == len(der) - 2
    rlen = der[3]
    i = 4 + rlen
    assert der[i] == 0x02
    return int.from_bytes(der[i + 2:i + 2 + der[i + 1]], "big")


def check_p256(c, d):
    if _ECC is None:
        print("SKIP P-256: pycryptodome not installed")
        return
    for a in d["algorithms"]:
        if "-ecdsa-p256-" not in a["alg"]:
            continue
        sig_len = MLDSA_SIG_LEN[a["alg"].split("-")[0]]
        pk = bytes.fromhex(a["public_key"])
        _, i = read_varint(pk, 0)
        point = pk[i:][-65:]
        key = _ECC.construct(curve="P-256", point_x=int.from_bytes(point[1:33], "big"),
                             point_y=int.from_bytes(point[33:], "big"))
        verifier = _DSS.new(key, "fips-186-3", encoding="der")
        m_prime = {}
        for s in a["signatures"]:
            env = bytes.fromhex(s["signature"])
            _, i = read_varint(env, 0)
            der = env[i + sig_len:]
            mp = bytes.fromhex(s["m_prime"])
            m_prime[s["ctx_hex"]] = mp
            c.eq(f"{a['alg']} low-S", der_s(der) <= P256_N // 2, True)
            verifier.verify(_SHA256.new(mp), der)  # raises if invalid
            c.checked += 1
        for n in a["negative"]:
            if not n["why"].startswith("high-S"):
                continue
            env = bytes.fromhex(n["signature"])
            _, i = read_varint(env, 0)
            der = env[i + sig_len:]
            c.eq(f"{a['alg']} twin is high-S", der_s(der) > P256_N // 2, True)
            # A valid ECDSA signature: refusing it is the low-S rule, not a broken encoding.
            verifier.verify(_SHA256.new(m_prime[n["ctx_hex"]]), der)
            c.eq(f"{a['alg']} twin must be refused", n["expected_error"] in ("decode", "verify"), True)


MULTISIG_SIG_LEN = {"secp256k1": 64, "ml-dsa-44": 2420, "mldsa44-ecdsa-secp256k1-sha256": 2484}


def read_minimal_varint(b, i):
    """read_varint, refusing a non-minimal encoding (a trailing 0x00 continuation)."""
    v, j = read_varint(b, i)
    if j - i > 1 and b[j - 1] == 0:
        raise ValueError("non-minimal varint")
    return v, j


def decode_multisig(sig, members, m):
    """The strict decoder of vectors/README.md: exactly m pairs, indices strictly
    increasing and below n, each signature envelope of its member's scheme."""
    count, i = read_minimal_varint(sig, 0)
    if count != m:
        raise ValueError("not the threshold")
    pairs, last = [], -1
    for _ in range(m):
        idx, i = read_minimal_varint(sig, i)
        if idx <= last or idx >= len(members):
            raise ValueError("index order or range")
        n, i = read_minimal_varint(sig, i)
        env = sig[i:i + n]
        if len(env) != n:
            raise ValueError("truncated")
        i += n
        alg_id, k = read_minimal_varint(env, 0)
        member = members[idx]
        if alg_id != member["id"] or len(env) - k != MULTISIG_SIG_LEN[member["alg"]]:
            raise ValueError("another scheme")
        pairs.append((idx, env[k:]))
        last = idx
    if i != len(sig):
        raise ValueError("trailing bytes")
    return pairs


def multisig_pair_ok(member, payload, signed, member_ctx):
    """Verifies one member's signature with Python `cryptography`; None if the scheme
    (a composite) or the package is not available here."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, mldsa
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
    except ImportError:
        return None
    pk = bytes.fromhex(member["public_key"])
    _, k = read_varint(pk, 0)
    pk = pk[k:]
    try:
        if member["alg"] == "secp256k1":
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256K1(), pk)
            der = encode_dss_signature(int.from_bytes(payload[:32], "big"),
                                       int.from_bytes(payload[32:], "big"))
            key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
        elif member["alg"] == "ml-dsa-44":
            mldsa.MLDSA44PublicKey.from_public_bytes(pk).verify(payload, signed, member_ctx)
        else:
            return None
    except InvalidSignature:
        return False
    return True


def check_multisig(c, d):
    members, m = d["members"], d["threshold"]
    encs = [bytes.fromhex(x["public_key"]) for x in members]
    c.eq("members in canonical order", encs, sorted(encs))
    desc = varint(m) + varint(len(encs)) + b"".join(varint(len(e)) + e for e in encs)
    c.eq("descriptor", d["descriptor"], desc.hex())
    h = hasher(d["digest_alg"])
    digest = h(framed(b"pqmigrate/v1/multisig", [desc]))
    mh = varint(CODES[d["digest_alg"]]) + varint(len(digest)) + digest
    c.eq("digest (multihash)", d["digest"], mh.hex())
    c.eq("address", d["address"], digest[:d["address_len"]].hex())
    msg, ctx = bytes.fromhex(d["message"]), bytes.fromhex(d["ctx"])
    signed = framed(b"pqmigrate/v1/multisig/sign", [mh, ctx, msg])
    c.eq("signed message", d["signed_message"], signed.hex())
    member_ctx = bytes.fromhex(d["member_context"])
    c.eq("member context", member_ctx, b"pqmigrate/v1/multisig/sign")
    unchecked = 0
    for v in d["valid"]:
        pairs = decode_multisig(bytes.fromhex(v["signature"]), members, m)
        c.eq("valid signers", [i for i, _ in pairs], v["signers"])
        for i, payload in pairs:
            ok = multisig_pair_ok(members[i], payload, signed, member_ctx)
            if ok is None:
                unchecked += 1
            else:
                c.eq(f"member {i} of {v['signers']} verifies", ok, True)
    for n in d["invalid_signatures"]:
        try:
            pairs = decode_multisig(bytes.fromhex(n["signature"]), members, m)
        except (ValueError, IndexError):
            c.eq(f"{n['case']} refused at decoding", n["refused_at"], "decode")
            continue
        c.eq(f"{n['case']} decodes", n["refused_at"], "verify")
        verdicts = [multisig_pair_ok(members[i], p, signed, member_ctx) for i, p in pairs]
        if all(v is None for v in verdicts):
            unchecked += 1
            continue
        c.eq(f"{n['case']} has a failing member signature", False in verdicts, True)
    for b in d["invalid_descriptors"]:
        raw = bytes.fromhex(b["descriptor"])
        thr, i = read_varint(raw, 0)
        cnt, i = read_varint(raw, i)
        keys = []
        for _ in range(cnt):
            n, i = read_varint(raw, i)
            keys.append(raw[i:i + n])
            i += n
        ordered = all(a < b2 for a, b2 in zip(keys, keys[1:]))
        # A shared component: the 33-byte ECDSA key of one member inside another's key.
        shared = any(a != b2 and a[1:] in b2 for a in keys for b2 in keys)
        refused = not (1 <= thr <= cnt) or not ordered or shared
        c.eq(f"descriptor refused: {b['case']}", refused, True)
    if unchecked:
        c.skipped.add(f"multisig: {unchecked} composite signature(s) (the Rust tests verify them)")


BROKEN = {"sha1", "curl-p-27"}


def check_policy(c, d):
    if _tomllib is None:
        print("SKIP policy: tomllib needs Python 3.11")
        return
    p = _tomllib.loads(d["policy_toml"])
    sigs = p["signatures"]
    max_age = sigs.get("attestation-max-age", 0)
    phases = sorted(sigs["phases"], key=lambda x: x["from"])

    def phase_at(h):
        return [x["phase"] for x in phases if x["from"] <= h][-1]

    for a in d["attestations"]:
        signed, incl = a["signed_height"], a["inclusion_height"]
        att = bytes.fromhex(a["attestation"])
        n, i = read_varint(att, 0)
        c.eq("attestation chain id", att[i:i + n].decode(), a["chain_id"])
        h, _ = read_varint(att, i + n)
        c.eq("attestation height", h, signed)
        # Judged at the inclusion height; the signer's height must be within the window.
        want = signed <= incl <= signed + max_age and phase_at(incl) != "classical-sunset"
        c.eq(f"attestation {signed} included at {incl}", a["allowed"], want)
    for bad in d["invalid_configs"]:
        q = _tomllib.loads(bad["policy_toml"])
        broken_left_open = False
        for role in q.get("hashes", {}).values():
            sched = role["schedule"]
            for k, e in enumerate(sched):
                if e["family"] in BROKEN and ("accepted-until" in e or k == len(sched) - 1):
                    broken_left_open = True
        c.eq(f"invalid config: {bad['why']}", broken_left_open, True)


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent)
    c = Checker()
    for name, fn in [("hash/kat.json", check_kat), ("hash/framing.json", check_framing),
                     ("merkle/rfc9162.json", check_rfc9162), ("merkle/ambiguity.json", check_ambiguity),
                     ("address/address.json", check_address), ("sig/composite.json", check_p256),
                     ("policy/example.json", check_policy), ("multisig/multisig.json", check_multisig)]:
        d = json.loads((root / name).read_text())
        assert d["version"] == 1, name
        before = c.checked
        fn(c, d)
        print(f"ok {name}: {c.checked - before} values")
    print(f"all {c.checked} checked values agree")


if __name__ == "__main__":
    main()
