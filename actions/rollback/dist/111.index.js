export const id = 111;
export const ids = [111];
export const modules = {

/***/ 43111:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promoteIn: () => (/* binding */ promoteIn)
});

// EXTERNAL MODULE: ../../packages/errors/src/index.ts
var src = __webpack_require__(58014);
// EXTERNAL MODULE: ../../packages/gitops/src/index.ts + 42 modules
var gitops_src = __webpack_require__(13634);
// EXTERNAL MODULE: ../../packages/oci/src/index.ts + 22 modules
var oci_src = __webpack_require__(355);
// EXTERNAL MODULE: ../../packages/steps/src/wait/step.ts
var step = __webpack_require__(59942);
// EXTERNAL MODULE: ../../packages/steps/src/images/open.ts
var images_open = __webpack_require__(60277);
// EXTERNAL MODULE: ../../packages/steps/src/policy/decided-flags.ts
var decided_flags = __webpack_require__(13163);
// EXTERNAL MODULE: ../../packages/steps/src/policy/source.ts
var policy_source = __webpack_require__(40628);
// EXTERNAL MODULE: ../../packages/steps/src/policy/trust-root.ts
var trust_root = __webpack_require__(28468);
// EXTERNAL MODULE: ../../packages/steps/src/policy/trusted-keys.ts
var trusted_keys = __webpack_require__(99119);
;// CONCATENATED MODULE: ../../packages/steps/src/promote/policy.ts








/**
 * Reads `.slipway.yaml` from the config repo's default branch (or `--policy-ref`), through the GitHub API when
 * `api.github` is given (`--via github-api`), the CodeCommit API with `api.codecommit`, else with git (in
 * `api.repo` when given). Without one, the flags decide everything. With one,
 * the policy's owners decide: its environments' branches and paths, their `promoteFrom` order and the
 * signatures they require; the app pipeline cannot opt out.
 */
async function planWithPolicy(params, context, api = {}) {
    return (0,policy_source/* withPolicy */.hZ)({
        configRepo: params.configRepo,
        ...(api.repo === undefined ? {} : { repo: api.repo }),
        ...(api.github === undefined ? {} : { github: api.github }),
        ...(api.codecommit === undefined ? {} : { codecommit: api.codecommit }),
        ...(params.token === undefined
            ? {}
            : { auth: { token: params.token, username: params.tokenUsername } }),
        ...(params.policyRef === undefined ? {} : { policyRef: params.policyRef }),
        written: [params.given.branchTemplate, ...params.targets.map((t) => t.branch), params.from?.branch],
    }, context, async (source) => {
        if (source === undefined) {
            return {
                policy: undefined,
                targets: params.targets,
                from: params.from,
                gate: undefined,
                pinOverrideRefusal: undefined,
            };
        }
        const { policy, reader } = source;
        const sign = await Promise.all(/* import() */[__webpack_require__.e(892), __webpack_require__.e(316)]).then(__webpack_require__.bind(__webpack_require__, 62316));
        context.reporter.info(`Policy ${policy_source/* POLICY_FILE */.CX} from ${reader.ref} (${reader.commit.slice(0, 12)})`);
        const targetOf = (name) => {
            const environment = sign.findEnvironment(policy, name);
            const target = (0,policy_source/* policyTarget */.kc)(environment);
            (0,decided_flags/* checkPolicyDecidedFlags */.W)(params.given, environment, target, context);
            return target;
        };
        const targets = params.targets.map((t) => targetOf(t.env));
        const from = params.from === undefined ? undefined : targetOf(params.from.env);
        const requirements = [];
        const trustRoots = (0,trust_root/* policyTrustRoots */.E)(reader, context);
        for (const target of targets) {
            const environment = sign.findEnvironment(policy, target.env);
            const { signatures, provenance } = environment.require;
            requirements.push({
                environment,
                previous: environment.promoteFrom === undefined ? undefined : targetOf(environment.promoteFrom),
                signatures: signatures === undefined
                    ? undefined
                    : {
                        requirement: signatures,
                        signers: await signersOf(signatures, environment.line, reader, trustRoots),
                    },
                provenance: provenance === undefined
                    ? undefined
                    : {
                        requirement: provenance,
                        signers: await signersOf(provenance, provenance.line, reader, trustRoots),
                    },
            });
        }
        const needed = requirements.filter((r) => r.previous !== undefined || r.signatures !== undefined || r.provenance !== undefined);
        // Who may override a rollback's pin: the policy's `pins.override`, asked only when a pin is in the way.
        const restricted = new Map(requirements
            .filter((r) => r.environment.pins.override !== 'allowed')
            .map((r) => [r.environment.name, r.environment]));
        return {
            policy,
            targets,
            from,
            gate: needed.length === 0 ? undefined : (input) => checkRequirements(needed, input, params, context),
            pinOverrideRefusal: restricted.size === 0
                ? undefined
                : (pin, target) => {
                    const environment = restricted.get(target.env);
                    return environment === undefined
                        ? undefined
                        : sign.pinOverrideRefusal(policy, environment, {
                            name: pin.image,
                            repository: (0,gitops_src/* pinRepository */.e_)(pin),
                        });
                },
        };
    });
}
/**
 * The keys and identities a requirement trusts, read from the policy's ref, and, when there are identities,
 * the loader of their trusted root (key signatures verify without one).
 */
