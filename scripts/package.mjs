#!/usr/bin/env node
// npm run package: a portable release. Zips the production build in dist/ (which
// `npm run package` makes first) as parallax-<version>.zip, one folder inside with
// the app and a short README: copy it to any machine, serve the folder with any
// static web server, open it in a browser. No Node, no network.
//
// Options: --out=DIR (where the zip goes; default: the project's root).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** @param {string} name */
function option(name) {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** @returns {{ version: string }} */
function packageJson() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

/**
 * Every file under `dir`, as paths relative to it with `/` separators.
 * @param {string} dir
 * @returns {string[]}
 */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

/** @param {string} folder */
function readme(folder) {
  return `Parallax ${folder.replace(/^parallax-/, '')}
${'='.repeat(folder.length)}

See misperception before it becomes miscalculation: intended vs perceived
resolve, per dyad, in the browser. Nothing is sent anywhere.

Run it
------
Serve this folder with any static web server and open the address it gives.
Opening index.html straight from disk does not work: browsers run an app's
modules only when a server delivers them. With Python 3 (no Node needed):

    cd ${folder}
    python3 -m http.server 8000 --bind 127.0.0.1

then open http://localhost:8000/ in Chromium, Chrome, Edge or Firefox.
Any path works too (http://intranet.example/tools/parallax/), on nginx,
Apache, IIS or any other static server: see DEPLOY.md beside this file.

Where your data lives
---------------------
In the browser, for the exact address you opened (scheme, host and port):
http://localhost:8000 and http://127.0.0.1:8000 are two different, separate
stores. Always open Parallax at the same address, and use Data > Export JSON
for backups and to move data between browsers or machines.

Offline
-------
After the first visit the browser keeps a copy of the app: it starts with the
network off and the server stopped. This needs https, or localhost. Served
over plain http from another host, Parallax works, but online only.
`;
}

const version = packageJson().version;
const folder = `parallax-${version}`;
if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'sw.js'))) {
  console.error('dist/ holds no complete build: run `npm run package`, which builds first.');
  process.exit(1);
}

/** @type {Record<string, Uint8Array>} */
const entries = {};
for (const path of filesUnder(DIST)) entries[`${folder}/${path}`] = readFileSync(join(DIST, path));
entries[`${folder}/README.txt`] = strToU8(readme(folder));
// How to serve it, and the headers to send (DEPLOY.md links to SECURITY.md beside it).
for (const doc of ['DEPLOY.md', 'SECURITY.md']) {
  const path = join(ROOT, 'docs', doc);
  if (existsSync(path)) entries[`${folder}/${doc}`] = readFileSync(path);
}

const outDir = resolve(option('out') ?? ROOT);
const zipPath = join(outDir, `${folder}.zip`);
writeFileSync(zipPath, zipSync(entries, { level: 9 }));
const kb = (statSync(zipPath).size / 1024).toFixed(0);
console.log(`${relative(process.cwd(), zipPath) || zipPath}: ${Object.keys(entries).length} files, ${kb} KB`);
