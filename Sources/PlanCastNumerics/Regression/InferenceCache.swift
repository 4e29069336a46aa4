#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Student t distributions and two-sided critical values by (degrees of freedom, level),
/// computed once per process: the quantile costs a Newton iteration (≈ 0.5 µs), more than a
/// small QR, and every fit of the same shape needs the same one. Thread-safe (a mutex around a
/// small dictionary that is emptied when it grows past `capacity`).
final class StudentTCache: @unchecked Sendable {
  struct Key: Hashable {
    let degreesOfFreedom: Int
    let level: Double
  }

  struct Entry {
    let distribution: StudentT
    /// `t` with `P(|T| ≤ t) = level`.
    let critical: Double
  }

  static let shared = StudentTCache()
  static let capacity = 512

  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var entries: [Key: Entry] = [:]

  private init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// The distribution with `degreesOfFreedom` and its critical value at confidence `level`.
  func entry(degreesOfFreedom: Int, level: Double) throws -> Entry {
    let key = Key(degreesOfFreedom: degreesOfFreedom, level: level)
    pthread_mutex_lock(mutex)
    let cached = entries[key]
    pthread_mutex_unlock(mutex)
    if let cached { return cached }
    let distribution = try StudentT(degreesOfFreedom: Double(degreesOfFreedom))
    let entry = Entry(distribution: distribution, critical: distribution.quantile(0.5 + level / 2))
    pthread_mutex_lock(mutex)
    if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
    entries[key] = entry
    pthread_mutex_unlock(mutex)
    return entry
  }
}
