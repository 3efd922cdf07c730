#!/usr/bin/env node
// The `sigil` command: enables TypeScript (tsx) in this process, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
