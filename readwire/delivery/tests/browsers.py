"""Push subscriptions shaped exactly as a browser's ``PushSubscription.toJSON()`` gives them."""

import base64
import os

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def browser_subscription(endpoint="https://fcm.googleapis.com/fcm/send/dXJ8Lk1:APA91bH") -> dict:
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    p256dh = public.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return {
        "endpoint": endpoint,
        "expirationTime": None,
        "keys": {"p256dh": b64url(p256dh), "auth": b64url(os.urandom(16))},
    }
