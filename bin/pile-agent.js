#!/usr/bin/env node
// The `pile-agent` command. By default it runs the TypeScript sources through tsx, so the command always
// matches the checkout. With PILEGATE_RUNTIME=dist it runs the plain JavaScript that
// `npm run build` wrote to dist/ (what a charger controller runs).
if (process.env.PILEGATE_RUNTIME === 'dist') {
  await import('../dist/pile-agent/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../pile-agent/src/cli/main.ts');
}
