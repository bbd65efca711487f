/** The `beaconwatch` command: dispatch, and failures turned into messages and exit codes. */
import { readFileSync } from 'node:fs';
import { BeaconwatchError, UsageError } from '../errors.js';
import { compareCommand } from './compareCommand.js';
import { demoCommand } from './demoCommand.js';
import { explainCommand } from './explainCommand.js';
import { generateCommand } from './generateCommand.js';
import { reportCommand } from './reportCommand.js';
import { scanCommand } from './scanCommand.js';
import { USAGE } from './usage.js';
import { watchCommand } from './watchCommand.js';

const HELP = ['help', '--help', '-h'];

const COMMANDS: Readonly<Record<string, (args: readonly string[]) => Promise<void>>> = {
  scan: scanCommand,
  report: reportCommand,
  explain: explainCommand,
  demo: demoCommand,
  generate: generateCommand,
  watch: watchCommand,
  compare: compareCommand,
};

export async function main(argv: readonly string[]): Promise<number> {
  // A reader that stops early (`beaconwatch generate | head`) is not a failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      process.stderr.write(USAGE);
      return 2;
    }
    if (HELP.includes(command) || rest.some((a) => HELP.includes(a))) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command === '--version') {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (run === undefined) throw new UsageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see beaconwatch --help)`);
    await run(rest);
    return 0;
  } catch (err) {
    if (err instanceof BeaconwatchError) {
      process.stderr.write(`beaconwatch: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`beaconwatch: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
