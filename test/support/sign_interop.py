"""Independent cosign-format checks for Slipway's signing tests.

Uses Debian's python3-cryptography (OpenSSL) and python3-nacl (libsodium) plus hashlib.scrypt: nothing of
Slipway's code. Run with /usr/bin/python3. One JSON object in, one JSON object out (stdin/stdout).
"""

import base64
import hashlib
import json
import os
import sys

import nacl.secret
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64(data):
    return base64.b64encode(data).decode()


def pem_body(text, labels):
    lines = text.strip().splitlines()
    begin = lines[0]
    label = begin[len("-----BEGIN "):-len("-----")]
    if label not in labels:
        raise ValueError("unexpected label " + label)
    if lines[-1] != "-----END " + label + "-----":
        raise ValueError("bad END line")
    return label, base64.b64decode("".join(lines[1:-1]), validate=True)


def spki_hex(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def decrypt_key(req):
    label, body = pem_body(req["pem"], ["ENCRYPTED COSIGN PRIVATE KEY", "ENCRYPTED SIGSTORE PRIVATE KEY"])
    raw = body.decode()
    doc = json.loads(raw)
    params = doc["kdf"]["params"]
    salt = base64.b64decode(doc["kdf"]["salt"])
    n = params["N"]
    key = hashlib.scrypt(req["password"].encode(), salt=salt, n=n, r=params["r"], p=params["p"], dklen=32,
                         maxmem=256 * n * params["r"] + (16 << 20))
    box = nacl.secret.SecretBox(key)
    pkcs8 = box.decrypt(base64.b64decode(doc["ciphertext"]), base64.b64decode(doc["cipher"]["nonce"]))
    private = serialization.load_der_private_key(pkcs8, password=None)
    return {
        "label": label,
        "keyOrder": list(doc.keys()),
        "kdfName": doc["kdf"]["name"],
        "params": params,
        "saltBytes": len(salt),
        "cipherName": doc["cipher"]["name"],
        "nonceBytes": len(base64.b64decode(doc["cipher"]["nonce"])),
        "rawBody": raw,
        "curve": private.curve.name,
        "fingerprint": spki_hex(private.public_key()),
    }


def encrypt_key(req):
    private = ec.generate_private_key(ec.SECP256R1())
    pkcs8 = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    n = req["n"]
    salt = os.urandom(32)
    key = hashlib.scrypt(req["password"].encode(), salt=salt, n=n, r=8, p=1, dklen=32, maxmem=256 * n * 8 + (16 << 20))
    nonce = os.urandom(24)
    sealed = nacl.secret.SecretBox(key).encrypt(pkcs8, nonce).ciphertext
    body = json.dumps({
        "kdf": {"name": "scrypt", "params": {"N": n, "r": 8, "p": 1}, "salt": b64(salt)},
        "cipher": {"name": "nacl/secretbox", "nonce": b64(nonce)},
        "ciphertext": b64(sealed),
    }, separators=(",", ":")).encode()
    text = b64(body)
    label = req["label"]
    pem = "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (
        label, "\n".join(text[i:i + 64] for i in range(0, len(text), 64)), label)
    public = private.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    plain = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()).decode()
    return {"pem": pem, "publicPem": public, "plainPem": plain, "fingerprint": spki_hex(private.public_key())}


def strict_payload(payload):
    """The payload rules containers/image applies, written again here."""
    def no_dupes(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key")
        return dict(pairs)

    doc = json.loads(payload.decode("utf-8"), object_pairs_hook=no_dupes)
    assert set(doc.keys()) == {"critical", "optional"}, doc.keys()
    critical = doc["critical"]
    assert set(critical.keys()) == {"type", "image", "identity"}, critical.keys()
    assert critical["type"] == "cosign container image signature"
    assert set(critical["image"].keys()) == {"docker-manifest-digest"}
    assert set(critical["identity"].keys()) == {"docker-reference"}
    optional = doc["optional"]
    assert optional is None or isinstance(optional, dict)
    compact = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
    return {
        "digest": critical["image"]["docker-manifest-digest"],
        "reference": critical["identity"]["docker-reference"],
        "optional": optional,
        "compactSameBytes": compact == payload,
        "trailingNewline": payload.endswith(b"\n"),
    }


def verify(req):
    public = serialization.load_pem_public_key(req["publicPem"].encode())
    payload = base64.b64decode(req["payload"])
    signature = base64.b64decode(req["signature"])
    try:
        public.verify(signature, payload, ec.ECDSA(hashes.SHA256()))
        ok = True
    except InvalidSignature:
        ok = False
    result = {"valid": ok, "signatureBytes": len(signature), "derTag": signature[0] if signature else None}
    if ok:
        result["payload"] = strict_payload(payload)
    return result


def sign(req):
    private = serialization.load_pem_private_key(req["plainPem"].encode(), password=None)
    payload = base64.b64decode(req["payload"])
    return {"signature": b64(private.sign(payload, ec.ECDSA(hashes.SHA256())))}


def rekor_set(req):
    """cosign 2's Rekor proof of a .sig layer (dev.sigstore.cosign/bundle): the signed entry timestamp is the
    log's ECDSA signature over the canonical JSON (sorted keys, no spaces) of body, integratedTime, logID and
    logIndex, as Rekor's and cosign's verifiers rebuild it."""
    proof = json.loads(req["annotation"])
    log_key_der = base64.b64decode(req["rekorKeyDer"])
    log_key = serialization.load_der_public_key(log_key_der)
    payload = proof["Payload"]
    canonical = json.dumps(
        {
            "body": payload["body"],
            "integratedTime": payload["integratedTime"],
            "logID": payload["logID"],
            "logIndex": payload["logIndex"],
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    try:
        log_key.verify(base64.b64decode(proof["SignedEntryTimestamp"]), canonical, ec.ECDSA(hashes.SHA256()))
        ok = True
    except InvalidSignature:
        ok = False
    return {
        "setValid": ok,
        "logIdIsKeyHash": payload["logID"] == hashlib.sha256(log_key_der).hexdigest(),
        "integerFields": all(type(payload[k]) is int for k in ("integratedTime", "logIndex")),
        "body": json.loads(base64.b64decode(payload["body"])),
    }


def main():
    req = json.load(sys.stdin)
    op = {
        "decrypt-key": decrypt_key,
        "encrypt-key": encrypt_key,
        "verify": verify,
        "sign": sign,
        "rekor-set": rekor_set,
    }[req["op"]]
    json.dump(op(req), sys.stdout)


if __name__ == "__main__":
    main()
