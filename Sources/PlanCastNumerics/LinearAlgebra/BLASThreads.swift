import COpenBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// OpenBLAS's own thread pool. PlanCast's matrices are small (designs of tens of rows, factors of
/// a few dozen) and its Monte Carlo runs and sweeps are parallel across draws already, so BLAS
/// threads only cost: once woken, OpenBLAS's idle workers spin in `sched_yield` and take a core
/// from the simulation.
public enum BLASThreads {
  /// BLAS on the calling thread only, unless the user chose a count with
  /// `OPENBLAS_NUM_THREADS` (or `OMP_NUM_THREADS`). Call before the first BLAS call.
  public static func useCallingThreadUnlessConfigured() {
    guard getenv("OPENBLAS_NUM_THREADS") == nil, getenv("OMP_NUM_THREADS") == nil else { return }
    useCallingThread()
  }

  /// BLAS on the calling thread only.
  public static func useCallingThread() {
    if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
  }
}
