#!/usr/bin/env node
// The `beaconwatch` command. The TypeScript is compiled by `npm install`
// (its `prepare` step); say so plainly when it has not been.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('beaconwatch: not built yet: run `npm install` (or `npm run build`) in the beaconwatch directory\n');
  process.exit(4);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
