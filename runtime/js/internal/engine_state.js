'use strict';
// Engine state node:vm and node:v8 share: the V8 flags dx honours (set by
// v8.setFlagsFromString) and how many vm realms are alive (v8.getHeapStatistics reports it).

module.exports = {
  /** `--expose-gc`: new vm contexts get a global `gc()`, as in Node. */
  exposeGc: false,
  /** vm contexts created and not yet collected. */
  liveRealms: 0,
};
