// Checks shared by the Dockerfile builders, so a wrong path fails with a clear message before any builder
// runs.

import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/errors';

/** Absolute context and Dockerfile paths; throws a SlipwayError when either is missing. */
export async function checkDockerfileInputs(
  contextInput: string,
  dockerfileInput: string | undefined,
): Promise<{ context: string; dockerfile: string }> {
  const context = resolve(contextInput);
  const contextStat = await stat(context).catch(() => undefined);
  if (contextStat === undefined) {
    throw new SlipwayError(`build context ${contextInput} does not exist`, {
      where: context,
      fix: 'check the context path (relative paths start at the working directory)',
    });
  }
  if (!contextStat.isDirectory()) {
    throw new SlipwayError(`build context ${contextInput} is not a directory`, { where: context });
  }
  const dockerfile = dockerfileInput === undefined ? join(context, 'Dockerfile') : resolve(dockerfileInput);
  const dockerfileStat = await stat(dockerfile).catch(() => undefined);
  if (dockerfileStat === undefined || !dockerfileStat.isFile())
    throw missingDockerfile(dockerfile, dockerfileInput, contextInput);
  return { context, dockerfile };
}

/** How users name the Dockerfile: the build step's `--file` flag, `file` in the action. */
const DOCKERFILE_FLAG = '--file (the action input file)';

/** A Dockerfile that is not there, naming the flag that chooses it. */
export function missingDockerfile(
  dockerfile: string,
  dockerfileInput: string | undefined,
  contextInput: string,
): SlipwayError {
  return new SlipwayError(`Dockerfile ${dockerfile} does not exist`, {
    where: dockerfile,
    fix:
      dockerfileInput === undefined
        ? `add a Dockerfile to ${contextInput}, or name one with ${DOCKERFILE_FLAG}`
        : `check the path given to ${DOCKERFILE_FLAG}: relative paths start at the working directory, not the context`,
  });
}

/** `localhost`, `127.x.x.x` and `[::1]`, with or without a port. */
export function isLoopback(domain: string): boolean {
  const host = domain.startsWith('[') ? domain.slice(0, domain.indexOf(']') + 1) : domain.split(':')[0];
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host ?? '');
}
