/**
 * `node dist/bench/gen/write-manifests.js <pods> [seed]`: print generated manifests
 * (`manifest-gen.ts`) on stdout, e.g. for `vrsim reach -f` at a chosen size.
 */
import { generateManifests } from './manifest-gen.js';

const pods = Number(process.argv[2] ?? '100');
const seed = Number(process.argv[3] ?? '1');
if (!Number.isInteger(pods) || pods < 1 || !Number.isInteger(seed) || seed < 0) {
  process.stderr.write('usage: write-manifests.js <pods >= 1> [seed >= 0]\n');
  process.exit(2);
}
process.stdout.write(generateManifests({ pods, seed }));
