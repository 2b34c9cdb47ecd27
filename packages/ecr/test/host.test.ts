import { describe, expect, it } from 'vitest';
import { isEcrPublicHost, parseEcrHost } from '../src/index.js';

const A = '123456789012';

describe('parseEcrHost', () => {
  it.each([
    [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'us-east-1', 'aws', false, false],
    [`${A}.dkr.ecr.eu-west-1.amazonaws.com`, 'eu-west-1', 'aws', false, false],
    [`${A}.dkr.ecr.ap-southeast-2.amazonaws.com`, 'ap-southeast-2', 'aws', false, false],
    [`${A}.dkr.ecr.il-central-1.amazonaws.com`, 'il-central-1', 'aws', false, false],
    [`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn`, 'cn-north-1', 'aws-cn', false, false],
    [`${A}.dkr.ecr.cn-northwest-1.amazonaws.com.cn`, 'cn-northwest-1', 'aws-cn', false, false],
    [`${A}.dkr.ecr.us-gov-west-1.amazonaws.com`, 'us-gov-west-1', 'aws-us-gov', false, false],
    [`${A}.dkr.ecr-fips.us-east-1.amazonaws.com`, 'us-east-1', 'aws', true, false],
    [`${A}.dkr.ecr-fips.us-gov-east-1.amazonaws.com`, 'us-gov-east-1', 'aws-us-gov', true, false],
    [`${A}.dkr-ecr.us-west-2.on.aws`, 'us-west-2', 'aws', false, true],
    [`${A}.dkr-ecr-fips.us-east-2.on.aws`, 'us-east-2', 'aws', true, true],
    [`${A}.dkr-ecr.us-gov-west-1.on.aws`, 'us-gov-west-1', 'aws-us-gov', false, true],
    [`${A}.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn`, 'cn-north-1', 'aws-cn', false, true],
    [`${A}.DKR.ECR.EU-WEST-1.AMAZONAWS.COM`, 'eu-west-1', 'aws', false, false],
  ])('%s', (host, region, partition, fips, dualStack) => {
    expect(parseEcrHost(host)).toEqual({
      host: host.toLowerCase(),
      accountId: A,
      region,
      partition,
      fips,
      dualStack,
    });
  });

  it.each([
    // look-alikes and suffix tricks
    `${A}.dkr.ecr.us-east-1.amazonaws.com.evil.com`,
    `x.dkr.ecr.us-east-1.amazonaws.com.evil.com`,
    `evil.com/${A}.dkr.ecr.us-east-1.amazonaws.com`,
    `${A}.dkr.ecr.us-east-1.amazonaws.com.`,
    `a${A}.dkr.ecr.us-east-1.amazonaws.com`,
    `evil-${A}.dkr.ecr.us-east-1.amazonaws.com`,
    `${A}.dkr.ecr.us-east-1.amazonaws.co`,
    `${A}.dkr.ecr.us-east-1.amazonaws.com:443`,
    `${A}.dkr.ecr.us-east-1.amazonaws.com/shop/cart`,
    `https://${A}.dkr.ecr.us-east-1.amazonaws.com`,
    `${A}.dkr-ecr.us-east-1.on.aws.evil.com`,
    `${A}.dkr-ecr.us-east-1.amazonaws.com`,
    `${A}.dkr.ecr.us-east-1.on.aws`,
    // wrong account length, bad region
    `12345678901.dkr.ecr.us-east-1.amazonaws.com`,
    `1234567890123.dkr.ecr.us-east-1.amazonaws.com`,
    `${A}.dkr.ecr.useast1.amazonaws.com`,
    `${A}.dkr.ecr..amazonaws.com`,
    `${A}.dkr.ecr.us-east-1.x.amazonaws.com`,
    // partition and suffix disagree
    `${A}.dkr.ecr.cn-north-1.amazonaws.com`,
    `${A}.dkr.ecr.us-east-1.amazonaws.com.cn`,
    `${A}.dkr-ecr.cn-north-1.on.aws`,
    // partitions not handled, the public gallery, other registries
    `${A}.dkr.ecr.us-iso-east-1.c2s.ic.gov`,
    `${A}.dkr.ecr.us-iso-east-1.amazonaws.com`,
    'public.ecr.aws',
    'ecr-public.aws.com',
    'ghcr.io',
    'localhost:5000',
    '',
  ])('not ECR: %s', (host) => {
    expect(parseEcrHost(host)).toBeUndefined();
  });
});

describe('isEcrPublicHost', () => {
  it('knows the public gallery and nothing else', () => {
    expect(isEcrPublicHost('public.ecr.aws')).toBe(true);
    expect(isEcrPublicHost('ecr-public.aws.com')).toBe(true);
    expect(isEcrPublicHost('public.ecr.aws.evil.com')).toBe(false);
    expect(isEcrPublicHost(`${A}.dkr.ecr.us-east-1.amazonaws.com`)).toBe(false);
  });
});
