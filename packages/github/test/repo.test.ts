import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { repoFromUrl } from '../src/index.js';

const noEnv = { env: {} };

describe('repoFromUrl', () => {
  it.each([
    ['https://github.com/acme/config', 'acme', 'config'],
    ['https://github.com/acme/config.git', 'acme', 'config'],
    ['https://github.com/acme/config/', 'acme', 'config'],
    ['https://x-access-token:abc@github.com/acme/config.git', 'acme', 'config'],
    ['git@github.com:acme/config.git', 'acme', 'config'],
    ['git@github.com:acme/config', 'acme', 'config'],
    ['ssh://git@github.com/acme/config.git', 'acme', 'config'],
    ['github.com/acme/config', 'acme', 'config'],
    ['acme/config', 'acme', 'config'],
    ['acme/my.config.git', 'acme', 'my.config'],
  ])('reads %s on github.com', (url, owner, repo) => {
    expect(repoFromUrl(url, noEnv)).toEqual({
      owner,
      repo,
      host: 'github.com',
      apiUrl: 'https://api.github.com',
    });
  });

  it('derives the API of GitHub Enterprise Server and GHE.com hosts', () => {
    expect(repoFromUrl('https://ghe.example.com/acme/config', noEnv)).toEqual({
      owner: 'acme',
      repo: 'config',
      host: 'ghe.example.com',
      apiUrl: 'https://ghe.example.com/api/v3',
    });
    expect(repoFromUrl('git@ghe.example.com:acme/config.git', noEnv).apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(repoFromUrl('ssh://git@ghe.example.com:2222/acme/config', noEnv).apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(repoFromUrl('http://ghe.local:8080/acme/config', noEnv).apiUrl).toBe(
      'http://ghe.local:8080/api/v3',
    );
    expect(repoFromUrl('https://octo.ghe.com/acme/config', noEnv).apiUrl).toBe('https://api.octo.ghe.com');
  });

  it('takes the API URL from options, or from GITHUB_API_URL for the runner’s own server', () => {
    expect(repoFromUrl('acme/config', { apiUrl: 'http://127.0.0.1:9/', env: {} }).apiUrl).toBe(
      'http://127.0.0.1:9',
    );
    expect(repoFromUrl('acme/config', { env: { GITHUB_API_URL: 'http://127.0.0.1:9' } }).apiUrl).toBe(
      'http://127.0.0.1:9',
    );
    const ghesRunner = {
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
    };
    expect(repoFromUrl('acme/config', { env: ghesRunner })).toMatchObject({
      host: 'ghe.example.com',
      apiUrl: 'https://ghe.example.com/api/v3',
    });
    expect(repoFromUrl('https://ghe.example.com/acme/config', { env: ghesRunner }).apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    // A github.com repository from a GHES runner keeps github.com's API.
    expect(repoFromUrl('https://github.com/acme/config', { env: ghesRunner }).apiUrl).toBe(
      'https://api.github.com',
    );
  });

  it('rejects what is not a repository URL, without echoing credentials', () => {
    for (const url of [
      '',
      'acme',
      'https://github.com/acme',
      'https://github.com/acme/config/tree/main',
      'ftp://github.com/a/b',
      'a b/c',
    ]) {
      expect(() => repoFromUrl(url, noEnv), url).toThrow(SlipwayError);
    }
    try {
      repoFromUrl('https://user:hunter2@github.com/acme', noEnv);
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});
