import LinearAlgebra
import StanceTestSupport
import Testing

/// Chunked parallel passes: every element visited once, sums formed chunk by chunk in a
/// fixed order, so every thread count gives the same bits.
@Suite struct VectorChunksTests {
  /// Lengths around the chunk boundary and a vector of many chunks.
  static let lengths = [
    0, 1, VectorChunks.chunkLength - 1, VectorChunks.chunkLength,
    VectorChunks.chunkLength + 1, 7 * VectorChunks.chunkLength + 123,
  ]

  @Test(arguments: lengths)
  func sumsAreBitIdenticalForEveryThreadCount(count: Int) {
    var rng = SplitMix64(seed: UInt64(count) + 3)
    let x = (0..<count).map { _ in rng.nextGaussian() }
    let y = (0..<count).map { _ in rng.nextGaussian() }
    func sums(threads: Int) -> (Double, Double, Double, Double) {
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          VectorChunks(count: count, threads: threads).sums { range in
            var (xy, xx, yy, n) = (0.0, 0.0, 0.0, 0.0)
            for i in range {
              xy += x[i] * y[i]
              xx += x[i] * x[i]
              yy += y[i] * y[i]
              n += 1
            }
            return (xy, xx, yy, n)
          }
        }
      }
    }
    let one = sums(threads: 1)
    #expect(one.3 == Double(count))
    let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(isClose(one.0, dot, tolerance: 1e-12))
    #expect(isClose(one.1, x.reduce(0) { $0 + $1 * $1 }, tolerance: 1e-12))
    for threads in [2, 3, 5, 64] {
      let other = sums(threads: threads)
      #expect(other.0 == one.0 && other.1 == one.1 && other.2 == one.2 && other.3 == one.3)
    }
  }

  @Test(arguments: lengths)
  func forEachVisitsEveryElementOnce(count: Int) {
    for threads in [1, 2, 3] {
      var visits = [Int](repeating: 0, count: count)
      visits.withUnsafeMutableBufferPointer { visits in
        VectorChunks(count: count, threads: threads).forEachChunk { range in
          for i in range { visits[i] += 1 }
        }
      }
      #expect(visits.allSatisfy { $0 == 1 })
    }
  }
}
