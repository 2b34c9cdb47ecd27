export const id = 316;
export const ids = [316];
export const modules = {

/***/ 62316:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BUNDLE_MEDIA_TYPE: () => (/* reexport */ BUNDLE_MEDIA_TYPE),
  CERTIFICATE_ANNOTATION: () => (/* reexport */ CERTIFICATE_ANNOTATION),
  CHAIN_ANNOTATION: () => (/* reexport */ CHAIN_ANNOTATION),
  COSIGN_KEY_LABEL: () => (/* reexport */ COSIGN_KEY_LABEL),
  DEFAULT_SCRYPT_N: () => (/* reexport */ DEFAULT_SCRYPT_N),
  DOCKER_MANIFEST: () => (/* reexport */ DOCKER_MANIFEST),
  EMPTY_MEDIA_TYPE: () => (/* reexport */ EMPTY_MEDIA_TYPE),
  GITHUB_ACTIONS_ISSUER: () => (/* reexport */ sigstore_identity/* GITHUB_ACTIONS_ISSUER */.qQ),
  GITHUB_FULCIO_URL: () => (/* reexport */ GITHUB_FULCIO_URL),
  GITHUB_TOKEN_REQUEST_VARIABLE: () => (/* reexport */ GITHUB_TOKEN_REQUEST_VARIABLE),
  GITHUB_TOKEN_URL_VARIABLE: () => (/* reexport */ GITHUB_TOKEN_URL_VARIABLE),
  GITHUB_TSA_URL: () => (/* reexport */ GITHUB_TSA_URL),
  GITHUB_WORKFLOW_BUILD_TYPE: () => (/* reexport */ GITHUB_WORKFLOW_BUILD_TYPE),
  IDENTITY_TOKEN_SECRET_VARIABLES: () => (/* reexport */ IDENTITY_TOKEN_SECRET_VARIABLES),
  IN_TOTO_PAYLOAD_TYPE: () => (/* reexport */ IN_TOTO_PAYLOAD_TYPE),
  IN_TOTO_STATEMENT_TYPE: () => (/* reexport */ IN_TOTO_STATEMENT_TYPE),
  IN_TOTO_STATEMENT_V01: () => (/* reexport */ IN_TOTO_STATEMENT_V01),
  InvalidPayloadError: () => (/* reexport */ InvalidPayloadError),
  KMS_HTTP_TIMEOUTS: () => (/* reexport */ KMS_HTTP_TIMEOUTS),
  KMS_SCHEME: () => (/* reexport */ KMS_SCHEME),
  KeylessLayerError: () => (/* reexport */ KeylessLayerError),
  MAX_BUNDLE_BYTES: () => (/* reexport */ MAX_BUNDLE_BYTES),
  MAX_IDENTITY_PATTERN_LENGTH: () => (/* reexport */ sigstore_identity/* MAX_IDENTITY_PATTERN_LENGTH */.uL),
  MAX_STATEMENT_BYTES: () => (/* reexport */ MAX_STATEMENT_BYTES),
  MAX_TRUSTED_ROOT_BYTES: () => (/* reexport */ MAX_TRUSTED_ROOT_BYTES),
  OCI_CONFIG: () => (/* reexport */ OCI_CONFIG),
  OCI_MANIFEST: () => (/* reexport */ OCI_MANIFEST),
  PASSWORD_VARIABLES: () => (/* reexport */ PASSWORD_VARIABLES),
  POLICY_FILE: () => (/* reexport */ POLICY_FILE),
  PUBLIC_GOOD_FULCIO_URL: () => (/* reexport */ PUBLIC_GOOD_FULCIO_URL),
  PUBLIC_GOOD_REKOR_URL: () => (/* reexport */ PUBLIC_GOOD_REKOR_URL),
  PUBLIC_GOOD_TSA_URL: () => (/* reexport */ PUBLIC_GOOD_TSA_URL),
  PUBLIC_KEY_LABEL: () => (/* reexport */ PUBLIC_KEY_LABEL),
  PolicyError: () => (/* reexport */ PolicyError),
  REKOR_BUNDLE_ANNOTATION: () => (/* reexport */ REKOR_BUNDLE_ANNOTATION),
  SIGNATURE_ANNOTATION: () => (/* reexport */ SIGNATURE_ANNOTATION),
  SIGNATURE_TYPE: () => (/* reexport */ SIGNATURE_TYPE),
  SIGNING_CONFIG_MEDIA_TYPE: () => (/* reexport */ SIGNING_CONFIG_MEDIA_TYPE),
  SIGN_PREDICATE_TYPE: () => (/* reexport */ SIGN_PREDICATE_TYPE),
  SIGSTORE_AUDIENCE: () => (/* reexport */ SIGSTORE_AUDIENCE),
  SIGSTORE_ID_TOKEN_VARIABLE: () => (/* reexport */ SIGSTORE_ID_TOKEN_VARIABLE),
  SIGSTORE_INSTANCES: () => (/* reexport */ SIGSTORE_INSTANCES),
  SIGSTORE_KEY_LABEL: () => (/* reexport */ SIGSTORE_KEY_LABEL),
  SIMPLE_SIGNING_MEDIA_TYPE: () => (/* reexport */ SIMPLE_SIGNING_MEDIA_TYPE),
  SLSA_PROVENANCE_V1: () => (/* reexport */ SLSA_PROVENANCE_V1),
  SUPPORTED_SCRYPT_N: () => (/* reexport */ SUPPORTED_SCRYPT_N),
  StatementError: () => (/* reexport */ StatementError),
  VerificationError: () => (/* reexport */ VerificationError),
  buildPayload: () => (/* reexport */ buildPayload),
  bytesBlob: () => (/* reexport */ bytesBlob),
  checkIdentity: () => (/* reexport */ checkIdentity),
  checkSigstoreBundle: () => (/* reexport */ checkSigstoreBundle),
  decodePemBlocks: () => (/* reexport */ decodePemBlocks),
  decryptCosignKey: () => (/* reexport */ decryptCosignKey),
  deriveKey: () => (/* reexport */ deriveKey),
  describeRequirement: () => (/* reexport */ sigstore_identity/* describeRequirement */.vo),
  encodePem: () => (/* reexport */ encodePem),
  encodeSignatureManifest: () => (/* reexport */ encodeSignatureManifest),
  encodeStatement: () => (/* reexport */ encodeStatement),
  encryptCosignKey: () => (/* reexport */ encryptCosignKey),
  encryptPrivateKey: () => (/* reexport */ encryptPrivateKey),
  findEnvironment: () => (/* reexport */ findEnvironment),
  generateKeyPair: () => (/* reexport */ generateKeyPair),
  githubWorkflowIdentity: () => (/* reexport */ sigstore_identity/* githubWorkflowIdentity */.TV),
  hasRekorProof: () => (/* reexport */ hasRekorProof),
  identityMismatch: () => (/* reexport */ sigstore_identity/* identityMismatch */.tx),
  identityPatternProblem: () => (/* reexport */ sigstore_identity/* identityPatternProblem */.E0),
  identityToken: () => (/* reexport */ identityToken),
  identityTokenAvailable: () => (/* reexport */ identityTokenAvailable),
  imageSignatureStatement: () => (/* reexport */ imageSignatureStatement),
  indexChildDigests: () => (/* reexport */ indexChildDigests),
  isDerEcdsaSignature: () => (/* reexport */ isDerEcdsaSignature),
  isKeylessLayer: () => (/* reexport */ isKeylessLayer),
  isKmsUri: () => (/* reexport */ isKmsUri),
  isLoopback: () => (/* reexport */ isLoopback),
  keyFingerprint: () => (/* reexport */ keyFingerprint),
  keyPassword: () => (/* reexport */ keyPassword),
  keyedLayerBundle: () => (/* reexport */ keyedLayerBundle),
  keylessLayerBundle: () => (/* reexport */ keylessLayerBundle),
  kmsSigner: () => (/* reexport */ kmsSigner),
  kmsVerifier: () => (/* reexport */ kmsVerifier),
  layerSignature: () => (/* reexport */ layerSignature),
  loadPolicyKeys: () => (/* reexport */ loadPolicyKeys),
  loadSigner: () => (/* reexport */ loadSigner),
  loadTrustRoot: () => (/* reexport */ loadTrustRoot),
  loadVerifier: () => (/* reexport */ loadVerifier),
  loadVerifiers: () => (/* reexport */ loadVerifiers),
  localSigner: () => (/* reexport */ localSigner),
  logLayerSignature: () => (/* reexport */ logLayerSignature),
  looksLikeP1363: () => (/* reexport */ looksLikeP1363),
  parseKeySource: () => (/* reexport */ parseKeySource),
  parseKmsUri: () => (/* reexport */ parseKmsUri),
  parsePayload: () => (/* reexport */ parsePayload),
  parsePolicy: () => (/* reexport */ parsePolicy),
  parseSignatureManifest: () => (/* reexport */ parseSignatureManifest),
  parseSigningConfig: () => (/* reexport */ parseSigningConfig),
  parseVerifiedIdentity: () => (/* reexport */ sigstore_identity/* parseVerifiedIdentity */.CR),
  pinOverrideRefusal: () => (/* reexport */ pinOverrideRefusal),
  provenanceMismatch: () => (/* reexport */ provenanceMismatch),
  provenanceStatement: () => (/* reexport */ provenanceStatement),
  publicKeyPem: () => (/* reexport */ publicKeyPem),
  publicKeyVerifier: () => (/* reexport */ publicKeyVerifier),
  readBlob: () => (/* reexport */ readBlob),
  readPrivateKey: () => (/* reexport */ readPrivateKey),
  readPublicKey: () => (/* reexport */ readPublicKey),
  readStatement: () => (/* reexport */ readStatement),
  resolveEndpoints: () => (/* reexport */ resolveEndpoints),
  serviceFailure: () => (/* reexport */ serviceFailure),
  serviceUrl: () => (/* reexport */ serviceUrl),
  sha256Digest: () => (/* reexport */ sha256Digest),
  signBundle: () => (/* reexport */ signBundle),
  signImage: () => (/* reexport */ signImage),
  signImageBundle: () => (/* reexport */ signImageBundle),
  signProvenance: () => (/* reexport */ signProvenance),
  signatureLayer: () => (/* reexport */ signatureLayer),
  signatureLayers: () => (/* reexport */ signatureLayers),
  signatureTag: () => (/* reexport */ signatureTag),
  sigstoreRejection: () => (/* reexport */ sigstoreRejection),
  tufCacheDir: () => (/* reexport */ tufCacheDir),
  verifiedByIdentity: () => (/* reexport */ sigstore_identity/* verifiedByIdentity */.CD),
  verifyBundleReferrers: () => (/* reexport */ verifyBundleReferrers),
  verifyImage: () => (/* reexport */ verifyImage),
  writeBundleReferrer: () => (/* reexport */ writeBundleReferrer),
  writeKeyPair: () => (/* reexport */ writeKeyPair)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ../../packages/errors/src/index.ts
var src = __webpack_require__(58014);
// EXTERNAL MODULE: ../../node_modules/.pnpm/tweetnacl@1.0.3/node_modules/tweetnacl/nacl-fast.js
var nacl_fast = __webpack_require__(82236);
var nacl_fast_default = /*#__PURE__*/__webpack_require__.n(nacl_fast);
;// CONCATENATED MODULE: ../../packages/sign/src/keys/cosign.ts
// cosign's encrypted private key: PEM (`ENCRYPTED COSIGN PRIVATE KEY`, or `ENCRYPTED SIGSTORE PRIVATE KEY`
// since cosign 2.0.1) around base64 JSON naming the KDF (scrypt), the cipher (NaCl secretbox,
// XSalsa20-Poly1305) and the sealed PKCS#8 DER. See shared/signing-formats.md.



const COSIGN_KEY_LABEL = 'ENCRYPTED COSIGN PRIVATE KEY';
const SIGSTORE_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
/** The work factor Slipway writes: the only one older readers (skopeo 1.9) accept. */
const DEFAULT_SCRYPT_N = 32768;
/** The work factors Slipway reads (cosign has written each of them). */
const SUPPORTED_SCRYPT_N = [32768, 65536, 131072];
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const SALT_BYTES = 32;
/** The derived key for `password`: scrypt with cosign's parameters, 32 bytes. */
function deriveKey(password, salt, n) {
    return new Promise((resolve, reject) => {
        // Node refuses unless maxmem covers the 128·N·r bytes scrypt needs; give it twice that plus a margin.
        const maxmem = 256 * n * SCRYPT_R + 16 * 1024 * 1024;
        (0,external_node_crypto_.scrypt)(Buffer.from(password, 'utf8'), salt, (nacl_fast_default()).secretbox.keyLength, { N: n, r: SCRYPT_R, p: SCRYPT_P, maxmem }, (error, key) => (error === null ? resolve(new Uint8Array(key)) : reject(error)));
    });
}
/** Seals PKCS#8 DER under `password`: the base64-free JSON body of a cosign key, keys in cosign's order. */
async function encryptCosignKey(pkcs8, password, options = {}) {
    const n = options.n ?? DEFAULT_SCRYPT_N;
    const salt = (0,external_node_crypto_.randomBytes)(SALT_BYTES);
    const nonce = (0,external_node_crypto_.randomBytes)((nacl_fast_default()).secretbox.nonceLength);
    const key = await deriveKey(password, salt, n);
    const ciphertext = nacl_fast_default().secretbox(pkcs8, nonce, key);
    const body = `{"kdf":{"name":"scrypt","params":{"N":${n},"r":${SCRYPT_R},"p":${SCRYPT_P}},"salt":"${salt.toString('base64')}"},` +
        `"cipher":{"name":"nacl/secretbox","nonce":"${nonce.toString('base64')}"},` +
        `"ciphertext":"${Buffer.from(ciphertext).toString('base64')}"}`;
    return new Uint8Array(Buffer.from(body, 'utf8'));
}
/**
 * Opens the JSON body of a cosign key with `password`: the PKCS#8 DER inside. Throws a SlipwayError for
 * a malformed body, unsupported parameters, and a wrong password.
 */
async function decryptCosignKey(body, password, where) {
    const invalid = (reason) => new src/* SlipwayError */.GQ(`not a valid cosign private key: ${reason}`, {
        where,
        fix: 'use a key written by `slipway keygen` or `cosign generate-key-pair`',
    });
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch {
        throw invalid('its body is not JSON');
    }
    const kdf = field(parsed, 'kdf');
    const params = field(kdf, 'params');
    const cipher = field(parsed, 'cipher');
    if (field(kdf, 'name') !== 'scrypt')
        throw invalid(`unsupported key derivation "${String(field(kdf, 'name'))}"`);
    const n = field(params, 'N');
    const r = field(params, 'r');
    const p = field(params, 'p');
    if (typeof n !== 'number' || !SUPPORTED_SCRYPT_N.includes(n)) {
        throw invalid(`unsupported scrypt N=${String(n)} (supported: ${SUPPORTED_SCRYPT_N.join(', ')})`);
    }
    if (r !== SCRYPT_R || p !== SCRYPT_P)
        throw invalid(`unsupported scrypt r=${String(r)} p=${String(p)} (expected r=8 p=1)`);
    if (field(cipher, 'name') !== 'nacl/secretbox') {
        throw invalid(`unsupported cipher "${String(field(cipher, 'name'))}"`);
    }
    const salt = base64Field(field(kdf, 'salt'));
    const nonce = base64Field(field(cipher, 'nonce'));
    const ciphertext = base64Field(field(parsed, 'ciphertext'));
    if (salt === undefined || salt.length === 0)
        throw invalid('the salt is missing');
    if (nonce === undefined || nonce.length !== (nacl_fast_default()).secretbox.nonceLength)
        throw invalid('the nonce is not 24 bytes');
    if (ciphertext === undefined || ciphertext.length <= (nacl_fast_default()).secretbox.overheadLength) {
        throw invalid('the ciphertext is missing');
    }
    const key = await deriveKey(password, salt, n);
    const opened = nacl_fast_default().secretbox.open(ciphertext, nonce, key);
    if (opened === null) {
        throw new src/* SlipwayError */.GQ('wrong password for the encrypted private key', {
            where,
            fix: password === ''
                ? 'set SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD) to the password given when the key was generated'
                : 'check SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD): it must be the password given when the key was generated',
        });
    }
    return opened;
}
function field(value, name) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return undefined;
    return value[name];
}
function base64Field(value) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0)
        return undefined;
    return new Uint8Array(Buffer.from(value, 'base64'));
}

;// CONCATENATED MODULE: ../../packages/sign/src/keys/der.ts
// ECDSA signature encodings. Signatures are ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`; the raw
// IEEE P1363 form (r‖s, 64 bytes for P-256) is what WebCrypto and some tools emit, and cosign and
// containers/image do not accept it, so neither does Slipway.
/** Whether `signature` is a strictly (minimally) encoded DER ECDSA signature with P-256-sized integers. */
function isDerEcdsaSignature(signature) {
    if (signature.length < 8 || signature.length > 72 || signature[0] !== 0x30)
        return false;
    const length = signature[1];
    if (length === undefined || length >= 0x80 || length !== signature.length - 2)
        return false;
    let offset = 2;
    for (let i = 0; i < 2; i++) {
        if (signature[offset] !== 0x02)
            return false;
        const size = signature[offset + 1];
        if (size === undefined || size === 0 || size > 33)
            return false;
        const first = signature[offset + 2];
        const second = signature[offset + 3];
        if (first === undefined)
            return false;
        if (first & 0x80)
            return false; // negative
        if (first === 0 && size > 1 && second !== undefined && !(second & 0x80))
            return false; // not minimal
        offset += 2 + size;
        if (offset > signature.length)
            return false;
    }
    return offset === signature.length;
}
/** Whether `signature` looks like an IEEE P1363 P-256 signature (64 raw bytes) rather than DER. */
function looksLikeP1363(signature) {
    return signature.length === 64 && !isDerEcdsaSignature(signature);
}

;// CONCATENATED MODULE: ../../packages/sign/src/keys/pem.ts
// PEM armour: `-----BEGIN <LABEL>-----`, base64 body wrapped at 64 columns, `-----END <LABEL>-----`.

const BLOCK_RE = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;
/** Every PEM block in `text`, in order. Text outside blocks (comments, headers) is ignored. */
function decodePemBlocks(text, where) {
    const blocks = [];
    for (const match of text.matchAll(BLOCK_RE)) {
        const label = match[1] ?? '';
        const body = (match[2] ?? '').replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
            throw new src/* SlipwayError */.GQ(`the PEM block "${label}" is not valid base64`, {
                where,
                fix: 'use the file exactly as the key generator wrote it',
            });
        }
        blocks.push({ label, der: new Uint8Array(Buffer.from(body, 'base64')) });
    }
    return blocks;
}
/** Encodes `der` as a PEM block ending with a newline. */
function encodePem(label, der) {
    const body = Buffer.from(der).toString('base64');
    const lines = body.match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

;// CONCATENATED MODULE: ../../packages/sign/src/keys/types.ts
// What signing and verification need of a key, wherever it lives (a file, an environment variable, AWS KMS).

/** Hex SHA-256 of the key's SPKI DER: the fingerprint Slipway prints and records. */
function keyFingerprint(publicKey) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex');
}
/** `PUBLIC KEY` PEM of the key. */
function publicKeyPem(publicKey) {
    return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

;// CONCATENATED MODULE: ../../packages/sign/src/keys/local.ts
// Keys held locally: generated P-256 key pairs, cosign-encrypted and plain PEM private keys, public keys.






const PUBLIC_KEY_LABEL = 'PUBLIC KEY';
const P256 = 'prime256v1';
/** A new P-256 key pair; the private key sealed cosign's way under `password` (may be empty). */
async function generateKeyPair(options) {
    const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: P256 });
    return {
        privateKeyPem: await encryptPrivateKey(privateKey, options.password),
        publicKeyPem: publicKeyPem(publicKey),
        fingerprint: keyFingerprint(publicKey),
    };
}
/** The private key as cosign writes it: PKCS#8 DER sealed under `password`, COSIGN label. */
async function encryptPrivateKey(privateKey, password, options = {}) {
    const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
    const body = await encryptCosignKey(pkcs8, password, options.n === undefined ? {} : { n: options.n });
    return encodePem(options.label ?? COSIGN_KEY_LABEL, body);
}
/**
 * Reads a P-256 private key: cosign-encrypted (`ENCRYPTED COSIGN PRIVATE KEY` or `ENCRYPTED SIGSTORE
 * PRIVATE KEY`, opened with `password`), PKCS#8 `PRIVATE KEY`, SEC 1 `EC PRIVATE KEY`, or PKCS#8
 * `ENCRYPTED PRIVATE KEY`. `passwordSource` words where the password came from, for the wrong-password fix.
 */
