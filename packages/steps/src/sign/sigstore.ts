/**
 * The variables holding bearer credentials for keyless signing, as @slipway/sign's
 * `IDENTITY_TOKEN_SECRET_VARIABLES` (written out, not imported, so that naming them in a step definition
 * does not load the signing code).
 */
export const IDENTITY_TOKEN_VARIABLES = ['SIGSTORE_ID_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

/** A SigningConfig is a few KiB; a larger file is not one. */
export const MAX_SIGNING_CONFIG_BYTES = 1024 * 1024;

/** SLSA provenance v1's predicate type, as @slipway/sign's (written out, not imported, for the same reason). */
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
