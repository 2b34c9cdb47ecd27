// ECDSA signature encodings. Signatures are ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`; the raw
// IEEE P1363 form (r‖s, 64 bytes for P-256) is what WebCrypto and some tools emit, and cosign and
// containers/image do not accept it, so neither does Slipway.

/** Whether `signature` is a strictly (minimally) encoded DER ECDSA signature with P-256-sized integers. */
export function isDerEcdsaSignature(signature: Uint8Array): boolean {
  if (signature.length < 8 || signature.length > 72 || signature[0] !== 0x30) return false;
  const length = signature[1];
  if (length === undefined || length >= 0x80 || length !== signature.length - 2) return false;
  let offset = 2;
  for (let i = 0; i < 2; i++) {
    if (signature[offset] !== 0x02) return false;
    const size = signature[offset + 1];
    if (size === undefined || size === 0 || size > 33) return false;
    const first = signature[offset + 2];
    const second = signature[offset + 3];
    if (first === undefined) return false;
    if (first & 0x80) return false; // negative
    if (first === 0 && size > 1 && second !== undefined && !(second & 0x80)) return false; // not minimal
    offset += 2 + size;
    if (offset > signature.length) return false;
  }
  return offset === signature.length;
}

/** Whether `signature` looks like an IEEE P1363 P-256 signature (64 raw bytes) rather than DER. */
export function looksLikeP1363(signature: Uint8Array): boolean {
  return signature.length === 64 && !isDerEcdsaSignature(signature);
}
