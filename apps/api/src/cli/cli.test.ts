import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { referenceLedgerPath } from '../ledger-import/reference-ledger.js';

/** The built CLI, as `pnpm duly` runs it: these tests check what ships. */
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const databaseUrl = inject('databaseUrl');
const db = connectDatabase(databaseUrl, { max: 1 });

afterAll(() => db.destroy());

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `duly` as a child process on the test database, with the clock at `DULY_NOW`. */
function duly(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} does not exist; build it with \`pnpm --filter @duly/api build\`.`);
  }
});

describe('duly vendor create and import-ledger', () => {
  let vendor: Record<string, unknown>;
  let created: CliRun;
  let imported: CliRun;

  beforeAll(async () => {
    created = await duly([
      'vendor',
      'create',
      '--name',
      'Acme Supplies',
      '--allowed-origin',
      'http://localhost:4210',
      '--time-zone',
      'America/Chicago',
      '--email',
      'billing@acme.example',
      '--address-line',
      '100 Main Street',
      '--address-line',
      'Springfield, IL 62701',
    ]);
    vendor = JSON.parse(created.stdout);
    imported = await duly(
      [
        'import-ledger',
        referenceLedgerPath(),
        '--vendor',
        String(vendor.id),
        '--as-of',
        '2013-11-30',
      ],
      { DULY_NOW: '2013-11-30T18:00:00Z' },
    );
  });

  it('vendor create prints the vendor as JSON', () => {
    expect(created.status).toBe(0);
    expect(created.stderr).toBe('');
    expect(Object.keys(vendor)).toEqual([
      'id',
      'name',
      'secret_key',
      'allowed_origins',
      'time_zone',
    ]);
    expect(vendor).toMatchObject({
      name: 'Acme Supplies',
      allowed_origins: ['http://localhost:4210'],
      time_zone: 'America/Chicago',
    });
    expect(vendor.id).toMatch(/^ven_/);
    expect(vendor.secret_key).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
  });

  it('vendor create stores the vendor', async () => {
    const row = await db
      .selectFrom('vendor')
      .select(['name', 'time_zone', 'email', 'address_lines', 'payment_provider'])
      .where('id', '=', String(vendor.id))
      .executeTakeFirst();

    expect(row).toEqual({
      name: 'Acme Supplies',
      time_zone: 'America/Chicago',
      email: 'billing@acme.example',
      address_lines: ['100 Main Street', 'Springfield, IL 62701'],
      payment_provider: 'sandbox',
    });
  });

  it('import-ledger prints its summary and exits 0', () => {
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      vendor: vendor.id,
      as_of: '2013-11-30',
      shift_days: 0,
      invoices: 2457,
      open: 79,
      paid: 2378,
      overdue: 8,
      skipped: 0,
    });
  });

  it('import-ledger writes the invoices', async () => {
    const { rows } = await sql<{ open: string; all: string }>`
      SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) AS all
      FROM invoice WHERE vendor_id = ${String(vendor.id)}
    `.execute(db);

    expect(rows[0]).toEqual({ open: '79', all: '2457' });
  });

  it('import-ledger run again skips every invoice', async () => {
    const again = await duly(
      [
        'import-ledger',
        referenceLedgerPath(),
        '--vendor',
        String(vendor.id),
        '--as-of',
        '2013-11-30',
      ],
      { DULY_NOW: '2013-11-30T18:00:00Z' },
    );

    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ invoices: 0, skipped: 2457 });
  });

  it('import-ledger with another as-of date exits 1', async () => {
    const other = await duly([
      'import-ledger',
      referenceLedgerPath(),
      '--vendor',
      String(vendor.id),
      '--as-of',
      '2013-12-31',
    ]);

    expect(other.status).toBe(1);
    expect(other.stdout).toBe('');
    expect(other.stderr).toMatch(
      /^duly: Vendor ven_\w+ already has a ledger imported as of 2013-11-30/,
    );
  });
});

describe('duly command line errors', () => {
  it('unknown option exits 2 naming it', async () => {
    const run = await duly(['vendor', 'create', '--name', 'Acme', '--colour', 'red']);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'duly: unknown option --colour. Usage: duly vendor create --name NAME [--allowed-origin URL]... [--time-zone TZ] [--payment-provider sandbox|stripe] [--email EMAIL] [--address-line LINE]...\n',
    );
  });

  it('unknown payment provider exits 2 naming the choices', async () => {
    const run = await duly(['vendor', 'create', '--name', 'Acme', '--payment-provider', 'paypal']);

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^duly: invalid --payment-provider: "paypal" is not a payment provider; expected one of sandbox, stripe\./,
    );
  });

  it('option without its value exits 2', async () => {
    const run = await duly(['import-ledger', 'ledger.csv', '--as-of', '2013-11-30', '--vendor']);

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'duly: option --vendor is missing its value. Usage: duly import-ledger FILE --vendor ID --as-of YYYY-MM-DD [--shift-to-today]\n',
    );
  });

  it('missing required option exits 2', async () => {
    const run = await duly(['import-ledger', 'ledger.csv', '--vendor', 'ven_x']);

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^duly: missing option --as-of\. Usage: duly import-ledger FILE/);
  });

  it('as-of that is not a date exits 2', async () => {
    const run = await duly([
      'import-ledger',
      'x.csv',
      '--vendor',
      'ven_x',
      '--as-of',
      '30/11/2013',
    ]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('option --as-of must be a real date written YYYY-MM-DD');
  });

  it('unknown command exits 2', async () => {
    const run = await duly(['vendors']);

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^duly: unknown command "vendors"\./);
  });

  it('unknown vendor exits 1 without a stack trace', async () => {
    const run = await duly([
      'import-ledger',
      referenceLedgerPath(),
      '--vendor',
      'ven_doesnotexist',
      '--as-of',
      '2013-11-30',
    ]);

    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'duly: No vendor has the id "ven_doesnotexist"; create one with `duly vendor create --name NAME`.\n',
    );
  });

  it('bad ledger line exits 1 with its line number', async () => {
    const [header, first, second] = readFileSync(referenceLedgerPath(), 'utf8').split('\r\n');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'duly-cli-')), 'ledger.csv');
    writeFileSync(file, [header, first, second?.replace(',55.37,', ',-55.37,')].join('\r\n'));

    const run = await duly(['import-ledger', file, '--vendor', 'ven_x', '--as-of', '2013-11-30']);
    rmSync(path.dirname(file), { recursive: true });

    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'duly: The ledger file has 1 bad line, so nothing was imported:\n' +
        '  line 3: InvoiceAmount "-55.37" is negative; invoice amounts must be 0 or more\n',
    );
  });

  it('help prints the commands and exits 0', async () => {
    const run = await duly(['help']);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('duly vendor create --name NAME');
    expect(run.stdout).toContain('duly import-ledger FILE --vendor ID --as-of YYYY-MM-DD');
  });
});