async function readPrivateKey(key, password) {
    const blocks = decodePemBlocks(key.text, key.origin);
    const block = blocks.find((candidate) => candidate.label.includes('PRIVATE KEY'));
    if (block === undefined) {
        const labels = blocks.map((candidate) => candidate.label);
        throw new src/* SlipwayError */.GQ(labels.length === 0
            ? 'no PEM private key found'
            : `no private key found (PEM blocks: ${labels.join(', ')})`, {
            where: key.origin,
            fix: labels.includes(PUBLIC_KEY_LABEL)
                ? 'this is the public key: sign with the private key (cosign.key), verify with the public one'
                : 'give a key written by `slipway keygen` or `cosign generate-key-pair`, or a PKCS#8 / EC PEM private key',
        });
    }
    let privateKey;
    try {
        switch (block.label) {
            case COSIGN_KEY_LABEL:
            case SIGSTORE_KEY_LABEL: {
                const pkcs8 = await decryptCosignKey(block.der, password, key.origin);
                privateKey = (0,external_node_crypto_.createPrivateKey)({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
                break;
            }
            case 'PRIVATE KEY':
                privateKey = (0,external_node_crypto_.createPrivateKey)({ key: Buffer.from(block.der), format: 'der', type: 'pkcs8' });
                break;
            case 'EC PRIVATE KEY':
                privateKey = (0,external_node_crypto_.createPrivateKey)({ key: Buffer.from(block.der), format: 'der', type: 'sec1' });
                break;
            case 'ENCRYPTED PRIVATE KEY':
                privateKey = (0,external_node_crypto_.createPrivateKey)({
                    key: encodePem(block.label, block.der),
                    format: 'pem',
                    passphrase: password,
                });
                break;
            default:
                throw new src/* SlipwayError */.GQ(`unsupported private key type "${block.label}"`, {
                    where: key.origin,
                    fix: 'use a cosign key, or a PKCS#8 (`PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`) P-256 key',
                });
        }
    }
    catch (error) {
        if (error instanceof src/* SlipwayError */.GQ)
            throw error;
        const wrongPassword = block.label === 'ENCRYPTED PRIVATE KEY';
        throw new src/* SlipwayError */.GQ(wrongPassword ? 'cannot decrypt the private key (wrong password?)' : 'the private key cannot be read', {
            where: key.origin,
            fix: wrongPassword
                ? 'check SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD)'
                : 'the PEM body is damaged: use the file exactly as it was generated',
            cause: error,
        });
    }
    requireP256(privateKey, key.origin);
    return privateKey;
}
/** Reads a `PUBLIC KEY` PEM (SPKI) holding a P-256 key. */
function readPublicKey(key) {
    const blocks = decodePemBlocks(key.text, key.origin);
    const block = blocks.find((candidate) => candidate.label === PUBLIC_KEY_LABEL);
    if (block === undefined) {
        const isPrivate = blocks.some((candidate) => candidate.label.includes('PRIVATE KEY'));
        throw new src/* SlipwayError */.GQ(isPrivate ? 'this is a private key, not a public key' : 'no PEM public key found', {
            where: key.origin,
            fix: isPrivate
                ? 'trust the public key (cosign.pub, `-----BEGIN PUBLIC KEY-----`); never hand out the private key'
                : 'give a `-----BEGIN PUBLIC KEY-----` PEM (cosign.pub, or `cosign public-key --key …` output)',
        });
    }
    let publicKey;
    try {
        publicKey = (0,external_node_crypto_.createPublicKey)({ key: Buffer.from(block.der), format: 'der', type: 'spki' });
    }
    catch (error) {
        throw new src/* SlipwayError */.GQ('the public key cannot be read', {
            where: key.origin,
            fix: 'the PEM body is damaged: use the file exactly as it was generated',
            cause: error,
        });
    }
    requireP256(publicKey, key.origin);
    return publicKey;
}
/** A {@link Signer} over a private key held in memory. */
function localSigner(privateKey, description) {
    requireP256(privateKey, description);
    const publicKey = (0,external_node_crypto_.createPublicKey)(privateKey);
    return {
        description,
        publicKey,
        publicKeyPem: publicKeyPem(publicKey),
        fingerprint: keyFingerprint(publicKey),
        // Node's default ECDSA encoding is DER, which is what cosign and containers/image read.
        sign: async (payload) => new Uint8Array((0,external_node_crypto_.sign)('sha256', payload, privateKey)),
    };
}
/** A {@link Verifier} over a public key held in memory. */
function publicKeyVerifier(publicKey, description) {
    requireP256(publicKey, description);
    return {
        description,
        publicKey,
        publicKeyPem: publicKeyPem(publicKey),
        fingerprint: keyFingerprint(publicKey),
        verify: (payload, signature) => isDerEcdsaSignature(signature) &&
            (0,external_node_crypto_.verify)('sha256', payload, { key: publicKey, dsaEncoding: 'der' }, signature),
    };
}
function requireP256(key, where) {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType !== 'ec' || curve !== P256) {
        const what = key.asymmetricKeyType === 'ec'
            ? `an EC key on curve ${curve ?? 'unknown'}`
            : `a ${key.asymmetricKeyType ?? 'unknown'} key`;
        throw new src/* SlipwayError */.GQ(`${what}, not ECDSA P-256`, {
            where,
            fix: 'use a P-256 key (`slipway keygen`, `cosign generate-key-pair`): containers/image verifies ECDSA P-256 with SHA-256 only',
        });
    }
}

;// CONCATENATED MODULE: ../../packages/sign/src/keys/kms.ts
// AWS KMS keys, named as cosign names them: `awskms://[endpoint]/<key id | alias/name | key or alias ARN>`.
// KMS signs SHA-256 digests (`MessageType: DIGEST`, `ECDSA_SHA_256`) and answers DER signatures;
// `GetPublicKey` answers SPKI DER, so verification happens locally like for any public key.





const KMS_SCHEME = 'awskms://';
const KEY_ID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_RE = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const ARN_RE = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;
function isKmsUri(text) {
    return text.startsWith(KMS_SCHEME);
}
/** Parses `awskms:///alias/release`, `awskms:///<key id or ARN>`, `awskms://<endpoint>/…`. */
function parseKmsUri(uri) {
    const invalid = (reason) => new src/* SlipwayError */.GQ(`invalid AWS KMS key URI: ${reason}`, {
        where: uri,
        fix: 'write awskms:///alias/<name>, awskms:///<key id>, awskms:///<key ARN> or awskms://<endpoint>/<key>',
    });
    if (!isKmsUri(uri))
        throw invalid(`it does not start with ${KMS_SCHEME}`);
    const rest = uri.slice(KMS_SCHEME.length);
    const slash = rest.indexOf('/');
    if (slash < 0)
        throw invalid('the key is missing');
    const endpoint = rest.slice(0, slash);
    const keyId = rest.slice(slash + 1);
    if (endpoint !== '' && !/^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(endpoint)) {
        throw invalid(`endpoint "${endpoint}" is not host[:port]`);
    }
    const arn = ARN_RE.exec(keyId);
    if (arn === null && !KEY_ID_RE.test(keyId) && !ALIAS_RE.test(keyId)) {
        throw invalid(`"${keyId}" is not a key id, alias/<name> or KMS ARN`);
    }
    return { uri, endpoint: endpoint === '' ? undefined : endpoint, keyId, region: arn?.[1] };
}
/** A signer whose private key never leaves KMS. Fetches the public key (and checks its spec) first. */
async function kmsSigner(uri, options = {}) {
    const key = parseKmsUri(uri);
    const { client, commands } = await kmsClient(key, options);
    const publicKey = await fetchPublicKey(key, client, commands);
    return {
        description: `AWS KMS key ${key.keyId}`,
        publicKey,
        publicKeyPem: publicKeyPem(publicKey),
        fingerprint: keyFingerprint(publicKey),
        async sign(payload) {
            const digest = (0,external_node_crypto_.createHash)('sha256').update(payload).digest();
            let signature;
            try {
                const answer = await client.send(new commands.SignCommand({
                    KeyId: key.keyId,
                    Message: digest,
                    MessageType: 'DIGEST',
                    SigningAlgorithm: 'ECDSA_SHA_256',
                }));
                signature = answer.Signature;
            }
            catch (error) {
                throw kmsError(key, 'Sign', error);
            }
            if (signature === undefined || !isDerEcdsaSignature(signature)) {
                throw new src/* SlipwayError */.GQ('AWS KMS answered no DER ECDSA signature', {
                    where: key.uri,
                    fix: 'check that the key is an ECC_NIST_P256 SIGN_VERIFY key',
                });
            }
            return new Uint8Array(signature);
        },
    };
}
/** A verifier over a KMS key's public key (fetched once; verification is local). */
async function kmsVerifier(uri, options = {}) {
    const key = parseKmsUri(uri);
    const { client, commands } = await kmsClient(key, options);
    return publicKeyVerifier(await fetchPublicKey(key, client, commands), `AWS KMS key ${key.keyId}`);
}
/** The HTTP timeouts of the KMS client Slipway creates (one given in the options keeps its own). */
const KMS_HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000 };
async function kmsClient(key, options) {
    // Loaded on first use: most runs never touch KMS and the SDK is heavy to load.
    const commands = await Promise.all(/* import() */[__webpack_require__.e(817), __webpack_require__.e(864), __webpack_require__.e(112), __webpack_require__.e(946), __webpack_require__.e(332)]).then(__webpack_require__.t.bind(__webpack_require__, 68332, 19));
    if (options.client !== undefined)
        return { client: options.client, commands };
    // The SDK's default is no timeout: 10 s to connect, 60 s of silence on a request (then the SDK retries).
    const config = { requestHandler: KMS_HTTP_TIMEOUTS };
    const region = key.region ?? options.region;
    if (region !== undefined)
        config.region = region;
    if (key.endpoint !== undefined) {
        const loopback = /^(localhost|127\.[0-9.]+)(:|$)/.test(key.endpoint);
        config.endpoint = `${loopback ? 'http' : 'https'}://${key.endpoint}`;
    }
    return { client: new commands.KMSClient(config), commands };
}
async function fetchPublicKey(key, client, commands) {
    let answer;
    try {
        answer = await client.send(new commands.GetPublicKeyCommand({ KeyId: key.keyId }));
    }
    catch (error) {
        throw kmsError(key, 'GetPublicKey', error);
    }
    if (answer.KeySpec !== 'ECC_NIST_P256') {
        throw new src/* SlipwayError */.GQ(`AWS KMS key has key spec ${answer.KeySpec ?? 'unknown'}, not ECC_NIST_P256`, {
            where: key.uri,
            fix: 'create the signing key with `aws kms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY` (containers/image verifies ECDSA P-256 with SHA-256 only)',
        });
    }
    if (answer.KeyUsage !== undefined && answer.KeyUsage !== 'SIGN_VERIFY') {
        throw new src/* SlipwayError */.GQ(`AWS KMS key has key usage ${answer.KeyUsage}, not SIGN_VERIFY`, {
            where: key.uri,
            fix: 'use a key created with --key-usage SIGN_VERIFY',
        });
    }
    if (answer.PublicKey === undefined) {
        throw new src/* SlipwayError */.GQ('AWS KMS answered no public key', {
            where: key.uri,
            fix: 'retry; check the key state',
        });
    }
    return (0,external_node_crypto_.createPublicKey)({ key: Buffer.from(answer.PublicKey), format: 'der', type: 'spki' });
}
function kmsError(key, operation, error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    const fix = name === 'NotFoundException'
        ? `check the key or alias "${key.keyId}" and the region (AWS_REGION)`
        : name === 'AccessDeniedException'
            ? `grant kms:${operation} on the key to the role Slipway runs as`
            : name === 'KMSInvalidStateException' || name === 'DisabledException'
                ? 'enable the key (it is disabled or pending deletion)'
                : 'check the AWS credentials, the region (AWS_REGION) and the key';
    return new src/* SlipwayError */.GQ(`AWS KMS ${operation} failed: ${name}: ${message}`, {
        where: key.uri,
        fix,
        cause: error,
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ../../packages/sign/src/keys/load.ts
// Key sources as users write them: a file path, `env://NAME` (the PEM text in an environment variable),
// PEM text itself, or an AWS KMS URI.




const PASSWORD_VARIABLES = ['SLIPWAY_KEY_PASSWORD', 'COSIGN_PASSWORD'];
const ENV_SCHEME = 'env://';
/** `awskms://…` → kms, `env://NAME` → env, PEM text → pem, anything else → a path. */
function parseKeySource(text) {
    if (isKmsUri(text))
        return { kms: text };
    if (text.startsWith(ENV_SCHEME))
        return { env: text.slice(ENV_SCHEME.length) };
    if (text.includes('-----BEGIN '))
        return { pem: text };
    return { path: text };
}
/** The password for encrypted keys: the option, else SLIPWAY_KEY_PASSWORD, else COSIGN_PASSWORD (may be ""). */
function keyPassword(options = {}) {
    if (options.password !== undefined)
        return { password: options.password, source: 'the given password' };
    const env = options.env ?? process.env;
    for (const name of PASSWORD_VARIABLES) {
        const value = env[name];
        if (value !== undefined)
            return { password: value, source: name };
    }
    return { password: '', source: 'no password (SLIPWAY_KEY_PASSWORD and COSIGN_PASSWORD unset)' };
}
/** Loads a private key for signing from a path, `env://NAME`, PEM text or `awskms://…`. */
async function loadSigner(source, options = {}) {
    const parsed = typeof source === 'string' ? parseKeySource(source) : source;
    if ('kms' in parsed)
        return kmsSigner(parsed.kms, options.kms);
    const text = await keyText(parsed, options);
    const { password } = keyPassword(options);
    const privateKey = await readPrivateKey(text, password);
    return localSigner(privateKey, text.origin);
}
/** Loads a trusted public key from a path, `env://NAME`, PEM text or `awskms://…`. */
async function loadVerifier(source, options = {}) {
    const parsed = typeof source === 'string' ? parseKeySource(source) : source;
    if ('kms' in parsed)
        return kmsVerifier(parsed.kms, options.kms);
    const text = await keyText(parsed, options);
    return publicKeyVerifier(readPublicKey(text), text.origin);
}
/** Loads several trusted keys (in order, failing on the first unreadable one). */
function loadVerifiers(sources, options = {}) {
    return Promise.all(sources.map((source) => loadVerifier(source, options)));
}
/** Generates a key pair and writes both files; never overwrites unless told. */
async function writeKeyPair(options) {
    const { password } = keyPassword({ password: options.password, env: options.env });
    const pair = await generateKeyPair({ password });
    const flag = options.overwrite === true ? 'w' : 'wx';
    for (const [path, text, mode] of [
        [options.privateKeyPath, pair.privateKeyPem, 0o600],
        [options.publicKeyPath, pair.publicKeyPem, 0o644],
    ]) {
        try {
            await (0,promises_.writeFile)(path, text, { flag, mode });
        }
        catch (error) {
            const code = error.code;
            throw new src/* SlipwayError */.GQ(code === 'EEXIST' ? 'the file already exists' : `cannot write the key (${code ?? String(error)})`, {
                where: path,
                fix: code === 'EEXIST'
                    ? 'move the old key away, or pass --overwrite to replace it'
                    : 'check the directory and its permissions',
                cause: error,
            });
        }
    }
    return {
        privateKeyPath: options.privateKeyPath,
        publicKeyPath: options.publicKeyPath,
        publicKeyPem: pair.publicKeyPem,
        fingerprint: pair.fingerprint,
    };
}
async function keyText(source, options) {
    if ('pem' in source)
        return { text: source.pem, origin: 'inline PEM key' };
    if ('env' in source) {
        const value = (options.env ?? process.env)[source.env];
        if (value === undefined || value.trim() === '') {
            throw new src/* SlipwayError */.GQ(`environment variable ${source.env} is not set`, {
                where: `env://${source.env}`,
                fix: `set ${source.env} to the PEM text of the key (for example from a CI secret)`,
            });
        }
        return { text: value, origin: `environment variable ${source.env}` };
    }
    try {
        const content = await (options.readFile ?? promises_.readFile)(source.path);
        return {
            text: typeof content === 'string' ? content : Buffer.from(content).toString('utf8'),
            origin: `key file ${source.path}`,
        };
    }
    catch (error) {
        if (error instanceof src/* SlipwayError */.GQ)
            throw error;
        const code = error.code;
        throw new src/* SlipwayError */.GQ(code === 'ENOENT' ? 'key file not found' : `cannot read the key file (${code ?? String(error)})`, {
            where: source.path,
            fix: 'check the path (relative paths start at the working directory, or the config repo for policy keys)',
            cause: error,
        });
    }
}

// EXTERNAL MODULE: ../../packages/oci/src/index.ts + 22 modules
var oci_src = __webpack_require__(355);
;// CONCATENATED MODULE: ../../packages/sign/src/json-strict.ts
// A small RFC 8259 JSON reader that refuses what `JSON.parse` silently accepts: duplicate object keys
// (JSON.parse keeps the last one, so a signed payload could say two things). Objects keep key order.
class StrictJsonError extends Error {
    offset;
    constructor(message, offset) {
        super(`${message} at offset ${offset}`);
        this.offset = offset;
        this.name = 'StrictJsonError';
    }
}
const MAX_DEPTH = 64;
/** Parses `text` as exactly one JSON value; throws {@link StrictJsonError} on any error or duplicate key. */
function parseStrictJson(text) {
    const reader = new Reader(text);
    reader.space();
    const value = reader.value(0);
    reader.space();
    if (reader.offset !== text.length)
        throw new StrictJsonError('unexpected text after the JSON value', reader.offset);
    return value;
}
class Reader {
    text;
    offset = 0;
    constructor(text) {
        this.text = text;
    }
    space() {
        while (this.offset < this.text.length) {
            const c = this.text[this.offset];
            if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r')
                return;
            this.offset++;
        }
    }
    value(depth) {
        if (depth > MAX_DEPTH)
            throw new StrictJsonError('nesting too deep', this.offset);
        const c = this.text[this.offset];
        switch (c) {
            case '{':
                return this.object(depth);
            case '[':
                return this.array(depth);
            case '"':
                return this.string();
            case 't':
                return this.literal('true', true);
            case 'f':
                return this.literal('false', false);
            case 'n':
                return this.literal('null', null);
            default:
                if (c === '-' || (c !== undefined && c >= '0' && c <= '9'))
                    return this.number();
                throw new StrictJsonError(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`, this.offset);
        }
    }
    object(depth) {
        const result = Object.create(null);
        const seen = new Set();
        this.offset++; // {
        this.space();
        if (this.text[this.offset] === '}') {
            this.offset++;
            return { ...result };
        }
        for (;;) {
            if (this.text[this.offset] !== '"')
                throw new StrictJsonError('expected a string key', this.offset);
            const keyOffset = this.offset;
            const key = this.string();
            if (seen.has(key))
                throw new StrictJsonError(`duplicate key ${JSON.stringify(key)}`, keyOffset);
            seen.add(key);
            this.space();
            this.expect(':');
            this.space();
            result[key] = this.value(depth + 1);
            this.space();
            const next = this.text[this.offset];
            this.offset++;
            if (next === '}')
                break;
            if (next !== ',')
                throw new StrictJsonError('expected "," or "}"', this.offset - 1);
            this.space();
        }
        // A plain object (the null-prototype one guarded against a "__proto__" key while filling).
        const plain = {};
        for (const key of Object.keys(result))
            Object.defineProperty(plain, key, {
                value: result[key],
                enumerable: true,
                writable: true,
                configurable: true,
            });
        return plain;
    }
    array(depth) {
        const result = [];
        this.offset++; // [
        this.space();
        if (this.text[this.offset] === ']') {
            this.offset++;
            return result;
        }
        for (;;) {
            result.push(this.value(depth + 1));
            this.space();
            const next = this.text[this.offset];
            this.offset++;
            if (next === ']')
                return result;
            if (next !== ',')
                throw new StrictJsonError('expected "," or "]"', this.offset - 1);
            this.space();
        }
    }
    string() {
        const start = this.offset;
        this.offset++; // "
        for (;;) {
            const c = this.text.charCodeAt(this.offset);
            if (Number.isNaN(c))
                throw new StrictJsonError('unterminated string', start);
            if (c === 0x22)
                break;
            if (c < 0x20)
                throw new StrictJsonError('control character in string', this.offset);
            if (c === 0x5c) {
                const escaped = this.text[this.offset + 1];
                if (escaped === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))) {
                        throw new StrictJsonError('invalid \\u escape', this.offset);
                    }
                    this.offset += 6;
                    continue;
                }
                if (escaped === undefined || !'"\\/bfnrt'.includes(escaped))
                    throw new StrictJsonError('invalid escape', this.offset);
                this.offset += 2;
                continue;
            }
            this.offset++;
        }
        this.offset++; // closing "
        // The grammar is checked; JSON.parse decodes the escapes of this one well-formed string.
        return JSON.parse(this.text.slice(start, this.offset));
    }
    number() {
        const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.text.slice(this.offset, this.offset + 400));
        if (match === null)
            throw new StrictJsonError('invalid number', this.offset);
        this.offset += match[0].length;
        return Number(match[0]);
    }
    literal(word, value) {
        if (this.text.slice(this.offset, this.offset + word.length) !== word) {
            throw new StrictJsonError('invalid literal', this.offset);
        }
        this.offset += word.length;
        return value;
    }
    expect(c) {
        if (this.text[this.offset] !== c)
            throw new StrictJsonError(`expected ${JSON.stringify(c)}`, this.offset);
        this.offset++;
    }
}

;// CONCATENATED MODULE: ../../packages/sign/src/payload.ts
// The simple-signing payload: the exact bytes a signature covers. Written compact with cosign's key order;
// read strictly, the way containers/image reads it (exact keys at each level, no duplicates).



const SIGNATURE_TYPE = 'cosign container image signature';
/**
 * The payload bytes: compact JSON, no trailing newline, keys in cosign's order, `optional` null when there
 * are no annotations (annotation keys sorted, as Go's encoder writes maps).
 */
function buildPayload(options) {
    if (!(0,oci_src/* isDigest */.Bc)(options.manifestDigest)) {
        throw new src/* SlipwayError */.GQ(`"${options.manifestDigest}" is not a sha256 manifest digest`, {
            fix: 'sign a digest: sha256: followed by 64 lowercase hex digits',
        });
    }
    const entries = Object.entries(options.annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, value] of entries) {
        if (typeof value !== 'string') {
            throw new src/* SlipwayError */.GQ(`annotation "${key}" is not a string`, {
                fix: 'give annotations as key=value strings',
            });
        }
    }
    const optional = entries.length === 0
        ? 'null'
        : `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
    const text = `{"critical":{"identity":{"docker-reference":${JSON.stringify(options.dockerReference)}},` +
        `"image":{"docker-manifest-digest":${JSON.stringify(options.manifestDigest)}},` +
        `"type":${JSON.stringify(SIGNATURE_TYPE)}},"optional":${optional}}`;
    return new Uint8Array(Buffer.from(text, 'utf8'));
}
/** Why a payload was refused. */
class InvalidPayloadError extends src/* SlipwayError */.GQ {
    constructor(reason) {
        super(`the signed payload is not a valid simple-signing payload: ${reason}`, {
            fix: 'sign with `slipway sign` or `cosign sign`; a payload that fails strict parsing is never trusted',
        });
        this.name = 'InvalidPayloadError';
    }
}
/** Parses payload bytes strictly; throws {@link InvalidPayloadError}. */
function parsePayload(bytes) {
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new InvalidPayloadError('it is not UTF-8');
    }
    let root;
    try {
        root = parseStrictJson(text);
    }
    catch (error) {
        if (error instanceof StrictJsonError)
            throw new InvalidPayloadError(error.message);
        throw error;
    }
    const top = exactObject(root, 'the payload', ['critical', 'optional']);
    const critical = exactObject(top.critical, '"critical"', ['type', 'image', 'identity']);
    if (critical.type !== SIGNATURE_TYPE) {
        throw new InvalidPayloadError(`"critical.type" is ${JSON.stringify(critical.type)}, not "${SIGNATURE_TYPE}"`);
    }
    const image = exactObject(critical.image, '"critical.image"', ['docker-manifest-digest']);
    const identity = exactObject(critical.identity, '"critical.identity"', ['docker-reference']);
    const digest = image['docker-manifest-digest'];
    const reference = identity['docker-reference'];
    if (typeof digest !== 'string')
        throw new InvalidPayloadError('"docker-manifest-digest" is not a string');
    if (typeof reference !== 'string')
        throw new InvalidPayloadError('"docker-reference" is not a string');
    const optional = top.optional;
    if (optional !== null && (typeof optional !== 'object' || Array.isArray(optional))) {
        throw new InvalidPayloadError('"optional" is neither null nor an object');
    }
    return {
        dockerReference: reference,
        manifestDigest: digest,
        optional: optional === undefined ? null : optional,
    };
}
function exactObject(value, what, keys) {
    if (value === undefined)
        throw new InvalidPayloadError(`${what} is missing`);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidPayloadError(`${what} is not an object`);
    }
    const present = Object.keys(value);
    const unknown = present.filter((key) => !keys.includes(key));
    if (unknown.length > 0)
        throw new InvalidPayloadError(`${what} has unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `"${key}"`).join(', ')}`);
    const missing = keys.filter((key) => !present.includes(key));
    if (missing.length > 0)
        throw new InvalidPayloadError(`${what} lacks ${missing.map((key) => `"${key}"`).join(', ')}`);
    return value;
}

// EXTERNAL MODULE: ../../packages/config-yaml/src/index.ts
var config_yaml_src = __webpack_require__(3);
// EXTERNAL MODULE: ../../node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var dist = __webpack_require__(88293);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(77219);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js
var core = __webpack_require__(48149);
// EXTERNAL MODULE: ../../packages/sign/src/sigstore/identity.ts
var sigstore_identity = __webpack_require__(45477);
;// CONCATENATED MODULE: ../../packages/sign/src/policy-signers.ts
// Who may have signed, as `.slipway.yaml` names it: keyless identities in cosign's words (issuer, subject,
// their -RegExp forms, the `workflow` shorthand), the trusted root their certificates chain to, and the
// source repository provenance must come from. Each is checked and turned into its typed value here, once;
// every issue carries the fix (`params.fix`) that `.slipway.yaml`'s error line shows.


/** Adds an issue with its fix, the form `.slipway.yaml`'s errors show. */
function reporter(context) {
    return (message, fix, path = []) => context.addIssue({ code: 'custom', path, message, params: { fix } });
}
/** `owner/repo/.github/workflows/<file>@<ref>`: GitHub's `job_workflow_ref`, the subject without its host. */
const WORKFLOW_RE = /^[^/\s@]+\/[^/\s@]+\/\.github\/workflows\/[^\s@]+@\S+$/u;
const GIT_REF_RE = /^(?:refs\/\S+|[0-9a-f]{40}|[0-9a-f]{64})$/u;
const OWNER_REPO_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/u;
const githubSchema = schemas/* strictObject */.rej({
    repository: schemas/* string */.YjP().min(1).optional(),
    ref: schemas/* string */.YjP().min(1).optional(),
    workflow: schemas/* string */.YjP().min(1).optional(),
    trigger: schemas/* string */.YjP().min(1).optional(),
    sha: schemas/* string */.YjP().min(1).optional(),
})
    .transform((github, context) => {
    const issue = reporter(context);
    if (Object.values(github).every((value) => value === undefined)) {
        issue('an empty github mapping checks nothing', 'name at least one of repository, ref, workflow, trigger, sha, or leave github out');
    }
    if (github.repository !== undefined && !OWNER_REPO_RE.test(github.repository)) {
        issue(`"${github.repository}" is not owner/repo`, `write the repository as owner/repo, e.g. ${github.repository.replace(/^https?:\/\/[^/]+\//u, '') || 'acme/shop'}`, ['repository']);
    }
    if (github.ref !== undefined && !github.ref.startsWith('refs/')) {
        issue(`"${github.ref}" is not a full ref`, `write the full ref, e.g. refs/heads/${github.ref}`, [
            'ref',
        ]);
    }
    if (github.sha !== undefined && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/u.test(github.sha)) {
        issue(`"${github.sha}" is not a full commit id`, 'write the 40 hex digits of the commit', ['sha']);
    }
    return github;
});
/**
 * One keyless signer: exactly one of `subject`/`subjectRegExp` and of `issuer`/`issuerRegExp`, or the
 * `workflow` shorthand (GitHub's issuer and `https://github.com/<workflow>`), plus optional `github`
 * certificate extensions. Patterns are bounded and compiled here, so a policy never fails on one later.
 */
const signerIdentitySchema = schemas/* strictObject */.rej({
    issuer: schemas/* string */.YjP().min(1).optional(),
    issuerRegExp: schemas/* string */.YjP().min(1).optional(),
    subject: schemas/* string */.YjP().min(1).optional(),
    subjectRegExp: schemas/* string */.YjP().min(1).optional(),
    workflow: schemas/* string */.YjP().min(1).optional(),
    github: githubSchema.optional(),
})
    .transform((identity, context) => {
    const issue = reporter(context);
    const github = identity.github === undefined ? {} : { github: identity.github };
    if (identity.workflow !== undefined) {
        const alongside = ['issuer', 'issuerRegExp', 'subject', 'subjectRegExp'].filter((field) => identity[field] !== undefined);
        if (alongside.length > 0) {
            issue(`workflow already sets the subject and issuer; ${alongside.join(' and ')} cannot go with it`, `leave out ${alongside.join(' and ')}, or drop workflow and write subject and issuer in full`, [alongside[0] ?? 'workflow']);
            return core/* NEVER */.tm;
        }
        const workflow = checkWorkflow(identity.workflow, issue);
        return workflow === undefined ? core/* NEVER */.tm : { ...(0,sigstore_identity/* githubWorkflowIdentity */.TV)(workflow), ...github };
    }
    const subject = textRule(identity, 'subject', issue);
    const issuerRule = textRule(identity, 'issuer', issue);
    if (subject === undefined || issuerRule === undefined)
        return core/* NEVER */.tm;
    return { subject, issuer: issuerRule, ...github };
});
function checkWorkflow(workflow, issue) {
    const bare = workflow.replace(/^https:\/\/github\.com\//u, '');
    if (bare !== workflow) {
        issue(`workflow "${workflow}" starts with https://github.com/`, `write it without the host: workflow: ${bare} (for another host, write subject and issuer in full)`, ['workflow']);
        return undefined;
    }
    if (!WORKFLOW_RE.test(workflow)) {
        const atRef = workflow.includes('@') ? '' : '@refs/heads/main';
        issue(`workflow "${workflow}" is not <owner>/<repo>/.github/workflows/<file>@<ref>`, `write e.g. workflow: ${workflow.includes('.github/workflows/') ? workflow : 'acme/shop/.github/workflows/release.yml'}${atRef}`, ['workflow']);
        return undefined;
    }
    const ref = workflow.slice(workflow.lastIndexOf('@') + 1);
    if (!GIT_REF_RE.test(ref)) {
        issue(`workflow "${workflow}" names ref "${ref}", which is not a full ref`, `write the full ref as GitHub puts it in the certificate, e.g. ${workflow.slice(0, workflow.lastIndexOf('@'))}@refs/heads/${ref}`, ['workflow']);
        return undefined;
    }
    return workflow;
}
function textRule(identity, field, issue) {
    const pattern = `${field}RegExp`;
    const exact = identity[field];
    const regexp = identity[pattern];
    if (typeof exact === 'string' && typeof regexp === 'string') {
        issue(`give ${field} or ${pattern}, not both`, `keep one of ${field} and ${pattern}`, [pattern]);
        return undefined;
    }
    if (typeof exact === 'string')
        return { exact };
    if (typeof regexp !== 'string') {
        const example = field === 'issuer'
            ? `issuer: ${sigstore_identity/* GITHUB_ACTIONS_ISSUER */.qQ}`
            : 'subject: https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';
        issue(`an identity needs ${field} or ${pattern}`, `add e.g. ${example} (or the shorthand workflow: <owner>/<repo>/.github/workflows/<file>@<ref>)`);
        return undefined;
    }
    if (regexp.length > sigstore_identity/* MAX_IDENTITY_PATTERN_LENGTH */.uL) {
        issue(`${pattern} is ${regexp.length} characters, more than ${sigstore_identity/* MAX_IDENTITY_PATTERN_LENGTH */.uL}`, `shorten the pattern, or list the identities one by one with ${field}`, [pattern]);
        return undefined;
    }
    try {
        // The flag matches identity.ts, which tests the pattern the same way.
        new RegExp(regexp, 'u');
    }
    catch (error) {
        issue(`${pattern} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`, 'fix the pattern (JavaScript syntax with the u flag; quote it in YAML with single quotes so \\ stays as written)', [pattern]);
        return undefined;
    }
    return { regexp };
}
const TRUSTED_ROOT_FIX = 'write public-good, or { path: <TrustedRoot JSON file in the config repo> } (e.g. { path: sigstore/trusted_root.json })';
const trustedRootSchema = schemas/* unknown */.L5J().transform((value, context) => {
    const issue = reporter(context);
    if (value === 'public-good')
        return { kind: 'public-good' };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issue(value === null || value === undefined ? 'no value' : `${JSON.stringify(value)} is not a trusted root`, TRUSTED_ROOT_FIX);
        return core/* NEVER */.tm;
    }
    const fields = value;
    for (const key of Object.keys(fields)) {
        if (key !== 'path') {
            issue(`unknown field "${key}" in trustedRoot`, `${key.toLowerCase() === 'file' ? 'did you mean "path"? ' : ''}allowed here: path`, [key]);
            return core/* NEVER */.tm;
        }
    }
    const path = fields.path;
    if (typeof path !== 'string' || path === '') {
        issue('trustedRoot needs path', TRUSTED_ROOT_FIX, path === undefined ? [] : ['path']);
        return core/* NEVER */.tm;
    }
    const clean = path.replace(/^\.\//u, '');
    if (clean.startsWith('/') || clean.split('/').includes('..') || /^[A-Za-z]:[\\/]/u.test(clean)) {
        issue(`path ${path} is outside the config repo`, 'give a path relative to the config repo root, with no "..": the file is read from the same commit as the policy', ['path']);
        return core/* NEVER */.tm;
    }
    return { kind: 'path', path: clean };
});
/**
 * `owner/repo` (on github.com) or the repository's URL, normalised to the URL the GitHub workflow build type
 * writes (`externalParameters.workflow.repository`): `https://github.com/acme/shop`.
 */
const sourceRepositorySchema = schemas/* string */.YjP().transform((value, context) => {
    const issue = reporter(context);
    const trimmed = value.trim().replace(/\/+$/u, '');
    if (OWNER_REPO_RE.test(trimmed))
        return `https://github.com/${trimmed}`;
    const url = /^https?:\/\/[^/\s@]+(?:\/[^/\s]+)*\/[^/\s]+\/[^/\s]+$/u.test(trimmed) ? trimmed : undefined;
    if (url === undefined) {
        issue(`"${value}" is not a repository`, 'write owner/repo for github.com (acme/shop), or the repository URL (https://github.example.com/acme/shop)');
        return core/* NEVER */.tm;
    }
    if (url.endsWith('.git')) {
        issue(`"${value}" is a clone URL`, `write the repository's web URL, without .git: ${url.slice(0, -'.git'.length)}`);
        return core/* NEVER */.tm;
    }
    return url;
});
const builderSchema = schemas/* string */.YjP().transform((value, context) => {
    if (/^https:\/\/\S+$/u.test(value))
        return value;
    reporter(context)(`"${value}" is not a builder id`, 'write the builder id as the provenance has it (runDetails.builder.id), a URL such as https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main');
    return core/* NEVER */.tm;
});

;// CONCATENATED MODULE: ../../packages/sign/src/policy.ts
// `.slipway.yaml`: the config repo owners' policy. Environments in promotion order, how each is written
// (branch, path, push or pull request) and what an image needs to enter it (signatures by which keys,
// identity rule). Parsed strictly; every error names the file, the line and the fix.








const POLICY_FILE = '.slipway.yaml';
class PolicyError extends src/* SlipwayError */.GQ {
    file;
    line;
    constructor(message, file, line, fix) {
        super(message, { where: line === undefined ? { file } : { file, line }, fix });
        this.file = file;
        this.line = line;
        this.name = 'PolicyError';
    }
}
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const keySchema = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP().min(1).optional(),
    pem: schemas/* string */.YjP().min(1).optional(),
    kms: schemas/* string */.YjP().min(1).optional(),
})
    .superRefine((key, context) => {
    const given = ['path', 'pem', 'kms'].filter((field) => key[field] !== undefined);
    if (given.length !== 1) {
        context.addIssue({ code: 'custom', message: 'a key needs exactly one of path, pem or kms' });
        return;
    }
    if (key.kms !== undefined) {
        if (!isKmsUri(key.kms))
            context.addIssue({ code: 'custom', path: ['kms'], message: 'kms must start with awskms://' });
        else {
            try {
                parseKmsUri(key.kms);
            }
            catch (error) {
                context.addIssue({
                    code: 'custom',
                    path: ['kms'],
                    message: error instanceof Error ? error.message : String(error),
                });
            }
        }
    }
    if (key.pem !== undefined && !key.pem.includes('-----BEGIN PUBLIC KEY-----')) {
        context.addIssue({
            code: 'custom',
            path: ['pem'],
            message: 'pem must hold a -----BEGIN PUBLIC KEY----- block',
        });
    }
});
const identitySchema = schemas/* strictObject */.rej({
    rule: schemas/* enum */.k5n(['matchRepository', 'exactRepository', 'exactReference']),
    repository: schemas/* string */.YjP().optional(),
    reference: schemas/* string */.YjP().optional(),
})
    .superRefine((identity, context) => {
    const needs = identity.rule === 'exactRepository'
        ? 'repository'
        : identity.rule === 'exactReference'
            ? 'reference'
            : undefined;
    for (const field of ['repository', 'reference']) {
        if (field === needs && identity[field] === undefined) {
            context.addIssue({ code: 'custom', path: [], message: `rule ${identity.rule} needs "${field}"` });
        }
        else if (field !== needs && identity[field] !== undefined) {
            context.addIssue({
                code: 'custom',
                path: [field],
                message: `"${field}" does not go with rule ${identity.rule}`,
            });
        }
    }
    const value = needs === undefined ? undefined : identity[needs];
    if (value !== undefined) {
        try {
            const ref = (0,oci_src/* parseReference */.F2)(value);
            if (needs === 'repository' && (ref.tag !== undefined || ref.digest !== undefined)) {
                context.addIssue({ code: 'custom', path: [needs], message: 'a repository takes no tag or digest' });
            }
        }
        catch (error) {
            context.addIssue({
                code: 'custom',
                path: [needs ?? ''],
                message: error instanceof Error ? error.message : String(error),
            });
        }
    }
});
const PIN_OVERRIDE_FIX = 'write allowed, never, or a list of image repositories (e.g. [registry.example.com/shop/cart])';
/**
 * `allowed`, `never`, or a list of repositories without tag or digest, read into a {@link PinOverride} (the
 * list normalised) as it is checked. Checked by hand for precise errors.
 */
const pinOverrideSchema = schemas/* unknown */.L5J().transform((value, context) => {
    const issue = (message, fix, path = []) => context.addIssue({ code: 'custom', path, message, params: { fix } });
    if (value === 'allowed' || value === 'never')
        return value;
    if (typeof value === 'boolean') {
        issue(`${String(value)} is not a value here`, `write ${value ? 'allowed' : 'never'} (or a list of image repositories)`);
        return core/* NEVER */.tm;
    }
    if (!Array.isArray(value)) {
        issue(value === null || value === undefined ? 'no value' : `${JSON.stringify(value)} is not a value here`, PIN_OVERRIDE_FIX);
        return core/* NEVER */.tm;
    }
    if (value.length === 0) {
        issue('an empty list lets no image be overridden', 'write never, or list the image repositories');
        return core/* NEVER */.tm;
    }
    const repositories = new Set();
    value.forEach((item, index) => {
        if (typeof item !== 'string' || item === '') {
            issue('an image repository must be a string', 'write the repository, e.g. registry.example.com/shop/cart', [index]);
            return;
        }
        try {
            const ref = (0,oci_src/* parseReference */.F2)(item);
            repositories.add(ref.repository);
            if (ref.tag !== undefined || ref.digest !== undefined) {
                issue(`${item}: a repository takes no tag or digest`, `write ${item.replace(/@.*$/, '').replace(/:[^:/]*$/, '')}`, [index]);
            }
        }
        catch (error) {
            issue(error instanceof Error ? error.message : String(error), 'write the repository, e.g. registry.example.com/shop/cart', [index]);
        }
    });
    return { images: [...repositories] };
});
const pinsSchema = schemas/* strictObject */.rej({ override: pinOverrideSchema.optional() });
/** `keys` and `identities` beside each other: either or both, never neither (`what`: said after the refusal). */
function requireSigners(what) {
    return (signers, context) => {
        if (signers.keys === undefined && signers.identities === undefined) {
            context.addIssue({
                code: 'custom',
                path: [],
                message: `needs keys, identities or both${what}`,
                params: {
                    fix: 'add identities (e.g. - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main) or keys (e.g. - path: keys/release.pub)',
                },
            });
        }
    };
}
const signerFields = {
    keys: schemas/* array */.YOg(keySchema).min(1, 'list at least one key').optional(),
    identities: schemas/* array */.YOg(signerIdentitySchema).min(1, 'list at least one identity').optional(),
    trustedRoot: trustedRootSchema.optional(),
};
const signaturesSchema = schemas/* strictObject */.rej({ ...signerFields, identity: identitySchema.optional() })
    .superRefine(requireSigners(''));
const provenanceSchema = schemas/* strictObject */.rej({
    sourceRepository: sourceRepositorySchema,
    builder: builderSchema.optional(),
    ...signerFields,
})
    .superRefine(requireSigners(': who must have signed the provenance'));
const environmentSchema = schemas/* strictObject */.rej({
    branch: schemas/* string */.YjP().min(1).optional(),
    path: schemas/* string */.YjP().min(1).optional(),
    promoteFrom: schemas/* string */.YjP().min(1).optional(),
    mode: schemas/* enum */.k5n(['push', 'pull-request']).optional(),
    allowForce: schemas/* boolean */.zMY().optional(),
    pins: pinsSchema.optional(),
    pullRequest: schemas/* strictObject */.rej({
        // CodeCommit's own bounds for a template name.
        approvalRuleTemplate: schemas/* string */.YjP()
            .min(1)
            .max(100, 'an approval-rule template name has at most 100 characters'),
    })
        .optional(),
    require: schemas/* strictObject */.rej({
        signatures: signaturesSchema.optional(),
        provenance: provenanceSchema.optional(),
    })
        .optional(),
});
const policySchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1, 'version must be 1'),
    pins: pinsSchema.optional(),
    environments: schemas/* record */.g1P(schemas/* string */.YjP(), environmentSchema.nullable()),
});
/** Parses `.slipway.yaml` text; throws {@link PolicyError} with `file:line` and the fix. */
function parsePolicy(text, options = {}) {
    const file = options.file ?? POLICY_FILE;
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,config_yaml_src/* parseConfigYaml */.FA)(file, text, { lineCounter });
    const lineAt = (offset) => offset === undefined ? undefined : lineCounter.linePos(offset).line;
    const yamlError = document.errors[0];
    if (yamlError !== undefined) {
        throw new PolicyError(`not valid YAML: ${yamlError.message.split('\n')[0]}`, file, lineAt(yamlError.pos[0]), 'fix the YAML syntax at that line');
    }
    const data = (0,config_yaml_src/* configYamlToJS */._T)(file, text, document);
    const parsed = policySchema.safeParse(data);
    if (!parsed.success) {
        // An unknown field first: a misspelt one also reads as a missing one, and its name is the better clue.
        const issue = parsed.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ??
            parsed.error.issues[0];
        if (issue === undefined)
            throw new PolicyError('invalid policy', file, undefined, 'see docs/policy.md');
        const { line, message, fix } = describeIssue(issue, document.contents, lineAt);
        throw new PolicyError(message, file, line, fix);
    }
    const environments = [];
    const names = Object.keys(parsed.data.environments);
    if (names.length === 0)
        throw new PolicyError('no environments are defined', file, lineAt(nodeAt(document.contents, ['environments'])?.range?.[0]), 'list at least one environment under "environments:"');
    const pinsAt = (path, field, value) => value === undefined
        ? undefined
        : {
            override: value,
            field,
            line: lineAt(keyNodeAt(document.contents, path)?.range?.[0]),
        };
    const defaultPins = pinsAt(['pins', 'override'], 'pins.override', parsed.data.pins?.override) ?? {
        override: 'allowed',
        field: undefined,
        line: undefined,
    };
    for (const name of names) {
        const keyLine = lineAt(keyNodeAt(document.contents, ['environments', name])?.range?.[0]) ?? 1;
        const at = (path) => lineAt(nodeAt(document.contents, ['environments', name, ...path])?.range?.[0]) ?? keyLine;
        if (!NAME_RE.test(name)) {
            throw new PolicyError(`environment name "${name}" is not valid`, file, keyLine, 'use lowercase letters, digits, ".", "_" and "-" (e.g. staging)');
        }
        const spec = parsed.data.environments[name] ?? {};
        const from = spec.promoteFrom;
        if (from !== undefined && !environments.some((env) => env.name === from)) {
            const later = names.includes(from);
            throw new PolicyError(later
                ? `environment "${name}" promotes from "${from}", which comes later (or is itself): that is a cycle`
                : `environment "${name}" promotes from "${from}", which is not defined`, file, at(['promoteFrom']), later
                ? `list "${from}" before "${name}": environments are written in promotion order`
                : `use one of: ${environments.map((env) => env.name).join(', ') || '(no earlier environment)'}`);
        }
        const branch = spec.branch ?? `env/${name}`;
        const clash = environments.find((env) => env.branch === branch && (env.path ?? '') === (spec.path ?? ''));
        if (clash !== undefined) {
            throw new PolicyError(`environments "${clash.name}" and "${name}" both write branch ${branch}${spec.path === undefined ? '' : ` path ${spec.path}`}`, file, keyLine, 'give each environment its own branch or path');
        }
        const signatures = spec.require?.signatures;
        const provenance = spec.require?.provenance;
        const trustedRootAt = (field, requirement) => field === undefined || field.kind === 'public-good'
            ? { kind: 'public-good' }
            : { ...field, line: at(['require', requirement, 'trustedRoot', 'path']) };
        environments.push({
            name,
            branch,
            path: spec.path,
            promoteFrom: from,
            mode: spec.mode ?? 'push',
            allowForce: spec.allowForce ?? false,
            pins: pinsAt(['environments', name, 'pins', 'override'], `environments.${name}.pins.override`, spec.pins?.override) ?? defaultPins,
            pullRequest: {
                approvalRuleTemplate: spec.pullRequest?.approvalRuleTemplate === undefined
                    ? undefined
                    : {
                        name: spec.pullRequest.approvalRuleTemplate,
                        line: at(['pullRequest', 'approvalRuleTemplate']),
                    },
            },
            require: {
                signatures: signatures === undefined
                    ? undefined
                    : {
                        keys: (signatures.keys ?? []).map(toPolicyKey),
                        identities: signatures.identities ?? [],
                        trustedRoot: trustedRootAt(signatures.trustedRoot, 'signatures'),
                        identity: toIdentityRule(signatures.identity),
                    },
                provenance: provenance === undefined
                    ? undefined
                    : {
                        sourceRepository: provenance.sourceRepository,
                        builder: provenance.builder,
                        keys: (provenance.keys ?? []).map(toPolicyKey),
                        identities: provenance.identities ?? [],
                        trustedRoot: trustedRootAt(provenance.trustedRoot, 'provenance'),
                        line: lineAt(keyNodeAt(document.contents, ['environments', name, 'require', 'provenance'])?.range?.[0]) ?? keyLine,
                    },
            },
            line: keyLine,
        });
    }
    return { version: 1, environments, file };
}
/** The environment named `name`, or a PolicyError listing the defined ones. */
function findEnvironment(policy, name) {
    const found = policy.environments.find((env) => env.name === name);
    if (found !== undefined)
        return found;
    throw new PolicyError(`environment "${name}" is not defined`, policy.file, undefined, `use one of: ${policy.environments.map((env) => env.name).join(', ')}`);
}
/**
 * Loads the trusted keys of a requirement. `readFile` reads `path` keys (relative to the config repo,
 * which is where they live); KMS keys are fetched through `kms`.
 */
