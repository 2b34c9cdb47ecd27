// Picks a Dockerfile builder for where we run: buildx when a docker engine answers quickly, else buildah
// when it is installed, else an error that says what to install.

import { SlipwayError } from '@slipway/errors';
import { childEnvironment, findProgram, runProcess } from '@slipway/process';

export interface DetectOptions {
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** How long `docker info` may take. Default 3 s. */
  readonly timeoutMs?: number | undefined;
}

export interface Detection {
  readonly builder: 'buildx' | 'buildah';
  /** Why it was chosen, for the log. */
  readonly reason: string;
}

export async function detectBuilder(options: DetectOptions = {}): Promise<Detection> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const docker = findProgram('docker', env);
  const dockerEnv = childEnvironment('builder', env);
  let dockerProblem = 'docker is not installed';
  if (docker !== undefined) {
    // Short probes that must give up (a docker engine that does not answer): runProcess, which can kill them.
    const info = await runProcess(docker, ['info', '--format', '{{.ServerVersion}}'], {
      env: dockerEnv,
      timeoutMs,
    });
    if (info.code === 0 && info.stdout.trim() !== '') {
      const buildx = await runProcess(docker, ['buildx', 'version'], { env: dockerEnv, timeoutMs });
      if (buildx.code === 0) {
        return { builder: 'buildx', reason: `docker engine ${info.stdout.trim()} answered, with buildx` };
      }
      dockerProblem = 'the docker engine answered but the buildx plugin is missing';
    } else {
      dockerProblem = info.timedOut
        ? `docker info did not answer within ${timeoutMs} ms`
        : 'no docker engine answered docker info';
    }
  }
  if (findProgram('buildah', env) !== undefined) {
    return { builder: 'buildah', reason: `${dockerProblem}; buildah is installed` };
  }
  throw new SlipwayError(
    `no image builder is available here: ${dockerProblem}, and buildah is not installed`,
    {
      where: 'auto builder',
      fix: 'install buildah (apt-get install -y buildah), or docker with the buildx plugin and a running engine, or use the files builder',
    },
  );
}
