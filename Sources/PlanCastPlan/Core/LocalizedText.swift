/// A short message in both output languages (a reason, a remark), chosen when it is shown.
public struct LocalizedText: Sendable, Hashable {
  public let en: String
  public let zh: String

  public init(en: String, zh: String) {
    self.en = en
    self.zh = zh
  }

  /// The text in `language`.
  public func text(_ language: Language) -> String { language == .zh ? zh : en }
}
