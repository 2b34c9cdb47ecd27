export const id = 801;
export const ids = [801];
export const modules = {

/***/ 62801:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EcrCredentials: () => (/* reexport */ EcrCredentials),
  EcrRepositories: () => (/* reexport */ EcrRepositories),
  isAccessDenied: () => (/* reexport */ isAccessDenied),
  parseEcrHost: () => (/* reexport */ parseEcrHost)
});

// UNUSED EXPORTS: EcrClients, ImmutableTagError, NO_CREDENTIALS_FIX, awsErrorName, credentialsError, describeCredentialSource, describeRegistry, ecrCallError, isEcrPublicHost, isImmutableTag, notEcrHostError, requireEcrHost, tokenRejectedError

// EXTERNAL MODULE: ../../node_modules/.pnpm/@aws-sdk+client-ecr@3.1169.0/node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(58613);
// EXTERNAL MODULE: ../../packages/errors/src/index.ts
var src = __webpack_require__(58014);
;// CONCATENATED MODULE: ../../packages/ecr/src/errors.ts
// What a failed ECR call means for the person running Slipway: which registry and region, which AWS
// credentials were in use, and what to change. AWS error messages never carry a secret (they may carry
// the caller's ARN, which helps); tokens and passwords are never put into a message.

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED_CREDENTIALS = new Set([
    'UnrecognizedClientException',
    'InvalidClientTokenId',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'MissingAuthenticationTokenException',
]);
const THROTTLED = new Set([
    'ThrottlingException',
    'Throttling',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ProvisionedThroughputExceededException',
]);
const NETWORK_CODES = new Set([
    'ENOTFOUND',
    'EAI_AGAIN',
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
]);
const NO_CREDENTIALS_FIX = 'in GitHub Actions run aws-actions/configure-aws-credentials before this step (with `permissions: id-token: write` for OIDC); ' +
    'in CodeBuild give the project a service role; elsewhere set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