async function signersOf(requirement, line, reader, trustRoots) {
    return {
        keys: await (0,trusted_keys/* requirementKeys */._)(reader, requirement, line),
        identities: requirement.identities,
        trustRoot: requirement.identities.length === 0 ? undefined : await trustRoots(requirement.trustedRoot, line),
    };
}
async function checkRequirements(requirements, input, params, context) {
    const verifiedBy = new Map();
    for (const { environment, previous, signatures, provenance } of requirements) {
        if (previous !== undefined) {
            const pins = await input.pinnedIn(previous);
            for (const image of input.images) {
                const running = pins.get(image.repository)?.digest;
                if (running === image.digest)
                    continue;
                const what = `${image.name}@${image.digest === undefined ? '(no digest)' : (0,oci_src/* shortDigest */.VK)(image.digest)}`;
                const message = `${environment.name} takes images from ${previous.env}, which runs ${running === undefined ? 'no digest' : (0,oci_src/* shortDigest */.VK)(running)} of ${image.name}, not ${what}`;
                if (params.force && environment.allowForce) {
                    context.reporter.warning(`${message}: promoting anyway (--force, allowed by the policy)`);
                    continue;
                }
                throw new src/* SlipwayError */.GQ(message, {
                    where: { file: policy_source/* POLICY_FILE */.CX, line: environment.line },
                    fix: params.force
                        ? `the policy does not allow --force for ${environment.name}; promote to ${previous.env} first`
                        : `promote it to ${previous.env} first (or use --from ${previous.env})`,
                });
            }
        }
        if (signatures === undefined && provenance === undefined)
            continue;
        const sign = await Promise.all(/* import() */[__webpack_require__.e(892), __webpack_require__.e(316)]).then(__webpack_require__.bind(__webpack_require__, 62316));
        for (const image of input.images) {
            if (image.digest === undefined) {
                throw new src/* SlipwayError */.GQ(`${environment.name} requires ${signatures === undefined ? 'signed provenance' : 'signed images'}, and ${image.name} has no digest`, {
                    where: { file: policy_source/* POLICY_FILE */.CX, line: environment.line },
                    fix: 'promote a digest (repo@sha256:… or a tag Slipway resolves), not --pin tag alone',
                });
            }
            const reference = (0,oci_src/* parseReference */.F2)(image.name);
            const repository = (0,oci_src/* openRepository */.h_)({ kind: 'registry', reference }, (0,images_open/* baseOptions */.k0)({ insecureRegistries: params.insecureRegistries }, context));
            if (signatures !== undefined) {
                context.reporter.info(`Verifying ${image.name}@${(0,oci_src/* shortDigest */.VK)(image.digest)} for ${environment.name}`);
                const refuse = (error) => {
                    if (!(error instanceof src/* SlipwayError */.GQ))
                        throw error;
                    throw new src/* SlipwayError */.GQ(`${environment.name} requires a trusted signature: ${error.message}`, {
                        // The policy's line for a signature that does not do; a registry's trouble keeps its own place.
                        where: error instanceof sign.VerificationError
                            ? { file: policy_source/* POLICY_FILE */.CX, line: environment.line }
                            : (error.location ?? error.where ?? { file: policy_source/* POLICY_FILE */.CX, line: environment.line }),
                        // verify's fix for an identity names its flags; here the policy names the identities.
                        fix: error instanceof sign.VerificationError && error.kind === 'untrusted-identity'
                            ? `sign from a workflow ${environment.name} trusts (require.signatures.identities in ${policy_source/* POLICY_FILE */.CX}), or change those identities through a reviewed change to the config repo`
                            : (error.fix ??
                                `sign ${image.name}@${image.digest} with a key or identity the policy trusts for ${environment.name}`),
                    });
                };
                const { signers } = signatures;
                const options = {
                    repository,
                    reference: image.digest,
                    keys: signers.keys,
                    identity: signatures.requirement.identity,
                    imageRepository: reference.repository,
                };
                let result;
                // Keys first: a key-signed image needs no trusted root, so neither sigstore-js' verifier nor TUF's
                // fetches; the identities (and their root) are tried only when a keyless signature is there to check.
                if (signers.keys.length > 0) {
                    try {
                        result = await sign.verifyImage(options);
                    }
                    catch (error) {
                        const keyless = error instanceof sign.VerificationError &&
                            error.rejected.some((r) => r.reason === 'untrusted-identity' || r.reason === 'untrusted-ca');
                        if (!keyless || signers.trustRoot === undefined)
                            refuse(error);
                    }
                }
                if (result === undefined && signers.trustRoot !== undefined) {
                    // Outside the refusal: a root that cannot be loaded names trustedRoot, not the image.
                    const trustRoot = await signers.trustRoot();
                    try {
                        result = await sign.verifyImage({ ...options, identities: signers.identities, trustRoot });
                    }
                    catch (error) {
                        refuse(error);
                    }
                }
                if (result === undefined)
                    throw new Error('bug: a signature requirement with neither keys nor identities');
                const seen = verifiedBy.get(image.repository) ?? new Set();
                for (const v of result.verified)
                    seen.add(v.signedBy);
                verifiedBy.set(image.repository, seen);
            }
            if (provenance !== undefined) {
                context.reporter.info(`Checking the provenance of ${image.name}@${(0,oci_src/* shortDigest */.VK)(image.digest)} for ${environment.name}`);
                const refusal = await provenanceRefusal(provenance, repository, image.digest, sign);
                if (refusal !== undefined) {
                    throw new src/* SlipwayError */.GQ(`${environment.name} requires signed SLSA provenance from ${provenance.requirement.sourceRepository}${provenance.requirement.builder === undefined ? '' : ` built by ${provenance.requirement.builder}`}, and ${image.name}@${(0,oci_src/* shortDigest */.VK)(image.digest)} has ${refusal}`, {
                        where: { file: policy_source/* POLICY_FILE */.CX, line: provenance.requirement.line },
                        fix: `build the image with --provenance in ${provenance.requirement.sourceRepository}'s pipeline, signed by a key or identity require.provenance trusts`,
                    });
                }
            }
        }
    }
    return input.images.map((image) => {
        const keys = verifiedBy.get(image.repository);
        return keys === undefined ? image : { ...image, verifiedBy: [...keys].join(', ') };
    });
}
/**
 * Undefined when one verified SLSA provenance bundle of `digest` fits the requirement; else what was found,
 * as the end of a sentence: none at all, none signed by whom the policy trusts, or what the signed ones say.
 */
