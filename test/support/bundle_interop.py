"""Independent check of a Sigstore bundle v0.3 holding a DSSE envelope (cosign 3's form).

Uses Debian's python3-cryptography (OpenSSL) and the standard library only: nothing of Slipway's code and
nothing of sigstore's. Run with /usr/bin/python3, as `bundle_interop.py <bundle.json> <ca-root.pem>` or with one JSON object in on stdin:
  {"bundle": <bundle JSON text>, "caRootPem": <PEM of the certificate authority's root>}
and one JSON object out on stdout: {"valid": true, ...facts} or {"valid": false, "reason": "..."}.

What it checks, each written again here from the specifications:
  (a) the DSSE pre-authentication encoding, rebuilt from payloadType and payload;
  (b) the ECDSA signature over it, with the public key of the leaf certificate in the bundle;
  (c) the leaf is issued and signed by the given CA root (issuer name and signature over the TBS bytes);
  (d) the leaf's subject alternative name and Fulcio's issuer extension (OID 1.3.6.1.4.1.57264.1.8);
  (e) the in-toto statement: its subject digests and predicate type.
"""

import base64
import json
import sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json"
IN_TOTO = "application/vnd.in-toto+json"
FULCIO_ISSUER_V2 = x509.ObjectIdentifier("1.3.6.1.4.1.57264.1.8")
FULCIO_ISSUER_V1 = x509.ObjectIdentifier("1.3.6.1.4.1.57264.1.1")


class Refused(Exception):
    pass


def pae(payload_type, payload):
    """DSSE v1: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def der_utf8_string(data):
    """The value of a DER UTF8String (tag 12), as Fulcio encodes the v2 extensions."""
    if len(data) < 2 or data[0] != 0x0C:
        raise Refused("issuer extension is not a DER UTF8String")
    length = data[1]
    offset = 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[2:2 + count], "big")
        offset = 2 + count
    if offset + length != len(data):
        raise Refused("issuer extension has a bad length")
    return data[offset:offset + length].decode("utf-8")


def leaf_of(material):
    if "certificate" in material:
        raw = material["certificate"]["rawBytes"]
    elif "x509CertificateChain" in material:
        raw = material["x509CertificateChain"]["certificates"][0]["rawBytes"]
    else:
        raise Refused("no certificate in verificationMaterial (a key-signed bundle?)")
    return x509.load_der_x509_certificate(base64.b64decode(raw, validate=True))


def issuer_extension(leaf):
    for extension in leaf.extensions:
        if extension.oid == FULCIO_ISSUER_V2:
            return der_utf8_string(extension.value.value)
    for extension in leaf.extensions:
        if extension.oid == FULCIO_ISSUER_V1:
            return extension.value.value.decode("utf-8")
    raise Refused("leaf certificate has no Fulcio issuer extension")


def check(req):
    bundle = json.loads(req["bundle"])
    if bundle.get("mediaType") != BUNDLE_V03:
        raise Refused("mediaType is %r, not the v0.3 bundle" % bundle.get("mediaType"))
    envelope = bundle.get("dsseEnvelope")
    if envelope is None:
        raise Refused("no dsseEnvelope")
    payload = base64.b64decode(envelope["payload"], validate=True)
    payload_type = envelope["payloadType"]
    signatures = envelope["signatures"]
    if len(signatures) != 1:
        raise Refused("expected one DSSE signature, found %d" % len(signatures))
    signature = base64.b64decode(signatures[0]["sig"], validate=True)

    # (b) the signature, with the leaf's key, over (a) the encoding rebuilt here
    leaf = leaf_of(bundle["verificationMaterial"])
    key = leaf.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise Refused("leaf key is not ECDSA")
    try:
        key.verify(signature, pae(payload_type, payload), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Refused("DSSE signature does not verify with the leaf certificate's key")

    # (c) the chain: the leaf names the root as issuer and the root's key signed the leaf's TBS bytes
    root = x509.load_pem_x509_certificate(req["caRootPem"].encode())
    if leaf.issuer != root.subject:
        raise Refused("leaf issuer %s is not the CA root %s" % (leaf.issuer.rfc4514_string(),
                                                                   root.subject.rfc4514_string()))
    try:
        root.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes,
                                 ec.ECDSA(leaf.signature_hash_algorithm))
    except InvalidSignature:
        raise Refused("leaf certificate is not signed by the CA root")

    # (d) identity: the SAN (URI for workflows, email for people) and the OIDC issuer
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    names = san.get_values_for_type(x509.UniformResourceIdentifier) + san.get_values_for_type(x509.RFC822Name)
    if len(names) != 1:
        raise Refused("expected one SAN, found %r" % names)
    issuer = issuer_extension(leaf)
    code_signing = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    if x509.oid.ExtendedKeyUsageOID.CODE_SIGNING not in code_signing:
        raise Refused("leaf certificate is not for code signing")

    # (e) the statement
    if payload_type != IN_TOTO:
        raise Refused("payloadType is %r, not in-toto" % payload_type)
    statement = json.loads(payload.decode("utf-8"))
    if statement.get("_type") != "https://in-toto.io/Statement/v1":
        raise Refused("statement _type is %r" % statement.get("_type"))
    return {
        "valid": True,
        "subjectAlternativeName": names[0],
        "issuer": issuer,
        "notBefore": leaf.not_valid_before.isoformat() + "Z",
        "notAfter": leaf.not_valid_after.isoformat() + "Z",
        "predicateType": statement["predicateType"],
        "subject": [{"name": s.get("name"), "sha256": s["digest"]["sha256"]} for s in statement["subject"]],
        "timestamps": len(bundle["verificationMaterial"].get("timestampVerificationData", {})
                          .get("rfc3161Timestamps", [])),
        "tlogEntries": len(bundle["verificationMaterial"].get("tlogEntries", [])),
    }


def main():
    if len(sys.argv) == 3:
        # By hand: bundle_interop.py <bundle.json> <ca-root.pem>
        with open(sys.argv[1]) as bundle, open(sys.argv[2]) as root:
            req = {"bundle": bundle.read(), "caRootPem": root.read()}
    else:
        req = json.load(sys.stdin)
    try:
        answer = check(req)
    except Refused as refusal:
        answer = {"valid": False, "reason": str(refusal)}
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