/** The error's AWS name (`AccessDeniedException`, `CredentialsProviderError`, …), if it has one. */
function awsErrorName(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const name = error.name;
    return typeof name === 'string' ? name : undefined;
}
/** Whether IAM refused the call: the AWS error itself, or the SlipwayError made of it (its cause). */
function isAccessDenied(error) {
    const name = awsErrorName(error);
    if (name !== undefined && ACCESS_DENIED.has(name))
        return true;
    const cause = error instanceof src/* SlipwayError */.GQ ? error.cause : undefined;
    const causeName = awsErrorName(cause);
    return causeName !== undefined && ACCESS_DENIED.has(causeName);
}
/** `account 123456789012 in eu-west-1 (FIPS, dual-stack)`. */
function describeRegistry(registry) {
    const flavours = [registry.fips ? 'FIPS' : undefined, registry.dualStack ? 'dual-stack' : undefined].filter((flavour) => flavour !== undefined);
    const suffix = flavours.length === 0 ? '' : ` (${flavours.join(', ')} endpoint)`;
    return `account ${registry.accountId} in ${registry.region}${suffix}`;
}
function notEcrHostError(host) {
    return new src/* SlipwayError */.GQ(`${host} is not an Amazon ECR private registry`, {
        where: host,
        fix: 'ECR registries are named <account>.dkr.ecr.<region>.amazonaws.com (or .amazonaws.com.cn, dkr.ecr-fips., ' +
            'or the dual-stack <account>.dkr-ecr.<region>.on.aws); public.ecr.aws needs no login to pull',
    });
}
/** The AWS SDK found no credentials, or could not obtain them (web identity, container role, profile). */
function credentialsError(error, registry) {
    const name = awsErrorName(error);
    const detail = errorDetail(error);
    const where = registry.host;
    if (name === 'CredentialsProviderError') {
        return new src/* SlipwayError */.GQ(`no AWS credentials for ${describeRegistry(registry)}: the AWS SDK's default chain found none ` +
            `(environment variables, web identity token, shared config and profiles, container and instance roles)` +
            (detail === '' ? '' : ` (last: ${detail})`), { where, fix: NO_CREDENTIALS_FIX, cause: error });
    }
    if (name !== undefined && ACCESS_DENIED.has(name)) {
        return new src/* SlipwayError */.GQ(`AWS refused the credentials the SDK tried to obtain for ${describeRegistry(registry)} (${name}: ${detail})`, {
            where,
            fix: "with OIDC, the role's trust policy must allow sts:AssumeRoleWithWebIdentity for this repository and ref " +
                '(token.actions.githubusercontent.com:sub); check the role ARN given to configure-aws-credentials',
            cause: error,
        });
    }
    return new src/* SlipwayError */.GQ(`could not obtain AWS credentials for ${describeRegistry(registry)} (${name ?? 'Error'}: ${detail})`, { where, fix: NO_CREDENTIALS_FIX, cause: error });
}
/** Turns a failed ECR API call into a message naming the registry, region, permission and credentials. */
function ecrCallError(error, context) {
    if (error instanceof src/* SlipwayError */.GQ)
        return error;
    const name = awsErrorName(error);
    const detail = errorDetail(error);
    const where = context.repository === undefined
        ? context.registry.host
        : `${context.registry.host}/${context.repository}`;
    const registry = describeRegistry(context.registry);
    const from = context.credentialSource === undefined ? '' : ` from ${context.credentialSource}`;
    const using = from === '' ? '' : ` using AWS credentials${from}`;
    const on = context.repository === undefined ? registry : `repository ${context.repository} (${registry})`;
    if (name === 'CredentialsProviderError')
        return credentialsError(error, context.registry);
    if (name !== undefined && ACCESS_DENIED.has(name)) {
        const resource = context.repository === undefined ? ' (on resource "*")' : '';
        return new src/* SlipwayError */.GQ(`ECR denied ${context.operation} on ${on}${using} (${name}: ${detail})`, {
            where,
            fix: `allow the IAM action ${context.permission}${resource} for these credentials` +
                (context.repository === undefined
                    ? ''
                    : `, and check the repository policy when the repository belongs to another account`),
            cause: error,
        });
    }
    if (name !== undefined && EXPIRED.has(name)) {
        return new src/* SlipwayError */.GQ(`the AWS credentials${from} have expired (${name})`, {
            where,
            fix: 'run the job again; for long jobs raise role-duration-seconds in aws-actions/configure-aws-credentials, ' +
                'or let the SDK refresh them (a profile or container role instead of fixed session keys)',
            cause: error,
        });
    }
    if (name !== undefined && REJECTED_CREDENTIALS.has(name)) {
        return new src/* SlipwayError */.GQ(`AWS rejected the credentials${from} for ${context.operation} on ${on} (${name}: ${detail})`, {
            where,
            fix: 'check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (or the profile); keys of one ' +
                `partition (aws, aws-cn, aws-us-gov) do not work in another, and this registry is in ${context.registry.partition}`,
            cause: error,
        });
    }
    if (isThrottled(error)) {
        return new src/* SlipwayError */.GQ(`ECR throttled ${context.operation} on ${on} and kept refusing after ${attempts(error)} (${name}: ${detail})`, {
            where,
            fix: 'run the job again later, or run fewer ECR jobs at once; AWS_MAX_ATTEMPTS raises the SDK retries',
            cause: error,
        });
    }
    const code = networkCode(error);
    if (code !== undefined) {
        return new src/* SlipwayError */.GQ(`cannot reach the ECR API for ${registry} (${code}) after ${attempts(error)}`, {
            where,
            fix: context.registry.dualStack || context.registry.fips
                ? 'check the network, proxy (HTTPS_PROXY) and that the FIPS or dual-stack API endpoint is reachable from here'
                : 'check the network and proxy (HTTPS_PROXY) settings, and the region in the registry host',
            cause: error,
        });
    }
    if (name === 'KmsException') {
        return new src/* SlipwayError */.GQ(`KMS refused ${context.operation} on ${on}${using} (${detail})`, {
            where,
            fix: 'check the KMS key (ID, ARN or alias in this region) and that its key policy lets these credentials use it',
            cause: error,
        });
    }
    if (name === 'LimitExceededException') {
        return new src/* SlipwayError */.GQ(`ECR quota reached for ${context.operation} on ${on} (${detail})`, {
            where,
            fix: 'delete unused repositories or images, or ask AWS for a higher quota',
            cause: error,
        });
    }
    return new src/* SlipwayError */.GQ(`ECR ${context.operation} failed on ${on}${using} (${name ?? 'Error'}: ${detail})`, {
        where,
        cause: error,
    });
}
/**
 * The registry rejected an ECR token that had just been fetched: not an expiry, so the credentials can log
 * in but not do what was asked.
 */
