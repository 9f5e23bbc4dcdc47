// provision and probe: commissioning on site passes the identity and secret on whole (the secret never
// in the answer), a refused identity is an error; probe answers the agent's own view as one JSON
// line, for the view named, and refuses anything else.
import { describe, expect, it } from 'vitest';
import { kit } from './command-test-kit.js';

describe('provision', () => {
  it('passes the identity and the secret on and answers without the secret', async () => {
    const { ctx, run } = kit();
    const r = await run('provision YARD1-P1 3 mqtt://10.0.0.5:1883 s3cret-value-1');
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual(['provisioned as pile YARD1-P1']);
    expect(ctx.provisioned).toEqual([{ identity: { pileId: 'YARD1-P1', stationId: 3, url: 'mqtt://10.0.0.5:1883' }, secret: 's3cret-value-1' }]);
    expect(JSON.stringify(r)).not.toContain('s3cret');
  });

  it('says why an identity is refused, and a missing or bad argument is refused before it', async () => {
    const { ctx, run } = kit();
    ctx.provisionError = 'url: mqtt://host:port or mqtts://host:port';
    expect((await run('provision P1 3 http://x s3cret-value-1')).lines).toEqual(['error: not provisioned: url: mqtt://host:port or mqtts://host:port']);
    ctx.provisionError = null;
    expect((await run('provision P1 0 mqtt://x:1 s3cret-value-1')).ok).toBe(false);
    expect((await run('provision P1 3 mqtt://x:1')).ok).toBe(false);
    expect(ctx.provisioned).toEqual([]);
  });
});

describe('probe', () => {
  it("answers the agent's view as JSON, with the limit for sessions", async () => {
    const { ctx, run } = kit();
    ctx.probeAnswers = { connectors: [{ id: 1, phase: 'charging' }], link: 'online' };
    const r = await run('probe connectors');
    expect(r.value).toEqual([{ id: 1, phase: 'charging' }]);
    expect(JSON.parse(r.lines[0])).toEqual([{ id: 1, phase: 'charging' }]);
    expect((await run('probe link')).value).toBe('online');
    expect((await run('probe sessions 5')).value).toBeNull();
    expect(ctx.probes).toEqual(['connectors 20', 'link 20', 'sessions 5']);
    expect((await run('probe journal')).ok).toBe(false);
    expect(ctx.probes).toHaveLength(3);
  });
});
