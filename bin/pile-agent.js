#!/usr/bin/env node
// The `pile-agent` command. Runs the TypeScript source through tsx, so the command always matches the
// checkout; `npm run build` produces dist/ for controllers that run plain JavaScript.
import { register } from 'tsx/esm/api';

register();
await import('../pile-agent/src/cli/main.ts');