function tokenRejectedError(registry, credentialSource, repository) {
    const using = credentialSource === undefined ? '' : ` (AWS credentials from ${credentialSource})`;
    return new src/* SlipwayError */.GQ(`the registry rejected a freshly fetched ECR token for ${describeRegistry(registry)}${using}`, {
        where: repository === undefined ? registry.host : `${registry.host}/${repository}`,
        fix: 'allow ecr:BatchGetImage and ecr:GetDownloadUrlForLayer to pull, plus ecr:InitiateLayerUpload, ' +
            'ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:BatchCheckLayerAvailability and ecr:PutImage to push ' +
            '(in IAM, and in the repository policy for another account)',
    });
}
function isThrottled(error) {
    const name = awsErrorName(error);
    if (name !== undefined && THROTTLED.has(name))
        return true;
    const retryable = error?.$retryable;
    return retryable?.throttling === true;
}
function networkCode(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const code = error.code;
    if (typeof code === 'string' && NETWORK_CODES.has(code))
        return code;
    const name = awsErrorName(error);
    if (name === 'TimeoutError')
        return 'timed out';
    return undefined;
}
function attempts(error) {
    const count = error?.$metadata?.attempts;
    return typeof count === 'number' ? `${count} attempt${count === 1 ? '' : 's'}` : 'the SDK retries';
}
function errorDetail(error) {
    const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
    return message.replace(/\s+/g, ' ').trim();
}

;// CONCATENATED MODULE: ../../packages/ecr/src/clients.ts
// One ECR API client per region and endpoint flavour (FIPS, dual-stack), with the AWS SDK's default
// credential chain unless credentials are given, and words for where the credentials came from.


/**
 * The SDK's own default is no timeout at all: a silent endpoint would hold a run until the CI job's limit.
 * 10 s to connect, and a request whose socket stays idle 60 s is given up (and retried by the SDK).
 */
