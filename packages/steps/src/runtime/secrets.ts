import type { RawValue } from '../definition/inputs.js';
import type { StepSurface } from '../definition/surface.js';

/**
 * Credentials written into a URL in an input (`https://user:token@host/…`, `ssh://user:password@host/…`, or a
 * lone `https://token@host/…`, which the config repo inputs read as a token): secrets that no input declares, so
 * the faces hide them like the declared ones. The encoded and decoded forms are both returned.
 */
export function urlCredentials(value: RawValue): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  const found = new Set<string>();
  for (const text of typeof value === 'string' ? [value] : value) {
    for (const match of text.matchAll(/\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@]+)@/gi)) {
      const userinfo = match[2] ?? '';
      const colon = userinfo.indexOf(':');
      // Over http(s) a lone user part is read as a token; elsewhere (ssh://git@host) it is only a user name.
      if (colon < 0 && !/^https?$/i.test(match[1] ?? '')) continue;
      const secret = colon >= 0 ? userinfo.slice(colon + 1) : userinfo;
      if (secret === '') continue;
      found.add(secret);
      found.add(decode(secret));
    }
  }
  return [...found];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How a key input names an environment variable (`env://NAME`), as @slipway/sign reads it. */
const ENV_REFERENCE = 'env://';

/**
 * Secrets a step reads from the environment besides its secret inputs: the variables it declares in
 * `secretEnv` (a key's password) and those its `secretEnvReferences` inputs name as `env://NAME` (a private
 * key's PEM). `given` returns an input's candidate values: the value given and its environment fallbacks.
 */
export function environmentSecrets(
  step: StepSurface,
  given: (input: string) => readonly RawValue[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const names = new Set(step.secretEnv);
  for (const input of step.secretEnvReferences) {
    for (const text of given(input).flatMap(texts)) {
      const trimmed = text.trim();
      if (trimmed.startsWith(ENV_REFERENCE) && trimmed.length > ENV_REFERENCE.length)
        names.add(trimmed.slice(ENV_REFERENCE.length));
    }
  }
  return [...names].flatMap((name) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? [] : [value];
  });
}

/**
 * Everything a face masks before it prints anything, for one call of `step`: the values of secret inputs,
 * credentials written into the URL of any other input, and the {@link environmentSecrets}. `given` returns
 * an input's candidate values: the value given and its environment fallbacks.
 */
export function secretsToMask(
  step: StepSurface,
  given: (input: string) => readonly RawValue[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const secrets: string[] = [];
  for (const [name, spec] of Object.entries(step.inputs)) {
    const values = given(name);
    secrets.push(...(spec.meta.secret ? values.flatMap(strings) : values.flatMap(urlCredentials)));
  }
  secrets.push(...environmentSecrets(step, given, env));
  return secrets.filter((secret) => secret !== '');
}

function strings(value: RawValue): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** A raw value's lines (a list input arrives as newline-separated text from the runner). */
function texts(value: RawValue): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  return (typeof value === 'string' ? [value] : value).flatMap((part) => part.split(/\r?\n/));
}
