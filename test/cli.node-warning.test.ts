import { describe, expect, it } from 'vitest';
import { runSlipway } from './support/slipway.js';

describe('slipway on Node 20 with the AWS SDK', () => {
  it("prints no NodeVersionSupportWarning from the SDK, only the command's own one-line error", async () => {
    // An ECR source makes an ECR client; its endpoint is a closed port on 127.0.0.1, so the call fails at once.
    // The SDK warns only on Node < 22 (this machine runs Node 20, the oldest Slipway supports).
    const result = await runSlipway(
      ['copy', '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/cart:1', 'oci:./unused:1'],
      {
        env: {
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^slipway copy: error: 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com: cannot reach the ECR API/m,
    );
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|Warning:/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
