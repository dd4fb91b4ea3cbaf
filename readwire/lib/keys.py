"""Secrets generated on first run and kept under var/, never in the repository."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    # Two processes starting together may both generate; rename is atomic and
    # the loser's key simply replaces an identical-purpose one before anyone used it.
    if not path.exists():
        os.replace(tmp, path)
    else:
        tmp.unlink()


def load_or_create_secret_key(var_dir: Path) -> str:
    path = var_dir / "secret_key"
    if not path.exists():
        _write_private(path, secrets.token_urlsafe(50).encode())
    return path.read_text().strip()


def load_or_create_vapid_keys(var_dir: Path) -> tuple[str, str]:
    """Return (private key PEM path, public key as URL-safe base64 of the raw point).

    Web Push (RFC 8292) identifies the application server by an ECDSA P-256 key pair.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    path = var_dir / "vapid_private.pem"
    if not path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _write_private(path, pem)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path} does not hold an elliptic-curve key; delete it to generate a new one")
    raw = loaded.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return str(path), base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
