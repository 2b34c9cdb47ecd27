// What a test that reaches AWS code sets up first: no credential, profile, endpoint or metadata service of the
// machine running it is seen, and the SDK's default chain finds exactly the test's keys in the environment.

import { vi } from 'vitest';

/** Test AWS keys: never real, and the secret must never show up in output. */
export interface TestAwsKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Stubs the AWS_* environment (undo with vi.unstubAllEnvs()) so the default chain yields `keys` alone. */
export function isolateAws(keys: TestAwsKeys): void {
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_CODECOMMIT',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/slipway-test/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/slipway-test/aws-credentials');
  vi.stubEnv('AWS_ACCESS_KEY_ID', keys.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', keys.secretAccessKey);
}
