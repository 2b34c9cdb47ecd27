import { checkRunUrl, checkSourceCommit } from '@slipway/gitops/access';
import { input } from '../definition/inputs.js';

export const promoteInputs = {
  'config-repo': input.requiredString(
    'Config repo to promote in: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
    { env: ['SLIPWAY_CONFIG_REPO'], credentialsInUrl: true },
  ),
  env: input.list('Environment(s) to promote to; each is its own branch and commit, pushed atomically.', {
    required: true,
  }),
  image: input.list(
    'Image(s) to set: repo:tag, repo@sha256:… or repo:tag@sha256:… (a tag alone is resolved to its digest through the registry); with `from`, the repository alone.',
    { required: true },
  ),
  from: input.string('Take each image’s tag and digest from what this environment pins right now.'),
  path: input.string(
    'Folder inside the environment branch to search (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
  ),
  'branch-template': input.string(
    'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
  ),
  pin: input.oneOf('How references are written.', ['tag+digest', 'digest', 'tag'] as const, 'tag+digest'),
  'values-path': input.list(
    'Extra YAML paths that hold the image, tag or digest: [<image repo>=][<file>:]<dotted.path>, e.g. values.yaml:app.image.tag.',
  ),
  'image-policy': input.list(
    'Flux ImagePolicy whose $imagepolicy markers hold a promoted image: <namespace>:<name>[=<image repo>] (the repo may be left out when one image is promoted). For markers whose ImagePolicy is not on the branch, as after moving from Flux image automation.',
  ),
  'create-branch': input.boolean('Create a missing environment branch from the default branch.', false),
  'dry-run': input.boolean('Print the diff; commit and push nothing.', false),
  token: input.string(
    'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
    { secret: true, env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'] },
  ),
  'token-username': input.stringWithDefault('User name that goes with the token.', 'x-access-token'),
  author: input.string(
    'Commit author, "Name <email>" (default: github-actions[bot] on GitHub, else Slipway <slipway@localhost>).',
  ),
  committer: input.string('Commit committer, "Name <email>" (default: the author).'),
  'source-commit': input.checkedString(
    'App repo commit that built the images, 7 to 64 hex digits (default: from the CI context).',
    checkSourceCommit,
  ),
  'run-url': input.checkedString(
    'URL of the CI run (http or https, one line), for the Slipway-Run trailer (default: from the CI context).',
    checkRunUrl,
  ),
  'max-attempts': input.integer('Push attempts when other pipelines move the branch at the same time.', 30, {
    min: 1,
    max: 100,
  }),
  'policy-ref': input.string(
    'Branch of the config repo holding .slipway.yaml (default: its default branch). The policy, when present, decides each environment’s branch and path, its promoteFrom order and the signatures it requires.',
  ),
  force: input.boolean(
    'Promote a digest that the previous environment (promoteFrom) does not run, where the policy allows it (allowForce).',
    false,
  ),
  'override-pin': input.boolean(
    'Promote images the environment pins (.slipway/pins.yaml, written by `slipway rollback`); the pins stay. Refused where the policy’s pins.override does not allow it.',
    false,
  ),
  mode: input.optionalOneOf(
    'push (the default): commit straight to each environment branch. pull-request: push the commit to a Slipway branch (slipway/promote/<env>/<images>) and open or update one pull request per environment into its branch. An environment whose .slipway.yaml policy says mode: pull-request always gets a pull request (with --mode push, a warning says so).',
    ['push', 'pull-request'] as const,
  ),
  via: input.oneOf(
    'git: fetch and push with git. github-api: no clone; read and commit through the GitHub REST API (GitHub signs the commits; needs the config repo on GitHub and a token). codecommit-api: no clone; read and commit through the AWS CodeCommit API (CreateCommit; needs the config repo on CodeCommit and AWS credentials).',
    ['git', 'github-api', 'codecommit-api'] as const,
    'git',
  ),
  'pr-label': input.list(
    'Labels of the pull requests ({env} stands for the environment). Default: slipway, promotion, env:{env}. CodeCommit has no labels: there they are written as the last line of the description.',
  ),
  'auto-merge': input.string(
    'Enable auto-merge on the pull requests with this method: merge, squash or rebase (default: off). GitHub only: refused for a CodeCommit config repo, whose approval rules gate the merge.',
  ),
  'github-api-url': input.string(
    'GitHub API of the config repo, e.g. https://ghe.example.com/api/v3 (default: derived from the config repo URL, or GITHUB_API_URL on the same host).',
  ),
  wait: input.boolean(
    'After pushing, wait until the pull-based agent (Flux, Argo CD) reports each promotion commit deployed, through its GitHub commit statuses (as `slipway wait`).',
    false,
  ),
  'wait-timeout': input.stringWithDefault('How long `wait` waits: 90s, 15m, 1h.', '15m'),
  'wait-interval': input.stringWithDefault('How often `wait` reads the statuses.', '10s'),
  'wait-context': input.list(
    'Status contexts `wait` waits for (prefixes, e.g. kustomization/apps); default: all.',
  ),
  'insecure-registry': input.list(
    'Registries to reach over plain HTTP when resolving tags (localhost always is).',
  ),
};
