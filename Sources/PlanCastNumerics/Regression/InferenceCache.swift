#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Student t distributions and two-sided critical values by (degrees of freedom, level),
/// computed once per process: the quantile costs a Newton iteration (≈ 0.5 µs), more than a
/// small QR, and every fit of the same shape needs the same one. Thread-safe: a mutex around a
/// direct-mapped table of `capacity` slots indexed by the degrees of freedom (a hash of the key
/// costs more than the rest of the lookup), so a colliding key simply replaces the slot.
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
  private var slots: [(key: Key, entry: Entry)?]

  private init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    slots = Array(repeating: nil, count: Self.capacity)
  }

  /// The slot of `key`: degrees of freedom modulo the capacity, mixed with the level's bits.
  private static func slot(_ key: Key) -> Int {
    let mixed =
      UInt(bitPattern: key.degreesOfFreedom) &+ UInt(truncatingIfNeeded: key.level.bitPattern >> 40)
      &* 31
    return Int(mixed % UInt(capacity))
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// The distribution with `degreesOfFreedom` and its critical value at confidence `level`.
  func entry(degreesOfFreedom: Int, level: Double) throws -> Entry {
    let key = Key(degreesOfFreedom: degreesOfFreedom, level: level)
    let index = Self.slot(key)
    pthread_mutex_lock(mutex)
    let cached = slots[index]
    pthread_mutex_unlock(mutex)
    if let cached, cached.key == key { return cached.entry }
    let distribution = try StudentT(degreesOfFreedom: Double(degreesOfFreedom))
    let entry = Entry(distribution: distribution, critical: distribution.quantile(0.5 + level / 2))
    pthread_mutex_lock(mutex)
    slots[index] = (key, entry)
    pthread_mutex_unlock(mutex)
    return entry
  }
}
