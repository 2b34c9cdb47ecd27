// The ECR clients Slipway creates carry HTTP timeouts of ours: the SDK's own default is none.

import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../../../test/support/registry.js';
import { parseEcrHost } from '../src/host.js';
import { EcrClients } from '../src/index.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

describe('ECR API clients', () => {
  it('connect within 10 s and give up a request silent for 60 s', async () => {
    // An endpoint that refuses at once: the request goes through the client's own HTTP handler.
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.1' });
      response.end('{"__type": "InvalidParameterException", "message": "no"}');
    });
    servers.push(server);
    const clients = new EcrClients({
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
      clientConfig: { endpoint: server.url },
    });
    const host = parseEcrHost('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    if (host === undefined) throw new Error('not an ECR host');
    const client = clients.clientFor(host);
    try {
      await expect(client.send(new DescribeRepositoriesCommand({}))).rejects.toThrow('no');
      const handler = client.config.requestHandler as unknown as {
        httpHandlerConfigs(): Record<string, unknown>;
      };
      expect(handler.httpHandlerConfigs()).toMatchObject({
        connectionTimeout: 10_000,
        requestTimeout: 60_000,
      });
    } finally {
      clients.destroy();
    }
  });
});
