import { posix } from 'node:path';
import { SlipwayError } from '@slipway/errors';

/** An environment and where it lives in the config repo: a branch, and optionally a folder in it. */
export interface EnvironmentTarget {
  readonly env: string;
  readonly branch: string;
  /** Repo-relative folder to search, normalised, without leading or trailing slash; undefined = whole branch. */
  readonly path?: string;
}

/** An image to set, as the user named it and as the registry resolved it. */
export interface ImageRequest {
  /** The repository as the user spelled it (`registry.example.com/shop/cart`), for messages and trailers. */
  readonly name: string;
  /** Normalised repository: how sites in files are matched. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Who verified its signature, for the `Slipway-Verified-By` trailer. */
  readonly verifiedBy?: string;
}

const ENV_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** `env/<name>` unless a template says otherwise; `{env}` in the template stands for the name. */
export function environmentTarget(
  env: string,
  options: { branchTemplate?: string; path?: string } = {},
): EnvironmentTarget {
  if (!ENV_NAME.test(env)) {
    throw new SlipwayError(`environment name "${env}" is not valid`, {
      fix: 'use lowercase letters, digits, ".", "_" and "-" (for example dev, staging, prod)',
    });
  }
  const branch = (options.branchTemplate ?? 'env/{env}').replaceAll('{env}', env);
  const path = options.path === undefined ? undefined : normaliseRepoPath(options.path);
  return { env, branch, ...(path === undefined ? {} : { path }) };
}

/** A folder inside the repo; refuses anything that would leave it. */
export function normaliseRepoPath(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed === '' || trimmed === '.' || trimmed === '/') return undefined;
  if (posix.isAbsolute(trimmed) || /^[A-Za-z]:[\\/]/.test(trimmed)) {
    throw new SlipwayError(`path "${input}" is absolute`, {
      fix: 'give a folder relative to the config repo root',
    });
  }
  const normalised = posix.normalize(trimmed.replaceAll('\\', '/')).replace(/\/+$/, '');
  if (normalised === '..' || normalised.startsWith('../')) {
    throw new SlipwayError(`path "${input}" leaves the config repo`, {
      fix: 'give a folder inside the config repo, without ".." that climbs out of it',
    });
  }
  return normalised === '.' ? undefined : normalised;
}
