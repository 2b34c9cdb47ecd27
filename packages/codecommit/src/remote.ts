// Which `--config-repo` values name an AWS CodeCommit repository, and the repository, region, profile and git
// endpoint each one names. The three forms users already have: the console's HTTPS clone URL (and its FIPS and
// VPC-endpoint hosts), and git-remote-codecommit's `codecommit::<region>://[profile@]<name>` and
// `codecommit://[profile@]<name>`. Only these exact shapes are CodeCommit: a look-alike host gets no AWS
// credentials. And the repository's pages in the AWS console. No AWS SDK and no `node:crypto` here: this
// module is the package's light entry (`@slipway/codecommit/remote`), which a git promotion imports before
// its first request.

import { SlipwayError } from '@slipway/errors';

/** A CodeCommit repository as a config repo. */
export interface CodeCommitRemote {
  /** The repository name (1–100 of `[A-Za-z0-9._-]`, as CodeCommit allows). */
  readonly repositoryName: string;
  /** The region when the address names it; otherwise the AWS SDK's (AWS_REGION, the profile's `region`). */
  readonly region: string | undefined;
  /** The AWS profile `codecommit://profile@repo` names; otherwise the SDK's default chain. */
  readonly profile: string | undefined;
  /** The FIPS git endpoint (`git-codecommit-fips.`). */
  readonly fips: boolean;
  /**
   * The git endpoint's origin when the address names one (`https://git-codecommit.eu-west-1.amazonaws.com`, a
   * VPC endpoint); otherwise it follows from the region (see gitUrlOf).
   */
  readonly endpoint: string | undefined;
  /** What the user wrote, for messages (it never holds a credential: those are refused). */
  readonly address: string;
}

/** Overrides the git endpoint (a VPC interface endpoint, a proxy, a test server): `https://host[:port]`. */
export const GIT_ENDPOINT_VARIABLE = 'SLIPWAY_CODECOMMIT_GIT_ENDPOINT';

const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}';
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
// git-codecommit[-fips].<region>.amazonaws.com[.cn]
const GIT_HOST = new RegExp(`^git-codecommit(-fips)?\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`);
// vpce-<id>[-<az>].git-codecommit[-fips].<region>.vpce.amazonaws.com
const VPCE_HOST = new RegExp(
  `^vpce-[a-z0-9-]+\\.git-codecommit(-fips)?\\.(${REGION})\\.vpce\\.amazonaws\\.com$`,
);
const HELPER = new RegExp(`^codecommit::(${REGION})://(.*)$`);
const PLAIN = /^codecommit:\/\/(.*)$/;

const FORMS =
  'write it as codecommit::<region>://[<profile>@]<repository>, codecommit://[<profile>@]<repository> or https://git-codecommit.<region>.amazonaws.com/v1/repos/<repository>';

/**
 * The CodeCommit repository `address` names, or undefined when it is not a CodeCommit address at all. An
 * address that is meant for CodeCommit but malformed (a bad name, credentials in the URL, a path past the
 * repository) is refused with a SlipwayError rather than handed to git as something else.
 */
