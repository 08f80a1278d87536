// SQLite's connection settings hold on every connection the driver opens: @libsql/client opens a
// new one after each transaction, and PRAGMAs belong to a connection.
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';

const pragma = async (server: TestServer, name: string) => {
  const [row] = await server.service.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Number(Object.values(row!)[0]);
};

describe('the SQLite connection', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps synchronous=NORMAL and foreign keys on after transactions, each of which opens a new connection', async () => {
    server = await startServer('sqlite');
    const settings = async () => ({ synchronous: await pragma(server!, 'synchronous'), foreignKeys: await pragma(server!, 'foreign_keys') });
    const expected = { synchronous: 1, foreignKeys: 1 };
    expect(await settings()).toEqual(expected);
    // Creating an API key writes the key and its secret in one transaction; rotating it is another.
    const key = await server.createApiKey('Transactions');
    expect(await settings()).toEqual(expected);
    const rotated = await server.service.services.apiKeys.rotate(key.api_key);
    expect(await settings()).toEqual(expected);
    const { response } = await server.client({ apiKey: key.api_key, apiSecret: rotated.api_secret }).createDeveloperToken({ amount: 1, email: 'after@example.com' });
    expect(response.status).toBe(200);
    expect(await settings()).toEqual(expected);
  });

  it('keeps SQLITE_SYNCHRONOUS=full on every connection too', async () => {
    server = await startServer('sqlite', { SQLITE_SYNCHRONOUS: 'full' });
    expect(await pragma(server, 'synchronous')).toBe(2);
    await server.createApiKey('Transactions');
    expect(await pragma(server, 'synchronous')).toBe(2);
  });
});