async function loadPolicyKeys(requirement, options) {
    return Promise.all(requirement.keys.map(async (key) => {
        try {
            return await loadVerifier(key, { readFile: options.readFile, kms: options.kms });
        }
        catch (error) {
            if (error instanceof src/* SlipwayError */.GQ && error.fix !== undefined) {
                throw new src/* SlipwayError */.GQ(`${options.file ?? POLICY_FILE} names a key that cannot be used: ${error.message}`, { where: error.location ?? error.where, fix: error.fix, cause: error });
            }
            throw error;
        }
    }));
}
/**
 * Whether `--override-pin` may promote `image` over a pin in `environment`: undefined when the policy lets it,
 * else the refusal, naming the policy's field and its line, and the way out.
 */
function pinOverrideRefusal(policy, environment, image) {
    const pins = environment.pins;
    if (pins.override === 'allowed')
        return undefined;
    const { override, field, line } = pins;
    if (override !== 'never' && override.images.includes(image.repository))
        return undefined;
    const rule = override === 'never' ? `${field}: never` : `${field} lists only ${override.images.join(', ')}`;
    return new PolicyError(`${policy.file} does not let --override-pin lift pins of ${image.name} in ${environment.name} (${rule})`, policy.file, line ?? environment.line, `run \`slipway unpin --env ${environment.name} --image ${image.name}\` once ${environment.name} may take new versions of it again, or change ${field} in ${policy.file} through a reviewed change to the config repo's default branch`);
}
function toPolicyKey(key) {
    if (key.path !== undefined)
        return { path: key.path };
    if (key.pem !== undefined)
        return { pem: key.pem };
    return { kms: key.kms ?? '' };
}
function toIdentityRule(identity) {
    if (identity === undefined || identity.rule === 'matchRepository')
        return { rule: 'matchRepository' };
    if (identity.rule === 'exactRepository')
        return { rule: 'exactRepository', repository: identity.repository ?? '' };
    return { rule: 'exactReference', reference: identity.reference ?? '' };
}
const FIELDS = {
    root: 'version, pins, environments',
    environment: 'branch, path, promoteFrom, mode, allowForce, pins, pullRequest, require',
    pins: 'override',
    pullRequest: 'approvalRuleTemplate',
    require: 'signatures, provenance',
    signatures: 'keys, identities, trustedRoot, identity',
    provenance: 'sourceRepository, builder, identities, keys, trustedRoot',
    key: 'path, pem, kms',
    identity: 'rule, repository, reference',
    signer: 'issuer, issuerRegExp, subject, subjectRegExp, workflow, github',
    github: 'repository, ref, workflow, trigger, sha',
};
/** cosign's flag names, as people bring them over, and the field each one is here. */
const COSIGN_NAMES = {
    'certificate-identity': 'subject',
    'certificate-identity-regexp': 'subjectRegExp',
    'certificate-oidc-issuer': 'issuer',
    'certificate-oidc-issuer-regexp': 'issuerRegExp',
    identity: 'subject',
    'identity-regexp': 'subjectRegExp',
    san: 'subject',
};
function describeIssue(issue, root, lineAt) {
    const path = issue.path.filter((part) => typeof part !== 'symbol');
    const dotted = path.length === 0 ? 'the top level' : path.join('.');
    const context = fieldContext(path);
    if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0] ?? '';
        const node = keyNodeAt(root, [...path, key]);
        return {
            line: lineAt(node?.range?.[0] ?? nodeAt(root, path)?.range?.[0]),
            message: `unknown field "${key}" in ${dotted}`,
            fix: `${suggest(key, FIELDS[context] ?? '')}${signerInImageIdentity(context, key)}allowed here: ${FIELDS[context] ?? 'see docs/policy.md'}`,
        };
    }
    const own = nodeAt(root, path);
    const node = own ?? nodeAt(root, path.slice(0, -1));
    const line = lineAt(node?.range?.[0]);
    if (own === undefined && path.length > 0 && issue.code !== 'custom' && !hasKey(root, path)) {
        return {
            line,
            message: `"${dotted}" is missing`,
            fix: `add ${String(path[path.length - 1] ?? 'it')} (see docs/policy.md)`,
        };
    }
    const fix = issue.code === 'custom' ? issue.params?.fix : undefined;
    if (typeof fix === 'string')
        return { line, message: `${dotted}: ${issue.message}`, fix };
    if (issue.code === 'invalid_type' && context === 'pins') {
        return {
            line,
            message: `${dotted}: ${issue.message}`,
            fix: 'write a mapping, e.g. pins: { override: never }',
        };
    }
    if (issue.code === 'invalid_value' && 'values' in issue) {
        return {
            line,
            message: `${dotted}: ${issue.message}`,
            fix: `use one of: ${issue.values.map(String).join(', ')}`,
        };
    }
    return {
        line,
        message: `${dotted}: ${issue.message}`,
        fix: 'see docs/policy.md for every field and an example',
    };
}
/** `identity:` (the image name rule) holding a signer's field: the signer belongs in the `identities` list. */
function signerInImageIdentity(context, key) {
    const signerFields = (FIELDS.signer ?? '').split(', ');
    return context === 'identity' && (signerFields.includes(key) || COSIGN_NAMES[key] !== undefined)
        ? 'who signed goes in the list identities: (- issuer: …, subject: …); identity: is the image name rule, '
        : '';
}
function fieldContext(path) {
    if (path.length === 0)
        return 'root';
    if (path.length === 2 && path[0] === 'environments')
        return 'environment';
    const last = path[path.length - 1];
    if (typeof last === 'number' && path[path.length - 2] === 'keys')
        return 'key';
    if (typeof last === 'number' && path[path.length - 2] === 'identities')
        return 'signer';
    if (last === 'require' ||
        last === 'signatures' ||
        last === 'provenance' ||
        last === 'identity' ||
        last === 'github' ||
        last === 'pins' ||
        last === 'pullRequest')
        return last;
    return '';
}
function suggest(key, allowed) {
    const lower = key.toLowerCase().replace(/[-_]/g, '');
    const candidates = allowed.split(', ');
    const cosign = COSIGN_NAMES[key.toLowerCase().replace(/^-+/, '')];
    const match = candidates.find((candidate) => candidate !== '' && candidate.toLowerCase() === lower) ??
        (cosign !== undefined && candidates.includes(cosign) ? cosign : undefined);
    return match === undefined ? '' : `did you mean "${match}"? `;
}
/** The value node at `path`. */
function nodeAt(root, path) {
    let node = root;
    for (const part of path) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(part));
            node = pair?.value ?? undefined;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof part === 'number') {
            node = node.items[part];
        }
        else
            return undefined;
    }
    return node ?? undefined;
}
/** Whether the map holding the last element of `path` has that key at all. */
function hasKey(root, path) {
    return keyNodeAt(root, path) !== undefined;
}
/** The key node of the last element of `path` (for "unknown field" errors). */
function keyNodeAt(root, path) {
    const parent = nodeAt(root, path.slice(0, -1));
    const last = path[path.length - 1];
    if (!(0,dist/* isMap */.jh)(parent))
        return undefined;
    const pair = parent.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(last));
    return (0,dist/* isScalar */.jn)(pair?.key) ? pair.key : undefined;
}

