#!/usr/bin/env node
// Bootstrap helper, used only before the first landing: rewrites the `--! Previous` / `--! Hash`
// headers of migrations/committed/*.sql so that they form graphile-migrate's hash chain, in
// file-name order. After migrations have landed, use `graphile-migrate commit` and never edit a
// committed file (graphile-migrate refuses a changed hash).
// Usage: node scripts/rechain-migrations.mjs [--check]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../migrations/committed/', import.meta.url).pathname;
const check = process.argv.includes('--check');
const hash = (body, prev) =>
  'sha1:' + createHash('sha1').update(((prev || '') + '\n' + body.trim()).trim() + '\n').digest('hex');

let prev = null;
let changed = 0;
for (const file of readdirSync(dir).filter((f) => /^\d{6}(-[-_a-zA-Z0-9]*)?\.sql$/.test(f)).sort()) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const headers = [];
  let i = 0;
  while (i < lines.length && /^--! [A-Z]/.test(lines[i])) headers.push(lines[i++]);
  while (i < lines.length && lines[i] === '') i++;
  const body = lines.slice(i).join('\n').trim() + '\n';
  const other = headers.filter((h) => !/^--! (Previous|Hash):/.test(h));
  if (!other.some((h) => h.startsWith('--! Message:'))) {
    other.unshift(`--! Message: ${file.replace(/^\d+-?/, '').replace(/\.sql$/, '').replace(/[-_]/g, ' ')}`);
  }
  const h = hash(body, prev);
  const next = [`--! Previous: ${prev ?? '-'}`, `--! Hash: ${h}`, ...other, '', body].join('\n');
  if (next !== text) {
    changed++;
    if (check) console.error(`stale header: ${file}`);
    else {
      chmodSync(path, 0o644);
      writeFileSync(path, next);
    }
  }
  prev = h;
}
if (check && changed) process.exit(1);
console.log(`${changed} migration header(s) ${check ? 'stale' : 'rewritten'}`);
