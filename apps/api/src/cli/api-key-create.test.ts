import type { ApiKey } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app.js';
import { ManualClock } from '../clock.js';
import { connectDatabase } from '../db/index.js';
import { silentLogger } from '../http/logger.js';
import { type CreatedVendor, createVendor } from '../vendors/index.js';
import { runCli } from './run.js';

const databaseUrl = inject('databaseUrl');
const db = connectDatabase(databaseUrl, { max: 2 });
const clock = new ManualClock('2026-06-01T09:00:00Z');
const app = createApp({ db, clock, publicUrl: 'http://127.0.0.1:4602', logger: silentLogger });
let vendor: CreatedVendor;

beforeAll(async () => {
  vendor = await createVendor(db, clock, { name: 'Key Issue Vendor' });
});
afterAll(() => db.destroy());

/** Runs one `duly` command line in this process and returns its status and output. */
async function duly(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    env: { DATABASE_URL: databaseUrl, DULY_NOW: '2026-06-01T09:00:00Z' },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

describe('duly api-key create', () => {
  it('issues a working live key', async () => {
    const run = await duly(['api-key', 'create', '--vendor', vendor.id, '--live']);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const key = JSON.parse(run.stdout) as ApiKey & { secret_key: string };
    expect(key).toMatchObject({
      object: 'api_key',
      livemode: true,
      status: 'active',
    });
    // DULY_NOW starts the command's clock, which then runs.
    expect(key.created_at).toMatch(/^2026-06-01T09:00:0\d\.\d{3}Z$/);
    expect(key.secret_key).toMatch(/^sk_live_[0-9A-Za-z]{32}$/);

    const listed = await app.request('/v1/api_keys', {
      headers: { Authorization: `Bearer ${key.secret_key}` },
    });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { data: ApiKey[] };
    expect(body.data.map((row) => [row.id, row.livemode])).toEqual([[key.id, true]]);
  });

  it('rejects an unknown vendor', async () => {
    const run = await duly(['api-key', 'create', '--vendor', 'ven_unknown']);

    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'duly: No vendor with id ven_unknown exists; create one with `duly vendor create`.\n',
    );
  });

  it('requires the vendor option', async () => {
    const run = await duly(['api-key', 'create']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing option --vendor');
  });
});