;// CONCATENATED MODULE: ../../packages/sign/src/repository.ts
// What signing and verification need of a repository: a structural subset of @slipway/oci's
// `ImageRepository`, so any implementation of it (registry, OCI layout) works here as it is.

/**
 * Reads a whole blob, cut off past `limit` bytes. The refusal is a plain Error: a caller judging
 * signatures one by one rejects that one signature.
 */
async function readBlob(repository, digest, limit) {
    const blob = await repository.getBlob(digest);
    // Read, not refused on its announced size: reading to the limit ends the stream and frees its connection.
    return (0,oci_src/* readBounded */.CB)(blob.stream, {
        limit,
        tooLarge: (seen) => new Error(`blob ${digest} ${seen}, more than the ${(0,oci_src/* formatLimit */.tW)(limit)} allowed`),
    });
}
/** A blob body for `putBlob` from bytes in memory. */
function bytesBlob(bytes) {
    return async () => ({
        size: bytes.length,
        stream: (async function* () {
            yield bytes;
        })(),
    });
}

;// CONCATENATED MODULE: ../../packages/sign/src/signature-manifest.ts
// The `sha256-<hex>.sig` manifest: an OCI image manifest with one simple-signing layer per signature,
// and an image config naming one diff_id per layer (see shared/signing-formats.md).



const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
/** `sha256-<hex>.sig`: the tag cosign and containers/image look for. */
function signatureTag(digest) {
    if (!(0,oci_src/* isDigest */.Bc)(digest))
        throw new src/* SlipwayError */.GQ(`"${digest}" is not a sha256 digest`, { fix: 'pass sha256:<64 hex digits>' });
    return `${digest.replace(':', '-')}.sig`;
}
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** Reads an existing signature manifest; throws for something that is not an image manifest. */
function parseSignatureManifest(bytes, where) {
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch {
        throw notAManifest(where, 'it is not JSON');
    }
    if (!isRecord(parsed))
        throw notAManifest(where, 'it is not a JSON object');
    if (parsed.schemaVersion !== 2)
        throw notAManifest(where, 'schemaVersion is not 2');
    const mediaType = parsed.mediaType;
    if (mediaType !== undefined && mediaType !== OCI_MANIFEST && mediaType !== DOCKER_MANIFEST) {
        throw notAManifest(where, `its media type is ${String(mediaType)}`);
    }
    if (!Array.isArray(parsed.layers))
        throw notAManifest(where, 'it has no layers');
    const layers = [];
    for (const layer of parsed.layers) {
        if (!isRecord(layer) ||
            typeof layer.mediaType !== 'string' ||
            typeof layer.digest !== 'string' ||
            typeof layer.size !== 'number') {
            throw notAManifest(where, 'a layer lacks mediaType, digest or size');
        }
        layers.push(layer);
    }
    const annotations = isRecord(parsed.annotations)
        ? parsed.annotations
        : undefined;
    return { layers, annotations };
}
/** The simple-signing layers that carry a signature annotation. */
function signatureLayers(manifest) {
    return manifest.layers.filter((layer) => layer.mediaType === SIMPLE_SIGNING_MEDIA_TYPE &&
        typeof layer.annotations?.[SIGNATURE_ANNOTATION] === 'string');
}
/** The manifest (OCI) and its config for `layers`, in order. */
function encodeSignatureManifest(layers, annotations) {
    const config = Buffer.from(JSON.stringify({
        architecture: '',
        os: '',
        config: {},
        rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
    }));
    const configDescriptor = { mediaType: OCI_CONFIG, digest: sha256Digest(config), size: config.length };
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: configDescriptor,
        layers,
        ...(annotations === undefined ? {} : { annotations }),
    }));
    return {
        manifest: new Uint8Array(manifest),
        manifestDigest: sha256Digest(manifest),
        config: new Uint8Array(config),
        configDescriptor,
    };
}
/** The layer for one signature. */
function signatureLayer(payload, signature) {
    return {
        mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
        size: payload.length,
        digest: sha256Digest(payload),
        annotations: { [SIGNATURE_ANNOTATION]: Buffer.from(signature).toString('base64') },
    };
}
/** The signature bytes of a layer's annotation (standard base64), or undefined when not base64. */
function layerSignature(layer) {
    const text = layer.annotations?.[SIGNATURE_ANNOTATION];
    if (text === undefined)
        return undefined;
    const compact = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0 || compact.length === 0)
        return undefined;
    return new Uint8Array(Buffer.from(compact, 'base64'));
}
function notAManifest(where, reason) {
    return new src/* SlipwayError */.GQ(`the signature manifest cannot be read: ${reason}`, {
        where,
        fix: 'delete the broken signature tag and sign again',
    });
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ../../packages/sign/src/referrer.ts
// The newer form (cosign 3): a sigstore bundle v0.3 (a DSSE envelope over an in-toto statement, signed by
// sigstore/sign-bundle.ts) stored as an OCI 1.1 artifact whose `subject` is the image, in the shape cosign's
// WriteAttestationNewBundleFormat writes: an empty config, the bundle as the only layer, and the bundle
// content and predicate type in the manifest's annotations. Registries without the referrers API get the
// fallback tag `sha256-<hex>` holding an index of referrers, maintained here.



const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY = new Uint8Array([0x7b, 0x7d]); // {}
/** Stores the bundle as a referrer of `digest`, keeping the fallback index tag where the API is missing. */
async function writeBundleReferrer(options) {
    const { repository, digest, bundle } = options;
    const subject = await repository.resolve(digest);
    if (subject === undefined) {
        throw new src/* SlipwayError */.GQ(`manifest ${digest} not found`, {
            where: repository.name,
            fix: 'push the image first',
        });
    }
    const bundleDigest = sha256Digest(bundle);
    const emptyDigest = sha256Digest(EMPTY);
    await Promise.all([
        repository.putBlob({ mediaType: BUNDLE_MEDIA_TYPE, digest: bundleDigest, size: bundle.length }, bytesBlob(bundle)),
        repository.putBlob({ mediaType: EMPTY_MEDIA_TYPE, digest: emptyDigest, size: EMPTY.length }, bytesBlob(EMPTY)),
    ]);
    // cosign: RFC 3339 in whole seconds, UTC.
    const created = (options.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const annotations = {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': options.predicateType,
        'org.opencontainers.image.created': created,
    };
    // Keys in the order cosign's Go structs marshal them; the config descriptor also carries the
    // artifactType, as cosign writes it.
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: {
            mediaType: EMPTY_MEDIA_TYPE,
            size: EMPTY.length,
            digest: emptyDigest,
            artifactType: BUNDLE_MEDIA_TYPE,
        },
        layers: [{ mediaType: BUNDLE_MEDIA_TYPE, size: bundle.length, digest: bundleDigest }],
        annotations,
        subject: { mediaType: subject.mediaType, size: subject.size, digest: subject.digest },
        artifactType: BUNDLE_MEDIA_TYPE,
    }));
    const manifestDigest = sha256Digest(manifest);
    await repository.putManifest({ digest: manifestDigest, mediaType: OCI_MANIFEST, bytes: manifest }, []);
    const listed = await repository.referrers(digest, BUNDLE_MEDIA_TYPE);
    if (listed.some((descriptor) => descriptor.digest === manifestDigest)) {
        return { manifestDigest, bundleDigest, fallbackTag: false };
    }
    // No referrers API (or it does not list ours yet): keep the `sha256-<hex>` index up to date.
    const descriptor = {
        mediaType: OCI_MANIFEST,
        digest: manifestDigest,
        size: manifest.length,
        artifactType: BUNDLE_MEDIA_TYPE,
        annotations,
    };
    await addToFallbackIndex(repository, digest, descriptor);
    return { manifestDigest, bundleDigest, fallbackTag: true };
}
async function addToFallbackIndex(repository, digest, descriptor) {
    const tag = digest.replace(':', '-');
    for (let attempt = 1; attempt <= 6; attempt++) {
        const existing = await repository.getManifest(tag);
        let manifests = [];
        if (existing !== undefined) {
            const parsed = JSON.parse(Buffer.from(existing.bytes).toString('utf8'));
            const list = typeof parsed === 'object' && parsed !== null
                ? parsed.manifests
                : undefined;
            if (Array.isArray(list))
                manifests = list;
        }
        if (manifests.some((entry) => entry?.digest === descriptor.digest))
            return;
        const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, descriptor] }));
        const before = await repository.resolve(tag);
        if (before?.digest !== existing?.digest)
            continue;
        await repository.putManifest({ digest: sha256Digest(index), mediaType: OCI_INDEX, bytes: index }, [tag]);
        return;
    }
    throw new src/* SlipwayError */.GQ('other writers kept changing the referrers index tag', {
        where: `${repository.name}:${tag}`,
        fix: 'retry signing',
    });
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/cosign2-keyless.ts
// cosign 2's keyless signatures live in the `.sig` tag like keyed ones, with the Fulcio certificate, its
// chain and the Rekor proof in layer annotations; a keyed signature logged in Rekor carries the proof alone.
// Turned here into the v0.1 bundle they amount to (a message signature over the simple-signing payload, with
// the log entry's inclusion promise), so that sigstore-js checks them the same way as any bundle.


const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
const BUNDLE_V01 = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
const MAX_ANNOTATION_CHARS = 64 * 1024;
/** Why a layer's keyless material or Rekor proof cannot be read; the caller rejects that one signature. */
class KeylessLayerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'KeylessLayerError';
    }
}
/** Whether a `.sig` layer is a keyless signature (it carries a certificate). */
function isKeylessLayer(annotations) {
    return typeof annotations?.[CERTIFICATE_ANNOTATION] === 'string';
}
/** The serialized v0.1 bundle of a keyless `.sig` layer: `payload` is the layer's blob, `signature` DER. */
function keylessLayerBundle(annotations, payload, signature) {
    const certificate = annotations[CERTIFICATE_ANNOTATION] ?? '';
    const chain = annotations[CHAIN_ANNOTATION] ?? '';
    if (certificate.length + chain.length > MAX_ANNOTATION_CHARS) {
        throw new KeylessLayerError('the certificate annotations are larger than allowed');
    }
    const certificates = [...pemBlocks(certificate), ...pemBlocks(chain)];
    if (certificates.length === 0 || pemBlocks(certificate).length !== 1) {
        throw new KeylessLayerError(`the ${CERTIFICATE_ANNOTATION} annotation is not one PEM certificate`);
    }
    const proof = annotations[REKOR_BUNDLE_ANNOTATION];
    const tlogEntries = proof === undefined ? [] : [rekorEntry(proof).tlogEntry];
    return layerBundle({ x509CertificateChain: { certificates: certificates.map((rawBytes) => ({ rawBytes })) } }, tlogEntries, payload, signature);
}
/** Whether a `.sig` layer carries a Rekor proof (cosign's `dev.sigstore.cosign/bundle`). */
function hasRekorProof(annotations) {
    return typeof annotations?.[REKOR_BUNDLE_ANNOTATION] === 'string';
}
/**
 * The serialized v0.1 bundle of a keyed `.sig` layer logged in Rekor (see {@link hasRekorProof}), for checking
 * its proof against a trusted root; the key is whichever trusted key verifies it. Also answers the public key
 * PEM the log entry names, which must be that key.
 */
