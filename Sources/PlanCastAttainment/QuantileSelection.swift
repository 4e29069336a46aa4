/// Order statistics in linear expected time (Hoare's selection), for summarising millions of
/// draws without sorting them.
enum QuantileSelection {
  /// The `p` quantiles of `values` (type 7, linear interpolation), reordering `values`.
  ///
  /// Every order statistic needed (the one at or below each position and, when it interpolates,
  /// the next) is found by one multi-selection: select the middle one, then recurse into the
  /// parts on either side, so `m` quantiles cost about `n·log₂ m` rather than `m·n` comparisons.
  static func quantiles(_ values: inout [Double], _ ps: [Double]) -> [Double] {
    guard !values.isEmpty else { return ps.map { _ in .nan } }
    let n = values.count
    return values.withUnsafeMutableBufferPointer { buffer in
      let ranks = Set(ps.flatMap { type7Ranks($0, count: n) }).sorted()
      ranks.withUnsafeBufferPointer { multiselect(buffer, 0, n - 1, $0[...]) }
      return ps.map { p in type7(p, count: n) { buffer[$0] } }
    }
  }

  /// The order statistics (0-based ranks) the type-7 quantile at `p` of `n` values reads:
  /// `⌊p(n−1)⌋`, and the next one when it interpolates.
  static func type7Ranks(_ p: Double, count n: Int) -> [Int] {
    let position = p * Double(n - 1)
    let lower = Int(position.rounded(.down))
    return position - Double(lower) > 0 && lower + 1 < n ? [lower, lower + 1] : [lower]
  }

  /// The type-7 quantile at `p` of `n` values, given their order statistic of each rank
  /// ``type7Ranks(_:count:)`` names: linear interpolation between them.
  static func type7(_ p: Double, count n: Int, statistic: (Int) -> Double) -> Double {
    let position = p * Double(n - 1)
    let lower = Int(position.rounded(.down))
    let fraction = position - Double(lower)
    let a = statistic(lower)
    guard fraction > 0, lower + 1 < n else { return a }
    return a + fraction * (statistic(lower + 1) - a)
  }

  /// Puts the order statistic of every rank in `ranks` (sorted, within `low...high`) in place.
  static func multiselect(
    _ buffer: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int,
    _ ranks: Slice<UnsafeBufferPointer<Int>>
  ) {
    guard !ranks.isEmpty, low <= high else { return }
    let middle = ranks.startIndex + ranks.count / 2
    let k = ranks[middle]
    _ = select(buffer, k, low: low, high: high)
    multiselect(buffer, low, k - 1, ranks[ranks.startIndex..<middle])
    multiselect(buffer, k + 1, high, ranks[(middle + 1)...])
  }

  /// The `k`-th smallest element (0-based); partitions `buffer` around it.
  static func select(_ buffer: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
    select(buffer, k, low: 0, high: buffer.count - 1)
  }

  /// The `k`-th smallest element of `buffer[low...high]` (k absolute); partitions that range
  /// around it.
  static func select(
    _ buffer: UnsafeMutableBufferPointer<Double>, _ k: Int, low: Int, high: Int
  ) -> Double {
    var low = low
    var high = high
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
