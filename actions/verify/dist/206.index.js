export const id = 206;
export const ids = [206];
export const modules = {

/***/ 7206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BUNDLE_MEDIA_TYPE: () => (/* reexport */ BUNDLE_MEDIA_TYPE),
  CERTIFICATE_ANNOTATION: () => (/* reexport */ CERTIFICATE_ANNOTATION),
  COSIGN_KEY_LABEL: () => (/* reexport */ COSIGN_KEY_LABEL),
  DEFAULT_SCRYPT_N: () => (/* reexport */ DEFAULT_SCRYPT_N),
  DOCKER_MANIFEST: () => (/* reexport */ DOCKER_MANIFEST),
  EMPTY_MEDIA_TYPE: () => (/* reexport */ EMPTY_MEDIA_TYPE),
  IN_TOTO_PAYLOAD_TYPE: () => (/* reexport */ IN_TOTO_PAYLOAD_TYPE),
  InvalidPayloadError: () => (/* reexport */ InvalidPayloadError),
  KMS_HTTP_TIMEOUTS: () => (/* reexport */ KMS_HTTP_TIMEOUTS),
  KMS_SCHEME: () => (/* reexport */ KMS_SCHEME),
  OCI_CONFIG: () => (/* reexport */ OCI_CONFIG),
  OCI_MANIFEST: () => (/* reexport */ OCI_MANIFEST),
  PASSWORD_VARIABLES: () => (/* reexport */ PASSWORD_VARIABLES),
  POLICY_FILE: () => (/* reexport */ POLICY_FILE),
  PUBLIC_KEY_LABEL: () => (/* reexport */ PUBLIC_KEY_LABEL),
  PolicyError: () => (/* reexport */ PolicyError),
  SIGNATURE_ANNOTATION: () => (/* reexport */ SIGNATURE_ANNOTATION),
  SIGNATURE_TYPE: () => (/* reexport */ SIGNATURE_TYPE),
  SIGN_PREDICATE_TYPE: () => (/* reexport */ SIGN_PREDICATE_TYPE),
  SIGSTORE_KEY_LABEL: () => (/* reexport */ SIGSTORE_KEY_LABEL),
  SIMPLE_SIGNING_MEDIA_TYPE: () => (/* reexport */ SIMPLE_SIGNING_MEDIA_TYPE),
  SUPPORTED_SCRYPT_N: () => (/* reexport */ SUPPORTED_SCRYPT_N),
  VerificationError: () => (/* reexport */ VerificationError),
  buildBundle: () => (/* reexport */ buildBundle),
  buildPayload: () => (/* reexport */ buildPayload),
  bytesBlob: () => (/* reexport */ bytesBlob),
  checkIdentity: () => (/* reexport */ checkIdentity),
  decodePemBlocks: () => (/* reexport */ decodePemBlocks),
  decryptCosignKey: () => (/* reexport */ decryptCosignKey),
  deriveKey: () => (/* reexport */ deriveKey),
  encodePem: () => (/* reexport */ encodePem),
  encodeSignatureManifest: () => (/* reexport */ encodeSignatureManifest),
  encryptCosignKey: () => (/* reexport */ encryptCosignKey),
  encryptPrivateKey: () => (/* reexport */ encryptPrivateKey),
  findEnvironment: () => (/* reexport */ findEnvironment),
  generateKeyPair: () => (/* reexport */ generateKeyPair),
  isDerEcdsaSignature: () => (/* reexport */ isDerEcdsaSignature),
  isKmsUri: () => (/* reexport */ isKmsUri),
  keyFingerprint: () => (/* reexport */ keyFingerprint),
  keyPassword: () => (/* reexport */ keyPassword),
  kmsSigner: () => (/* reexport */ kmsSigner),
  kmsVerifier: () => (/* reexport */ kmsVerifier),
  layerSignature: () => (/* reexport */ layerSignature),
  loadPolicyKeys: () => (/* reexport */ loadPolicyKeys),
  loadSigner: () => (/* reexport */ loadSigner),
  loadVerifier: () => (/* reexport */ loadVerifier),
  loadVerifiers: () => (/* reexport */ loadVerifiers),
  localSigner: () => (/* reexport */ localSigner),
  looksLikeP1363: () => (/* reexport */ looksLikeP1363),
  parseKeySource: () => (/* reexport */ parseKeySource),
  parseKmsUri: () => (/* reexport */ parseKmsUri),
  parsePayload: () => (/* reexport */ parsePayload),
  parsePolicy: () => (/* reexport */ parsePolicy),
  parseSignatureManifest: () => (/* reexport */ parseSignatureManifest),
  pinOverrideRefusal: () => (/* reexport */ pinOverrideRefusal),
  preAuthEncoding: () => (/* reexport */ preAuthEncoding),
  publicKeyPem: () => (/* reexport */ publicKeyPem),
  publicKeyVerifier: () => (/* reexport */ publicKeyVerifier),
  readBlob: () => (/* reexport */ readBlob),
  readPrivateKey: () => (/* reexport */ readPrivateKey),
  readPublicKey: () => (/* reexport */ readPublicKey),
  sha256Digest: () => (/* reexport */ sha256Digest),
  signImage: () => (/* reexport */ signImage),
  signatureLayer: () => (/* reexport */ signatureLayer),
  signatureLayers: () => (/* reexport */ signatureLayers),
  signatureTag: () => (/* reexport */ signatureTag),
  verifyImage: () => (/* reexport */ verifyImage),
  writeBundleReferrer: () => (/* reexport */ writeBundleReferrer),
  writeKeyPair: () => (/* reexport */ writeKeyPair)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ../../packages/errors/src/index.ts
var src = __webpack_require__(8014);
// EXTERNAL MODULE: ../../node_modules/.pnpm/tweetnacl@1.0.3/node_modules/tweetnacl/nacl-fast.js
var nacl_fast = __webpack_require__(2236);
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
    const invalid = (reason) => new src/* SlipwayError */.G(`not a valid cosign private key: ${reason}`, {
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
        throw new src/* SlipwayError */.G('wrong password for the encrypted private key', {
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
            throw new src/* SlipwayError */.G(`the PEM block "${label}" is not valid base64`, {
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
        throw new src/* SlipwayError */.G(labels.length === 0
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
                throw new src/* SlipwayError */.G(`unsupported private key type "${block.label}"`, {
                    where: key.origin,
                    fix: 'use a cosign key, or a PKCS#8 (`PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`) P-256 key',
                });
        }
    }
    catch (error) {
        if (error instanceof src/* SlipwayError */.G)
            throw error;
        const wrongPassword = block.label === 'ENCRYPTED PRIVATE KEY';
        throw new src/* SlipwayError */.G(wrongPassword ? 'cannot decrypt the private key (wrong password?)' : 'the private key cannot be read', {
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
        throw new src/* SlipwayError */.G(isPrivate ? 'this is a private key, not a public key' : 'no PEM public key found', {
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
        throw new src/* SlipwayError */.G('the public key cannot be read', {
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
        throw new src/* SlipwayError */.G(`${what}, not ECDSA P-256`, {
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
    const invalid = (reason) => new src/* SlipwayError */.G(`invalid AWS KMS key URI: ${reason}`, {
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
                throw new src/* SlipwayError */.G('AWS KMS answered no DER ECDSA signature', {
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
    const commands = await Promise.all(/* import() */[__webpack_require__.e(824), __webpack_require__.e(332)]).then(__webpack_require__.t.bind(__webpack_require__, 8332, 19));
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
        throw new src/* SlipwayError */.G(`AWS KMS key has key spec ${answer.KeySpec ?? 'unknown'}, not ECC_NIST_P256`, {
            where: key.uri,
            fix: 'create the signing key with `aws kms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY` (containers/image verifies ECDSA P-256 with SHA-256 only)',
        });
    }
    if (answer.KeyUsage !== undefined && answer.KeyUsage !== 'SIGN_VERIFY') {
        throw new src/* SlipwayError */.G(`AWS KMS key has key usage ${answer.KeyUsage}, not SIGN_VERIFY`, {
            where: key.uri,
            fix: 'use a key created with --key-usage SIGN_VERIFY',
        });
    }
    if (answer.PublicKey === undefined) {
        throw new src/* SlipwayError */.G('AWS KMS answered no public key', {
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
    return new src/* SlipwayError */.G(`AWS KMS ${operation} failed: ${name}: ${message}`, {
        where: key.uri,
        fix,
        cause: error,
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
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
            throw new src/* SlipwayError */.G(code === 'EEXIST' ? 'the file already exists' : `cannot write the key (${code ?? String(error)})`, {
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
            throw new src/* SlipwayError */.G(`environment variable ${source.env} is not set`, {
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
        if (error instanceof src/* SlipwayError */.G)
            throw error;
        const code = error.code;
        throw new src/* SlipwayError */.G(code === 'ENOENT' ? 'key file not found' : `cannot read the key file (${code ?? String(error)})`, {
            where: source.path,
            fix: 'check the path (relative paths start at the working directory, or the config repo for policy keys)',
            cause: error,
        });
    }
}

// EXTERNAL MODULE: ../../packages/oci/src/index.ts + 23 modules
var oci_src = __webpack_require__(8248);
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
        throw new src/* SlipwayError */.G(`"${options.manifestDigest}" is not a sha256 manifest digest`, {
            fix: 'sign a digest: sha256: followed by 64 lowercase hex digits',
        });
    }
    const entries = Object.entries(options.annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, value] of entries) {
        if (typeof value !== 'string') {
            throw new src/* SlipwayError */.G(`annotation "${key}" is not a string`, {
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
class InvalidPayloadError extends src/* SlipwayError */.G {
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
var dist = __webpack_require__(8293);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(7219);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js
var core = __webpack_require__(8149);
;// CONCATENATED MODULE: ../../packages/sign/src/policy.ts
// `.slipway.yaml`: the config repo owners' policy. Environments in promotion order, how each is written
// (branch, path, push or pull request) and what an image needs to enter it (signatures by which keys,
// identity rule). Parsed strictly; every error names the file, the line and the fix.







const POLICY_FILE = '.slipway.yaml';
class PolicyError extends src/* SlipwayError */.G {
    file;
    line;
    constructor(message, file, line, fix) {
        super(message, { where: line === undefined ? file : `${file}:${line}`, fix });
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
const environmentSchema = schemas/* strictObject */.rej({
    branch: schemas/* string */.YjP().min(1).optional(),
    path: schemas/* string */.YjP().min(1).optional(),
    promoteFrom: schemas/* string */.YjP().min(1).optional(),
    mode: schemas/* enum */.k5n(['push', 'pull-request']).optional(),
    allowForce: schemas/* boolean */.zMY().optional(),
    pins: pinsSchema.optional(),
    require: schemas/* strictObject */.rej({
        signatures: schemas/* strictObject */.rej({
            keys: schemas/* array */.YOg(keySchema).min(1, 'list at least one key'),
            identity: identitySchema.optional(),
        })
            .optional(),
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
        const issue = parsed.error.issues[0];
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
        environments.push({
            name,
            branch,
            path: spec.path,
            promoteFrom: from,
            mode: spec.mode ?? 'push',
            allowForce: spec.allowForce ?? false,
            pins: pinsAt(['environments', name, 'pins', 'override'], `environments.${name}.pins.override`, spec.pins?.override) ?? defaultPins,
            require: {
                signatures: signatures === undefined
                    ? undefined
                    : { keys: signatures.keys.map(toPolicyKey), identity: toIdentityRule(signatures.identity) },
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
            if (error instanceof src/* SlipwayError */.G && error.fix !== undefined) {
                throw new src/* SlipwayError */.G(`${options.file ?? POLICY_FILE} names a key that cannot be used: ${error.message}`, { where: error.where, fix: error.fix, cause: error });
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
    environment: 'branch, path, promoteFrom, mode, allowForce, pins, require',
    pins: 'override',
    require: 'signatures',
    signatures: 'keys, identity',
    key: 'path, pem, kms',
    identity: 'rule, repository, reference',
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
            fix: `${suggest(key, FIELDS[context] ?? '')}allowed here: ${FIELDS[context] ?? 'see docs/policy.md'}`,
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
function fieldContext(path) {
    if (path.length === 0)
        return 'root';
    if (path.length === 2 && path[0] === 'environments')
        return 'environment';
    const last = path[path.length - 1];
    if (typeof last === 'number' && path[path.length - 2] === 'keys')
        return 'key';
    if (last === 'require' || last === 'signatures' || last === 'identity' || last === 'pins')
        return last;
    return '';
}
function suggest(key, allowed) {
    const lower = key.toLowerCase().replace(/[-_]/g, '');
    const match = allowed
        .split(', ')
        .find((candidate) => candidate !== '' && candidate.toLowerCase() === lower);
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
        throw new src/* SlipwayError */.G(`"${digest}" is not a sha256 digest`, { fix: 'pass sha256:<64 hex digits>' });
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
    return new src/* SlipwayError */.G(`the signature manifest cannot be read: ${reason}`, {
        where,
        fix: 'delete the broken signature tag and sign again',
    });
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ../../packages/sign/src/referrer.ts
// The newer form (cosign 3): a sigstore bundle v0.3 holding a DSSE envelope over an in-toto statement,
// stored as an OCI 1.1 artifact whose `subject` is the image. Registries without the referrers API get
// the fallback tag `sha256-<hex>` holding an index of referrers, maintained here.



const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY = new Uint8Array([0x7b, 0x7d]); // {}
/** DSSE pre-authentication encoding: what the envelope's signature covers. */
function preAuthEncoding(payloadType, payload) {
    const type = Buffer.from(payloadType, 'utf8');
    return new Uint8Array(Buffer.concat([
        Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
        type,
        Buffer.from(` ${payload.length} `, 'utf8'),
        Buffer.from(payload),
    ]));
}
/** The bundle JSON for a signature by `signer` over the image `digest` named `identity`. */
async function buildBundle(options) {
    const statement = Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: options.identity, digest: { sha256: options.digest.slice('sha256:'.length) } }],
        predicateType: SIGN_PREDICATE_TYPE,
        predicate: options.annotations === undefined ? {} : { annotations: options.annotations },
    }));
    const signature = await options.signer.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, statement));
    const hint = Buffer.from(options.signer.fingerprint, 'hex').toString('base64');
    return new Uint8Array(Buffer.from(JSON.stringify({
        mediaType: BUNDLE_MEDIA_TYPE,
        verificationMaterial: { publicKey: { hint }, tlogEntries: [] },
        dsseEnvelope: {
            payload: statement.toString('base64'),
            payloadType: IN_TOTO_PAYLOAD_TYPE,
            signatures: [{ sig: Buffer.from(signature).toString('base64'), keyid: '' }],
        },
    })));
}
/** Stores the bundle as a referrer of `digest`, keeping the fallback index tag where the API is missing. */
async function writeBundleReferrer(options) {
    const { repository, digest } = options;
    const subject = await repository.resolve(digest);
    if (subject === undefined) {
        throw new src/* SlipwayError */.G(`manifest ${digest} not found`, {
            where: repository.name,
            fix: 'push the image first',
        });
    }
    const bundle = await buildBundle(options);
    const bundleDigest = sha256Digest(bundle);
    await Promise.all([
        repository.putBlob({ mediaType: BUNDLE_MEDIA_TYPE, digest: bundleDigest, size: bundle.length }, bytesBlob(bundle)),
        repository.putBlob({ mediaType: EMPTY_MEDIA_TYPE, digest: sha256Digest(EMPTY), size: EMPTY.length }, bytesBlob(EMPTY)),
    ]);
    const annotations = {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': SIGN_PREDICATE_TYPE,
        'org.opencontainers.image.created': new Date().toISOString(),
    };
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: BUNDLE_MEDIA_TYPE,
        config: { mediaType: EMPTY_MEDIA_TYPE, digest: sha256Digest(EMPTY), size: EMPTY.length },
        layers: [
            {
                mediaType: BUNDLE_MEDIA_TYPE,
                digest: bundleDigest,
                size: bundle.length,
                annotations: {
                    'org.opencontainers.image.title': `${bundleDigest.replace(':', '-')}.sigstore.json`,
                },
            },
        ],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        annotations,
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
    throw new src/* SlipwayError */.G('other writers kept changing the referrers index tag', {
        where: `${repository.name}:${tag}`,
        fix: 'retry signing',
    });
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
        throw new src/* SlipwayError */.G(`"${digest}" is not a manifest digest`, {
            where: repository.name,
            fix: 'sign by digest (sha256:…): resolve the tag first so the signature names the exact image',
        });
    }
    const identity = defaultIdentity(repository, options.identity);
    const children = [];
    if (options.recursive === true) {
        const manifest = await repository.getManifest(digest);
        if (manifest === undefined)
            throw imageNotFound(repository, digest);
        if (INDEX_MEDIA_TYPES.includes(manifest.mediaType)) {
            // Each platform has its own `.sig` tag: sign a few at once, each paying its round trips in parallel.
            const digests = indexChildren(manifest.bytes);
            for (let start = 0; start < digests.length; start += CHILDREN_AT_ONCE) {
                const batch = digests.slice(start, start + CHILDREN_AT_ONCE);
                children.push(...(await Promise.all(batch.map((child) => addSignature(options, child, identity)))));
            }
        }
    }
    const main = await addSignature(options, digest, identity);
    const referrer = options.referrer === true
        ? await writeBundleReferrer({ repository, digest, identity, signer, annotations: options.annotations })
        : undefined;
    return {
        ...main,
        keyFingerprint: signer.fingerprint,
        identity,
        children,
        ...(referrer === undefined ? {} : { referrer }),
    };
}
function defaultIdentity(repository, identity) {
    // A layout standing in for a registry repository (a local store) carries that repository's name.
    const named = repository.registry !== undefined || !repository.name.startsWith('oci:');
    const text = identity ?? (named ? repository.name : undefined);
    if (text === undefined) {
        throw new src/* SlipwayError */.G('an OCI layout has no image name to put in the signature', {
            where: repository.name,
            fix: 'pass the identity: the repository the image will be pulled from, e.g. registry.example.com/shop/cart',
        });
    }
    try {
        (0,oci_src/* parseReference */.F2)(text);
    }
    catch (error) {
        throw new src/* SlipwayError */.G(`the signature identity "${text}" is not an image reference`, {
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
        throw new src/* SlipwayError */.G(`${signer.description} produced a signature that is not ASN.1 DER`, {
            fix: 'use a P-256 key; cosign and containers/image read DER ECDSA signatures only',
        });
    }
    const ours = signatureLayer(payload, signature);
    const payloadDescriptor = { mediaType: ours.mediaType, digest: payloadDigest, size: payload.length };
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
        const encoded = encodeSignatureManifest([...layers, ours], current?.annotations);
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
            parseSignatureManifest(now.bytes, where).layers.some((layer) => sameLayer(layer, ours))) {
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
    return new src/* SlipwayError */.G('the repository refused to rewrite the signature tag: its tags are immutable', {
        where,
        fix: 'make the repository tags mutable for signatures (ECR: image tag mutability IMMUTABLE_WITH_EXCLUSION with an exclusion filter "sha256-*.sig", or MUTABLE), or sign each digest only once',
        cause: error,
    });
}
function contended(where, attempts) {
    return new src/* SlipwayError */.G(`other signers kept changing the signature tag; gave up after ${attempts} attempts`, {
        where,
        fix: 'retry the signing step; avoid running many signers on one digest at once',
    });
}
function imageNotFound(repository, digest) {
    return new src/* SlipwayError */.G(`manifest ${digest} not found`, {
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

;// CONCATENATED MODULE: ../../packages/sign/src/verify.ts
// Checking an image's signatures the way cosign `verify --key` and containers/image do: resolve to the
// digest, read `sha256-<hex>.sig`, verify each simple-signing layer with the trusted keys, parse the
// payload strictly, and check the digest and the identity it names.






const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Verification failed; `rejected` says what each signature found was refused for. */
class VerificationError extends src/* SlipwayError */.G {
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
/** Verifies `reference`; answers which key verified which signature, or throws {@link VerificationError}. */
async function verifyImage(options) {
    const { repository, keys } = options;
    const rule = options.identity ?? { rule: 'matchRepository' };
    const where = `${repository.name}${(0,oci_src/* isDigest */.Bc)(options.reference) ? '@' : ':'}${options.reference}`;
    if (keys.length === 0) {
        throw new VerificationError('no-keys', 'no trusted keys to verify signatures with', {
            where,
            fix: 'give at least one public key (path, PEM or awskms://…)',
        }, undefined);
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
    if (layers.length === 0) {
        throw new VerificationError('no-signatures', `a signature was required, but no signature exists for ${(0,oci_src/* shortDigest */.VK)(digest)} (looked for tag ${tag}${manifest === undefined ? '' : ': it holds no simple-signing signature'})`, {
            where,
            fix: 'sign the image (`slipway sign`, `cosign sign --key`) in this repository before promoting it',
        }, digest);
    }
    const imageRepository = normaliseRepository(options.imageRepository ?? repository.name);
    const verified = [];
    const rejected = [];
    for (const layer of layers) {
        const outcome = await checkLayer(repository, layer, digest, keys, rule, imageRepository);
        if ('reason' in outcome)
            rejected.push(outcome);
        else
            verified.push(outcome);
    }
    if (verified.length > 0)
        return { digest, signatureTag: tag, verified, rejected };
    throw failure(where, sigWhere, digest, keys, rule, imageRepository, rejected);
}
async function checkLayer(repository, layer, digest, keys, rule, imageRepository) {
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
        if (error instanceof src/* SlipwayError */.G && kind !== 'not-found')
            throw error;
        return reject('unreadable', `the payload blob cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const key = keys.find((candidate) => candidate.verify(payloadBytes, signature));
    if (key === undefined)
        return reject('untrusted-key', 'no trusted key verifies this signature');
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
        keyFingerprint: key.fingerprint,
        keyDescription: key.description,
        layerDigest: layer.digest,
        dockerReference: payload.dockerReference,
        optional: payload.optional,
    };
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
function failure(where, sigWhere, digest, keys, rule, imageRepository, rejected) {
    const trusted = keys.map((key) => `${key.fingerprint.slice(0, 16)} (${key.description})`).join(', ');
    const count = `${rejected.length} signature${rejected.length === 1 ? '' : 's'} in ${sigWhere}`;
    // The most telling reason: a trusted key that signed the wrong thing says more than an unknown key.
    const order = [
        'digest-mismatch',
        'identity-mismatch',
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
            return new VerificationError('untrusted-key', `${count}, none made by a trusted key (trusted: ${trusted})`, {
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
