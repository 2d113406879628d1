#!/usr/bin/env node
// Run after `npm install` changes package-lock.json. The registry these machines reach only holds
// the Linux x64 builds of platform-specific optional packages (e.g. @msgpackr-extract/*-darwin-arm64),
// so npm leaves the others out of the lockfile and `npm ci` then refuses it as out of sync. This
// records each missing optional package with the platform its name says, so `npm ci` skips it as
// incompatible on this platform (and installs it where it fits).
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;

const OS = [
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'android',
  'openbsd',
  'sunos',
  'aix',
  'netbsd',
  'openharmony',
  'wasm32',
];
const CPU = {
  arm64: 'arm64',
  aarch64: 'arm64',
  x64: 'x64',
  x86_64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  loong64: 'loong64',
  wasm32: 'wasm32',
  universal: null,
};

function platformOf(name) {
  const parts = name.toLowerCase().split(/[-/@]/);
  const os = OS.find((o) => parts.includes(o));
  const cpuKey = Object.keys(CPU).find(
    (c) => parts.includes(c) || parts.some((p) => p.startsWith(c)),
  );
  const entry = {};
  if (os && os !== 'wasm32') entry.os = [os];
  if (cpuKey && CPU[cpuKey]) entry.cpu = [CPU[cpuKey]];
  if (parts.includes('musl')) entry.libc = ['musl'];
  else if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
  return entry;
}

/** Where npm would look for `dep` required from the package at `from` (nearest node_modules up). */
function resolves(from, dep) {
  let base = from;
  for (;;) {
    if (pkgs[`${base ? `${base}/` : ''}node_modules/${dep}`]) return true;
    if (!base) return false;
    const i = base.lastIndexOf('node_modules/');
    base = i <= 0 ? '' : base.slice(0, i - 1);
  }
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolves(path, dep)) continue;
    const version = String(spec).replace(/^[\^~=]/, '');
    pkgs[`node_modules/${dep}`] = { version, optional: true, ...platformOf(dep) };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  `complete-lockfile: recorded ${added} optional package(s) this registry does not carry`,
);
