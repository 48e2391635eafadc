#!/usr/bin/env python3
"""Generate the RSA key pool the KMS model draws its RSA keys from.

RSA key generation in WebAssembly takes seconds (RSA-4096: ~8 s), which would
freeze the page during GetParametersForImport or CreateKey. Playground keys
are not secret, so the model ships a fixed pool of real keys and picks one
with the world's seeded RNG: fast, and deterministic by construction.

The file stores, per key: the modulus size in bits (u16, big-endian), then
the primes p and q (bits/16 bytes each, big-endian). The model rebuilds the
private key from p, q and e = 65537. Usage: python3 tools/make_rsa_pool.py
(needs the openssl command line); writes src/sim/kms/rsa_pool.bin.
"""
import os, re, subprocess, struct

KEYS_PER_SIZE = 4
SIZES = (2048, 3072, 4096)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "sim", "kms", "rsa_pool.bin")


def primes(bits):
    pem = subprocess.check_output(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"])
    text = subprocess.check_output(["openssl", "pkey", "-noout", "-text"], input=pem).decode()
    def field(name):
        block = re.search(name + r":\s*\n((?:\s+[0-9a-f:]+\n)+)", text).group(1)
        return int(re.sub(r"[\s:]", "", block), 16)
    assert "publicExponent: 65537" in text
    return field("prime1"), field("prime2")


def main():
    out = bytearray()
    for bits in SIZES:
        for _ in range(KEYS_PER_SIZE):
            p, q = primes(bits)
            out += struct.pack(">H", bits) + p.to_bytes(bits // 16, "big") + q.to_bytes(bits // 16, "big")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(out)
    print(f"wrote {len(out)} bytes to {OUT}")


if __name__ == "__main__":
    main()
