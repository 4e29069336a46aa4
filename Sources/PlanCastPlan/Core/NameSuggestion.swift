/// "Did you mean …?" for a misspelt name: the closest of the known names by edit distance,
/// if it is close enough to be a typo rather than a different word.
public enum NameSuggestion {
  /// The known name nearest to `name` (case-insensitive edit distance at most a third of
  /// the name's length, and at least 1), or `nil` when none is that close.
  public static func closest<S: Sequence>(to name: String, among known: S) -> String?
  where S.Element == String {
    let target = Array(name.lowercased())
    let limit = Swift.max(1, target.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in known {
      let d = distance(target, Array(candidate.lowercased()))
      if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
    }
    return best?.name
  }

  /// ` Did you mean 'x'?` when a close name exists, else the empty string: for appending to a
  /// message.
  public static func didYouMean<S: Sequence>(_ name: String, among known: S) -> String
  where S.Element == String {
    closest(to: name, among: known).map { " Did you mean '\($0)'?" } ?? ""
  }

  /// Edit distance between two character arrays counting insertions, deletions,
  /// substitutions and swaps of neighbours as one edit each (optimal string alignment: the
  /// usual typos).
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = Swift.min(substitution, previous[j] + 1, current[j - 1] + 1)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