function keyedLayerBundle(annotations, payload, signature) {
    const { tlogEntry, kind, body } = rekorEntry(annotations[REKOR_BUNDLE_ANNOTATION] ?? '');
    if (kind !== 'hashedrekord') {
        throw new KeylessLayerError(`the Rekor entry of a keyed signature is a ${kind}, not a hashedrekord`);
    }
    const key = cosign2_keyless_field(cosign2_keyless_field(cosign2_keyless_field(body, 'spec'), 'signature'), 'publicKey');
    const content = cosign2_keyless_field(key, 'content');
    if (typeof content !== 'string') {
        throw new KeylessLayerError('the Rekor entry names no public key (spec.signature.publicKey.content)');
    }
    return {
        bundle: layerBundle({ publicKey: { hint: '' } }, [tlogEntry], payload, signature),
        loggedKeyPem: Buffer.from(content, 'base64').toString('utf8'),
    };
}
function layerBundle(material, tlogEntries, payload, signature) {
    return new Uint8Array(Buffer.from(JSON.stringify({
        mediaType: BUNDLE_V01,
        verificationMaterial: {
            ...material,
            tlogEntries,
            timestampVerificationData: { rfc3161Timestamps: [] },
        },
        messageSignature: {
            messageDigest: {
                algorithm: 'SHA2_256',
                digest: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('base64'),
            },
            signature: Buffer.from(signature).toString('base64'),
        },
    })));
}
/** Base64 DER of each `CERTIFICATE` block. */
function pemBlocks(pem) {
    const blocks = [];
    for (const match of pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/gu)) {
        blocks.push((match[1] ?? '').replace(/\s+/gu, ''));
    }
    return blocks;
}
/**
 * cosign's Rekor proof `{SignedEntryTimestamp, Payload:{body,integratedTime,logIndex,logID}}` as a log entry
 * (protobuf JSON), with the entry's kind and decoded body beside it.
 */
function rekorEntry(text) {
    if (text.length > MAX_ANNOTATION_CHARS)
        throw new KeylessLayerError('the Rekor bundle annotation is larger than allowed');
    let proof;
    try {
        proof = JSON.parse(text);
    }
    catch {
        throw new KeylessLayerError(`the ${REKOR_BUNDLE_ANNOTATION} annotation is not JSON`);
    }
    const set = cosign2_keyless_field(proof, 'SignedEntryTimestamp');
    const payload = cosign2_keyless_field(proof, 'Payload');
    const body = cosign2_keyless_field(payload, 'body');
    const integratedTime = cosign2_keyless_field(payload, 'integratedTime');
    const logIndex = cosign2_keyless_field(payload, 'logIndex');
    const logId = cosign2_keyless_field(payload, 'logID');
    if (typeof set !== 'string' ||
        typeof body !== 'string' ||
        typeof integratedTime !== 'number' ||
        typeof logIndex !== 'number' ||
        typeof logId !== 'string' ||
        !/^[0-9a-f]{64}$/u.test(logId)) {
        throw new KeylessLayerError(`the ${REKOR_BUNDLE_ANNOTATION} annotation lacks SignedEntryTimestamp or Payload.{body,integratedTime,logIndex,logID}`);
    }
    let entry;
    let kind;
    let version;
    try {
        entry = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
        kind = cosign2_keyless_field(entry, 'kind');
        version = cosign2_keyless_field(entry, 'apiVersion');
    }
    catch {
        throw new KeylessLayerError('the Rekor entry body is not base64 JSON');
    }
    if (typeof kind !== 'string' || typeof version !== 'string') {
        throw new KeylessLayerError('the Rekor entry body names no kind or apiVersion');
    }
    const tlogEntry = {
        logIndex: String(logIndex),
        logId: { keyId: Buffer.from(logId, 'hex').toString('base64') },
        kindVersion: { kind, version },
        integratedTime: String(integratedTime),
        inclusionPromise: { signedEntryTimestamp: set },
        canonicalizedBody: body,
    };
    return { tlogEntry, kind, body: entry };
}
function cosign2_keyless_field(value, name) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value[name]
        : undefined;
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/leaf-identity.ts
// The identity a Fulcio leaf certificate binds, read with @sigstore/core's X.509 parser: the subject
// alternative name, the OIDC issuer and GitHub's workflow extensions. Fulcio writes each extension in a
// current form (a DER UTF8String) and most also in a legacy one (the raw text); the current one wins.
const FULCIO_OID = '1.3.6.1.4.1.57264.1.';
/** [current, legacy] OID suffixes, as identity.ts documents them. */
const leaf_identity_FIELDS = {
    issuer: ['8', '1'],
    repository: ['12', '5'],
    ref: ['14', '6'],
    workflow: [undefined, '4'],
    trigger: ['20', '2'],
    sha: ['13', '3'],
};
/** What the DER certificate says of its signer; undefined fields are absent from it. */
async function identityFromCertificate(der) {
    const { X509Certificate } = await __webpack_require__.e(/* import() */ 140).then(__webpack_require__.t.bind(__webpack_require__, 91140, 23));
    const certificate = X509Certificate.parse(Buffer.from(der));
    const read = ([current, legacy]) => {
        if (current !== undefined) {
            const extension = certificate.extension(FULCIO_OID + current);
            const text = extension?.valueObj.subs[0]?.value.toString('utf8');
            if (text !== undefined)
                return text;
        }
        return certificate.extension(FULCIO_OID + legacy)?.value.toString('utf8');
    };
    const sourceRepository = read(leaf_identity_FIELDS.repository);
    return {
        subject: certificate.subjectAltName ?? '',
        issuer: read(leaf_identity_FIELDS.issuer) ?? '',
        github: {
            // The current extension is the repository's URL; the legacy one (and the policy) says owner/repo.
            repository: sourceRepository?.replace(/^https:\/\/github\.com\//, ''),
            ref: read(leaf_identity_FIELDS.ref),
            workflow: read(leaf_identity_FIELDS.workflow),
            trigger: read(leaf_identity_FIELDS.trigger),
            sha: read(leaf_identity_FIELDS.sha),
        },
    };
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/statement.ts
// The in-toto statement cosign 3 signs for an image (`cosign sign` with the bundle format), written the way
// cosign's sign command writes it: the subject is the manifest digest alone (no name), carrying the signing
// annotations; the predicate is empty. Verifiers match the subject by digest, so a copy to another
// repository still verifies.


const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The DSSE payload type of an in-toto statement. */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** cosign's predicate type for an image signature (as opposed to an attestation). */
const SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
/** The statement `cosign sign` signs for `digest` (`sha256:…`), with `annotations` (`-a key=value`). */
function imageSignatureStatement(options) {
    if (!(0,oci_src/* isDigest */.Bc)(options.digest) || !options.digest.startsWith('sha256:')) {
        throw new src/* SlipwayError */.GQ(`"${options.digest}" is not a sha256 manifest digest`, {
            fix: 'sign images addressed by sha256 digests, as cosign does',
        });
    }
    return {
        _type: IN_TOTO_STATEMENT_TYPE,
        subject: [
            {
                digest: { sha256: options.digest.slice('sha256:'.length) },
                annotations: { ...(options.annotations ?? {}) },
            },
        ],
        predicateType: SIGN_PREDICATE_TYPE,
        predicate: {},
    };
}
/** The bytes that are signed: compact JSON, keys in in-toto's order. */
function encodeStatement(statement) {
    return new Uint8Array(Buffer.from(JSON.stringify(statement), 'utf8'));
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/sign-bundle.ts
// Signs an in-toto statement into a Sigstore bundle v0.3 (a DSSE envelope) with sigstore-js: keyless
// (Fulcio certifies an ephemeral key for the OIDC identity) or with one of our keys (file, env, KMS),
// witnessed by Rekor and/or a timestamp authority. sigstore-js is loaded here, on first use only, so
// signing with a key alone never pays its start-up.



const DEFAULT_TIMEOUT_MS = 30_000;
const RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 };
async function signBundle(options) {
    const sigstore = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(861), __webpack_require__.e(701), __webpack_require__.e(712)]).then(__webpack_require__.bind(__webpack_require__, 58712));
    const { bundleToJSON } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(120)]).then(__webpack_require__.bind(__webpack_require__, 63120));
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const fetchOptions = { timeout, retry: RETRY };
    const { signer: given } = options;
    const signer = given.kind === 'keyless'
        ? new sigstore.FulcioSigner({
            fulcioBaseURL: given.fulcioUrl,
            identityProvider: { getToken: async () => given.identityToken },
            ...fetchOptions,
        })
        : keySigner(given.signer);
    const witnesses = [];
    if (options.rekorUrl !== undefined) {
        witnesses.push(new sigstore.RekorWitness({
            rekorBaseURL: options.rekorUrl,
            majorApiVersion: options.rekorVersion ?? 1,
            entryType: 'dsse',
            fetchOnConflict: true,
            ...fetchOptions,
        }));
    }
    if (options.tsaUrl !== undefined) {
        witnesses.push(new sigstore.TSAWitness({ tsaBaseURL: options.tsaUrl, ...fetchOptions }));
    }
    let bundle;
    try {
        bundle = await new sigstore.DSSEBundleBuilder({ signer, witnesses }).create({
            data: Buffer.from(options.statement),
            type: IN_TOTO_PAYLOAD_TYPE,
        });
    }
    catch (error) {
        throw serviceError(error, options);
    }
    const material = bundle.verificationMaterial;
    const json = bundleToJSON(bundle);
    const bytes = new Uint8Array(Buffer.from(JSON.stringify(json), 'utf8'));
    const counts = {
        tlogEntries: material.tlogEntries.length,
        timestamps: material.timestampVerificationData?.rfc3161Timestamps.length ?? 0,
    };
    if (given.kind === 'key')
        return { bytes, keyFingerprint: given.signer.fingerprint, ...counts };
    const content = material.content;
    const leaf = content.$case === 'certificate'
        ? content.certificate.rawBytes
        : content.$case === 'x509CertificateChain'
            ? content.x509CertificateChain.certificates[0]?.rawBytes
            : undefined;
    if (leaf === undefined)
        throw new Error('bug: a Fulcio-signed bundle without its certificate');
    return { bytes, identity: await identityFromCertificate(leaf), ...counts };
}
/**
 * One of our keys as sigstore-js' Signer. sigstore-js hands over the bytes to sign (DSSE's pre-authentication
 * encoding); our Signer hashes them with SHA-256 and answers DER, as a bundle wants. The hint is what cosign
 * writes for a key: the base64 SHA-256 of its SPKI DER.
 */
function keySigner(signer) {
    const hint = Buffer.from(signer.fingerprint, 'hex').toString('base64');
    return {
        sign: async (data) => ({
            signature: Buffer.from(await signer.sign(new Uint8Array(data))),
            key: { $case: 'publicKey', publicKey: signer.publicKeyPem, hint },
        }),
    };
}
/**
 * sigstore-js' errors name a code and carry the HTTP error; the message is rebuilt from the code and the
 * status only, since the services' answers are no place to look for a safe line (and the token is a bearer
 * credential a misbehaving service could echo).
 */
function serviceError(error, options) {
    if (error instanceof src/* SlipwayError */.GQ)
        return error;
    const code = typeof error === 'object' && error !== null ? error.code : undefined;
    const status = httpStatus(error);
    const answered = serviceFailure(error);
    if (code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR' && options.signer.kind === 'keyless') {
        return new src/* SlipwayError */.GQ(`Fulcio ${answered} when asked for a signing certificate`, {
            where: options.signer.fulcioUrl,
            fix: status === 400 || status === 401 || status === 403
                ? 'the identity token was refused: it must be fresh and have audience "sigstore" (on GitHub Actions: permissions: id-token: write); check --fulcio-url or --sigstore matches the token issuer'
                : 'retry; check --fulcio-url (or --sigstore / --signing-config) and that this machine reaches it',
            cause: error,
        });
    }
    if (code === 'TLOG_CREATE_ENTRY_ERROR' || code === 'TLOG_FETCH_ENTRY_ERROR') {
        return new src/* SlipwayError */.GQ(`Rekor ${answered} when asked to log the signature`, {
            where: options.rekorUrl ?? 'Rekor',
            fix: 'retry; check --rekor-url, or sign without the log (--tlog-upload false) with a timestamp authority (--tsa-url)',
            cause: error,
        });
    }
    if (code === 'TSA_CREATE_TIMESTAMP_ERROR') {
        return new src/* SlipwayError */.GQ(`the timestamp authority ${answered}`, {
            where: options.tsaUrl ?? 'TSA',
            fix: 'retry; check --tsa-url and that this machine reaches it',
            cause: error,
        });
    }
    if (code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR') {
        return new src/* SlipwayError */.GQ('the OIDC identity token could not be read', {
            where: 'SIGSTORE_ID_TOKEN',
            fix: 'give a JWT issued for the audience "sigstore"',
            cause: error,
        });
    }
    return error;
}
/** How a service call went wrong, after the service's name: `answered HTTP 503`, `failed (ECONNREFUSED)`. */
function serviceFailure(error) {
    const status = httpStatus(error);
    return status === undefined ? `failed (${networkCause(error)})` : `answered HTTP ${status}`;
}
function httpStatus(error) {
    for (let current = error, depth = 0; current !== undefined && depth < 4; depth++) {
        if (typeof current !== 'object' || current === null)
            return undefined;
        const status = current.statusCode;
        if (typeof status === 'number')
            return status;
        current = current.cause;
    }
    return undefined;
}
function networkCause(error) {
    for (let current = error, depth = 0; current !== undefined && depth < 4; depth++) {
        if (typeof current !== 'object' || current === null)
            break;
        const code = current.code;
        if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
            return code;
        current = current.cause;
    }
    return 'no answer';
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/rekor-layer-proof.ts
// A keyed `.sig` signature logged in Rekor v1, as cosign 2 `sign --key --tlog-upload` does: a `hashedrekord`
// entry (the payload's SHA-256, the DER signature, the public key), its proof kept in the layer's
// `dev.sigstore.cosign/bundle` annotation, which a default `cosign verify --key` insists on. sigstore-js
// makes the entry; it is loaded here, on first use only.



const rekor_layer_proof_DEFAULT_TIMEOUT_MS = 30_000;
const rekor_layer_proof_RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 };
/**
 * Logs `signature` (already made by `signer` over `payload`) in Rekor; answers the layer annotations that
 * carry the proof. The layer's signature and the logged one must be the same bytes, so sigstore-js is handed
 * the signature made rather than asked to sign again (ECDSA signatures differ each time).
 */
async function logLayerSignature(options) {
    const { payload, signature, signer, tlog } = options;
    const sigstore = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(861), __webpack_require__.e(701), __webpack_require__.e(712)]).then(__webpack_require__.bind(__webpack_require__, 58712));
    const timeout = tlog.timeoutMs ?? rekor_layer_proof_DEFAULT_TIMEOUT_MS;
    const witness = new sigstore.RekorWitness({
        rekorBaseURL: tlog.rekorUrl,
        majorApiVersion: 1,
        // A conflict is a retry of this very request after Rekor took it: the entry is there, fetch it.
        fetchOnConflict: true,
        timeout,
        retry: rekor_layer_proof_RETRY,
    });
    const made = {
        sign: async (data) => {
            if (!data.equals(payload))
                throw new Error('bug: Rekor asked to sign other bytes than the payload');
            return {
                signature: Buffer.from(signature),
                key: { $case: 'publicKey', publicKey: signer.publicKeyPem },
            };
        },
    };
    let bundle;
    try {
        bundle = await new sigstore.MessageSignatureBundleBuilder({
            signer: made,
            witnesses: [witness],
        }).create({ data: Buffer.from(payload) });
    }
    catch (error) {
        if (error instanceof src/* SlipwayError */.GQ)
            throw error;
        throw new src/* SlipwayError */.GQ(`Rekor ${serviceFailure(error)} when asked to log the signature`, {
            where: tlog.rekorUrl,
            fix: 'retry; check the Rekor URL and that this machine reaches it, or sign without the log (the signature then needs cosign verify --insecure-ignore-tlog)',
            cause: error,
        });
    }
    const entry = bundle.verificationMaterial.tlogEntries[0];
    const promise = entry?.inclusionPromise?.signedEntryTimestamp;
    if (entry === undefined || promise === undefined) {
        throw new src/* SlipwayError */.GQ('Rekor logged the signature without a signed entry timestamp', {
            where: tlog.rekorUrl,
            fix: "use a Rekor v1 log (cosign 2 reads only v1's signed entry timestamp)",
        });
    }
    return {
        [REKOR_BUNDLE_ANNOTATION]: rekorBundleAnnotation({
            signedEntryTimestamp: promise,
            body: entry.canonicalizedBody,
            integratedTime: Number(entry.integratedTime),
            logIndex: Number(entry.logIndex),
            logId: entry.logId.keyId,
        }),
    };
}
/**
 * cosign's RekorBundle (pkg/cosign/bundle), keys in its order: `SignedEntryTimestamp` base64, `Payload` with
 * the entry body base64, the integrated time and index as JSON integers and the log ID in hex.
 */
