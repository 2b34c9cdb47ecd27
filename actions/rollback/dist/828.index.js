export const id = 828;
export const ids = [828];
export const modules = {

/***/ 77447:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  build: () => (/* reexport */ build),
  formatProgress: () => (/* reexport */ formatProgress)
});

// UNUSED EXPORTS: DEFAULT_TAG_RULES, LABEL_CREATED, LABEL_REVISION, LABEL_SOURCE, LABEL_TITLE, LABEL_VERSION, SOURCE_TAG_PREFIX, buildFiles, buildWithBuildah, buildWithBuildx, buildxCommand, cacheSpec, canonicalJson, collectEntries, detectBuilder, hashDirectory, imageMetadata, parseFlavor, parseTagRules, readGitFacts, readSourceDateEpoch, sanitiseTag, sourceKey, sourceTag, tarStream, writeLayer

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ../../packages/errors/src/index.ts
var errors_src = __webpack_require__(58014);
// EXTERNAL MODULE: ../../packages/oci/src/index.ts + 22 modules
var src = __webpack_require__(355);
// EXTERNAL MODULE: ../../packages/process/src/index.ts + 7 modules
var process_src = __webpack_require__(52256);
;// CONCATENATED MODULE: ../../packages/build/src/builders/auto.ts
// Picks a Dockerfile builder for where we run: buildx when a docker engine answers quickly, else buildah
// when it is installed, else an error that says what to install.


async function detectBuilder(options = {}) {
    const env = options.env ?? process.env;
    const timeoutMs = options.timeoutMs ?? 3_000;
    const docker = (0,process_src/* findProgram */.Kp)('docker', env);
    const dockerEnv = (0,process_src/* childEnvironment */.Qc)('builder', env);
    let dockerProblem = 'docker is not installed';
    if (docker !== undefined) {
        // Short probes that must give up (a docker engine that does not answer): runProcess, which can kill them.
        const info = await (0,process_src/* runProcess */.R3)(docker, ['info', '--format', '{{.ServerVersion}}'], {
            env: dockerEnv,
            timeoutMs,
        });
        if (info.code === 0 && info.stdout.trim() !== '') {
            const buildx = await (0,process_src/* runProcess */.R3)(docker, ['buildx', 'version'], { env: dockerEnv, timeoutMs });
            if (buildx.code === 0) {
                return { builder: 'buildx', reason: `docker engine ${info.stdout.trim()} answered, with buildx` };
            }
            dockerProblem = 'the docker engine answered but the buildx plugin is missing';
        }
        else {
            dockerProblem = info.timedOut
                ? `docker info did not answer within ${timeoutMs} ms`
                : 'no docker engine answered docker info';
        }
    }
    if ((0,process_src/* findProgram */.Kp)('buildah', env) !== undefined) {
        return { builder: 'buildah', reason: `${dockerProblem}; buildah is installed` };
    }
    throw new errors_src/* SlipwayError */.GQ(`no image builder is available here: ${dockerProblem}, and buildah is not installed`, {
        where: 'auto builder',
        fix: 'install buildah (apt-get install -y buildah), or docker with the buildx plugin and a running engine, or use the files builder',
    });
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ../../packages/build/src/builders/common.ts
// Checks shared by the Dockerfile builders, so a wrong path fails with a clear message before any builder
// runs.



/** Absolute context and Dockerfile paths; throws a SlipwayError when either is missing. */
async function checkDockerfileInputs(contextInput, dockerfileInput) {
    const context = (0,external_node_path_.resolve)(contextInput);
    const contextStat = await (0,promises_.stat)(context).catch(() => undefined);
    if (contextStat === undefined) {
        throw new errors_src/* SlipwayError */.GQ(`build context ${contextInput} does not exist`, {
            where: context,
            fix: 'check the context path (relative paths start at the working directory)',
        });
    }
    if (!contextStat.isDirectory()) {
        throw new errors_src/* SlipwayError */.GQ(`build context ${contextInput} is not a directory`, { where: context });
    }
    const dockerfile = dockerfileInput === undefined ? (0,external_node_path_.join)(context, 'Dockerfile') : (0,external_node_path_.resolve)(dockerfileInput);
    const dockerfileStat = await (0,promises_.stat)(dockerfile).catch(() => undefined);
    if (dockerfileStat === undefined || !dockerfileStat.isFile())
        throw missingDockerfile(dockerfile, dockerfileInput, contextInput);
    return { context, dockerfile };
}
/** How users name the Dockerfile: the build step's `--file` flag, `file` in the action. */
const DOCKERFILE_FLAG = '--file (the action input file)';
/** A Dockerfile that is not there, naming the flag that chooses it. */
function missingDockerfile(dockerfile, dockerfileInput, contextInput) {
    return new errors_src/* SlipwayError */.GQ(`Dockerfile ${dockerfile} does not exist`, {
        where: dockerfile,
        fix: dockerfileInput === undefined
            ? `add a Dockerfile to ${contextInput}, or name one with ${DOCKERFILE_FLAG}`
            : `check the path given to ${DOCKERFILE_FLAG}: relative paths start at the working directory, not the context`,
    });
}
/** `localhost`, `127.x.x.x` and `[::1]`, with or without a port. */
function isLoopback(domain) {
    const host = domain.startsWith('[') ? domain.slice(0, domain.indexOf(']') + 1) : domain.split(':')[0];
    return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host ?? '');
}

;// CONCATENATED MODULE: ../../packages/build/src/builders/buildah.ts
// Daemonless Dockerfile builds with buildah (vfs storage, chroot isolation: no daemon, no privileges
// beyond what a CI container has):
//
//   buildah --storage-driver vfs bud --isolation chroot -f <Dockerfile> -t <local> [--build-arg K=V]…
//     [--platform …] [--target …] [--label …] [--secret id=…,src=<file>] [--timestamp <epoch>] <context>
//   buildah --storage-driver vfs push --digestfile <f> <local> oci:<dir>:<tag>          (a layout)
//   buildah --storage-driver vfs push --digestfile <f> --authfile <f> <local> docker://<ref>  (a registry)
//
// Secrets never go on argv: `env` secrets are written to private files and passed as `src=`; registry
// credentials go into a private auth file.







