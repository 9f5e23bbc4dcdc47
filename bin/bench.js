#!/usr/bin/env node
// The `bench` command. By default it runs the TypeScript sources through tsx, so the command always
// matches the checkout. With PILEGATE_RUNTIME=dist it runs the plain JavaScript that
// `npm run build` wrote to dist/ (what a charger controller runs).
if (process.env.PILEGATE_RUNTIME === 'dist') {
  await import('../dist/test-benches/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../test-benches/src/cli/main.ts');
}