function rekorBundleAnnotation(entry) {
    return JSON.stringify({
        SignedEntryTimestamp: entry.signedEntryTimestamp.toString('base64'),
        Payload: {
            body: entry.body.toString('base64'),
            integratedTime: entry.integratedTime,
            logIndex: entry.logIndex,
            logID: entry.logId.toString('hex'),
        },
    });
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/sign-image-bundle.ts
// cosign 3's image signature: the sign statement for the digest, signed into a bundle, stored as a
// referrer of the image. One path for keyless signing and for a key's bundle beside its `.sig` tag.



async function signImageBundle(options) {
    const statement = encodeStatement(imageSignatureStatement({ digest: options.digest, annotations: options.annotations }));
    const { bytes, ...signed } = await signBundle({
        statement,
        signer: options.signer,
        rekorUrl: options.rekorUrl,
        rekorVersion: options.rekorVersion,
        tsaUrl: options.tsaUrl,
    });
    const referrer = await writeBundleReferrer({
        repository: options.repository,
        digest: options.digest,
        bundle: bytes,
        predicateType: SIGN_PREDICATE_TYPE,
    });
    return { ...referrer, ...signed };
}

;// CONCATENATED MODULE: ../../packages/sign/src/sign.ts
// Adding a signature: read-modify-write of the `sha256-<hex>.sig` manifest, safe against other signers
// writing the same tag at the same time.









const SETTLE_MIN_MS = 5;
const SETTLE_FACTOR = 1.5;
const SETTLE_MAX_MS = 2000;
const CHILDREN_AT_ONCE = 4;
const INDEX_MEDIA_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
];
/** Signs `digest` in `repository` with `signer`; see {@link SignImageOptions}. */
async function signImage(options) {
    const { repository, digest, signer } = options;
    if (!(0,oci_src/* isDigest */.Bc)(digest)) {
        throw new src/* SlipwayError */.GQ(`"${digest}" is not a manifest digest`, {
            where: repository.name,
            fix: 'sign by digest (sha256:…): resolve the tag first so the signature names the exact image',
        });
    }
    const identity = defaultIdentity(repository, options.identity);
    const children = [];
    if (options.recursive === true) {
        // Each platform has its own `.sig` tag: sign a few at once, each paying its round trips in parallel.
        const digests = await indexChildDigests(repository, digest);
        for (let start = 0; start < digests.length; start += CHILDREN_AT_ONCE) {
            const batch = digests.slice(start, start + CHILDREN_AT_ONCE);
            children.push(...(await Promise.all(batch.map((child) => addSignature(options, child, identity)))));
        }
    }
    const main = await addSignature(options, digest, identity);
    const referrer = options.referrer === true
        ? await signImageBundle({
            repository,
            digest,
            signer: { kind: 'key', signer },
            annotations: options.annotations,
            ...options.bundleWitnesses,
        })
        : undefined;
    return {
        ...main,
        keyFingerprint: signer.fingerprint,
        identity,
        children,
        ...(referrer === undefined ? {} : { referrer }),
    };
}
/** The platform manifests an index lists (none for a single manifest), for signing each of them too. */
async function indexChildDigests(repository, digest) {
    const manifest = await repository.getManifest(digest);
    if (manifest === undefined)
        throw imageNotFound(repository, digest);
    return INDEX_MEDIA_TYPES.includes(manifest.mediaType) ? indexChildren(manifest.bytes) : [];
}
function defaultIdentity(repository, identity) {
    // A layout standing in for a registry repository (a local store) carries that repository's name.
    const named = repository.registry !== undefined || !repository.name.startsWith('oci:');
    const text = identity ?? (named ? repository.name : undefined);
    if (text === undefined) {
        throw new src/* SlipwayError */.GQ('an OCI layout has no image name to put in the signature', {
            where: repository.name,
            fix: 'pass the identity: the repository the image will be pulled from, e.g. registry.example.com/shop/cart',
        });
    }
    try {
        (0,oci_src/* parseReference */.F2)(text);
    }
    catch (error) {
        throw new src/* SlipwayError */.GQ(`the signature identity "${text}" is not an image reference`, {
            where: repository.name,
            fix: 'give a repository such as registry.example.com/shop/cart (optionally with :tag)',
            cause: error,
        });
    }
    return text;
}
async function addSignature(options, digest, identity) {
    const { repository, signer } = options;
    const tag = signatureTag(digest);
    const where = `${repository.name}:${tag}`;
    const payload = buildPayload({
        dockerReference: identity,
        manifestDigest: digest,
        annotations: options.annotations,
    });
    const payloadDigest = sha256Digest(payload);
    const signature = await signer.sign(payload);
    if (!isDerEcdsaSignature(signature)) {
        throw new src/* SlipwayError */.GQ(`${signer.description} produced a signature that is not ASN.1 DER`, {
            fix: 'use a P-256 key; cosign and containers/image read DER ECDSA signatures only',
        });
    }
    const plain = signatureLayer(payload, signature);
    // With a log, the layer is known only once Rekor has taken the signature. Rekor is asked only when the
    // tag lacks the signature (no entry for a signature never written), before anything is written, and
    // once: a retry after contention reuses the entry.
    const { tlog } = options;
    let ours;
    const layerToWrite = () => {
        ours ??=
            tlog === undefined
                ? Promise.resolve(plain)
                : logLayerSignature({ payload, signature, signer, tlog }).then((proof) => ({
                    ...plain,
                    annotations: { ...plain.annotations, ...proof },
                }));
        return ours;
    };
    const payloadDescriptor = { mediaType: plain.mediaType, digest: payloadDigest, size: payload.length };
    let payloadPushed = false;
    const attempts = options.maxAttempts ?? 6;
    for (let attempt = 1;; attempt++) {
        // Round 1: the read of the tag and the upload sessions at once. The payload blob does not depend on
        // the read; the config blob does, but only its content, not the opening of its session.
        const payloadUpload = payloadPushed ? undefined : openUpload(repository);
        const configUpload = openUpload(repository);
        const opened = payloadUpload === undefined ? [configUpload] : [payloadUpload, configUpload];
        // Leaving before round 2 gives the sessions back rather than leave them open on the registry.
        const release = () => Promise.all(opened.map((upload) => upload.cancel()));
        let existing;
        let current;
        try {
            existing = await repository.getManifest(tag);
            current = existing === undefined ? undefined : parseSignatureManifest(existing.bytes, where);
        }
        catch (error) {
            await release();
            throw error;
        }
        const layers = current?.layers ?? [];
        if (existing !== undefined && layers.some((layer) => sameSigner(layer, payloadDigest, payload, signer))) {
            await release();
            return { digest, signatureTag: tag, signatureManifestDigest: existing.digest, added: false };
        }
        let layer;
        try {
            layer = await layerToWrite();
        }
        catch (error) {
            await release();
            throw error;
        }
        const encoded = encodeSignatureManifest([...layers, layer], current?.annotations);
        // Round 2: the blobs, and the race check: has another signer written the tag since our read? The
        // check goes out as soon as the first blob is in, alongside the other. Asked any earlier, it would
        // leave a longer stretch between its answer and our manifest landing, and the settle below (which
        // must outlast that stretch) longer with it.
        const uploads = [
            payloadUpload?.put(payloadDescriptor, bytesBlob(payload)).then(() => {
                payloadPushed = true;
            }),
            configUpload.put(encoded.configDescriptor, bytesBlob(encoded.config)),
        ].filter((upload) => upload !== undefined);
        let checked = 0;
        const check = Promise.race(uploads)
            .then(() => repository.resolve(tag))
            .then((descriptor) => {
            checked = performance.now();
            return descriptor;
        });
        const [before] = await Promise.all([check, ...uploads]);
        if (before?.digest !== existing?.digest) {
            if (attempt >= attempts)
                throw contended(where, attempts);
            await backoff(attempt);
            continue;
        }
        // Round 3: the manifest, now that the blobs it names are in and the tag is still as we read it.
        try {
            await repository.putManifest({ digest: encoded.manifestDigest, mediaType: OCI_MANIFEST, bytes: encoded.manifest }, [tag]);
        }
        catch (error) {
            // putManifest hashed these bytes before sending them, so DIGEST_INVALID is not about them: it is
            // distribution's answer while another signer rewrites the link file of the payload blob we share,
            // and it passes. Not the same PUT again (the tag may move meanwhile, and the PUT would then drop
            // the other signature): read afresh and merge, as after any contention.
            if (errorCode(error) === 'DIGEST_INVALID' && attempt < attempts) {
                await backoff(attempt);
                continue;
            }
            throw refusedRewrite(error, where, existing !== undefined) ?? error;
        }
        // Registries have no conditional PUT: a writer whose check was answered just before our PUT landed
        // may still overwrite us. Its PUT lands within about its own time from check answered to PUT answered
        // after ours. Signers do the same work, so ours stands in for it: from our check's answer to our PUT's
        // answer, which takes in whatever of the blob uploads was still under way when the check answered.
        // Wait that long with half again as margin (at least 5 ms, at most 2 s), then make sure our layer is
        // in the tag; if not, go round again.
        await sleep(Math.min(SETTLE_MAX_MS, Math.max(SETTLE_MIN_MS, SETTLE_FACTOR * (performance.now() - checked))));
        const after = await repository.resolve(tag);
        if (after?.digest === encoded.manifestDigest) {
            return { digest, signatureTag: tag, signatureManifestDigest: encoded.manifestDigest, added: true };
        }
        const now = await repository.getManifest(tag);
        if (now !== undefined &&
            parseSignatureManifest(now.bytes, where).layers.some((found) => sameLayer(found, layer))) {
            return { digest, signatureTag: tag, signatureManifestDigest: now.digest, added: true };
        }
        if (attempt >= attempts)
            throw contended(where, attempts);
        await backoff(attempt);
    }
}
/**
 * An upload whose session is opening already, where the repository can do that (a registry); else a
 * plain putBlob when the content is known.
 */
function openUpload(repository) {
    if (repository.startUpload === undefined) {
        return { put: (descriptor, open) => repository.putBlob(descriptor, open), cancel: async () => { } };
    }
    const opening = repository.startUpload();
    // A session that failed to open is dealt with by put or cancel; until then it is no unhandled rejection.
    opening.catch(() => { });
    const session = () => opening.catch(() => undefined);
    return {
        put: async (descriptor, open) => {
            const pending = await session();
            // putBlob opens a session of its own, with its retries, and reports what keeps failing.
            await (pending === undefined ? repository.putBlob(descriptor, open) : pending.put(descriptor, open));
        },
        cancel: async () => {
            await (await session())?.cancel();
        },
    };
}
/** A layer with our exact payload, signed by our key: signing again would add nothing. */
function sameSigner(layer, payloadDigest, payload, signer) {
    if (layer.digest !== payloadDigest)
        return false;
    const signature = layerSignature(layer);
    if (signature === undefined || !isDerEcdsaSignature(signature))
        return false;
    return (0,external_node_crypto_.verify)('sha256', payload, { key: signer.publicKey, dsaEncoding: 'der' }, signature);
}
function sameLayer(a, b) {
    return (a.digest === b.digest && a.annotations?.[SIGNATURE_ANNOTATION] === b.annotations?.[SIGNATURE_ANNOTATION]);
}
function indexChildren(bytes) {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
    const manifests = typeof parsed === 'object' && parsed !== null ? parsed.manifests : undefined;
    if (!Array.isArray(manifests))
        return [];
    const digests = [];
    for (const entry of manifests) {
        const digest = typeof entry === 'object' && entry !== null ? entry.digest : undefined;
        if (typeof digest === 'string' && (0,oci_src/* isDigest */.Bc)(digest) && !digests.includes(digest))
            digests.push(digest);
    }
    return digests;
}
function errorCode(error) {
    return typeof error === 'object' && error !== null ? error.code : undefined;
}
/** ECR and others refuse to move an existing tag in an immutable repository. */
function refusedRewrite(error, where, existed) {
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    const immutable = code === 'TAG_INVALID' ||
        code === 'ImageTagAlreadyExistsException' ||
        /immutable|cannot be overwritten|already exists/i.test(message);
    if (!immutable || !existed)
        return undefined;
    return new src/* SlipwayError */.GQ('the repository refused to rewrite the signature tag: its tags are immutable', {
        where,
        fix: 'make the repository tags mutable for signatures (ECR: image tag mutability IMMUTABLE_WITH_EXCLUSION with an exclusion filter "sha256-*.sig", or MUTABLE), or sign each digest only once',
        cause: error,
    });
}
function contended(where, attempts) {
    return new src/* SlipwayError */.GQ(`other signers kept changing the signature tag; gave up after ${attempts} attempts`, {
        where,
        fix: 'retry the signing step; avoid running many signers on one digest at once',
    });
}
function imageNotFound(repository, digest) {
    return new src/* SlipwayError */.GQ(`manifest ${digest} not found`, {
        where: repository.name,
        fix: 'push the image first, or check the repository and digest',
    });
}
function backoff(attempt) {
    return sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/endpoints.ts
// Where keyless signing goes: Fulcio (certificates), Rekor (transparency log) and a timestamp authority.
// Public-good Sigstore by default; GitHub's own instance (private repositories: Fulcio and a TSA, no
// Rekor, as actions/toolkit's attest package uses it); URLs given one by one; or a Sigstore SigningConfig
// file. Everything is checked here, where it enters, and comes out as one typed value.


const PUBLIC_GOOD_FULCIO_URL = 'https://fulcio.sigstore.dev';
const PUBLIC_GOOD_REKOR_URL = 'https://rekor.sigstore.dev';
const PUBLIC_GOOD_TSA_URL = 'https://timestamp.sigstore.dev/api/v1/timestamp';
const GITHUB_FULCIO_URL = 'https://fulcio.githubapp.com';
const GITHUB_TSA_URL = 'https://timestamp.githubapp.com/api/v1/timestamp';
const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';
const SIGSTORE_INSTANCES = ['public-good', 'github'];
/** The endpoints the options name; throws a SlipwayError naming the flag for anything unusable. */
function resolveEndpoints(options) {
    const allowHttp = options.allowHttp === true;
    if (options.signingConfig !== undefined && options.instance !== undefined) {
        throw new src/* SlipwayError */.GQ('--signing-config and --sigstore both say which services to use', {
            where: '--signing-config',
            fix: 'give one of them',
        });
    }
    const base = options.signingConfig !== undefined
        ? parseSigningConfig(options.signingConfig.bytes, options.signingConfig.where, allowHttp)
        : options.instance === 'github'
            ? { fulcioUrl: GITHUB_FULCIO_URL, tsaUrl: GITHUB_TSA_URL }
            : { fulcioUrl: PUBLIC_GOOD_FULCIO_URL, rekor: { url: PUBLIC_GOOD_REKOR_URL, version: 1 } };
    const fulcioUrl = options.fulcioUrl === undefined
        ? base.fulcioUrl
        : serviceUrl(options.fulcioUrl, '--fulcio-url', allowHttp);
    let rekor = options.rekorUrl === undefined
        ? base.rekor
        : { url: serviceUrl(options.rekorUrl, '--rekor-url', allowHttp), version: base.rekor?.version ?? 1 };
    const tsaUrl = options.tsaUrl === undefined ? base.tsaUrl : serviceUrl(options.tsaUrl, '--tsa-url', allowHttp);
    if (options.tlogUpload === false)
        rekor = undefined;
    if (options.tlogUpload === true && rekor === undefined) {
        throw new src/* SlipwayError */.GQ('--tlog-upload is true but no transparency log is configured', {
            where: '--tlog-upload',
            fix: 'give --rekor-url, or --tlog-upload false to rely on the timestamp authority alone',
        });
    }
    if (rekor === undefined && tsaUrl === undefined) {
        throw new src/* SlipwayError */.GQ('keyless signing without a transparency log needs a timestamp authority', {
            where: '--tlog-upload',
            fix: 'give --tsa-url (GitHub private repositories: --sigstore github), or leave --tlog-upload on',
        });
    }
    return {
        fulcioUrl,
        ...(rekor === undefined ? {} : { rekor }),
        ...(tsaUrl === undefined ? {} : { tsaUrl }),
    };
}
/** A service URL from a flag or file: https, or http only to loopback (or anywhere with SLIPWAY_ALLOW_HTTP=1). */
function serviceUrl(text, where, allowHttp) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        throw new src/* SlipwayError */.GQ(`"${text}" is not a URL`, { where, fix: 'give an https:// URL' });
    }
    if (url.username !== '' || url.password !== '') {
        throw new src/* SlipwayError */.GQ('the service URL carries credentials', {
            where,
            fix: 'remove user:password@ from the URL; Sigstore services take none',
        });
    }
    const plainAllowed = url.protocol === 'http:' && (allowHttp || isLoopback(url.hostname));
    if (url.protocol !== 'https:' && !plainAllowed) {
        throw new src/* SlipwayError */.GQ(`"${url.origin}" is not an https:// URL`, {
            where,
            fix: 'use https:// (http:// only to a loopback host, or anywhere with SLIPWAY_ALLOW_HTTP=1)',
        });
    }
    return url.href.replace(/\/$/, '');
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
const service = schemas/* object */.Ikc({
    url: schemas/* string */.YjP(),
    majorApiVersion: schemas/* number */.aig().int().positive(),
    validFor: schemas/* object */.Ikc({ start: schemas/* string */.YjP().optional(), end: schemas/* string */.YjP().optional() }).optional(),
    operator: schemas/* string */.YjP().optional(),
});
const selector = schemas/* object */.Ikc({ selector: schemas/* string */.YjP(), count: schemas/* number */.aig().optional() });
const signingConfigSchema = schemas/* object */.Ikc({
    mediaType: schemas/* string */.YjP(),
    caUrls: schemas/* array */.YOg(service).default([]),
    oidcUrls: schemas/* array */.YOg(service).default([]),
    rekorTlogUrls: schemas/* array */.YOg(service).default([]),
    tsaUrls: schemas/* array */.YOg(service).default([]),
    rekorTlogConfig: selector.optional(),
    tsaConfig: selector.optional(),
});
/**
 * Reads a SigningConfig v0.2 (`signing_config.json`, as cosign's `--signing-config` takes it) the way
 * sigstore-js does: of each kind, the newest service valid now whose API this client speaks (Fulcio 1,
 * Rekor 1–2, TSA 1); a log or timestamp authority only when its `…Config` selects one (`ANY`).
 */
