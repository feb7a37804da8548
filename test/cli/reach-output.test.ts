/**
 * `vrsim reach` output as users read it: empty results said in words, not drawn as a
 * broken frame.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const NO_PODS = 'test/fixtures/reach/no-pods.yaml';

describe('reach with nothing to probe', () => {
  it('says so in a sentence instead of drawing +-----++', async () => {
    const r = await cli('reach', '-f', NO_PODS);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('+-');
    expect(r.out).toBe('no sources and no destinations match: the truth table is empty (the manifests define no pods to probe; --hosts adds the node hosts)\n');
  });
});