const AWS_HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000 };
/** ECR API clients, made on first use and kept for the process (or the object's life). */
class EcrClients {
    #options;
    #clients = new Map();
    constructor(options = {}) {
        this.#options = options;
    }
    /** The API client for a registry: its region, on the FIPS or dual-stack endpoint when the host is one. */
    clientFor(registry) {
        const key = `${registry.region}|${registry.fips}|${registry.dualStack}`;
        let client = this.#clients.get(key);
        if (client === undefined) {
            const config = {
                requestHandler: AWS_HTTP_TIMEOUTS,
                ...this.#options.clientConfig,
                region: registry.region,
                useFipsEndpoint: registry.fips,
                useDualstackEndpoint: registry.dualStack,
            };
            if (this.#options.credentials !== undefined)
                config.credentials = this.#options.credentials;
            if (this.#options.maxAttempts !== undefined)
                config.maxAttempts = this.#options.maxAttempts;
            client = new dist_cjs/* ECRClient */.S70(config);
            this.#clients.set(key, client);
        }
        return client;
    }
    /**
     * Resolves the client's AWS credentials (the SDK keeps them until they near expiry) and says where they
     * came from. Throws a SlipwayError when there are none or they cannot be obtained.
     */
    async credentialSource(registry) {
        const client = this.clientFor(registry);
        let identity;
        try {
            identity = await client.config.credentials();
        }
        catch (error) {
            throw credentialsError(error, registry);
        }
        return describeCredentialSource(identity, {
            env: this.#options.env ?? process.env,
            explicit: this.#options.credentials !== undefined,
        });
    }
    /** Releases the clients' sockets. */
    destroy() {
        for (const client of this.#clients.values())
            client.destroy();
        this.#clients.clear();
    }
}
/**
 * Where resolved AWS credentials came from, in words, from the SDK's `$source` marks (which provider of the
 * chain produced them) and the environment. Never includes a secret: at most a role ARN or profile name.
 */
function describeCredentialSource(identity, options = {}) {
    const env = options.env ?? process.env;
    const marks = sourceMarks(identity);
    const has = (mark) => marks.has(mark);
    const role = nonEmpty(env.AWS_ROLE_ARN);
    const profile = nonEmpty(env.AWS_PROFILE) ?? 'default';
    if (has('CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN') || has('CREDENTIALS_STS_ASSUME_ROLE_WEB_ID')) {
        return `a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE${role === undefined ? '' : `, role ${role}`})`;
    }
    if (has('CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN'))
        return `a web identity token (profile ${profile})`;
    if (has('CREDENTIALS_PROFILE_SSO') || has('CREDENTIALS_PROFILE_SSO_LEGACY') || has('CREDENTIALS_SSO')) {
        return `IAM Identity Center (SSO) login (profile ${profile})`;
    }
    if (has('CREDENTIALS_PROFILE_PROCESS') || has('CREDENTIALS_PROCESS')) {
        return `a credential_process (profile ${profile})`;
    }
    if (has('CREDENTIALS_PROFILE_SOURCE_PROFILE'))
        return `an assumed role (profile ${profile})`;
    if (has('CREDENTIALS_PROFILE_LOGIN') || has('CREDENTIALS_LOGIN'))
        return `an AWS console login (profile ${profile})`;
    if (has('CREDENTIALS_PROFILE') || has('CREDENTIALS_PROFILE_NAMED_PROVIDER')) {
        return `the shared config (profile ${profile})`;
    }
    if (has('CREDENTIALS_ENV_VARS')) {
        const session = nonEmpty(env.AWS_SESSION_TOKEN) !== undefined;
        return session
            ? 'environment variables (AWS_ACCESS_KEY_ID with AWS_SESSION_TOKEN, as aws-actions/configure-aws-credentials sets them)'
            : 'environment variables (AWS_ACCESS_KEY_ID)';
    }
    if (has('CREDENTIALS_HTTP')) {
        if (nonEmpty(env.CODEBUILD_BUILD_ID) !== undefined)
            return "the CodeBuild project's service role";
        return 'the container credentials endpoint (ECS task role, CodeBuild or EKS Pod Identity)';
    }
    if (has('CREDENTIALS_IMDS'))
        return 'the EC2 instance profile (instance metadata)';
    if (has('CREDENTIALS_CODE') || options.explicit === true)
        return 'credentials given to Slipway';
    return "the AWS SDK's default credential chain";
}
function sourceMarks(identity) {
    if (typeof identity !== 'object' || identity === null)
        return new Set();
    const source = identity.$source;
    if (typeof source !== 'object' || source === null)
        return new Set();
    return new Set(Object.keys(source));
}
function nonEmpty(value) {
    return value === undefined || value === '' ? undefined : value;
}

;// CONCATENATED MODULE: ../../packages/ecr/src/host.ts
// Which registry hosts are Amazon ECR private registries, and the account, region and endpoint flavour each
// one names. Only the exact forms AWS serves are recognised: anything else (a look-alike with a suffix, a
// port, a pull-through alias) is not ECR and gets no AWS credentials.
/** The public gallery's registry (`public.ecr.aws`, and its dual-stack `ecr-public.aws.com`). */
const PUBLIC_HOSTS = new Set(['public.ecr.aws', 'ecr-public.aws.com']);
// A region name: `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-northwest-1`, `il-central-1`.
const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}';
// <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]
const STANDARD = new RegExp(`^([0-9]{12})\\.dkr\\.ecr(-fips)?\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`);
// <account>.dkr-ecr[-fips].<region>.on.aws, and China's <account>.dkr-ecr.<region>.on.amazonwebservices.com.cn
const DUAL_STACK = new RegExp(`^([0-9]{12})\\.dkr-ecr(-fips)?\\.(${REGION})\\.on\\.(aws|amazonwebservices\\.com\\.cn)$`);
/**
 * The ECR registry named by `host` (a reference's domain, without scheme or path), or `undefined` when it
 * is not an ECR private registry host. The public gallery (`public.ecr.aws`) is not one: see
 * {@link isEcrPublicHost}. Hosts of the isolated (ISO) and European Sovereign Cloud partitions are not
 * recognised either.
 */
function parseEcrHost(host) {
    const normalised = host.toLowerCase();
    const standard = STANDARD.exec(normalised);
    const dual = standard === null ? DUAL_STACK.exec(normalised) : null;
    const match = standard ?? dual;
    if (match === null)
        return undefined;
    const [, accountId, fips, region] = match;
    if (accountId === undefined || region === undefined)
        return undefined;
    const china = standard !== null ? match[4] === '.cn' : match[4] === 'amazonwebservices.com.cn';
    const partition = partitionOf(region);
    if (partition === undefined)
        return undefined;
    // The China suffix and the China regions go together; a mismatch is not a host AWS serves.
    if ((partition === 'aws-cn') !== china)
        return undefined;
    return {
        host: normalised,
        accountId,
        region,
        partition,
        fips: fips !== undefined,
        dualStack: dual !== null,
    };
}
/** Whether `host` is the ECR Public gallery, which `parseEcrHost` does not handle (pulls are anonymous). */
function isEcrPublicHost(host) {
    return PUBLIC_HOSTS.has(host.toLowerCase());
}
function partitionOf(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    // us-iso-*, us-isob-*, us-isof-*: registries there live under other domains.
    if (region.startsWith('us-iso'))
        return undefined;
    return 'aws';
}

;// CONCATENATED MODULE: ../../packages/ecr/src/auth.ts
// Registry credentials for ECR: `AWS` and a 12-hour password from GetAuthorizationToken, fetched with the
// AWS SDK's credentials, cached per account and region, shared between concurrent callers, and masked.





/** ECR tokens live 12 hours; used when ECR's answer has no expiry. */
const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 15 * 60 * 1000;
/** A token rejected within this long of a re-fetch is not fetched again: the problem is not its age. */
const REFETCH_WINDOW_MS = 5 * 60 * 1000;
/** Hands out ECR registry credentials; one instance per process is enough. */
class EcrCredentials {
    #clients;
    #mask;
    #refreshBeforeExpiryMs;
    #now;
    #cache = new Map();
    #inFlight = new Map();
    #invalidated = new Set();
    #lastSource = new Map();
    #masked = new WeakMap();
    constructor(options = {}) {
        this.#clients = options.clients ?? new EcrClients(options);
        this.#mask = options.mask;
        this.#refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
        this.#now = options.now ?? Date.now;
    }
    /**
     * The login for an ECR registry host. Reuses a cached password until shortly before it expires;
     * concurrent callers for the same account and region share one request. Throws a SlipwayError naming the
     * registry, region and credential source when there are no AWS credentials or ECR refuses them.
     */
    async credentialsFor(host, options = {}) {
        const registry = requireEcrHost(host);
        const key = cacheKey(registry);
        const cached = this.#cache.get(key);
        let entry;
        if (cached !== undefined && this.#isFresh(cached)) {
            entry = cached;
        }
        else {
            let pending = this.#inFlight.get(key);
            if (pending === undefined) {
                pending = this.#fetch(registry, key).finally(() => this.#inFlight.delete(key));
                this.#inFlight.set(key, pending);
            }
            entry = await pending;
        }
        this.#maskWith(this.#mask, entry.secrets);
        this.#maskWith(options.mask, entry.secrets);
        return entry.login;
    }
    /**
     * Forgets the cached password for `host` after the registry rejected it (401). Returns whether fetching
     * a new one is worth it: `false` when the rejected password had itself just been fetched after an
     * earlier `invalidate`, so a second re-fetch would fail the same way; report {@link rejectedError} then.
     */
    invalidate(host) {
        const registry = parseEcrHost(host);
        if (registry === undefined)
            return false;
        const key = cacheKey(registry);
        const entry = this.#cache.get(key);
        this.#cache.delete(key);
        this.#invalidated.add(key);
        return !(entry?.afterInvalidate === true && this.#now() - entry.fetchedAt < REFETCH_WINDOW_MS);
    }
    /** The error to report when the registry rejects a freshly fetched password. */
    rejectedError(host, repository) {
        const registry = requireEcrHost(host);
        return tokenRejectedError(registry, this.#lastSource.get(cacheKey(registry)), repository);
    }
    #isFresh(entry) {
        return this.#now() < entry.login.expiresAt.getTime() - this.#refreshBeforeExpiryMs;
    }
    async #fetch(registry, key) {
        const afterInvalidate = this.#invalidated.delete(key);
        const credentialSource = await this.#clients.credentialSource(registry);
        this.#lastSource.set(key, credentialSource);
        const client = this.#clients.clientFor(registry);
        let output;
        try {
            // registryIds no longer narrows what the token may do (it is scoped by the principal), but it makes
            // ECR answer with this registry's proxy endpoint and keeps older partitions happy.
            output = await client.send(new dist_cjs/* GetAuthorizationTokenCommand */.Eu6({ registryIds: [registry.accountId] }));
        }
        catch (error) {
            throw ecrCallError(error, {
                registry,
                operation: 'GetAuthorizationToken',
                permission: 'ecr:GetAuthorizationToken',
                credentialSource,
            });
        }
        const data = output.authorizationData?.find((item) => item.proxyEndpoint?.includes(`${registry.accountId}.`) === true) ?? output.authorizationData?.[0];
        const token = data?.authorizationToken;
        if (token === undefined || token === '') {
            throw new src/* SlipwayError */.GQ(`ECR returned no authorization token for ${describeRegistry(registry)}`, {
                where: registry.host,
                fix: 'run the job again; if it persists, check the AWS Health Dashboard for ECR in this region',
            });
        }
        const password = decodePassword(token, registry);
        const fetchedAt = this.#now();
        const expiresAt = data?.expiresAt ?? new Date(fetchedAt + TOKEN_LIFETIME_MS);
        const entry = {
            login: {
                username: 'AWS',
                password,
                expiresAt,
                source: `ECR GetAuthorizationToken for ${describeRegistry(registry)} with AWS credentials from ${credentialSource}`,
            },
            secrets: [password, token],
            fetchedAt,
            afterInvalidate,
            credentialSource,
        };
        this.#cache.set(key, entry);
        return entry;
    }
    #maskWith(mask, secrets) {
        if (mask === undefined)
            return;
        let seen = this.#masked.get(mask);
        if (seen === undefined) {
            seen = new Set();
            this.#masked.set(mask, seen);
        }
        for (const secret of secrets) {
            if (seen.has(secret))
                continue;
            seen.add(secret);
            mask(secret);
        }
    }
}
/** The ECR host named by `host`, or a SlipwayError saying it is not one. */
function requireEcrHost(host) {
    const registry = parseEcrHost(host);
    if (registry === undefined)
        throw notEcrHostError(host);
    return registry;
}
function cacheKey(registry) {
    return `${registry.accountId}/${registry.region}`;
}
/** `base64("AWS:<password>")` → the password. Says nothing about the content when malformed. */
function decodePassword(token, registry) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || colon === decoded.length - 1 || decoded.slice(0, colon) !== 'AWS') {
        throw new src/* SlipwayError */.GQ(`ECR returned an authorization token for ${describeRegistry(registry)} that is not base64 of "AWS:<password>"`, {
            where: registry.host,
            fix: 'run the job again; if it persists, report it with the SDK version in use',
        });
    }
    return decoded.slice(colon + 1);
}

