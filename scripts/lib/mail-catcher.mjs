import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

// smtp-server is a development dependency of the API package, so it is resolved from there.
const requireFromApi = createRequire(path.join(repoRoot, 'apps', 'api', 'package.json'));

/**
 * Starts an SMTP server on 127.0.0.1:`port` that accepts every message without a login and
 * writes it, as it arrived, to `<folder>/<time>-<n>.eml`. Resolves with a function that
 * stops it. For the demo only: it keeps mail on this machine instead of delivering it.
 */
export async function startMailCatcher({ port, folder }) {
  const { SMTPServer } = requireFromApi('smtp-server');
  mkdirSync(folder, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        count += 1;
        const stamp = new Date().toISOString().replaceAll(':', '-');
        writeFileSync(path.join(folder, `${stamp}-${count}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return () => new Promise((resolve) => server.close(resolve));
}
