/**
 * Attaching a `PacketCapture` to a running `ClusterSim` and writing the file: the capture is
 * both the vRouters' tap and (tee'd with whatever else listens, e.g. `vrsim trace`) their
 * trace listener. Writing goes through the caller's `writeFile` so this layer does no I/O.
 */
import { teeTraceListeners, type TraceListener } from '../../dataplane/trace-events.js';
import type { ClusterSim } from '../../sim/cluster/cluster-sim.js';
import { PacketCapture } from './capture.js';

export function attachCapture(sim: ClusterSim, other?: TraceListener): PacketCapture {
  const capture = new PacketCapture(() => sim.wiring.vrouterList());
  sim.setCaptureTap(capture);
  sim.setTraceListener(teeTraceListeners(capture.listener, other));
  return capture;
}

export function detachCapture(sim: ClusterSim, other?: TraceListener): void {
  sim.setCaptureTap(undefined);
  sim.setTraceListener(other);
}