async function buildWithBuildah(options) {
    const env = options.env ?? process.env;
    const binary = options.binary ?? (0,process_src/* findProgram */.Kp)('buildah', env);
    if (binary === undefined) {
        throw new errors_src/* SlipwayError */.GQ('buildah is not installed', {
            where: 'buildah builder',
            fix: 'install it (apt-get install -y buildah), or use the buildx or files builder',
        });
    }
    const { context, dockerfile } = await checkDockerfileInputs(options.context, options.dockerfile);
    const global = [
        '--storage-driver',
        options.storageDriver ?? 'vfs',
        ...(options.storageRoot === undefined
            ? []
            : ['--root', (0,external_node_path_.join)(options.storageRoot, 'root'), '--runroot', (0,external_node_path_.join)(options.storageRoot, 'run')]),
    ];
    const platforms = options.platforms ?? [];
    const multi = platforms.length > 1;
    const local = `localhost/slipway-build-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}:latest`;
    // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
    const temporary = await (0,process_src/* temporaryDirectory */.De)('slipway-buildah-', options.tmpDir);
    const work = temporary.path;
    await (0,promises_.chmod)(work, 0o700);
    // Through @actions/exec (runTool): its output streams to the log; a cancelled run waits for it to stop.
    const run = (args) => (0,process_src/* runTool */.qI)(binary, [...global, ...args], {
        // Build secrets reach buildah as private files (below), never through its environment.
        env: (0,process_src/* childEnvironment */.Qc)('builder', env),
        onLine: options.onLog,
    });
    try {
        const secretArgs = [];
        for (const [index, secret] of (options.secrets ?? []).entries()) {
            checkSecretId(secret.id);
            let src;
            if (secret.env !== undefined) {
                const value = env[secret.env];
                if (value === undefined) {
                    throw new errors_src/* SlipwayError */.GQ(`build secret "${secret.id}" reads ${secret.env}, which is not set`, {
                        where: 'buildah builder',
                        fix: `set ${secret.env} in the environment of the build step`,
                    });
                }
                src = (0,external_node_path_.join)(work, `secret-${index}`);
                await (0,promises_.writeFile)(src, value, { mode: 0o600 });
            }
            else {
                src = (0,external_node_path_.resolve)(secret.src);
            }
            secretArgs.push('--secret', `id=${secret.id},src=${src}`);
        }
        const bud = [
            'bud',
            '--isolation',
            options.isolation ?? 'chroot',
            '-f',
            dockerfile,
            ...(multi ? ['--manifest', local] : ['-t', local]),
            ...Object.entries(options.buildArgs ?? {}).flatMap(([key, value]) => [
                '--build-arg',
                `${key}=${value}`,
            ]),
            ...(platforms.length === 0 ? [] : ['--platform', platforms.join(',')]),
            ...(options.target === undefined ? [] : ['--target', options.target]),
            ...Object.entries(options.labels ?? {}).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
            ...Object.entries(options.annotations ?? {}).flatMap(([key, value]) => [
                '--annotation',
                `${key}=${value}`,
            ]),
            ...secretArgs,
            ...(options.sourceDateEpoch === undefined ? [] : ['--timestamp', String(options.sourceDateEpoch)]),
            context,
        ];
        const built = await run(bud);
        if (built.spawnError !== undefined)
            throw spawnFailure(binary, built.spawnError);
        if (built.code !== 0)
            throw await buildFailure(built.stderr, dockerfile);
        const digestFile = (0,external_node_path_.join)(work, 'digest');
        const pushArgs = ['--digestfile', digestFile];
        const destinations = [];
        let mediaType = multi ? src/* OCI_IMAGE_INDEX */.f4 : src/* OCI_IMAGE_MANIFEST */.au;
        if (options.output.type === 'layout') {
            destinations.push(`oci:${(0,external_node_path_.resolve)(options.output.dir)}:${options.output.tag}`);
        }
        else {
            const output = options.output;
            if (output.references.length === 0) {
                throw new errors_src/* SlipwayError */.GQ('no reference to push to', { where: 'buildah builder' });
            }
            const hosts = new Set(output.references.map((reference) => (0,src/* parseReference */.F2)(reference).domain));
            if (output.credentials !== undefined) {
                const authFile = (0,external_node_path_.join)(work, 'auth.json');
                const auth = Buffer.from(`${output.credentials.username}:${output.credentials.password}`).toString('base64');
                const auths = Object.fromEntries([...hosts].map((host) => [host, { auth }]));
                await (0,promises_.writeFile)(authFile, JSON.stringify({ auths }), { mode: 0o600 });
                pushArgs.push('--authfile', authFile);
            }
            if (output.insecure === true || [...hosts].every(isLoopback))
                pushArgs.push('--tls-verify=false');
            for (const reference of output.references)
                destinations.push(`docker://${reference}`);
        }
        let digest;
        for (const destination of destinations) {
            const pushed = await run(multi
                ? ['manifest', 'push', '--all', ...pushArgs, local, destination]
                : ['push', ...pushArgs, local, destination]);
            if (pushed.code !== 0) {
                throw new errors_src/* SlipwayError */.GQ(`buildah could not push to ${destination}: ${lastError(pushed.stderr)}`, {
                    where: destination.replace(/^docker:\/\//, ''),
                    fix: 'check the destination, its credentials and that the registry is reachable',
                });
            }
            digest = (await (0,promises_.readFile)(digestFile, 'utf8')).trim();
        }
        if (digest === undefined || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
            throw new errors_src/* SlipwayError */.GQ(`buildah reported no image digest (got "${digest ?? ''}")`, {
                where: 'buildah builder',
            });
        }
        if (options.output.type === 'layout') {
            mediaType = (await layoutMediaType(options.output.dir, digest)) ?? mediaType;
        }
        return {
            builder: 'buildah',
            digest,
            mediaType,
            ...(options.output.type === 'layout'
                ? { layout: { dir: (0,external_node_path_.resolve)(options.output.dir), tag: options.output.tag } }
                : { pushed: [...options.output.references] }),
        };
    }
    finally {
        await run(multi ? ['manifest', 'rm', local] : ['rmi', '-f', local]).catch(() => undefined);
        await temporary.remove();
    }
}
async function layoutMediaType(dir, digest) {
    try {
        const index = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, 'index.json'), 'utf8'));
        return index.manifests?.find((entry) => entry.digest === digest)?.mediaType;
    }
    catch {
        return undefined;
    }
}
function checkSecretId(id) {
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
        throw new errors_src/* SlipwayError */.GQ(`build secret id "${id}" is not valid`, {
            where: 'build secrets',
            fix: 'use letters, digits, "_", "." and "-"',
        });
    }
}
function spawnFailure(binary, error) {
    return new errors_src/* SlipwayError */.GQ(`could not run ${binary}: ${error.code ?? error.message}`, {
        where: 'buildah builder',
        fix: 'install buildah (apt-get install -y buildah), or use the buildx or files builder',
    });
}
/** The builder's own words for a failed build, without Go struct dumps, and the Dockerfile line when found. */
async function buildFailure(stderr, dockerfile) {
    const message = lastError(stderr);
    let where = { file: dockerfile };
    const original = /Original:"((?:[^"\\]|\\.)*)"/.exec(stderr)?.[1];
    const step = /STEP "([^"]*)"/.exec(message)?.[1]?.trim();
    try {
        const lines = (await (0,promises_.readFile)(dockerfile, 'utf8')).split(/\r?\n/);
        const needle = original !== undefined ? JSON.parse(`"${original}"`) : step;
        if (typeof needle === 'string' && needle !== '') {
            const index = lines.findIndex((line) => line.trim() === needle.trim() || line.trim().startsWith(needle));
            if (index >= 0)
                where = { file: dockerfile, line: index + 1 };
        }
    }
    catch {
        // keep the file name alone
    }
    return new errors_src/* SlipwayError */.GQ(`buildah build failed: ${message}`, {
        where,
        fix: 'fix the Dockerfile instruction named above (only FROM scratch or local base images can be used without a registry)',
    });
}
/** The last `Error: …` line of buildah's stderr, cleaned of `&imagebuilder.Step{…}` dumps. */
function lastError(stderr) {
    const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
    const errorLine = [...lines].reverse().find((line) => line.startsWith('Error: ')) ?? lines.at(-1) ?? 'no output';
    return errorLine
        .replace(/^Error: /, '')
        .replace(/\s*&\w+\.\w+\{.*$/, '')
        .trim();
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ../../packages/build/src/builders/buildx.ts
// `docker buildx build`: command assembly, run, and the digest read back from `--metadata-file`.
//
// Secrets never go on argv: `--secret id=…,src=<file>` names a file, `--secret id=…,env=<VAR>` a variable
// of the child's environment; registry credentials go into a private DOCKER_CONFIG (BUILDX_CONFIG keeps
// pointing at the caller's buildx state, so a builder made by setup-buildx-action is still used).







async function buildWithBuildx(options) {
    const env = options.env ?? process.env;
    const binary = options.binary ?? (0,process_src/* findProgram */.Kp)('docker', env);
    if (binary === undefined) {
        throw new errors_src/* SlipwayError */.GQ('docker is not installed', {
            where: 'buildx builder',
            fix: 'install the docker CLI with the buildx plugin, or use the buildah or files builder',
        });
    }
    // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
    const temporary = await (0,process_src/* temporaryDirectory */.De)('slipway-buildx-', options.tmpDir);
    const work = temporary.path;
    try {
        let command = await buildxCommand({ ...options, binary, env }, work);
        // Through @actions/exec (runTool): its output streams to the log; a cancelled run waits for it to stop.
        const run = () => (0,process_src/* runTool */.qI)(command.binary, command.args, { env: command.env, onLine: options.onLog });
        let result = await run();
        // buildx before 0.12 refuses the flag while parsing its command line, before it builds anything: the
        // build goes on without the annotations (the labels carry the same values), as docker/build-push-action
        // does with an older buildx, and the log says how to have them.
        if (result.code !== 0 && OLD_BUILDX.test(result.stderr)) {
            options.onLog?.('docker buildx is older than 0.12 and takes no --annotation: building without OCI manifest annotations (the labels carry the same values); upgrade buildx to have them');
            command = await buildxCommand({ ...options, binary, env, annotations: undefined }, work);
            result = await run();
        }
        if (result.spawnError !== undefined) {
            throw new errors_src/* SlipwayError */.GQ(`could not run ${binary}: ${result.spawnError.code ?? result.spawnError.message}`, {
                where: 'buildx builder',
                fix: 'install the docker CLI with the buildx plugin, or use the buildah or files builder',
            });
        }
        if (result.code !== 0)
            throw buildxFailure(result.stderr, command);
        const metadata = await readMetadata(command.metadataFile);
        return {
            builder: 'buildx',
            digest: metadata.digest,
            mediaType: metadata.mediaType ?? src/* OCI_IMAGE_MANIFEST */.au,
            ...(metadata.size === undefined ? {} : { size: metadata.size }),
            ...(options.output.type === 'layout'
                ? { layout: { dir: (0,external_node_path_.resolve)(options.output.dir), tag: options.output.tag } }
                : { pushed: [...options.output.references] }),
        };
    }
    finally {
        await temporary.remove();
    }
}
/** The exact command `buildWithBuildx` runs; writes the private docker config into `work` when needed. */
async function buildxCommand(options, work) {
    const { context, dockerfile } = await checkDockerfileInputs(options.context, options.dockerfile);
    const metadataFile = (0,external_node_path_.join)(work, 'metadata.json');
    // docker reads `--secret id=…,env=NAME` from its own environment: those variables, and no other secret.
    const secretVariables = (options.secrets ?? []).flatMap((secret) => secret.env === undefined ? [] : [secret.env]);
    const env = (0,process_src/* childEnvironment */.Qc)('builder', options.env, { pass: secretVariables });
    if (options.sourceDateEpoch !== undefined)
        env.SOURCE_DATE_EPOCH = String(options.sourceDateEpoch);
    const args = ['buildx', 'build'];
    if (options.builderName !== undefined)
        args.push('--builder', options.builderName);
    args.push('--file', dockerfile, '--metadata-file', metadataFile);
    if (options.platforms !== undefined && options.platforms.length > 0) {
        args.push('--platform', options.platforms.join(','));
    }
    if (options.target !== undefined)
        args.push('--target', options.target);
    for (const [key, value] of Object.entries(options.buildArgs ?? {}))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(options.labels ?? {}))
        args.push('--label', `${key}=${value}`);
    for (const [key, value] of Object.entries(options.annotations ?? {}))
        args.push('--annotation', buildxAnnotation(key, value));
    for (const secret of options.secrets ?? [])
        args.push('--secret', secretSpec(secret, options.env));
    for (const spec of options.cacheFrom ?? [])
        args.push('--cache-from', cacheSpec(spec, 'from'));
    for (const spec of options.cacheTo ?? [])
        args.push('--cache-to', cacheSpec(spec, 'to'));
    if (options.provenance !== undefined) {
        args.push(`--provenance=${options.provenance}`);
    }
    if (options.sbom !== undefined)
        args.push(`--sbom=${options.sbom}`);
    if (options.noCache === true)
        args.push('--no-cache');
    if (options.pull === true)
        args.push('--pull');
    const output = options.output;
    if (output.type === 'layout') {
        args.push('--output', `type=oci,dest=${(0,external_node_path_.resolve)(output.dir)},tar=false,name=${output.tag}`);
    }
    else {
        if (output.references.length === 0)
            throw new errors_src/* SlipwayError */.GQ('no reference to push to', { where: 'buildx builder' });
        for (const reference of output.references) {
            (0,src/* parseReference */.F2)(reference);
            args.push('--tag', reference);
        }
        args.push('--push');
        if (output.credentials !== undefined) {
            const original = options.env.DOCKER_CONFIG ?? (0,external_node_path_.join)(options.env.HOME ?? (0,external_node_os_.homedir)(), '.docker');
            const config = (0,external_node_path_.join)(work, 'docker-config');
            const auth = Buffer.from(`${output.credentials.username}:${output.credentials.password}`).toString('base64');
            const hosts = new Set(output.references.map((reference) => (0,src/* parseReference */.F2)(reference).domain));
            await (0,promises_.mkdir)(config, { recursive: true, mode: 0o700 });
            await (0,promises_.writeFile)((0,external_node_path_.join)(config, 'config.json'), JSON.stringify({
                auths: Object.fromEntries([...hosts].map((host) => [host, { auth }])),
                cliPluginsExtraDirs: [(0,external_node_path_.join)(original, 'cli-plugins')],
            }), { mode: 0o600 });
            env.DOCKER_CONFIG = config;
            env.BUILDX_CONFIG = options.env.BUILDX_CONFIG ?? (0,external_node_path_.join)(original, 'buildx');
        }
    }
    args.push(context);
    return { binary: options.binary, args, env, metadataFile };
}
function secretSpec(secret, env) {
    if (!/^[A-Za-z0-9_.-]+$/.test(secret.id)) {
        throw new errors_src/* SlipwayError */.GQ(`build secret id "${secret.id}" is not valid`, {
            where: 'build secrets',
            fix: 'use letters, digits, "_", "." and "-"',
        });
    }
    if (secret.env !== undefined) {
        if (env[secret.env] === undefined) {
            throw new errors_src/* SlipwayError */.GQ(`build secret "${secret.id}" reads ${secret.env}, which is not set`, {
                where: 'buildx builder',
                fix: `set ${secret.env} in the environment of the build step`,
            });
        }
        return `id=${secret.id},env=${secret.env}`;
    }
    return `id=${secret.id},src=${(0,external_node_path_.resolve)(secret.src)}`;
}
/**
 * One `--annotation` value: on the image manifest (each platform's, in a multi-platform build), where the
 * files and buildah builders write them too, and as the build step's `annotations` output lists them. The
 * level is explicit: without one, buildx would read a `:` in the key as a level.
 */
function buildxAnnotation(key, value) {
    return `manifest:${key}=${value}`;
}
/** What buildx before 0.12 (no `--annotation` yet) answers: cobra's words for a flag it does not know. */
const OLD_BUILDX = /^unknown flag: --annotation\b/m;
/** A cache spec for `--cache-from` / `--cache-to`. */
function cacheSpec(spec, direction) {
    if (typeof spec === 'string')
        return spec;
    (0,src/* parseReference */.F2)(spec.ref);
    const parts = [`type=registry`, `ref=${spec.ref}`];
    if (direction === 'to') {
        parts.push(`mode=${spec.mode ?? 'max'}`);
        if (spec.imageManifest ?? isEcr(spec.ref))
            parts.push('image-manifest=true', 'oci-mediatypes=true');
    }
    return parts.join(',');
}
function isEcr(reference) {
    return /\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/.test((0,src/* parseReference */.F2)(reference).domain);
}
async function readMetadata(file) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch {
        throw new errors_src/* SlipwayError */.GQ('docker buildx wrote no metadata file', {
            where: 'buildx builder',
            fix: 'use docker buildx 0.9 or later (it writes --metadata-file)',
        });
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new errors_src/* SlipwayError */.GQ('docker buildx wrote a metadata file that is not JSON', { where: file });
    }
    const digest = data['containerimage.digest'];
    if (typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
        throw new errors_src/* SlipwayError */.GQ('docker buildx reported no image digest (containerimage.digest)', {
            where: 'buildx builder',
            fix: 'push the image or export it (an image kept only in the builder cache has no digest)',
        });
    }
    const descriptor = data['containerimage.descriptor'];
    return {
        digest,
        ...(typeof descriptor?.mediaType === 'string' ? { mediaType: descriptor.mediaType } : {}),
        ...(typeof descriptor?.size === 'number' ? { size: descriptor.size } : {}),
    };
}
// What a docker CLI without the buildx plugin prints: `docker buildx` alone, and with flags (the docker CLI
// then parses `--file` as its own flag). Either way, docker's own words would not say what to install.
const NO_BUILDX = /'buildx' is not a docker command|unknown command: docker buildx|^unknown flag: --file\b/m;
function buildxFailure(stderr, command) {
    if (NO_BUILDX.test(stderr)) {
        return new errors_src/* SlipwayError */.GQ(`the docker CLI (${command.binary}) has no buildx plugin: install buildx`, {
            where: 'buildx builder',
            fix: 'install buildx (the docker-buildx-plugin package, or docker/setup-buildx-action on GitHub), or use --builder buildah or --builder files',
        });
    }
    const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
    const errorLine = [...lines].reverse().find((line) => /^(?:ERROR|error):?\s/.test(line)) ?? lines.at(-1) ?? '';
    const message = errorLine.replace(/^(?:ERROR|error):?\s*/, '').trim();
    const dockerfile = command.args[command.args.indexOf('--file') + 1] ?? 'Dockerfile';
    const line = /Dockerfile(?:\.[\w.-]+)?:(\d+)/.exec(stderr)?.[1];
    return new errors_src/* SlipwayError */.GQ(`docker buildx build failed: ${message || 'no error output'}`, {
        where: line === undefined ? { file: dockerfile } : { file: dockerfile, line: Number(line) },
        fix: /docker daemon|Cannot connect|is the docker daemon running/i.test(stderr)
            ? 'no docker engine is reachable: start one, or use the buildah or files builder'
            : 'see the build log above',
    });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ../../packages/build/src/image.ts
// OCI image documents the files builder writes (config and manifest), reading a base image, and moving
// blobs between repositories.



const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
const DOCKER_IMAGE_CONFIG = 'application/vnd.docker.container.image.v1+json';
function parsePlatform(text) {
    const [os, architecture, variant, extra] = text.split('/');
    if (os === undefined ||
        os === '' ||
        architecture === undefined ||
        architecture === '' ||
        extra !== undefined) {
        throw new errors_src/* SlipwayError */.GQ(`platform "${text}" is not os/architecture[/variant]`, {
            where: 'platform',
            fix: 'write it like linux/amd64 or linux/arm64/v8',
        });
    }
    return { os, architecture, ...(variant === undefined || variant === '' ? {} : { variant }) };
}
function formatPlatform(platform) {
    return `${platform.os}/${platform.architecture}${platform.variant === undefined ? '' : `/${platform.variant}`}`;
}
function scratchBase(platform) {
    return {
        name: 'scratch',
        repository: undefined,
        digest: undefined,
        layers: [],
        config: {
            architecture: platform.architecture,
            os: platform.os,
            ...(platform.variant === undefined ? {} : { variant: platform.variant }),
            config: {},
            rootfs: { type: 'layers', diff_ids: [] },
            history: [],
        },
    };
}
/** Reads a base image (following an index to `platform`, or to the only image it names). */
async function readBase(repository, reference, platform) {
    const where = `${repository.name}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    const top = await repository.getManifest(reference);
    if (top === undefined) {
        throw new errors_src/* SlipwayError */.GQ(`base image ${where} was not found`, {
            where,
            fix: 'push the base image first, or check its name and tag',
        });
    }
    let manifest = top;
    const document = parseJson(top.bytes, where);
    if (Array.isArray(document.manifests)) {
        const entries = document.manifests;
        const images = entries.filter((entry) => entry.platform !== undefined && entry.platform.os !== 'unknown');
        const wanted = platform === undefined
            ? images.length === 1
                ? images[0]
                : undefined
            : images.find((entry) => entry.platform?.os === platform.os &&
                entry.platform.architecture === platform.architecture &&
                (platform.variant === undefined || entry.platform.variant === platform.variant));
        if (wanted === undefined) {
            const offered = images.map((entry) => entry.platform === undefined ? '?' : formatPlatform(entry.platform));
            throw new errors_src/* SlipwayError */.GQ(platform === undefined
                ? `base image ${where} is multi-platform (${offered.join(', ')})`
                : `base image ${where} has no ${formatPlatform(platform)} image (it has ${offered.join(', ') || 'none'})`, { where, fix: 'choose one with the platform option' });
        }
        const child = await repository.getManifest(wanted.digest);
        if (child === undefined) {
            throw new errors_src/* SlipwayError */.GQ(`base image ${where} names ${wanted.digest}, which is missing`, { where });
        }
        manifest = child;
    }
    const parsed = parseJson(manifest.bytes, where);
    const configDescriptor = parsed.config;
    if (configDescriptor === undefined ||
        (configDescriptor.mediaType !== OCI_IMAGE_CONFIG && configDescriptor.mediaType !== DOCKER_IMAGE_CONFIG)) {
        throw new errors_src/* SlipwayError */.GQ(`base ${where} is not a container image`, {
            where,
            fix: 'use an image (OCI or Docker v2 manifest) as base',
        });
    }
    const configBytes = await (0,src/* readBounded */.CB)((await repository.getBlob(configDescriptor.digest)).stream, {
        limit: src/* MAX_JSON_BLOB_BYTES */.sq,
        tooLarge: (seen) => new errors_src/* SlipwayError */.GQ(`the config ${configDescriptor.digest} of base ${where} ${seen}, more than the ${(0,src/* formatLimit */.tW)(src/* MAX_JSON_BLOB_BYTES */.sq)} a config may have`, { where, fix: 'use another base image: no image config is this large' }),
    });
    const config = parseJson(configBytes, `${where} config`);
    if (config.rootfs === undefined || !Array.isArray(config.rootfs.diff_ids)) {
        throw new errors_src/* SlipwayError */.GQ(`base ${where} has a config without rootfs.diff_ids`, { where });
    }
    const layers = parsed.layers ?? [];
    return { name: where, repository, config, layers, digest: manifest.digest };
}
function parseJson(bytes, where) {
    try {
        const value = JSON.parse(Buffer.from(bytes).toString('utf8'));
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
            return value;
    }
    catch {
        // reported below
    }
    throw new errors_src/* SlipwayError */.GQ(`${where} is not a JSON object`, { where });
}
function sha256(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function bytesContent(bytes) {
    return {
        size: bytes.length,
        stream: (async function* () {
            yield bytes;
        })(),
    };
}
/** A manifest document stored as exact bytes. */
function storedManifest(document, mediaType) {
    const bytes = new Uint8Array(Buffer.from(JSON.stringify(document)));
    return { digest: sha256(bytes), mediaType, bytes };
}
/**
 * Makes `blob` present in `to`: already there, mounted from a repository of the same registry, or
 * streamed from `from`.
 */
async function transferBlob(blob, from, to) {
    if (await to.hasBlob(blob.digest))
        return;
    if (from.registry !== undefined && from.registry === to.registry && (await to.mountBlob(blob, from)))
        return;
    await to.putBlob(blob, () => from.getBlob(blob.digest));
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ../../packages/build/src/tar.ts
// A small deterministic tar writer: a directory becomes the same bytes on any machine, whatever the
// files' times, owners, umask or the order the file system lists them in.
//
// - entries depth-first, each directory's names sorted by their UTF-8 bytes, parents before children;
// - every mtime is the given epoch (SOURCE_DATE_EPOCH, or 0); uid and gid 0; no user or group names;
// - modes normalised: directories 0755, files 0644 or 0755 when any execute bit is set, symlinks 0777;
// - symlinks are kept as links; hard links are written as plain files (their content);
// - USTAR headers; a PAX header only when a path, link target or size does not fit USTAR's fields.
//
// Hand-written on purpose: the files builder's digests are a contract (build once matches on them, and
// `packages/build/test/tar.test.ts` pins them), and neither library writes these bytes. Measured on the same
// entries (same order, modes, epoch, uid/gid 0): tar-stream 3.3.0 and node-tar 7.5.24 (portable) both end
// numeric fields with a space (`000644 \0`, not `0000644\0`), split a long name's prefix at another `/`,
// and node-tar leaves uid, gid and mtime empty; every header differs, so each digest would change. Making
// either match would mean rewriting its headers, i.e. keeping this writer anyway.








const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777; // 11 octal digits
/**
 * The entries for `dir`, in archive order. Throws a SlipwayError for a missing directory or for sockets,
 * pipes and devices (an image layer should not carry them).
 */
async function collectEntries(dir, options = {}) {
    const stat = await (0,promises_.lstat)(dir).catch((error) => {
        if (error.code === 'ENOENT') {
            throw new errors_src/* SlipwayError */.GQ(`build context ${dir} does not exist`, {
                where: dir,
                fix: 'check the context path (it is relative to the working directory)',
            });
        }
        throw error;
    });
    if (!stat.isDirectory()) {
        throw new errors_src/* SlipwayError */.GQ(`build context ${dir} is not a directory`, { where: dir });
    }
    const entries = [];
    const prefix = normaliseDestination(options.destination ?? '/');
    // Parents of the destination, so the layer is complete on its own.
    const parts = prefix === '' ? [] : prefix.split('/');
    for (let i = 1; i <= parts.length; i++) {
        entries.push({ path: parts.slice(0, i).join('/'), type: 'directory', mode: 0o755, size: 0 });
    }
    await walk(dir, prefix, entries);
    return entries;
}
async function walk(dir, prefix, out) {
    const names = (await (0,promises_.readdir)(dir)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const name of names) {
        const full = (0,external_node_path_.join)(dir, name);
        const path = prefix === '' ? name : `${prefix}/${name}`;
        const stat = await (0,promises_.lstat)(full);
        if (stat.isDirectory()) {
            out.push({ path, type: 'directory', mode: 0o755, size: 0 });
            await walk(full, path, out);
        }
        else if (stat.isSymbolicLink()) {
            out.push({ path, type: 'symlink', mode: 0o777, size: 0, linkTarget: await (0,promises_.readlink)(full) });
        }
        else if (stat.isFile()) {
            out.push({
                path,
                type: 'file',
                mode: (stat.mode & 0o111) !== 0 ? 0o755 : 0o644,
                size: stat.size,
                source: full,
            });
        }
        else {
            throw new errors_src/* SlipwayError */.GQ(`${full} is a socket, pipe or device: it cannot go into an image layer`, {
                where: full,
                fix: 'remove it from the directory, or build from a directory without it',
            });
        }
    }
}
function normaliseDestination(destination) {
    const parts = destination.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.includes('..')) {
        throw new errors_src/* SlipwayError */.GQ(`destination "${destination}" must not contain ".."`, { where: 'files builder' });
    }
    return parts.join('/');
}
/** The archive's bytes, streamed: headers, contents padded to 512 bytes, and two zero blocks. */
async function* tarStream(entries, mtime, onContent = () => { }) {
    for (const entry of entries) {
        yield* headers(entry, mtime);
        if (entry.type !== 'file' || entry.size === 0)
            continue;
        let read = 0;
        for await (const chunk of (0,external_node_fs_.createReadStream)(entry.source ?? '')) {
            const buffer = chunk;
            read += buffer.length;
            if (read > entry.size)
                break;
            onContent(buffer.length);
            yield buffer;
        }
        if (read !== entry.size) {
            throw new errors_src/* SlipwayError */.GQ(`${entry.source} changed while it was archived`, {
                where: entry.source ?? entry.path,
                fix: 'make sure nothing writes to the build directory during the build',
            });
        }
        const pad = padding(entry.size);
        if (pad > 0)
            yield Buffer.alloc(pad);
    }
    yield Buffer.alloc(BLOCK * 2);
}
function* headers(entry, mtime) {
    const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
    const pax = [];
    const split = splitName(name);
    if (split === undefined)
        pax.push(['path', name]);
    const link = entry.linkTarget ?? '';
    if (Buffer.byteLength(link) > 100)
        pax.push(['linkpath', link]);
    if (entry.size > MAX_OCTAL_SIZE)
        pax.push(['size', String(entry.size)]);
    if (pax.length > 0) {
        const body = Buffer.from(pax.map(([key, value]) => paxRecord(key, value)).join(''));
        yield header({
            name: 'PaxHeader',
            prefix: '',
            mode: 0o644,
            size: body.length,
            mtime,
            typeflag: 'x',
            linkname: '',
        });
        yield body;
        const pad = padding(body.length);
        if (pad > 0)
            yield Buffer.alloc(pad);
    }
    const fallback = truncateUtf8(name, 100);
    yield header({
        name: split?.name ?? fallback,
        prefix: split?.prefix ?? '',
        mode: entry.mode,
        size: entry.type === 'file' ? (entry.size > MAX_OCTAL_SIZE ? 0 : entry.size) : 0,
        mtime,
        typeflag: entry.type === 'file' ? '0' : entry.type === 'directory' ? '5' : '2',
        linkname: Buffer.byteLength(link) > 100 ? truncateUtf8(link, 100) : link,
    });
}
function header(fields) {
    const block = Buffer.alloc(BLOCK);
    block.write(fields.name, 0, 100, 'utf8');
    writeOctal(block, 100, 8, fields.mode);
    writeOctal(block, 108, 8, 0); // uid
    writeOctal(block, 116, 8, 0); // gid
    writeOctal(block, 124, 12, fields.size);
    writeOctal(block, 136, 12, fields.mtime);
    block.fill(0x20, 148, 156); // checksum is computed over spaces
    block.write(fields.typeflag, 156, 1, 'ascii');
    block.write(fields.linkname, 157, 100, 'utf8');
    block.write('ustar\u000000', 257, 8, 'ascii');
    // uname and gname stay empty.
    writeOctal(block, 329, 8, 0); // devmajor
    writeOctal(block, 337, 8, 0); // devminor
    block.write(fields.prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const byte of block)
        sum += byte;
    block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
    return block;
}
function writeOctal(block, offset, length, value) {
    block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
/** USTAR's name/prefix split, or undefined when the name needs a PAX `path`. */
function splitName(name) {
    const bytes = Buffer.byteLength(name);
    if (bytes <= 100)
        return { name, prefix: '' };
    if (bytes > 256)
        return undefined;
    // The prefix ends at a `/`; a directory's trailing `/` stays with the name.
    const body = name.endsWith('/') ? name.slice(0, -1) : name;
    for (let i = body.lastIndexOf('/'); i > 0; i = body.lastIndexOf('/', i - 1)) {
        const prefix = name.slice(0, i);
        const rest = name.slice(i + 1);
        if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '' && rest !== '/') {
            return { name: rest, prefix };
        }
        if (Buffer.byteLength(rest) > 100)
            return undefined;
    }
    return undefined;
}
function paxRecord(key, value) {
    const payload = ` ${key}=${value}\n`;
    const base = Buffer.byteLength(payload);
    let length = base + String(base).length;
    if (String(length).length !== String(base).length)
        length = base + String(length).length;
    return `${length}${payload}`;
}
function truncateUtf8(text, bytes) {
    let out = text;
    while (Buffer.byteLength(out) > bytes)
        out = out.slice(0, -1);
    return out;
}
function padding(size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
}
const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
/** gzip level: fixed, so the same tar always deflates the same way with one zlib. */
const GZIP_LEVEL = 9;
/**
 * Writes the layer for `entries` to `target`, hashing as it goes. gzip runs at a fixed level with no file
 * name and a zero mtime in its header (Node's zlib writes neither), and the header's OS byte fixed to 255
 * ("unknown"), which zlib would otherwise set per platform.
 */
async function writeLayer(entries, target, options) {
    const diffHash = (0,external_node_crypto_.createHash)('sha256');
    const blobHash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    const tap = (hash, count) => new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            hash.update(chunk);
            if (count)
                size += chunk.length;
            callback(null, chunk);
        },
    });
    const total = entries.reduce((sum, entry) => sum + (entry.type === 'file' ? entry.size : 0), 0);
    let archived = 0;
    const source = tarStream(entries, options.mtime, (bytes) => {
        archived += bytes;
        options.onContent?.(archived, total);
    });
    if (options.compression === 'none') {
        await (0,external_node_stream_promises_.pipeline)(source, tap(diffHash, false), tap(blobHash, true), (0,external_node_fs_.createWriteStream)(target));
    }
    else {
        let seen = 0;
        const fixHeader = new external_node_stream_.Transform({
            transform(chunk, _encoding, callback) {
                if (seen <= 9 && seen + chunk.length > 9) {
                    const copy = Buffer.from(chunk);
                    copy[9 - seen] = 0xff;
                    seen += chunk.length;
                    callback(null, copy);
                    return;
                }
                seen += chunk.length;
                callback(null, chunk);
            },
        });
        await (0,external_node_stream_promises_.pipeline)(source, tap(diffHash, false), (0,external_node_zlib_.createGzip)({ level: GZIP_LEVEL }), fixHeader, tap(blobHash, true), (0,external_node_fs_.createWriteStream)(target));
    }
    return {
        path: target,
        mediaType: options.compression === 'none' ? OCI_LAYER_TAR : OCI_LAYER_GZIP,
        digest: `sha256:${blobHash.digest('hex')}`,
        size,
        diffId: `sha256:${diffHash.digest('hex')}`,
    };
}
/** sha256 of the deterministic tar of a directory: a content key for directories outside git. */
async function hashDirectory(dir) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of tarStream(await collectEntries(dir), 0))
        hash.update(chunk);
    return `sha256:${hash.digest('hex')}`;
}

;// CONCATENATED MODULE: ../../packages/build/src/builders/files.ts
// The native builder: a directory becomes one deterministic layer on top of a base image (scratch, an OCI
// layout or a registry image), with an OCI config and manifest written straight into the destination
// repositories. No daemon, no Dockerfile: the same directory and options give the same digest anywhere.







const DOCKER_LAYER_TYPES = {
    'application/vnd.docker.image.rootfs.diff.tar.gzip': 'application/vnd.oci.image.layer.v1.tar+gzip',
    'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
};
async function buildFiles(options) {
    if (options.targets.length === 0) {
        throw new errors_src/* SlipwayError */.GQ('the files builder was given no destination', { where: 'files builder' });
    }
    const epoch = options.sourceDateEpoch ?? 0;
    const created = new Date(epoch * 1000).toISOString();
    const wanted = options.platform === undefined ? undefined : parsePlatform(options.platform);
    const base = options.base === undefined || options.base === 'scratch'
        ? scratchBase(wanted ?? { os: 'linux', architecture: 'amd64' })
        : await readBase(options.base.repository, options.base.reference, wanted);
    const platform = {
        os: base.config.os,
        architecture: base.config.architecture,
        ...(base.config.variant === undefined ? {} : { variant: base.config.variant }),
    };
    const entries = await collectEntries(options.context, { destination: options.destination });
    // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
    const temporary = await (0,process_src/* temporaryDirectory */.De)('slipway-files-', options.tmpDir);
    const work = temporary.path;
    try {
        options.onLog?.(`files: ${entries.length} entries from ${options.context} on ${base.name}`);
        const transfer = options.onTransfer ?? (() => { });
        const layer = await writeLayer(entries, (0,external_node_path_.join)(work, 'layer'), {
            mtime: epoch,
            compression: options.compression ?? 'gzip',
            onContent: (done, total) => transfer({ label: `layer from ${options.context}`, done, total }),
        });
        const config = imageConfig(base, layer, options.config, created);
        const configBytes = new Uint8Array(Buffer.from(JSON.stringify(config)));
        const configDescriptor = {
            mediaType: OCI_IMAGE_CONFIG,
            digest: sha256(configBytes),
            size: configBytes.length,
        };
        const layerDescriptor = {
            mediaType: layer.mediaType,
            digest: layer.digest,
            size: layer.size,
        };
        const baseLayers = base.layers.map((descriptor) => ({
            ...descriptor,
            mediaType: DOCKER_LAYER_TYPES[descriptor.mediaType] ?? descriptor.mediaType,
        }));
        const manifest = storedManifest({
            schemaVersion: 2,
            mediaType: src/* OCI_IMAGE_MANIFEST */.au,
            config: configDescriptor,
            layers: [...baseLayers, layerDescriptor],
            ...manifestAnnotations(options.annotations, base),
        }, src/* OCI_IMAGE_MANIFEST */.au);
        for (const target of options.targets) {
            const repository = target.repository;
            if (base.repository !== undefined) {
                for (const blob of base.layers)
                    await transferBlob(blob, base.repository, repository);
            }
            if (!(await repository.hasBlob(layer.digest))) {
                await repository.putBlob(layerDescriptor, async () => ({
                    size: layer.size,
                    stream: reported((0,external_node_fs_.createReadStream)(layer.path), (done) => transfer({ label: `push to ${repository.name}`, done, total: layer.size })),
                }));
            }
            if (!(await repository.hasBlob(configDescriptor.digest))) {
                await repository.putBlob(configDescriptor, async () => bytesContent(configBytes));
            }
            await repository.putManifest(manifest, target.tags);
            options.onLog?.(`files: wrote ${manifest.digest} to ${repository.name}`);
        }
        return {
            builder: 'files',
            digest: manifest.digest,
            mediaType: src/* OCI_IMAGE_MANIFEST */.au,
            size: manifest.bytes.length,
            config: configDescriptor,
            layer: { ...layerDescriptor, diffId: layer.diffId },
            manifest: manifest.bytes,
            platform: formatPlatform(platform),
        };
    }
    finally {
        await temporary.remove();
    }
}
function imageConfig(base, layer, settings, created) {
    const inherited = { ...(base.config.config ?? {}) };
    const container = { ...inherited };
    if (settings?.user !== undefined)
        container.User = settings.user;
    if (settings?.exposedPorts !== undefined && settings.exposedPorts.length > 0) {
        const ports = { ...(inherited.ExposedPorts ?? {}) };
        for (const port of settings.exposedPorts)
            ports[normalisePort(port)] = {};
        container.ExposedPorts = ports;
    }
    if (settings?.env !== undefined)
        container.Env = mergeEnv(inherited.Env ?? [], settings.env);
    if (settings?.entrypoint !== undefined) {
        container.Entrypoint = [...settings.entrypoint];
        // As in a Dockerfile: a new ENTRYPOINT clears the base's CMD unless CMD is set too.
        if (settings.cmd === undefined)
            container.Cmd = null;
    }
    if (settings?.cmd !== undefined)
        container.Cmd = [...settings.cmd];
    if (settings?.workdir !== undefined) {
        if (!settings.workdir.startsWith('/')) {
            throw new errors_src/* SlipwayError */.GQ(`workdir "${settings.workdir}" is not an absolute path`, {
                where: 'files builder',
                fix: 'write it like /app',
            });
        }
        container.WorkingDir = settings.workdir;
    }
    if (settings?.labels !== undefined)
        container.Labels = { ...(inherited.Labels ?? {}), ...settings.labels };
    for (const key of Object.keys(container))
        if (container[key] === undefined)
            delete container[key];
    return {
        ...base.config,
        created,
        architecture: base.config.architecture,
        os: base.config.os,
        config: container,
        rootfs: { type: 'layers', diff_ids: [...base.config.rootfs.diff_ids, layer.diffId] },
        history: [...(base.config.history ?? []), { created, created_by: 'slipway build (files)' }],
    };
}
function mergeEnv(base, extra) {
    const out = [...base];
    for (const [name, value] of Object.entries(extra)) {
        if (name === '' || name.includes('=')) {
            throw new errors_src/* SlipwayError */.GQ(`environment variable name "${name}" is not valid`, { where: 'files builder' });
        }
        const index = out.findIndex((entry) => entry.split('=', 1)[0] === name);
        if (index >= 0)
            out[index] = `${name}=${value}`;
        else
            out.push(`${name}=${value}`);
    }
    return out;
}
function normalisePort(port) {
    const match = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(port.trim());
    const number = Number(match?.[1]);
    if (match === null || number < 1 || number > 65535) {
        throw new errors_src/* SlipwayError */.GQ(`exposed port "${port}" is not valid`, {
            where: 'files builder',
            fix: 'write it like 8080 or 8080/tcp or 53/udp',
        });
    }
    return `${number}/${match[2] ?? 'tcp'}`;
}
/** The manifest's `annotations`, left out when there are none, so a build without them keeps its bytes. */
function manifestAnnotations(given, base) {
    const annotations = { ...given };
    if (base.digest !== undefined) {
        annotations['org.opencontainers.image.base.digest'] = base.digest;
        annotations['org.opencontainers.image.base.name'] = base.name;
    }
    return Object.keys(annotations).length === 0 ? {} : { annotations };
}
/** The same bytes, telling `moved` how many have gone by after each chunk. */
async function* reported(stream, moved) {
    let done = 0;
    for await (const chunk of stream) {
        done += chunk.byteLength;
        moved(done);
        yield chunk;
    }
}

// EXTERNAL MODULE: ../../node_modules/.pnpm/semver@7.8.6/node_modules/semver/functions/parse.js
var parse = __webpack_require__(55861);
var parse_default = /*#__PURE__*/__webpack_require__.n(parse);
;// CONCATENATED MODULE: ../../packages/build/src/schedule-pattern.ts
// The `pattern=` of a `type=schedule` tag rule: text with `{{date 'FORMAT'}}` helpers, optionally
// `{{date 'FORMAT' tz='Area/City'}}`, as docker/metadata-action writes them. FORMAT takes the moment.js tokens
// people put in tags (YYYY YY MM M DD D HH H hh h mm m ss s SSS A a X x, `[literal]`); any other character
// is kept as written. Intl does the time-zone arithmetic, so no date library is loaded for a few tokens.
/** `{{date 'FORMAT'}}` or `{{date "FORMAT" tz="Zone"}}`; anything else inside `{{ }}` is refused. */
const HELPER = /\{\{\s*date\s+(['"])(.*?)\1(?:\s+tz=(['"])(.*?)\3)?\s*\}\}/g;
const TOKEN = /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a|X|x/g;
/** Checks a pattern once, when the rule is read: its helpers and time zones. Returns the problem, if any. */
function schedulePatternProblem(pattern) {
    for (const match of pattern.matchAll(HELPER)) {
        const zone = match[4];
        if (zone !== undefined && !isTimeZone(zone))
            return `time zone "${zone}" is not known`;
    }
    const other = /\{\{(.*?)\}\}/.exec(pattern.replace(HELPER, ''))?.[1];
    if (other !== undefined)
        return `{{${other}}} is not a helper it knows`;
    return undefined;
}
/** The pattern with each date helper replaced by `now` in its format and time zone (UTC by default). */
function renderSchedulePattern(pattern, now) {
    return pattern.replace(HELPER, (_all, _q, format, _tq, zone) => formatDate(now, { format, timeZone: zone ?? 'UTC' }));
}
function formatDate(date, helper) {
    const parts = zonedParts(date, helper.timeZone);
    const pad = (value, width = 2) => String(value).padStart(width, '0');
    const hour12 = parts.hour % 12 === 0 ? 12 : parts.hour % 12;
    return helper.format.replace(TOKEN, (token, literal) => {
        if (literal !== undefined)
            return literal;
        switch (token) {
            case 'YYYY':
                return pad(parts.year, 4);
            case 'YY':
                return pad(parts.year % 100);
            case 'MM':
                return pad(parts.month);
            case 'M':
                return String(parts.month);
            case 'DD':
                return pad(parts.day);
            case 'D':
                return String(parts.day);
            case 'HH':
                return pad(parts.hour);
            case 'H':
                return String(parts.hour);
            case 'hh':
                return pad(hour12);
            case 'h':
                return String(hour12);
            case 'mm':
                return pad(parts.minute);
            case 'm':
                return String(parts.minute);
            case 'ss':
                return pad(parts.second);
            case 's':
                return String(parts.second);
            case 'SSS':
                return pad(date.getUTCMilliseconds(), 3);
            case 'A':
                return parts.hour < 12 ? 'AM' : 'PM';
            case 'a':
                return parts.hour < 12 ? 'am' : 'pm';
            case 'X':
                return String(Math.floor(date.getTime() / 1000));
            default:
                return String(date.getTime());
        }
    });
}
function zonedParts(date, timeZone) {
    const formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
    });
    const value = (type) => Number(formatter.formatToParts(date).find((part) => part.type === type)?.value ?? Number.NaN);
    return {
        year: value('year'),
        month: value('month'),
        day: value('day'),
        hour: value('hour'),
        minute: value('minute'),
        second: value('second'),
    };
}
function isTimeZone(zone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    }
    catch (error) {
        if (error instanceof RangeError)
            return false;
        throw error;
    }
}

;// CONCATENATED MODULE: ../../packages/build/src/metadata.ts
// Tags and OCI labels for an image, from where the build runs (CiContext) and a few git facts, with a small
// rule syntax in the spirit of docker/metadata-action:
//
//   type=sha                                  sha-1a2b3c4            (format=long: the full SHA)
//   type=ref,event=branch                     main, releases-v1      (branch name sanitised for tag grammar)
//   type=ref,event=tag                        v1.2.3                 (git tag name)
//   type=ref,event=pr                         pr-42
//   type=semver,pattern={{version}}           1.2.3                  ({{major}}, {{minor}}, {{patch}}, {{raw}})
//   type=raw,value=stable                     stable                 (a bare line `stable` means the same)
//   type=edge                                 edge                   (on the default branch; branch=<name>)
//   type=schedule                             nightly                (on schedule events; pattern={{date 'YYYYMMDD'}})
//   type=match,pattern=v(.*),group=1          1.2.3                  (a regex over the git tag, or over value=)
//
// Every rule takes prefix=, suffix=, enable=true|false and priority=<n>. The flavor (`latest=auto|true|false`,
// `prefix=`, `suffix=`, `onlatest=true`) applies to every rule that does not set its own prefix or suffix.


// semver's parse, not a hand-written regex: 4 µs a parse against 0.3 µs (200,000 parses, load 13 on 2 cores,
// node 22), a handful per build; loading this one function costs about 20 ms, and only the build step loads it.


const LABEL_SOURCE = 'org.opencontainers.image.source';
const LABEL_REVISION = 'org.opencontainers.image.revision';
const LABEL_CREATED = 'org.opencontainers.image.created';
const LABEL_VERSION = 'org.opencontainers.image.version';
const LABEL_TITLE = 'org.opencontainers.image.title';
/** The OCI image spec's pre-defined annotation keys; the labels under it are also manifest annotations. */
const OCI_ANNOTATION_PREFIX = 'org.opencontainers.image.';
/** What metadata-action users get when they write no rules, plus the commit's `sha-<7>` tag. */
const DEFAULT_TAG_RULES = [
    'type=ref,event=branch',
    'type=ref,event=tag',
    'type=ref,event=pr',
    'type=sha',
];
const RULE_TYPES = ['schedule', 'semver', 'match', 'edge', 'ref', 'raw', 'sha'];
/** metadata-action's priorities, so that mixed rules order tags as its users expect. */
const DEFAULT_PRIORITY = {
    schedule: 1000,
    semver: 900,
    match: 800,
    edge: 700,
    ref: 600,
    raw: 200,
    sha: 100,
};
const KNOWN_ATTRS = {
    schedule: ['pattern'],
    semver: ['pattern', 'value'],
    match: ['pattern', 'group', 'value'],
    edge: ['branch'],
    ref: ['event'],
    raw: ['value'],
    sha: ['format'],
};
const DEFAULT_SCHEDULE_PATTERN = 'nightly';
const COMMON_ATTRS = ['type', 'prefix', 'suffix', 'enable', 'priority'];
const MAX_TAG_LENGTH = 128;
/** Computes the tags and labels; throws a {@link SlipwayError} naming the rule for anything invalid. */
function imageMetadata(options) {
    const ci = options.ci;
    const flavor = parseFlavor(options.flavor);
    const rules = parseTagRules(options.tags ?? DEFAULT_TAG_RULES);
    const notes = [];
    const candidates = [];
    // One instant for every rule and the created label's fallback, so two date tags cannot straddle midnight.
    const now = options.now?.() ?? new Date();
    let wantsLatest = false;
    for (const rule of rules) {
        if (rule.attrs.get('enable') === 'false')
            continue;
        const produced = evaluate(rule, ci, notes, now);
        const prefix = rule.attrs.get('prefix') ?? flavor.prefix ?? defaultPrefix(rule);
        const suffix = rule.attrs.get('suffix') ?? flavor.suffix ?? '';
        const priority = rulePriority(rule);
        for (const value of produced.values) {
            const tag = `${prefix}${value}${suffix}`;
            checkTag(tag, rule);
            candidates.push({ tag, priority, rule: rule.text, latest: false, fromCommit: rule.type === 'sha' });
        }
        if (produced.release)
            wantsLatest = true;
    }
    const latestWanted = flavor.latest === true || (flavor.latest !== false && wantsLatest);
    if (latestWanted) {
        const tag = flavor.onLatest ? `${flavor.prefix ?? ''}latest${flavor.suffix ?? ''}` : 'latest';
        checkTag(tag, { text: 'flavor latest' });
        candidates.push({ tag, priority: 1000, rule: 'flavor latest', latest: true, fromCommit: false });
    }
    // Stable sort by priority, highest first; the first occurrence of a tag wins.
    const ordered = candidates
        .map((candidate, index) => ({ candidate, index }))
        .sort((a, b) => b.candidate.priority - a.candidate.priority || a.index - b.index)
        .map(({ candidate }) => candidate);
    const seen = new Set();
    const tags = [];
    for (const candidate of ordered) {
        if (seen.has(candidate.tag))
            continue;
        seen.add(candidate.tag);
        tags.push(candidate.tag);
    }
    const version = ordered.find((candidate) => !candidate.latest)?.tag ?? tags[0];
    const commitTag = ordered.find((candidate) => candidate.fromCommit)?.tag;
    const sourceDateEpoch = readSourceDateEpoch(options.env ?? process.env);
    const createdSeconds = sourceDateEpoch ?? options.git?.commitTime;
    const created = createdSeconds !== undefined ? new Date(createdSeconds * 1000).toISOString() : now.toISOString();
    const labels = {};
    const source = sourceUrl(ci);
    if (source !== undefined)
        labels[LABEL_SOURCE] = source;
    if (ci.commitSha !== undefined)
        labels[LABEL_REVISION] = ci.commitSha;
    labels[LABEL_CREATED] = created;
    if (version !== undefined)
        labels[LABEL_VERSION] = version;
    const title = options.title ?? repositoryName(ci);
    if (title !== undefined)
        labels[LABEL_TITLE] = title;
    for (const [key, value] of Object.entries(options.labels ?? {})) {
        if (key.length === 0 || /[\s=]/.test(key)) {
            throw new errors_src/* SlipwayError */.GQ(`label name "${key}" is not valid`, {
                where: 'labels',
                fix: 'use a name like org.example.team, without spaces or "="',
            });
        }
        labels[key] = value;
    }
    const annotations = Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith(OCI_ANNOTATION_PREFIX)));
    return { tags, version, commitTag, labels, annotations, created, sourceDateEpoch, notes };
}
/** Parses tag rules; exported for validating inputs early. */
function parseTagRules(input) {
    const lines = (typeof input === 'string' ? [input] : input)
        .flatMap((entry) => entry.split(/\r?\n/))
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && !line.startsWith('#'));
    return lines.map(parseRule);
}
function parseRule(text) {
    const fields = splitFields(text, text);
    const attrs = new Map();
    if (fields.length === 1 && !(fields[0] ?? '').includes('=')) {
        // A bare value is a raw tag.
        attrs.set('type', 'raw');
        attrs.set('value', fields[0] ?? '');
    }
    else {
        for (const field of fields) {
            const eq = field.indexOf('=');
            if (eq <= 0) {
                throw ruleError(text, `"${field}" is not key=value`, 'write attributes as key=value, comma-separated');
            }
            const key = field.slice(0, eq).trim().toLowerCase();
            if (attrs.has(key))
                throw ruleError(text, `"${key}" is given twice`);
            attrs.set(key, field.slice(eq + 1).trim());
        }
    }
    const type = attrs.get('type');
    const types = RULE_TYPES.map((name) => `type=${name}`).join(', ');
    if (type === undefined)
        throw ruleError(text, 'it has no type=', `start it with one of ${types}`);
    if (!isRuleType(type))
        throw ruleError(text, `type "${type}" is not supported`, `use one of ${types}`);
    for (const key of attrs.keys()) {
        if (!COMMON_ATTRS.includes(key) && !KNOWN_ATTRS[type].includes(key)) {
            throw ruleError(text, `type=${type} takes no "${key}"`, `its attributes are ${[...KNOWN_ATTRS[type], ...COMMON_ATTRS.slice(1)].join(', ')}`);
        }
    }
    const enable = attrs.get('enable');
    if (enable !== undefined && enable !== 'true' && enable !== 'false') {
        throw ruleError(text, `enable must be true or false, not "${enable}"`);
    }
    const priority = attrs.get('priority');
    if (priority !== undefined && !/^-?\d+$/.test(priority)) {
        throw ruleError(text, `priority must be an integer, not "${priority}"`);
    }
    const rule = { text, type, attrs };
    switch (type) {
        case 'ref': {
            const event = attrs.get('event');
            if (event !== 'branch' && event !== 'tag' && event !== 'pr') {
                throw ruleError(text, event === undefined ? 'it needs event=' : `event "${event}" is not supported`, 'use event=branch, event=tag or event=pr');
            }
            break;
        }
        case 'semver': {
            const pattern = attrs.get('pattern');
            if (pattern === undefined || pattern === '') {
                throw ruleError(text, 'it needs pattern=', 'e.g. pattern={{version}} or pattern={{major}}.{{minor}}');
            }
            const unknown = [...pattern.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
                .map((match) => match[1] ?? '')
                .filter((name) => !['version', 'major', 'minor', 'patch', 'raw'].includes(name));
            if (unknown.length > 0) {
                throw ruleError(text, `pattern placeholder {{${unknown[0]}}} is not known`, 'use {{version}}, {{major}}, {{minor}}, {{patch}} or {{raw}}');
            }
            break;
        }
        case 'raw':
            if ((attrs.get('value') ?? '') === '')
                throw ruleError(text, 'it needs value=');
            break;
        case 'schedule': {
            const problem = schedulePatternProblem(attrs.get('pattern') ?? DEFAULT_SCHEDULE_PATTERN);
            if (problem !== undefined) {
                throw ruleError(text, `pattern: ${problem}`, "write e.g. pattern={{date 'YYYYMMDD' tz='Europe/Paris'}}");
            }
            break;
        }
        case 'match': {
            const pattern = attrs.get('pattern');
            if (pattern === undefined || pattern === '') {
                throw ruleError(text, 'it needs pattern=', 'e.g. pattern=v(.*),group=1 (quote it when it holds a comma)');
            }
            const regex = matchRegex(text, pattern);
            const group = attrs.get('group') ?? '0';
            if (!/^\d+$/.test(group))
                throw ruleError(text, `group must be a whole number, not "${group}"`);
            // A regex with N groups has N + 1 entries in its match: count them on an empty alternative.
            const groups = new RegExp(`${regex.source}|`).exec('')?.length ?? 1;
            if (Number(group) >= groups) {
                throw ruleError(text, `group ${group} is not in the pattern, which has ${groups - 1} capturing group(s)`, 'use group=0 for the whole match, or add a (…) group');
            }
            break;
        }
        case 'edge': {
            if (attrs.get('branch') === '')
                throw ruleError(text, 'branch= is empty', 'name the branch, or leave branch= out for the default branch');
            break;
        }
        case 'sha': {
            const format = attrs.get('format');
            if (format !== undefined && format !== 'short' && format !== 'long') {
                throw ruleError(text, `format must be short or long, not "${format}"`);
            }
            break;
        }
    }
    return rule;
}
/** Splits on commas outside double quotes; quotes are removed. */
function splitFields(text, ruleText) {
    const fields = [];
    let current = '';
    let quoted = false;
    for (const char of text) {
        if (char === '"')
            quoted = !quoted;
        else if (char === ',' && !quoted) {
            fields.push(current.trim());
            current = '';
        }
        else
            current += char;
    }
    if (quoted)
        throw ruleError(ruleText, 'a double quote is not closed');
    fields.push(current.trim());
    return fields.filter((field) => field.length > 0);
}
function evaluate(rule, ci, notes, now) {
    const ref = ci.ref ?? '';
    switch (rule.type) {
        case 'edge': {
            const branch = rule.attrs.get('branch') ?? ci.defaultBranch;
            if (branch === undefined) {
                notes.push(`${rule.text}: the default branch is not known here (set branch=)`);
                return { values: [], release: false };
            }
            if (ref !== `refs/heads/${branch}`) {
                notes.push(`${rule.text}: ${describeRef(ref)} is not branch ${branch}`);
                return { values: [], release: false };
            }
            return { values: ['edge'], release: false };
        }
        case 'schedule': {
            if (ci.event !== 'schedule') {
                notes.push(`${rule.text}: the event is ${ci.event ?? 'unknown here'}, not schedule`);
                return { values: [], release: false };
            }
            return {
                values: [renderSchedulePattern(rule.attrs.get('pattern') ?? DEFAULT_SCHEDULE_PATTERN, now)],
                release: false,
            };
        }
        case 'match': {
            const raw = rule.attrs.get('value') ?? gitTag(ref);
            if (raw === undefined) {
                notes.push(`${rule.text}: ${describeRef(ref)} is not a tag`);
                return { values: [], release: false };
            }
            const found = matchRegex(rule.text, rule.attrs.get('pattern') ?? '').exec(raw);
            const value = found?.[Number(rule.attrs.get('group') ?? '0')];
            if (value === undefined || value === '') {
                notes.push(`${rule.text}: "${raw}" does not match${found === null ? '' : ' in that group'}`);
                return { values: [], release: false };
            }
            return { values: [value], release: true };
        }
        case 'sha': {
            if (ci.commitSha === undefined) {
                notes.push(`${rule.text}: no commit SHA is known here`);
                return { values: [], release: false };
            }
            return {
                values: [rule.attrs.get('format') === 'long' ? ci.commitSha : ci.commitSha.slice(0, 7)],
                release: false,
            };
        }
        case 'raw':
            return { values: [rule.attrs.get('value') ?? ''], release: false };
        case 'ref': {
            const event = rule.attrs.get('event');
            if (event === 'branch') {
                const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
                if (branch === undefined) {
                    notes.push(`${rule.text}: ${describeRef(ref)} is not a branch`);
                    return { values: [], release: false };
                }
                return { values: [sanitiseTag(branch, rule)], release: false };
            }
            if (event === 'tag') {
                const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
                if (tag === undefined) {
                    notes.push(`${rule.text}: ${describeRef(ref)} is not a tag`);
                    return { values: [], release: false };
                }
                return { values: [sanitiseTag(tag, rule)], release: true };
            }
            const pr = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(ref)?.[1];
            if (pr === undefined) {
                notes.push(`${rule.text}: ${describeRef(ref)} is not a pull request`);
                return { values: [], release: false };
            }
            return { values: [pr], release: false };
        }
        case 'semver': {
            const raw = rule.attrs.get('value') ?? gitTag(ref);
            if (raw === undefined) {
                notes.push(`${rule.text}: ${describeRef(ref)} is not a tag`);
                return { values: [], release: false };
            }
            const version = parseSemver(raw);
            if (version === undefined) {
                notes.push(`${rule.text}: "${raw}" is not a semantic version`);
                return { values: [], release: false };
            }
            const pattern = rule.attrs.get('pattern') ?? '{{version}}';
            // A prerelease only ever gets its full version: 1.2 must not move to a release candidate.
            const effective = version.prerelease === undefined ? pattern : pattern.includes('{{raw}}') ? '{{raw}}' : '{{version}}';
            const value = effective.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => {
                switch (name) {
                    case 'major':
                        return String(version.major);
                    case 'minor':
                        return String(version.minor);
                    case 'patch':
                        return String(version.patch);
                    case 'raw':
                        return raw;
                    default:
                        return version.text;
                }
            });
            // `+build` metadata is not allowed in tags: it becomes `-build`, as metadata-action does.
            return { values: [value.replace(/\+/g, '-')], release: version.prerelease === undefined };
        }
    }
}
/** A strict semantic version, with an optional leading `v` or `V` (git tags write both). */
function parseSemver(input) {
    const parsed = parse_default()(input.trim().replace(/^V/, 'v'));
    if (parsed === null)
        return undefined;
    const prerelease = parsed.prerelease.length === 0 ? undefined : parsed.prerelease.join('.');
    const build = parsed.build.length === 0 ? '' : `+${parsed.build.join('.')}`;
    return {
        major: parsed.major,
        minor: parsed.minor,
        patch: parsed.patch,
        prerelease,
        text: `${parsed.version}${build}`,
    };
}
/** The git tag a `refs/tags/…` ref names. */
function gitTag(ref) {
    return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}
/** A `type=match` pattern, compiled; refused with the rule's text when it is no regular expression. */
function matchRegex(rule, pattern) {
    try {
        return new RegExp(pattern);
    }
    catch (error) {
        throw ruleError(rule, `pattern is not a regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
}
/** Branch and git tag names made fit for the tag grammar: other characters become `-`. */
function sanitiseTag(value, rule) {
    const cleaned = value
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, MAX_TAG_LENGTH);
    if (cleaned.length === 0) {
        throw ruleError(rule?.text ?? 'tag', `"${value}" leaves nothing usable as a tag`);
    }
    return cleaned;
}
function checkTag(tag, rule) {
    if ((0,src/* isTag */.dz)(tag))
        return;
    const reason = tag.length > MAX_TAG_LENGTH
        ? `it is ${tag.length} characters long (at most ${MAX_TAG_LENGTH})`
        : tag.length === 0
            ? 'it is empty'
            : /^[.-]/.test(tag)
                ? 'it starts with "." or "-"'
                : `it contains ${JSON.stringify(tag.match(/[^\w.-]/)?.[0] ?? '?')}`;
    throw ruleError(rule.text, `tag "${tag}" is not a valid image tag: ${reason}`, 'tags are 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"');
}
function rulePriority(rule) {
    const priority = rule.attrs.get('priority');
    return priority === undefined ? DEFAULT_PRIORITY[rule.type] : Number(priority);
}
function defaultPrefix(rule) {
    if (rule.type === 'sha')
        return 'sha-';
    if (rule.type === 'ref' && rule.attrs.get('event') === 'pr')
        return 'pr-';
    return '';
}
function isRuleType(value) {
    return RULE_TYPES.includes(value);
}
function describeRef(ref) {
    return ref === '' ? 'the ref (unknown here)' : `ref ${ref}`;
}
function ruleError(rule, message, fix) {
    return new errors_src/* SlipwayError */.GQ(message, { where: `tag rule "${rule}"`, ...(fix === undefined ? {} : { fix }) });
}
/** Parses a flavor's text form; exported for validating inputs early. */
function parseFlavor(input) {
    if (input === undefined)
        return {};
    if (typeof input !== 'string' && !isStringArray(input))
        return input;
    const entries = (typeof input === 'string' ? [input] : input)
        .flatMap((entry) => entry.split(/[\r\n,]+/))
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0);
    let flavor = {};
    for (const entry of entries) {
        const eq = entry.indexOf('=');
        const key = (eq < 0 ? entry : entry.slice(0, eq)).trim().toLowerCase();
        const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
        const where = { where: `flavor "${entry}"` };
        switch (key) {
            case 'latest':
                if (value !== 'auto' && value !== 'true' && value !== 'false') {
                    throw new errors_src/* SlipwayError */.GQ(`latest must be auto, true or false, not "${value}"`, where);
                }
                flavor = { ...flavor, latest: value === 'auto' ? 'auto' : value === 'true' };
                break;
            case 'prefix':
            case 'suffix': {
                // `prefix=v,onlatest=true` is accepted on one line, as metadata-action writes it.
                flavor = { ...flavor, [key]: value };
                break;
            }
            case 'onlatest':
                flavor = { ...flavor, onLatest: value === 'true' };
                break;
            default:
                throw new errors_src/* SlipwayError */.GQ(`"${key}" is not a flavor setting`, {
                    ...where,
                    fix: 'use latest=, prefix=, suffix= or onlatest=',
                });
        }
    }
    return flavor;
}
function isStringArray(value) {
    return Array.isArray(value);
}
/** `SOURCE_DATE_EPOCH` as seconds, or undefined; a malformed value is an error rather than ignored. */
function readSourceDateEpoch(env) {
    const raw = env.SOURCE_DATE_EPOCH?.trim();
    if (raw === undefined || raw === '')
        return undefined;
    if (!/^\d+$/.test(raw)) {
        throw new errors_src/* SlipwayError */.GQ(`SOURCE_DATE_EPOCH "${raw}" is not a whole number of seconds`, {
            where: 'environment',
            fix: 'set it to the commit time, e.g. $(git log -1 --format=%ct)',
        });
    }
    return Number(raw);
}
/** The repository's web URL: clone URLs lose `.git`, scp-like `git@host:o/r` becomes `https://host/o/r`. */
function sourceUrl(ci) {
    const url = ci.repositoryUrl;
    if (url === undefined)
        return undefined;
    const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+)$/.exec(url);
    const web = scp !== null ? `https://${scp[1]}/${scp[2]}` : url.replace(/^(?:git\+)?ssh:\/\/[^@/]+@/, 'https://');
    return web.replace(/\.git$/, '').replace(/\/+$/, '');
}
function repositoryName(ci) {
    const full = ci.githubRepository ?? sourceUrl(ci);
    if (full === undefined)
        return undefined;
    const last = full
        .split('/')
        .filter((part) => part.length > 0)
        .pop();
    return last === undefined || last.length === 0 ? undefined : last;
}

