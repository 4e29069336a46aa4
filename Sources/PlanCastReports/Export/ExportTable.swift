import PlanCastPlan

/// A table ready to export: a stable id (file and sheet name), the versioned JSON schema its
/// JSON form follows, titles in both languages, the table, and notes (series left out, say)
/// that go into the run manifest.
public struct ExportTable: Sendable {
  /// File stem and sheet name, e.g. "projections".
  public let id: String
  /// The schema of the JSON form, e.g. "projections.v1" for `Schemas/projections.v1.schema.json`.
  public let schema: String
  public let titleEN: String
  public let titleZH: String
  public let table: Table
  public let notes: [String]

  public init(
    id: String, schema: String, titleEN: String, titleZH: String, table: Table,
    notes: [String] = []
  ) {
    self.id = id
    self.schema = schema
    self.titleEN = titleEN
    self.titleZH = titleZH
    self.table = table
    self.notes = notes
  }

  public func title(_ language: Language) -> String { language == .zh ? titleZH : titleEN }

  /// The JSON document: schema id, model, language, the columns and one object per row keyed
  /// by the columns' stable keys (numbers as numbers, empty cells as `null`).
  public func json(model: String, language: Language) -> JSONValue {
    .object([
      ("schema", .string(schema)),
      ("table", .string(id)),
      ("title", .string(title(language))),
      ("model", .string(model)),
      ("language", .string(language.rawValue)),
      (
        "columns",
        .array(
          zip(table.keys, table.headers).map {
            .object([("key", .string($0.0)), ("header", .string($0.1))])
          })
      ),
      (
        "rows",
        .array(
          table.rows.map { row in
            .object(zip(table.keys, row).map { ($0.0, $0.1.json) })
          })
      ),
    ])
  }
}

/// Names of areas, indicators and units in the chosen language, falling back to the id.
public struct ModelNames: Sendable {
  public let model: PlanModel
  public let language: Language

  public init(model: PlanModel, language: Language) {
    self.model = model
    self.language = language
  }

  public func area(_ id: String) -> String { model.data.areaName(id, language) }
  public func indicator(_ id: String) -> String { model.data.indicatorName(id, language) }
  public func unit(_ id: String) -> String { model.config.units[id]?.name(language) ?? id }
  /// A forecasting model's name for a reader ("declared: ar" reads "声明的 ar" in Chinese);
  /// exports keep the name as the engine gives it.
  public func forecaster(_ name: String) -> String {
    language == .zh ? name.replacingOccurrences(of: "declared: ", with: "声明的 ") : name
  }
}