export function parseCodeCommitRemote(address: string): CodeCommitRemote | undefined {
  const raw = address.trim();
  const helper = HELPER.exec(raw);
  const plain = helper === null ? PLAIN.exec(raw) : null;
  if (helper !== null || plain !== null) {
    const rest = (helper?.[2] ?? plain?.[1] ?? '').replace(/\/+$/, '');
    const at = rest.lastIndexOf('@');
    const profile = at === -1 ? undefined : rest.slice(0, at);
    const name = at === -1 ? rest : rest.slice(at + 1);
    // `key:secret@repo` is someone's credentials, not a profile: refuse without echoing them.
    if (profile?.includes(':') === true) throw credentialsInAddress();
    if (profile !== undefined && !/^[A-Za-z0-9_.+=,@-]{1,128}$/.test(profile)) {
      throw malformed(raw, `the profile name ${JSON.stringify(profile)} is not one AWS accepts`);
    }
    return {
      repositoryName: checkedName(name, raw),
      region: helper?.[1],
      profile,
      fips: false,
      endpoint: undefined,
      address: raw,
    };
  }
  if (/^codecommit:/i.test(raw))
    throw malformed(raw, 'this is not a codecommit:: address git-remote-codecommit reads');
  if (!/^https?:\/\//i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  const match = GIT_HOST.exec(host) ?? VPCE_HOST.exec(host);
  if (match === null) return undefined;
  // Credentials first: every later message shows the address.
  if (url.username !== '' || url.password !== '') throw credentialsInAddress();
  if (url.protocol !== 'https:') throw malformed(raw, 'CodeCommit serves git over https:// only');
  const path = /^\/v1\/repos\/([^/]+)\/?$/.exec(url.pathname);
  if (path === null || url.search !== '' || url.hash !== '') {
    throw malformed(raw, 'the path must be /v1/repos/<repository>');
  }
  return {
    repositoryName: checkedName(decodeURIComponent(path[1] ?? ''), raw),
    region: match[2],
    profile: undefined,
    fips: match[1] !== undefined,
    endpoint: `https://${url.host}`,
    address: raw,
  };
}

/** Whether `address` is meant for CodeCommit (without parsing or refusing it). */
export function looksLikeCodeCommit(address: string): boolean {
  return /^codecommit:/i.test(address.trim()) || /\/\/[^/]*git-codecommit/i.test(address);
}

/**
 * The HTTPS URL git talks to: the address's own endpoint, else `SLIPWAY_CODECOMMIT_GIT_ENDPOINT`, else the
 * region's (`.amazonaws.com.cn` in China; `git-codecommit-fips.` with AWS_USE_FIPS_ENDPOINT=true).
 */
export function gitUrlOf(
  remote: CodeCommitRemote,
  region: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const override = env[GIT_ENDPOINT_VARIABLE]?.trim();
  const fips = remote.fips || env.AWS_USE_FIPS_ENDPOINT?.trim().toLowerCase() === 'true';
  const origin =
    remote.endpoint ??
    (override !== undefined && override !== ''
      ? endpointOverride(override)
      : `https://git-codecommit${fips ? '-fips' : ''}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
  return `${origin}/v1/repos/${encodeURIComponent(remote.repositoryName)}`;
}

function endpointOverride(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SlipwayError(`${GIT_ENDPOINT_VARIABLE} is not a URL`, {
      where: GIT_ENDPOINT_VARIABLE,
      fix: 'set it to the endpoint origin, e.g. https://vpce-0123-abcd.git-codecommit.eu-west-1.vpce.amazonaws.com',
    });
  }
  if (url.username !== '' || url.password !== '' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new SlipwayError(`${GIT_ENDPOINT_VARIABLE} must be an origin (scheme, host, port) alone`, {
      where: GIT_ENDPOINT_VARIABLE,
      fix: 'remove the path and any credentials',
    });
  }
  return url.origin;
}

function checkedName(name: string, raw: string): string {
  if (!NAME.test(name) || name === '.' || name === '..' || name.endsWith('.git')) {
    throw malformed(raw, `${JSON.stringify(name)} is not a CodeCommit repository name`);
  }
  return name;
}

function credentialsInAddress(): SlipwayError {
  return malformed(
    '***',
    'it carries credentials; Slipway derives short-lived ones from your AWS credentials, so leave them out',
  );
}

function malformed(raw: string, why: string): SlipwayError {
  const shown = raw.length > 100 ? `${raw.slice(0, 97)}...` : raw;
  return new SlipwayError(`config repository ${shown} is not a CodeCommit address Slipway reads: ${why}`, {
    where: '--config-repo',
    fix: FORMS,
  });
}

/** `https://<region>.console.aws.amazon.com/codesuite/codecommit/repositories/<name>/pull-requests/<id>`. */
export function pullRequestConsoleUrl(region: string, repositoryName: string, id: string): string {
  return `${repositoryConsoleUrl(region, repositoryName)}/pull-requests/${encodeURIComponent(id)}`;
}

/** `https://<region>.console.aws.amazon.com/codesuite/codecommit/repositories/<name>` (`.amazonaws.cn` in China). */
export function repositoryConsoleUrl(region: string, repositoryName: string): string {
  const console = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com';
  return `https://${region}.${console}/codesuite/codecommit/repositories/${encodeURIComponent(repositoryName)}`;
}
