// Preloaded (`node --require`) into every timed node process by bench/startup/run.ts: writes the process's
// CPU time at exit (user + system, all its threads, in ms) to the file BENCH_CPU_FILE names. Wall time on a
// shared machine mostly measures the other processes; CPU time much less so.
// With BENCH_CPU_AT_REQUEST=1 (the first-request cases only: it loads node:diagnostics_channel, which
// `node -e 0` does not) it also writes the CPU time at the moment the process starts its first HTTP request,
// as a second line: what a command spent before it asked a server anything. For copy that is the figure the
// first-request target is about; promote's first request comes from its git child, so it has none.
'use strict';
let atRequest;
if (process.env.BENCH_CPU_AT_REQUEST === '1') {
  const { subscribe, unsubscribe } = require('node:diagnostics_channel');
  const onRequest = () => {
    unsubscribe('http.client.request.start', onRequest);
    const { user, system } = process.cpuUsage();
    atRequest = (user + system) / 1000;
  };
  subscribe('http.client.request.start', onRequest);
}
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  const lines = [String((user + system) / 1000), ...(atRequest === undefined ? [] : [String(atRequest)])];
  require('node:fs').writeFileSync(process.env.BENCH_CPU_FILE, lines.join('\n'));
});
