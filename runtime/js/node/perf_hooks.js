// node:perf_hooks — the performance timeline (marks, measures) and observers of it. The
// timeline itself is the `performance` global's (internal/performance).
'use strict';

const timeline = require('internal/performance');

module.exports = {
  performance: timeline.performance,
  PerformanceEntry: timeline.PerformanceEntry,
  PerformanceMark: timeline.PerformanceMark,
  PerformanceMeasure: timeline.PerformanceMeasure,
  PerformanceObserver: timeline.PerformanceObserver,
  PerformanceObserverEntryList: timeline.PerformanceObserverEntryList,
  constants: {
    NODE_PERFORMANCE_GC_MAJOR: 4,
    NODE_PERFORMANCE_GC_MINOR: 1,
    NODE_PERFORMANCE_GC_INCREMENTAL: 8,
    NODE_PERFORMANCE_GC_WEAKCB: 16,
    NODE_PERFORMANCE_GC_FLAGS_NO: 0,
    NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
    NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
    NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
    NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
    NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
    NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
  },
};
