import Foundation
import StanceSupport
import TextFeatures

/// Typed views of the binary sections of a checked file.
///
/// It points into the file's bytes, which stay valid and unchanged while the file is
/// decoded; the threads of ``ModelFile`` only read them.
struct SectionReader: @unchecked Sendable {
  let raw: UnsafeRawBufferPointer
  let dataStart: Int
  let layout: ModelFileLayout
  /// The checked header the layout comes from.
  let header: ModelFileHeader
  /// Told about each section once it has been copied.
  let release: @Sendable (Range<Int>) -> Void

  /// The byte range of a section within the file.
  private func span(_ name: SectionName) -> (offset: Int, count: Int) {
    let section = layout.section(name)
    return (dataStart + section.offset, section.count)
  }

  /// The bytes of a section where they lie in the file.
  func raw(_ name: SectionName) -> UnsafeRawBufferPointer {
    let section = layout.section(name)
    let offset = dataStart + section.offset
    return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + section.length)])
  }

  /// Tells ``release`` that a section read in place is no longer needed.
  func release(_ name: SectionName) {
    let section = layout.section(name)
    release((dataStart + section.offset)..<(dataStart + section.offset + section.length))
  }

  /// Calls `body` with a UInt64 section as `Int`s (see ``integers(_:)``): the file's own
  /// bytes when they are in the machine's order and aligned, else a copy.
  func withIntegers<Result, Failure: Error>(
    _ name: SectionName, _ body: (UnsafeBufferPointer<Int>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let bytes = raw(name)
    if MemoryLayout<Int>.size == 8 && 1.littleEndian == 1,
      let base = bytes.baseAddress, Int(bitPattern: base) % MemoryLayout<Int>.alignment == 0
    {
      return try body(bytes.bindMemory(to: Int.self))
    }
    let copy = integers(name)
    let result = copy.withUnsafeBufferPointer { buffer in
      Swift.Result { () throws(Failure) in try body(buffer) }
    }
    return try result.get()
  }

  /// A UInt8 section.
  func bytes(_ name: SectionName) -> [UInt8] {
    let (offset, count) = span(name)
    defer { release(offset..<(offset + count)) }
    return Array(raw[offset..<(offset + count)])
  }

  /// A UInt64 section as `Int` (values above `Int.max` become negative, which every
  /// consumer refuses).
  func integers(_ name: SectionName) -> [Int] {
    let (offset, count) = span(name)
    defer { release(offset..<(offset + 8 * count)) }
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      FreshPages.prefault(UnsafeMutableRawBufferPointer(buffer))
      if MemoryLayout<Int>.size == 8 && 1.littleEndian == 1, count > 0 {
        // The file's order is the machine's: one copy.
        UnsafeMutableRawBufferPointer(buffer).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 8 * count)]))
      } else {
        for index in 0..<count {
          buffer[index] = Int(
            truncatingIfNeeded: UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)
            ))
        }
      }
      initialized = count
    }
  }

  /// A Float64 section.
  func doubles(_ name: SectionName) -> [Double] {
    let (offset, count) = span(name)
    defer { release(offset..<(offset + 8 * count)) }
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      FreshPages.prefault(UnsafeMutableRawBufferPointer(buffer))
      if 1.littleEndian == 1, count > 0 {
        // The file's order is the machine's: one copy.
        UnsafeMutableRawBufferPointer(buffer).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 8 * count)]))
      } else {
        for index in 0..<count {
          buffer[index] = Double(
            bitPattern: UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)
            ))
        }
      }
      initialized = count
    }
  }
}
