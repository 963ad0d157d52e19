#!/usr/bin/env python3
"""Interop with Python `cryptography` (OpenSSL-backed), driven by tests/interop_cryptography.rs.

Usage: cryptography_interop.py DIR

DIR/ours/ holds keys pqmigrate wrote: NAME.pkcs8.pem, NAME.enc.pem (passphrase in
DIR/pass.txt), NAME.spki.pem, and ml-dsa-65.sig over DIR/msg.bin with context
DIR/ctx.bin. This script checks that each loads here and that the signature verifies,
then writes DIR/theirs/: keys made here (plain and encrypted PKCS#8, SPKI), an ML-DSA-65
signature with context, and an ML-KEM-768 ciphertext to pqmigrate's key with the shared
secret, for the Rust side to check. Exit 0 when every check passed; 3 when the
`cryptography` package (>= 46, with ML-DSA and ML-KEM) is missing.
"""
import pathlib
import sys

try:
    import cryptography
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, mldsa, mlkem
except ImportError as e:  # pragma: no cover
    print(f"cryptography with ML-DSA/ML-KEM not importable: {e}", file=sys.stderr)
    sys.exit(3)

TYPES = {
    "ml-dsa-44": mldsa.MLDSA44PrivateKey,
    "ml-dsa-65": mldsa.MLDSA65PrivateKey,
    "ml-dsa-87": mldsa.MLDSA87PrivateKey,
    "ml-kem-768": mlkem.MLKEM768PrivateKey,
    "ml-kem-1024": mlkem.MLKEM1024PrivateKey,
    "secp256k1": ec.EllipticCurvePrivateKey,
    "p256": ec.EllipticCurvePrivateKey,
    "ed25519": ed25519.Ed25519PrivateKey,
}
CURVES = {"secp256k1": ec.SECP256K1, "p256": ec.SECP256R1}


def spki_der(public_key):
    return public_key.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)


def main(root: pathlib.Path) -> int:
    ours, theirs = root / "ours", root / "theirs"
    theirs.mkdir(exist_ok=True)
    password = (root / "pass.txt").read_bytes()
    checked = []
    for name, cls in TYPES.items():
        try:
            plain = ser.load_pem_private_key((ours / f"{name}.pkcs8.pem").read_bytes(), None)
        except ValueError as e:
            raise AssertionError(f"{name}: {e}") from e
        enc = ser.load_pem_private_key((ours / f"{name}.enc.pem").read_bytes(), password)
        public = ser.load_pem_public_key((ours / f"{name}.spki.pem").read_bytes())
        assert isinstance(plain, cls), (name, type(plain))
        if name in CURVES:
            assert isinstance(plain.curve, CURVES[name]), (name, plain.curve)
        want = spki_der(public)
        assert spki_der(plain.public_key()) == want, name
        assert spki_der(enc.public_key()) == want, name
        # Our SPKI is byte-identical to the one OpenSSL writes for the same key.
        assert (ours / f"{name}.spki.pem").read_bytes().strip() == public.public_bytes(
            ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo
        ).strip(), name
        checked.append(name)

    # Our ML-DSA-65 signature with a context verifies here.
    msg, ctx = (root / "msg.bin").read_bytes(), (root / "ctx.bin").read_bytes()
    pk65 = ser.load_pem_public_key((ours / "ml-dsa-65.spki.pem").read_bytes())
    pk65.verify((ours / "ml-dsa-65.sig").read_bytes(), msg, ctx)
    try:
        pk65.verify((ours / "ml-dsa-65.sig").read_bytes(), msg, ctx + b"x")
        raise AssertionError("signature verified under another context")
    except cryptography.exceptions.InvalidSignature:
        pass

    # Keys made here, for pqmigrate to import.
    made = {
        "ml-dsa-44": mldsa.MLDSA44PrivateKey.generate(),
        "ml-dsa-65": mldsa.MLDSA65PrivateKey.generate(),
        "ml-dsa-87": mldsa.MLDSA87PrivateKey.generate(),
        "ml-kem-768": mlkem.MLKEM768PrivateKey.generate(),
        "ml-kem-1024": mlkem.MLKEM1024PrivateKey.generate(),
        "secp256k1": ec.generate_private_key(ec.SECP256K1()),
    }
    for name, key in made.items():
        (theirs / f"{name}.pkcs8.der").write_bytes(
            key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())
        )
        (theirs / f"{name}.enc.pem").write_bytes(
            key.private_bytes(
                ser.Encoding.PEM,
                ser.PrivateFormat.PKCS8,
                ser.BestAvailableEncryption(password),
            )
        )
        (theirs / f"{name}.spki.der").write_bytes(spki_der(key.public_key()))
    (theirs / "ml-dsa-65.sig").write_bytes(made["ml-dsa-65"].sign(msg, ctx))

    # An ML-KEM-768 ciphertext to pqmigrate's key.
    ek = ser.load_pem_public_key((ours / "ml-kem-768.spki.pem").read_bytes())
    secret, ct = ek.encapsulate()
    (theirs / "ml-kem-768.ct").write_bytes(ct)
    (theirs / "ml-kem-768.ss").write_bytes(secret)

    print(f"cryptography {cryptography.__version__}: loaded {', '.join(checked)}; "
          f"ML-DSA-65 signature with context verified; wrote {len(made)} keys")
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