;// CONCATENATED MODULE: ../../packages/build/src/reuse.ts
// Build once: a content key over everything that decides the image, and a `src-<key>` tag that records
// "this source was built into that digest". A later build of the same source finds the tag (one registry
// round trip) and only adds its new tags to the existing manifest.
//
// The key covers: the build context (its git tree id, or a deterministic hash of its files when it is not
// in git or holds git-ignored files), the Dockerfile's bytes, the sorted build args, the platforms, the
// builder kind, the target stage and builder-specific settings. A context with uncommitted changes has no
// key: its tree id would not describe what is built, so the build runs and no `src-` tag is written.








const SOURCE_TAG_PREFIX = 'src-';
const KEY_VERSION = 1;
/** Computes the content key of a build, or says why there is none. */
async function sourceKey(options) {
    const context = (0,external_node_path_.resolve)(options.context);
    const source = await contextIdentity(context, options.env ?? process.env);
    if (source.status === 'bypassed')
        return source;
    let dockerfile = null;
    if (options.dockerfile !== undefined) {
        try {
            dockerfile = (0,external_node_crypto_.createHash)('sha256')
                .update(await (0,promises_.readFile)(options.dockerfile))
                .digest('hex');
        }
        catch {
            throw missingDockerfile(options.dockerfile, options.dockerfile, options.context);
        }
    }
    const payload = canonicalJson({
        v: KEY_VERSION,
        source: `${source.source}:${source.id}`,
        dockerfile,
        buildArgs: Object.entries(options.buildArgs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        platforms: [...(options.platforms ?? [])].sort(),
        builder: options.builder,
        target: options.target ?? null,
        extra: options.extra ?? null,
    });
    const key = (0,external_node_crypto_.createHash)('sha256').update(payload).digest('hex');
    return { status: 'keyed', key, tag: sourceTag(key), source: source.source, sourceId: source.id };
}
function sourceTag(key) {
    const tag = `${SOURCE_TAG_PREFIX}${key.slice(0, 32)}`;
    if (!(0,src/* isTag */.dz)(tag))
        throw new Error(`not a key: ${key}`);
    return tag;
}
async function contextIdentity(context, env) {
    const gitEnv = (0,process_src/* localGitEnvironment */.vb)(env);
    const git = (args) => (0,process_src/* runProcess */.R3)('git', ['-C', context, ...args], { env: gitEnv, timeoutMs: process_src/* LOCAL_GIT_TIMEOUT_MS */.ch });
    const inside = await git(['rev-parse', '--is-inside-work-tree']);
    if (inside.spawnError !== undefined && inside.spawnError.code !== 'ENOENT')
        throw inside.spawnError;
    if (inside.code !== 0 || inside.stdout.trim() !== 'true') {
        return { status: 'ok', source: 'directory', id: await hashDirectory(context) };
    }
    const status = await git(['status', '--porcelain', '--untracked-files=all', '--ignored', '--', '.']);
    if (status.code !== 0) {
        throw new errors_src/* SlipwayError */.GQ(`git status failed in ${context}: ${status.stderr.trim()}`, { where: context });
    }
    const lines = status.stdout.split('\n').filter((line) => line.length > 0);
    const changed = lines.filter((line) => !line.startsWith('!! '));
    if (changed.length > 0) {
        const sample = changed
            .slice(0, 3)
            .map((line) => line.slice(3))
            .join(', ');
        return {
            status: 'bypassed',
            reason: `the build context has uncommitted changes (${sample}${changed.length > 3 ? ', …' : ''})`,
        };
    }
    const tree = await git(['rev-parse', '--verify', '-q', 'HEAD:./']);
    if (tree.code !== 0 || !/^[0-9a-f]{40,64}$/.test(tree.stdout.trim())) {
        // No commit yet: the files are all there is.
        return { status: 'ok', source: 'directory', id: await hashDirectory(context) };
    }
    if (lines.length > 0) {
        // Git-ignored files (a `dist/` built by an earlier step) would be sent to the builder but are not in
        // the tree: hash the files themselves.
        return { status: 'ok', source: 'directory', id: await hashDirectory(context) };
    }
    return { status: 'ok', source: 'git-tree', id: tree.stdout.trim() };
}
/** JSON with object keys sorted, so equal values always hash alike. */
function canonicalJson(value) {
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value ?? null);
    if (Array.isArray(value))
        return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
    const entries = Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
/** The manifest an earlier build stored under `tag`, or undefined: one request. */
function findBuilt(repository, tag) {
    return repository.getManifest(tag);
}

;// CONCATENATED MODULE: ../../packages/build/src/build.ts
// `build`: metadata → build-once check → builder → every destination.
//
// The files builder writes straight into the destinations. Dockerfile builders (buildah, buildx) write an
// OCI layout in a temporary directory, which is then copied to each destination (registries of any kind
// at once: ECR and others, each with its own credentials); buildx may instead push natively.











async function build(options) {
    const env = options.env ?? process.env;
    const progress = options.onProgress ?? (() => undefined);
    const transfer = options.onTransfer ?? (() => undefined);
    if (options.destinations.length === 0) {
        throw new errors_src/* SlipwayError */.GQ('no destination to push the image to', {
            where: 'build',
            fix: 'name at least one repository (registry.example.com/shop/cart or oci:<dir>)',
        });
    }
    const context = (0,external_node_path_.resolve)(options.context);
    const git = options.git ?? (await readGitFacts(context, options.ci.commitSha, env));
    const metadata = imageMetadata({
        ci: options.ci,
        tags: options.tags,
        flavor: options.flavor,
        labels: options.labels,
        title: options.title,
        git,
        env,
    });
    progress({ step: 'metadata', tags: metadata.tags });
    const destinations = options.destinations.map((entry) => openDestination(entry, options.openOptions));
    const primary = destinations[0];
    // Which builder, and that its inputs exist, before any registry is asked.
    let kind;
    if (options.builder === undefined || options.builder === 'auto') {
        await checkDockerfileInputs(context, options.dockerfile);
        const detected = await detectBuilder({ env });
        kind = detected.builder;
        progress({ step: 'builder', builder: kind, reason: detected.reason });
    }
    else {
        kind = options.builder;
        if (kind !== 'files')
            await checkDockerfileInputs(context, options.dockerfile);
    }
    const dockerfile = kind === 'files' ? undefined : (options.dockerfile ?? (0,external_node_path_.join)(context, 'Dockerfile'));
    let key = { status: 'disabled' };
    if (options.reuse !== false) {
        key = await sourceKey({
            context,
            dockerfile,
            buildArgs: options.buildArgs,
            platforms: options.platforms,
            builder: kind,
            target: options.target,
            // Per-commit stamps (revision, created, SOURCE_DATE_EPOCH) are left out: they are not source.
            extra: { labels: options.labels ?? {}, ...(kind === 'files' ? { files: options.files ?? {} } : {}) },
            env,
        });
        progress({ step: 'reuse-check', key, repository: primary.name });
    }
    const keyTags = key.status === 'keyed' ? [key.tag] : [];
    const existing = key.status === 'keyed' ? await primary.repository.getManifest(key.tag) : undefined;
    // A reused image already has its key tag in the primary: only the other tags are written there.
    const wanted = (destination) => unique([...metadata.tags, ...destination.extraTags, ...keyTags]).filter((tag) => !(existing !== undefined && destination === primary && keyTags.includes(tag)));
    // Before any build or push: a repository that refuses a tag fails the step now, not halfway.
    const pushTags = await guardTags(options.tagGuard, destinations, wanted, existing?.digest);
    const tagsFor = (destination) => pushTags.get(destination) ?? wanted(destination);
    const finish = (digest, mediaType, reused) => ({
        digest,
        mediaType,
        image: `${destinationRepository(primary)}@${digest}`,
        imageRef: metadata.commitTag === undefined
            ? `${destinationRepository(primary)}@${digest}`
            : (0,src/* formatReference */.FH)(destinationRepository(primary), metadata.commitTag, digest),
        references: destinations.flatMap((destination) => unique([...metadata.tags, ...destination.extraTags]).map((tag) => (0,src/* formatReference */.FH)(destinationRepository(destination), tag, digest))),
        tags: metadata.tags,
        labels: metadata.labels,
        annotations: metadata.annotations,
        version: metadata.version,
        reused,
        builder: kind,
        source: key,
        notes: metadata.notes,
    });
    if (existing !== undefined && key.status === 'keyed') {
        progress({ step: 'reused', digest: existing.digest, tag: key.tag });
        await distribute(existing, primary, destinations, tagsFor, progress, transfer);
        return finish(existing.digest, existing.mediaType, true);
    }
    progress({ step: 'build', builder: kind });
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    if (kind === 'files') {
        const base = await openBase(options.files?.base, options.openOptions);
        for (const destination of destinations)
            progress({ step: 'push', destination: destination.name, tags: tagsFor(destination) });
        const built = await buildFiles({
            context,
            destination: options.files?.destination,
            base,
            platform: options.platforms?.[0],
            config: { ...options.files?.config, labels: { ...metadata.labels, ...options.files?.config?.labels } },
            annotations: metadata.annotations,
            sourceDateEpoch: metadata.sourceDateEpoch,
            compression: options.files?.compression,
            targets: destinations.map((destination) => ({
                repository: destination.repository,
                tags: tagsFor(destination),
            })),
            tmpDir: options.tmpDir,
            onLog: options.onLog,
            onTransfer: transfer,
        });
        progress({ step: 'built', digest: built.digest, seconds: seconds() });
        for (const destination of destinations)
            progress({ step: 'pushed', destination: destination.name, digest: built.digest });
        return finish(built.digest, built.mediaType, false);
    }
    const common = {
        context,
        dockerfile,
        buildArgs: options.buildArgs,
        platforms: options.platforms,
        target: options.target,
        labels: metadata.labels,
        annotations: metadata.annotations,
        secrets: options.secrets,
        sourceDateEpoch: metadata.sourceDateEpoch,
        env,
        onLog: options.onLog,
        tmpDir: options.tmpDir,
    };
    if (kind === 'buildx' && options.buildx?.push === 'native') {
        const registries = destinations.filter((destination) => destination.location.kind === 'registry');
        if (registries.length !== destinations.length) {
            throw new errors_src/* SlipwayError */.GQ('buildx native push only goes to registries', {
                where: 'build',
                fix: 'use push: copy to write OCI layouts too',
            });
        }
        const credentials = primary.options.credentials;
        for (const destination of destinations)
            progress({ step: 'push', destination: destination.name, tags: tagsFor(destination) });
        const built = await buildWithBuildx({
            ...common,
            ...buildxSettings(options.buildx),
            output: {
                type: 'registry',
                references: destinations.flatMap((destination) => tagsFor(destination).map((tag) => `${destinationRepository(destination)}:${tag}`)),
                credentials,
            },
        });
        progress({ step: 'built', digest: built.digest, seconds: seconds() });
        for (const destination of destinations)
            progress({ step: 'pushed', destination: destination.name, digest: built.digest });
        return finish(built.digest, built.mediaType, false);
    }
    // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
    const temporary = await (0,process_src/* temporaryDirectory */.De)('slipway-build-', options.tmpDir);
    const work = temporary.path;
    try {
        const layoutDir = (0,external_node_path_.join)(work, 'layout');
        const output = { type: 'layout', dir: layoutDir, tag: 'build' };
        const built = kind === 'buildah'
            ? await buildWithBuildah({ ...common, storageRoot: options.buildah?.storageRoot, output })
            : await buildWithBuildx({ ...common, ...buildxSettings(options.buildx), output });
        progress({ step: 'built', digest: built.digest, seconds: seconds() });
        const layout = new src/* LayoutRepository */.RT(layoutDir);
        const stored = await layout.getManifest(built.digest);
        if (stored === undefined) {
            throw new errors_src/* SlipwayError */.GQ(`the ${kind} build left no image ${built.digest} in its layout`, {
                where: layoutDir,
            });
        }
        await distribute(stored, { name: layout.name, repository: layout }, destinations, tagsFor, progress, transfer);
        return finish(built.digest, stored.mediaType, false);
    }
    finally {
        await temporary.remove();
    }
}
/** The tags each destination gets once the guard has left out those it already holds at the digest. */
async function guardTags(guard, destinations, wanted, digest) {
    const result = new Map();
    if (guard === undefined)
        return result;
    await Promise.all(destinations.map(async (destination) => {
        if (destination.location.kind !== 'registry')
            return;
        const tags = wanted(destination);
        const held = new Set(await guard(destination.location, tags, digest));
        result.set(destination, tags.filter((tag) => !held.has(tag)));
    }));
    return result;
}
/** One log line for a progress event. */
function formatProgress(event) {
    switch (event.step) {
        case 'metadata':
            return event.tags.length === 0 ? 'tags: none (by digest only)' : `tags: ${event.tags.join(', ')}`;
        case 'builder':
            return `builder: ${event.builder} (${event.reason})`;
        case 'reuse-check':
            return event.key.status === 'keyed'
                ? `source key ${event.key.tag} (${event.key.source} ${event.key.sourceId.replace(/^sha256:/, '').slice(0, 12)}): looking in ${event.repository}`
                : `build once skipped: ${event.key.reason}`;
        case 'reused':
            return `unchanged source: reusing ${event.digest} (${event.tag}), no build`;
        case 'build':
            return `building with ${event.builder}`;
        case 'built':
            return `built ${event.digest} in ${event.seconds.toFixed(1)} s`;
        case 'push':
            return `pushing to ${event.destination}${event.tags.length === 0 ? '' : ` as ${event.tags.join(', ')}`}`;
        case 'pushed':
            return `pushed ${event.digest} to ${event.destination}`;
    }
}
/** Puts `manifest` (present in `source`) into every destination under its tags. */
async function distribute(manifest, source, destinations, tagsFor, progress, transfer) {
    for (const destination of destinations) {
        const tags = tagsFor(destination);
        progress({ step: 'push', destination: destination.name, tags });
        if (destination.repository === source.repository) {
            // Already there (a reused image): only the tags are new.
            await destination.repository.putManifest(manifest, tags);
        }
        else {
            await (0,src/* copyImage */.L1)({
                from: source.repository,
                reference: manifest.digest,
                to: destination.repository,
                tags,
                progress: (0,src/* copiedBytes */.QB)((done, total) => transfer({ label: `push to ${destination.name}`, done, total })),
            });
        }
        progress({ step: 'pushed', destination: destination.name, digest: manifest.digest });
    }
}
function openDestination(entry, defaults) {
    const text = typeof entry === 'string' ? entry : entry.location;
    const location = (0,src/* parseLocation */.zS)(text);
    let extraTags = [];
    if (location.kind === 'registry') {
        if (location.reference.digest !== undefined)
            throw digestDestination(text);
        if (location.reference.tag !== undefined)
            extraTags = [location.reference.tag];
    }
    else {
        if (location.digest !== undefined)
            throw digestDestination(text);
        if (location.tag !== undefined)
            extraTags = [location.tag];
    }
    const options = { ...defaults, ...(typeof entry === 'string' ? {} : entry.options) };
    return { name: text, location, repository: (0,src/* openRepository */.h_)(location, options), extraTags, options };
}
function digestDestination(text) {
    return new errors_src/* SlipwayError */.GQ(`destination ${text} names a digest`, {
        where: 'destinations',
        fix: 'name a repository (optionally with a tag); the digest is the build’s result',
    });
}
function destinationRepository(destination) {
    return destination.location.kind === 'registry'
        ? destination.location.reference.repository
        : `oci:${destination.location.path}`;
}
async function openBase(base, defaults) {
    if (base === undefined || base === 'scratch')
        return 'scratch';
    const location = (0,src/* parseLocation */.zS)(base);
    const repository = (0,src/* openRepository */.h_)(location, defaults ?? {});
    const reference = location.kind === 'registry'
        ? (location.reference.digest ?? location.reference.tag ?? 'latest')
        : (location.digest ?? location.tag ?? 'latest');
    return { repository, reference };
}
function buildxSettings(settings) {
    return {
        binary: settings?.binary,
        builderName: settings?.builderName,
        cacheFrom: settings?.cacheFrom,
        cacheTo: settings?.cacheTo,
        provenance: settings?.provenance,
        sbom: settings?.sbom,
    };
}
/** The commit time of `commit` (or HEAD) in the context's repository; nothing outside git. */
async function readGitFacts(context, commit, env = process.env) {
    const { code, stdout } = await (0,process_src/* runProcess */.R3)('git', ['-C', context, 'log', '-1', '--format=%ct', commit ?? 'HEAD', '--'], {
        env: (0,process_src/* localGitEnvironment */.vb)(env),
        timeoutMs: process_src/* LOCAL_GIT_TIMEOUT_MS */.ch,
    });
    if (code !== 0)
        return {};
    const seconds = Number(stdout.trim());
    return Number.isInteger(seconds) && seconds > 0 ? { commitTime: seconds } : {};
}
function unique(values) {
    return [...new Set(values)];
}

;// CONCATENATED MODULE: ../../packages/build/src/index.ts










/***/ })

};
