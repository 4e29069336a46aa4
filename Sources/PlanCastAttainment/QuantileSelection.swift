/// Order statistics in linear expected time (Hoare's selection), for summarising millions of
/// draws without sorting them.
enum QuantileSelection {
  /// The `p` quantiles of `values` (type 7, linear interpolation), reordering `values`.
  static func quantiles(_ values: inout [Double], _ ps: [Double]) -> [Double] {
    guard !values.isEmpty else { return ps.map { _ in .nan } }
    let n = values.count
    return values.withUnsafeMutableBufferPointer { buffer in
      ps.map { p in
        let position = p * Double(n - 1)
        let lower = Int(position.rounded(.down))
        let fraction = position - Double(lower)
        let a = select(buffer, lower)
        guard fraction > 0, lower + 1 < n else { return a }
        // The next order statistic is the minimum of the upper part.
        var b = Double.infinity
        for k in (lower + 1)..<n where buffer[k] < b { b = buffer[k] }
        return a + fraction * (b - a)
      }
    }
  }

  /// The `k`-th smallest element (0-based); partitions `buffer` around it.
  static func select(_ buffer: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
    var low = 0
    var high = buffer.count - 1
    while low < high {
      let pivot = median3(buffer[low], buffer[(low + high) / 2], buffer[high])
      var i = low
      var j = high
      while i <= j {
        while buffer[i] < pivot { i += 1 }
        while buffer[j] > pivot { j -= 1 }
        if i <= j {
          buffer.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        high = j
      } else if k >= i {
        low = i
      } else {
        return buffer[k]
      }
    }
    return buffer[k]
  }

  static func median3(_ a: Double, _ b: Double, _ c: Double) -> Double {
    max(min(a, b), min(max(a, b), c))
  }
}
