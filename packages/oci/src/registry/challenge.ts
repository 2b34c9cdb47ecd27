// `WWW-Authenticate` parsing (RFC 7235): `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.

export interface AuthChallenge {
  /** Lowercased: `bearer`, `basic`, … */
  readonly scheme: string;
  /** Parameter names lowercased; values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

/** Every challenge in a `WWW-Authenticate` value, in order. Unparseable text yields fewer challenges, never a throw. */
export function parseChallenges(header: string): AuthChallenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let i = 0;
  const n = header.length;
  const skip = (chars: RegExp) => {
    while (i < n && chars.test(header[i] ?? '')) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < n && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header[i] ?? '')) i++;
    return header.slice(start, i);
  };

  while (i < n) {
    skip(/[\s,]/);
    const word = token();
    if (word === '') {
      i++;
      continue;
    }
    skip(/\s/);
    const current = challenges.at(-1);
    if (header[i] === '=' && current !== undefined && header[i + 1] !== '=') {
      // `name=value` belongs to the challenge before it.
      i++;
      skip(/\s/);
      current.params[word.toLowerCase()] = header[i] === '"' ? quoted() : token();
      continue;
    }
    // A new scheme. (A token68 credential after it, rare in challenges, is skipped.)
    challenges.push({ scheme: word.toLowerCase(), params: {} });
    if (/[A-Za-z0-9._~+/-]/.test(header[i] ?? '')) {
      const save = i;
      token();
      skip(/=/);
      skip(/\s/);
      if (i < n && header[i] !== ',') i = save;
    }
  }
  return challenges;

  function quoted(): string {
    i++; // opening quote
    let value = '';
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++; // closing quote
    return value;
  }
}

/** The challenge to answer: Bearer when offered (it scopes access), else Basic. */
export function pickChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer' && c.params.realm !== undefined) ??
    challenges.find((c) => c.scheme === 'basic')
  );
}
