import PlanCastPlan

extension DataCurrency {
  /// `{"last_year": 2024, "target_year": 2025, "years_to_target": 1, "text": "data to 2024; …"}`,
  /// the text in `language`.
  public func json(_ language: Language) -> JSONValue {
    .object([
      ("last_year", .optional(lastYear)), ("target_year", .int(targetYear)),
      ("years_to_target", .optional(yearsToTarget)), ("text", .string(text(language))),
    ])
  }
}
