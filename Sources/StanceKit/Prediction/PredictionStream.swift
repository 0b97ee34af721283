import Dispatch
import Foundation
import LinearAlgebra

/// Scores streamed records block by block, on several threads, and writes the predictions
/// in input order.
///
/// ```
/// main thread   read block 1, 2, 3, …  ──▶ hand each to a worker ──▶ write block 1, 2, 3, …
/// workers       featurize, score, softmax, render the block's output bytes
/// ```
/// A block is ``blockSize`` records of one source. At most two blocks per thread are in
/// flight, so memory stays bounded by a few blocks, not by the input. Every record's
/// output depends only on the record and the model, and blocks are written in the order
/// they were read, so the output is the same bytes for any thread count. When reading
/// fails, the blocks read before are scored and written first, as a one-thread run would
/// have done, and then the error is thrown.
public struct PredictionStream: Sendable {
  /// The fitted pipeline.
  public let pipeline: Pipeline
  /// The output format.
  public let format: PredictionFormat
  /// How many features to explain per record, if any.
  public let explain: Int?
  /// Function words whose features explanations leave out, or `nil` to show every feature.
  public let hiding: StopWordList?
  /// Worker threads, at least 1; 1 scores on the calling thread.
  public let threads: Int

  /// Creates a stream.
  ///
  /// - Parameters:
  ///   - pipeline: The fitted pipeline.
  ///   - format: The output format.
  ///   - explain: How many features to explain per record, if any.
  ///   - hiding: Function words whose features explanations leave out, or `nil` (the
  ///     default) to show every feature.
  ///   - threads: Worker threads, at least 1.
  public init(
    pipeline: Pipeline, format: PredictionFormat, explain: Int?, hiding: StopWordList? = nil,
    threads: Int
  ) {
    self.pipeline = pipeline
    self.format = format
    self.explain = explain
    self.hiding = hiding
    self.threads = threads
  }

  /// Records per block.
  static let blockSize = 512

  /// Reads every source to its end and writes the predictions to `path` (see
  /// ``OutputFile``: a file is replaced atomically and only once every record is written;
  /// `-` is standard output).
  ///
  /// Open the sources before calling this, so that a bad input leaves no output behind.
  ///
  /// - Parameters:
  ///   - sources: The inputs, read in order.
  ///   - path: The output path, `-` for standard output.
  /// - Throws: The first reading or writing error; the output is then discarded.
  public func write(_ sources: inout [PredictionSource], to path: String) throws {
    let sink = try OutputFile(
      path: path, contents: "the predictions", wholeDocument: format == .json)
    do {
      try run(&sources, to: sink)
      try sink.commit()
    } catch {
      sink.discard()
      throw error
    }
  }

  /// Reads every source to its end and writes the predictions to `sink`.
  ///
  /// - Parameters:
  ///   - sources: The inputs, read in order.
  ///   - sink: Where the output goes.
  /// - Throws: The first reading or writing error.
  func run(_ sources: inout [PredictionSource], to sink: OutputFile) throws {
    var sourceIndex = 0
    func nextBlock() throws -> [DataRecord] {
      while sourceIndex < sources.count {
        let block = try sources[sourceIndex].nextBatch(size: Self.blockSize)
        if !block.isEmpty { return block }
        sourceIndex += 1
      }
      return []
    }
    let first = try nextBlock()
    let renderer = PredictionRenderer(
      format: format, labels: pipeline.labels, explains: explain != nil, first: first.first)
    if !first.isEmpty { try sink.write(renderer.header()) }
    let count: Int
    if threads == 1 {
      var block = first
      var start = 0
      while !block.isEmpty {
        try sink.write(render(block, startingAt: start, with: renderer))
        start += block.count
        block = try nextBlock()
      }
      count = start
    } else {
      count = try runConcurrently(first: first, next: nextBlock, renderer: renderer, to: sink)
    }
    try sink.write(renderer.footer(recordCount: count))
  }

  /// One block in flight: its output bytes, ready once `done` is signalled.
  private final class PendingBlock: @unchecked Sendable {
    /// Signalled by the worker after it has set ``bytes``.
    let done = DispatchSemaphore(value: 0)
    /// The rendered output; read only after `done`.
    var bytes: [UInt8] = []
  }

  /// The reading loop of a run on worker threads; returns the number of records.
  private func runConcurrently(
    first: [DataRecord], next: () throws -> [DataRecord], renderer: PredictionRenderer,
    to sink: OutputFile
  ) throws -> Int {
    let queue = DispatchQueue(label: "stance.predict", attributes: .concurrent)
    let workers = DispatchSemaphore(value: threads)
    let window = 2 * threads
    var pending: [PendingBlock] = []
    var head = 0
    // Whatever happens, no worker is left running when this returns.
    defer { for block in pending[head...] { block.done.wait() } }
    func writeHead() throws {
      let block = pending[head]
      block.done.wait()
      head += 1
      try sink.write(block.bytes)
      block.bytes = []
      if head == pending.count {
        pending.removeAll(keepingCapacity: true)
        head = 0
      }
    }
    var block = first
    var start = 0
    while !block.isEmpty {
      let job = PendingBlock()
      pending.append(job)
      let records = block
      let blockStart = start
      queue.async {
        workers.wait()
        job.bytes = render(records, startingAt: blockStart, with: renderer)
        workers.signal()
        job.done.signal()
      }
      start += block.count
      // Write what is done; wait for the oldest block only when the window is full.
      while head < pending.count {
        if pending.count - head < window {
          guard pending[head].done.wait(timeout: .now()) == .success else { break }
          pending[head].done.signal()
        }
        try writeHead()
      }
      do {
        block = try next()
      } catch {
        while head < pending.count { try writeHead() }
        throw error
      }
    }
    while head < pending.count { try writeHead() }
    return start
  }

  /// The output bytes of one block whose first record is record `start` of the output.
  func render(
    _ records: [DataRecord], startingAt start: Int, with renderer: PredictionRenderer
  ) -> [UInt8] {
    let features = pipeline.features(records.map(\.text))
    let scores = pipeline.model.decisionValues(features)
    let probabilities = pipeline.probabilities(decisionValues: scores)
    let predictions = pipeline.predictions(decisionValues: scores, probabilities: probabilities)
    let labels = pipeline.labels
    let classes = labels.count
    var out: [UInt8] = []
    out.reserveCapacity(records.count * 256)
    probabilities.withUnsafeBufferPointer { values in
      for (row, record) in records.enumerated() {
        let explanation = explain.map {
          pipeline.explain(record.text, forClass: predictions[row], count: $0, hiding: hiding)
        }
        renderer.render(
          record: record, label: labels[predictions[row]],
          probabilities: UnsafeBufferPointer(
            rebasing: values[(row * classes)..<((row + 1) * classes)]),
          explanation: explanation, isFirst: start + row == 0, into: &out)
      }
    }
    return out
  }
}
