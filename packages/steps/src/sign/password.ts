/**
 * The variables a key's password is read from, as @slipway/sign's `PASSWORD_VARIABLES` (written out, not
 * imported, so that naming them in a step definition does not load the signing code).
 */
export const KEY_PASSWORD_VARIABLES = ['SLIPWAY_KEY_PASSWORD', 'COSIGN_PASSWORD'] as const;
