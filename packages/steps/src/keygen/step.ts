import { isAbsolute, join } from 'node:path';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import { KEY_PASSWORD_VARIABLES } from '../sign/password.js';

export interface KeygenResult {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly fingerprint: string;
  readonly passwordSource: string;
}

export const keygenStep = defineStep({
  name: 'keygen',
  title: 'Slipway keygen',
  description:
    'Generate a cosign-compatible key pair: <prefix>.key (encrypted with SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD) and <prefix>.pub.',
  branding: { icon: 'key', color: 'green' },
  cliOnly: true,
  secretEnv: KEY_PASSWORD_VARIABLES,
  inputs: {
    'output-prefix': input.stringWithDefault('Path prefix of the two files written.', 'cosign'),
    overwrite: input.boolean('Replace existing files.', false),
  },
  outputs: {
    'private-key': { description: 'Path of the encrypted private key (mode 0600).' },
    'public-key': { description: 'Path of the public key.' },
    'key-fingerprint': { description: 'SHA-256 of the public key (SPKI DER), hex.' },
  },
  prepare: (values, context) => {
    const prefix = isAbsolute(values['output-prefix'])
      ? values['output-prefix']
      : join(context.cwd, values['output-prefix']);
    return { prefix, overwrite: values.overwrite };
  },
  run: async (params, context): Promise<KeygenResult> => {
    const { keyPassword, writeKeyPair } = await import('@slipway/sign');
    const { password, source } = keyPassword({ env: context.env });
    if (password === '') {
      context.reporter.warning(
        'the private key is encrypted with an empty password: set SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD)',
      );
    }
    const written = await writeKeyPair({
      privateKeyPath: `${params.prefix}.key`,
      publicKeyPath: `${params.prefix}.pub`,
      password,
      overwrite: params.overwrite,
    });
    return { ...written, passwordSource: source };
  },
  outputValues: (r) => ({
    'private-key': r.privateKeyPath,
    'public-key': r.publicKeyPath,
    'key-fingerprint': r.fingerprint,
  }),
  json: (r) => ({ privateKey: r.privateKeyPath, publicKey: r.publicKeyPath, keyFingerprint: r.fingerprint }),
  summary: (r) =>
    `## Slipway keygen\n\nWrote \`${r.privateKeyPath}\` and \`${r.publicKeyPath}\` (fingerprint \`${r.fingerprint}\`).\n`,
  text: (r) =>
    `wrote ${r.privateKeyPath} (private, encrypted with ${r.passwordSource})\nwrote ${r.publicKeyPath}\nfingerprint ${r.fingerprint}\n`,
});
