/**
 * `node dist/bench/gen/write-manifests.js <pods> [seed]`: print generated manifests
 * (`manifest-gen.ts`) on stdout, e.g. for `vrsim reach -f` at a chosen size;
 * `... <workloads>x<replicas> [seed]`: that many Deployments of that many replicas.
 */
import { generateManifests, generateWorkloadManifests } from './manifest-gen.js';

const shape = /^(\d+)x(\d+)$/.exec(process.argv[2] ?? '');
if (shape !== null) {
  process.stdout.write(generateWorkloadManifests({ workloads: Number(shape[1]), replicas: Number(shape[2]), seed: Number(process.argv[3] ?? '1') }));
  process.exit(0);
}

const pods = Number(process.argv[2] ?? '100');
const seed = Number(process.argv[3] ?? '1');
if (!Number.isInteger(pods) || pods < 1 || !Number.isInteger(seed) || seed < 0) {
  process.stderr.write('usage: write-manifests.js <pods >= 1> [seed >= 0]\n');
  process.exit(2);
}
process.stdout.write(generateManifests({ pods, seed }));
