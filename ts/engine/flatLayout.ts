/**
 * Mirror of `crates/beaconwatch-core/src/flat.rs`: parameters and scores as
 * flat arrays of doubles, as both bindings (WebAssembly, native) hand them
 * over. Change both together; the layout test pins them to each other.
 */

export const PARAM_COUNT = 11;

export const SCORE_STRIDE = 21;
export const SCORE_FLAGS = 0;
export const SCORE_BEACONING_SCORE = 1;
export const SCORE_INTERVAL = 2;
export const SCORE_NON_EMPTY_BUCKETS = 3;
export const SCORE_MEAN_SOURCE_BYTES = 4;
export const SCORE_STD_DEV_SOURCE_BYTES = 5;
export const SCORE_SOURCE_BYTES_PERCENTILES = 6;
export const SCORE_MEAN_DESTINATION_BYTES = 8;
export const SCORE_STD_DEV_DESTINATION_BYTES = 9;
export const SCORE_DESTINATION_BYTES_PERCENTILES = 10;
export const SCORE_MEAN_COUNTS = 12;
export const SCORE_VARIANCE_COUNTS = 13;
export const SCORE_COUNTS_PERCENTILES = 14;
export const SCORE_AUTOCOVARIANCE = 16;
export const SCORE_MAX_AUTOCOVARIANCE_PERIOD = 17;
export const SCORE_MAX_TIMESTAMP_MS = 18;
export const SCORE_MAX_INGESTED_MS = 19;
export const SCORE_TOP_IP_COUNT = 20;

export const FLAG_HAS_STATS = 1;
export const FLAG_IS_BEACONING = 1 << 1;
export const FLAG_LOW_SOURCE_BYTES_VARIATION = 1 << 2;
export const FLAG_LOW_DESTINATION_BYTES_VARIATION = 1 << 3;
export const FLAG_LOW_COUNT_VARIATION = 1 << 4;
export const FLAG_PERIODIC = 1 << 5;