// EXTERNAL MODULE: ../../node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/index.js
var picomatch = __webpack_require__(46444);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ../../packages/ecr/src/repository.ts
// ECR repositories: made on first push (ECR has no create-on-push for plain pushes), and a check that an
// IMMUTABLE repository will accept the tags before a push fails halfway with ImageTagAlreadyExistsException.






/** A tag already names another image in a repository that does not move tags. */
class ImmutableTagError extends src/* SlipwayError */.GQ {
    conflicts;
    constructor(message, options) {
        super(message, { where: options.where, fix: options.fix });
        this.name = 'ImmutableTagError';
        this.conflicts = options.conflicts;
    }
}
// ECR's repository name grammar, 2 to 256 characters.
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
class EcrRepositories {
    #clients;
    constructor(options = {}) {
        this.#clients = options.clients ?? new EcrClients(options);
    }
    /**
     * Makes sure repository `name` exists in the registry `host`: returns it as it is, or creates it with
     * the given scanning, tag mutability and encryption. Safe against a concurrent creator.
     */
    async ensureRepository(host, name, options = {}) {
        const registry = requireEcrHost(host);
        checkRepositoryName(registry, name);
        const source = await this.#clients.credentialSource(registry);
        const client = this.#clients.clientFor(registry);
        const existing = await describeRepository(client, registry, name, source);
        if (existing !== undefined)
            return summarise(registry, name, existing, false, options);
        const mutability = options.tagMutability ?? 'MUTABLE';
        const kmsKey = options.kmsKey === '' ? undefined : options.kmsKey;
        try {
            const output = await client.send(new dist_cjs/* CreateRepositoryCommand */.WTe({
                registryId: registry.accountId,
                repositoryName: name,
                imageTagMutability: mutability,
                imageScanningConfiguration: { scanOnPush: options.scanOnPush ?? false },
                encryptionConfiguration: kmsKey === undefined ? { encryptionType: 'AES256' } : { encryptionType: 'KMS', kmsKey },
            }));
            const created = output.repository ?? {
                repositoryName: name,
                imageTagMutability: mutability,
                imageScanningConfiguration: { scanOnPush: options.scanOnPush ?? false },
                encryptionConfiguration: kmsKey === undefined ? { encryptionType: 'AES256' } : { encryptionType: 'KMS', kmsKey },
            };
            return summarise(registry, name, created, true, options);
        }
        catch (error) {
            if (awsErrorName(error) !== 'RepositoryAlreadyExistsException') {
                throw ecrCallError(error, {
                    registry,
                    operation: 'CreateRepository',
                    permission: kmsKey === undefined
                        ? 'ecr:CreateRepository'
                        : 'ecr:CreateRepository (and kms:CreateGrant, kms:DescribeKey on the key)',
                    repository: name,
                    credentialSource: source,
                });
            }
        }
        // Someone else made it between our describe and create: theirs stands.
        const raced = await describeRepository(client, registry, name, source);
        if (raced === undefined) {
            throw new src/* SlipwayError */.GQ(`ECR said repository ${name} already exists in ${describeRegistry(registry)} but does not describe it`, { where: `${registry.host}/${name}`, fix: 'run the job again' });
        }
        return summarise(registry, name, raced, false, options);
    }
    /**
     * Before pushing `digest` under `tags`: in a repository whose tags cannot move (IMMUTABLE, or a tag
     * outside a MUTABLE_WITH_EXCLUSION repository's mutable filters, …), throws an {@link ImmutableTagError}
     * when a tag already names another digest. The same digest is fine, and reported in `alreadyTagged` so the
     * caller can leave that tag out (ECR refuses even an identical re-push of an immutable tag).
     *
     * `digest` undefined asks before a build, when the image is not known yet: then every fixed tag that
     * already exists is a conflict, since a new build makes a new image.
     */
    async checkTagWritable(host, name, tags, digest) {
        const registry = requireEcrHost(host);
        checkRepositoryName(registry, name);
        if (digest !== undefined && !DIGEST.test(digest)) {
            throw new src/* SlipwayError */.GQ(`${digest} is not an image digest`, {
                where: `${registry.host}/${name}`,
                fix: 'pass the pushed manifest digest, e.g. sha256:<64 hex digits>',
            });
        }
        const source = await this.#clients.credentialSource(registry);
        const client = this.#clients.clientFor(registry);
        const repository = await describeRepository(client, registry, name, source);
        if (repository === undefined)
            return { repositoryExists: false, mutability: undefined, alreadyTagged: [] };
        const mutability = repository.imageTagMutability ?? 'MUTABLE';
        const filters = (repository.imageTagMutabilityExclusionFilters ?? [])
            .map((filter) => filter.filter)
            .filter((filter) => filter !== undefined && filter !== '');
        const unique = [...new Set(tags)];
        const fixed = unique.filter((tag) => isImmutableTag(tag, mutability, filters));
        const found = await Promise.all(fixed.map(async (tag) => ({ tag, digest: await tagDigest(client, registry, name, tag, source) })));
        const alreadyTagged = found
            .filter((item) => item.digest !== undefined && item.digest === digest)
            .map((item) => item.tag);
        const conflicts = found.flatMap((item) => item.digest === undefined || item.digest === digest ? [] : [{ tag: item.tag, digest: item.digest }]);
        if (conflicts.length > 0)
            throw immutableTagError(registry, name, mutability, conflicts, digest);
        return { repositoryExists: true, mutability, alreadyTagged };
    }
}
function checkRepositoryName(registry, name) {
    if (name.length >= 2 && name.length <= 256 && REPOSITORY_NAME.test(name))
        return;
    throw new src/* SlipwayError */.GQ(`"${name}" is not a valid ECR repository name`, {
        where: registry.host,
        fix: 'use 2 to 256 lowercase letters, digits and . _ - / (each path part starting and ending with a letter or digit)',
    });
}
async function describeRepository(client, registry, name, source) {
    try {
        const output = await client.send(new dist_cjs/* DescribeRepositoriesCommand */.pE_({ registryId: registry.accountId, repositoryNames: [name] }));
        return (output.repositories?.find((repository) => repository.repositoryName === name) ??
            output.repositories?.[0]);
    }
    catch (error) {
        if (awsErrorName(error) === 'RepositoryNotFoundException')
            return undefined;
        throw ecrCallError(error, {
            registry,
            operation: 'DescribeRepositories',
            permission: 'ecr:DescribeRepositories',
            repository: name,
            credentialSource: source,
        });
    }
}
/** The digest `tag` names in the repository, or undefined when there is no such tag. */
async function tagDigest(client, registry, name, tag, source) {
    try {
        const output = await client.send(new dist_cjs/* DescribeImagesCommand */.ji5({
            registryId: registry.accountId,
            repositoryName: name,
            imageIds: [{ imageTag: tag }],
        }));
        return output.imageDetails?.[0]?.imageDigest;
    }
    catch (error) {
        if (awsErrorName(error) === 'ImageNotFoundException')
            return undefined;
        throw ecrCallError(error, {
            registry,
            operation: 'DescribeImages',
            permission: 'ecr:DescribeImages',
            repository: name,
            credentialSource: source,
        });
    }
}
/** Whether ECR refuses to move `tag` in a repository with this mutability and exclusion filters. */
function isImmutableTag(tag, mutability, filters) {
    const matches = () => filters.some((filter) => wildcard(filter)(tag));
    switch (mutability) {
        case 'IMMUTABLE':
            return true;
        case 'IMMUTABLE_WITH_EXCLUSION':
            return !matches();
        case 'MUTABLE_WITH_EXCLUSION':
            return matches();
        default:
            return false;
    }
}
// ECR's WILDCARD filters allow only `[0-9a-zA-Z._*-]` (API reference, ImageTagMutabilityExclusionFilter), so
// `*` is their one special character; picomatch reads that alphabet the same way (`**` too, as tags hold no
// `/`), with `dot` on so a `*` also matches a leading `.`.
function wildcard(filter) {
    return picomatch_default()(filter, { dot: true });
}
function immutableTagError(registry, name, mutability, conflicts, digest) {
    const repository = `${registry.host}/${name}`;
    const [first] = conflicts;
    const pushed = digest === undefined ? 'the image this build makes' : `the pushed ${repository_short(digest)}`;
    const message = conflicts.length === 1 && first !== undefined
        ? `tag ${first.tag} already exists in ${repository} and names another image (${repository_short(first.digest)}, ` +
            `not ${pushed}), and the repository is ${mutability}`
        : `tags ${conflicts.map((conflict) => `${conflict.tag} (${repository_short(conflict.digest)})`).join(', ')} already ` +
            `exist in ${repository} and name other images than ${pushed}, and the repository is ${mutability}`;
    const unique = 'use a tag unique to each build (type=sha), or keep build once on so a re-run only re-tags';
    return new ImmutableTagError(message, {
        where: repository,
        fix: mutability === 'IMMUTABLE'
            ? `${unique}; or make the repository MUTABLE or add a tag mutability exclusion filter for ${first?.tag ?? 'the tag'}`
            : `${unique}; or add the tag to the repository's mutable exclusion filters`,
        conflicts,
    });
}
function repository_short(digest) {
    const colon = digest.indexOf(':');
    return colon < 0 ? digest : digest.slice(0, colon + 13);
}
function summarise(registry, name, repository, created, options) {
    const mutability = repository.imageTagMutability ?? 'MUTABLE';
    const scanOnPush = repository.imageScanningConfiguration?.scanOnPush ?? false;
    const type = repository.encryptionConfiguration?.encryptionType ?? 'AES256';
    const kmsKey = repository.encryptionConfiguration?.kmsKey;
    const differences = [];
    if (!created) {
        if (options.tagMutability !== undefined && options.tagMutability !== mutability) {
            differences.push(`tag mutability is ${mutability}, not ${options.tagMutability}`);
        }
        if (options.scanOnPush !== undefined && options.scanOnPush !== scanOnPush) {
            differences.push(`scan on push is ${scanOnPush ? 'on' : 'off'}, not ${options.scanOnPush ? 'on' : 'off'}`);
        }
        if (options.kmsKey !== undefined && options.kmsKey !== '' && type !== 'KMS' && type !== 'KMS_DSSE') {
            differences.push(`encryption is ${type}, not KMS with ${options.kmsKey}`);
        }
    }
    return {
        created,
        uri: `${registry.host}/${name}`,
        mutability,
        scanOnPush,
        encryption: kmsKey === undefined ? { type } : { type, kmsKey },
        differences,
    };
}

;// CONCATENATED MODULE: ../../packages/ecr/src/index.ts







/***/ })

};
