//! `veil perturb DIR`: placeholder, filled in by the robustness work.
use crate::Args;
pub fn run(_args: &Args) -> Result<(), String> {
    Err("perturb is not built yet".into())
}
