export {
  type CredentialsForOptions,
  EcrCredentials,
  type EcrCredentialsOptions,
  type EcrLogin,
  requireEcrHost,
} from './auth.js';
export { describeCredentialSource, type EcrClientOptions, EcrClients } from './clients.js';
export {
  awsErrorName,
  credentialsError,
  describeRegistry,
  type EcrCallContext,
  ecrCallError,
  isAccessDenied,
  NO_CREDENTIALS_FIX,
  notEcrHostError,
  tokenRejectedError,
} from './errors.js';
export { type EcrHost, type EcrPartition, isEcrPublicHost, parseEcrHost } from './host.js';
export {
  EcrRepositories,
  type EcrRepositoriesOptions,
  type EnsuredRepository,
  type EnsureRepositoryOptions,
  ImmutableTagError,
  isImmutableTag,
  type TagCheck,
  type TagMutability,
} from './repository.js';
