// The config repo's web pages for a step's summary: the hosts a step knows of come from where it runs (the
// GitHub the run is on, the AWS region of a CodeCommit address that names none).

import { type ConfigRepoWebLinks, configRepoWebLinks } from '@slipway/gitops/access';
import type { StepContext } from './definition/step.js';

/** The pages of `configRepo` (GitHub, the CodeCommit console), or undefined where it has none. */
export function configRepoLinks(
  configRepo: string,
  context: Pick<StepContext, 'ci' | 'env'>,
): ConfigRepoWebLinks | undefined {
  const region = [context.env.AWS_REGION, context.env.AWS_DEFAULT_REGION].find(
    (value) => value !== undefined && value !== '',
  );
  return configRepoWebLinks(configRepo, {
    ...(context.ci.serverUrl === undefined ? {} : { githubServerUrl: context.ci.serverUrl }),
    ...(region === undefined ? {} : { awsRegion: region }),
  });
}
