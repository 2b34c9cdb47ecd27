export const id = 218;
export const ids = [218];
export const modules = {

/***/ 85218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  githubReporter: () => (/* binding */ githubReporter)
});

// UNUSED EXPORTS: plainText

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(58274);
;// CONCATENATED MODULE: ../../packages/ci/src/reporter.ts
/**
 * The forms of a secret to hide: the value as steps use it (trimmed), and each line of a multi-line one. The
 * GitHub runner masks line by line, so `ghp_x\n` registered as given would hide nothing, while the step
 * sends `ghp_x`. A line without a letter or digit (`{`, `-----`) tells nothing and is not hidden.
 */
function secretForms(secret) {
    const forms = new Set();
    const trimmed = secret.trim();
    if (trimmed !== '')
        forms.add(trimmed);
    if (/[\r\n]/.test(trimmed)) {
        for (const line of trimmed.split(/\r?\n|\r/)) {
            const part = line.trim();
            if (/[\p{L}\p{N}]/u.test(part))
                forms.add(part);
        }
    }
    return [...forms];
}

;// CONCATENATED MODULE: ../../packages/ci/src/github-reporter.ts



/** Reports through the runner's files and workflow commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error`). */
function githubReporter() {
    return {
        info: (message) => plainText(message, (line) => core/* info */.pq(line)),
        warning: (message, location) => core/* warning */.$e(message, annotation(location)),
        error: (message, location) => core/* error */.z3(message, annotation(location)),
        mask: (secret) => {
            for (const form of secretForms(secret))
                core/* setSecret */.Pq(form);
        },
        group: (title, work) => core/* group */.Os(title, work),
        setOutput: (name, value) => core/* setOutput */.uH(name, value),
        writeSummary: async (markdown) => {
            if (process.env.GITHUB_STEP_SUMMARY === undefined)
                return;
            await core/* summary */.z.addRaw(markdown, true).write();
        },
    };
}
/** A line the runner would obey as a workflow command: `::name::…` (after white space) or the legacy `##[name]`. */
const COMMAND_LIKE = /^\s*(?:::|##\[)/m;
/**
 * Prints text that may hold words from elsewhere (a config repo's files, a commit status, a server's error) so
 * that the runner shows it and obeys none of it: when a line looks like a workflow command, the text goes
 * between `::stop-commands::<token>` and `::<token>::` with a token nobody could have written into it.
 */
function plainText(message, write, token = (0,external_node_crypto_.randomUUID)()) {
    if (!COMMAND_LIKE.test(message)) {
        write(message);
        return;
    }
    const stop = `slipway-${token}`;
    write(`::stop-commands::${stop}`);
    write(message);
    write(`::${stop}::`);
}
function annotation(location) {
    if (location?.file === undefined)
        return {};
    return location.line === undefined
        ? { file: location.file }
        : { file: location.file, startLine: location.line };
}


/***/ })

};
