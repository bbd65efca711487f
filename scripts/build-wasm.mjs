#!/usr/bin/env node
// Builds the WebAssembly engine (crates/beaconwatch-wasm) into
// wasm/beaconwatch.wasm with whichever Rust toolchain has the
// wasm32-unknown-unknown standard library: rustup's, when a user has added
// the target, or Debian's rustc with libstd-rust-dev-wasm32. When neither
// has it, a root user on Debian gets Debian's toolchain installed; anyone
// else is told exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = 'wasm32-unknown-unknown';
const debianPackages = ['rustc', 'cargo', 'libstd-rust-dev-wasm32'];

/** The sysroot of a rustc, or undefined when it does not run. */
function sysroot(rustc) {
  try {
    return execFileSync(rustc, ['--print', 'sysroot'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function hasWasmStd(rustc) {
  const dir = sysroot(rustc);
  return dir !== undefined && existsSync(join(dir, 'lib', 'rustlib', target, 'lib'));
}

/** A toolchain that can build for wasm32: its cargo and the rustc it must use. */
function findToolchain() {
  if (hasWasmStd('rustc')) return { name: 'rustc on PATH', cargo: 'cargo', rustc: 'rustc' };
  if (existsSync('/usr/bin/cargo') && hasWasmStd('/usr/bin/rustc')) {
    return { name: "Debian's rustc", cargo: '/usr/bin/cargo', rustc: '/usr/bin/rustc' };
  }
  return undefined;
}

function installDebianToolchain() {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.error(`build-wasm: no Rust with the ${target} target; installing Debian's (${debianPackages.join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...debianPackages]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) return false;
  }
  return true;
}

let toolchain = findToolchain();
if (!toolchain && installDebianToolchain()) toolchain = findToolchain();
if (!toolchain) {
  console.error(
    [
      `build-wasm: no Rust toolchain here can build for ${target}. Install one of:`,
      `  - Debian/Ubuntu: sudo apt-get install -y ${debianPackages.join(' ')}`,
      `  - rustup:        rustup target add ${target}`,
      'then run `npm run build:wasm` again.',
    ].join('\n'),
  );
  process.exit(1);
}

console.error(`build-wasm: building with ${toolchain.name}`);
const build = spawnSync(
  toolchain.cargo,
  ['build', '--release', '--locked', '--target', target, '-p', 'beaconwatch-wasm'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, RUSTC: toolchain.rustc } },
);
if (build.status !== 0) {
  console.error(`build-wasm: cargo failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}

// Copy, then rename: a reader never sees a half-written module.
const built = join(root, 'target', target, 'release', 'beaconwatch_wasm.wasm');
const outDir = join(root, 'wasm');
mkdirSync(outDir, { recursive: true });
const partial = join(outDir, `beaconwatch.wasm.${process.pid}.tmp`);
copyFileSync(built, partial);
renameSync(partial, join(outDir, 'beaconwatch.wasm'));
console.error('build-wasm: wrote wasm/beaconwatch.wasm');
