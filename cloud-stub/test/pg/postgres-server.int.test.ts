// The PostgreSQL the tests start themselves: a fresh cluster on a free port (as the postgres system
// user when the tests run as root), a database created in it, data that survives a restart of the
// server on the same port, and nothing left running after close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PostgresServer } from '../providers/postgres-server.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await PostgresServer.start();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function query(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describe('the tests’ own PostgreSQL', () => {
  it('creates a database, keeps its rows through a restart, and is gone after close', async () => {
    const url = await server.createDatabase('smoke');
    await query(url, 'CREATE TABLE t (id bigserial PRIMARY KEY, fen bigint NOT NULL)');
    await query(url, 'INSERT INTO t (fen) VALUES ($1), ($2)', [100, 250]);
    await server.restart();
    expect(await query(url, 'SELECT sum(fen)::int AS total, current_user AS who FROM t')).toEqual([{ total: 350, who: 'pilegate' }]);
    const other = await PostgresServer.start();
    const port = other.port;
    await other.close();
    await expect(query(`postgres://pilegate@127.0.0.1:${port}/postgres`, 'SELECT 1')).rejects.toThrow();
  }, 120_000);
});
