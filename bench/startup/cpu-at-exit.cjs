// Preloaded (`node --require`) into every timed node process by bench/startup/run.ts: writes the process's
// CPU time at exit (user + system, all its threads, in ms) to the file BENCH_CPU_FILE names. Wall time on a
// shared machine mostly measures the other processes; CPU time much less so.
'use strict';
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.BENCH_CPU_FILE, String((user + system) / 1000));
});