function parseSigningConfig(bytes, where, allowHttp = false) {
    let json;
    try {
        json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch (error) {
        throw new src/* SlipwayError */.GQ('the signing config is not JSON', {
            where,
            fix: 'give a Sigstore signing_config.json',
            cause: error,
        });
    }
    const parsed = signingConfigSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new src/* SlipwayError */.GQ(`the signing config is not a Sigstore SigningConfig: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`, { where, fix: `give a ${SIGNING_CONFIG_MEDIA_TYPE} document` });
    }
    const config = parsed.data;
    if (config.mediaType !== SIGNING_CONFIG_MEDIA_TYPE) {
        throw new src/* SlipwayError */.GQ(`the signing config's mediaType is "${config.mediaType}"`, {
            where,
            fix: `Slipway reads ${SIGNING_CONFIG_MEDIA_TYPE}; get a current signing_config.json (cosign 3 and the Sigstore TUF repository publish one)`,
        });
    }
    const ca = pick(config.caUrls, 1, 'caUrls', where);
    if (ca === undefined) {
        throw new src/* SlipwayError */.GQ('the signing config has no Fulcio (caUrls) valid now with API version 1', {
            where,
            fix: 'add a caUrls entry, or pass --fulcio-url',
        });
    }
    const fulcioUrl = serviceUrl(ca.url, `${where} caUrls`, allowHttp);
    let rekor;
    if (config.rekorTlogConfig !== undefined) {
        checkSelector(config.rekorTlogConfig.selector, 'rekorTlogConfig', where);
        const log = pick(config.rekorTlogUrls, 2, 'rekorTlogUrls', where);
        if (log === undefined) {
            throw new src/* SlipwayError */.GQ('the signing config selects a transparency log but lists none valid now', {
                where,
                fix: 'add a rekorTlogUrls entry with majorApiVersion 1 or 2, or remove rekorTlogConfig',
            });
        }
        rekor = {
            url: serviceUrl(log.url, `${where} rekorTlogUrls`, allowHttp),
            version: log.majorApiVersion === 2 ? 2 : 1,
        };
    }
    let tsaUrl;
    if (config.tsaConfig !== undefined) {
        checkSelector(config.tsaConfig.selector, 'tsaConfig', where);
        const tsa = pick(config.tsaUrls, 1, 'tsaUrls', where);
        if (tsa === undefined) {
            throw new src/* SlipwayError */.GQ('the signing config selects a timestamp authority but lists none valid now', {
                where,
                fix: 'add a tsaUrls entry with majorApiVersion 1, or remove tsaConfig',
            });
        }
        tsaUrl = serviceUrl(tsa.url, `${where} tsaUrls`, allowHttp);
    }
    return {
        fulcioUrl,
        ...(rekor === undefined ? {} : { rekor }),
        ...(tsaUrl === undefined ? {} : { tsaUrl }),
    };
}
function checkSelector(value, field, where) {
    if (value !== 'ANY') {
        throw new src/* SlipwayError */.GQ(`the signing config's ${field}.selector is ${value}`, {
            where,
            fix: 'Slipway (as sigstore-js) uses one service of each kind: set the selector to ANY',
        });
    }
}
function pick(services, maxVersion, field, where) {
    const now = Date.now();
    const time = (text, edge) => {
        if (text === undefined)
            return undefined;
        const value = Date.parse(text);
        if (Number.isNaN(value)) {
            throw new src/* SlipwayError */.GQ(`the signing config's ${field} has a validFor.${edge} that is no date: "${text}"`, {
                where,
                fix: 'write RFC 3339 times such as 2025-04-01T00:00:00Z',
            });
        }
        return value;
    };
    return services
        .map((entry) => ({
        entry,
        start: time(entry.validFor?.start, 'start') ?? 0,
        end: time(entry.validFor?.end, 'end'),
    }))
        .filter(({ entry, start, end }) => entry.majorApiVersion <= maxVersion && start <= now && (end === undefined || end > now))
        .sort((a, b) => b.start - a.start)[0]?.entry;
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/oidc.ts
// The OIDC identity token Fulcio exchanges for a signing certificate: `SIGSTORE_ID_TOKEN` when given, else
// GitHub Actions' token endpoint asked for the audience `sigstore`. Both tokens are bearer credentials: they
// go through `mask` before anything can print them and never into an error, a log line or argv.


const SIGSTORE_ID_TOKEN_VARIABLE = 'SIGSTORE_ID_TOKEN';
const GITHUB_TOKEN_URL_VARIABLE = 'ACTIONS_ID_TOKEN_REQUEST_URL';
const GITHUB_TOKEN_REQUEST_VARIABLE = 'ACTIONS_ID_TOKEN_REQUEST_TOKEN';
/** The variables holding bearer credentials, for the faces to mask. */
const IDENTITY_TOKEN_SECRET_VARIABLES = [SIGSTORE_ID_TOKEN_VARIABLE, GITHUB_TOKEN_REQUEST_VARIABLE];
const SIGSTORE_AUDIENCE = 'sigstore';
const oidc_DEFAULT_TIMEOUT_MS = 30_000;
/** GitHub's answer is a JWT of a few KiB; anything far larger is not one. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Whether an identity token can be had here without asking the network (for choosing keyless at all). */
function identityTokenAvailable(env) {
    return (nonEmpty(env[SIGSTORE_ID_TOKEN_VARIABLE]) !== undefined ||
        (nonEmpty(env[GITHUB_TOKEN_URL_VARIABLE]) !== undefined &&
            nonEmpty(env[GITHUB_TOKEN_REQUEST_VARIABLE]) !== undefined));
}
async function identityToken(options) {
    const { env, mask } = options;
    const given = nonEmpty(env[SIGSTORE_ID_TOKEN_VARIABLE]);
    if (given !== undefined) {
        mask(given);
        if (!JWT.test(given)) {
            throw new src/* SlipwayError */.GQ(`${SIGSTORE_ID_TOKEN_VARIABLE} does not hold a JWT`, {
                where: SIGSTORE_ID_TOKEN_VARIABLE,
                fix: 'set it to the OIDC identity token itself (three base64url parts separated by dots), or unset it',
            });
        }
        return { token: given, source: SIGSTORE_ID_TOKEN_VARIABLE };
    }
    const requestUrl = nonEmpty(env[GITHUB_TOKEN_URL_VARIABLE]);
    const requestToken = nonEmpty(env[GITHUB_TOKEN_REQUEST_VARIABLE]);
    if (requestToken !== undefined)
        mask(requestToken);
    if (requestUrl === undefined || requestToken === undefined) {
        if (env.GITHUB_ACTIONS === 'true') {
            throw new src/* SlipwayError */.GQ('this GitHub Actions job cannot get an OIDC identity token for keyless signing', {
                where: GITHUB_TOKEN_URL_VARIABLE,
                fix: 'give the job `permissions: id-token: write` (and keep contents: read), or sign with --key',
            });
        }
        throw new src/* SlipwayError */.GQ('no key and no OIDC identity token to sign with', {
            where: `--key, ${SIGSTORE_ID_TOKEN_VARIABLE}`,
            fix: `pass --key (a cosign.key path, env://NAME or awskms:///alias/name), or set ${SIGSTORE_ID_TOKEN_VARIABLE} to an OIDC token with audience "sigstore" for keyless signing (on GitHub Actions: permissions: id-token: write)`,
        });
    }
    const url = tokenEndpoint(requestUrl, options.allowHttp === true);
    const token = await fetchGitHubToken(url, requestToken, options.timeoutMs ?? oidc_DEFAULT_TIMEOUT_MS);
    mask(token);
    return { token, source: 'GitHub Actions OIDC' };
}
function tokenEndpoint(text, allowHttp) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new src/* SlipwayError */.GQ(`${GITHUB_TOKEN_URL_VARIABLE} is not a URL`, {
            where: GITHUB_TOKEN_URL_VARIABLE,
            fix: 'leave it as the GitHub runner sets it',
        });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (allowHttp || isLoopback(url.hostname)))) {
        throw new src/* SlipwayError */.GQ(`${GITHUB_TOKEN_URL_VARIABLE} is not an https:// URL (${url.origin})`, {
            where: GITHUB_TOKEN_URL_VARIABLE,
            fix: 'leave it as the GitHub runner sets it (http:// only to a loopback host, or anywhere with SLIPWAY_ALLOW_HTTP=1)',
        });
    }
    url.searchParams.set('audience', SIGSTORE_AUDIENCE);
    return url;
}
async function fetchGitHubToken(url, requestToken, timeoutMs) {
    const where = `GitHub OIDC token endpoint ${url.origin}`;
    let response;
    try {
        response = await fetch(url, {
            headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json' },
            redirect: 'error',
            signal: AbortSignal.timeout(timeoutMs),
        });
    }
    catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new src/* SlipwayError */.GQ(timedOut
            ? `the OIDC token request got no answer within ${Math.round(timeoutMs / 1000)} s`
            : `the OIDC token request failed: ${describeNetworkError(error)}`, { where, fix: 'retry the job; if it persists, check the runner can reach GitHub' });
    }
    const body = await readBounded(response, where);
    if (response.status === 401 || response.status === 403) {
        throw new src/* SlipwayError */.GQ(`the OIDC token endpoint refused the request (HTTP ${response.status})`, {
            where,
            fix: 'the job needs `permissions: id-token: write`; ACTIONS_ID_TOKEN_REQUEST_TOKEN is only valid inside its own job',
        });
    }
    if (!response.ok) {
        throw new src/* SlipwayError */.GQ(`the OIDC token endpoint answered HTTP ${response.status}`, {
            where,
            fix: 'retry the job; GitHub may be having trouble (https://www.githubstatus.com)',
        });
    }
    let value;
    try {
        value = JSON.parse(body)?.value;
    }
    catch {
        value = undefined;
    }
    if (typeof value !== 'string' || !JWT.test(value)) {
        throw new src/* SlipwayError */.GQ('the OIDC token endpoint did not answer with a token', {
            where,
            fix: 'retry the job; the answer should be JSON {"value": "<jwt>"}',
        });
    }
    return value;
}
async function readBounded(response, where) {
    const chunks = [];
    let size = 0;
    const reader = response.body?.getReader();
    if (reader === undefined)
        return '';
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.length;
        if (size > MAX_RESPONSE_BYTES) {
            await reader.cancel();
            throw new src/* SlipwayError */.GQ(`the OIDC token endpoint answered more than ${MAX_RESPONSE_BYTES} bytes`, {
                where,
                fix: 'check ACTIONS_ID_TOKEN_REQUEST_URL points at GitHub’s token endpoint',
            });
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function describeNetworkError(error) {
    const cause = error instanceof Error ? (error.cause ?? error) : error;
    const code = typeof cause === 'object' && cause !== null ? cause.code : undefined;
    return typeof code === 'string' ? code : error instanceof Error ? error.message : 'network error';
}
function nonEmpty(value) {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/provenance.ts
// SLSA provenance v1 for an image built by a GitHub Actions workflow, laid out field for field as
// `actions/attest-build-provenance` writes it (GitHub's workflow build type), and the check a policy's
// `require.provenance` makes of a verified statement. Pure: no I/O and no sigstore-js, so the policy gate and
// `build` can load it cheaply; signing and verifying the statement live in sign-bundle.ts and verify-bundle.ts.

const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** The same build type under its first name (attest-build-provenance 1.0, slsa-github-generator). */
const GITHUB_WORKFLOW_BUILD_TYPE_V0 = 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1';
/** The SLSA provenance v1 statement for `input.image` built by `input.run`; keys in GitHub's order. */
function provenanceStatement(input) {
    const { run, image } = input;
    if (!/^sha256:[0-9a-f]{64}$/u.test(image.digest)) {
        throw new Error(`bug: provenance needs the image's sha256 manifest digest, got ${image.digest}`);
    }
    const repositoryUrl = `${run.serverUrl}/${run.repository}`;
    // `owner/name/.github/workflows/release.yml@refs/tags/v1@x` → path and ref: a tag may itself hold an `@`.
    const inRepository = run.workflowRef.startsWith(`${run.repository}/`)
        ? run.workflowRef.slice(run.repository.length + 1)
        : run.workflowRef;
    const at = inRepository.indexOf('@');
    const path = at < 0 ? inRepository : inRepository.slice(0, at);
    const ref = at < 0 ? '' : inRepository.slice(at + 1);
    return {
        _type: IN_TOTO_STATEMENT_TYPE,
        subject: [{ name: image.repository, digest: { sha256: image.digest.slice('sha256:'.length) } }],
        predicateType: SLSA_PROVENANCE_V1,
        predicate: {
            buildDefinition: {
                buildType: GITHUB_WORKFLOW_BUILD_TYPE,
                externalParameters: { workflow: { ref, repository: repositoryUrl, path } },
                internalParameters: {
                    github: {
                        event_name: run.eventName,
                        repository_id: run.repositoryId,
                        repository_owner_id: run.repositoryOwnerId,
                        runner_environment: run.runnerEnvironment,
                    },
                },
                resolvedDependencies: [{ uri: `git+${repositoryUrl}@${run.ref}`, digest: { gitCommit: run.sha } }],
            },
            runDetails: {
                builder: { id: `${run.serverUrl}/${input.jobWorkflowRef ?? run.workflowRef}` },
                metadata: {
                    invocationId: `${repositoryUrl}/actions/runs/${run.runId}/attempts/${run.runAttempt}`,
                },
            },
        },
    };
}
/**
 * Undefined when `statement` is SLSA provenance v1 for `image` (by digest: a copied image keeps its
 * provenance, whose subject names the repository it was built into), from the rule's source repository and
 * builder; else why not, as a whole clause ("the provenance says it was built from …, not …").
 */
function provenanceMismatch(statement, rule, image) {
    if (statement.predicateType !== SLSA_PROVENANCE_V1) {
        return `the attestation's predicate type is ${statement.predicateType}, not ${SLSA_PROVENANCE_V1}`;
    }
    const hex = image.digest.replace(/^sha256:/u, '');
    if (!statement.subject.some((subject) => subject.sha256 === hex)) {
        const named = statement.subject
            .map((subject) => `${subject.name === '' ? '(no name)' : subject.name}@sha256:${subject.sha256}`)
            .join(', ');
        return `the provenance is for ${named || 'no subject'}, not ${image.digest}`;
    }
    const predicate = record(statement.predicate);
    const definition = record(predicate?.buildDefinition);
    const buildType = definition?.buildType;
    if (buildType !== GITHUB_WORKFLOW_BUILD_TYPE && buildType !== GITHUB_WORKFLOW_BUILD_TYPE_V0) {
        return `the provenance's build type is ${typeof buildType === 'string' ? buildType : 'missing'}, not GitHub's workflow build type (${GITHUB_WORKFLOW_BUILD_TYPE}), the one whose source repository Slipway reads`;
    }
    const source = record(record(definition?.externalParameters)?.workflow)?.repository;
    if (typeof source !== 'string') {
        return 'the provenance names no source repository (buildDefinition.externalParameters.workflow.repository)';
    }
    // GitHub matches owner and repository names without regard to case.
    if (repositoryKey(source) !== repositoryKey(rule.sourceRepository)) {
        return `the provenance says it was built from ${source}, not ${rule.sourceRepository}`;
    }
    if (rule.builder !== undefined) {
        const builder = record(record(predicate?.runDetails)?.builder)?.id;
        if (builder !== rule.builder) {
            return `the provenance's builder is ${typeof builder === 'string' ? builder : 'missing (runDetails.builder.id)'}, not ${rule.builder}`;
        }
    }
    return undefined;
}
function record(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
function repositoryKey(url) {
    return url.replace(/\/+$/u, '').toLowerCase();
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/read-statement.ts
// The in-toto statement a verified DSSE envelope carries: parsed strictly and bounded, because after the
// signature checks out, its subject and predicate type are what decide which image and claim it covers.

/** The older type some signers still write (in-toto attestation framework v0.1). */
const IN_TOTO_STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;
const MAX_SUBJECTS = 1024;
/** A statement that cannot be used; judging signatures one by one, the caller rejects that one signature. */
class StatementError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StatementError';
    }
}
function readStatement(bytes) {
    if (bytes.length > MAX_STATEMENT_BYTES) {
        throw new StatementError(`the statement is ${bytes.length} bytes, more than the ${MAX_STATEMENT_BYTES} allowed`);
    }
    let parsed;
    try {
        parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch {
        throw new StatementError('the statement is not UTF-8 JSON');
    }
    if (!isObject(parsed))
        throw new StatementError('the statement is not a JSON object');
    const type = parsed._type;
    if (type !== IN_TOTO_STATEMENT_TYPE && type !== IN_TOTO_STATEMENT_V01) {
        throw new StatementError(`the statement's _type is ${JSON.stringify(type ?? null)}, not ${IN_TOTO_STATEMENT_TYPE}`);
    }
    const predicateType = parsed.predicateType;
    if (typeof predicateType !== 'string' || predicateType === '') {
        throw new StatementError('the statement has no predicateType');
    }
    const subjects = parsed.subject;
    if (!Array.isArray(subjects) || subjects.length === 0) {
        throw new StatementError('the statement has no subject');
    }
    if (subjects.length > MAX_SUBJECTS) {
        throw new StatementError(`the statement has ${subjects.length} subjects, more than ${MAX_SUBJECTS}`);
    }
    const subject = subjects.map((entry, index) => {
        const digest = isObject(entry) ? entry.digest : undefined;
        const sha256 = isObject(digest) ? digest.sha256 : undefined;
        if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/u.test(sha256)) {
            throw new StatementError(`the statement's subject ${index + 1} has no sha256 digest`);
        }
        const name = isObject(entry) && typeof entry.name === 'string' ? entry.name : '';
        return { name, sha256 };
    });
    if (!('predicate' in parsed))
        throw new StatementError('the statement has no predicate');
    return { predicateType, subject, predicate: parsed.predicate };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/sign-provenance.ts
// Build provenance for an image, as `actions/attest-build-provenance` stores it with `push-to-registry`: the
// SLSA v1 statement for the digest, signed into a DSSE bundle, stored as a bundle referrer in every repository
// the image was pushed to. One signature per digest: the repositories share the statement, and a verifier
// matches its subject by digest.




async function signProvenance(options) {
    const [first] = options.repositories;
    const statement = provenanceStatement({
        run: options.run,
        jobWorkflowRef: options.signer.kind === 'keyless' ? jobWorkflowRef(options.signer.identityToken) : undefined,
        image: { repository: first.name, digest: options.digest },
    });
    const { bytes, ...signed } = await signBundle({
        statement: encodeStatement(statement),
        signer: options.signer,
        rekorUrl: options.rekorUrl,
        rekorVersion: options.rekorVersion,
        tsaUrl: options.tsaUrl,
    });
    const referrers = [];
    for (const repository of options.repositories) {
        const referrer = await writeBundleReferrer({
            repository,
            digest: options.digest,
            bundle: bytes,
            predicateType: SLSA_PROVENANCE_V1,
        });
        referrers.push({ ...referrer, repository: repository.name });
    }
    return { digest: options.digest, referrers, ...signed };
}
const WORKFLOW_REF = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[^\s@]+@\S+$/;
/**
 * GitHub's `job_workflow_ref` claim: the workflow whose job runs, the called one in a reusable workflow, which
 * Fulcio puts in the certificate and SLSA names as the builder. The token is GitHub's, fetched by us a moment
 * ago (Fulcio verifies it); here it is only read. Undefined for another issuer's token.
 */
function jobWorkflowRef(token) {
    const payload = token.split('.')[1];
    if (payload === undefined)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const value = typeof claims === 'object' && claims !== null
            ? claims.job_workflow_ref
            : undefined;
        return typeof value === 'string' && WORKFLOW_REF.test(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/trust.ts
// What a keyless signature is checked against: Sigstore's trusted root (the certificate authorities, the
// transparency logs, the CT logs and the timestamp authorities). The public-good root comes through TUF;
// private or offline deployments give a TrustedRoot JSON file. sigstore-js is loaded here only on demand.



/** A trusted root is a few kilobytes; a bigger file is not one. */
const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
const TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v\d+)?\+json(;version=[\d.]+)?$/u;
const LISTS = ['tlogs', 'certificateAuthorities', 'ctlogs', 'timestampAuthorities'];
async function loadTrustRoot(source) {
    return source.kind === 'json' ? fromJson(source.bytes, source.where) : fromTuf(source);
}
/** Where the TUF metadata is cached: under the runner's temp dir on CI, else `~/.cache/slipway/sigstore`. */
function tufCacheDir(env) {
    const runnerTemp = env.RUNNER_TEMP;
    if (runnerTemp !== undefined && runnerTemp !== '')
        return (0,external_node_path_.join)(runnerTemp, 'slipway-sigstore-tuf');
    const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : (0,external_node_os_.homedir)();
    return (0,external_node_path_.join)(home, '.cache', 'slipway', 'sigstore');
}
async function fromTuf(source) {
    const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(861), __webpack_require__.e(701), __webpack_require__.e(732)]).then(__webpack_require__.bind(__webpack_require__, 46930));
    const { toTrustMaterial } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(447)]).then(__webpack_require__.bind(__webpack_require__, 41447));
    const mirror = source.mirrorUrl ?? 'https://tuf-repo-cdn.sigstore.dev';
    let root;
    try {
        root = await getTrustedRoot({
            cachePath: tufCacheDir(source.env),
            mirrorURL: mirror,
            retry: 1,
            timeout: 15_000,
        });
    }
    catch (error) {
        throw new src/* SlipwayError */.GQ(`cannot fetch Sigstore's public-good trusted root through TUF: ${oneLine(error)}`, {
            where: mirror,
            fix: 'check the network to the TUF mirror, or give a TrustedRoot JSON file with --trusted-root (offline or private Sigstore)',
        });
    }
    return {
        description: "Sigstore's public-good trusted root (TUF)",
        material: toTrustMaterial(root),
        hasCtLogs: root.ctlogs.length > 0,
    };
}
async function fromJson(bytes, where) {
    const refuse = (what, fix = 'give a TrustedRoot JSON file (`cosign trusted-root create`, or the trusted_root.json of your Sigstore instance)') => new src/* SlipwayError */.GQ(`the trusted root ${what}`, { where, fix });
    if (bytes.length > MAX_TRUSTED_ROOT_BYTES) {
        throw refuse(`is ${bytes.length} bytes, more than the ${MAX_TRUSTED_ROOT_BYTES} allowed`);
    }
    let parsed;
    try {
        parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (error) {
        throw refuse(`is not JSON: ${oneLine(error)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw refuse('is not a JSON object');
    }
    const document = parsed;
    const mediaType = document.mediaType;
    if (typeof mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(mediaType)) {
        throw refuse(`has mediaType ${JSON.stringify(mediaType ?? null)}, not application/vnd.dev.sigstore.trustedroot+json`);
    }
    for (const list of LISTS) {
        if (document[list] !== undefined && !Array.isArray(document[list])) {
            throw refuse(`field ${list} is not a list`);
        }
    }
    const authorities = document.certificateAuthorities;
    if (!Array.isArray(authorities) || authorities.length === 0) {
        throw refuse('names no certificate authority, so no certificate can be trusted', 'add the Fulcio CA (certificateAuthorities) to the trusted root');
    }
    const { TrustedRoot } = await __webpack_require__.e(/* import() */ 591).then(__webpack_require__.t.bind(__webpack_require__, 75591, 23));
    const { toTrustMaterial } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(447)]).then(__webpack_require__.bind(__webpack_require__, 41447));
    try {
        const root = TrustedRoot.fromJSON(document);
        return {
            description: `trusted root ${where}`,
            material: toTrustMaterial(root),
            hasCtLogs: root.ctlogs.length > 0,
        };
    }
    catch (error) {
        throw refuse(`cannot be read: ${oneLine(error)}`);
    }
}
function oneLine(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

;// CONCATENATED MODULE: ../../packages/sign/src/sigstore/verify-bundle.ts
// Checking Sigstore bundles: the cosign 3 form (a v0.3 bundle stored as an OCI referrer of the image, a DSSE
// envelope over an in-toto statement) and, through `checkSigstoreBundle`, the cosign 2 keyless `.sig` layers
// turned into bundles. sigstore-js does the cryptography (certificate chain, SCTs, transparency log,
// timestamps, signature); this module decides what is trusted: which keys, which identities, which thresholds.
// sigstore-js is imported only inside the functions that need it.






const PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** Bundles hold a statement and a certificate chain; provenance statements run to tens of kilobytes. */
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
const MAX_REFERRER_MANIFEST_BYTES = 64 * 1024;
/** More referrers than this on one digest is not a signing history but an attack on the verifier. */
const MAX_BUNDLE_REFERRERS = 256;
/**
 * The image's bundle referrers of `predicateType`, each verified. One bad bundle is a rejection with its
 * reason; registry trouble (other than a missing blob) stops everything.
 */
async function verifyBundleReferrers(options) {
    const { repository, digest, predicateType } = options;
    const listed = await repository.referrers(digest, BUNDLE_MEDIA_TYPE);
    const candidates = listed.filter((descriptor) => descriptor.artifactType === undefined || descriptor.artifactType === BUNDLE_MEDIA_TYPE);
    const verified = [];
    const rejected = [];
    for (const descriptor of candidates.slice(0, MAX_BUNDLE_REFERRERS)) {
        // The annotation is only a hint (it is not signed): it saves reading other attestations' bundles. The
        // statement's own predicate type is checked after verification.
        const announced = descriptor.annotations?.[PREDICATE_ANNOTATION];
        if (announced !== undefined && announced !== predicateType)
            continue;
        const reject = (reason, detail) => rejected.push({ layerDigest: descriptor.digest, reason, detail });
        const bytes = await readReferrerBundle(repository, descriptor.digest);
        if (typeof bytes === 'string') {
            reject('unreadable', bytes);
            continue;
        }
        const outcome = await checkSigstoreBundle({
            bytes,
            keys: options.keys,
            identities: options.identities,
            trustRoot: options.trustRoot,
        });
        if ('reason' in outcome) {
            reject(outcome.reason, outcome.detail);
            continue;
        }
        if (outcome.statement === undefined) {
            reject('invalid-payload', 'the bundle holds a message signature, not a DSSE envelope over an in-toto statement');
            continue;
        }
        const { statement } = outcome;
        const hex = digest.slice('sha256:'.length);
        if (!statement.subject.some((subject) => subject.sha256 === hex)) {
            reject('digest-mismatch', `the statement's subject is ${statement.subject.map((s) => `sha256:${s.sha256.slice(0, 12)}`).join(', ')}, not ${digest}`);
            continue;
        }
        if (statement.predicateType !== predicateType) {
            reject('invalid-payload', `the statement's predicate type is ${statement.predicateType}, not ${predicateType}`);
            continue;
        }
        verified.push({ ...outcome.signer, manifestDigest: descriptor.digest, statement });
    }
    return { verified, rejected };
}
/** The bundle blob of a referrer manifest, or why it cannot be read. */
async function readReferrerBundle(repository, manifestDigest) {
    const manifest = await repository.getManifest(manifestDigest);
    if (manifest === undefined)
        return `the referrer manifest ${manifestDigest} is missing`;
    if (manifest.bytes.length > MAX_REFERRER_MANIFEST_BYTES) {
        return `the referrer manifest is ${manifest.bytes.length} bytes, more than allowed`;
    }
    let layer;
    try {
        const parsed = JSON.parse(Buffer.from(manifest.bytes).toString('utf8'));
        const layers = Array.isArray(parsed.layers) ? parsed.layers : [];
        const found = layers.find((entry) => typeof entry === 'object' &&
            entry !== null &&
            entry.mediaType === BUNDLE_MEDIA_TYPE &&
            typeof entry.digest === 'string' &&
            typeof entry.size === 'number');
        layer = found;
    }
    catch {
        return 'the referrer manifest is not JSON';
    }
    if (layer === undefined)
        return 'the referrer manifest has no bundle layer';
    if (layer.size > MAX_BUNDLE_BYTES)
        return `the bundle is ${layer.size} bytes, more than allowed`;
    try {
        return await readBlob(repository, layer.digest, MAX_BUNDLE_BYTES);
    }
    catch (error) {
        const kind = typeof error === 'object' && error !== null ? error.kind : undefined;
        if (error instanceof src/* SlipwayError */.GQ && kind !== 'not-found')
            throw error;
        return `the bundle blob cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    }
}
/**
 * Verifies one serialized bundle (any version sigstore-js reads). `artifact` is the signed bytes of a
 * message-signature bundle; DSSE bundles carry theirs. Answers the signer and, for DSSE, the statement.
 */
async function checkSigstoreBundle(options) {
    const { bundleFromJSON } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(120)]).then(__webpack_require__.bind(__webpack_require__, 63120));
    const { toSignedEntity } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(447)]).then(__webpack_require__.bind(__webpack_require__, 41447));
    let bundle;
    try {
        bundle = bundleFromJSON(JSON.parse(Buffer.from(options.bytes).toString('utf8')));
    }
    catch (error) {
        return { reason: 'invalid-payload', detail: `the bundle cannot be read: ${message(error)}` };
    }
    let entity;
    try {
        entity = toSignedEntity(bundle, options.artifact === undefined ? undefined : Buffer.from(options.artifact));
    }
    catch (error) {
        return { reason: 'invalid-payload', detail: `the bundle cannot be read: ${message(error)}` };
    }
    const checked = entity.key.$case === 'certificate'
        ? await checkKeyless(entity, entity.key.certificate, options.identities, options.trustRoot)
        : await checkKeyed(entity, options.keys, options.trustRoot);
    if ('reason' in checked)
        return checked;
    if (bundle.content.$case !== 'dsseEnvelope')
        return { signer: checked, statement: undefined };
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
        return {
            reason: 'invalid-payload',
            detail: `the envelope's payload type is ${envelope.payloadType}, not ${IN_TOTO_PAYLOAD_TYPE}`,
        };
    }
    try {
        return { signer: checked, statement: readStatement(envelope.payload) };
    }
    catch (error) {
        if (error instanceof StatementError)
            return { reason: 'invalid-payload', detail: error.message };
        throw error;
    }
}
async function checkKeyless(entity, leaf, identities, trustRoot) {
    if (identities.length === 0) {
        return {
            reason: 'untrusted-identity',
            detail: 'a keyless (certificate) signature, and no certificate identity is trusted',
        };
    }
    if (trustRoot === undefined) {
        return {
            reason: 'untrusted-ca',
            detail: 'a keyless signature, and no trusted root to check its certificate with',
        };
    }
    // sigstore-js checks timestamps before the chain, so a certificate from another Sigstore instance would
    // read as a bad timestamp; look at the issuer first to say what is really wrong.
    if (!issuedByTrustedCa(leaf, trustRoot.material)) {
        return {
            reason: 'untrusted-ca',
            detail: `the certificate (${leaf.subjectAltName ?? 'no subject'}) is not issued by a certificate authority of ${trustRoot.description}`,
        };
    }
    const { Verifier } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(447)]).then(__webpack_require__.bind(__webpack_require__, 41447));
    // As cosign: a keyless signature needs a proof of when it was made, from the log or a timestamp authority.
    const verifier = new Verifier(trustRoot.material, {
        tlogThreshold: 0,
        timestampThreshold: 1,
        ctlogThreshold: trustRoot.hasCtLogs ? 1 : 0,
    });
    let signer;
    try {
        signer = verifier.verify(entity);
    }
    catch (error) {
        return sigstoreRejection(error);
    }
    const subject = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    if (subject === undefined || issuer === undefined) {
        return { reason: 'untrusted-identity', detail: 'the certificate names no subject or no OIDC issuer' };
    }
    const identity = { subject, issuer, github: githubExtensions(leaf) };
    const mismatches = identities.map((requirement) => (0,sigstore_identity/* identityMismatch */.tx)(requirement, identity));
    if (!mismatches.includes(undefined)) {
        return { reason: 'untrusted-identity', detail: mismatches.join('; ') };
    }
    const signedBy = (0,sigstore_identity/* verifiedByIdentity */.CD)(identity);
    return { signedBy, description: `certificate ${signedBy}`, identity };
}
async function checkKeyed(entity, keys, trustRoot) {
    if (keys.length === 0)
        return { reason: 'untrusted-key', detail: 'a keyed signature, and no key is trusted' };
    const { Verifier: SigstoreVerifier } = await Promise.all(/* import() */[__webpack_require__.e(591), __webpack_require__.e(140), __webpack_require__.e(447)]).then(__webpack_require__.bind(__webpack_require__, 41447));
    // With a trusted root, the bundle's log entries and timestamps are checked too; without one, a key alone
    // decides, as for `.sig` signatures (cosign's --insecure-ignore-tlog).
    const checked = trustRoot === undefined ? { ...entity, tlogEntries: [], timestamps: [] } : entity;
    const base = trustRoot?.material ?? {
        certificateAuthorities: [],
        timestampAuthorities: [],
        tlogs: [],
        ctlogs: [],
    };
    // The hint in a bundle is not signed; every trusted key is tried.
    for (const key of keys) {
        const verifier = new SigstoreVerifier({ ...base, publicKey: () => ({ publicKey: key.publicKey, validFor: () => true }) }, { tlogThreshold: 0, timestampThreshold: 0, ctlogThreshold: 0 });
        try {
            verifier.verify(checked);
            return { signedBy: key.fingerprint, keyFingerprint: key.fingerprint, description: key.description };
        }
        catch (error) {
            if (verify_bundle_errorCode(error) === 'SIGNATURE_ERROR')
                continue;
            return sigstoreRejection(error);
        }
    }
    return { reason: 'untrusted-key', detail: 'no trusted key verifies this bundle' };
}
function issuedByTrustedCa(leaf, material) {
    return material.certificateAuthorities.some((authority) => authority.certChain.some((certificate) => {
        try {
            return leaf.verify(certificate);
        }
        catch {
            return false;
        }
    }));
}
/** A sigstore-js verification failure (or anything it throws on a crafted bundle) as one of our reasons. */
function sigstoreRejection(error) {
    const code = verify_bundle_errorCode(error);
    const detail = message(error);
    // Verification is pure computation on the bundle's bytes: whatever sigstore-js trips over in a crafted
    // bundle spoils that bundle only, never the whole verification.
    if (code === undefined)
        return { reason: 'invalid-payload', detail: `the bundle cannot be checked: ${detail}` };
    if (code === 'TIMESTAMP_ERROR' && /^expected \d+ timestamps/u.test(detail)) {
        return {
            reason: 'no-tlog-or-timestamp',
            detail: `a keyless signature needs a transparency-log entry or an RFC 3161 timestamp, and this one has none (${detail})`,
        };
    }
    if (code === 'TIMESTAMP_ERROR' && detail.includes('certificate chain')) {
        return {
            reason: 'no-tlog-or-timestamp',
            detail: `the timestamp is not from a trusted timestamp authority (${detail})`,
        };
    }
    if (code === 'CERTIFICATE_ERROR')
        return { reason: 'untrusted-ca', detail: `the certificate is not trusted: ${detail}` };
    return { reason: 'tampered', detail: `the signature does not hold: ${detail} (${code})` };
}
function verify_bundle_errorCode(error) {
    if (!(error instanceof Error))
        return undefined;
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
}
function message(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
// Fulcio's extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md): the newer ones are
// DER UTF8Strings, the deprecated 1.2–1.6 hold the raw text. Newer first.
const OID = '1.3.6.1.4.1.57264.1.';
function githubExtensions(leaf) {
    const sourceRepository = extensionText(leaf, `${OID}12`, true);
    return {
        repository: sourceRepository?.replace(/^https:\/\/github\.com\//u, '') ?? extensionText(leaf, `${OID}5`, false),
        ref: extensionText(leaf, `${OID}14`, true) ?? extensionText(leaf, `${OID}6`, false),
        workflow: extensionText(leaf, `${OID}4`, false),
        trigger: extensionText(leaf, `${OID}20`, true) ?? extensionText(leaf, `${OID}2`, false),
        sha: extensionText(leaf, `${OID}13`, true) ?? extensionText(leaf, `${OID}3`, false),
    };
}
function extensionText(leaf, oid, der) {
    try {
        const extension = leaf.extension(oid);
        if (extension === undefined)
            return undefined;
        const bytes = der ? extension.valueObj.subs[0]?.value : extension.value;
        return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ../../packages/sign/src/verify.ts
// Checking an image's signatures the way cosign `verify` and containers/image do: resolve to the digest,
// read `sha256-<hex>.sig` (simple-signing layers, keyed or cosign 2 keyless) and the cosign 3 bundle
// referrers, verify each with the trusted keys or identities (and, given a trusted root, a keyed layer's Rekor
// proof), and check the digest and what it names.
// sigstore-js is loaded only when a certificate, a bundle or (with a trusted root) a Rekor proof is there
// to check.











/** The predicate type cosign 3 signs an image with. */
const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Verification failed; `rejected` says what each signature found was refused for. */
class VerificationError extends src/* SlipwayError */.GQ {
    kind;
    digest;
    rejected;
    constructor(kind, message, options, digest, rejected = []) {
        super(message, options);
        this.kind = kind;
        this.digest = digest;
        this.rejected = rejected;
        this.name = 'VerificationError';
    }
}
/** Verifies `reference`; answers who verified which signature, or throws {@link VerificationError}. */
async function verifyImage(options) {
    const { repository, keys } = options;
    const identities = options.identities ?? [];
    const rule = options.identity ?? { rule: 'matchRepository' };
    const where = `${repository.name}${(0,oci_src/* isDigest */.Bc)(options.reference) ? '@' : ':'}${options.reference}`;
    if (keys.length === 0 && identities.length === 0) {
        throw new VerificationError('no-keys', 'no trusted keys or identities to verify signatures with', {
            where,
            fix: 'give at least one public key (path, PEM or awskms://…), or a certificate identity and OIDC issuer',
        }, undefined);
    }
    if (identities.length > 0 && options.trustRoot === undefined) {
        throw new src/* SlipwayError */.GQ('certificate identities are given without a trusted root to check certificates with', {
            where,
            fix: "load Sigstore's public-good root or a TrustedRoot JSON file (loadTrustRoot) and pass it as trustRoot",
        });
    }
    const digest = (0,oci_src/* isDigest */.Bc)(options.reference)
        ? options.reference
        : (await repository.resolve(options.reference))?.digest;
    if (digest === undefined) {
        throw new VerificationError('image-not-found', `image ${options.reference} not found`, {
            where,
            fix: 'check the repository and tag; push the image first',
        }, undefined);
    }
    const tag = signatureTag(digest);
    const sigWhere = `${repository.name}:${tag}`;
    const manifest = await repository.getManifest(tag);
    const layers = manifest === undefined ? [] : signatureLayers(parseSignatureManifest(manifest.bytes, sigWhere));
    const trust = { keys, identities, trustRoot: options.trustRoot };
    const bundles = await verifyBundleReferrers({
        repository,
        digest,
        predicateType: COSIGN_SIGN_PREDICATE,
        ...trust,
    });
    if (layers.length === 0 && bundles.verified.length === 0 && bundles.rejected.length === 0) {
        throw new VerificationError('no-signatures', `a signature was required, but no signature exists for ${(0,oci_src/* shortDigest */.VK)(digest)} (looked for tag ${tag}${manifest === undefined ? '' : ': it holds no simple-signing signature'} and for Sigstore bundle referrers)`, {
            where,
            fix: 'sign the image (`slipway sign`, `cosign sign`) in this repository before promoting it',
        }, digest);
    }
    const imageRepository = normaliseRepository(options.imageRepository ?? repository.name);
    const verified = [];
    const rejected = [];
    for (const layer of layers) {
        const outcome = await checkLayer(repository, layer, digest, trust, rule, imageRepository);
        if ('reason' in outcome)
            rejected.push(outcome);
        else
            verified.push(outcome);
    }
    // A bundle binds the image by its statement's subject digest; the name beside it is not checked (as cosign 3).
    for (const bundle of bundles.verified) {
        const hex = digest.slice('sha256:'.length);
        verified.push({
            format: 'bundle',
            signedBy: bundle.signedBy,
            keyFingerprint: bundle.keyFingerprint,
            keyDescription: bundle.description,
            identity: bundle.identity,
            layerDigest: bundle.manifestDigest,
            dockerReference: bundle.statement.subject.find((subject) => subject.sha256 === hex)?.name ?? '',
            optional: null,
        });
    }
    rejected.push(...bundles.rejected);
    if (verified.length > 0)
        return { digest, signatureTag: tag, verified, rejected };
    const sources = bundles.rejected.length > 0 ? `${sigWhere} and the bundle referrers` : sigWhere;
    throw failure(where, sources, digest, trust, rule, imageRepository, rejected);
}
async function checkLayer(repository, layer, digest, trust, rule, imageRepository) {
    const reject = (reason, detail) => ({
        layerDigest: layer.digest,
        reason,
        detail,
    });
    const signature = layerSignature(layer);
    if (signature === undefined)
        return reject('not-der', 'the signature annotation is not base64');
    if (!isDerEcdsaSignature(signature)) {
        return reject('not-der', looksLikeP1363(signature)
            ? 'the signature is IEEE P1363 (raw r‖s, 64 bytes), not ASN.1 DER; cosign and containers/image refuse it'
            : `the signature is not an ASN.1 DER ECDSA signature (${signature.length} bytes)`);
    }
    if (layer.size > MAX_PAYLOAD_BYTES)
        return reject('unreadable', `the payload is ${layer.size} bytes, more than allowed`);
    let payloadBytes;
    try {
        payloadBytes = await readBlob(repository, layer.digest, MAX_PAYLOAD_BYTES);
    }
    catch (error) {
        // A missing or oversized payload blob spoils this signature only; registry trouble stops everything.
        const kind = typeof error === 'object' && error !== null ? error.kind : undefined;
        if (error instanceof src/* SlipwayError */.GQ && kind !== 'not-found')
            throw error;
        return reject('unreadable', `the payload blob cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    let signer;
    if (isKeylessLayer(layer.annotations)) {
        let bundle;
        try {
            bundle = keylessLayerBundle(layer.annotations ?? {}, payloadBytes, signature);
        }
        catch (error) {
            if (error instanceof KeylessLayerError)
                return reject('invalid-payload', error.message);
            throw error;
        }
        const outcome = await checkSigstoreBundle({
            bytes: bundle,
            artifact: payloadBytes,
            keys: [],
            identities: trust.identities,
            trustRoot: trust.trustRoot,
        });
        if ('reason' in outcome)
            return reject(outcome.reason, outcome.detail);
        signer = outcome.signer;
    }
    else if (trust.trustRoot !== undefined && hasRekorProof(layer.annotations)) {
        // A keyed signature logged in Rekor (cosign 2 `sign --key --tlog-upload`): with a trusted root its
        // proof is checked, as a default `cosign verify --key` does; without one the key alone decides.
        const outcome = await checkLoggedKeyedLayer(layer, payloadBytes, signature, trust);
        if ('reason' in outcome)
            return reject(outcome.reason, outcome.detail);
        signer = outcome;
    }
    else {
        const key = trust.keys.find((candidate) => candidate.verify(payloadBytes, signature));
        if (key === undefined)
            return reject('untrusted-key', 'no trusted key verifies this signature');
        signer = { signedBy: key.fingerprint, keyFingerprint: key.fingerprint, description: key.description };
    }
    let payload;
    try {
        payload = parsePayload(payloadBytes);
    }
    catch (error) {
        if (error instanceof InvalidPayloadError)
            return reject('invalid-payload', error.message);
        throw error;
    }
    if (payload.manifestDigest !== digest) {
        return reject('digest-mismatch', `the payload signs ${payload.manifestDigest}, not ${digest}`);
    }
    const identityProblem = checkIdentity(payload.dockerReference, rule, imageRepository);
    if (identityProblem !== undefined)
        return reject('identity-mismatch', identityProblem);
    return {
        format: 'simple-signing',
        signedBy: signer.signedBy,
        keyFingerprint: signer.keyFingerprint,
        keyDescription: signer.description,
        identity: signer.identity,
        layerDigest: layer.digest,
        dockerReference: payload.dockerReference,
        optional: payload.optional,
    };
}
/**
 * A keyed `.sig` layer with a Rekor proof: a trusted key's signature, the entry's signed timestamp by a log
 * of the trusted root, and the entry's hash, signature and key those of the layer.
 */
async function checkLoggedKeyedLayer(layer, payload, signature, trust) {
    let converted;
    try {
        converted = keyedLayerBundle(layer.annotations ?? {}, payload, signature);
    }
    catch (error) {
        if (error instanceof KeylessLayerError)
            return { reason: 'invalid-payload', detail: error.message };
        throw error;
    }
    const outcome = await checkSigstoreBundle({
        bytes: converted.bundle,
        artifact: payload,
        keys: trust.keys,
        identities: [],
        trustRoot: trust.trustRoot,
    });
    if ('reason' in outcome)
        return outcome;
    let logged;
    try {
        logged = keyFingerprint((0,external_node_crypto_.createPublicKey)(converted.loggedKeyPem));
    }
    catch {
        logged = undefined;
    }
    if (logged !== outcome.signer.keyFingerprint) {
        return {
            reason: 'tampered',
            detail: `the Rekor entry names ${logged === undefined ? 'no readable public key' : `key ${logged.slice(0, 16)}`}, not the key that made the signature (${outcome.signer.keyFingerprint?.slice(0, 16) ?? 'none'})`,
        };
    }
    return outcome.signer;
}
/** Undefined when `signed` satisfies `rule`, else why not. */
function checkIdentity(signed, rule, imageRepository) {
    let ref;
    try {
        ref = (0,oci_src/* parseReference */.F2)(signed);
    }
    catch {
        return `the signed identity "${signed}" is not an image reference`;
    }
    switch (rule.rule) {
        case 'matchRepository':
            if (imageRepository === undefined)
                return 'the image has no repository name to match (use exactRepository)';
            return ref.repository === imageRepository
                ? undefined
                : `the signature names repository ${ref.repository}, the image is in ${imageRepository}`;
        case 'exactRepository': {
            const wanted = normaliseRepository(rule.repository);
            return ref.repository === wanted
                ? undefined
                : `the signature names repository ${ref.repository}, the policy requires ${wanted ?? rule.repository}`;
        }
        case 'exactReference': {
            let wanted;
            try {
                wanted = (0,oci_src/* parseReference */.F2)(rule.reference);
            }
            catch {
                return `the policy's reference "${rule.reference}" is not an image reference`;
            }
            const same = ref.repository === wanted.repository && ref.tag === wanted.tag && ref.digest === wanted.digest;
            return same
                ? undefined
                : `the signature names ${signed}, the policy requires exactly ${rule.reference}`;
        }
    }
}
function normaliseRepository(name) {
    try {
        return (0,oci_src/* parseReference */.F2)(name).repository;
    }
    catch {
        return undefined;
    }
}
function failure(where, sources, digest, trust, rule, imageRepository, rejected) {
    const trusted = [
        ...trust.keys.map((key) => `${key.fingerprint.slice(0, 16)} (${key.description})`),
        ...trust.identities.map(sigstore_identity/* describeRequirement */.vo),
    ].join(', ');
    const count = `${rejected.length} signature${rejected.length === 1 ? '' : 's'} in ${sources}`;
    // The most telling reason: a trusted signer that signed the wrong thing says more than an unknown key, and
    // a certificate that names another identity more than one whose proofs do not hold.
    const order = [
        'digest-mismatch',
        'identity-mismatch',
        'untrusted-identity',
        'tampered',
        'untrusted-ca',
        'no-tlog-or-timestamp',
        'invalid-payload',
        'not-der',
        'untrusted-key',
        'unreadable',
    ];
    const reason = order.find((candidate) => rejected.some((entry) => entry.reason === candidate)) ?? 'untrusted-key';
    const first = rejected.find((entry) => entry.reason === reason);
    const detail = first === undefined ? '' : `: ${first.detail}`;
    switch (reason) {
        case 'untrusted-key':
            return new VerificationError('untrusted-key', `${count}, none made by a trusted ${trust.identities.length > 0 ? 'key or identity' : 'key'} (trusted: ${trusted})`, {
                where,
                fix: "sign with one of the trusted keys, or add the signer's public key to the policy",
            }, digest, rejected);
        case 'digest-mismatch':
            return new VerificationError('digest-mismatch', `a trusted signature is for another image${detail}`, {
                where,
                fix: 'sign this exact digest; the signature tag holds a payload for a different manifest',
            }, digest, rejected);
        case 'identity-mismatch':
            return new VerificationError('identity-mismatch', `a trusted signature names another image${detail} (rule ${rule.rule}${imageRepository === undefined ? '' : `, image ${imageRepository}`})`, {
                where,
                fix: rule.rule === 'matchRepository'
                    ? 'after copying an image to another repository, use identity rule exactRepository with the repository it was signed in'
                    : "sign the image under the identity the policy requires, or correct the policy's identity rule",
            }, digest, rejected);
        case 'invalid-payload':
            return new VerificationError('invalid-payload', `a trusted signature covers an invalid payload${detail}`, {
                where,
                fix: 'sign again with `slipway sign` or `cosign sign`',
            }, digest, rejected);
        case 'untrusted-identity':
            return new VerificationError('untrusted-identity', `${count}, none by a trusted identity${detail} (trusted: ${trusted})`, {
                where,
                fix: "sign from the workflow the policy names, or correct --certificate-identity/--certificate-oidc-issuer (or the policy's identities)",
            }, digest, rejected);
        case 'untrusted-ca':
            return new VerificationError('untrusted-ca', `${count}, none with a trusted certificate${detail}`, {
                where,
                fix: 'give the trusted root of the Sigstore instance that issued the certificate (--trusted-root <file>), or sign with the one you trust',
            }, digest, rejected);
        case 'no-tlog-or-timestamp':
            return new VerificationError('no-tlog-or-timestamp', `${count}, none with a transparency-log entry or timestamp${detail}`, {
                where,
                fix: 'sign keyless with Rekor upload or a timestamp authority (--tlog-upload or --timestamp-server-url); a certificate alone proves nothing once it has expired',
            }, digest, rejected);
        case 'tampered':
            return new VerificationError('tampered', `${count}, none intact${detail}`, {
                where,
                fix: 'the signature, log entry or timestamp does not match what was signed: sign the image again and check who can write to the repository',
            }, digest, rejected);
        case 'not-der':
            return new VerificationError('not-der', `${count}, none usable${detail}`, {
                where,
                fix: 'sign with `slipway sign` or `cosign sign` (ASN.1 DER ECDSA signatures)',
            }, digest, rejected);
        default:
            return new VerificationError(reason, `${count}, none verified${detail}`, {
                where,
                fix: 'check the registry; sign the image again',
            }, digest, rejected);
    }
}

;// CONCATENATED MODULE: ../../packages/sign/src/index.ts





























/***/ })

};
