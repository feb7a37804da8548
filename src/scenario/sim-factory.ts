/**
 * The simulation a real `vrsim run` uses: the lead's `ClusterSim` behind the `SimFactory`
 * signature the runner expects.
 */
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import type { SimFactory } from './runner.js';

export const createClusterSim: SimFactory = (cluster, settings) => ClusterSim.create(cluster, settings);
