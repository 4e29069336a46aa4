/// A dense real matrix stored column-major in one contiguous `[Double]`, the layout BLAS and
/// LAPACK expect. Element (i, j) lives at `elements[i + j * rows]`.
public struct Matrix: Equatable, Sendable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The elements, column after column.
  public var elements: [Double]

  /// A `rows × columns` matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over column-major elements; throws when the count does not match.
  public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws {
    guard rows >= 0, columns >= 0, elements.count == rows * columns else {
      throw LinearAlgebraError.dimensionMismatch(
        "\(elements.count) elements cannot fill a \(rows)×\(columns) matrix")
    }
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix whose columns are the given arrays, which must have equal lengths.
  public init(columns: [[Double]]) throws {
    let rowCount = columns.first?.count ?? 0
    guard columns.allSatisfy({ $0.count == rowCount }) else {
      throw LinearAlgebraError.dimensionMismatch("columns of unequal length")
    }
    self.rows = rowCount
    self.columns = columns.count
    self.elements = columns.flatMap { $0 }
  }

  /// A matrix from row arrays (convenient for literals in tests and examples).
  public init(rows: [[Double]]) throws {
    let columnCount = rows.first?.count ?? 0
    guard rows.allSatisfy({ $0.count == columnCount }) else {
      throw LinearAlgebraError.dimensionMismatch("rows of unequal length")
    }
    self.init(rows: rows.count, columns: columnCount)
    for (i, row) in rows.enumerated() {
      for (j, value) in row.enumerated() { self[i, j] = value }
    }
  }

  /// The `n × n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// Element at row `i`, column `j`.
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get { elements[i + j * rows] }
    set { elements[i + j * rows] = newValue }
  }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] {
    Array(elements[(j * rows)..<((j + 1) * rows)])
  }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Double] {
    (0..<columns).map { self[i, $0] }
  }

  /// The matrix made of the listed columns, in that order.
  public func selectingColumns(_ indices: [Int]) -> Matrix {
    var result = Matrix(rows: rows, columns: indices.count)
    for (k, j) in indices.enumerated() {
      result.elements.replaceSubrange(
        (k * rows)..<((k + 1) * rows), with: elements[(j * rows)..<((j + 1) * rows)])
    }
    return result
  }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { t[j, i] = self[i, j] }
    }
    return t
  }

  /// The main diagonal.
  public var diagonal: [Double] {
    (0..<Swift.min(rows, columns)).map { self[$0, $0] }
  }

  /// True when every element is finite (no NaN or infinity).
  public var isFinite: Bool { Matrix.allFinite(elements) }

  /// True when every value is finite: `v·0` is 0 for finite `v` and NaN otherwise, and NaN
  /// survives the sum. One branch-free pass that the compiler vectorizes (`allSatisfy` with a
  /// closure costs about 15 instructions per element).
  @inlinable
  public static func allFinite(_ values: [Double]) -> Bool {
    values.withUnsafeBufferPointer { buffer in
      // Four independent sums: a single one is a loop-carried chain the compiler may not
      // reorder.
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      var s3 = 0.0
      var i = 0
      let n = buffer.count
      while i + 4 <= n {
        s0 += buffer[i] * 0
        s1 += buffer[i + 1] * 0
        s2 += buffer[i + 2] * 0
        s3 += buffer[i + 3] * 0
        i += 4
      }
      while i < n {
        s0 += buffer[i] * 0
        i += 1
      }
      return (s0 + s1) + (s2 + s3) == 0
    }
  }
}
