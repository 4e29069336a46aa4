/// User text quoted back in messages, cut short so that a 10 MB cell or header line is not
/// echoed whole to the terminal.
public enum EchoText {
  /// The longest echo, in characters, before the cut.
  public static let limit = 60

  /// `text` itself when short, else its first ``limit`` characters, `…` and the full length.
  public static func short(_ text: String) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "… (\(text.utf8.count) bytes)"
  }

  /// A list of names joined by `, `, cut short like ``short(_:)`` once the list is long.
  public static func list(_ names: [String]) -> String {
    var shown: [String] = []
    var length = 0
    for name in names {
      let item = short(name)
      if length + item.count > 4 * limit, !shown.isEmpty {
        return shown.joined(separator: ", ") + ", … (\(names.count) names)"
      }
      shown.append(item)
      length += item.count + 2
    }
    return shown.joined(separator: ", ")
  }
}
