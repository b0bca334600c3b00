#!/usr/bin/env node
// The `kitchen-db` command. In a clone it runs the TypeScript sources directly (Node 22.18+ strips
// types); in an installed package it runs the compiled dist/.
//
// The Node version is checked first, before anything is imported: on an older Node the sources
// fail with ERR_UNKNOWN_FILE_EXTENSION and a stack trace, which says nothing useful. No static
// import and no top-level await above the check, so even an old Node gets this far.
const NEED = [22, 18];
const found = process.versions.node;
const [major, minor] = found.split('.').map(Number);
if (major < NEED[0] || (major === NEED[0] && minor < NEED[1])) {
  process.stderr.write(
    `kitchen-db: needs Node.js ${NEED.join('.')} or newer (24 recommended), found ${found} at ${process.execPath}; ` +
      'get it from https://nodejs.org/en/download or with a version manager (nvm install 24)\n',
  );
  // Exit code 7: this Node.js is too old (README, "Exit codes").
  process.exit(7);
}

import('node:fs')
  .then(({ existsSync }) => {
    const src = new URL('../src/cli/main.ts', import.meta.url);
    const dist = new URL('../dist/cli/main.js', import.meta.url);
    return import(existsSync(src) ? src.href : dist.href);
  })
  .then(async ({ main }) => {
    process.exitCode = await main(process.argv);
  });
