export const id = 382;
export const ids = [382];
export const modules = {

/***/ 14382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  githubReporter: () => (/* binding */ githubReporter)
});

// UNUSED EXPORTS: plainText

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(58274);
;// CONCATENATED MODULE: ../../packages/ci/src/progress.ts
// Byte progress of long transfers (blob uploads and downloads): which updates are worth a line, and the
// line. Steps report every update; the meter throttles them, so a step never has to think about time.
const DEFAULT_MIN_TOTAL = 1024 * 1024;
/**
 * Turns a transfer's updates into lines: the first after one interval (a transfer done sooner prints
 * nothing), then at most one per interval, and a last one at the end when any was printed. The rate is the
 * average since the first update, so a pause shows as a falling rate rather than a frozen one.
 */
function progressMeter(options) {
    const now = options.now ?? (() => performance.now());
    const minTotal = options.minTotalBytes ?? DEFAULT_MIN_TOTAL;
    let start;
    let lastLine;
    let printed = false;
    let ended = false;
    return (update) => {
        if (ended)
            return undefined;
        const time = now();
        start ??= time;
        lastLine ??= time;
        const final = update.done >= update.total;
        if (final)
            ended = true;
        if (!final && (update.total < minTotal || time - lastLine < options.intervalMs))
            return undefined;
        if (final && !printed)
            return undefined;
        printed = true;
        lastLine = time;
        return { text: progressText(update, time - start), final };
    };
}
/** `copy: 12.0 MiB of 200.0 MiB (6%), 45.1 MiB/s, 4 s left`. */
function progressText(update, elapsedMs) {
    const done = Math.min(update.done, update.total);
    const percent = update.total === 0 ? 100 : Math.floor((done / update.total) * 100);
    const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
    const left = done >= update.total
        ? 'done'
        : rate > 0
            ? `${formatDuration((update.total - done) / rate)} left`
            : 'time left unknown';
    return `${update.label}: ${formatBytes(done)} of ${formatBytes(update.total)} (${percent}%), ${formatBytes(rate)}/s, ${left}`;
}
function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
function formatDuration(seconds) {
    const s = Math.ceil(seconds);
    if (s < 60)
        return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m} min ${s % 60} s`;
    return `${Math.floor(m / 60)} h ${m % 60} min`;
}
/**
 * One meter per transfer label, for a reporter: `write` gets each line worth printing. A label's meter is
 * dropped once its transfer ends, so the same label can start again (a second copy in one run).
 */
function progressMeters(options, write) {
    const meters = new Map();
    return (update) => {
        let meter = meters.get(update.label);
        if (meter === undefined) {
            meter = progressMeter(options);
            meters.set(update.label, meter);
        }
        const line = meter(update);
        if (update.done >= update.total)
            meters.delete(update.label);
        if (line !== undefined)
            write(line);
    };
}

// EXTERNAL MODULE: ../../packages/ci/src/reporter.ts
var reporter = __webpack_require__(29044);
;// CONCATENATED MODULE: ../../packages/ci/src/github-reporter.ts





/** A runner's log keeps every line: one a second at most. */
const PROGRESS_INTERVAL_MS = 1000;
/** Reports through the runner's files and workflow commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error`). */
function githubReporter() {
    return {
        info: (message) => plainText(message, (line) => core/* info */.pq(line)),
        progress: progressMeters({ intervalMs: PROGRESS_INTERVAL_MS }, ({ text }) => plainText(text, (line) => core/* info */.pq(line))),
        warning: (message, location) => core/* warning */.$e(message, annotation(location)),
        error: (message, location) => core/* error */.z3(message, annotation(location)),
        mask: (secret) => {
            for (const form of (0,reporter/* secretForms */.e)(secret))
                core/* setSecret */.Pq(form);
        },
        group: (title, work) => core/* group */.Os(title, work),
        setOutput: (name, value) => core/* setOutput */.uH(name, value),
        writeSummary: async (markdown) => {
            const file = process.env.GITHUB_STEP_SUMMARY;
            if (file === undefined || file === '')
                return;
            // Appended to the file the variable names now: core.summary keeps the first path it saw, so a second
            // run in one process (the action runtime's tests) would write into a file that is gone.
            await (0,promises_.appendFile)(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
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
