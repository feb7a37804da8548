/**
 * The simulation a real `vrsim run` uses: the lead's `ClusterSim` behind the `SimFactory`
 * signature the runner expects.
 */
import type { SimFactory } from './runner.js';

// TODO(cluster-sim): replace with ClusterSim.create once src/sim/cluster/cluster-sim.ts lands.
export const createClusterSim: SimFactory = () => {
  throw new Error('ClusterSim is not built yet (src/sim/cluster/cluster-sim.ts)');
};
