#!/usr/bin/env node
// The `kitchen-db` command. In a clone it runs the TypeScript sources directly (Node 22.18+ strips
// types); in an installed package it runs the compiled dist/.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli/main.ts', import.meta.url);
const dist = new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import(existsSync(src) ? src.href : dist.href);
process.exitCode = await main(process.argv);