async function provenanceRefusal(provenance, repository, digest, sign) {
    const { signers, requirement } = provenance;
    const found = await sign.verifyBundleReferrers({
        repository,
        digest,
        predicateType: sign.SLSA_PROVENANCE_V1,
        keys: signers.keys,
        identities: signers.identities,
        trustRoot: signers.trustRoot === undefined ? undefined : await signers.trustRoot(),
    });
    const mismatches = [];
    for (const bundle of found.verified) {
        const mismatch = sign.provenanceMismatch(bundle.statement, requirement, { digest });
        if (mismatch === undefined)
            return undefined;
        mismatches.push(mismatch);
    }
    if (mismatches.length > 0)
        return `none that fits: ${[...new Set(mismatches)].join('; ')}`;
    if (found.rejected.length > 0) {
        return `no provenance signed by a key or identity the policy trusts (${found.rejected.map((r) => `${(0,oci_src/* shortDigest */.VK)(r.layerDigest)}: ${r.detail}`).join('; ')})`;
    }
    return 'no provenance attestation (no SLSA provenance bundle referrer)';
}

;// CONCATENATED MODULE: ../../packages/steps/src/promote/run.ts
// The promotion past its first request: the policy (its checks of signatures and provenance), tags resolved
// through the registry, the planner and the push (`promote` of @slipway/gitops), pull requests and `--wait`.
// step.ts loads this while the config repo's listing is on the wire.





