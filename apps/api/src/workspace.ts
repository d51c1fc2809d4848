import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Returns the folder of the Duly checkout (the one with `pnpm-workspace.yaml`) above
 * `from`, so that `.duly/` is the same folder whichever package a command runs in.
 * Falls back to `from` outside a checkout.
 */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}
