#!/usr/bin/env node
// The root `npm run demo` and `npm test`. Plain Node with no dependencies, because it runs
// before `pnpm install` and is what installs them.
import { runDemo } from './lib/demo-command.mjs';
import { runTests } from './lib/test-command.mjs';

const COMMANDS = { demo: runDemo, test: runTests };

const [name] = process.argv.slice(2);
const command = COMMANDS[name];
if (command === undefined) {
  console.error('Usage: node scripts/duly-dev.mjs demo|test');
  process.exit(2);
}

try {
  process.exitCode = await command();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