/** The promotion `params` ask for, in `shared` through git (its listing already started, or not). */
async function promoteIn(shared, params, context, lane) {
    const { reporter } = context;
    const github = (why) => (0,gitops_src/* gitHubRepoOf */.Tm)(params.configRepo, {
        token: params.token,
        ...(params.githubApiUrl === undefined ? {} : { apiUrl: params.githubApiUrl }),
        env: context.env,
        why,
    });
    // When the flags alone need GitHub, say so before anything is read. Pull requests on CodeCommit need none.
    const onCodeCommit = (0,gitops_src/* isCodeCommitConfigRepo */.PC)(params.configRepo);
    let repo = params.via === 'github-api'
        ? github('promoting through the GitHub API (--via github-api)')
        : params.mode === 'pull-request' && !onCodeCommit
            ? github('pull-request mode')
            : undefined;
    const codecommit = params.via === 'codecommit-api'
        ? await (0,gitops_src/* codeCommitRepoOf */.eG)(params.configRepo, {
            env: context.env,
            why: 'promoting through the CodeCommit API (--via codecommit-api)',
        })
        : undefined;
    const plan = await planWithPolicy(params, context, {
        ...(params.via === 'github-api' && repo !== undefined ? { github: repo } : {}),
        ...(codecommit === undefined ? {} : { codecommit }),
        ...(shared === undefined ? {} : { repo: shared }),
    });
    // The policy's `mode: pull-request` for an environment wins over the flag.
    const byPullRequest = plan.targets
        .filter((target) => params.mode === 'pull-request' ||
        plan.policy?.environments.find((e) => e.name === target.env)?.mode === 'pull-request')
        .map((target) => target.env);
    if (byPullRequest.length > 0 && repo === undefined && !onCodeCommit) {
        repo = github(`.slipway.yaml's mode: pull-request for ${byPullRequest.join(', ')}`);
    }
    const images = params.from === undefined
        ? await resolveImages(params, plan, context)
        : params.images.map((i) => i.request);
    const outcomes = await (0,gitops_src/* promote */.pt)({
        configRepo: params.configRepo,
        ...(params.token === undefined ? {} : { auth: { token: params.token, username: params.tokenUsername } }),
        targets: plan.targets,
        images,
        ...(plan.from === undefined ? {} : { from: plan.from }),
        ...(plan.gate === undefined ? {} : { gate: plan.gate }),
        pin: params.pin,
        valuesPaths: params.valuesPaths,
        imagePolicies: params.imagePolicies,
        createBranch: params.createBranch,
        dryRun: params.dryRun,
        author: params.author,
        committer: params.committer,
        source: params.source(),
        retry: params.retry,
        via: params.via,
        ...(shared === undefined ? {} : { repo: shared }),
        ...(repo === undefined ? {} : { github: repo }),
        ...(codecommit === undefined ? {} : { codecommit }),
        ...(byPullRequest.length === 0
            ? {}
            : {
                pullRequests: {
                    envs: new Set(byPullRequest),
                    ...(params.prLabels.length === 0 ? {} : { labels: params.prLabels }),
                    ...(params.autoMerge === undefined ? {} : { autoMerge: params.autoMerge }),
                    approvalRuleTemplates: approvalRuleTemplates(plan.policy, byPullRequest),
                },
            }),
        overridePin: params.overridePin,
        ...(plan.pinOverrideRefusal === undefined ? {} : { pinOverrideRefusal: plan.pinOverrideRefusal }),
        ...(lane === undefined ? {} : { lane }),
        progress: (message) => reporter.info(message),
        warn: (message, location) => reporter.warning(message, location),
    });
    if (params.wait !== undefined && !params.dryRun)
        await waitForDeployments(params, params.wait, outcomes, context);
    return { configRepo: params.configRepo, outcomes, dryRun: params.dryRun };
}
/** Per environment promoted by pull request, the approval-rule template the policy names for it. */
function approvalRuleTemplates(policy, envs) {
    const templates = new Map();
    if (policy === undefined)
        return templates;
    for (const environment of policy.environments) {
        const template = environment.pullRequest.approvalRuleTemplate;
        if (template === undefined || !envs.includes(environment.name))
            continue;
        templates.set(environment.name, { name: template.name, declaredAt: `${policy.file}:${template.line}` });
    }
    return templates;
}
/**
 * A tag alone is resolved to the digest the registry serves for it now, so what is written is pinned (and,
 * where the policy checks signatures or promoteFrom, so that there is a digest to check).
 */
async function resolveImages(params, plan, context) {
    return Promise.all(params.images.map(async (image) => {
        if (image.request.digest !== undefined || (params.pin === 'tag' && plan.gate === undefined)) {
            return image.request;
        }
        context.reporter.info(`Resolving ${image.request.name}:${image.request.tag ?? ''} through the registry`);
        const { digest } = await (0,oci_src/* resolveDigest */.j)(image.reference, {
            insecureRegistries: params.insecureRegistries,
        });
        return { ...image.request, digest };
    }));
}
/** `--wait`: each pushed commit must be reported deployed by the agent, or the step fails with its message. */
async function waitForDeployments(params, wait, outcomes, context) {
    if (params.token === undefined) {
        throw new src/* MissingTokenError */.cc('--wait reads the commit statuses through the GitHub API, and no token is set', {
            permissions: step/* STATUS_READ */.e0,
        });
    }
    for (const outcome of outcomes) {
        if (outcome.commit === null || outcome.pullRequest !== undefined)
            continue;
        await (0,step/* runWait */.pT)({
            configRepo: params.configRepo,
            env: outcome.env,
            commit: outcome.commit,
            contexts: wait.contexts,
            timeoutMs: wait.timeoutMs,
            intervalMs: wait.intervalMs,
            token: params.token,
            ...(params.githubApiUrl === undefined ? {} : { apiUrl: params.githubApiUrl }),
        }, context);
    }
}


/***/ })

};
