// The short-lived git credential CodeCommit accepts from an IAM identity, derived as the AWS CLI's
// `git credential-helper` and git-remote-codecommit derive it: the user name is the access key id (with
// `%<session token>` for temporary credentials) and the password `<YYYYMMDDTHHMMSS>Z<signature>`, a SigV4
// signature (service `codecommit`) over the canonical request `GIT <path>` with the `host` header alone and
// an empty payload hash. The canonical request, the string to sign, the signing key and the HMAC all come
// from the AWS SDK's own signer (@smithy/signature-v4); only the request's shape is ours.

// The signer is loaded on first use: `@slipway/codecommit` is imported by every git step, most of which never
// talk to CodeCommit.

/** AWS credentials as the SDK's providers return them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
}

/** What git sends in `Authorization: Basic`. */
export interface GitCredential {
  readonly username: string;
  readonly password: string;
  /** When the AWS credentials behind it expire (undefined: long-lived keys). */
  readonly expiresAt: Date | undefined;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'codecommit';

/** The git credential for `url` (a CodeCommit HTTPS repository URL) in `region`, signed at `now`. */
export async function codeCommitGitCredential(options: {
  readonly url: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  readonly now?: Date;
}): Promise<GitCredential> {
  const { credentials, region } = options;
  const date = options.now ?? new Date();
  const timestamp = date.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const { Sha256 } = await import('@smithy/core/checksum');
  const { SignatureV4 } = await import('@smithy/signature-v4');
  class GitRequestSigner extends SignatureV4 {
    /** The signature of `GIT <path>` to `host` at `timestamp` (`YYYYMMDDTHHMMSS`, as the CLI writes it). */
    async signGit(url: URL, region: string, date: Date, timestamp: string): Promise<string> {
      const canonical = this.createCanonicalRequest(
        {
          method: 'GIT',
          protocol: url.protocol,
          hostname: url.hostname,
          path: url.pathname,
          query: {},
          headers: {},
        },
        // The port is not signed: CodeCommit (and a VPC endpoint) signs the host name alone.
        { host: url.hostname },
        '',
      );
      const scope = `${timestamp.slice(0, 8)}/${region}/${SERVICE}/aws4_request`;
      const stringToSign = await this.createStringToSign(timestamp, scope, canonical, ALGORITHM);
      return this.sign(stringToSign, { signingDate: date, signingRegion: region, signingService: SERVICE });
    }
  }
  const signer = new GitRequestSigner({
    service: SERVICE,
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    },
    sha256: Sha256,
    uriEscapePath: false,
  });
  const signature = await signer.signGit(new URL(options.url), region, date, timestamp);
  const session = credentials.sessionToken;
  return {
    username:
      session === undefined || session === ''
        ? credentials.accessKeyId
        : `${credentials.accessKeyId}%${session}`,
    password: `${timestamp}Z${signature}`,
    expiresAt: credentials.expiration,
  };
}
