export const id = 874;
export const ids = [874];
export const modules = {

/***/ 8874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubReporter: () => (/* binding */ githubReporter)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8274);

/** Reports through the runner's files and workflow commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error`). */
function githubReporter() {
    return {
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
        warning: (message, location) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message, annotation(location)),
        error: (message, location) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, annotation(location)),
        mask: (secret) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(secret),
        group: (title, work) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(title, work),
        setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value),
        writeSummary: async (markdown) => {
            if (process.env.GITHUB_STEP_SUMMARY === undefined)
                return;
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown, true).write();
        },
    };
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
