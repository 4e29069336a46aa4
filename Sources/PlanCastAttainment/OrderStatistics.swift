/// Exact order statistics of a large array without reordering or copying it: one pass for the
/// range, one to histogram the values into equal-width buckets, one to collect the few buckets
/// that hold a wanted rank, then selection (``QuantileSelection``) inside those buckets only.
/// For the engine's 10^6 draws per target this reads the data three times, where quickselect
/// swaps through it several times per rank.
///
/// NaN is ordered above +∞, so the result is defined for any input.
struct OrderStatistics {
  /// The value of every requested rank.
  private var values: [Int: Double] = [:]
  let count: Int

  /// The order statistics of `data` at `ranks` (0-based, each in `0..<data.count`).
  init(_ data: UnsafeBufferPointer<Double>, ranks: some Sequence<Int>) {
    count = data.count
    let wanted = Set(ranks)
    guard !data.isEmpty, !wanted.isEmpty else { return }
    var low = Double.infinity
    var high = -Double.infinity
    var nans = 0
    for x in data {
      nans &+= x.isNaN ? 1 : 0
      if x.isFinite {
        low = Swift.min(low, x)
        high = Swift.max(high, x)
      }
    }
    let ordered = count - nans  // ranks below this are numbers, the rest NaN
    var numbered: [Int] = []
    for rank in wanted {
      if rank >= ordered { values[rank] = .nan } else { numbered.append(rank) }
    }
    guard !numbered.isEmpty else { return }
    guard low < high else {
      // At most one finite value: the order is −∞ …, that value …, +∞ ….
      var below = 0
      var equal = 0
      for x in data where !x.isNaN {
        if x < low { below += 1 } else if x == low { equal += 1 }
      }
      for rank in numbered {
        values[rank] =
          rank < below ? -.infinity : rank < below + equal ? low : .infinity
      }
      return
    }
    // Bucket of x: monotone in x (subtraction, product and truncation all are), so buckets are
    // ordered like their contents; −∞ falls in the first and +∞ in the last.
    let buckets = Swift.max(16, Swift.min(1 << 16, count / 16))
    let scale = Double(buckets) / (high - low)
    let last = buckets - 1
    @inline(__always) func bucket(_ x: Double) -> Int {
      let position = (x - low) * scale
      return position >= Double(last) ? last : position <= 0 ? 0 : Int(position)
    }
    var histogram = [Int32](repeating: 0, count: buckets)
    histogram.withUnsafeMutableBufferPointer { histogram in
      let counts = histogram.baseAddress!
      for x in data where !x.isNaN { counts[bucket(x)] &+= 1 }
    }
    // Which bucket holds each rank, and how many values lie in earlier buckets.
    let sortedRanks = numbered.sorted()
    var holder: [Int: (bucket: Int, before: Int)] = [:]
    var cumulative = 0
    var next = 0
    for b in 0..<buckets where next < sortedRanks.count {
      let end = cumulative + Int(histogram[b])
      while next < sortedRanks.count, sortedRanks[next] < end {
        holder[sortedRanks[next]] = (b, cumulative)
        next += 1
      }
      cumulative = end
    }
    // Collect the holding buckets' values (slot per bucket), then select within each.
    var slotOfBucket = [Int32](repeating: -1, count: buckets)
    var contents: [[Double]] = []
    for (_, h) in holder.sorted(by: { $0.value.bucket < $1.value.bucket })
    where slotOfBucket[h.bucket] < 0 {
      slotOfBucket[h.bucket] = Int32(contents.count)
      contents.append([])
      contents[contents.count - 1].reserveCapacity(Int(histogram[h.bucket]))
    }
    slotOfBucket.withUnsafeBufferPointer { slotOfBucket in
      let slots = slotOfBucket.baseAddress!
      for x in data where !x.isNaN {
        let slot = slots[bucket(x)]
        if slot >= 0 { contents[Int(slot)].append(x) }
      }
    }
    for (rank, h) in holder {
      let slot = Int(slotOfBucket[h.bucket])
      values[rank] = contents[slot].withUnsafeMutableBufferPointer {
        QuantileSelection.select($0, rank - h.before)
      }
    }
  }

  /// The order statistic of `rank` (one of the ranks asked for).
  subscript(rank: Int) -> Double { values[rank] ?? .nan }

  /// The ranks type-7 quantiles at `levels` need (``QuantileSelection/type7Ranks(_:count:)``).
  static func ranks(count n: Int, levels: [Double]) -> [Int] {
    levels.flatMap { QuantileSelection.type7Ranks($0, count: n) }
  }

  /// The type-7 quantile at `p` of `f(x)` over the data, for `f` monotone (increasing or, with
  /// `decreasing`, decreasing): the order statistics of `f(x)` are `f` of those of `x`, so no
  /// array of `f(x)` is needed. Requires the ranks of ``ranks(count:levels:)`` for `p`
  /// (for a decreasing `f`, mirrored: rank `n−1−k` for each `k`).
  func quantile(_ p: Double, decreasing: Bool = false, of f: (Double) -> Double = { $0 })
    -> Double
  {
    let n = count
    guard n > 0 else { return .nan }
    return QuantileSelection.type7(p, count: n) { k in f(self[decreasing ? n - 1 - k : k]) }
  }
}
