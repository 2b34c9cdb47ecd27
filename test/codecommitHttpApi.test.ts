// The HTTP face of the CodeCommit fake, driven by the real SDK client over 127.0.0.1: what a CLI in a child
// process sees when AWS_ENDPOINT_URL_CODECOMMIT points at it.

import {
  CodeCommitClient,
  GetFileCommand,
  ParentCommitIdOutdatedException,
  PutFileCommand,
} from '@aws-sdk/client-codecommit';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeCommitFake } from './support/codecommitFake.js';
import { type CodeCommitHttpApi, serveCodeCommitApi } from './support/codecommitHttpApi.js';

let api: CodeCommitHttpApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function client(url: string, accessKeyId = 'AKIDTEST') {
  return new CodeCommitClient({
    region: 'eu-west-1',
    endpoint: url,
    maxAttempts: 1,
    credentials: { accessKeyId, secretAccessKey: 'not-checked-here' },
  });
}

describe('serveCodeCommitApi', () => {
  it('carries bytes both ways in base64, and dates as the SDK parses them', async () => {
    const fake = new CodeCommitFake({ mock: false });
    const seen: unknown[] = [];
    fake.on('PutFile', (input) => {
      seen.push(input.fileContent);
      return { commitId: 'c'.repeat(40), blobId: 'b'.repeat(40), treeId: 't'.repeat(40) };
    });
    fake.on('GetFile', () => ({
      commitId: 'c'.repeat(40),
      blobId: 'b'.repeat(40),
      filePath: 'a.yaml',
      fileMode: 'NORMAL',
      fileSize: 3,
      fileContent: Buffer.from([0, 255, 10]),
    }));
    api = await serveCodeCommitApi(fake, { accessKeyId: 'AKIDTEST' });
    const sdk = client(api.url);
    await sdk.send(
      new PutFileCommand({
        repositoryName: 'r',
        branchName: 'env/dev',
        filePath: 'a.yaml',
        fileContent: Buffer.from('héllo\n'),
      }),
    );
    expect(Buffer.from(seen[0] as Uint8Array).toString('utf8')).toBe('héllo\n');
    const file = await sdk.send(new GetFileCommand({ repositoryName: 'r', filePath: 'a.yaml' }));
    expect([...(file.fileContent ?? [])]).toEqual([0, 255, 10]);
    expect(api.callers).toEqual(['AKIDTEST', 'AKIDTEST']);
  });

  it('answers a handler’s SDK exception as the SDK raises it, and refuses an unknown caller', async () => {
    const fake = new CodeCommitFake({ mock: false });
    fake.on('PutFile', () => {
      throw new ParentCommitIdOutdatedException({ message: 'moved', $metadata: {} });
    });
    fake.authorize = ({ references }) =>
      references.includes('refs/heads/main') ? 'explicit deny' : undefined;
    api = await serveCodeCommitApi(fake, { accessKeyId: 'AKIDTEST' });
    const put = (branchName: string) =>
      new PutFileCommand({ repositoryName: 'r', branchName, filePath: 'a', fileContent: Buffer.from('x') });
    await expect(client(api.url).send(put('env/dev'))).rejects.toBeInstanceOf(
      ParentCommitIdOutdatedException,
    );
    await expect(client(api.url).send(put('main'))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('codecommit:PutFile'),
    });
    await expect(client(api.url, 'AKIDOTHER').send(put('env/dev'))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });
});
