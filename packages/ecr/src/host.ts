// Which registry hosts are Amazon ECR private registries, and the account, region and endpoint flavour each
// one names. Only the exact forms AWS serves are recognised: anything else (a look-alike with a suffix, a
// port, a pull-through alias) is not ECR and gets no AWS credentials.

export type EcrPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** An ECR private registry, as named by its host. */
export interface EcrHost {
  /** The host, lowercased: `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  readonly host: string;
  /** The 12-digit account that owns the registry (the `registryId` of the ECR API). */
  readonly accountId: string;
  readonly region: string;
  readonly partition: EcrPartition;
  /** `dkr.ecr-fips.` / `dkr-ecr-fips.`: the registry's FIPS endpoint; the API is called on its FIPS endpoint too. */
  readonly fips: boolean;
  /** `dkr-ecr.…on.aws`: the IPv4+IPv6 endpoint; the API is called on its dual-stack endpoint too. */
  readonly dualStack: boolean;
}

/** The public gallery's registry (`public.ecr.aws`, and its dual-stack `ecr-public.aws.com`). */
const PUBLIC_HOSTS = new Set(['public.ecr.aws', 'ecr-public.aws.com']);

// A region name: `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-northwest-1`, `il-central-1`.
const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}';

// <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]
const STANDARD = new RegExp(`^([0-9]{12})\\.dkr\\.ecr(-fips)?\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`);
// <account>.dkr-ecr[-fips].<region>.on.aws, and China's <account>.dkr-ecr.<region>.on.amazonwebservices.com.cn
const DUAL_STACK = new RegExp(
  `^([0-9]{12})\\.dkr-ecr(-fips)?\\.(${REGION})\\.on\\.(aws|amazonwebservices\\.com\\.cn)$`,
);

/**
 * The ECR registry named by `host` (a reference's domain, without scheme or path), or `undefined` when it
 * is not an ECR private registry host. The public gallery (`public.ecr.aws`) is not one: see
 * {@link isEcrPublicHost}. Hosts of the isolated (ISO) and European Sovereign Cloud partitions are not
 * recognised either.
 */
export function parseEcrHost(host: string): EcrHost | undefined {
  const normalised = host.toLowerCase();
  const standard = STANDARD.exec(normalised);
  const dual = standard === null ? DUAL_STACK.exec(normalised) : null;
  const match = standard ?? dual;
  if (match === null) return undefined;
  const [, accountId, fips, region] = match;
  if (accountId === undefined || region === undefined) return undefined;
  const china = standard !== null ? match[4] === '.cn' : match[4] === 'amazonwebservices.com.cn';

  const partition = partitionOf(region);
  if (partition === undefined) return undefined;
  // The China suffix and the China regions go together; a mismatch is not a host AWS serves.
  if ((partition === 'aws-cn') !== china) return undefined;
  return {
    host: normalised,
    accountId,
    region,
    partition,
    fips: fips !== undefined,
    dualStack: dual !== null,
  };
}

/** Whether `host` is the ECR Public gallery, which `parseEcrHost` does not handle (pulls are anonymous). */
export function isEcrPublicHost(host: string): boolean {
  return PUBLIC_HOSTS.has(host.toLowerCase());
}

function partitionOf(region: string): EcrPartition | undefined {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  // us-iso-*, us-isob-*, us-isof-*: registries there live under other domains.
  if (region.startsWith('us-iso')) return undefined;
  return 'aws';
}
