// What the browser tests share: a copy of the conflict pack and the
// example articles in a temporary folder, `evrule serve` on a free
// loopback port, and Debian's Chromium driven by playwright-core.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The evrule binary: $EVRULE_BIN, else the release build, else the debug build. */
export function evruleBinary() {
  if (process.env.EVRULE_BIN) return process.env.EVRULE_BIN;
  for (const profile of ['release', 'debug']) {
    const candidate = path.join(repo, 'target', profile, 'evrule');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('no evrule binary: run `cargo build --release` first (or set EVRULE_BIN)');
}

/** A temporary folder holding `pack/` (the conflict pack) and `examples/`. */
export function copyConflictPack() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evrule-serve-e2e-'));
  fs.cpSync(path.join(repo, 'rules/conflict'), path.join(dir, 'pack'), { recursive: true });
  fs.cpSync(path.join(repo, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

/** The snapshot file of a document id in a pack, whatever its naming scheme adds. */
export function snapshotFile(pack, docId) {
  const slug = docId.replaceAll('/', '~');
  const folder = path.join(pack, '__snapshots__');
  const name = fs.readdirSync(folder).find((n) => n.startsWith(slug) && n.endsWith('.snap'));
  return name ? path.join(folder, name) : null;
}

/** Starts `evrule serve` on port 0 in `cwd`; resolves once it prints its URL. */
export function startServer(cwd, args) {
  const child = spawn(evruleBinary(), ['serve', ...args, '--port', '0'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`evrule serve printed no URL in 30 s: ${stderr}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const found = stdout.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`evrule serve exited (${code}): ${stderr}`));
    });
  });
  return { child, url, stop: () => child.kill('SIGTERM') };
}

/** Headless Chromium with a fresh profile and no background network traffic. */
export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'evrule-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1600, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
