export const id = 874;
export const ids = [874];
export const modules = {

/***/ 8874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubReporter: () => (/* binding */ githubReporter)
/* harmony export */ });
/* unused harmony export plainText */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37391);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77610);
/* harmony import */ var _reporter_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29044);





/** A runner's log keeps every line: one a second at most. */
const PROGRESS_INTERVAL_MS = 1000;
/** Reports through the runner's files and workflow commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error`). */
function githubReporter() {
    return {
        info: (message) => plainText(message, (line) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(line)),
        progress: (0,_progress_js__WEBPACK_IMPORTED_MODULE_3__/* .progressMeters */ .em)({ intervalMs: PROGRESS_INTERVAL_MS }, ({ text }) => plainText(text, (line) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(line))),
        warning: (message, location) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(message, annotation(location)),
        error: (message, location) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .error */ .z3(message, annotation(location)),
        mask: (secret) => {
            for (const form of (0,_reporter_js__WEBPACK_IMPORTED_MODULE_4__/* .secretForms */ .e)(secret))
                _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setSecret */ .Pq(form);
        },
        group: (title, work) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .group */ .Os(title, work),
        setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH(name, value),
        writeSummary: async (markdown) => {
            const file = process.env.GITHUB_STEP_SUMMARY;
            if (file === undefined || file === '')
                return;
            // Appended to the file the variable names now: core.summary keeps the first path it saw, so a second
            // run in one process (the action runtime's tests) would write into a file that is gone.
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.appendFile)(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
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
function plainText(message, write, token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()) {
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
