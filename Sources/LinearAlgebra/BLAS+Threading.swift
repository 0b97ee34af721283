#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BLAS {
  /// Asks the BLAS library to run every routine on the calling thread.
  ///
  /// StanceKit parallelises its own loops by row blocks; when OpenBLAS also splits each
  /// level-1 call (`dot`, `axpy`, `nrm2` over millions of parameters) across a thread
  /// pool, its workers spin in `sched_yield` between calls and compete with StanceKit's
  /// threads for the same cores (a profile of trust-region training on 2 cores spent about
  /// a quarter of its CPU time there). A single BLAS thread also makes dot products sum in
  /// one fixed order, independent of the machine's core count.
  ///
  /// The BLAS in use is found at run time (`openblas_set_num_threads`, looked up with
  /// `dlsym`); with a BLAS that has no such function (reference BLAS) this does nothing.
  /// The call is made once per process; later calls return at once.
  public static func useCallingThreadOnly() {
    _ = singleThreadedBLAS
  }
}

/// Set on first use: looks up and calls `openblas_set_num_threads(1)` if it exists.
private let singleThreadedBLAS: Bool = {
  guard let handle = dlopen(nil, RTLD_NOW),
    let symbol = dlsym(handle, "openblas_set_num_threads")
  else { return false }
  typealias SetThreads = @convention(c) (Int32) -> Void
  unsafeBitCast(symbol, to: SetThreads.self)(1)
  return true
}()
