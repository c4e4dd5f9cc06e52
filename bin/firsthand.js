#!/usr/bin/env node
// Launcher for the firsthand CLI: loads the TypeScript sources through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

// tsconfig: false keeps a tsconfig.json in the caller's working directory from changing how the CLI compiles.
register({ tsconfig: false });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
