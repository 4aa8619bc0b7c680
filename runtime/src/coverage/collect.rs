//! The runtime side of coverage: the loader creates a file's counter array before the file's
//! code can run, and the test runner reads every array out after a test file finished.

use rquickjs::{Array, Ctx, object::Property};

use super::{CoverageMap, FileCoverage};
use crate::JsRuntime;

/// Creates the counters of an instrumented file (once per runtime), as a non-enumerable global
/// so that code enumerating `globalThis` does not see it.
pub(crate) fn install_counters(ctx: &Ctx<'_>, map: &CoverageMap) -> rquickjs::Result<()> {
    let globals = ctx.globals();
    if globals.contains_key(map.global.as_str())? {
        return Ok(());
    }
    let counters = Array::new(ctx.clone())?;
    for index in 0..map.counters as usize {
        counters.set(index, 0)?;
    }
    globals.prop(map.global.as_str(), Property::from(counters))
}

/// The hits of every instrumented file `runtime` loaded.
pub fn collect(runtime: &JsRuntime) -> Vec<FileCoverage> {
    let files = runtime.host().modules.instrumented();
    runtime.with(|ctx| {
        files
            .into_iter()
            .map(|(path, map)| {
                let counters: Option<Array> = ctx.globals().get(map.global.as_str()).ok();
                let mut file = FileCoverage::unexecuted(&path, map);
                if let Some(counters) = counters {
                    for (index, hits) in file.hits.iter_mut().enumerate() {
                        *hits = counters.get::<f64>(index).map_or(0, |n| n as u64);
                    }
                }
                file
            })
            .collect()
    })
}
