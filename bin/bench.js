#!/usr/bin/env node
// The `bench` command: the built JavaScript in dist/ while it matches the sources (`npm run build`),
// else the TypeScript sources through tsx; PILEGATE_RUNTIME=dist|tsx forces one (bin/runtime.js).
import { runCommand } from './runtime.js';

await runCommand('test-benches/src/cli/main');
