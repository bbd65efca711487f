//! Working memory reused from one group to the next, so that scoring a batch
//! allocates nothing per group once the buffers have grown.

/// Buffers for [`crate::score_group`]; create one per thread and reuse it.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    pub(crate) counts: Vec<f64>,
    pub(crate) source_bytes: Vec<f64>,
    pub(crate) destination_bytes: Vec<f64>,
    pub(crate) sorted: Vec<f64>,
    pub(crate) period_n: Vec<f64>,
    pub(crate) period_r: Vec<f64>,
    pub(crate) x: Vec<f64>,
    pub(crate) y: Vec<f64>,
    pub(crate) xy: Vec<f64>,
    pub(crate) block_x: Vec<f64>,
    pub(crate) block_y: Vec<f64>,
    pub(crate) block_xy: Vec<f64>,
    pub(crate) deviation: Vec<f64>,
    pub(crate) squared: Vec<f64>,
    pub(crate) divisors: Vec<i64>,
    pub(crate) products: Vec<f64>,
    pub(crate) spans: Vec<f64>,
    pub(crate) ranked_ips: Vec<(u64, u32, u32)>,
}

impl Scratch {
    /// `R[p]` for the candidate periods `p = 2, 3, ...` of the group last
    /// scored with this scratch: the autocorrelation curve behind
    /// `max_autocovariance_period`. Empty when that group took the early exit.
    pub fn autocorrelation_by_period(&self) -> &[f64] {
        &self.period_r
    }
}
